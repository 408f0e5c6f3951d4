"""Reading an afspraken file and checking it against a plan: roles, reachability, dates."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from stappenplan.afspraken.model import (
    ARRANGEMENTS,
    Afspraken,
    AfsprakenError,
    AfsprakenFile,
    Person,
    RoleContact,
)
from stappenplan.errors import Location, Problem, Severity
from stappenplan.plan.documents import DocumentError, Path_, decode, parse_document, read_bytes
from stappenplan.plan.model import Plan
from stappenplan.plan.validation_errors import translate_validation_error
from stappenplan.text import dutch_date


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
            [Problem(error.code, error.message, error.location)],
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
        problems.append(
            Problem(code, message, where, Severity.WARNING if warning else Severity.ERROR)
        )

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
