"""What the register holds: a new case, a stored case with its actions, and list rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class NewAction:
    """An action of a new case, as the outcome lists it."""

    action_id: str
    title: str
    responsible: str
    urgency: str


@dataclass(frozen=True, slots=True)
class NewCase:
    """Everything a case is registered with; `offender_label` is hashed, never stored."""

    incident_at: dt.datetime
    verdict: str
    plan_id: str
    plan_version: str
    plan_sha256: str
    record: Mapping[str, Any]
    outcome: Mapping[str, Any]
    actions: Sequence[NewAction]
    target: str | None = None
    incidents: Sequence[str] = ()
    aangifte: str | None = None
    reference: str | None = None
    description: str | None = None
    offender_label: str | None = None


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier case with the same offender label."""

    case_id: int
    incident_at: str


@dataclass(frozen=True, slots=True)
class Registration:
    """A stored case: its number, and the earlier cases with the same offender label."""

    case_id: int
    earlier: tuple[Earlier, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One line of `dossier list`."""

    case_id: int
    incident_at: str
    target: str | None
    verdict: str
    reference: str | None
    open_actions: int
    total_actions: int

    @property
    def status(self) -> str:
        return "open" if self.open_actions else "afgerond"


@dataclass(frozen=True, slots=True)
class ActionState:
    """An action of a case with its follow-up."""

    position: int
    action_id: str
    title: str
    responsible: str
    urgency: str
    due: str
    done_at: str | None
    done_by: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Case:
    """A whole case, for `dossier show` and export."""

    case_id: int
    uid: str
    registered: str
    incident_at: str
    reference: str | None
    description: str | None
    target: str | None
    incidents: tuple[str, ...]
    verdict: str
    aangifte: str | None
    plan_id: str
    plan_version: str
    plan_sha256: str
    record: dict[str, Any]
    outcome: dict[str, Any]
    offender_hash: str | None
    actions: tuple[ActionState, ...]
    earlier: tuple[Earlier, ...] = field(default=())

    @property
    def open_actions(self) -> int:
        return sum(1 for action in self.actions if action.done_at is None)


@dataclass(frozen=True, slots=True)
class DueAction:
    """An open action whose due date has come, for `dossier list --due`."""

    case_id: int
    reference: str | None
    position: int
    action_id: str
    title: str
    responsible: str
    due: str


def case_from_rows(row: Any, action_rows: Sequence[Any], earlier: tuple[Earlier, ...]) -> Case:
    """A case as read from the register: its row, its action rows in order, earlier cases."""
    return Case(
        case_id=int(row.id),
        uid=row.uid,
        registered=row.registered,
        incident_at=row.incident_at,
        reference=row.reference,
        description=row.description,
        target=row.target,
        incidents=tuple(json.loads(row.incidents)),
        verdict=row.verdict,
        aangifte=row.aangifte,
        plan_id=row.plan_id,
        plan_version=row.plan_version,
        plan_sha256=row.plan_sha256,
        record=json.loads(row.record),
        outcome=json.loads(row.outcome),
        offender_hash=row.offender_hash,
        actions=tuple(
            ActionState(
                int(action.position),
                action.action_id,
                action.title,
                action.responsible,
                action.urgency,
                action.due,
                action.done_at,
                action.done_by,
                action.note,
            )
            for action in action_rows
        ),
        earlier=earlier,
    )
