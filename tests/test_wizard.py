"""The wizard flow with a scripted prompt layer: back, review, interrupt, resume, saving."""

from __future__ import annotations

import datetime as dt
import io
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from conftest import MINI
from stappenplan import engine
from stappenplan.errors import ExitCode, Interrupted
from stappenplan.plan.conditions import Answer
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.loader import load_plan
from stappenplan.terminal.choices import BACK, Back, Option
from stappenplan.terminal.keep import Keeper
from stappenplan.terminal.resume import Progress, save_progress
from stappenplan.terminal.saves import offer_saves
from stappenplan.terminal.wizard import DONE, run_wizard

FIXTURE = Path(__file__).parent / "fixtures" / "wizard"

REVIEW = "overzicht"
EXPLAIN = "uitleg"

SESSION = "onderbroken-sessie-wizard-test.yaml"  # the session file of the fixture plan


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("STAPPENPLAN_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def loaded() -> LoadedPlan:
    return load_plan(FIXTURE)


class Script:
    """A prompt layer that plays a script: (what is asked, the reply) pairs.

    "What is asked" is a step id (recognised by its options), REVIEW, or the message of a
    confirm/text question. A reply is an answer, BACK, DONE, EXPLAIN (call the explanation,
    and expect the same question again), or an exception class to raise.
    """

    def __init__(self, loaded: LoadedPlan, *script: tuple[str, Any]) -> None:
        self.script = list(script)
        self.by_values = {step.values: step.id for step in loaded.plan.steps}
        self.asked: list[dict[str, Any]] = []

    def _play(self, asked: str, **seen: Any) -> Any:
        assert self.script, f"unexpected question: {asked}"
        expected, reply = self.script.pop(0)
        assert asked == expected, f"asked {asked!r}, script expected {expected!r}"
        self.asked.append({"id": asked, **seen})
        if isinstance(reply, type) and issubclass(reply, BaseException):
            raise reply
        return reply

    def _identify(self, options: Sequence[Option]) -> str:
        values = tuple(option.value for option in options)
        return REVIEW if DONE in values else self.by_values[values]

    def select(
        self,
        options: Sequence[Option],
        *,
        default: str | None = None,
        can_go_back: bool = False,
        explain: Callable[[], None] | None = None,
        message: str = "",
    ) -> str | Back:
        while True:
            asked = self._identify(options)
            reply = self._play(
                asked, default=default, back=can_go_back, explain=explain, options=options
            )
            if reply != EXPLAIN:
                return reply  # type: ignore[no-any-return]
            assert explain is not None
            explain()

    def checkbox(
        self,
        options: Sequence[Option],
        *,
        default: Sequence[str] = (),
        min_choices: int = 0,
        can_go_back: bool = False,
        explain: Callable[[], None] | None = None,
        message: str = "",
    ) -> tuple[str, ...] | Back:
        asked = self._identify(options)
        return self._play(  # type: ignore[no-any-return]
            asked, default=tuple(default), back=can_go_back, explain=explain, min=min_choices
        )

    def confirm(self, message: str, *, default: bool = True) -> bool:
        return bool(self._play(message, default=default))

    def text(self, message: str, *, default: str = "") -> str:
        reply = self._play(message, default=default)
        return default if reply is None else str(reply)

    def done(self) -> None:
        assert not self.script, f"script not finished: {self.script}"

    def defaults(self, step_id: str) -> list[Any]:
        return [item["default"] for item in self.asked if item["id"] == step_id]


def console() -> Console:
    return Console(file=io.StringIO(), width=80, color_system=None, highlight=False)


def screen(shown: Console) -> str:
    file = shown.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def wizard(
    loaded: LoadedPlan,
    script: Script,
    given: dict[str, Answer] | None = None,
    *,
    resume: bool = False,
    shown: Console | None = None,
) -> dict[str, Answer]:
    return run_wizard(loaded, given or {}, resume=resume, console=shown or console(), asker=script)


SIMPLE = (
    ("gevaar", "nee"),
    ("wie", "een"),
    ("wat", ("dreiging",)),
    ("extra", "liever-niet"),
    (REVIEW, DONE),
)


def test_a_straight_walk_shows_phase_position_and_help(loaded: LoadedPlan) -> None:
    """A straight walk shows phase position and help."""
    script = Script(loaded, *SIMPLE)
    shown = console()
    answers = wizard(loaded, script, shown=shown)
    script.done()
    assert answers == {"gevaar": "nee", "wie": "een", "wat": ("dreiging",), "extra": "liever-niet"}
    text = screen(shown)
    assert "Eerst veiligheid · vraag 1, nog ongeveer 3 vragen" in text
    assert "Is er nu gevaar?" in text and "Bij gevaar eerst 112 bellen." in text
    assert "Wie en wat · vraag 3, nog ongeveer 1 vraag" in text
    assert "Afronden · vraag 4, waarschijnlijk de laatste" in text
    assert "Antwoord: Dreiging" in text
    assert "Overzicht van uw antwoorden" in text
    assert script.asked[0]["back"] is False and all(item["back"] for item in script.asked[1:4])
    # The plan's default ('liever-niet') would drop an action and there is no 'onbekend':
    # nothing is preselected, the user chooses (no answer the user did not give).
    assert script.defaults("extra") == [None]
    assert script.defaults("wat") == [()]


def test_back_returns_to_the_previous_question_and_keeps_later_answers(
    loaded: LoadedPlan,
) -> None:
    """Back returns to the previous question and keeps later answers."""
    script = Script(
        loaded,
        ("gevaar", "nee"),
        ("wie", "een"),
        ("wat", ("dreiging", "laster")),
        ("extra", "graag"),
        (REVIEW, DONE),
    )
    script.script[3:3] = [("extra", BACK), ("wat", BACK), ("wie", "twee"), ("wat", ("laster",))]
    answers = wizard(loaded, script)
    script.done()
    assert script.defaults("wie") == [None, "een"]
    assert script.defaults("wat") == [(), ("dreiging", "laster"), ("dreiging", "laster")]
    assert script.defaults("extra") == [None, None]
    assert answers == {"gevaar": "nee", "wie": "twee", "wat": ("laster",), "extra": "graag"}


def test_back_on_a_branch_leaves_its_answer_out_of_the_result(loaded: LoadedPlan) -> None:
    """Back on a branch leaves its answer out of the result."""
    script = Script(
        loaded,
        ("gevaar", "ja"),
        ("wie", "gezin"),
        ("van-wie", "twee-gezin"),
        ("wat", BACK),
        ("van-wie", BACK),
        ("wie", "een"),
        ("wat", ("schade",)),
        ("hoe-erg", "groot"),
        ("extra", "graag"),
        (REVIEW, DONE),
    )
    answers = wizard(loaded, script)
    script.done()
    assert script.defaults("van-wie") == [None, "twee-gezin"]
    assert script.defaults("hoe-erg") == [None]  # the default would drop an action: no preselection
    assert "van-wie" not in answers
    assert answers["hoe-erg"] == "groot"


def test_given_answers_are_not_asked_and_back_stops_before_them(loaded: LoadedPlan) -> None:
    """Given answers are not asked and back stops before them."""
    script = Script(
        loaded,
        ("wie", "een"),
        ("wat", BACK),
        ("wie", "een"),
        ("wat", ("dreiging",)),
        (REVIEW, DONE),
    )
    answers = wizard(loaded, script, {"gevaar": "ja", "extra": "graag", "van-wie": "een-gezin"})
    script.done()
    assert script.asked[0]["back"] is False  # the first question asked here
    # given answers stay in the result, also one off the path (the outcome lists it as ignored)
    assert answers == {
        "gevaar": "ja",
        "wie": "een",
        "wat": ("dreiging",),
        "extra": "graag",
        "van-wie": "een-gezin",
    }
    labels = [option.label for option in script.asked[-1]["options"]]
    assert "Is er nu gevaar? → Ja (vooraf gegeven)" in labels


def test_review_lists_every_answer_and_changing_one_asks_only_what_it_affects(
    loaded: LoadedPlan,
) -> None:
    """Review lists every answer and changing one asks only what it affects."""
    script = Script(
        loaded,
        *SIMPLE[:-1],
        (REVIEW, "wie"),
        ("wie", "gezin"),
        ("van-wie", "twee-gezin"),  # newly on the path: asked; wat and extra are not
        (REVIEW, "wat"),
        ("wat", ("dreiging", "schade")),
        ("hoe-erg", "groot"),  # newly on the path
        (REVIEW, DONE),
    )
    shown = console()
    answers = wizard(loaded, script, shown=shown)
    script.done()
    first_review = script.asked[4]["options"]
    assert [option.label for option in first_review] == [
        "Is er nu gevaar? → Nee",
        "Tegen wie is het gericht? → Persoon één",
        "Wat is er gebeurd? → Dreiging",
        "Wilt u later evalueren? → Liever niet",
        "Klaar: toon de uitkomst",
    ]
    assert script.asked[4]["default"] == DONE
    assert script.defaults("wie") == [None, "een"]  # the current answer is preselected
    assert answers == {
        "gevaar": "nee",
        "wie": "gezin",
        "van-wie": "twee-gezin",
        "wat": ("dreiging", "schade"),
        "hoe-erg": "groot",
        "extra": "liever-niet",
    }
    assert "Eerst veiligheid · antwoord wijzigen" not in screen(shown)
    assert "Wie en wat · antwoord wijzigen" in screen(shown)


def test_a_question_that_returns_to_the_path_is_asked_again_with_its_old_answer(
    loaded: LoadedPlan,
) -> None:
    """A question that returns to the path is asked again with its old answer."""
    script = Script(
        loaded,
        ("gevaar", "nee"),
        ("wie", "gezin"),
        ("van-wie", "twee-gezin"),
        ("wat", ("laster",)),
        ("extra", "graag"),
        (REVIEW, "wie"),
        ("wie", "een"),
        (REVIEW, "wie"),
        ("wie", "gezin"),
        ("van-wie", "een-gezin"),
        (REVIEW, DONE),
    )
    answers = wizard(loaded, script)
    script.done()
    assert script.defaults("van-wie") == [None, "twee-gezin"]
    assert answers["van-wie"] == "een-gezin"
    middle_review = [option.value for option in script.asked[7]["options"]]
    assert "van-wie" not in middle_review


def test_back_from_a_change_returns_to_the_review_unchanged(loaded: LoadedPlan) -> None:
    """Back from a change returns to the review unchanged."""
    script = Script(loaded, *SIMPLE[:-1], (REVIEW, "wie"), ("wie", BACK), (REVIEW, DONE))
    answers = wizard(loaded, script)
    script.done()
    assert answers["wie"] == "een"
    assert script.asked[5]["back"] is True


def test_meer_uitleg_shows_help_choice_help_and_sources(loaded: LoadedPlan) -> None:
    """Meer uitleg shows help choice help and sources."""
    script = Script(loaded, ("gevaar", EXPLAIN), ("gevaar", "nee"), *SIMPLE[1:])
    shown = console()
    wizard(loaded, script, shown=shown)
    script.done()
    text = screen(shown)
    assert "Meer uitleg" in text
    assert "• Ja: Bel meteen 112." in text
    assert "• Bron A over veiligheid, §1.2" in text
    explains = {item["id"]: item["explain"] for item in script.asked if item["id"] != REVIEW}
    assert explains["gevaar"] is not None
    assert explains["wie"] is None  # no help, no sources: nothing more to explain


@pytest.mark.parametrize("stop", [KeyboardInterrupt, EOFError])
def test_interrupt_saves_a_private_resume_file_and_raises(
    loaded: LoadedPlan, data_dir: Path, stop: type[BaseException]
) -> None:
    """Interrupt saves a private resume file and raises."""
    script = Script(loaded, ("gevaar", "nee"), ("wie", "een"), ("wat", stop))
    with pytest.raises(Interrupted) as caught:
        wizard(loaded, script, {"extra": "graag"})
    path = data_dir / SESSION
    assert caught.value.exit_code is ExitCode.INTERRUPTED
    assert str(path) in caught.value.message
    assert f"stappenplan start --steps {FIXTURE} --resume" in caught.value.message
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["answers"] == {"extra": "graag", "gevaar": "nee", "wie": "een"}
    assert data["plan"] == "wizard-test" and data["plan_version"] == "1.0"
    assert data["plan_sha256"] == loaded.sha256
    assert dt.datetime.fromisoformat(data["saved"]).tzinfo is not None
    assert data["given"] == ["extra"]


def test_interrupt_before_any_answer_keeps_an_earlier_resume_file(
    loaded: LoadedPlan, data_dir: Path
) -> None:
    """Interrupt before any answer keeps an earlier resume file."""
    save_progress(loaded, {"gevaar": "ja"})
    before = (data_dir / SESSION).read_text(encoding="utf-8")
    script = Script(loaded, ("Daarmee verder gaan?", KeyboardInterrupt))
    with pytest.raises(Interrupted, match="niets bewaard"):
        wizard(loaded, script, {"wie": "een"})
    assert (data_dir / SESSION).read_text(encoding="utf-8") == before


def test_resume_continues_where_it_stopped_and_reaches_the_same_outcome(
    loaded: LoadedPlan, data_dir: Path
) -> None:
    """Resume continues where it stopped and reaches the same outcome."""
    full = (
        ("gevaar", "ja"),
        ("wie", "twee"),
        ("wat", ("dreiging", "schade")),
        ("hoe-erg", "groot"),
        ("extra", "graag"),
        (REVIEW, DONE),
    )
    straight = wizard(loaded, Script(loaded, *full))
    with pytest.raises(Interrupted):
        wizard(loaded, Script(loaded, *full[:3], ("hoe-erg", KeyboardInterrupt)))
    script = Script(loaded, *full[3:], ("Verwijderen?", True))
    shown = console()
    resumed = wizard(loaded, script, resume=True, shown=shown)
    script.done()
    assert "We gaan verder met de onderbroken sessie" in screen(shown)
    assert resumed == straight
    first = engine.outcome(loaded.plan, engine.walk(loaded.plan, straight), straight)
    second = engine.outcome(loaded.plan, engine.walk(loaded.plan, resumed), resumed)
    assert first.verdict == second.verdict and first.actions == second.actions
    assert not (data_dir / SESSION).exists()


def test_resume_after_back_asks_the_reopened_question_with_its_answer(
    loaded: LoadedPlan, data_dir: Path
) -> None:
    """Resume after back asks the reopened question with its answer."""
    script = Script(
        loaded,
        ("gevaar", "nee"),
        ("wie", "een"),
        ("wat", ("laster",)),
        ("extra", BACK),
        ("wat", BACK),
        ("wie", KeyboardInterrupt),
    )
    with pytest.raises(Interrupted):
        wizard(loaded, script)
    data = yaml.safe_load((data_dir / SESSION).read_text(encoding="utf-8"))
    assert set(data["open"]) == {"wie", "wat"}
    resumed = Script(
        loaded,
        ("wie", "een"),
        ("wat", ("laster",)),
        ("extra", "graag"),
        (REVIEW, DONE),
        ("Verwijderen?", False),
    )
    answers = wizard(loaded, resumed, resume=True)
    resumed.done()
    assert resumed.defaults("wie") == ["een"] and resumed.defaults("wat") == [("laster",)]
    assert answers["extra"] == "graag"
    assert (data_dir / SESSION).exists()  # the user chose to keep it


def test_resume_points_to_a_session_of_another_plan_and_keeps_it(
    loaded: LoadedPlan, data_dir: Path
) -> None:
    """Resume points to a session of another plan, starts afresh and keeps that session."""
    other = save_progress(load_plan(MINI), {"gevaar": "ja"})
    script = Script(loaded, *SIMPLE)
    shown = console()
    wizard(loaded, script, resume=True, shown=shown)
    script.done()
    assert "wel een onderbroken sessie van plan 'mini'" in screen(shown)
    assert other.name == "onderbroken-sessie-mini.yaml" and other.exists()


def test_resume_of_another_plan_version_warns_and_continues(
    loaded: LoadedPlan, data_dir: Path
) -> None:
    """Resume of another plan version warns and continues."""
    save_progress(loaded, {"gevaar": "ja", "wie": "een"})
    path = data_dir / SESSION
    path.write_text(path.read_text(encoding="utf-8").replace("'1.0'", "'0.9'"), encoding="utf-8")
    script = Script(loaded, *SIMPLE[2:], ("Verwijderen?", True))
    shown = console()
    wizard(loaded, script, resume=True, shown=shown)
    script.done()
    assert "gemaakt met planversie 0.9; dit is planversie 1.0" in screen(shown)


def test_resume_without_a_file_starts_at_the_beginning(loaded: LoadedPlan) -> None:
    """Resume without a file starts at the beginning."""
    script = Script(loaded, *SIMPLE)
    shown = console()
    wizard(loaded, script, resume=True, shown=shown)
    script.done()
    assert "Er is geen onderbroken sessie van dit plan gevonden" in screen(shown)


def test_without_resume_an_earlier_session_is_offered(loaded: LoadedPlan, data_dir: Path) -> None:
    """Without resume an earlier session is offered."""
    save_progress(loaded, {"gevaar": "ja", "wie": "twee"})
    script = Script(loaded, ("Daarmee verder gaan?", True), *SIMPLE[2:], ("Verwijderen?", True))
    answers = wizard(loaded, script)
    script.done()
    assert answers["wie"] == "twee"
    assert not (data_dir / SESSION).exists()


def test_declining_an_earlier_session_starts_afresh(loaded: LoadedPlan, data_dir: Path) -> None:
    """Declining an earlier session starts afresh."""
    save_progress(loaded, {"gevaar": "ja", "wie": "twee"})
    script = Script(loaded, ("Daarmee verder gaan?", False), *SIMPLE, ("Verwijderen?", False))
    answers = wizard(loaded, script)
    script.done()
    assert answers["wie"] == "een"
    assert script.defaults("wie") == [None]
    assert (data_dir / SESSION).exists()


# --- offer_saves ---------------------------------------------------------------------------------


@pytest.fixture
def finished(loaded: LoadedPlan) -> engine.Outcome:
    answers: dict[str, Answer] = {"gevaar": "nee", "wie": "een", "wat": ("dreiging",)}
    return engine.outcome(
        loaded.plan, engine.walk(loaded.plan, answers, assume_defaults=True), answers
    )


REPORT_Q = "Het verslag opslaan (Markdown, om te printen of te delen)?"
RECORD_Q = "De antwoorden opslaan (om later opnieuw af te spelen)?"
DAY = dt.date(2026, 11, 28)


def saves(loaded: LoadedPlan, outcome: engine.Outcome, script: Script) -> str:
    shown = console()
    offer_saves(
        record_text="plan: wizard-test\n",
        report_text="# Verslag\n",
        plain=False,
        console=shown,
        asker=script,
        today=DAY,
    )
    return screen(shown)


def test_offer_saves_writes_private_files_with_dated_names(
    loaded: LoadedPlan,
    finished: engine.Outcome,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offer saves writes private files with dated names."""
    monkeypatch.chdir(tmp_path)
    script = Script(
        loaded,
        (REPORT_Q, True),
        ("Bestandsnaam", None),
        (RECORD_Q, True),
        ("Bestandsnaam", None),
    )
    text = saves(loaded, finished, script)
    script.done()
    assert [item["default"] for item in script.asked if item["id"] == "Bestandsnaam"] == [
        "verslag-2026-11-28.md",
        "antwoorden-2026-11-28.yaml",
    ]
    for name, content in (
        ("verslag-2026-11-28.md", "# Verslag\n"),
        ("antwoorden-2026-11-28.yaml", "plan: wizard-test\n"),
    ):
        assert (tmp_path / name).read_text(encoding="utf-8") == content
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert f"Opgeslagen: {tmp_path / 'verslag-2026-11-28.md'}" in text.replace("\n", "")
    assert "persoonsgegevens" in text


def test_offer_saves_asks_before_overwriting(
    loaded: LoadedPlan,
    finished: engine.Outcome,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offer saves asks before overwriting."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "verslag-2026-11-28.md").write_text("oud\n", encoding="utf-8")
    (tmp_path / "mijn.md").write_text("ook oud\n", encoding="utf-8")
    script = Script(
        loaded,
        (REPORT_Q, True),
        ("Bestandsnaam", "mijn.md"),
        ("mijn.md bestaat al. Overschrijven?", False),
        ("Bestandsnaam", "mijn.md"),
        ("mijn.md bestaat al. Overschrijven?", True),
        (RECORD_Q, False),
    )
    text = saves(loaded, finished, script)
    script.done()
    assert script.asked[1]["default"] == "verslag-2026-11-28-2.md"  # the free name
    assert (tmp_path / "verslag-2026-11-28.md").read_text(encoding="utf-8") == "oud\n"
    assert (tmp_path / "mijn.md").read_text(encoding="utf-8") == "# Verslag\n"
    assert not list(tmp_path.glob("antwoorden-*"))
    assert "persoonsgegevens" in text


def test_offer_saves_declined_writes_nothing(
    loaded: LoadedPlan,
    finished: engine.Outcome,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offer saves declined writes nothing."""
    monkeypatch.chdir(tmp_path)
    script = Script(loaded, (REPORT_Q, False), (RECORD_Q, False))
    text = saves(loaded, finished, script)
    script.done()
    assert not list(tmp_path.glob("*.md")) and not list(tmp_path.glob("*.yaml"))
    assert "persoonsgegevens" not in text


def test_offer_saves_reports_a_missing_folder_and_asks_again(
    loaded: LoadedPlan,
    finished: engine.Outcome,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offer saves reports a missing folder and asks again."""
    monkeypatch.chdir(tmp_path)
    script = Script(
        loaded,
        (REPORT_Q, True),
        ("Bestandsnaam", "geen-map/verslag.md"),
        ("Bestandsnaam", "verslag.md"),
        (RECORD_Q, False),
    )
    text = saves(loaded, finished, script)
    script.done()
    assert "Niet opgeslagen: geen-map/verslag.md: map 'geen-map' bestaat niet" in text
    assert (tmp_path / "verslag.md").exists()


def test_interrupt_while_saving_keeps_the_answers_for_resume(
    loaded: LoadedPlan,
    finished: engine.Outcome,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Interrupt while saving: the Keeper around it keeps the answers for resume."""
    monkeypatch.chdir(tmp_path)
    script = Script(loaded, (REPORT_Q, KeyboardInterrupt))
    keeper = Keeper(loaded)
    keeper.track(lambda: Progress(answers=dict(finished.walk.answers)))
    with pytest.raises(Interrupted, match="--resume"), keeper.guard():
        saves(loaded, finished, script)
    data = yaml.safe_load((data_dir / SESSION).read_text(encoding="utf-8"))
    assert data["answers"]["wie"] == "een" and data["open"] == []


def test_back_after_a_change_reopens_the_later_questions_with_their_answers(
    loaded: LoadedPlan,
) -> None:
    """Back after a change reopens the later questions with their answers."""
    script = Script(
        loaded,
        *SIMPLE[:-1],
        (REVIEW, "wie"),
        ("wie", "gezin"),
        ("van-wie", BACK),
        ("wie", "twee"),
        ("wat", ("dreiging",)),
        ("extra", "liever-niet"),
        (REVIEW, DONE),
    )
    answers = wizard(loaded, script)
    script.done()
    assert script.defaults("wie") == [None, "een", "gezin"]
    assert script.defaults("wat") == [(), ("dreiging",)]
    assert answers["wie"] == "twee" and "van-wie" not in answers


def test_plain_review_has_whole_questions_and_no_arrows(loaded: LoadedPlan) -> None:
    """Plain review has whole questions and no arrows."""
    script = Script(loaded, *SIMPLE)
    shown = console()
    run_wizard(loaded, {}, plain=True, console=shown, asker=script)
    script.done()
    labels = [option.label for option in script.asked[4]["options"]]
    assert labels[1] == "Tegen wie is het gericht? Antwoord: Persoon één"
    text = screen(shown)
    assert "Eerst veiligheid, vraag 1, nog ongeveer 3 vragen" in text
    assert "→" not in text and "·" not in text and "•" not in text
