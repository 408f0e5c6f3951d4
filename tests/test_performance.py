"""Speed without timing: the plan cache is used and never trusted over the files, the work
grows linearly with the plan (counted in function calls, not seconds), and the shortcuts
give exactly what the slow paths give. Timings are for `python bench/run.py`."""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from stappenplan.errors import PlanError
from stappenplan.plan import cache, loader
from stappenplan.plan.loader import LoadedPlan, load_plan
from stappenplan.plan.validate import validate_plan

REPO = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the loader parses as YAML (a cached load parses none)."""
    seen: list[str] = []
    original = loader.parse_document

    def counting(text: str, name: str) -> Any:
        seen.append(name)
        return original(text, name)

    monkeypatch.setattr(loader, "parse_document", counting)
    return seen


def _same(first: LoadedPlan, second: LoadedPlan) -> None:
    assert second.plan == first.plan
    assert repr(second.plan) == repr(first.plan)
    assert (second.files, second.sha256, second.origin) == (
        first.files,
        first.sha256,
        first.origin,
    )
    assert dict(second.locations) == dict(first.locations)


# --- the cache --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [None, MINI], ids=["standaardplan", "mini"])
def test_the_second_load_comes_from_the_cache_and_equals_a_fresh_one(
    cache_dir: Path, parses: list[str], source: Path | None
) -> None:
    fresh = load_plan(source, use_cache=False)
    parsed = len(parses)
    first = load_plan(source)
    assert len(parses) == 2 * parsed  # not in the cache yet: parsed, then stored
    second = load_plan(source)
    assert len(parses) == 2 * parsed  # from the cache: nothing parsed
    assert isinstance(second.locations, cache.LazyLocations)
    _same(fresh, first)
    _same(fresh, second)
    assert sorted(path.name.count(".") for path in cache_dir.iterdir()) == [1, 2]


def test_a_changed_file_is_read_again(cache_dir: Path, parses: list[str], mini_dir: Path) -> None:
    load_plan(mini_dir)
    path = mini_dir / "20-actions.yaml"
    path.write_text(path.read_text().replace("Bel hulp", "Bel de hulpdiensten"))
    parses.clear()
    changed = load_plan(mini_dir)
    assert len(parses) == 4
    assert changed.plan.action_index["bel-hulp"].title == "Bel de hulpdiensten"
    path.write_text(path.read_text().replace("Bel de hulpdiensten", "Bel hulp"))
    parses.clear()
    assert load_plan(mini_dir).plan.action_index["bel-hulp"].title == "Bel hulp"
    assert parses == []  # the first version is still in the cache


def test_an_invalid_plan_is_not_cached(cache_dir: Path, mini_dir: Path) -> None:
    path = mini_dir / "10-steps.yaml"
    path.write_text(path.read_text().replace("kind: several", "kind: meerdere"))
    for _ in range(2):
        with pytest.raises(PlanError, match="schema"):
            load_plan(mini_dir)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def _entries(folder: Path) -> Iterator[Path]:
    return (path for path in folder.iterdir() if path.name.count(".") == 1)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"steps"', '"stappen"'),
        lambda text: text.replace('"question":"', '"question":7,"x":"'),
        lambda text: text.replace('"format":1', '"format":99'),
        lambda text: "[]",
    ],
    ids=["afgebroken", "onbekende-sleutel", "verkeerd-type", "ander-formaat", "geen-mapping"],
)
def test_a_damaged_entry_means_a_normal_load(
    cache_dir: Path, parses: list[str], damage: Callable[[str], str]
) -> None:
    fresh = load_plan(MINI)
    (entry,) = _entries(cache_dir)
    entry.write_text(damage(entry.read_text()))
    parses.clear()
    again = load_plan(MINI)
    assert len(parses) == 4
    _same(fresh, again)


def test_an_unusable_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    assert load_plan(MINI).plan.plan.id == "mini"
    assert load_plan(MINI).plan.plan.id == "mini"


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    monkeypatch.setenv(cache.ENV_VAR, "")
    monkeypatch.chdir(tmp_path)
    load_plan(MINI)
    load_plan(MINI)
    assert len(parses) == 8
    assert list(tmp_path.iterdir()) == []


def test_locations_are_made_once_when_first_needed(cache_dir: Path, parses: list[str]) -> None:
    fresh = load_plan(MINI, use_cache=False)
    load_plan(MINI)
    parses.clear()
    cached = load_plan(MINI)
    assert parses == []
    assert [path for path in cache_dir.iterdir() if ".regels." in path.name] == []
    assert cached.locate(("steps", 1, "next", 0, "when")) == fresh.locate(
        ("steps", 1, "next", 0, "when")
    )
    assert len(parses) == 4  # made from the files, then stored beside the entry
    parses.clear()
    again = load_plan(MINI)
    assert dict(again.locations) == dict(fresh.locations)
    assert parses == []


def test_entries_are_private_and_only_our_own_files_are_pruned(
    cache_dir: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    cache_dir.mkdir()
    mine = cache_dir / "plan-notities.json"
    mine.write_text("{}")
    other = cache_dir / f"{'a' * 64}.json"
    other.write_text("{}")
    path = mini_dir / "20-actions.yaml"
    for number in range(4):
        path.write_text(path.read_text().replace("Bel hulp", f"Bel hulp {number}", 1))
        load_plan(mini_dir)
    entries = list(_entries(cache_dir))
    assert len([entry for entry in entries if entry.name.startswith("plan-")]) == 3  # 2 + ours
    assert mine.exists() and other.exists()
    if os.name == "posix":
        for entry in entries:
            if entry not in (mine, other):
                assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    if os.name != "posix" or sys.platform == "darwin":
        pytest.skip("de XDG-regel geldt op Linux en BSD")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "stappenplan"
    monkeypatch.setenv("XDG_CACHE_HOME", "relatief/pad")
    assert cache.cache_dir() == Path.home() / ".cache" / "stappenplan"
    platformdirs = pytest.importorskip("platformdirs")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == platformdirs.user_cache_path("stappenplan")


def test_a_cached_plan_gives_the_same_json_output(
    cache_dir: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("start", "--answers", str(REPO / "examples" / "wethouder-dreigmail.yaml"))
    first = cli(*args, "--no-input", "--format", "json")
    second = cli(*args, "--no-input", "--format", "json")
    monkeypatch.setenv(cache.ENV_VAR, "")
    without = cli(*args, "--no-input", "--format", "json")
    assert first.code == second.code == without.code == 0, first.err
    assert first.out == second.out == without.out
    assert json.loads(second.out)["actions"]


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
    for steps, folder in generated.items():
        loaded = load_plan(folder, use_cache=False)
        assert len(loaded.plan.steps) == steps
        assert [problem for problem in validate_plan(loaded) if problem.is_error] == []


@pytest.mark.parametrize(
    "work",
    ["laden", "laden-uit-cache", "controleren"],
)
def test_work_grows_linearly_with_the_plan(
    generated: dict[int, Path], work: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    # Once first, so that one-time work (pydantic's validator, the cache's builders) is done.
    validate_plan(load_plan(generated[200], use_cache=False))
    load_plan(generated[200])
    load_plan(generated[200])
    counts = {}
    for steps, folder in generated.items():
        if work == "laden":
            counts[steps] = _calls(lambda folder=folder: load_plan(folder, use_cache=False))
        elif work == "laden-uit-cache":
            load_plan(folder)
            counts[steps] = _calls(lambda folder=folder: load_plan(folder))
        else:
            loaded = load_plan(folder, use_cache=False)
            counts[steps] = _calls(lambda loaded=loaded: validate_plan(loaded))
    # Twice the steps, twice the calls (a few per cent of fixed work aside).
    assert 1.9 <= counts[400] / counts[200] <= 2.05, counts
    assert 1.9 <= counts[800] / counts[400] <= 2.05, counts


def test_a_large_plan_parses_and_validates_each_step_a_bounded_number_of_times(
    generated: dict[int, Path],
) -> None:
    loaded = load_plan(generated[400], use_cache=False)
    per_step = _calls(lambda: validate_plan(loaded)) / 400
    assert per_step < 100, per_step
