"""Loading plans: schema errors become Dutch messages with file:line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import replace_in
from stappenplan.errors import PlanError
from stappenplan.plan.loader import default_plan_dir, load_plan


def test_mini_plan_loads_and_merges_files_in_name_order(mini_dir: Path) -> None:
    """Mini plan loads and merges files in name order."""
    loaded = load_plan(mini_dir)
    assert loaded.plan.plan.id == "mini"
    assert [step.id for step in loaded.plan.steps] == ["gevaar", "wie", "van-wie", "wat", "extra"]
    assert loaded.files[0].endswith("00-plan.yaml")
    assert str(loaded.locate(("steps", 1, "next", 0, "when"))).endswith("10-steps.yaml:17")
    assert len(loaded.sha256) == 64


def test_sha256_changes_with_content(mini_dir: Path) -> None:
    """Sha256 changes with content."""
    before = load_plan(mini_dir).sha256
    path = mini_dir / "20-actions.yaml"
    path.write_text(path.read_text().replace("Evalueer later", "Evalueer straks"))
    assert load_plan(mini_dir).sha256 != before


def test_default_plan_is_packaged() -> None:
    """The default plan is found inside the installed package."""
    assert default_plan_dir().is_dir()
    assert load_plan().plan.plan.id == "agressie-politieke-ambtsdragers"


def _problems(mini_dir: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(mini_dir)
    return [str(problem) for problem in caught.value.problems]


SCHEMA_CASES = [
    (
        "10-steps.yaml",
        "    question: Wie?\n",
        "    question: Wie?\n    vraagje: x\n",
        "10-steps.yaml:12: steps[1].vraagje: onbekende sleutel 'vraagje'; toegestaan: id, phase, question",
    ),
    (
        "00-plan.yaml",
        "  start: gevaar\n",
        "  start: gevaar\n  start: wie\n",
        "00-plan.yaml:7: sleutel 'start' staat dubbel (eerder op regel 6)",
    ),
    (
        "10-steps.yaml",
        "    kind: several\n",
        "    kind: meerdere\n",
        "10-steps.yaml:28: steps[3].kind: 'meerdere' is niet toegestaan; kies uit 'one', 'several' or 'yes-no'",
    ),
    (
        "10-steps.yaml",
        "  - id: wie\n",
        "  - id: Wie Anders\n",
        "10-steps.yaml:10: steps[1].id: 'Wie Anders' is geen geldige id",
    ),
    (
        "20-actions.yaml",
        "    title: Bel hulp\n",
        "",
        "20-actions.yaml:9: actions[1].title: verplichte sleutel ontbreekt",
    ),
    (
        "30-verdict.yaml",
        "      when: {wie: gezin}\n",
        "      when: {wie: {some: [gezin]}}\n",
        "30-verdict.yaml:4: verdict.rules[0].when: voorwaarde op 'wie': onbekende toets 'some'",
    ),
    (
        "00-plan.yaml",
        "  reference_date: 2026-01-01\n",
        "  reference_date: gisteren\n",
        "00-plan.yaml:5: plan.reference_date: verwacht een datum als JJJJ-MM-DD",
    ),
    (
        "10-steps.yaml",
        "    question: Van wie?\n",
        "    question: [Van, wie]\n",
        "10-steps.yaml:21: steps[2].question: verwacht tekst, geen lijst",
    ),
    (
        "00-plan.yaml",
        "roles:\n",
        "rollen: []\nroles:\n",
        "00-plan.yaml:10: onbekende sleutel 'rollen'; toegestaan: plan, sources, roles",
    ),
    (
        "10-steps.yaml",
        "steps:\n",
        "plan: {id: x, title: x, version: '1', reference_date: 2026-01-01, start: x}\nsteps:\n",
        "10-steps.yaml:1: 'plan' staat al in",
    ),
    (
        "10-steps.yaml",
        "    next: wie\n",
        "    next: wie\n  - oops\n",
        "steps[1]: verwacht een mapping (sleutel: waarde), geen tekst",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), SCHEMA_CASES)
def test_schema_errors_name_file_line_and_what_is_allowed(
    mini_dir: Path, name: str, old: str, new: str, expected: str
) -> None:
    """Schema errors name file line and what is allowed."""
    replace_in(mini_dir, name, old, new)
    problems = _problems(mini_dir)
    assert any(expected in problem for problem in problems), problems


def test_all_schema_problems_are_reported_at_once(mini_dir: Path) -> None:
    """All schema problems are reported at once."""
    replace_in(mini_dir, "10-steps.yaml", "    question: Wie?\n", "    question: Wie?\n    a: 1\n")
    replace_in(
        mini_dir, "20-actions.yaml", "    urgency: direct\n", "    urgency: direct\n    b: 2\n"
    )
    problems = _problems(mini_dir)
    assert len(problems) == 2


def test_yaml_errors_in_several_files_are_all_reported(mini_dir: Path) -> None:
    """Yaml errors in several files are all reported."""
    (mini_dir / "10-steps.yaml").write_text("steps: [\n")
    (mini_dir / "20-actions.yaml").write_text("a: 1\na: 2\n")
    problems = _problems(mini_dir)
    assert len(problems) == 2
    assert any("20-actions.yaml:2" in problem for problem in problems)


def test_missing_plan_path_is_an_error(tmp_path: Path) -> None:
    """Missing plan path is an error."""
    with pytest.raises(PlanError, match="plan niet gevonden"):
        load_plan(tmp_path / "bestaat-niet")


def test_folder_without_yaml_is_an_error(tmp_path: Path) -> None:
    """Folder without yaml is an error."""
    with pytest.raises(PlanError, match=r"geen \.yaml-bestanden"):
        load_plan(tmp_path)


def test_models_are_frozen(mini_dir: Path) -> None:
    """Plan models cannot be changed after loading."""
    plan = load_plan(mini_dir).plan
    with pytest.raises(Exception, match="frozen"):
        plan.steps[0].question = "anders"  # type: ignore[misc]
