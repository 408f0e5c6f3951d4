"""Scenario files: reading with file:line errors, running, the report line and coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from stappenplan.answers import check_answers, read_answer_file
from stappenplan.errors import ScenarioError
from stappenplan.plan.loader import load_plan
from stappenplan.plan.model import Plan
from stappenplan.scenarios import (
    ScenarioReport,
    coverage_gaps,
    format_report,
    load_scenarios,
    run_scenarios,
)

SHIPPED = sorted((REPO / "scenarios").glob("*.yaml"))

CORE = """\
    acuut-gevaar: nee
    doelwit: wethouder
    rijksdomein-persoon: nee
    incident: [bedreiging]
    dreiging-leven: nee
    motief: besluit-of-beleid
    rijksdomein-criteria: []
    aangifte: nee
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan().plan


@pytest.fixture(scope="module")
def shipped(plan: Plan) -> ScenarioReport:
    return run_scenarios(plan, load_scenarios(SHIPPED, plan))


def _case(name: str, expect: str, answers: str = CORE) -> str:
    return f"- name: {name}\n  answers:\n{answers}  expect:\n{expect}"


def _write(tmp_path: Path, text: str, name: str = "geval.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped suite ------------------------------------------------------------------------


def test_shipped_suite_passes(shipped: ScenarioReport) -> None:
    """The shipped scenarios pass against the default plan."""
    assert len(shipped.results) >= 30
    assert shipped.failed == (), format_report(shipped)
    assert format_report(shipped).splitlines()[-1] == f"{len(shipped.results)} passed, 0 failed"


def test_shipped_suite_covers_the_whole_plan(plan: Plan, shipped: ScenarioReport) -> None:
    """Shipped suite covers the whole plan."""
    assert coverage_gaps(plan, shipped) == []


def test_every_example_file_has_a_scenario_with_the_same_answers(
    plan: Plan, shipped: ScenarioReport
) -> None:
    """Every example file has a scenario with the same answers."""
    cases = [dict(result.scenario.answers) for result in shipped.results]
    examples = sorted((REPO / "examples").glob("*.yaml"))
    assert examples
    for path in examples:
        answer_file = read_answer_file(str(path))
        assert check_answers(plan, answer_file.answers) in cases, path.name


# --- running and reporting --------------------------------------------------------------------


def test_failing_case_is_reported_with_its_reasons(tmp_path: Path, plan: Plan) -> None:
    """Failing case is reported with its reasons."""
    expect = "    verdict: landelijk\n    rule: rijksdomein\n    actions: [hovj-besluit]\n"
    path = _write(tmp_path, _case("Verkeerd verwacht", expect))
    report = run_scenarios(plan, load_scenarios([path], plan))
    assert report.passed == ()
    (failed,) = report.failed
    assert failed.reasons == (
        "domein: verwacht 'landelijk', maar de uitkomst is 'lokaal' (regel 'decentraal')",
        "verdict-regel: verwacht 'rijksdomein', maar de uitkomst is 'decentraal'",
        "actie 'hovj-besluit' ontbreekt",
    )
    lines = format_report(report).splitlines()
    assert lines[0] == f"FOUT  Verkeerd verwacht ({path}:1)"
    assert (
        lines[1]
        == "      - domein: verwacht 'landelijk', maar de uitkomst is 'lokaal' (regel 'decentraal')"
    )
    assert lines[-1] == "0 passed, 1 failed"


def test_unwanted_actions_involvement_and_assumed_answers_fail(tmp_path: Path, plan: Plan) -> None:
    """Unwanted actions involvement and assumed answers fail."""
    expect = (
        "    without_actions: [doe-aangifte]\n"
        "    involvement: [burgemeester-doelwit]\n"
        "    without_involvement: [voordracht-cbb]\n"
        "    assumed: [kanaal]\n"
    )
    path = _write(tmp_path, _case("Te veel", expect))
    (failed,) = run_scenarios(plan, load_scenarios([path], plan)).failed
    assert failed.reasons[0] == "actie 'doe-aangifte' had niet in de uitkomst mogen staan"
    assert failed.reasons[1] == "betrokkenheid 'burgemeester-doelwit' ontbreekt"
    assert failed.reasons[2].startswith(
        "aangenomen antwoorden: verwacht kanaal, maar de uitkomst is "
    )
    assert len(failed.reasons) == 3


def test_case_missing_core_answers_fails_with_their_ids(tmp_path: Path, plan: Plan) -> None:
    """Case missing core answers fails with their ids."""
    answers = "    acuut-gevaar: nee\n    doelwit: raadslid\n"
    path = _write(tmp_path, _case("Onvolledig", "    verdict: lokaal\n", answers))
    report = run_scenarios(plan, load_scenarios([path], plan))
    (failed,) = report.failed
    assert failed.outcome is None
    (reason,) = failed.reasons
    assert reason.startswith(
        "ontbrekende antwoorden (zonder default): rijksdomein-persoon, incident"
    )
    assert "aangifte" in reason and "kanaal" not in reason


def test_passing_case_and_report_line(tmp_path: Path, plan: Plan) -> None:
    """Passing case and report line."""
    text = _case("Goed", "    verdict: lokaal\n    actions: [doe-aangifte]\n") + _case(
        "Fout", "    verdict: landelijk\n"
    )
    report = run_scenarios(plan, load_scenarios([_write(tmp_path, text)], plan))
    output = format_report(report)
    assert output.splitlines()[0] == "ok    Goed"
    assert re.search(r"^1 passed, 1 failed\n\Z", output, re.MULTILINE)


def test_answers_become_tuples_for_several(tmp_path: Path, plan: Plan) -> None:
    """Answers become tuples for several."""
    (scenario,) = load_scenarios([_write(tmp_path, _case("Tupels", "    {}\n"))], plan)
    assert scenario.answers["incident"] == ("bedreiging",)
    assert scenario.answers["rijksdomein-criteria"] == ()
    assert scenario.answers["doelwit"] == "wethouder"


# --- malformed files --------------------------------------------------------------------------

MALFORMED = [
    pytest.param(
        "name: los\n", 1, "een scenariobestand is een lijst van gevallen", id="geen-lijst"
    ),
    pytest.param("[]\n", 1, "een scenariobestand is een lijst van gevallen", id="lege-lijst"),
    pytest.param("- name: x\n\tanswers: {}\n", 2, "YAML-syntaxfout", id="yaml-syntax"),
    pytest.param("- gewoon tekst\n", 1, "een geval is een mapping", id="geval-geen-mapping"),
    pytest.param(
        _case("x", "    verdict: lokaal\n") + "  extra: 1\n",
        13,
        "onbekende sleutel 'extra'; toegestaan: name, answers, expect",
        id="onbekende-sleutel",
    ),
    pytest.param(
        "- name: x\n  answers:\n" + CORE,
        1,
        "verplichte sleutel 'expect' ontbreekt",
        id="expect-ontbreekt",
    ),
    pytest.param(
        _case("x", "    verdikt: lokaal\n"),
        12,
        "onbekende sleutel 'verdikt' in expect",
        id="onbekende-expect-sleutel",
    ),
    pytest.param(
        _case("x", "    verdict: lokal\n"),
        12,
        "onbekend domein 'lokal'; bekend: lokaal, landelijk",
        id="onbekend-domein",
    ),
    pytest.param(
        _case("x", "    rule: rijksdomain\n"),
        12,
        "onbekende verdict-regel 'rijksdomain'",
        id="onbekende-regel",
    ),
    pytest.param(
        _case("x", "    actions:\n      - doe-aangifte\n      - bel-113\n"),
        14,
        "onbekende actie 'bel-113' in 'actions'",
        id="onbekende-actie",
    ),
    pytest.param(
        _case("x", "    without_involvement: [burgemeester]\n"),
        12,
        "onbekende betrokkenheid 'burgemeester'",
        id="onbekende-betrokkenheid",
    ),
    pytest.param(
        _case("x", "    {}\n", CORE + "    doelwitt: raadslid\n"),
        11,
        "onbekende vraag 'doelwitt'",
        id="onbekende-vraag",
    ),
    pytest.param(
        _case("x", "    {}\n", CORE.replace("acuut-gevaar: nee", "acuut-gevaar: misschien")),
        3,
        "'misschien' is geen toegestane waarde voor 'acuut-gevaar'; toegestaan: ja, nee",
        id="waarde-niet-toegestaan",
    ),
    pytest.param(
        _case("x", "    {}\n", CORE.replace("incident: [bedreiging]", "incident: []")),
        6,
        "'incident' verwacht minstens 1 keuze(s)",
        id="te-weinig-keuzes",
    ),
    pytest.param(
        _case("dubbel", "    {}\n") + _case("dubbel", "    {}\n"),
        13,
        "naam 'dubbel' komt al voor",
        id="dubbele-naam",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragment"), MALFORMED)
def test_malformed_file_raises_with_file_and_line(
    tmp_path: Path, plan: Plan, text: str, line: int, fragment: str
) -> None:
    """Malformed file raises with file and line."""
    path = _write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenarios([path], plan)
    found = [(str(p.location), p.message) for p in caught.value.problems]
    assert any(where == f"{path}:{line}" and fragment in message for where, message in found), found


def test_problems_of_several_files_come_together(tmp_path: Path, plan: Plan) -> None:
    """Problems of several files come together."""
    first = _write(tmp_path, "name: los\n", "a.yaml")
    second = _write(tmp_path, _case("x", "    verdict: lokal\n"), "b.yaml")
    missing = tmp_path / "bestaat-niet.yaml"
    with pytest.raises(ScenarioError) as caught:
        load_scenarios([first, second, missing], plan)
    places = {str(problem.location) for problem in caught.value.problems}
    assert places == {f"{first}:1", f"{second}:12", str(missing)}


# --- coverage ---------------------------------------------------------------------------------


def test_coverage_gaps_name_what_no_case_reached(tmp_path: Path, plan: Plan) -> None:
    """Coverage gaps name what no case reached."""
    path = _write(tmp_path, _case("Eén geval", "    verdict: lokaal\n"))
    gaps = coverage_gaps(plan, run_scenarios(plan, load_scenarios([path], plan)))
    assert (
        "stap 'gezinslid-van': geen scenario komt hier langs (en dus ook niet langs de antwoorden)"
        in gaps
    )
    assert "antwoord doelwit=burgemeester: in geen scenario gekozen" in gaps
    assert "verdict-regel 'rijksdomein': past in geen scenario" in gaps
    assert "betrokkenheid 'burgemeester-doelwit': geldt in geen scenario" in gaps
    assert "actie 'bel-112': komt in geen scenario voor" in gaps
    assert "antwoord doelwit=wethouder: in geen scenario gekozen" not in gaps
    assert "actie 'doe-aangifte': komt in geen scenario voor" not in gaps
    assert not any(gap.startswith("verdict-default") for gap in gaps)
    assert not any("gezinslid-van=" in gap for gap in gaps)


def test_incomplete_cases_do_not_count_for_coverage(tmp_path: Path, plan: Plan) -> None:
    """Incomplete cases do not count for coverage."""
    path = _write(tmp_path, _case("Onvolledig", "    {}\n", "    acuut-gevaar: ja\n"))
    gaps = coverage_gaps(plan, run_scenarios(plan, load_scenarios([path], plan)))
    assert gaps[0] == (
        "stap 'acuut-gevaar': geen scenario komt hier langs (en dus ook niet langs de antwoorden)"
    )
    assert "verdict-default 'decentraal': in geen scenario gebruikt" in gaps
