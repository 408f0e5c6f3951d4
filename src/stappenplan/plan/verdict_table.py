"""Which rules of the verdict table can ever be the first match, found by trying every
combination of the answers the rules tell apart.

Answers to a question with one answer that every test of the rules treats alike are tried
once (one stands for all), so the combinations are usually few. The work is bounded by
`MAX_VERDICT_WORK`: every combination may cost a look at each part of every rule's condition
(one rule of a thousand parts costs a thousand times one small rule), and a table that would
need more is not analysed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from stappenplan.plan.compiled import compile_condition
from stappenplan.plan.conditions import AllOf, AnyOf, Condition, Match, iter_matches
from stappenplan.plan.limits import MAX_VERDICT_WORK
from stappenplan.plan.model import Plan, Step


@dataclass(frozen=True, slots=True)
class VerdictSpace:
    """The questions the rules test, the answers to try for each (None: not answered), and
    the work exhaustive analysis takes: combinations × (the parts of all rules' conditions
    + one per question, for setting up the answers of a combination)."""

    questions: list[str]
    options: list[list[object]]
    """Empty when the analysis would take too long."""
    combinations: int
    parts: int
    """The parts of all rules' conditions together (see `condition_parts`)."""
    work: int

    @property
    def too_large(self) -> bool:
        """Whether analysing the table would take more than MAX_VERDICT_WORK steps."""
        return self.work > MAX_VERDICT_WORK


def verdict_space(plan: Plan) -> VerdictSpace:
    """What analysing the verdict table would take (see VerdictSpace)."""
    rules = [rule.when for rule in plan.verdict.rules if rule.when is not None]
    tests: dict[str, list[Match]] = {}
    for condition in rules:
        for match in iter_matches(condition):
            if match.step in plan.step_index:
                tests.setdefault(match.step, []).append(match)
    questions = sorted(tests)
    # Per question the answers to tell apart: for several answers, the values the tests
    # name (every subset of them is tried); for one answer, one per group of alike answers.
    answers: list[tuple[bool, list[str]]] = []
    combinations = 1
    for step_id in questions:
        step = plan.step_index[step_id]
        if step.multiple:
            named = sorted({v for m in tests[step_id] for v in m.values if v in step.values})
            combinations *= 2 ** len(named) + 1
        else:
            named = _distinct_answers(step, tests[step_id])
            combinations *= len(named) + 1
        answers.append((step.multiple, named))
    parts = sum(condition_parts(condition) for condition in rules)
    work = combinations * (parts + len(questions))
    options: list[list[object]] = []
    if work <= MAX_VERDICT_WORK:
        for multiple, named in answers:
            tried: list[object] = list(named)
            if multiple:
                tried = [
                    tuple(combo)
                    for size in range(len(named) + 1)
                    for combo in itertools.combinations(named, size)
                ]
            options.append([*tried, None])  # None: not answered on the path
    return VerdictSpace(questions, options, combinations, parts, work)


def condition_parts(condition: Condition) -> int:
    """How many parts evaluating a condition may look at: every `all`, `any` and `not`, every
    test on a question and every answer value it names."""
    count = 0
    stack: list[Condition] = [condition]
    while stack:
        item = stack.pop()
        if isinstance(item, Match):
            count += 1 + len(item.values)
            continue
        count += 1
        stack.extend(item.parts if isinstance(item, AllOf | AnyOf) else (item.part,))
    return count


def _distinct_answers(step: Step, tests: list[Match]) -> list[str]:
    """One answer for each group of answers that every test treats alike.

    For a question with one answer, every test's result depends only on whether the answer is
    among the test's values; answers that are among the same tests' values are alike.
    """
    among: dict[str, list[int]] = {value: [] for value in step.values}
    for number, test in enumerate(tests):
        for value in dict.fromkeys(test.values):
            if value in among:
                among[value].append(number)
    groups: dict[tuple[int, ...], str] = {}
    for value, numbers in among.items():
        groups.setdefault(tuple(numbers), value)
    return list(groups.values())


def first_matches(plan: Plan, space: VerdictSpace) -> set[int] | None:
    """The numbers of the rules that are the first match for some answers; None when the
    analysis would take more than MAX_VERDICT_WORK steps (`space` is `verdict_space(plan)`)."""
    if space.too_large:
        return None
    rules = [
        (number, compile_condition(rule.when))
        for number, rule in enumerate(plan.verdict.rules)
        if rule.when is not None
    ]
    used: set[int] = set()
    for combination in itertools.product(*space.options):
        answers = {
            key: value
            for key, value in zip(space.questions, combination, strict=True)
            if value is not None
        }
        for number, holds in rules:
            if holds(answers):  # type: ignore[arg-type]
                used.add(number)
                break
        if len(used) == len(rules):
            break
    return used
