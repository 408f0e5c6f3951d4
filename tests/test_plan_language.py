"""The plan language of plan 2.0: answer-dependent roles, derived defaults, the declared order
inside an urgency, the glossary, caveats with every verdict, and changed answers of an older
major version."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stappenplan.answers import collect_answers, read_answer_file
from stappenplan.engine import default_answer, responsible_role, scripted_outcome, walk
from stappenplan.errors import AnswerError
from stappenplan.output.plan import render_plan
from stappenplan.plan.glossary import abbreviations, unexplained
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.loader import load_plan
from stappenplan.plan.validate import validate_plan

FIXTURES = Path(__file__).parent / "fixtures"
TAAL = FIXTURES / "taal"
AFKORTING = FIXTURES / "afkorting"

Cli = Callable[..., Any]


@pytest.fixture(scope="module")
def taal() -> LoadedPlan:
    return load_plan(TAAL)


def _ids(loaded: LoadedPlan, answers: dict[str, object]) -> list[str]:
    given = {k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()}
    return [action.id for action in scripted_outcome(loaded.plan, given).actions]  # type: ignore[arg-type]


def test_the_language_fixture_is_clean(taal: LoadedPlan) -> None:
    assert [str(problem) for problem in validate_plan(taal)] == []


# --- answer-dependent role --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wie", "role"), [("raadslid", "griffier"), ("kind", "ouder"), ("wethouder", "zelf")]
)
def test_responsible_follows_the_first_matching_rule_else_the_default(
    taal: LoadedPlan, wie: str, role: str
) -> None:
    outcome = scripted_outcome(taal.plan, {"wie": wie, "wat": ("dreiging",)})
    melden = next(action for action in outcome.actions if action.id == "melden")
    assert melden.responsible == role
    assert responsible_role(taal.plan.action_index["melden"], {"wie": wie}) == role


def test_the_resolved_role_reaches_the_json_contract(cli: Cli) -> None:
    result = cli(
        "start",
        "--steps",
        str(TAAL),
        "--set",
        "wie=kind",
        "--set",
        "wat=dreiging",
        "--no-input",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    actions = {a["id"]: a for a in json.loads(result.out)["actions"]}
    assert actions["melden"]["responsible"] == "ouder"
    assert actions["melden"]["responsible_label"] == "De ouder"


# --- derived defaults -------------------------------------------------------------------------


def test_a_default_can_follow_an_earlier_answer(taal: LoadedPlan) -> None:
    step = taal.plan.step_index["gezin"]
    assert default_answer(step, {"wat": ("gezin",)}) == "ja"
    assert default_answer(step, {"wat": ("dreiging",)}) == "nee"
    done = walk(taal.plan, {"wie": "wethouder", "wat": ("gezin",)}, assume_defaults=True)
    assert done.answers["gezin"] == "ja" and done.assumed == ("gezin",)
    assert "gezin-nazorg" in _ids(taal, {"wie": "wethouder", "wat": ["gezin"]})
    assert "gezin-nazorg" not in _ids(taal, {"wie": "wethouder", "wat": ["dreiging"]})


def test_a_given_answer_wins_over_a_derived_default(taal: LoadedPlan) -> None:
    assert "gezin-nazorg" not in _ids(taal, {"wie": "wethouder", "wat": ["gezin"], "gezin": "nee"})


def test_a_derived_default_outside_the_choices_is_invalid(tmp_path: Path) -> None:
    text = (TAAL / "plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(text.replace("        value: ja\n", "        value: jaa\n"))
    codes = [problem.code for problem in validate_plan(load_plan(tmp_path))]
    assert codes == ["invalid-default"]


# --- the declared order inside an urgency -----------------------------------------------------


def test_inside_an_urgency_actions_follow_the_declared_phase_order(taal: LoadedPlan) -> None:
    # The file lists kosten, melden, politie, veilig; action_order puts them right.
    assert _ids(taal, {"wie": "wethouder", "wat": ["dreiging"]}) == [
        "bel",
        "veilig",
        "politie",
        "melden",
        "kosten",
    ]


def test_without_a_declared_order_the_file_order_holds(tmp_path: Path) -> None:
    text = (TAAL / "plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        text.replace("  action_order: [veilig, politie, melden, kosten]\n", "")
    )
    loaded = load_plan(tmp_path)
    assert _ids(loaded, {"wie": "wethouder", "wat": ["dreiging"]}) == [
        "bel",
        "kosten",
        "melden",
        "politie",
        "veilig",
    ]


def test_an_action_outside_the_declared_order_is_reported(tmp_path: Path) -> None:
    text = (TAAL / "plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        text.replace(
            "  action_order: [veilig, politie, melden, kosten]", "  action_order: [veilig]"
        )
    )
    problems = [p for p in validate_plan(load_plan(tmp_path)) if p.code == "unordered-action"]
    assert sorted(p.message.split("'")[1] for p in problems) == [
        "gezin-nazorg",
        "kosten",
        "melden",
        "politie",
    ]
    assert all(p.is_error for p in problems)


# --- glossary ---------------------------------------------------------------------------------


def test_abbreviations_are_found_and_ordinary_words_are_not() -> None:
    text = (
        "De HOvJ en de BB&C van het OM (art. 285 Sr), KvK, de VPT-code, AOV'er, Nederland, e-mail."
    )
    assert abbreviations(text) == ["HOvJ", "BB&C", "OM", "Sr", "KvK", "VPT", "AOV"]


def test_validate_reports_an_unexplained_abbreviation_in_a_test_plan() -> None:
    problems = validate_plan(load_plan(AFKORTING))
    assert [(p.code, p.is_error) for p in problems] == [("unexplained-abbreviation", False)]
    assert "'BVA'" in problems[0].message
    assert problems[0].location is not None and problems[0].location.line == 22


def test_the_validate_command_shows_the_abbreviation(cli: Cli) -> None:
    result = cli("validate", "--steps", str(AFKORTING))
    assert "afkorting 'BVA' staat niet in de woordenlijst" in result.err + result.out
    assert "[unexplained-abbreviation]" in result.err + result.out


def test_the_default_plan_explains_every_abbreviation() -> None:
    assert list(unexplained(load_plan().plan)) == []


def test_the_glossary_is_printed_with_the_plan(taal: LoadedPlan) -> None:
    text = render_plan(taal)
    assert "## Afkortingen" in text
    assert "| **CCB** | Conflict- en Crisisbeheersing |" in text


# --- caveats ----------------------------------------------------------------------------------


def test_caveats_come_with_the_verdict_when_their_condition_holds(taal: LoadedPlan) -> None:
    plain = scripted_outcome(taal.plan, {"wie": "wethouder", "wat": ("dreiging",)})
    child = scripted_outcome(taal.plan, {"wie": "kind", "wat": ("dreiging",)})
    assert [c.id for c in plain.caveats] == ["altijd"]
    assert [c.id for c in child.caveats] == ["altijd", "bij-kind"]


@pytest.mark.parametrize("form", ["text", "markdown", "json"])
def test_caveats_are_shown_in_every_format(cli: Cli, form: str) -> None:
    result = cli(
        "start",
        "--steps",
        str(TAAL),
        "--set",
        "wie=kind",
        "--set",
        "wat=dreiging",
        "--no-input",
        "--format",
        form,
    )
    assert result.code == 0, result.err
    if form == "json":
        caveats = json.loads(result.out)["domain"]["caveats"]
        assert caveats == [
            "Deze kanttekening staat bij elk oordeel.",
            "Alleen als het om een kind gaat.",
        ]
    else:
        assert "Deze kanttekening staat bij elk oordeel." in result.out
        assert "Alleen als het om een kind gaat." in result.out


def test_every_verdict_of_the_default_plan_names_the_2026_circulaire(cli: Cli) -> None:
    result = cli(
        "start",
        "--answers",
        str(FIXTURES.parents[1] / "examples" / "wethouder-dreigmail.yaml"),
        "--no-input",
        "--format",
        "json",
    )
    caveats = json.loads(result.out)["domain"]["caveats"]
    assert len(caveats) == 1 and "Circulaire bewaken en beveiligen 2026" in caveats[0]
    assert "eenduidig gezag" in caveats[0]


# --- changed answers of an older major version ------------------------------------------------


def test_a_removed_value_names_what_to_use_now(taal: LoadedPlan, tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.yaml"
    path.write_text("answers: {wie: wethouder, wat: [schade]}\n", encoding="utf-8")
    with pytest.raises(AnswerError) as caught:
        collect_answers(taal, read_answer_file(str(path)), {})
    message = str(caught.value.problems[0])
    assert "'schade' is geen toegestane waarde voor 'wat'" in message
    assert "Sinds planversie 2.0.0: 'schade' bestaat niet meer; kies 'dreiging'." in message


def test_a_record_of_an_older_major_version_fails_and_lists_each_change(
    taal: LoadedPlan, tmp_path: Path
) -> None:
    path = tmp_path / "verslag.yaml"
    path.write_text(
        "plan: taal\nplan_version: '1.4.0'\nanswers: {wie: wethouder, wat: [dreiging]}\n",
        encoding="utf-8",
    )
    with pytest.raises(AnswerError) as caught:
        collect_answers(taal, read_answer_file(str(path)), {})
    problem = caught.value.problems[0]
    assert problem.code == "old-plan-version"
    assert "planversie 1.4.0; dit is planversie 2.1.0" in problem.message
    assert "'wat' = 'schade': 'schade' bestaat niet meer" in problem.message
    assert "'oud': de vraag 'oud' is vervallen." in problem.message


def test_a_record_of_the_same_major_version_only_warns(taal: LoadedPlan, tmp_path: Path) -> None:
    path = tmp_path / "verslag.yaml"
    path.write_text(
        "plan: taal\nplan_version: '2.0.0'\nanswers: {wie: wethouder, wat: [dreiging]}\n",
        encoding="utf-8",
    )
    given, warnings = collect_answers(taal, read_answer_file(str(path)), {})
    assert given == {"wie": "wethouder", "wat": ("dreiging",)}
    assert warnings and "planversie 2.0.0" in warnings[0]


def test_a_plan_1_record_fails_on_the_default_plan_naming_the_changed_answers(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "verslag.yaml"
    path.write_text(
        "plan: agressie-politieke-ambtsdragers\nplan_version: 1.0.0\nanswers:\n"
        "  acuut-gevaar: nee\n  doelwit: wethouder\n  rijksdomein-persoon: nee\n"
        "  incident: [bedreiging]\n  dreiging-leven: ja\n  motief: onbekend\n"
        "  rijksdomein-criteria: [landelijke-bekendheid]\n  aangifte: nee\n",
        encoding="utf-8",
    )
    result = cli("start", "--answers", str(path), "--no-input")
    assert result.code == 1
    assert "gemaakt met planversie 1.0.0; dit is planversie 2.0.0" in result.err
    assert "'rijksdomein-criteria' = 'landelijke-bekendheid'" in result.err
    assert "'restcriterium'" in result.err
    assert "'aangifte' = 'onbekend'" in result.err


# --- compiled conditions ----------------------------------------------------------------------


def test_compiled_conditions_agree_with_the_condition_objects() -> None:
    """The engine checks conditions through compiled functions; they must give the same
    answer as `holds` for every condition of the default plan on every scenario's answers."""
    from stappenplan.plan.compiled import compile_condition
    from stappenplan.plan.conditions import parse_condition
    from stappenplan.scenarios import load_scenarios

    plan = load_plan().plan
    repo = FIXTURES.parents[1]
    answer_sets = [
        walk(plan, scenario.answers, assume_defaults=True).answers
        for scenario in load_scenarios(sorted((repo / "scenarios").glob("*.yaml")), plan)
    ]
    conditions = [action.when for action in plan.actions if action.when is not None]
    conditions += [rule.when for action in plan.actions for rule in action.responsible_when]
    conditions += [rule.when for rule in plan.involvement]
    conditions += [route.when for step in plan.steps for route in step.next if route.when]
    # Every kind of test on a one-answer and on a several-answers question.
    conditions += [
        parse_condition(raw)
        for raw in (
            {"doelwit": {"all": ["wethouder"]}},
            {"doelwit": {"none": ["wethouder", "raadslid"]}},
            {"incident": {"all": ["bedreiging", "doxing"]}},
            {"incident": {"none": ["bedreiging"]}},
            {"not": {"incident": "doxing"}},
        )
    ]
    assert len(answer_sets) > 60
    for condition in conditions:
        compiled = compile_condition(condition)
        for answers in answer_sets:
            assert compiled(answers) == condition.holds(answers), (condition, answers)
