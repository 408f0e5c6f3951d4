"""Conditions as small Python functions, built once per plan: an outcome checks every
conditional action (about 130 conditions in plan 2.0), and calling a function is much cheaper
than walking the condition objects. The functions agree with `Condition.holds`."""

from __future__ import annotations

from collections.abc import Callable

from stappenplan.plan.conditions import AllOf, Answers, AnyOf, Condition, Match, Not

Predicate = Callable[[Answers], bool]


def compile_condition(condition: Condition) -> Predicate:
    """A function that gives the same result as `condition.holds`, built once so that an
    outcome, which checks every conditional action, does not walk the condition objects."""
    if isinstance(condition, Match):
        return _compile_match(condition)
    if isinstance(condition, Not):
        inner = compile_condition(condition.part)
        return lambda answers: not inner(answers)
    parts = tuple(compile_condition(part) for part in condition.parts)
    if isinstance(condition, AllOf):

        def every(answers: Answers) -> bool:
            # A plain loop: a generator in all() costs a frame per condition on a hot path.
            for part in parts:  # noqa: SIM110
                if not part(answers):
                    return False
            return True

        return every
    assert isinstance(condition, AnyOf)

    def some(answers: Answers) -> bool:
        for part in parts:  # noqa: SIM110 (as in every())
            if part(answers):
                return True
        return False

    return some


def _compile_match(match: Match) -> Predicate:
    # One small function per kind of test, so that a check does no dispatching of its own.
    step, op, values = match.step, match.op, match.values
    wanted = frozenset(values)
    first = values[0]
    if op == "is":

        def equal(answers: Answers) -> bool:
            answer = answers.get(step)
            if answer is None:
                return False
            return answer == first if isinstance(answer, str) else first in answer

        return equal
    if op == "any":

        def some(answers: Answers) -> bool:
            answer = answers.get(step)
            if answer is None:
                return False
            return answer in wanted if isinstance(answer, str) else not wanted.isdisjoint(answer)

        return some
    if op == "all":

        def every(answers: Answers) -> bool:
            answer = answers.get(step)
            if answer is None:
                return False
            if isinstance(answer, str):
                return all(value == answer for value in values)
            return wanted.issubset(answer)

        return every

    def none(answers: Answers) -> bool:
        answer = answers.get(step)
        if answer is None:
            return False
        return answer not in wanted if isinstance(answer, str) else wanted.isdisjoint(answer)

    return none
