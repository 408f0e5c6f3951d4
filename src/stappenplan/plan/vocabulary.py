"""Answer ids and values that changed between major versions of a plan: what a message about
an old answer adds, and the problem for answers written for an earlier major version."""

from __future__ import annotations

from stappenplan.errors import Location, Problem
from stappenplan.plan.model import Plan


def changed(plan: Plan, step_id: str, value: str | None) -> str:
    """What the plan says changed about this answer id (and value) since an earlier version."""
    return "".join(
        f". Sinds planversie {change.since}: {change.text}"
        for change in plan.vocabulary_changes
        if change.step == step_id and change.value == value
    )


def _major(version: str) -> int | None:
    head = version.strip().split(".", 1)[0]
    return int(head) if head.isdigit() else None


def vocabulary_problem(plan: Plan, version: str, where: Location | None) -> Problem | None:
    """A problem when answers written for an earlier major version of the plan are used and the
    plan lists answer ids or values that changed since: it names each and what to use now.
    Without such changes an older version only warns (see `answers._version_warnings`)."""
    then, now = _major(version), _major(plan.plan.version)
    if then is None or now is None or then >= now:
        return None
    changes = [
        change
        for change in plan.vocabulary_changes
        if (_major(change.since) or 0) > then and (_major(change.since) or 0) <= now
    ]
    if not changes:
        return None
    lines = [
        f"'{change.step}'" + (f" = '{change.value}'" if change.value else "") + f": {change.text}"
        for change in changes
    ]
    listed = "\n    - ".join(lines)
    return Problem(
        "old-plan-version",
        f"gemaakt met planversie {version}; dit is planversie {plan.plan.version}, waarin deze "
        f"antwoorden veranderden:\n    - {listed}\n  Pas de antwoorden aan en haal "
        "'plan_version' (en de andere verslagregels) weg, of beantwoord de vragen opnieuw.",
        where,
    )
