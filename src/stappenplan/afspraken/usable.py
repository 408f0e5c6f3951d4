"""Afspraken for an outcome: one bad contact is reported and skipped, the others are used.

`afspraken check` reports every problem as an error; right after an incident, however, one
mistyped number must not cost the whole contact list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from stappenplan.afspraken.check import read_afspraken
from stappenplan.afspraken.model import (
    Afspraken,
    AfsprakenError,
    AfsprakenFile,
    RoleContact,
)
from stappenplan.errors import Problem
from stappenplan.plan.documents import DocumentError, decode, parse_document, read_bytes
from stappenplan.plan.model import Plan
from stappenplan.suggest import did_you_mean


def read_usable_afspraken(
    path: Path, plan: Plan, name: str | None = None
) -> tuple[AfsprakenFile, list[Problem]]:
    """Read afspraken, leaving out each role whose entry is wrong or unknown to the plan.

    Returns the usable afspraken and one problem per role left out.

    Raises:
        AfsprakenError: when the file cannot be read, or is wrong outside its roles.
    """
    name = name or str(path)
    try:
        document = parse_document(decode(read_bytes(path, name), name), name)
    except DocumentError:
        return read_afspraken(path, name), []  # raises the usual, complete message
    data = document.data
    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, dict):
        return read_afspraken(path, name), []
    problems: list[Problem] = []
    kept: dict[Any, Any] = {}
    known = [role.id for role in plan.roles]
    for role_id, entry in roles.items():
        where = document.locate(("roles", role_id))
        if role_id not in plan.role_index:
            hint = did_you_mean(str(role_id), known)
            problems.append(
                Problem(
                    "unknown-role",
                    f"rol '{role_id}' komt niet voor in het plan; {hint}".rstrip("; "),
                    where,
                )
            )
            continue
        try:
            if entry is not None:
                RoleContact.model_validate(entry)
        except ValidationError as error:
            first = error.errors()[0]
            loc = tuple(first.get("loc", ()))
            message = str(first.get("msg", "")).removeprefix("Value error, ")
            field = ".".join(str(part) for part in loc)
            problems.append(
                Problem(
                    "bad-contact",
                    f"rol '{role_id}'{f' ({field})' if field else ''}: {message}",
                    document.locate(("roles", role_id, *loc)),
                )
            )
            continue
        kept[role_id] = entry
    try:
        afspraken = Afspraken.model_validate({**data, "roles": kept})
    except ValidationError:
        return read_afspraken(path, name), problems  # raises, naming what is wrong
    if not isinstance(afspraken, Afspraken):  # pragma: no cover - pydantic returns the class
        raise AfsprakenError("Het afsprakenbestand klopt niet.")
    return AfsprakenFile(afspraken, name, document.locations), problems
