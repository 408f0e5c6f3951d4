"""The questions of `afspraken init`: who is reached how, role by role, and the local choices."""

from __future__ import annotations

import datetime as dt
import sys

from stappenplan.afspraken.model import (
    ARRANGEMENTS,
    LAST_MUNICIPAL_ELECTION,
    Afspraken,
    Arrangements,
    Person,
    RoleContact,
    value_problem,
)
from stappenplan.plan.model import Plan
from stappenplan.terminal.prompts import Prompter
from stappenplan.text import visible


def _say(text: str) -> None:
    """A line on standard output; text from files is shown, never obeyed by the terminal."""
    sys.stdout.write(visible(text, keep="\n") + "\n")
    sys.stdout.flush()


def _ask(prompter: Prompter, message: str, kind: str, default: str = "") -> str | None:
    """Ask until the value is acceptable; Enter leaves it open (None)."""

    while True:
        text = prompter.text(message, default=default)
        problem = value_problem(kind, text) if text else None
        if problem is None:
            return text or None
        _say(f"  Niet overgenomen: {problem}.")


def _ask_date(prompter: Prompter, message: str, default: dt.date) -> dt.date:
    while True:
        text = prompter.text(message, default=default.isoformat())
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            _say("  Niet overgenomen: verwacht een datum als JJJJ-MM-DD.")


def _ask_person(prompter: Prompter, name: str) -> Person:

    phone = _ask(prompter, "  Telefoonnummer", "phone")
    email = _ask(prompter, "  E-mailadres", "email")
    return Person(name=name, phone=phone, email=email)


def ask_afspraken(plan: Plan, prompter: Prompter, today: dt.date) -> Afspraken:
    """Ask, role by role, who is reached how; Enter leaves a question open for later."""
    _say(
        "Afspraken vooraf. Enter laat een vraag open; u kunt het bestand later aanvullen.\n"
        "Telefoonnummers: 10 cijfers die met 0 beginnen, +31…, 112 of een 0800-/0900-nummer."
    )
    municipality = _ask(prompter, "Naam van de gemeente", "line")
    roles: dict[str, RoleContact] = {}
    for role in plan.roles:
        _say(f"\n{role.label} ({role.id})")
        name = _ask(prompter, "  Naam (Enter: later invullen; '-': wisselt per incident)", "line")
        if name == "-":
            roles[role.id] = RoleContact(per_incident=True)
            continue
        if name is None:
            continue
        contact = _ask_person(prompter, name)
        deputy_name = _ask(prompter, "  Plaatsvervanger: naam (Enter: geen)", "line")
        deputy = _ask_person(prompter, deputy_name) if deputy_name else None
        roles[role.id] = RoleContact(**contact.model_dump(), deputy=deputy)
    _say("\nLokale afspraken")
    arrangements = {
        key: _ask(prompter, f"  {question}?", "paragraph") for key, question in ARRANGEMENTS.items()
    }
    _say("")
    election = _ask_date(
        prompter, "Datum van de laatste gemeenteraadsverkiezingen", LAST_MUNICIPAL_ELECTION
    )
    return Afspraken(
        municipality=municipality,
        reviewed=today,
        last_election=election,
        roles=roles,
        arrangements=Arrangements(**arrangements),
    )
