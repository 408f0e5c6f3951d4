"""Which answer a question may offer pre-selected: never one that drops actions; pure.

Someone whose hands shake presses Enter without reading. So the wizard pre-selects the
plan's `default` only when it is 'unknown' (onbekend, weet ik niet) or when no other answer
would add an action it lacks; otherwise an 'unknown' answer, otherwise nothing: the user has to
choose. The wizard never pre-selects a 'ja' that the user did not say (that the incident
happened at the town hall, say): Enter then waits for a real choice instead.

Scripted runs (`--no-input`) still assume the plan's `default`, as plan-spec §2 says.
"""

from __future__ import annotations

from collections.abc import Mapping

from stappenplan import engine
from stappenplan.plan.conditions import Answer
from stappenplan.plan.model import Plan, Step

UNKNOWN_VALUES = frozenset({"onbekend", "weet-ik-niet", "weet-niet", "onduidelijk"})
"""Answer values that say 'I do not know': always safe to pre-select."""


def completed(plan: Plan, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers, completed along the route: defaults, else the first value (none ticked)."""
    # One walk: filling in and walking again per open question took time quadratic in the
    # number of questions.
    done = engine.walk(plan, answers, assume_defaults=True, first_choice=True)
    return {**answers, **done.answers}


def action_ids(plan: Plan, answers: Mapping[str, Answer]) -> frozenset[str]:
    """The actions of the outcome of these answers (completed as `completed` does)."""
    filled = completed(plan, answers)
    done = engine.walk(plan, filled, assume_defaults=True)
    if not done.complete:
        return frozenset()
    return frozenset(action.id for action in engine.outcome(plan, done).actions)


def drops_actions(plan: Plan, step: Step, value: str, context: Mapping[str, Answer]) -> bool:
    """True when another answer to `step` would give an action that `value` does not."""
    base = {key: answer for key, answer in context.items() if key != step.id}
    mine = action_ids(plan, {**base, step.id: value})
    return any(
        action_ids(plan, {**base, step.id: other}) - mine for other in step.values if other != value
    )


def safe_preselection(plan: Plan, step: Step, context: Mapping[str, Answer]) -> str | None:
    """The answer to pre-select for a single-choice question, or None (the user must choose).

    `context` holds the answers known so far; the rest of the route is completed with
    defaults to compare the outcomes.
    """
    if step.multiple:
        return None
    planned = engine.default_answer(step, context)
    default = planned if isinstance(planned, str) else None
    unknown = [value for value in step.values if value in UNKNOWN_VALUES]
    # 'Weet ik niet' first, unless the default is itself unknown or safe.
    if unknown and (
        default is None
        or (default not in UNKNOWN_VALUES and drops_actions(plan, step, default, context))
    ):
        return unknown[0]
    if default is None:
        return None  # a question of fact without 'onbekend': the user chooses
    if default in UNKNOWN_VALUES or not drops_actions(plan, step, default, context):
        return default
    return None  # the default would drop actions and there is no 'onbekend': the user chooses
