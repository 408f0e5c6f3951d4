"""Hostile plans: the verdict-table analysis counts the parts of the rules, not only the rules.

One verdict rule of nearly 1,000 parts over three questions of 99 answers once made `validate`
and every `start --steps` take half a minute while every bound was kept. Every test runs the
real command in a separate process; the timeout is a generous guard only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import bench_module

GUARD = 30
"""Seconds a command may take before the test calls it a regression (it takes under one)."""


ADVERSARIAL = bench_module("adversarial")


def _run(*argv: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "stappenplan", *argv],
        capture_output=True,
        text=True,
        timeout=GUARD,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
        cwd=cwd,
    )
    return result, time.monotonic() - started


def _tests(question: str, values: list[int]) -> str:
    return "{any: [" + ", ".join(f"{{{question}: a{value}}}" for value in values) + "]}"


@pytest.mark.parametrize("contradictory", [True, False], ids=["contradictory", "valid"])
def test_validate_of_one_huge_rule_over_many_answers_finishes_at_once(
    tmp_path: Path, contradictory: bool
) -> None:
    """validate counts 10⁶ combinations × 989 parts as too much work: a warning within seconds."""
    plan = ADVERSARIAL.write_heavy_rule(tmp_path / "plan", contradictory=contradictory)
    result, seconds = _run("validate", "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[verdict-not-analysed]" in result.stdout
    assert "1.000.000 antwoordcombinaties × 989 onderdelen" in result.stdout
    assert "is meer dan 10.000.000 stappen" in result.stdout
    assert "is in orde: 3 vragen" in result.stdout
    assert seconds < 10, seconds


def test_start_with_one_huge_rule_over_many_answers_finishes_at_once(tmp_path: Path) -> None:
    """start --no-input --set on the contradictory plan gives the default verdict within seconds."""
    plan = ADVERSARIAL.write_heavy_rule(tmp_path / "plan", contradictory=True)
    result, seconds = _run(
        *("start", "--steps", str(plan), "--no-input", "--format", "json"),
        *("--set", "eerste=a1", "--set", "tweede=a1", "--set", "derde=a1"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    domain = json.loads(result.stdout)["domain"]
    assert (domain["verdict"], domain["authority"]) == ("lokaal", "Gemeente")
    assert seconds < 10, seconds


def _tests(question: str, values: list[int]) -> str:
    return "{any: [" + ", ".join(f"{{{question}: a{value}}}" for value in values) + "]}"


def _bounded_plan(folder: Path, named: int) -> Path:
    """Three questions; one rule that can never hold: for each question, at least one of 80
    tests on `named` answers and none of the same tests (973 parts). With 19 named answers
    the analysis is 21³ combinations × 976 = 9.038.736 steps, just under the bound; with 20 it
    is just over."""
    plan = ADVERSARIAL.write_adversarial(folder, 1)
    values = [number % named + 1 for number in range(80)]
    parts = [
        f"{{all: [{_tests(question, values)}, {{not: {_tests(question, values)}}}]}}"
        for question in ADVERSARIAL.QUESTIONS
    ]
    table = plan / "30-oordeel.yaml"
    text = table.read_text()
    start = text.index("      when: ")
    end = text.index("\n", start)
    table.write_text(f"{text[:start]}      when: {{any: [{', '.join(parts)}]}}{text[end:]}")
    return plan


def test_a_table_just_under_the_bound_is_analysed_in_seconds(tmp_path: Path) -> None:
    """Just under the bound the analysis runs in full, finds the rule that never holds, quickly."""
    plan = _bounded_plan(tmp_path / "plan", 19)
    result, seconds = _run("validate", "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 1
    assert "verdict-regel 'regel-0' kan nooit als eerste passen" in result.stdout
    assert "[verdict-not-analysed]" not in result.stdout
    assert seconds < 10, seconds


def test_a_table_just_over_the_bound_is_not_analysed(tmp_path: Path) -> None:
    """Just over the bound the analysis is skipped with the warning that names the work."""
    plan = _bounded_plan(tmp_path / "plan", 20)
    result, _ = _run("validate", "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "10.648 antwoordcombinaties × 976 onderdelen" in result.stdout
    assert "[verdict-not-analysed]" in result.stdout
