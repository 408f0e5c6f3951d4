"""Afspraken as output: contacts per role for the outcome, the Markdown section and the
YAML template that `afspraken init` writes."""

from __future__ import annotations

import json
from typing import Any

from stappenplan.afspraken.model import (
    ARRANGEMENTS,
    NOT_AGREED,
    NOT_IN_PARAGRAPH,
    PER_INCIDENT,
    Afspraken,
    Person,
    RoleContact,
)
from stappenplan.output.markdown import cell, inline
from stappenplan.plan.model import Plan
from stappenplan.text import dutch_date

# --- contacts for the outcome -----------------------------------------------------------------


def _reach(person: Person) -> str:
    return ", ".join(part for part in (person.name, person.phone) if part)


def contact_texts(afspraken: Afspraken, plan: Plan) -> dict[str, str]:
    """Role id -> a short contact text (person and number, and the deputy) for agreed roles."""
    texts: dict[str, str] = {}
    for role in plan.roles:
        contact = afspraken.contact(role.id)
        if contact is None:
            continue
        if contact.per_incident:
            texts[role.id] = PER_INCIDENT
            continue
        text = _reach(contact)
        if contact.deputy is not None and not contact.deputy.empty:
            deputy = _reach(contact.deputy) or contact.deputy.email or ""
            text = f"{text} (plaatsvervanger: {deputy})" if text else f"plaatsvervanger: {deputy}"
        texts[role.id] = text or (contact.email or NOT_AGREED)
    return texts


def contact_data(afspraken: Afspraken, plan: Plan) -> dict[str, dict[str, Any]]:
    """Role id -> the contact as JSON data, for every role of the plan."""

    def person(found: Person | None) -> dict[str, Any] | None:
        if found is None or found.empty:
            return None
        return {"name": found.name, "phone": found.phone, "email": found.email}

    data: dict[str, dict[str, Any]] = {}
    for role in plan.roles:
        contact = afspraken.contact(role.id)
        data[role.id] = {
            "agreed": afspraken.agreed(role.id),
            "per_incident": contact is not None and contact.per_incident,
            "name": contact.name if contact else None,
            "phone": contact.phone if contact else None,
            "email": contact.email if contact else None,
            "deputy": person(contact.deputy) if contact else None,
        }
    return data


# --- writing the file -------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(NOT_IN_PARAGRAPH.sub(" ", text).split())


def _scalar(value: str | None) -> str:
    # A JSON string is a valid YAML double-quoted scalar; the values hold no control characters.
    return json.dumps(value or "", ensure_ascii=False)


def _person_lines(person: Person | None, indent: str) -> list[str]:
    person = person or Person()
    return [
        f"{indent}name: {_scalar(person.name)}",
        f"{indent}phone: {_scalar(person.phone)}",
        f"{indent}email: {_scalar(person.email)}",
    ]


def afspraken_to_yaml(plan: Plan, afspraken: Afspraken | None = None) -> str:
    """The afspraken file with explanatory comments; without afspraken, an empty template."""
    afspraken = afspraken or Afspraken()
    reviewed = afspraken.reviewed.isoformat() if afspraken.reviewed else ""
    lines = [
        "# Afspraken vooraf: wie wordt hoe bereikt na agressie, intimidatie, bedreiging of geweld",
        "# tegen een burgemeester, wethouder of raadslid (of een gezinslid).",
        f"# Plan: {_one_line(plan.plan.title)} ({plan.plan.id} {_one_line(plan.plan.version)})",
        "#",
        "# Dit bestand bevat persoonsgegevens. Bewaar het alleen waar het nodig is; stappenplan",
        "# verstuurt niets en neemt de gegevens alleen met --with-contacts op in JSON-uitvoer.",
        "#",
        "# Vul per rol naam, telefoonnummer en e-mailadres in, en een plaatsvervanger.",
        '# Zet telefoonnummers tussen aanhalingstekens: "010-0000000", "+31 6 00000000".',
        "# Wisselt de persoon per incident (bv. wie erbij is)? Zet dan bij die rol: per_incident: true",
        "# Controleer het bestand met: stappenplan afspraken check",
        "",
        f"municipality: {_scalar(afspraken.municipality)}  # naam van de gemeente",
        "",
        "# Datum van de laatste herziening (JJJJ-MM-DD). Loop de afspraken elk jaar na, en opnieuw",
        "# na elke gemeenteraadsverkiezing (nieuwe raad, nieuw college).",
        f"reviewed: {reviewed}".rstrip(),
        "# Datum van de laatste gemeenteraadsverkiezingen (ook herindelingsverkiezingen).",
        f"last_election: {afspraken.last_election.isoformat()}",
        "",
        "roles:",
    ]
    role_ids = [role.id for role in plan.roles]
    role_ids += [role_id for role_id in afspraken.roles if role_id not in plan.role_index]
    for role_id in role_ids:
        contact = afspraken.roles.get(role_id) or RoleContact()
        lines.append(f"  # {_one_line(plan.role_label(role_id))}")
        lines.append(f"  {role_id}:")
        lines += _person_lines(contact, "    ")
        if contact.per_incident:
            lines.append("    per_incident: true")
        lines.append("    deputy:  # plaatsvervanger")
        lines += _person_lines(contact.deputy, "      ")
    lines += ["", "arrangements:"]
    for key, question in ARRANGEMENTS.items():
        lines.append(f"  # {question}?")
        lines.append(f"  {key}: {_scalar(getattr(afspraken.arrangements, key))}")
    return "\n".join(lines) + "\n"


# --- the contact table for the printed plan ---------------------------------------------------


def contacts_markdown(afspraken: Afspraken, plan: Plan) -> str:
    """A Markdown section: per role person, phone, e-mail and deputy, and the local choices."""

    def _cell(text: str) -> str:
        return cell(inline(text))

    title = f" in {inline(afspraken.municipality)}" if afspraken.municipality else ""
    reviewed = dutch_date(afspraken.reviewed) if afspraken.reviewed else "nog niet vastgelegd"
    lines = [
        "",
        f"## Afspraken{title}: wie wordt hoe bereikt",
        "",
        f"Laatst herzien: {reviewed}. Laatste gemeenteraadsverkiezingen: "
        f"{dutch_date(afspraken.last_election)}.",
        "",
        "| Rol | Naam | Telefoon | E-mail | Plaatsvervanger |",
        "| --- | --- | --- | --- | --- |",
    ]
    for role in plan.roles:
        contact = afspraken.contact(role.id)
        if contact is None or (not contact.per_incident and contact.empty):
            cells = [NOT_AGREED, "", "", ""]
        elif contact.per_incident:
            cells = [PER_INCIDENT, "", "", ""]
        else:
            deputy = contact.deputy
            cells = [
                contact.name or NOT_AGREED,
                contact.phone or NOT_AGREED,
                contact.email or "",
                ", ".join(p for p in (deputy.name, deputy.phone, deputy.email) if p)
                if deputy and not deputy.empty
                else NOT_AGREED,
            ]
        row = [_cell(role.label), *(_cell(text) for text in cells)]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "### Lokale afspraken", ""]
    for key, question in ARRANGEMENTS.items():
        value = getattr(afspraken.arrangements, key)
        lines.append(f"- **{question}:** {inline(value) if value else NOT_AGREED}")
    return "\n".join(lines) + "\n"
