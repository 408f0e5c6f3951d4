"""In the wizard: after the outcome, the offer to register the case (only where a register is)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.console import Console

from stappenplan.answers import collect_answers, read_answer_file
from stappenplan.cli.dossier_start import offer_registration
from stappenplan.dossier.store import open_register
from stappenplan.engine import scripted_outcome
from stappenplan.plan.loader import load_plan
from stappenplan.record import build_record

REPO = Path(__file__).resolve().parents[2]


class ScriptedAsker:
    """Answers confirm and text questions from a list; any other question fails the test."""

    def __init__(self, answers: Sequence[object]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def confirm(self, message: str, *, default: bool = True) -> bool:
        self.asked.append(message)
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        assert isinstance(answer, bool)
        return answer

    def text(self, message: str, *, default: str = "") -> str:
        self.asked.append(message)
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        assert isinstance(answer, str)
        return answer

    def select(self, *args: object, **kwargs: object) -> str:
        raise AssertionError("no choice expected")

    def checkbox(self, *args: object, **kwargs: object) -> tuple[str, ...]:
        raise AssertionError("no choice expected")


def _offer(asker: ScriptedAsker) -> str:
    loaded = load_plan(None)
    answer_file = read_answer_file(str(REPO / "examples" / "wethouder-dreigmail.yaml"))
    given, _ = collect_answers(loaded, answer_file, {})
    outcome = scripted_outcome(loaded.plan, given)
    record = build_record(loaded, given, outcome, dt.datetime(2026, 3, 4))
    screen = io.StringIO()
    console = Console(file=screen, width=100, color_system=None)
    offer_registration(loaded, outcome, record, plain=True, console=console, asker=asker)  # type: ignore[arg-type]
    return screen.getvalue()


def test_no_register_no_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAPPENPLAN_DATA_DIR", str(tmp_path))
    asker = ScriptedAsker([])
    assert _offer(asker) == ""
    assert asker.asked == []


def test_yes_registers_with_the_details_given(sqlite_location: str) -> None:
    open_register(sqlite_location)  # the register exists
    asker = ScriptedAsker(
        [True, "morgen om tien", "2026-03-04 09:30", "Z/7", "Brief op de deurmat", "buurman"]
    )
    screen = _offer(asker)
    assert "'morgen om tien' is geen datum in het verleden" in screen
    assert "Geregistreerd in het dossier als zaak 1" in screen
    case = open_register(sqlite_location).case(1)
    assert (case.incident_at[:16], case.reference, case.description) == (
        "2026-03-04T09:30",
        "Z/7",
        "Brief op de deurmat",
    )
    assert case.offender_hash is not None
    again = _offer(ScriptedAsker([True, "", "", "", "  BUURMAN "]))
    assert "1 eerdere zaak met dit daderlabel" in again


def test_no_or_a_closed_input_registers_nothing(sqlite_location: str) -> None:
    assert _offer(ScriptedAsker([False])) == "\n"
    assert "Niet geregistreerd" in _offer(ScriptedAsker([True, EOFError()]))
    assert open_register(sqlite_location).list_cases() == []
