"""The pure walk through a plan: (plan, answers) -> path, next question, outcome. No I/O."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from stappenplan.errors import MissingAnswersError, PlanError
from stappenplan.plan.conditions import Answer, Answers
from stappenplan.plan.model import END, Action, Domain, Involvement, Plan, Step, VerdictRule


@dataclass(frozen=True, slots=True)
class Walk:
    """Where a walk got: the steps answered in order, and the first open question (if any)."""

    path: tuple[str, ...]
    answers: dict[str, Answer]
    assumed: tuple[str, ...]
    pending: Step | None

    @property
    def complete(self) -> bool:
        return self.pending is None


@dataclass(frozen=True, slots=True)
class Verdict:
    """The domain verdict: which rule matched, the domain, who has authority and why."""

    rule: VerdictRule
    domain: Domain

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.rule.reasons


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a completed walk."""

    walk: Walk
    ignored: tuple[str, ...]
    verdict: Verdict
    involvement: tuple[Involvement, ...]
    actions: tuple[Action, ...]


def next_step_id(step: Step, answers: Answers) -> str:
    """The step that follows `step` given the answers so far (END when the walk is over)."""
    for route in step.next:
        if route.when is None or route.when.holds(answers):
            return route.goto
    return END


def walk(plan: Plan, answers: Mapping[str, Answer], *, assume_defaults: bool = False) -> Walk:
    """Follow the plan from its start as far as the answers go.

    Only answers to questions on the path count; the rest is ignored. With `assume_defaults`,
    a question without an answer takes its `default` (and is listed as assumed).

    Raises:
        PlanError: when the routing loops or points to an unknown step (a plan that passed
            validation never does).
    """
    steps = plan.step_index
    used: dict[str, Answer] = {}
    path: list[str] = []
    assumed: list[str] = []
    current = plan.plan.start
    while current != END:
        step = steps.get(current)
        if step is None:
            raise PlanError(
                f"stap '{current}' bestaat niet (routering van '{path[-1] if path else 'start'}')"
            )
        if current in used:
            raise PlanError(f"de routering loopt rond bij stap '{current}'")
        answer = answers.get(current)
        if answer is None:
            if assume_defaults and step.default is not None:
                answer = step.default
                assumed.append(current)
            else:
                return Walk(tuple(path), used, tuple(assumed), step)
        used[current] = answer
        path.append(current)
        current = next_step_id(step, used)
    return Walk(tuple(path), used, tuple(assumed), None)


def decide(plan: Plan, answers: Answers) -> Verdict:
    """First matching row of the verdict table, else its default."""
    table = plan.verdict
    rule = next(
        (row for row in table.rules if row.when is not None and row.when.holds(answers)),
        table.default,
    )
    domain = plan.domain_index.get(rule.verdict)
    if domain is None:
        raise PlanError(f"verdict-regel '{rule.id}' noemt onbekend domein '{rule.verdict}'")
    return Verdict(rule, domain)


def outcome(plan: Plan, done: Walk, given: Mapping[str, Answer] | None = None) -> Outcome:
    """The action list, verdict and national involvement of a completed walk.

    Raises:
        ValueError: when the walk is not complete.
        PlanError: when the plan refers to an action it does not define.
    """
    if not done.complete:
        raise ValueError("outcome() needs a completed walk")
    answers = done.answers
    steps = plan.step_index
    # Collected in a list, deduplicated once: an outcome is computed often (scenario runs).
    wanted: list[str] = []
    for step_id in done.path:
        step = steps[step_id]
        wanted.extend(step.actions)
        by_value = step.choice_actions
        if by_value:
            answer = answers[step_id]
            for value in (answer,) if isinstance(answer, str) else answer:
                wanted.extend(by_value.get(value, ()))
    verdict = decide(plan, answers)
    wanted.extend(verdict.rule.actions)
    involvement = tuple(rule for rule in plan.involvement if rule.when.holds(answers))
    for rule in involvement:
        wanted.extend(rule.actions)
    for action in plan.conditional_actions:
        if action.when is not None and action.when.holds(answers):
            wanted.append(action.id)
    index = plan.action_index
    order = plan.action_order
    unique = dict.fromkeys(wanted)
    missing = [action_id for action_id in unique if action_id not in index]
    if missing:
        raise PlanError(f"onbekende actie(s): {', '.join(missing)}")
    actions = [index[action_id] for action_id in sorted(unique, key=order.__getitem__)]
    ignored = tuple(key for key in (given or {}) if key not in answers)
    return Outcome(done, ignored, verdict, involvement, tuple(actions))


def missing_questions(plan: Plan, answers: Mapping[str, Answer]) -> list[Step]:
    """Every question a scripted run still needs: no answer and no default, along the route.

    Where a missing answer decides the route, the route continues as if it were unanswered
    (conditions on it are false), so the list names what is known to be needed.
    """
    return [step for step, answer in likely_route(plan, answers) if answer is None]


def likely_route(
    plan: Plan,
    answers: Mapping[str, Answer],
    *,
    start: str | None = None,
    known: Mapping[str, Answer] | None = None,
) -> Iterator[tuple[Step, Answer | None]]:
    """The steps a walk will probably take from `start` (default: the plan's start), each with
    its answer or default (None: neither).

    Where neither decides the route, conditions on that question count as false. `known` holds
    answers given before `start` that conditions may test. Stops at the end, at an unknown step
    and where the route would loop.
    """
    steps = plan.step_index
    used: dict[str, Answer] = dict(known or {})
    current = plan.plan.start if start is None else start
    seen: set[str] = set()
    while current != END and current in steps and current not in seen:
        seen.add(current)
        step = steps[current]
        answer = answers.get(current, step.default)
        if answer is not None:
            used[current] = answer
        yield step, answer
        current = next_step_id(step, used)


def scripted_outcome(plan: Plan, given: Mapping[str, Answer]) -> Outcome:
    """The outcome of a run without prompts: defaults are assumed where the plan has them.

    Raises:
        MissingAnswersError: naming every question that has neither an answer nor a default.
    """
    done = walk(plan, given, assume_defaults=True)
    if not done.complete:
        missing = missing_questions(plan, given)
        lines = [
            f"{step.id}: {step.question} (toegestaan: {', '.join(step.values)})" for step in missing
        ]
        raise MissingAnswersError(
            "Er ontbreken antwoorden. Geef ze in het antwoordbestand of met --set ID=WAARDE:\n  "
            + "\n  ".join(lines),
            [step.id for step in missing],
        )
    return outcome(plan, done, given)
