"""Speed without timing: the work grows linearly with the plan (counted in function calls, not
seconds). Timings are for `python bench/run.py`."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import REPO
from stappenplan.plan.loader import load_plan
from stappenplan.plan.validate import validate_plan


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- linear work, counted -----------------------------------------------------------------------


def _calls(action: Callable[[], object]) -> int:
    """How many Python and built-in functions an action calls (the same on every machine)."""
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("gegenereerd")
    write_plan = _generator().write_plan
    return {steps: write_plan(folder / f"plan-{steps}", steps) for steps in (200, 400, 800)}


def test_generated_plans_are_valid(generated: dict[int, Path]) -> None:
    """The benchmark's generated plans load and pass validate."""
    for steps, folder in generated.items():
        loaded = load_plan(folder)
        assert len(loaded.plan.steps) == steps
        assert [problem for problem in validate_plan(loaded) if problem.is_error] == []


@pytest.mark.parametrize("work", ["laden", "controleren"])
def test_work_grows_linearly_with_the_plan(generated: dict[int, Path], work: str) -> None:
    """Twice the steps cost twice the function calls, for loading and for checking."""
    # Once first, so that one-time work (such as building pydantic's validators) is done.
    validate_plan(load_plan(generated[200]))
    counts = {}
    for steps, folder in generated.items():
        if work == "laden":
            counts[steps] = _calls(lambda folder=folder: load_plan(folder))
        else:
            loaded = load_plan(folder)
            counts[steps] = _calls(lambda loaded=loaded: validate_plan(loaded))
    # Twice the steps, twice the calls (a few per cent of fixed work aside).
    assert 1.9 <= counts[400] / counts[200] <= 2.05, counts
    assert 1.9 <= counts[800] / counts[400] <= 2.05, counts


def test_a_large_plan_parses_and_validates_each_step_a_bounded_number_of_times(
    generated: dict[int, Path],
) -> None:
    """Checking a plan costs a bounded number of calls per step."""
    loaded = load_plan(generated[400])
    per_step = _calls(lambda: validate_plan(loaded)) / 400
    assert per_step < 100, per_step
