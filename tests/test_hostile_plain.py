"""Hostile plan text and hostile digits at the real `stappenplan start` in a pseudo-terminal.

A plan's question, help, explanation and labels may hold escape sequences, hyperlinks (OSC 8)
and bidi overrides; none of them may reach the terminal raw, in plain mode or with the
arrow-key lists. A digit typed in another form ('²', '⑵', '٢') never crashes the wizard.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

FIXTURE = Path(__file__).parent / "fixtures" / "wizard"
TIMEOUT = 60
EVIL = r"\e[2J\e]8;;http://x\e\\LINK\e]8;;\e\\\u202eRTL"
"""YAML escapes: clear screen, an OSC 8 hyperlink, a right-to-left override."""
RAW = ("\x1b[2J", "\x1b]8;;http://x", "\u202e")
CHOICE = "Typ een nummer van 1 tot 2"


@pytest.fixture
def hostile_plan(tmp_path: Path) -> Path:
    """The wizard plan with the attack in the first question, its help, explanation and labels."""
    folder = tmp_path / "plan"
    shutil.copytree(FIXTURE, folder)
    path = folder / "10-steps.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("question: Is er nu gevaar?", f'question: "Is er nu gevaar? {EVIL}"'),
        (
            "help: Bij gevaar eerst 112 bellen.",
            f'help: "Bij gevaar {EVIL}"\n    explanation: "Uitleg {EVIL}"',
        ),
        (
            "label: Ja, help: Bel meteen 112.",
            f'label: "Ja {EVIL}", help: "Bel {EVIL}", alarm: "Bel 112 {EVIL}"',
        ),
        ("label: Nee}", f'label: "Nee {EVIL}"}}'),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Any]:
    children: list[Any] = []

    def start(plan: Path, *args: str, term: str = "dumb", **extra: str) -> Any:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env.update(
            TERM=term,
            NO_COLOR="1",
            STAPPENPLAN_DATA_DIR=str(tmp_path / "data"),
            PYTHONIOENCODING="utf-8",
            PROMPT_TOOLKIT_NO_CPR="1",
            PAGER="cat",
        )
        env.update(extra)
        child = pexpect.spawn(
            sys.executable,
            ["-m", "stappenplan", "start", "--steps", str(plan), "--no-pager", *args],
            env=env,
            cwd=str(tmp_path),
            dimensions=(24, 100),
            encoding="utf-8",
            codec_errors="replace",  # the terminal echoes what is typed, also bytes that are no utf-8
            timeout=TIMEOUT,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def finish(child: Any) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


def test_plain_mode_shows_no_escape_sequence_from_the_plan(
    spawn: Any, hostile_plan: Path, tmp_path: Path
) -> None:
    """Plain mode: question, labels, explanation and review of a hostile plan are sanitised."""
    seen: list[str] = []
    result = tmp_path / "uitkomst.json"
    child = spawn(hostile_plan, "--plain", "--format", "json", "-o", str(result))
    child.logfile_read = _Collect(seen)
    for keys in ("?", "2", "2", "1", "2"):
        child.expect_exact("Uw keuze")
        child.sendline(keys)
    child.expect_exact("Overzicht van uw antwoorden")
    child.expect_exact("Klaar: toon de uitkomst")
    child.sendline("")
    code, _ = finish(child)
    shown = "".join(seen)
    assert code == 0
    assert "Uitleg [2J]8;;http://x\\LINK]8;;\\RTL" in shown  # the explanation, cleaned
    assert "1) Ja [2J]8;;http://x\\LINK" in shown  # the label, cleaned
    assert "Is er nu gevaar? [2J]8;;http://x\\LINK]8;;\\RTL Antwoord: Nee" in shown  # review
    for raw in RAW:
        assert raw not in shown, repr(raw)
    assert json.loads(result.read_text(encoding="utf-8"))["answers"]["gevaar"] == "nee"


def test_arrow_key_lists_show_no_escape_sequence_from_the_plan(
    spawn: Any, hostile_plan: Path
) -> None:
    """The questionary lists get sanitised labels and messages too (review included)."""
    seen: list[str] = []
    child = spawn(hostile_plan, "--format", "json", "-o", "uit.json", term="xterm")
    child.logfile_read = _Collect(seen)
    child.expect_exact("Is er nu gevaar?")
    child.expect_exact("(pijltjes of nummer, dan Enter)")
    child.send("2\r")
    child.expect_exact("Antwoord: Nee")
    child.expect_exact("Tegen wie is het gericht?")
    child.expect_exact("(pijltjes of nummer, dan Enter)")
    child.send("2\r")
    child.expect_exact("Wat is er gebeurd?")
    child.expect_exact("(pijltjes, spatie: aan/uit, Enter: klaar)")
    child.send(" \r")
    child.expect_exact("Wilt u later evalueren?")
    child.expect_exact("(pijltjes of nummer, dan Enter)")
    child.send("2\r")
    child.expect_exact("Klaar: toon de uitkomst")
    child.send("\r")
    code, _ = finish(child)
    shown = "".join(seen)
    assert code == 0
    assert "\x1b]8;;http://x" not in shown
    assert "\u202e" not in shown
    assert "\x1b[2J]8" not in shown and "\x1b[2J\x1b]" not in shown


@pytest.mark.parametrize("term", ["dumb", "xterm"])
def test_the_alarm_screen_shows_no_escape_sequence_from_the_plan(
    spawn: Any, hostile_plan: Path, term: str
) -> None:
    """The alarm screen (plain lines or a red panel) shows the plan's alarm text sanitised."""
    seen: list[str] = []
    child = spawn(hostile_plan, *(["--plain"] if term == "dumb" else []), term=term)
    child.logfile_read = _Collect(seen)
    child.expect_exact("Is er nu gevaar?")
    child.expect_exact("Uw keuze" if term == "dumb" else "(pijltjes of nummer, dan Enter)")
    child.send("1\r" if term == "xterm" else "1\n")
    child.expect_exact("Bel 112 [2J]8;;http://x\\LINK]8;;\\RTL")
    child.expect_exact("Is iedereen veilig?")
    child.terminate(force=True)
    shown = "".join(seen)
    assert "\x1b]8;;http://x" not in shown
    assert "\u202e" not in shown
    assert "\x1b[2J\x1b]" not in shown


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("²", "Nee"), ("٢", "Nee"), ("２", "Nee"), ("①", "Ja")],
)
def test_a_digit_in_another_form_counts_as_that_digit(
    spawn: Any, typed: str, answer: str, tmp_path: Path
) -> None:
    """'²', an Arabic-Indic or a full-width digit is plainly a digit: it chooses that option."""
    child = spawn(FIXTURE, "--plain", "--format", "json", "-o", str(tmp_path / "u.json"))
    child.expect_exact("Uw keuze")
    child.sendline(typed)
    child.expect_exact(f"Antwoord: {answer}")
    child.sendeof()
    code, out = finish(child)
    assert code == 130, out
    assert "Interne fout" not in out and "Traceback" not in out


@pytest.mark.parametrize("typed", ["⑵", "½", "9" * 5000, "2²x", "⁻1"])
def test_no_number_is_asked_again_with_the_usual_message(spawn: Any, typed: str) -> None:
    """A text that is no option number gets the Dutch 'choose a number' message, then a retry."""
    child = spawn(FIXTURE, "--plain", "--format", "json", "-o", "u.json")
    child.expect_exact("Uw keuze")
    child.sendline(typed)
    child.expect_exact(f"Dat begrijp ik niet. {CHOICE}")
    child.expect_exact("Uw keuze")
    child.sendline("1")
    child.expect_exact("Antwoord: Ja")
    child.sendeof()
    code, out = finish(child)
    assert code == 130, out
    assert "Interne fout" not in out and "Traceback" not in out


def test_bytes_that_are_no_utf8_are_asked_again(spawn: Any) -> None:
    """A typed line that is not valid UTF-8 is no answer, and no crash: the usual message."""
    child = spawn(FIXTURE, "--plain", "--format", "json", "-o", "u.json")
    child.expect_exact("Uw keuze")
    os.write(child.child_fd, b"\xff\xfe1\n")  # raw bytes, past the utf-8 encoding
    child.expect_exact(f"Dat begrijp ik niet. {CHOICE}")
    child.expect_exact("Uw keuze")
    child.sendline("2")
    child.expect_exact("Antwoord: Nee")
    child.sendeof()
    code, out = finish(child)
    assert code == 130, out


def test_superscript_digits_in_a_checkbox_answer(spawn: Any) -> None:
    """Several numbers in a plain checkbox may be typed as superscripts too."""
    child = spawn(FIXTURE, "--plain", "--format", "json", "-o", "u.json")
    for keys in ("2", "2"):
        child.expect_exact("Uw keuze")
        child.sendline(keys)
    child.expect_exact("Wat is er gebeurd?")
    child.expect_exact("Uw keuze")
    child.sendline("¹ ³")
    child.expect_exact("Antwoord: Dreiging; Laster")
    child.sendeof()
    code, out = finish(child)
    assert code == 130, out


def test_a_typed_escape_sequence_is_quoted_not_obeyed(spawn: Any, tmp_path: Path) -> None:
    """The incident questions quote a rejected moment with its escapes visible, not raw."""
    seen: list[str] = []
    child = spawn(FIXTURE, "--plain")
    child.logfile_read = _Collect(seen)
    for keys in ("2", "2", "1", "2", ""):
        child.expect_exact("Uw keuze")
        child.sendline(keys)
    child.expect_exact("Het verslag opslaan")
    child.expect_exact("Uw keuze")
    child.sendline("1")
    child.expect_exact("Wanneer gebeurde het?")
    child.sendline("\x1b]8;;http://x\x1b\\gister")
    child.expect_exact("Niet overgenomen: ")
    child.expect_exact("Wanneer gebeurde het?")
    child.terminate(force=True)
    message = "".join(seen).split("Niet overgenomen: ", 1)[1].split("\n", 1)[0]
    assert "\\x1b]8;;http://x\\x1b\\gister" in message
    assert "\x1b" not in message


C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}


def test_plain_mode_in_the_c_locale(spawn: Any, tmp_path: Path) -> None:
    """`LC_ALL=C`: labels in ASCII ('één' as 'een'); typed 'é' and '²' are asked again."""
    seen: list[str] = []
    result = tmp_path / "u.json"
    child = spawn(FIXTURE, "--plain", "--format", "json", "-o", str(result), **C_LOCALE)
    child.logfile_read = _Collect(seen)
    for keys in ("é", "²", "2", "1"):
        child.expect_exact("Uw keuze")
        child.sendline(keys)
    child.expect_exact("Antwoord: Persoon een")
    child.sendeof()
    code, _ = finish(child)
    shown = "".join(seen)
    assert code == 130
    assert shown.count("Dat begrijp ik niet.") == 2
    assert "1) Persoon een  2) Persoon twee" in shown
    assert "Interne fout" not in shown and "Traceback" not in shown


def test_arrow_key_lists_in_the_c_locale(spawn: Any, tmp_path: Path) -> None:
    """`LC_ALL=C` with the arrow-key lists: a whole walk, labels in ASCII, exit 0."""
    seen: list[str] = []
    result = tmp_path / "u.json"
    child = spawn(FIXTURE, "--format", "json", "-o", str(result), term="xterm", **C_LOCALE)
    child.logfile_read = _Collect(seen)
    for keys in ("2\r", "1\r", " \r", "2\r", "\r"):
        child.expect_exact("(pijltjes")
        child.send(keys)
    code, _ = finish(child)
    assert code == 0
    shown = "".join(seen)
    assert "1) Persoon een" in shown and "Persoon ??n" not in shown  # the list itself
    assert json.loads(result.read_text(encoding="utf-8"))["answers"]["wie"] == "een"


class _Collect:
    """A pexpect log that keeps everything the program wrote."""

    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, text: str) -> None:
        self.into.append(text)

    def flush(self) -> None:
        pass
