"""Whole-plan checks: one case per problem code, with its file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import replace_in
from stappenplan.plan.loader import load_plan
from stappenplan.plan.validate import validate_plan

CODES = (
    "duplicate-id",
    "reserved-id",
    "dangling-target",
    "dangling-role",
    "dangling-action",
    "dangling-source",
    "dangling-phase",
    "dangling-urgency",
    "dangling-domain",
    "unreachable-step",
    "cycle",
    "no-outcome",
    "route-without-default",
    "unknown-step-in-condition",
    "unknown-value-in-condition",
    "invalid-choices",
    "invalid-default",
    "missing-source",
    "unreachable-rule",
    "verdict-not-analysed",
    "unused-action",
    "unexplained-abbreviation",
    "unordered-action",
    "plan-too-large",
)
"""Every code a plan problem can carry; stable, documented in the README."""


def _found(mini_dir: Path) -> list[tuple[str, str]]:
    return [(p.code, str(p)) for p in validate_plan(load_plan(mini_dir))]


def test_mini_plan_is_clean(mini_dir: Path) -> None:
    """The small test plan has no problems."""
    assert _found(mini_dir) == []


def test_default_plan_has_no_errors() -> None:
    """Default plan has no errors."""
    errors = [str(p) for p in validate_plan(load_plan()) if p.is_error]
    assert errors == []


CASES = [
    (
        "duplicate-id",
        "20-actions.yaml",
        "  - id: meld-dreiging\n",
        "  - id: bel-hulp\n",
        "20-actions.yaml:15",
    ),
    (
        "reserved-id",
        "10-steps.yaml",
        "    next: einde\n",
        "    next: einde\n  - {id: einde, question: x, kind: yes-no}\n",
        "10-steps.yaml:40",
    ),
    ("dangling-target", "10-steps.yaml", "    next: wat\n", "    next: wta\n", "10-steps.yaml:25"),
    (
        "dangling-role",
        "20-actions.yaml",
        "    responsible: bode\n",
        "    responsible: portier\n",
        "20-actions.yaml:11",
    ),
    (
        "dangling-action",
        "10-steps.yaml",
        "actions: [bel-hulp]",
        "actions: [bel-hulpp]",
        "10-steps.yaml:7",
    ),
    (
        "dangling-source",
        "20-actions.yaml",
        '{id: bron-a, ref: "§1"}',
        '{id: bron-x, ref: "§1"}',
        "20-actions.yaml:14",
    ),
    (
        "dangling-phase",
        "10-steps.yaml",
        "    phase: eerst\n",
        "    phase: straks\n",
        "10-steps.yaml:3",
    ),
    (
        "dangling-urgency",
        "20-actions.yaml",
        "    urgency: direct\n",
        "    urgency: nu\n",
        "20-actions.yaml:12",
    ),
    (
        "dangling-domain",
        "30-verdict.yaml",
        "      verdict: landelijk\n",
        "      verdict: rijk\n",
        "30-verdict.yaml:11",
    ),
    ("unreachable-step", "10-steps.yaml", "    next: wie\n", "    next: wat\n", "10-steps.yaml:10"),
    ("cycle", "10-steps.yaml", "    next: einde\n", "    next: wie\n", "10-steps.yaml:"),
    ("no-outcome", "10-steps.yaml", "    next: einde\n", "    next: wie\n", "10-steps.yaml:"),
    (
        "route-without-default",
        "10-steps.yaml",
        "      - goto: wat\n",
        "      - {when: {wie: een}, goto: wat}\n",
        "10-steps.yaml:19",
    ),
    (
        "unknown-step-in-condition",
        "20-actions.yaml",
        "    when: {extra: ja}\n",
        "    when: {extraa: ja}\n",
        "20-actions.yaml:8",
    ),
    (
        "unknown-value-in-condition",
        "30-verdict.yaml",
        "      when: {wie: twee}\n",
        "      when: {wie: drie}\n",
        "30-verdict.yaml:10",
    ),
    (
        "invalid-choices",
        "10-steps.yaml",
        "    min_choices: 1\n",
        "    min_choices: 4\n",
        "10-steps.yaml:29",
    ),
    (
        "invalid-default",
        "10-steps.yaml",
        "    default: nee\n",
        "    default: misschien\n",
        "10-steps.yaml:38",
    ),
    (
        "missing-source",
        "20-actions.yaml",
        "    sources: [{id: bron-b}]\n",
        "",
        "20-actions.yaml:22",
    ),
    (
        "unreachable-rule",
        "30-verdict.yaml",
        "      when: {wie: twee}\n",
        "      when: {wie: gezin}\n",
        "30-verdict.yaml:9",
    ),
    (
        "unused-action",
        "30-verdict.yaml",
        "      actions: [overleg-landelijk]\n",
        "",
        "20-actions.yaml:22",
    ),
    (
        "unexplained-abbreviation",
        "20-actions.yaml",
        "    title: Meld de dreiging\n",
        "    title: Meld de dreiging bij de CBB\n",
        "20-actions.yaml:15",
    ),
    (
        "unordered-action",
        "00-plan.yaml",
        "  start: gevaar\n",
        "  start: gevaar\n  action_order: [eerst]\n",
        "20-actions.yaml:1",
    ),
]


@pytest.mark.parametrize(("code", "name", "old", "new", "where"), CASES, ids=[c[0] for c in CASES])
def test_each_code_is_found_with_its_location(
    mini_dir: Path, code: str, name: str, old: str, new: str, where: str
) -> None:
    """Each code is found with its location."""
    replace_in(mini_dir, name, old, new)
    found = _found(mini_dir)
    hits = [text for found_code, text in found if found_code == code]
    assert hits, found
    assert any(where in text for text in hits), hits


def test_every_code_has_a_case() -> None:
    """Every problem code of validate has a test case."""
    # verdict-not-analysed below; plan-too-large in test_hostile_growth.py.
    tested = {case[0] for case in CASES} | {"verdict-not-analysed", "plan-too-large"}
    assert tested == set(CODES)


def test_verdict_table_too_large_is_a_warning_not_an_error(mini_dir: Path) -> None:
    """Verdict table too large is a warning not an error."""
    choices = "".join(f"      - {{value: k{i}, label: K{i}}}\n" for i in range(24))
    replace_in(
        mini_dir,
        "10-steps.yaml",
        "      - {value: laster, label: Laster}\n",
        "      - {value: laster, label: Laster}\n" + choices,
    )
    condition = "{wat: {any: [" + ", ".join(f"k{i}" for i in range(24)) + "]}}"
    replace_in(
        mini_dir, "30-verdict.yaml", "      when: {wie: twee}\n", f"      when: {condition}\n"
    )
    problems = validate_plan(load_plan(mini_dir))
    assert [p.code for p in problems] == ["verdict-not-analysed"]
    assert not problems[0].is_error


def test_all_problems_at_once(mini_dir: Path) -> None:
    """All problems are reported at once, not one per run."""
    replace_in(mini_dir, "10-steps.yaml", "    next: wat\n", "    next: wta\n")
    replace_in(mini_dir, "20-actions.yaml", "    responsible: bode\n", "    responsible: portier\n")
    codes = {code for code, _ in _found(mini_dir)}
    assert {"dangling-target", "dangling-role"} <= codes
