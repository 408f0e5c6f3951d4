"""Property tests: whatever a plan file, answer file or command line holds, only our own errors
(StappenplanError and its subclasses) come out, never a crash.

By default a quick profile runs (part of the normal test run). The long run, with at least
10,000 examples per property:

    STAPPENPLAN_FUZZ=lang pytest tests/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import MINI
from stappenplan.answers import (
    build_record,
    collect_answers,
    parse_set_options,
    read_answer_file,
    record_to_yaml,
)
from stappenplan.cli.app import run
from stappenplan.engine import scripted_outcome
from stappenplan.errors import StappenplanError
from stappenplan.output.json import outcome_data, to_json
from stappenplan.output.text import text_to_string
from stappenplan.plan.documents import DocumentError, dump_yaml, parse_document
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.loader import default_plan_dir, load_plan
from stappenplan.plan.model import TOP_LEVEL_KEYS
from stappenplan.plan.validate import validate_plan

settings.register_profile(
    "kort",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "lang",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("STAPPENPLAN_FUZZ", "kort")
FUZZ = settings.get_profile(PROFILE)


def _scaled(examples: int) -> settings:
    """The profile, with a smaller count for the slow properties in the quick profile."""
    if PROFILE == "kort":
        return settings(FUZZ, max_examples=examples)
    return FUZZ


DEFAULT = load_plan()
PLANS = {"mini": MINI, "standaard": default_plan_dir()}
PLAN_OBJECTS = {"mini": load_plan(MINI), "standaard": DEFAULT}
WORK = Path(tempfile.mkdtemp(prefix="stappenplan-fuzz-"))


@pytest.fixture(scope="module", autouse=True)
def _cleanup_work() -> Iterator[None]:
    yield
    shutil.rmtree(WORK, ignore_errors=True)


# --- vocabulary: the words a plan or answer file uses, so that random input gets deep ---------

FIELD_NAMES = sorted(
    {
        *TOP_LEVEL_KEYS,
        *("id", "title", "version", "reference_date", "start", "description", "question"),
        *("kind", "choices", "value", "label", "help", "next", "when", "goto", "default"),
        *("actions", "sources", "ref", "url", "date", "responsible", "urgency", "domain"),
        *("phase", "details", "inferred", "rules", "verdict", "authority", "reasons", "text"),
        *("min_choices", "any", "all", "none", "not", "answers", "created", "assumed"),
        *("stappenplan_version", "plan_version", "plan_sha256"),
    }
)
PLAN_WORDS = sorted(
    {
        *(step.id for step in DEFAULT.plan.steps),
        *(value for step in DEFAULT.plan.steps for value in step.values),
        *(action.id for action in DEFAULT.plan.actions),
        *(role.id for role in DEFAULT.plan.roles),
        *(source.id for source in DEFAULT.plan.sources),
        *(
            "one",
            "several",
            "yes-no",
            "einde",
            "lokaal",
            "landelijk",
            "direct",
            DEFAULT.plan.plan.id,
        ),
    }
)
YAML_PUNCTUATION = [*":-[]{}&*!|>'\"#%@`,?~ \n\t\\", "<<", "---", "...", "\ufeff", "\x1b"]

keys = st.sampled_from(FIELD_NAMES) | st.sampled_from(PLAN_WORDS) | st.text(max_size=10)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.dates()
    | st.sampled_from(PLAN_WORDS)
    | st.text(max_size=30)
)
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)
yamlish_text = st.lists(
    st.sampled_from(YAML_PUNCTUATION + FIELD_NAMES + PLAN_WORDS) | st.text(max_size=4),
    max_size=60,
).map("".join)
raw_inputs = (
    st.binary(max_size=400)
    | st.text(max_size=400).map(lambda text: text.encode("utf-8", "surrogatepass"))
    | yamlish_text.map(lambda text: text.encode("utf-8", "surrogatepass"))
)


def _full_answers(loaded: LoadedPlan) -> st.SearchStrategy[dict[str, Any]]:
    """An answer to every question of a plan, each within its choices."""
    return st.fixed_dictionaries(
        {
            step.id: st.lists(st.sampled_from(step.values), min_size=1, unique=True)
            if step.multiple
            else st.sampled_from(step.values)
            for step in loaded.plan.steps
            if step.values
        }
    )


def _ours_only(action: Callable[[], object]) -> None:
    """Run `action`; our own errors are fine, anything else fails the test (by propagating)."""
    with contextlib.suppress(StappenplanError):
        action()


def _write(name: str, raw: bytes) -> Path:
    path = WORK / name
    path.write_bytes(raw)
    return path


def _use_plan(loaded: LoadedPlan, answers: dict[str, Any]) -> None:
    """Everything a scripted run does with a plan once it has loaded."""
    event("plan: geladen")
    problems = validate_plan(loaded)
    [str(problem) for problem in problems]
    if any(problem.is_error for problem in problems):
        return
    event("plan: geldig")
    given_answers, _ = collect_answers(loaded, None, answers)
    result = scripted_outcome(loaded.plan, given_answers)
    to_json(outcome_data(loaded, result))
    text_to_string(loaded, result)
    event("plan: uitkomst")


def _use_answer_file(source: str) -> None:
    """Read an answer file and run the default plan with it, as `start --no-input` does."""
    import datetime as dt

    answer_file = read_answer_file(source)
    event("antwoorden: gelezen")
    given_answers, _ = collect_answers(DEFAULT, answer_file, {})
    event("antwoorden: passen bij het plan")
    result = scripted_outcome(DEFAULT.plan, given_answers)
    event("antwoorden: uitkomst")
    to_json(outcome_data(DEFAULT, result))
    text_to_string(DEFAULT, result)
    record = build_record(DEFAULT, given_answers, result, dt.datetime(2026, 1, 1))
    record_to_yaml(record)


# --- the loader -------------------------------------------------------------------------------


@FUZZ
@given(raw=raw_inputs)
def test_random_bytes_as_plan_file(raw: bytes) -> None:
    """Random bytes as plan file."""
    path = _write("plan.yaml", raw)
    _ours_only(lambda: _use_plan(load_plan(path), {}))


@FUZZ
@given(data=trees)
def test_random_yaml_structure_as_plan_file(data: Any) -> None:
    """Random yaml structure as plan file."""
    path = _write("plan.yaml", dump_yaml(data).encode())
    _ours_only(lambda: _use_plan(load_plan(path), {}))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a tree of mappings and lists (the root excluded)."""
    children = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in children:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _mutate_data(data: Any, draw: Callable[..., Any]) -> Any:
    """Delete, retype, swap, rename or duplicate one part of a parsed plan file."""
    paths = list(_paths(data))
    if not paths:
        return draw(trees)
    path = draw(st.sampled_from(paths))
    parent, key = _parent(data, path), path[-1]
    operation = draw(st.sampled_from(["delete", "retype", "reword", "swap", "rename", "duplicate"]))
    if operation == "delete":
        del parent[key]
    elif operation == "retype":
        parent[key] = draw(trees)
    elif operation == "reword":  # same type, other word: the schema holds, references break
        parent[key] = draw(st.sampled_from(PLAN_WORDS))
    elif operation == "swap":
        other = draw(st.sampled_from(paths))
        try:
            other_parent = _parent(data, other)
            parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
        except (KeyError, IndexError, TypeError):
            parent[key] = draw(trees)  # the other path lay inside the moved part
    elif operation == "rename" and isinstance(parent, dict):
        parent[draw(keys)] = parent.pop(key)
    elif isinstance(parent, list):
        parent.insert(key, parent[key])
    else:
        parent[key] = [parent[key], parent[key]]
    return data


def _mutate_text(text: str, draw: Callable[..., Any]) -> str:
    """Truncate, delete a line, or duplicate a line (which makes duplicate keys)."""
    lines = text.splitlines(keepends=True)
    operation = draw(st.sampled_from(["truncate", "delete-line", "duplicate-line", "indent"]))
    if operation == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if not lines:
        return text
    index = draw(st.integers(0, len(lines) - 1))
    if operation == "delete-line":
        del lines[index]
    elif operation == "duplicate-line":
        lines.insert(index, lines[index])
    else:
        lines[index] = "  " + lines[index]
    return "".join(lines)


@_scaled(60)
@given(plan=st.sampled_from(sorted(PLANS)), data=st.data())
def test_mutated_plan_files(plan: str, data: st.DataObject) -> None:
    """Mutated plan files never crash the loader: a PlanError or a plan."""
    files = sorted(PLANS[plan].glob("*.yaml"))
    texts = {path.name: path.read_text(encoding="utf-8") for path in files}
    target = data.draw(st.sampled_from(sorted(texts)))
    # Mostly changes to the data (the file still parses, the plan breaks in its meaning),
    # sometimes to the text (the file itself breaks); now and then a second change.
    for _ in range(data.draw(st.sampled_from([1, 1, 1, 1, 2]))):
        target = data.draw(st.sampled_from(sorted(texts)))
        try:
            parsed = parse_document(texts[target], target).data
        except DocumentError:  # an earlier change broke the file: change its text again
            parsed = None
        if parsed is not None and data.draw(st.sampled_from([True, True, True, False])):
            texts[target] = dump_yaml(_mutate_data(parsed, data.draw))
        else:
            texts[target] = _mutate_text(texts[target], data.draw)
    answers = data.draw(
        _full_answers(PLAN_OBJECTS[plan])
        | st.dictionaries(st.sampled_from(PLAN_WORDS), st.sampled_from(PLAN_WORDS), max_size=8)
    )

    folder = WORK / "plan"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    try:
        _use_plan(load_plan(folder), answers)
    except StappenplanError as error:
        event(f"fout: {type(error).__name__}")


# --- the answer reader ------------------------------------------------------------------------

answer_values = (
    st.sampled_from(PLAN_WORDS) | st.lists(st.sampled_from(PLAN_WORDS), max_size=4) | trees
)
answer_files = st.fixed_dictionaries(
    {
        "answers": _full_answers(DEFAULT)
        | st.dictionaries(st.sampled_from(PLAN_WORDS) | keys, answer_values, max_size=10)
    },
    optional={
        "plan": st.sampled_from([DEFAULT.plan.plan.id, "ander-plan"]) | scalars,
        "plan_version": scalars,
        "plan_sha256": st.just(DEFAULT.sha256) | scalars,
        "created": scalars,
        "assumed": trees,
        "stappenplan_version": scalars,
        "onbekend": trees,
    },
)


@FUZZ
@given(raw=raw_inputs)
def test_random_bytes_as_answer_file(raw: bytes) -> None:
    """Random bytes as answer file."""
    path = _write("antwoorden.yaml", raw)
    _ours_only(lambda: _use_answer_file(str(path)))


@FUZZ
@given(data=answer_files | trees)
def test_random_structures_as_answer_file(data: Any) -> None:
    """Random structures as answer file."""
    path = _write("antwoorden.yaml", dump_yaml(data).encode())
    _ours_only(lambda: _use_answer_file(str(path)))


@FUZZ
@given(
    values=st.lists(
        st.text(max_size=30) | st.sampled_from(PLAN_WORDS).map(lambda w: f"{w}="), max_size=6
    )
)
def test_random_set_options(values: list[str]) -> None:
    """Random --set options never crash the command line."""

    def use() -> None:
        raw = parse_set_options(values)
        given_answers, _ = collect_answers(DEFAULT, None, raw)
        scripted_outcome(DEFAULT.plan, given_answers)

    _ours_only(use)


# --- the command line -------------------------------------------------------------------------


def _answer_text(loaded: LoadedPlan) -> str:
    """An answer file that answers every question with its first choice."""
    answers = {step.id: step.values[0] for step in loaded.plan.steps if step.values}
    return dump_yaml({"plan": loaded.plan.plan.id, "answers": answers})


def _fixture_files() -> dict[str, str]:
    files = {
        "tag.yaml": "a: !!python/object/apply:os.system ['true']\n",
        "leeg.yaml": "",
        "lijst.yaml": "- a\n- b\n",
        "deels.yaml": "answers:\n  acuut-gevaar: nee\n  doelwit: wethouder\n",
        "standaard.yaml": _answer_text(DEFAULT),
        "mini.yaml": _answer_text(PLAN_OBJECTS["mini"]),
        "escape.yaml": 'answers:\n  "\\e[2J[bold red]x": ja\n',
        "scenario.yaml": "- name: x\n  answers: {gevaar: ja, wie: twee, wat: [dreiging]}\n"
        "  expect: {verdict: landelijk}\n",
    }
    folder = WORK / "cli"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "geen-utf8.yaml").write_bytes(b"answers:\n  doelwit: \xff\n")
    return {name: str(folder / name) for name in [*files, "geen-utf8.yaml"]}


CLI_FILES = _fixture_files()
DATA_DIR = "STAPPENPLAN_DATA_DIR"
COMMANDS = ["start", "show", "validate", "test", "schema", "afspraken"]
FLAGS = [
    *("--no-input", "--force", "--plain", "--resume", "--coverage", "--with-contacts"),
    *("--strict", "--help", "--version"),
]
VALUED = {
    "--steps": [str(MINI), str(default_plan_dir()), CLI_FILES["tag.yaml"], "bestaat-niet"],
    "--answers": [*CLI_FILES.values(), "-"],
    "--set": ["doelwit=wethouder", "gevaar=ja", "wie=twee", "wat=dreiging,schade", "x=y", "="],
    "--format": ["text", "json", "markdown", "mermaid", "xml"],
    "--output": ["uit.txt", "map/bestaat/niet.txt", ".", CLI_FILES["leeg.yaml"]],
    "--save": ["verslag.yaml", "uit.txt", "map/bestaat/niet.yaml"],
    "--afspraken": ["afspraken.yaml", CLI_FILES["lijst.yaml"], CLI_FILES["tag.yaml"]],
}
WORDS = [*COMMANDS, *FLAGS, *VALUED, "-a", "-f", "-o", "-h", "init", "check"]
WORDS += [value for values in VALUED.values() for value in values]

option = st.one_of(
    st.sampled_from(FLAGS).map(lambda flag: [flag]),
    st.sampled_from(sorted(VALUED)).flatmap(
        lambda name: (st.sampled_from(VALUED[name]) | st.text(max_size=12)).map(
            lambda value: [name, value]
        )
    ),
)
well_formed = st.lists(option, max_size=6).map(
    lambda pairs: [arg for pair in pairs for arg in pair]
)
noisy = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=10)
arguments = well_formed | noisy


@_scaled(80)
@given(
    command=st.sampled_from(COMMANDS),
    args=arguments,
    stdin=st.sampled_from(["", "answers:\n  doelwit: burgemeester\n", "{"]) | st.text(max_size=40),
)
def test_cli_catch_point_with_random_arguments(command: str, args: list[str], stdin: str) -> None:
    """Cli catch point with random arguments."""
    if command == "afspraken" and args[:1] not in (["init"], ["check"]):
        args = ["check", *args]
    elif command == "test":
        args = [CLI_FILES["scenario.yaml"], *args]
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, Path.cwd(), os.environ.get(DATA_DIR)
    with tempfile.TemporaryDirectory(dir=WORK) as cwd:
        try:
            os.chdir(cwd)
            os.environ[DATA_DIR] = cwd  # nothing may land in the user's own data folder
            sys.stdin = io.StringIO(stdin)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = run([command, *args])
        finally:
            sys.stdin = saved[0]
            os.chdir(saved[1])
            if saved[2] is None:
                os.environ.pop(DATA_DIR, None)
            else:
                os.environ[DATA_DIR] = saved[2]
    event(f"exit {code}")
    assert code in (0, 1, 2), (code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert "Interne fout" not in err.getvalue(), err.getvalue()
