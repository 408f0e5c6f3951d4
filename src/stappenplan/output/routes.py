"""A step's routing as the printed plan and the flowchart show it: rows of (condition, target),
or one target per answer when only the answer decides."""

from __future__ import annotations

from stappenplan.engine import next_step_id
from stappenplan.plan.conditions import describe, iter_matches
from stappenplan.plan.model import END, Step


def route_rows(step: Step) -> list[tuple[str | None, str]]:
    """The routing table as (condition in Dutch or None, target); ends with END if open."""
    branches: list[tuple[str | None, str]] = []
    for route in step.next:
        if route.when is None:
            return [*branches, (None, route.goto)]
        branches.append((describe(route.when), route.goto))
    return [*branches, (None, END)]


def target_per_choice(step: Step) -> dict[str, str] | None:
    """The next step per answer, when the routing depends on nothing but this answer."""
    for route in step.next:
        if route.when is not None and (
            step.multiple or any(match.step != step.id for match in iter_matches(route.when))
        ):
            return None
    if not step.choices:
        return None
    return {choice.value: next_step_id(step, {step.id: choice.value}) for choice in step.choices}
