"""Running scenarios against a plan: each case's outcome against its expectation, what no
scenario reaches (coverage), and the report. The files are read by `scenarios`."""

from __future__ import annotations

from collections.abc import Iterable

from stappenplan.engine import Outcome, scripted_outcome
from stappenplan.errors import MissingAnswersError
from stappenplan.plan.model import Action, Involvement, Plan, VerdictRule
from stappenplan.scenarios import CaseResult, Expectation, Scenario, ScenarioReport


def run_scenarios(plan: Plan, scenarios: Iterable[Scenario]) -> ScenarioReport:
    """Run every case (defaults assumed) and compare its outcome with the expectation."""
    return ScenarioReport(tuple(run_scenario(plan, scenario) for scenario in scenarios))


def run_scenario(plan: Plan, scenario: Scenario) -> CaseResult:
    """One case: a failure reason per unmet expectation, or for missing core answers."""
    try:
        result = scripted_outcome(plan, scenario.answers)
    except MissingAnswersError as error:
        reason = f"ontbrekende antwoorden (zonder default): {', '.join(error.missing)}"
        return CaseResult(scenario, (reason,), None)
    return CaseResult(scenario, tuple(_compare(scenario.expect, result)), result)


def _compare(expect: Expectation, result: Outcome) -> Iterable[str]:
    verdict = result.verdict
    if expect.verdict is not None and verdict.domain.id != expect.verdict:
        yield (
            f"domein: verwacht '{expect.verdict}', maar de uitkomst is '{verdict.domain.id}' "
            f"(regel '{verdict.rule.id}')"
        )
    if expect.rule is not None and verdict.rule.id != expect.rule:
        yield f"verdict-regel: verwacht '{expect.rule}', maar de uitkomst is '{verdict.rule.id}'"
    actions = {action.id for action in result.actions}
    yield from _present("actie", expect.actions, actions)
    yield from _absent("actie", expect.without_actions, actions)
    involvement = {rule.id for rule in result.involvement}
    yield from _present("betrokkenheid", expect.involvement, involvement)
    yield from _absent("betrokkenheid", expect.without_involvement, involvement)
    yield from _shape(expect, result)
    if expect.assumed is not None and set(expect.assumed) != set(result.walk.assumed):
        wanted = ", ".join(expect.assumed) or "geen"
        got = ", ".join(result.walk.assumed) or "geen"
        yield f"aangenomen antwoorden: verwacht {wanted}, maar de uitkomst is {got}"


def _shape(expect: Expectation, result: Outcome) -> Iterable[str]:
    """Length, the first actions, who does what, and the order of actions."""
    ids = [action.id for action in result.actions]
    if expect.max_actions is not None and len(ids) > expect.max_actions:
        yield f"aantal acties: hoogstens {expect.max_actions} verwacht, maar het zijn er {len(ids)}"
    first = list(expect.first_actions)
    if first and ids[: len(first)] != first:
        yield (
            f"eerste acties: verwacht {', '.join(first)}, "
            f"maar de lijst begint met {', '.join(ids[: len(first)]) or 'niets'}"
        )
    roles = {action.id: action.responsible for action in result.actions}
    for action_id, role_id in expect.responsible:
        if action_id not in roles:
            yield f"wie: actie '{action_id}' staat niet in de uitkomst"
        elif roles[action_id] != role_id:
            yield f"wie: actie '{action_id}' is voor '{roles[action_id]}', verwacht '{role_id}'"
    shown = {action.id: f"{action.title} {action.details}" for action in result.actions}
    for action_id, text in expect.texts:
        if action_id not in shown:
            yield f"tekst: actie '{action_id}' staat niet in de uitkomst"
        elif text not in " ".join(shown[action_id].split()):
            yield f"tekst: actie '{action_id}' noemt '{text}' niet"
    caveats = {caveat.id for caveat in result.caveats}
    yield from _present("kanttekening", expect.caveats, caveats)
    positions = [ids.index(action_id) for action_id in expect.order if action_id in ids]
    missing = [action_id for action_id in expect.order if action_id not in ids]
    if missing:
        yield f"volgorde: actie(s) {', '.join(missing)} staan niet in de uitkomst"
    elif positions != sorted(positions):
        yield f"volgorde: verwacht {' vóór '.join(expect.order)}"


def _present(what: str, wanted: Iterable[str], found: set[str]) -> Iterable[str]:
    return (f"{what} '{item}' ontbreekt" for item in wanted if item not in found)


def _absent(what: str, unwanted: Iterable[str], found: set[str]) -> Iterable[str]:
    return (
        f"{what} '{item}' had niet in de uitkomst mogen staan" for item in unwanted if item in found
    )


# --- coverage and report ----------------------------------------------------------------------


def coverage_gaps(plan: Plan, report: ScenarioReport) -> list[str]:
    """Dutch lines for the steps, choices, verdict rules, involvement rules and actions that
    no completed case reached (empty when the scenarios cover the whole plan)."""
    steps: set[str] = set()
    choices: set[tuple[str, str]] = set()
    rules: set[str] = set()
    involvement: set[str] = set()
    actions: set[str] = set()
    for result in report.results:
        done = result.outcome
        if done is None:
            continue
        steps.update(done.walk.path)
        for step_id in done.walk.path:
            answer = done.walk.answers[step_id]
            values = (answer,) if isinstance(answer, str) else answer
            choices.update((step_id, value) for value in values)
        rules.add(done.verdict.rule.id)
        involvement.update(rule.id for rule in done.involvement)
        actions.update(action.id for action in done.actions)
    gaps: list[str] = []
    for step in plan.steps:
        if step.id not in steps:
            gaps.append(
                f"stap '{step.id}': geen scenario komt hier langs (en dus ook niet langs de antwoorden)"
            )
            continue
        gaps.extend(
            f"antwoord {step.id}={choice.value}: in geen scenario gekozen"
            for choice in step.choices
            if (step.id, choice.value) not in choices
        )
    gaps.extend(_missing(plan.verdict.rules, rules, "verdict-regel '{}': past in geen scenario"))
    gaps.extend(
        _missing((plan.verdict.default,), rules, "verdict-default '{}': in geen scenario gebruikt")
    )
    gaps.extend(
        _missing(plan.involvement, involvement, "betrokkenheid '{}': geldt in geen scenario")
    )
    gaps.extend(_missing(plan.actions, actions, "actie '{}': komt in geen scenario voor"))
    return gaps


def _missing(
    items: Iterable[Action | VerdictRule | Involvement], reached: set[str], template: str
) -> list[str]:
    return [template.format(item.id) for item in items if item.id not in reached]


def format_report(report: ScenarioReport) -> str:
    """One line per case (`ok` or `FOUT`, with indented reasons), then `N passed, N failed`."""
    lines: list[str] = []
    for result in report.results:
        scenario = result.scenario
        if result.passed:
            lines.append(f"ok    {scenario.name}")
            continue
        lines.append(f"FOUT  {scenario.name} ({scenario.location})")
        lines.extend(f"      - {reason}" for reason in result.reasons)
    lines.append(f"{len(report.passed)} passed, {len(report.failed)} failed")
    return "\n".join(lines) + "\n"
