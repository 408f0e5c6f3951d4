"""Under stress: the alarm first, a first screen that says what to do now, each role its list."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from stappenplan.alarm import ALARM_TITLE
from stappenplan.answers import collect_answers, read_answer_file
from stappenplan.engine import scripted_outcome
from stappenplan.errors import Interrupted, UsageError
from stappenplan.incident import Incident, parse_moment
from stappenplan.output.json import outcome_data
from stappenplan.output.markdown import render_report
from stappenplan.output.pager import pager_command
from stappenplan.output.screen import render_text
from stappenplan.output.summary import NOW_LIMIT, build_view
from stappenplan.output.text import text_to_string
from stappenplan.output.wrap import Para, wrap_paras
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.loader import load_plan
from stappenplan.terminal.wizard import run_wizard
from test_wizard import DONE, REVIEW, Script, console, screen

TESTS = Path(__file__).parent
WIZARD = TESTS / "fixtures" / "wizard"
EXAMPLES = sorted((TESTS.parent / "examples").glob("*.yaml"))
Cli = Callable[..., Any]
ACUTE = ("--set", "acuut-gevaar=ja")
ALARM_TEXT = "Bel nu 112, en breng iedereen in veiligheid."


@pytest.fixture
def alarm_plan(tmp_path: Path) -> LoadedPlan:
    """The wizard fixture with an alarm on 'gevaar: ja'."""
    target = tmp_path / "plan"
    shutil.copytree(WIZARD, target)
    steps = target / "10-steps.yaml"
    text = steps.read_text(encoding="utf-8")
    marked = text.replace(
        "actions: [bel-hulp]}", f"actions: [bel-hulp], alarm: '{ALARM_TEXT}'}}", 1
    )
    assert marked != text
    steps.write_text(marked, encoding="utf-8")
    return load_plan(target)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("STAPPENPLAN_DATA_DIR", str(folder))
    return folder


def default_outcome(path: Path, **sets: str) -> tuple[LoadedPlan, Any]:
    loaded = load_plan()
    given, _ = collect_answers(loaded, read_answer_file(str(path)), sets)
    return loaded, scripted_outcome(loaded.plan, given)


# --- the alarm --------------------------------------------------------------------------------


def test_an_acute_answer_interrupts_the_walk_at_once(alarm_plan: LoadedPlan) -> None:
    continue_q = "Is iedereen veilig? Dan verder met de vragen?"
    script = Script(
        alarm_plan,
        ("gevaar", "ja"),
        (continue_q, True),
        ("wie", "een"),
        ("wat", ("dreiging",)),
        ("extra", "liever-niet"),
        (REVIEW, DONE),
    )
    shown = console()
    run_wizard(alarm_plan, {}, console=shown, asker=script)
    script.done()
    text = screen(shown)
    # Right after the answer, before the next question.
    assert text.index(ALARM_TITLE) < text.index("Tegen wie is het gericht?")
    assert ALARM_TEXT in text


def test_stopping_at_the_alarm_keeps_the_answers(alarm_plan: LoadedPlan) -> None:
    script = Script(
        alarm_plan, ("gevaar", "ja"), ("Is iedereen veilig? Dan verder met de vragen?", False)
    )
    with pytest.raises(Interrupted, match="bewaard"):
        run_wizard(alarm_plan, {}, console=console(), asker=script)


def test_plain_mode_alarm_has_no_box(alarm_plan: LoadedPlan) -> None:
    script = Script(
        alarm_plan, ("gevaar", "ja"), ("Is iedereen veilig? Dan verder med de vragen?", True)
    )
    script.script[1] = ("Is iedereen veilig? Dan verder met de vragen?", False)
    shown = console()
    with pytest.raises(Interrupted):
        run_wizard(alarm_plan, {}, plain=True, console=shown, asker=script)
    text = screen(shown)
    assert f"{ALARM_TITLE}\n{ALARM_TEXT}" in text
    assert not any(char in text for char in "─│╭╮╰╯")


def test_an_alarm_given_beforehand_is_shown_before_the_first_question(
    alarm_plan: LoadedPlan,
) -> None:
    script = Script(
        alarm_plan,
        ("Is iedereen veilig? Dan verder met de vragen?", True),
        ("wie", "een"),
        ("wat", ("dreiging",)),
        ("extra", "liever-niet"),
        (REVIEW, DONE),
    )
    run_wizard(alarm_plan, {"gevaar": "ja"}, console=console(), asker=script)
    script.done()


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_the_alarm_is_at_the_very_top_of_every_format(cli: Cli, fmt: str) -> None:
    example = str(EXAMPLES[-1])
    result = cli("start", "--answers", example, *ACUTE, "--no-input", "-f", fmt, "--no-pager")
    assert result.code == 0, result.err
    if fmt == "json":
        data = json.loads(result.out)
        assert next(iter(data)) == "alarm"
        assert data["alarm"]["answers"] == {"acuut-gevaar": "ja"}
        assert "112" in data["alarm"]["messages"][0]
    elif fmt == "markdown":
        assert result.out.startswith(f"> **{ALARM_TITLE}:** Bel nu 112.")
    else:
        lines = result.out.splitlines()
        assert lines[0] == ALARM_TITLE
        assert lines[1].startswith("Bel nu 112. Breng de mensen in veiligheid")


def test_no_alarm_without_an_acute_answer(cli: Cli) -> None:
    result = cli("start", "--answers", str(EXAMPLES[-1]), "--no-input", "-f", "json")
    assert "alarm" not in json.loads(result.out)


# --- the outcome ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
@pytest.mark.parametrize("acute", [False, True])
def test_the_first_screen_holds_verdict_and_nu_doen(example: Path, acute: bool) -> None:
    loaded, outcome = default_outcome(example, **({"acuut-gevaar": "ja"} if acute else {}))
    for width in (60, 80, 120):
        text = text_to_string(loaded, outcome, width=width)
        lines = text.splitlines()
        top = lines[:23]
        assert any(line.startswith("DOMEIN: ") for line in top)
        start = top.index("NU DOEN")
        now = top[start + 1 : start + 1 + NOW_LIMIT]
        assert len(now) == NOW_LIMIT and all(re.match(r" ?\d+\. ", line) for line in now)
        assert all(" — " in line for line in now)  # with who does it
        # Only a word longer than the line (a web address) may stick out, alone on its line.
        assert all(len(line) <= width or " " not in line.strip() for line in lines)


def test_nu_doen_names_the_contact_when_agreed() -> None:
    loaded, outcome = default_outcome(EXAMPLES[-1])
    view = build_view(loaded.plan, outcome, {"betrokkene": "Jan Jansen, 06-12345678"})
    assert len(view.now) == NOW_LIMIT
    text = text_to_string(
        loaded,
        outcome,
        width=120,
        contacts={"betrokkene": "Jan Jansen, 06-12345678 (plaatsvervanger: X, 010-0000000)"},
    )
    now = text.split("NU DOEN\n", 1)[1].split("\n\n", 1)[0]
    assert "— De betrokken ambtsdrager (Jan Jansen, 06-12345678)" in now
    assert "plaatsvervanger" not in now  # one line: the deputy is in the list below


def test_calls_show_the_contact_on_the_action_that_needs_it() -> None:
    loaded, outcome = default_outcome(EXAMPLES[-1])  # a wethouder: meld-college
    text = text_to_string(
        loaded, outcome, width=100, contacts={"burgemeester": "Bea Burg, 06-11111111"}
    )
    assert (
        "Bel: Burgemeester (Bea Burg, 06-11111111); Gemeentesecretaris (nog niet afgesproken)"
        in text
    )


def test_tasks_are_grouped_by_role_with_numbered_sources() -> None:
    loaded, outcome = default_outcome(EXAMPLES[0])
    text = text_to_string(loaded, outcome, width=200)
    body = text.split("WAT DOET WIE\n", 1)[1]
    view = build_view(loaded.plan, outcome)
    for group in view.groups:
        assert f"\n{group.label}\n" in "\n" + body
    assert re.search(r"Bron: \[\d+\]", body)
    sources = text.split("\nBRONNEN\n", 1)[1]
    assert sources.startswith("[1] ")
    assert "circ-2013" not in body  # no long source ids inline


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_rol_prints_only_that_roles_tasks(cli: Cli, fmt: str) -> None:
    result = cli("start", "--answers", str(EXAMPLES[0]), "--no-input", "-f", fmt, "--rol", "AOV-er")
    assert result.code == 0, result.err
    _, outcome = default_outcome(EXAMPLES[0])
    mine = [a for a in outcome.actions if a.responsible == "aov-er"]
    others = [a for a in outcome.actions if a.responsible != "aov-er"]
    assert mine and others
    if fmt == "json":
        data = json.loads(result.out)
        assert [a["id"] for a in data["actions"]] == [a.id for a in mine]
        assert data["role"]["id"] == "aov-er"
    else:
        for action in mine:
            assert action.title in result.out
        for action in others:
            assert f"{action.title} (" not in result.out and f"{action.title}**" not in result.out


def test_rol_near_miss(cli: Cli) -> None:
    result = cli("start", "--answers", str(EXAMPLES[0]), "--no-input", "--rol", "grifier")
    assert result.code == 2
    assert "bedoelde u 'griffier'?" in result.err


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("uit.md", lambda text: text.startswith("# Verslag")),
        ("uit.json", lambda text: json.loads(text)["domain"]),
        ("uit.txt", lambda text: text.startswith("DOMEIN: ")),
    ],
)
def test_output_format_follows_the_extension(
    cli: Cli, tmp_path: Path, name: str, check: Callable[[str], Any]
) -> None:
    target = tmp_path / name
    result = cli("start", "--answers", str(EXAMPLES[0]), "--no-input", "--output", str(target))
    assert result.code == 0, result.err
    assert check(target.read_text(encoding="utf-8"))


def test_format_option_wins_over_the_extension(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "uit.md"
    result = cli(
        "start", "--answers", str(EXAMPLES[0]), "--no-input", "-o", str(target), "-f", "json"
    )
    assert result.code == 0, result.err
    assert json.loads(target.read_text(encoding="utf-8"))["plan"]


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_text_never_breaks_inside_a_word(example: Path, width: int) -> None:
    loaded, outcome = default_outcome(example)
    text = text_to_string(loaded, outcome, width=width)
    words = set(re.findall(r"[\w'’-]+", text_to_string(loaded, outcome, width=10_000)))
    for line in text.splitlines():
        for word in re.findall(r"[\w'’-]+", line.replace("…", " ")):
            assert word in words, (width, word, line)


def test_rich_screen_is_shortened_only_in_nu_doen() -> None:
    loaded, outcome = default_outcome(EXAMPLES[0])
    buffer = io.StringIO()
    render_text(loaded, outcome, Console(file=buffer, width=60, no_color=True))
    lines = buffer.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 60
    start = lines.index("NU DOEN")
    assert "…" not in "\n".join(lines[start + NOW_LIMIT + 1 :])


def test_a_long_word_is_never_split() -> None:
    url = "https://example.org/" + "a" * 90
    text = wrap_paras([Para(f"Zie {url} voor meer.", prefix="- ")], 60)
    assert url in text


# --- pager ------------------------------------------------------------------------------------


def test_pager_respects_pager_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "cat")
    assert pager_command() is None
    monkeypatch.setenv("PAGER", "")
    assert pager_command() is None
    monkeypatch.setenv("PAGER", "more -d")
    command = pager_command()
    assert command is None or command == ["more", "-d"]
    monkeypatch.delenv("PAGER")
    command = pager_command()
    assert command is None or command[0].endswith("less")


def test_piped_output_is_never_paged(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "false")  # would lose the text if it were used
    result = cli("start", "--answers", str(EXAMPLES[0]), "--no-input")
    assert result.out.startswith("DOMEIN: ")


def test_show_piped_stays_raw_markdown(cli: Cli) -> None:
    result = cli("show")
    assert result.code == 0
    assert result.out.startswith("# ")


# --- incident ---------------------------------------------------------------------------------

NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-01 07:15", dt.datetime(2026, 12, 1, 7, 15, tzinfo=dt.UTC)),
        ("2026-12-01T07:15", dt.datetime(2026, 12, 1, 7, 15, tzinfo=dt.UTC)),
        ("1-12-2026 07:15", dt.datetime(2026, 12, 1, 7, 15, tzinfo=dt.UTC)),
        ("07:15", dt.datetime(2026, 12, 1, 7, 15, tzinfo=dt.UTC)),
    ],
)
def test_moments_as_typed(typed: str, expected: dt.datetime) -> None:
    assert parse_moment(typed, NOW) == expected


@pytest.mark.parametrize("typed", ["gisteren", "2026-13-01", "2027-01-01 10:00"])
def test_bad_moments_are_usage_errors(typed: str) -> None:
    with pytest.raises(UsageError):
        parse_moment(typed, NOW)


def test_incident_in_record_and_report(cli: Cli, tmp_path: Path) -> None:
    record, report = tmp_path / "antwoorden.yaml", tmp_path / "verslag.md"
    args = ("--moment", "2026-11-30 22:10", "--omschrijving", "Dreigmail", "--kenmerk", "Z-42")
    result = cli(
        "start",
        "--answers",
        str(EXAMPLES[0]),
        "--no-input",
        *args,
        "--save",
        str(record),
        "-o",
        str(report),
    )
    assert result.code == 0, result.err
    text = report.read_text(encoding="utf-8")
    assert "- Incident: 30 november 2026, 22:10" in text
    assert "- Kenmerk: Z-42" in text and "- Omschrijving: Dreigmail" in text
    assert "- Verslag opgesteld: " in text
    saved = record.read_text(encoding="utf-8")
    assert "incident:" in saved and "Z-42" in saved
    replay = cli("start", "--answers", str(record), "--no-input", "-f", "markdown")
    assert "- Kenmerk: Z-42" in replay.out and "- Incident: 30 november 2026, 22:10" in replay.out


def test_report_moment_defaults_to_when_it_was_written() -> None:
    loaded, outcome = default_outcome(EXAMPLES[0])
    text = render_report(loaded, outcome, created=NOW, incident=Incident(reference="Z-1"))
    assert "- Kenmerk: Z-1" in text and "- Incident:" not in text
    data = outcome_data(loaded, outcome, incident=Incident(reference="Z-1"))
    assert data["incident"] == {"moment": None, "description": None, "reference": "Z-1"}


# --- answers: case and near misses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--set", "doelwit=wethoudr"), "bedoelde u 'wethouder'?"),
        (("--set", "doelwt=wethouder"), "bedoelde u 'doelwit'?"),
    ],
)
def test_near_misses_get_a_suggestion(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("start", "--answers", str(EXAMPLES[0]), *args, "--no-input")
    assert result.code == 1
    assert message in result.err


def test_a_near_miss_in_a_file_names_the_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  incdent: bedreiging\n", encoding="utf-8")
    result = cli("start", "--answers", str(path), "--no-input")
    assert f"{path}:2: onbekende vraag 'incdent'; bedoelde u 'incident'?" in result.err


def test_values_and_ids_ignore_case(cli: Cli) -> None:
    result = cli(
        "start",
        "--answers",
        str(EXAMPLES[-1]),
        "--set",
        "Doelwit=Wethouder",
        "--no-input",
        "-f",
        "json",
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["answers"]["doelwit"] == "wethouder"


# --- pre-selection: Enter without reading never drops an action -------------------------------


def _actions(loaded: LoadedPlan, answers: dict[str, Any]) -> set[str]:
    from stappenplan.engine import outcome, walk

    done = walk(loaded.plan, answers)
    assert done.complete
    return {action.id for action in outcome(loaded.plan, done).actions}


class Recorder:
    """An asker that records what each question offers pre-selected, and answers with a route.

    The wizard asks the first open question on the path; the recorder walks along to know
    which question that is (yes/no questions all have the same options).
    """

    def __init__(self, loaded: LoadedPlan, route: dict[str, Any]) -> None:
        self.plan = loaded.plan
        self.route = route
        self.answers: dict[str, Any] = {}
        self.seen: dict[str, Any] = {}

    def _asked(self) -> str:
        from stappenplan.engine import walk

        pending = walk(self.plan, self.answers).pending
        assert pending is not None
        return pending.id

    def select(self, options: Any, *, default: Any = None, **_: Any) -> Any:
        values = tuple(option.value for option in options)
        if DONE in values:
            return DONE
        step_id = self._asked()
        self.seen[step_id] = default
        answer = self.route.get(step_id, default if default is not None else values[0])
        self.answers[step_id] = answer
        return answer

    def checkbox(self, options: Any, *, default: Any = (), **_: Any) -> Any:
        step_id = self._asked()
        self.seen[step_id] = tuple(default)
        answer = self.route.get(step_id, tuple(default))
        self.answers[step_id] = answer
        return answer

    def confirm(self, message: str, *, default: bool = True) -> bool:
        return True

    def text(self, message: str, *, default: str = "") -> str:
        return default


ROUTES = [
    {},
    {"doelwit": "gezinslid", "gezinslid-van": "burgemeester"},
    {"doelwit": "raadslid", "rijksdomein-persoon": "ja", "acuut-gevaar": "ja"},
    {"doelwit": "wethouder", "incident": ("bedreiging", "doxing"), "rijksdomein-persoon": "nee"},
    {"doelwit": "burgemeester", "rijksdomein-persoon": "nee", "dreiging-leven": "ja"},
]


def test_every_question_of_the_default_plan_preselects_no_riskier_answer() -> None:
    """Walk every question of the default plan in the wizard and check what it pre-selects.

    A pre-selected answer must be 'onbekend'/'weet ik niet', or give (with the answers so far)
    every action that any other answer would give. Re-check when plan 2.0 lands.
    """
    from stappenplan.preselect import UNKNOWN_VALUES, completed

    loaded = load_plan()
    plan = loaded.plan
    asked: set[str] = set()
    for route in ROUTES:
        recorder = Recorder(loaded, route)
        answers = run_wizard(loaded, {}, console=console(), asker=recorder)  # type: ignore[arg-type]
        asked |= set(recorder.seen)
        for step_id, preselected in recorder.seen.items():
            step = plan.step_index[step_id]
            if step.multiple or preselected is None or preselected in UNKNOWN_VALUES:
                continue
            before = {key: answers[key] for key in answers if key != step_id}
            mine = _actions(loaded, completed(plan, {**before, step_id: preselected}))
            for other in step.values:
                theirs = _actions(loaded, completed(plan, {**before, step_id: other}))
                assert theirs <= mine, (step_id, preselected, other, theirs - mine)
    assert asked == {step.id for step in plan.steps}  # every question was walked


def test_the_wizard_does_not_preselect_the_first_answer_of_a_question_of_fact() -> None:
    loaded = load_plan()
    recorder = Recorder(loaded, {})
    run_wizard(loaded, {}, console=console(), asker=recorder)  # type: ignore[arg-type]
    assert recorder.seen["acuut-gevaar"] is None and recorder.seen["doelwit"] is None
    assert recorder.seen["rijksdomein-persoon"] == "onbekend"


def test_the_wizard_never_preselects_a_default_of_the_plan_that_drops_actions() -> None:
    """For every single-choice question of the default plan: what the wizard pre-selects is
    'weet ik niet', or an answer that drops no action another answer would add; a plan default
    that drops actions (gemeentehuis: nee, ...) is used by scripted runs (listed as assumed)
    but never pre-selected."""
    from stappenplan.preselect import UNKNOWN_VALUES, drops_actions, safe_preselection

    plan = load_plan().plan
    for route in ROUTES:
        context = {key: value for key, value in route.items() if isinstance(value, str)}
        for step in plan.steps:
            if step.multiple or step.id in context:
                continue
            chosen = safe_preselection(plan, step, context)
            if chosen is None or chosen in UNKNOWN_VALUES:
                continue
            assert not drops_actions(plan, step, chosen, context), (step.id, chosen, route)


# --- help -------------------------------------------------------------------------------------

COMMANDS = [
    ("start",),
    ("show",),
    ("validate",),
    ("test",),
    ("schema",),
    ("afspraken", "init"),
    ("afspraken", "check"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_help_shows_real_examples(cli: Cli, command: tuple[str, ...]) -> None:
    result = cli(*command, "--help")
    assert result.code == 0
    examples = result.out.split("Voorbeelden:", 1)[1]
    assert examples.count("stappenplan ") >= 1
    for line in examples.splitlines():
        if line.strip().startswith("stappenplan "):
            assert line.strip().split()[1] in {
                "start",
                "show",
                "validate",
                "test",
                "schema",
                "afspraken",
            }


def test_command_descriptions_are_not_cut_off(cli: Cli) -> None:
    result = cli("--help")
    commands = result.out.split("Opdrachten:", 1)[1].split("Voorbeelden:", 1)[0]
    assert "..." not in commands
    assert "en\n             domein (lokaal of landelijk)." in result.out


@pytest.mark.parametrize(
    ("args", "pointer"),
    [
        (("start", "--format"), "Zie 'stappenplan start --help'."),
        (("afspraken", "check", "--steps"), "Zie 'stappenplan afspraken check --help'."),
        (("show", "--output"), "Zie 'stappenplan show --help'."),
    ],
)
def test_a_missing_option_value_points_to_that_commands_help(
    cli: Cli, args: tuple[str, ...], pointer: str
) -> None:
    result = cli(*args)
    assert result.code == 2
    assert "verwacht een waarde" in result.err and pointer in result.err


# --- "Meer uitleg" ------------------------------------------------------------------------------


def test_meer_uitleg_shows_the_steps_explanation(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    shutil.copytree(WIZARD, target)
    steps = target / "10-steps.yaml"
    text = steps.read_text(encoding="utf-8")
    explained = text.replace(
        "    question: Tegen wie is het gericht?\n",
        "    question: Tegen wie is het gericht?\n"
        "    explanation: |-\n"
        "      Het doelwit bepaalt wie het incident oppakt.\n\n"
        "      Twijfelt u, kies dan wie het meest geraakt is.\n",
        1,
    )
    assert explained != text
    steps.write_text(explained, encoding="utf-8")
    loaded = load_plan(target)
    script = Script(
        loaded,
        ("gevaar", "nee"),
        ("wie", "uitleg"),
        ("wie", "een"),
        ("wat", ("dreiging",)),
        ("extra", "liever-niet"),
        (REVIEW, DONE),
    )
    shown = console()
    run_wizard(loaded, {}, console=shown, asker=script)
    script.done()
    assert script.asked[1]["explain"] is not None  # offered, although no choice has help
    out = screen(shown)
    assert "Meer uitleg\nHet doelwit bepaalt wie het incident oppakt.\n" in out
    assert "Twijfelt u, kies dan wie het meest geraakt is." in out


def test_saving_the_report_asks_the_dossier_facts_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stappenplan.cli.outcome_output import offer_to_save
    from stappenplan.output.formats import Report

    loaded, outcome = default_outcome(EXAMPLES[0])
    report_path, record_path = tmp_path / "verslag.md", tmp_path / "antwoorden.yaml"
    script = Script(
        loaded,
        ("Het verslag opslaan (Markdown, om te printen of te delen)?", True),
        ("Wanneer gebeurde het? (DD-MM-JJJJ UU:MM)", "30-11-2026 22:10"),
        ("Korte omschrijving", "Dreigmail na raadsbesluit"),
        ("Kenmerk of zaaknummer van de gemeente", "Z-7"),
        ("Bestandsnaam", str(report_path)),
        ("De antwoorden opslaan (om later opnieuw af te spelen)?", True),
        ("Bestandsnaam", str(record_path)),
    )
    monkeypatch.setattr("stappenplan.terminal.asker.make_asker", lambda plain: script)
    monkeypatch.setattr("stappenplan.terminal.saves.make_asker", lambda plain: script)
    report = Report(loaded, outcome, NOW)
    offer_to_save(report, outcome.walk.answers, console=console(), plain=False, now=NOW)
    script.done()
    text = report_path.read_text(encoding="utf-8")
    assert "- Incident: 30 november 2026, 22:10" in text and "- Kenmerk: Z-7" in text
    assert "Z-7" in record_path.read_text(encoding="utf-8")


def test_declining_the_report_asks_nothing_more(monkeypatch: pytest.MonkeyPatch) -> None:
    from stappenplan.cli.outcome_output import offer_to_save
    from stappenplan.output.formats import Report

    loaded, outcome = default_outcome(EXAMPLES[0])
    script = Script(
        loaded,
        ("Het verslag opslaan (Markdown, om te printen of te delen)?", False),
        ("De antwoorden opslaan (om later opnieuw af te spelen)?", False),
    )
    monkeypatch.setattr("stappenplan.terminal.asker.make_asker", lambda plain: script)
    monkeypatch.setattr("stappenplan.terminal.saves.make_asker", lambda plain: script)
    offer_to_save(
        Report(loaded, outcome, NOW), outcome.walk.answers, console=console(), plain=True, now=NOW
    )
    script.done()


# --- goldens: the text layout -------------------------------------------------------------------

GOLDEN = TESTS / "golden"


def _golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME byte for byte; STAPPENPLAN_UPDATE_GOLDEN=1 rewrites it."""
    import os

    path = GOLDEN / name
    if os.environ.get("STAPPENPLAN_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} ontbreekt; maak hem met STAPPENPLAN_UPDATE_GOLDEN=1"
    assert path.read_text(encoding="utf-8") == text, (
        f"{name} wijkt af; bekijk de wijziging en vernieuw met STAPPENPLAN_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_text_outcome_golden(example: Path) -> None:
    loaded, outcome = default_outcome(example)
    contacts = {"burgemeester": "Bea Burg, 06-11111111 (plaatsvervanger: Loco, 06-22222222)"}
    _golden(
        f"outcome-{example.stem}.txt",
        text_to_string(loaded, outcome, width=80, contacts=contacts, municipality="Voorbeeldstad"),
    )


def test_text_outcome_golden_acute_and_one_role() -> None:
    loaded, outcome = default_outcome(EXAMPLES[-1], **{"acuut-gevaar": "ja"})
    _golden("outcome-acuut.txt", text_to_string(loaded, outcome, width=80))
    _golden("outcome-rol-aov-er.txt", text_to_string(loaded, outcome, width=80, role="aov-er"))


def test_a_dumb_terminal_gets_no_default_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    """less cannot drive TERM=dumb (screen readers): no pager unless PAGER asks for one."""
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    assert pager_command() is None
    monkeypatch.setenv("PAGER", "sh -c cat")
    assert pager_command() == ["sh", "-c", "cat"]
