"""Local agreements made in advance (afspraken.yaml): who is reached how, per role of the plan.

The file holds personal data. It is read from and written to this computer only; nothing here
sends it anywhere, and the JSON output carries it only on explicit request.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError, field_validator

from stappenplan.errors import Location, Problem, StappenplanError
from stappenplan.plan.documents import (
    DocumentError,
    Path_,
    decode,
    locate,
    parse_document,
    read_bytes,
)
from stappenplan.plan.loader import translate_validation_error
from stappenplan.plan.model import Frozen, Id, Plan

NOT_AGREED = "nog niet afgesproken"
PER_INCIDENT = "wisselt per incident"

LAST_MUNICIPAL_ELECTION = dt.date(2026, 3, 18)
"""The most recent regular gemeenteraadsverkiezingen (every four years in March). A municipality
that held herindelingsverkiezingen on another date sets `last_election` itself."""

ARRANGEMENTS: Mapping[str, str] = {
    "report_on_behalf": "Wie doet aangifte namens de ambtsdrager",
    "domicile_address": "Adres voor domiciliekeuze bij aangifte (in plaats van het huisadres)",
    "security_budget": "Begrotingspost voor beveiligingsmaatregelen",
    "risky_meetings": "Werkwijze bij risicovolle raadsvergaderingen",
}
"""The local choices, with the Dutch question each one answers."""

_CONTROL_CHARS = r"\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_NOT_IN_LINE = re.compile(f"[{_CONTROL_CHARS}\n]")
_NOT_IN_PARAGRAPH = re.compile(f"[{_CONTROL_CHARS}]")
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
_PHONE_FORMS = (
    re.compile(r"0[1-9]\d{8}"),  # 10 digits starting with 0 (landline and mobile)
    re.compile(r"\+31[1-9]\d{8}"),  # the same number in international form
    re.compile(r"112"),
    re.compile(r"0[89]00\d{4,7}"),  # 0800 (free) and 0900 service numbers, e.g. 0900-8844
    re.compile(r"14\d{3,4}"),  # 14 + area code without 0: a municipality's general number
)
PHONE_HINT = (
    "gebruik 10 cijfers die met 0 beginnen (bv. 010-0000000 of 06-00000000), +31 gevolgd door "
    "9 cijfers, 112, een 0800- of 0900-nummer, of 14 + netnummer"
)


class AfsprakenError(StappenplanError):
    """An afspraken file cannot be read, or does not fit the plan."""


# --- values -----------------------------------------------------------------------------------


def is_dutch_phone(text: str) -> bool:
    """True for a Dutch phone number; spaces, hyphens, dots, slashes and brackets may separate."""
    compact = re.sub(r"^(\+|00)31\s*\(0\)", "+31", text.strip())
    compact = re.sub(r"[\s\-./()]", "", compact)
    if compact.startswith("0031"):
        compact = "+31" + compact[4:]
    return any(form.fullmatch(compact) for form in _PHONE_FORMS)


def is_email(text: str) -> bool:
    """True for an address of the form name@domain.tld (no spaces, one @)."""
    return len(text) <= 254 and _EMAIL.fullmatch(text) is not None


def _line(value: Any) -> Any:
    """A single line of text; blank means not filled in."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not value:
        return None
    if _NOT_IN_LINE.search(value):
        raise ValueError("mag geen regeleinden, tabs of stuurtekens bevatten")
    if len(value) > 200:
        raise ValueError("tekst is te lang (maximaal 200 tekens)")
    return value


def _paragraph(value: Any) -> Any:
    """Free text that may span lines; blank means not filled in."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not value:
        return None
    if _NOT_IN_PARAGRAPH.search(value):
        raise ValueError("mag geen tabs of stuurtekens bevatten")
    if len(value) > 4000:
        raise ValueError("tekst is te lang (maximaal 4000 tekens)")
    return value


def _phone(value: Any) -> Any:
    if isinstance(value, int | float):  # also true/false: bool is an int
        raise ValueError(
            'zet het telefoonnummer tussen aanhalingstekens (bv. "010-0000000"); '
            "zonder aanhalingstekens leest YAML het als getal en vallen voorloopnullen weg"
        )
    value = _line(value)
    if isinstance(value, str) and not is_dutch_phone(value):
        raise ValueError(f"'{value}' is geen geldig Nederlands telefoonnummer; {PHONE_HINT}")
    return value


def _email(value: Any) -> Any:
    value = _line(value)
    if isinstance(value, str) and not is_email(value):
        raise ValueError(f"'{value}' is geen geldig e-mailadres (vorm: naam@domein.nl)")
    return value


_VALIDATORS = {"line": _line, "paragraph": _paragraph, "phone": _phone, "email": _email}


def value_problem(kind: str, text: str) -> str | None:
    """Why a typed value of this kind ('line', 'paragraph', 'phone', 'email') is refused, if so."""
    try:
        _VALIDATORS[kind](text)
    except ValueError as error:
        return str(error)
    return None


Line = Annotated[str | None, BeforeValidator(_line)]
Paragraph = Annotated[str | None, BeforeValidator(_paragraph)]
Phone = Annotated[str | None, BeforeValidator(_phone)]
Email = Annotated[str | None, BeforeValidator(_email)]


# --- the file ---------------------------------------------------------------------------------


class Person(Frozen):
    """Someone to reach: a name and how."""

    name: Line = None
    phone: Phone = None
    email: Email = None

    @property
    def reachable(self) -> bool:
        """A name and a phone number: enough to call on the day itself."""
        return self.name is not None and self.phone is not None

    @property
    def empty(self) -> bool:
        return self.name is None and self.phone is None and self.email is None


class RoleContact(Person):
    """The contact for a role of the plan, with a deputy."""

    per_incident: bool = Field(False, description="De persoon wisselt per incident.")
    deputy: Person | None = None

    @field_validator("deputy")
    @classmethod
    def _no_empty_deputy(cls, deputy: Person | None) -> Person | None:
        """The template's blank deputy fields mean: no deputy yet."""
        return None if deputy is not None and deputy.empty else deputy


class Arrangements(Frozen):
    """Local choices made in advance."""

    report_on_behalf: Paragraph = None
    domicile_address: Paragraph = None
    security_budget: Paragraph = None
    risky_meetings: Paragraph = None


class Afspraken(Frozen):
    """The whole afspraken.yaml."""

    municipality: Line = None
    reviewed: dt.date | None = None
    last_election: dt.date = LAST_MUNICIPAL_ELECTION
    roles: dict[Id, RoleContact | None] = Field(default_factory=dict)
    arrangements: Arrangements = Arrangements()

    def contact(self, role_id: str) -> RoleContact | None:
        """The contact for a role; None when the file has nothing for it."""
        found = self.roles.get(role_id)
        return None if found is None or (found.empty and not found.per_incident) else found

    def agreed(self, role_id: str) -> bool:
        """True when the role has someone to call (or changes per incident, on purpose)."""
        found = self.contact(role_id)
        return found is not None and (found.per_incident or found.reachable)


@dataclass(frozen=True, slots=True)
class AfsprakenFile:
    """Afspraken as read, with where each value was written."""

    afspraken: Afspraken
    name: str
    locations: Mapping[Path_, Location]

    def locate(self, path: Path_) -> Location:
        return locate(self.locations, path, self.name)


def read_afspraken(path: Path, name: str | None = None) -> AfsprakenFile:
    """Read and check the shape of an afspraken file (not yet against a plan).

    Raises:
        AfsprakenError: with one problem per error, each naming file and line.
    """
    name = name or str(path)
    try:
        document = parse_document(decode(read_bytes(path, name), name), name)
    except DocumentError as error:
        raise AfsprakenError(
            "Het afsprakenbestand kan niet gelezen worden.",
            [Problem("yaml", error.message, error.location)],
        ) from None
    if not isinstance(document.data, dict):
        raise AfsprakenError(
            "Het afsprakenbestand klopt niet.",
            [Problem("schema", "verwacht een mapping (sleutel: waarde)", document.locate(()))],
        )
    try:
        afspraken = Afspraken.model_validate(document.data)
    except ValidationError as error:
        problems = translate_validation_error(error, document.locations, name, Afspraken)
        raise AfsprakenError(
            "Het afsprakenbestand klopt niet.", [_with_allowed_keys(p) for p in problems]
        ) from None
    return AfsprakenFile(afspraken, name, document.locations)


def _with_allowed_keys(problem: Problem) -> Problem:
    """Fill in the allowed keys under `roles.<id>`, which the generic translation cannot find."""
    head, _, rest = problem.message.partition(": ")
    if not rest.endswith("toegestaan: "):
        return problem
    parts = head.split(".")
    model = Person if parts[-2:-1] == ["deputy"] else RoleContact
    message = f"{problem.message}{', '.join(model.model_fields)}"
    return Problem(problem.code, message, problem.location, problem.severity)


def role_problems(file: AfsprakenFile, plan: Plan) -> list[Problem]:
    """Role ids in the file that the plan does not know."""
    problems = []
    known = [role.id for role in plan.roles]
    for role_id in file.afspraken.roles:
        if role_id in plan.role_index:
            continue
        close = difflib.get_close_matches(role_id, known, n=1)
        hint = f"bedoelde u '{close[0]}'? " if close else ""
        problems.append(
            Problem(
                "unknown-role",
                f"rol '{role_id}' komt niet voor in het plan; {hint}rollen: {', '.join(known)}",
                file.locate(("roles", role_id)),
            )
        )
    return problems


def load_afspraken(path: Path, plan: Plan, name: str | None = None) -> AfsprakenFile:
    """Read an afspraken file and check its role ids against the plan.

    Raises:
        AfsprakenError: when the file cannot be read, has the wrong shape or unknown roles.
    """
    file = read_afspraken(path, name)
    problems = role_problems(file, plan)
    if problems:
        raise AfsprakenError(
            f"Het afsprakenbestand {file.name} past niet bij het plan "
            "(controleer het met 'stappenplan afspraken check').",
            problems,
        )
    return file


# --- checking ---------------------------------------------------------------------------------


def needed_roles(plan: Plan) -> tuple[str, ...]:
    """The roles that some action of the plan names as responsible (also only for some
    answers), in plan order."""
    used = {action.responsible for action in plan.actions}
    used.update(rule.role for action in plan.actions for rule in action.responsible_when)
    return tuple(role.id for role in plan.roles if role.id in used)


def check_afspraken(file: AfsprakenFile, plan: Plan, *, today: dt.date) -> list[Problem]:
    """Everything that is missing, unknown or out of date, as errors and warnings."""
    afspraken = file.afspraken
    problems = role_problems(file, plan)

    def add(code: str, message: str, path: Path_, *, warning: bool = False) -> None:
        # A value that is not in the file at all has no line; the file name is where to add it.
        where = file.locate(path) if path in file.locations else Location(file.name)
        problems.append(Problem(code, message, where, "waarschuwing" if warning else "fout"))

    if afspraken.municipality is None:
        add(
            "missing-municipality",
            "naam van de gemeente (municipality) ontbreekt",
            ("municipality",),
        )
    for role_id in needed_roles(plan):
        label = f"rol '{role_id}' ({plan.role_index[role_id].label})"
        contact = afspraken.contact(role_id)
        path = ("roles", role_id)
        if contact is None:
            add("missing-contact", f"{label}: nog geen contactpersoon afgesproken", path)
        elif contact.per_incident:
            continue
        elif not contact.reachable:
            missing = "naam" if contact.name is None else "telefoonnummer"
            add("missing-contact", f"{label}: {missing} ontbreekt", path)
        if contact is not None and (contact.deputy is None or not contact.deputy.reachable):
            add(
                "missing-deputy",
                f"{label}: geen plaatsvervanger met naam en telefoonnummer",
                path,
                warning=True,
            )
    for key, question in ARRANGEMENTS.items():
        if getattr(afspraken.arrangements, key) is None:
            path = ("arrangements", key)
            add("missing-arrangement", f"lokale afspraak ontbreekt: {question} ({key})", path)
    _check_dates(afspraken, today, add)
    return problems


def _check_dates(afspraken: Afspraken, today: dt.date, add: Any) -> None:
    election = afspraken.last_election
    if election > today:
        add(
            "election-in-future",
            f"de datum van de laatste verkiezingen ({dutch_date(election)}) ligt in de toekomst",
            ("last_election",),
        )
    reviewed = afspraken.reviewed
    if reviewed is None:
        add("missing-review", "datum van de laatste herziening (reviewed) ontbreekt", ("reviewed",))
        return
    if reviewed > today:
        add(
            "review-in-future",
            f"de datum van de laatste herziening ({dutch_date(reviewed)}) ligt in de toekomst",
            ("reviewed",),
        )
        return
    if reviewed < _a_year_before(today):
        add(
            "review-outdated",
            f"de afspraken zijn voor het laatst herzien op {dutch_date(reviewed)}, meer dan een "
            "jaar geleden; loop ze opnieuw na",
            ("reviewed",),
            warning=True,
        )
    if reviewed < election <= today:
        add(
            "review-before-election",
            f"de afspraken zijn herzien op {dutch_date(reviewed)}, vóór de "
            f"gemeenteraadsverkiezingen van {dutch_date(election)}; stel ze opnieuw vast met de "
            "nieuwe raad en het nieuwe college",
            ("reviewed",),
            warning=True,
        )


def _a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()  # noqa: SIM905 (reads better than twelve lines)


def dutch_date(day: dt.date) -> str:
    """18 maart 2026."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


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
    return " ".join(_NOT_IN_PARAGRAPH.sub(" ", text).split())


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
    from stappenplan.output.markdown import cell, inline

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
