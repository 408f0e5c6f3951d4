"""The pure walk through a plan: (plan, answers) -> path, next question, outcome. No I/O."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from stappenplan.errors import MissingAnswersError, PlanError
from stappenplan.plan.compiled import Predicate, compile_condition
from stappenplan.plan.conditions import Answer, Answers
from stappenplan.plan.model import (
    END,
    Action,
    Caveat,
    Domain,
    Involvement,
    Plan,
    Step,
    VerdictRule,
)


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
    caveats: tuple[Caveat, ...] = ()


def default_answer(step: Step, answers: Answers) -> Answer | None:
    """The answer a run without input assumes: the first `default_when` rule that holds on the
    answers so far, else the step's plain `default` (None: the step has no default)."""
    for rule in step.default_when:
        if rule.when.holds(answers):
            return rule.value
    return step.default


def responsible_role(action: Action, answers: Answers) -> str:
    """Who does an action given the answers: the first `responsible_when` rule that holds,
    else the action's `responsible`."""
    for rule in action.responsible_when:
        if rule.when.holds(answers):
            return rule.role
    return action.responsible


def _resolved(action: Action, answers: Answers, rules: tuple[tuple[Predicate, str], ...]) -> Action:
    """The action with its answer-dependent role (`rules`, compiled `responsible_when`) filled
    in as `responsible`."""
    role = next((role for holds, role in rules if holds(answers)), action.responsible)
    if role == action.responsible:
        return action
    return action.model_copy(update={"responsible": role})


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A plan's conditions as functions, and its action sort keys; made once per plan."""

    sort_keys: dict[str, int]
    routes: dict[str, tuple[tuple[Predicate | None, str], ...]]
    roles: dict[str, tuple[tuple[Predicate, str], ...]]
    actions: tuple[tuple[str, Predicate], ...]
    involvement: tuple[tuple[Involvement, Predicate], ...]
    caveats: tuple[tuple[Caveat, Predicate | None], ...]


_COMPILED: dict[int, tuple[Plan, _Compiled]] = {}
"""Per plan object, by identity: a plan is a frozen model, so what is compiled from it stays
true. The plan is kept beside its functions so that its id cannot be reused while it is here."""


def _compiled(plan: Plan) -> _Compiled:
    cached = _COMPILED.get(id(plan))
    if cached is not None and cached[0] is plan:
        return cached[1]
    made = _Compiled(
        _sort_keys(plan),
        {
            step.id: tuple(
                (None if route.when is None else compile_condition(route.when), route.goto)
                for route in step.next
            )
            for step in plan.steps
        },
        {
            action.id: tuple((compile_condition(rule.when), rule.role) for rule in rules)
            for action in plan.actions
            if (rules := action.responsible_when)
        },
        tuple(
            (action.id, compile_condition(action.when))
            for action in plan.conditional_actions
            if action.when is not None
        ),
        tuple((rule, compile_condition(rule.when)) for rule in plan.involvement),
        tuple(
            (caveat, None if caveat.when is None else compile_condition(caveat.when))
            for caveat in plan.caveats
        ),
    )
    if len(_COMPILED) >= 8:
        _COMPILED.clear()
    _COMPILED[id(plan)] = (plan, made)
    return made


def action_sort_keys(plan: Plan) -> dict[str, int]:
    """One sort key per action id: urgency first (unknown urgencies last), then the phase order
    the plan declares for inside an urgency (`plan.plan.action_order`; phases not listed come
    after the listed ones), then the order of the plan files. Without a declared order this is
    the plan's own `action_order` (urgency, then file order)."""
    return _compiled(plan).sort_keys


def _sort_keys(plan: Plan) -> dict[str, int]:
    phases = {phase: rank for rank, phase in enumerate(plan.plan.action_order)}
    if not phases:
        return plan.action_order
    urgency = plan.urgency_rank
    span = len(plan.actions) + 1
    phase_span = len(phases) + 1
    return {
        action.id: (
            urgency.get(action.urgency, len(urgency)) * phase_span
            + phases.get(action.phase or "", len(phases))
        )
        * span
        + rank
        for rank, action in enumerate(plan.actions)
    }


def next_step_id(step: Step, answers: Answers) -> str:
    """The step that follows `step` given the answers so far (END when the walk is over)."""
    for route in step.next:
        if route.when is None or route.when.holds(answers):
            return route.goto
    return END


def walk(
    plan: Plan,
    answers: Mapping[str, Answer],
    *,
    assume_defaults: bool = False,
    first_choice: bool = False,
) -> Walk:
    """Follow the plan from its start as far as the answers go.

    Only answers to questions on the path count; the rest is ignored. With `assume_defaults`,
    a question without an answer takes its `default` (and is listed as assumed). With
    `first_choice` as well, a question with neither takes its first value (none ticked when it
    takes several), so the walk always completes.

    Raises:
        PlanError: when the routing loops or points to an unknown step (a plan that passed
            validation never does).
    """
    steps = plan.step_index
    routes = _compiled(plan).routes
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
            default = default_answer(step, used) if assume_defaults else None
            if default is not None:
                answer = default
                assumed.append(current)
            elif first_choice:
                answer = () if step.multiple else (step.values[0] if step.values else "")
            else:
                return Walk(tuple(path), used, tuple(assumed), step)
        used[current] = answer
        path.append(current)
        current = next(
            (goto for holds, goto in routes[current] if holds is None or holds(used)), END
        )
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
    compiled = _compiled(plan)
    involvement = tuple(rule for rule, holds in compiled.involvement if holds(answers))
    for rule in involvement:
        wanted.extend(rule.actions)
    for action_id, holds in compiled.actions:
        if holds(answers):
            wanted.append(action_id)
    index = plan.action_index
    order = compiled.sort_keys
    unique = dict.fromkeys(wanted)
    missing = [action_id for action_id in unique if action_id not in index]
    if missing:
        raise PlanError(f"onbekende actie(s): {', '.join(missing)}")
    roles = compiled.roles
    actions = [
        _resolved(index[action_id], answers, roles[action_id])
        if action_id in roles
        else index[action_id]
        for action_id in sorted(unique, key=order.__getitem__)
    ]
    ignored = tuple(key for key in (given or {}) if key not in answers)
    caveats = tuple(caveat for caveat, holds in compiled.caveats if holds is None or holds(answers))
    return Outcome(done, ignored, verdict, involvement, tuple(actions), caveats)


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
        answer = answers.get(current)
        if answer is None:
            answer = default_answer(step, used)
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
