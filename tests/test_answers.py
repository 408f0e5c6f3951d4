"""Answer files, --set and records: every problem named with file, line, id and allowed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI
from stappenplan.answers import (
    collect_answers,
    parse_set_options,
    read_answer_file,
)
from stappenplan.errors import AnswerError, UsageError
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.loader import load_plan


@pytest.fixture(scope="module")
def loaded() -> LoadedPlan:
    return load_plan(MINI)


def _problems(
    loaded: LoadedPlan, tmp_path: Path, text: str, sets: tuple[str, ...] = ()
) -> list[str]:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(text)
    with pytest.raises(AnswerError) as caught:
        collect_answers(loaded, read_answer_file(str(path)), parse_set_options(sets))
    return [str(problem).replace(str(tmp_path) + "/", "") for problem in caught.value.problems]


CASES = [
    (
        "answers:\n  gevaar: ja\n  wiee: een\n",
        "antwoorden.yaml:3: onbekende vraag 'wiee'; bekende vragen: gevaar, wie, van-wie, wat, extra [unknown-question]",
    ),
    (
        "answers:\n  wie: drie\n",
        "antwoorden.yaml:2: 'drie' is geen toegestane waarde voor 'wie'; toegestaan: een, twee, gezin [value-not-allowed]",
    ),
    (
        "answers:\n  wie: [een, twee]\n",
        "antwoorden.yaml:2: 'wie' verwacht één waarde, geen lijst; toegestaan: een, twee, gezin [wrong-type]",
    ),
    (
        "answers:\n  gevaar: no\n",
        "antwoorden.yaml:2: 'gevaar': kreeg true/false; YAML leest yes/no/on/off als ja/nee-waarde, schrijf de waarde zelf (bv. ja of nee); toegestaan: ja, nee [wrong-type]",
    ),
    (
        "answers:\n  wat: []\n",
        "antwoorden.yaml:2: 'wat' verwacht minstens 1 keuze(s); toegestaan: dreiging, schade, laster [too-few-choices]",
    ),
    (
        "answers:\n  wat: [dreiging, brand]\n",
        "antwoorden.yaml:2: 'brand' is geen toegestane waarde voor 'wat'; toegestaan: dreiging, schade, laster [value-not-allowed]",
    ),
    (
        "plan: ander-plan\nanswers:\n  wie: een\n",
        "antwoorden.yaml:1: plan 'ander-plan' in het bestand, maar dit is plan 'mini' [other-plan]",
    ),
    (
        "answers:\n  wie:\n",
        "antwoorden.yaml:2: 'wie': geen antwoord ingevuld; toegestaan: een, twee, gezin [wrong-type]",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_answer_problem_has_an_exact_message(
    loaded: LoadedPlan, tmp_path: Path, text: str, expected: str
) -> None:
    """Each answer problem has an exact message."""
    assert _problems(loaded, tmp_path, text) == [expected]


def test_all_problems_at_once_from_file_and_set(loaded: LoadedPlan, tmp_path: Path) -> None:
    """All problems at once from file and set."""
    problems = _problems(loaded, tmp_path, "answers:\n  wie: drie\n  x: 1\n", ("gevaar=misschien",))
    assert len(problems) == 3
    assert problems[-1].startswith("--set: 'misschien' is geen toegestane waarde voor 'gevaar'")


def test_set_wins_over_file_and_splits_commas(loaded: LoadedPlan, tmp_path: Path) -> None:
    """Set wins over file and splits commas."""
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  wie: een\n  wat: [schade]\n")
    given, warnings = collect_answers(
        loaded, read_answer_file(str(path)), parse_set_options(["wie=twee", "wat=laster,dreiging"])
    )
    assert given["wie"] == "twee"
    assert given["wat"] == ("dreiging", "laster")  # plan order
    assert warnings == []


def test_json_answer_file(loaded: LoadedPlan, tmp_path: Path) -> None:
    """An answer file in JSON is read like one in YAML."""
    path = tmp_path / "a.json"
    path.write_text('{"answers": {"wie": "een", "wat": ["schade"]}}')
    given, _ = collect_answers(loaded, read_answer_file(str(path)), {})
    assert given == {"wie": "een", "wat": ("schade",)}


def test_standard_input(loaded: LoadedPlan) -> None:
    """Answers read from standard input are checked like a file."""
    given, _ = collect_answers(loaded, read_answer_file("-", "answers: {wie: gezin}\n"), {})
    assert given == {"wie": "gezin"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- wie\n", "verwacht een mapping met 'answers:'"),
        ("wie: een\n", "onbekende sleutel 'wie'; toegestaan: plan, answers"),
        ("answers: [wie]\n", "'answers' verwacht een mapping"),
        ("answers: {wie: een\n", "YAML-syntaxfout"),
    ],
)
def test_wrong_shape_is_refused(tmp_path: Path, text: str, message: str) -> None:
    """An answer file of the wrong shape is refused with its location."""
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(AnswerError) as caught:
        read_answer_file(str(path))
    assert message in str(caught.value.problems[0])


def test_missing_file(tmp_path: Path) -> None:
    """A missing answer file is a clear error, not a traceback."""
    with pytest.raises(AnswerError) as caught:
        read_answer_file(str(tmp_path / "weg.yaml"))
    assert "bestand niet gevonden" in str(caught.value.problems[0])


def test_set_needs_id_and_value() -> None:
    """--set without ID=WAARDE is a usage error."""
    with pytest.raises(UsageError, match="ID=WAARDE"):
        parse_set_options(["wie"])


def test_other_plan_version_warns_with_both_versions(loaded: LoadedPlan, tmp_path: Path) -> None:
    """Other plan version warns with both versions."""
    path = tmp_path / "r.yaml"
    path.write_text("plan: mini\nplan_version: '0.9'\nanswers: {wie: een}\n")
    _, warnings = collect_answers(loaded, read_answer_file(str(path)), {})
    assert (
        len(warnings) == 1 and "planversie 0.9" in warnings[0] and "planversie 1.0" in warnings[0]
    )
