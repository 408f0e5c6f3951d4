"""What the outcome screens share: the "Nu doen" selection, tasks per role, numbered sources.

Pure: no terminal, no formatting. Text, Markdown and JSON all build on `OutcomeView`, so the
three say the same thing in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stappenplan.alarm import Alarm, alarms
from stappenplan.engine import Outcome
from stappenplan.plan.model import Action, Plan, SourceRef

NOW_LIMIT = 5
"""At most this many actions in the "Nu doen" block: what fits on one screen with the verdict."""

DEPUTY_MARK = " (plaatsvervanger:"
"""Where the deputy starts in a contact text (afspraken.model.contact_texts)."""


@dataclass(frozen=True, slots=True)
class Task:
    """One action of the outcome, numbered in order of urgency, with who to reach."""

    number: int
    action: Action
    role_label: str
    contact: str | None
    calls: tuple[tuple[str, str | None], ...] = ()
    """Roles to call for this action (label, agreed contact text or None)."""


@dataclass(frozen=True, slots=True)
class RoleGroup:
    """The tasks of one role ("wat doet wie")."""

    role: str
    label: str
    contact: str | None
    tasks: tuple[Task, ...]


@dataclass(frozen=True, slots=True)
class OutcomeView:
    """The outcome as the screens show it."""

    alarms: tuple[Alarm, ...]
    tasks: tuple[Task, ...]
    now: tuple[Task, ...]
    groups: tuple[RoleGroup, ...]
    source_numbers: dict[str, int] = field(default_factory=dict)
    """Source id -> its short reference number: the tasks' sources first, then the verdict's."""
    role: str | None = None
    """Only this role's tasks are shown (`--rol`)."""


def short_contact(text: str | None) -> str | None:
    """A contact text without its deputy: name and number, for one line."""
    if text is None:
        return None
    return text.split(DEPUTY_MARK, 1)[0].strip() or text


def build_view(
    plan: Plan,
    outcome: Outcome,
    contacts: Mapping[str, str] | None = None,
    role: str | None = None,
) -> OutcomeView:
    """Number the actions, pick "Nu doen", group by role and number the sources cited.

    With `role`, the tasks, "Nu doen" and groups hold only that role's actions (numbers stay
    those of the whole list, so a forwarded list still matches the full report).
    """
    contacts = contacts or {}
    tasks: list[Task] = []
    for number, action in enumerate(outcome.actions, start=1):
        calls = tuple((plan.role_label(call), contacts.get(call)) for call in action.call)
        tasks.append(
            Task(
                number,
                action,
                plan.role_label(action.responsible),
                contacts.get(action.responsible),
                calls,
            )
        )
    if role is not None:
        tasks = [task for task in tasks if task.action.responsible == role]
    by_role: dict[str, list[Task]] = {}
    for task in tasks:
        by_role.setdefault(task.action.responsible, []).append(task)
    # Roles in the order their first (most urgent) task appears: who has to act first, first.
    groups = tuple(
        RoleGroup(role_id, plan.role_label(role_id), contacts.get(role_id), tuple(found))
        for role_id, found in by_role.items()
    )
    numbers: dict[str, int] = {}
    refs: list[SourceRef] = []
    for task in tasks:
        refs += task.action.sources
    refs += outcome.verdict.rule.sources
    for involvement in outcome.involvement:
        refs += involvement.sources
    for caveat in outcome.caveats:
        refs += caveat.sources
    for ref in refs:
        numbers.setdefault(ref.id, len(numbers) + 1)
    walk = outcome.walk
    return OutcomeView(
        alarms=alarms(plan, walk.answers, walk.path),
        tasks=tuple(tasks),
        now=tuple(tasks[:NOW_LIMIT]),
        groups=groups,
        source_numbers=numbers,
        role=role,
    )


def cite(view: OutcomeView, refs: tuple[SourceRef, ...]) -> str:
    """Sources as short references: '[1] §4.4, [3]'."""
    return ", ".join(
        f"[{view.source_numbers.get(ref.id, '?')}]" + (f" {ref.ref}" if ref.ref else "")
        for ref in refs
    )


def who_line(task: Task, missing: str = "", *, short: bool = False) -> str:
    """'Burgemeester (Jan Jansen, 06-12345678)'; without a contact the role and `missing`.

    `short` leaves out a remark in brackets in the role's label ('De betrokken ambtsdrager
    (of het gezinslid)' becomes 'De betrokken ambtsdrager'), for a line short of room.
    """
    contact = short_contact(task.contact) or missing
    label = task.role_label.split(" (", 1)[0] if short else task.role_label
    return f"{label} ({contact})" if contact else label


def calls_line(task: Task, *, missing: str) -> str:
    """'Bel: Burgemeester (Jan, 06-…); Griffier (nog niet afgesproken)'; empty without calls.

    `missing` is said of a role without a contact ('' when there are no afspraken at all).
    """
    if not task.calls:
        return ""
    parts = []
    for label, contact in task.calls:
        reach = short_contact(contact) or missing
        parts.append(f"{label} ({reach})" if reach else label)
    return "Bel: " + "; ".join(parts)
