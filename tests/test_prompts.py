"""The prompt adapter, driven with prompt_toolkit's pipe input (lists) and text streams (plain)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from stappenplan.terminal.choices import BACK, Option
from stappenplan.terminal.prompts import Prompter

YES_NO = [Option("ja", "Ja"), Option("nee", "Nee")]
INCIDENT = [
    Option("dreiging", "Dreiging"),
    Option("schade", "Schade"),
    Option("laster", "Laster"),
]
DOWN, UP, CTRL_C = "\x1b[B", "\x1b[A", "\x03"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


def listed(pipe: PipeInput, keys: str) -> Prompter:
    pipe.send_text(keys)
    return Prompter(input=pipe, output=DummyOutput())


class Calls:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


# --- lists (arrow keys) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("\r", None, "ja"),
        ("\r", "nee", "nee"),  # the default is preselected
        (f"{DOWN}\r", None, "nee"),
        (f"{UP}\r", "nee", "ja"),
        ("2\r", None, "nee"),  # a number moves the pointer
        ("0\r", "nee", "nee"),  # no back on the first question: 0 does nothing
    ],
)
def test_select(pipe: PipeInput, keys: str, default: str | None, expected: str) -> None:
    """A list question returns the value chosen with the arrow keys."""
    assert listed(pipe, keys).select(YES_NO, default=default) == expected


def test_select_back(pipe: PipeInput) -> None:
    """Choosing 'Terug' in a list returns BACK."""
    assert listed(pipe, "0\r").select(YES_NO, default="ja", can_go_back=True) is BACK
    assert listed(pipe, f"{DOWN}{DOWN}\r").select(YES_NO, can_go_back=True) is BACK


def test_select_meer_uitleg_explains_and_asks_again(pipe: PipeInput) -> None:
    """Select meer uitleg explains and asks again."""
    explain = Calls()
    answer = listed(pipe, "?\r2\r").select(YES_NO, default="ja", explain=explain)
    assert answer == "nee" and explain.count == 1


def test_select_ctrl_c_raises(pipe: PipeInput) -> None:
    """Ctrl-C in a list raises KeyboardInterrupt, so progress can be saved."""
    with pytest.raises(KeyboardInterrupt):
        listed(pipe, CTRL_C).select(YES_NO)


def test_select_closed_input_raises_eof(pipe: PipeInput) -> None:
    """Select closed input raises eof."""
    pipe.close()
    with pytest.raises(EOFError):
        Prompter(input=pipe, output=DummyOutput()).select(YES_NO)


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        (" \r", (), ("dreiging",)),
        (f"{DOWN} {DOWN} \r", (), ("schade", "laster")),
        ("\r", ("laster", "dreiging"), ("dreiging", "laster")),  # ticked beforehand, plan order
        ("3 1 \r", (), ("dreiging", "laster")),
        ("a\r", ("schade",), ("schade",)),  # select-all is switched off
    ],
)
def test_checkbox(
    pipe: PipeInput, keys: str, default: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    """A checkbox question returns the values ticked."""
    assert listed(pipe, keys).checkbox(INCIDENT, default=default, min_choices=1) == expected


def test_checkbox_enforces_min_choices(pipe: PipeInput) -> None:
    # The first Enter is refused (nothing ticked); then a tick and Enter is accepted.
    """Checkbox enforces min choices."""
    assert listed(pipe, "\r \r").checkbox(INCIDENT, min_choices=1) == ("dreiging",)


def test_checkbox_without_minimum_accepts_nothing(pipe: PipeInput) -> None:
    """Checkbox without minimum accepts nothing."""
    assert listed(pipe, "\r").checkbox(INCIDENT) == ()


def test_checkbox_back_and_explain_keep_the_ticks(pipe: PipeInput) -> None:
    """Checkbox back and explain keep the ticks."""
    explain = Calls()
    prompter = listed(pipe, "2 ?\r\r")
    answer = prompter.checkbox(INCIDENT, min_choices=1, can_go_back=True, explain=explain)
    assert answer == ("schade",) and explain.count == 1
    assert listed(pipe, "1 0 ").checkbox(INCIDENT, min_choices=1, can_go_back=True) is BACK


def test_checkbox_ctrl_c_raises(pipe: PipeInput) -> None:
    """Ctrl-C in a checkbox raises KeyboardInterrupt."""
    with pytest.raises(KeyboardInterrupt):
        listed(pipe, " " + CTRL_C).checkbox(INCIDENT)


def test_confirm_and_text(pipe: PipeInput) -> None:
    """Yes/no and text questions return what was typed."""
    assert listed(pipe, "\r").confirm("Verwijderen?", default=True) is True
    assert listed(pipe, "\r").confirm("Overschrijven?", default=False) is False
    assert listed(pipe, "1\r").confirm("Overschrijven?", default=False) is True
    assert listed(pipe, "j\r").confirm("Overschrijven?", default=False) is True
    assert listed(pipe, "n\r").confirm("Verwijderen?", default=True) is False
    assert listed(pipe, "\r").text("Bestandsnaam", default="verslag.md") == "verslag.md"
    typed = "\x7f" * 10 + "ander.md\r"  # backspaces clear the default
    assert listed(pipe, typed).text("Bestandsnaam", default="verslag.md") == "ander.md"


def rendered(keys: str, **kwargs: Any) -> str:
    """What a list looks like on an 80-column terminal, without escape codes."""
    stream = io.StringIO()
    output = Vt100_Output(stream, lambda: Size(rows=24, columns=80), term="xterm")
    with create_pipe_input() as pipe_input:
        pipe_input.send_text(keys)
        Prompter(input=pipe_input, output=output).checkbox(**kwargs)
    return ANSI.sub("", stream.getvalue()).replace("\r", "")


def test_list_is_numbered_dutch_and_wraps_long_labels() -> None:
    """List is numbered dutch and wraps long labels."""
    long_label = "Een besluit of beleid (bijvoorbeeld een vergunning, uitkering of opvanglocatie)"
    text = rendered(
        "\r",
        options=[Option("besluit", long_label), *INCIDENT],
        default=("schade",),
        can_go_back=True,
        explain=lambda: None,
    )
    assert "(pijltjes, spatie: aan/uit, Enter: klaar)" in text
    assert "Use arrow keys" not in text and "Description" not in text
    assert "○ 1) Een besluit of beleid (bijvoorbeeld een vergunning, uitkering of\n" in text
    assert "\n        opvanglocatie)" in text  # continuation lines up under the label
    assert "● 3) Schade" in text
    assert "     0) ← Terug" in text and "○ 0)" not in text
    assert "?) Meer uitleg" in text


# --- plain mode (typed lines) --------------------------------------------------------------------


def plain(lines: str) -> tuple[Prompter, io.StringIO]:
    out = io.StringIO()
    return Prompter(plain=True, stdin=io.StringIO(lines), stdout=out), out


@pytest.mark.parametrize(
    ("lines", "default", "expected"),
    [
        ("1\n", None, "ja"),
        ("\n", "nee", "nee"),
        ("nee\n", None, "nee"),  # the value or the label can be typed
        ("  JA \n", None, "ja"),
        ("7\n\n2\n", None, "nee"),  # wrong, empty without default, then right
    ],
)
def test_plain_select(lines: str, default: str | None, expected: str) -> None:
    """Plain mode: a numbered list reads a typed number."""
    prompter, _ = plain(lines)
    assert prompter.select(YES_NO, default=default) == expected


def test_plain_select_screen_back_and_explain() -> None:
    """Plain select screen back and explain."""
    explain = Calls()
    prompter, out = plain("?\n0\n")
    assert prompter.select(YES_NO, default="ja", can_go_back=True, explain=explain) is BACK
    assert explain.count == 1
    text = out.getvalue()
    assert "1) Ja  2) Nee  0) Terug  ?) Meer uitleg\nUw keuze [Enter = 1]: " in text
    assert "\x1b" not in text


def test_plain_select_explains_wrong_input() -> None:
    """Plain select explains wrong input."""
    prompter, out = plain("x\n2\n")
    assert prompter.select(YES_NO, can_go_back=True) == "nee"
    assert "Dat begrijp ik niet. Typ een nummer van 1 tot 2, 0 om terug te gaan." in out.getvalue()


def test_plain_long_options_one_a_line() -> None:
    """Plain long options one a line."""
    options = [Option(f"o{n}", f"Een tamelijk lange keuze nummer {n}") for n in range(1, 4)]
    prompter, out = plain("3\n")
    assert prompter.select(options) == "o3"
    assert "  1) Een tamelijk lange keuze nummer 1\n  2) Een" in out.getvalue()


@pytest.mark.parametrize(
    ("lines", "default", "expected"),
    [
        ("1 3\n", (), ("dreiging", "laster")),
        ("3,1\n", (), ("dreiging", "laster")),
        ("\n", ("schade",), ("schade",)),  # Enter keeps the current ticks
        ("-\n", ("schade",), ()),
        ("laster\n", (), ("laster",)),
    ],
)
def test_plain_checkbox(lines: str, default: tuple[str, ...], expected: tuple[str, ...]) -> None:
    """Plain mode: a checkbox reads typed numbers."""
    prompter, _ = plain(lines)
    assert prompter.checkbox(INCIDENT, default=default) == expected


def test_plain_checkbox_min_choices_and_marks() -> None:
    """Plain checkbox min choices and marks."""
    prompter, out = plain("\n-\n2\n")
    assert prompter.checkbox(INCIDENT, min_choices=1) == ("schade",)
    text = out.getvalue()
    assert "  [ ] 1) Dreiging\n  [ ] 2) Schade\n  [ ] 3) Laster\n" in text
    assert text.count("Kies minstens één antwoord.") == 2


def test_plain_checkbox_explain_keeps_ticks_and_back() -> None:
    """Plain checkbox explain keeps ticks and back."""
    explain = Calls()
    prompter, out = plain("?\n\n")
    answer = prompter.checkbox(INCIDENT, default=("laster",), explain=explain)
    assert answer == ("laster",) and explain.count == 1
    assert "  [x] 3) Laster" in out.getvalue()
    prompter, _ = plain("0\n")
    assert prompter.checkbox(INCIDENT, can_go_back=True) is BACK


def test_plain_confirm_and_text() -> None:
    """Plain mode: yes/no and text questions read typed lines."""
    prompter, out = plain("\n2\nj\nN\n\nanders.md\n")
    assert prompter.confirm("Verwijderen?", default=True) is True
    assert prompter.confirm("Verwijderen?", default=True) is False
    assert prompter.confirm("Verwijderen?", default=False) is True
    assert prompter.confirm("Verwijderen?", default=True) is False
    assert prompter.text("Bestandsnaam", default="v.md") == "v.md"
    assert prompter.text("Bestandsnaam", default="v.md") == "anders.md"
    assert "Bestandsnaam [v.md]: " in out.getvalue()


def test_plain_end_of_input_raises_eof() -> None:
    """Plain end of input raises eof."""
    prompter, _ = plain("")
    with pytest.raises(EOFError):
        prompter.select(YES_NO)
    prompter, _ = plain("")
    with pytest.raises(EOFError):
        prompter.checkbox(INCIDENT)


def test_plain_uses_input_on_the_real_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain uses input on the real terminal."""

    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Prompter(plain=True).select(YES_NO)


def test_importing_the_wizard_does_not_load_the_prompt_libraries() -> None:
    """Importing the wizard does not load the prompt libraries."""
    code = (
        "import sys, stappenplan.cli.app, stappenplan.terminal.wizard, stappenplan.terminal.prompts;"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('questionary', 'prompt_toolkit')];"
        "print(loaded)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
