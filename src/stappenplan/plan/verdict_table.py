"""Which rules of the verdict table can ever be the first match, found by enumerating every
combination of the answers the rules test."""

from __future__ import annotations

import itertools

from stappenplan.plan.conditions import iter_matches
from stappenplan.plan.model import Plan

MAX_VERDICT_COMBINATIONS = 200_000
"""Above this many answer combinations the verdict table is not analysed exhaustively."""


def _answer_spaces(plan: Plan) -> tuple[list[str], list[list[object]], int]:
    """The questions the rules test, the answers that matter for each (None: not answered),
    and the number of combinations (counting stops once past the maximum)."""
    rules = [rule for rule in plan.verdict.rules if rule.when is not None]
    mentioned = sorted(
        {
            m.step
            for rule in rules
            if rule.when
            for m in iter_matches(rule.when)
            if m.step in plan.step_index
        }
    )
    spaces: list[list[object]] = []
    total = 1
    for step_id in mentioned:
        step = plan.step_index[step_id]
        if step.multiple:
            relevant = sorted(
                {
                    v
                    for rule in rules
                    if rule.when
                    for m in iter_matches(rule.when)
                    if m.step == step_id
                    for v in m.values
                    if v in step.values
                }
            )
            total *= 2 ** len(relevant) + 1
            if total > MAX_VERDICT_COMBINATIONS:
                break
            options: list[object] = [
                tuple(combo)
                for size in range(len(relevant) + 1)
                for combo in itertools.combinations(relevant, size)
            ]
        else:
            options = list(step.values)
            total *= len(options) + 1
        options.append(None)  # not answered on the path
        spaces.append(options)
    return mentioned, spaces, total


def verdict_combinations(plan: Plan) -> int:
    """How many answer combinations the verdict table's conditions span (at least)."""
    return _answer_spaces(plan)[2]


def first_matches(plan: Plan) -> set[int] | None:
    """The numbers of the rules that are the first match for some answers; None when there
    are more than MAX_VERDICT_COMBINATIONS combinations to try."""
    mentioned, spaces, total = _answer_spaces(plan)
    if total > MAX_VERDICT_COMBINATIONS:
        return None
    used: set[int] = set()
    for combination in itertools.product(*spaces):
        answers = {
            key: value
            for key, value in zip(mentioned, combination, strict=True)
            if value is not None
        }
        for number, rule in enumerate(plan.verdict.rules):
            if rule.when is not None and rule.when.holds(answers):  # type: ignore[arg-type]
                used.add(number)
                break
    return used
