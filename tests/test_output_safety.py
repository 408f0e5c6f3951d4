"""Text from a plan, an answer file or the command line cannot do more than be shown.

A hostile copy of the small plan puts terminal escape sequences (clear screen, colours, OSC 8
hyperlinks), bidi overrides, rich markup, HTML, Markdown and Mermaid syntax into every free
text. The terminal output shows them as text, messages show them escaped (`\\x1b`), JSON keeps
the data but escapes the characters, and Markdown and Mermaid keep the structure of the same
plan with harmless text.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI, MINI_SET
from stappenplan.errors import Location, Problem, StappenplanError
from stappenplan.output.json import to_json
from stappenplan.text import clean, visible

Cli = Callable[..., Any]

# In YAML double-quoted form; `\e` is ESC, `\a` BEL, `\x9b` the one-byte CSI.
TERMINAL = (
    r"\e[2J\e[31m[bold red]ROOD[/bold red] \e]8;;https://evil.example\e\\klik\e]8;;\e\\ "
    r"\u202eomgekeerd\u202c [link=https://evil.example]link[/link] \x9b31m\a"
)
MARKUP = (
    r"<script>alert(1)</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1)) "
    r"`code` **vet** _schuin_ <!-- \n# Nep-kop\n\n| a | b |\n```\n- lijst\n> citaat"
)
MERMAID = (
    r"\"]; click s_gevaar \"javascript:alert(1)\"; %%{init: {\"theme\": \"dark\"}}%% "
    r"--> x[y] end \n flowchart LR"
)
HOSTILE = f"{TERMINAL} {MARKUP} {MERMAID}"
HARMLESS = "gewone tekst"

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that may not reach a terminal raw (newline and tab may)."""


def _plan_with(folder: Path, marker: str, ref_marker: str) -> Path:
    """A copy of the small plan with `marker` added to every free text."""
    shutil.copytree(MINI, folder)
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r"\b(title|label|question|authority|text): ([^,}\n\"]+)",
            lambda match: f'{match[1]}: "{match[2]} {marker}"',
            text,
        )
        text = re.sub(r'reasons: \["([^"]+)"\]', lambda m: f'reasons: ["{m[1]} {marker}"]', text)
        text = re.sub(r'ref: "([^"]+)"', lambda m: f'ref: "{m[1]} {ref_marker}"', text)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    root = tmp_path_factory.mktemp("plannen")
    yield {
        "hostile": str(_plan_with(root / "vijandig", HOSTILE, TERMINAL)),
        "harmless": str(_plan_with(root / "gewoon", HARMLESS, HARMLESS)),
    }


def test_the_hostile_plan_is_valid_and_carries_the_payload(cli: Cli, plans: dict[str, str]) -> None:
    """Guard: the payload really arrives in the plan, so the tests below test something."""
    result = cli("show", "--steps", plans["hostile"], "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    title = data["plan"]["title"]
    assert title.startswith("Klein testplan \x1b[2J\x1b[31m[bold red]")
    assert "<script>" in title and "\n# Nep-kop\n" in title and '"]; click s_gevaar' in title
    assert "\x1b[2J" in data["steps"][0]["question"]
    assert "\u202e" in data["actions"][0]["title"]


# --- the terminal -----------------------------------------------------------------------------


def test_text_outcome_shows_markup_as_text_and_no_control_characters(
    cli: Cli, plans: dict[str, str]
) -> None:
    """Text outcome shows markup as text and no control characters."""
    result = cli("start", "--steps", plans["hostile"], *MINI_SET, "--no-input")
    assert result.code == 0, result.err
    assert UNSAFE.search(result.out) is None, repr(UNSAFE.search(result.out))
    assert "[bold red]ROOD[/bold red]" in result.out
    assert "[link=https://evil.example]link[/link]" in result.out
    assert "omgekeerd" in result.out  # the text stays, only the override goes


def test_rich_terminal_output_has_only_its_own_styles(
    plans: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outcome screen on a colour terminal: rich's own SGR styles and nothing else."""
    from rich.console import Console

    from stappenplan.engine import scripted_outcome
    from stappenplan.output.screen import render_text
    from stappenplan.plan.loader import load_plan

    monkeypatch.delenv("NO_COLOR", raising=False)
    loaded = load_plan(Path(plans["hostile"]))
    outcome = scripted_outcome(loaded.plan, {"gevaar": "ja", "wie": "twee", "wat": ("dreiging",)})
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=100)
    render_text(loaded, outcome, console)
    output = buffer.getvalue()
    assert "\x1b[1m" in output  # the terminal really got styles: the check below is meaningful
    assert "\x1b]" not in output  # no OSC sequences (hyperlinks, titles) at all
    styles = set(re.findall(r"\x1b\[([0-9;]*)m", output))
    assert not {style for style in styles if "31" in style.split(";")}  # nothing turned red
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert UNSAFE.search(without_styles) is None, repr(UNSAFE.search(without_styles))
    assert "[bold red]ROOD[/bold red]" in without_styles


# --- messages ---------------------------------------------------------------------------------


def test_validate_message_shows_a_hostile_key_escaped(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validate message shows a hostile key escaped."""
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text('"\\e[2Jsleutel[bold red]\\u202e\\e]8;;https://x\\a": 1\n')
    result = cli("validate", "--steps", "plan.yaml")
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines()[1].startswith(
        "  plan.yaml:1: onbekende sleutel '\\x1b[2Jsleutel[bold red]\\u202e\\x1b]8;;https://x\\x07'; "
    )
    assert UNSAFE.search(result.err) is None


def test_validate_problems_and_summary_on_standard_output_are_escaped(
    cli: Cli, tmp_path: Path
) -> None:
    """Validate problems and summary on standard output are escaped."""
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    steps = plan / "10-steps.yaml"
    steps.write_text(steps.read_text().replace("when: {wie: gezin}", 'when: {"\\e[2Jwie": gezin}'))
    result = cli("validate", "--steps", str(plan))
    assert result.code == 1
    assert (
        f"{plan}/10-steps.yaml:17: voorwaarde noemt onbekende vraag '\\x1b[2Jwie' "
        "[unknown-step-in-condition]\n"
    ) in result.out
    assert UNSAFE.search(result.out) is None

    steps.write_text(steps.read_text().replace('"\\e[2Jwie"', "wie"))
    info = plan / "00-plan.yaml"
    info.write_text(info.read_text().replace('version: "1.0"', 'version: "1.0\\e[2J\\u202e"'))
    result = cli("validate", "--steps", str(plan))
    assert result.code == 0, result.out
    assert "Het plan 'mini' 1.0\\x1b[2J\\u202e is in orde" in result.out
    assert UNSAFE.search(result.out) is None


def test_validate_json_keeps_the_data_but_escapes_the_characters(cli: Cli, tmp_path: Path) -> None:
    """Validate json keeps the data but escapes the characters."""
    path = tmp_path / "plan.yaml"
    path.write_text('"\\e[2J\\x9b\\u202e": 1\n')
    result = cli("validate", "--steps", str(path), "--format", "json")
    assert result.code == 1
    assert UNSAFE.search(result.out) is None
    message = json.loads(result.out)["problems"][0]["message"]
    assert message.startswith("onbekende sleutel '\x1b[2J\x9b\u202e'")


@pytest.mark.parametrize("source", ["file", "set"])
def test_answer_problems_show_hostile_ids_and_values_escaped(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    """Answer problems show hostile ids and values escaped."""
    monkeypatch.chdir(tmp_path)
    if source == "file":
        Path("a.yaml").write_text('answers:\n  "\\e[2Jx\\u202e": ja\n  gevaar: "\\e]8;;u\\a"\n')
        args: tuple[str, ...] = ("--answers", "a.yaml")
        where = ("a.yaml:2", "a.yaml:3")
    else:
        args = ("--set", "\x1b[2Jx\u202e=ja", "--set", "gevaar=\x1b]8;;u\x07")
        where = ("--set", "--set")
    result = cli("start", "--steps", str(MINI), "--no-input", *args)
    assert (result.code, result.out) == (1, "")
    assert f"  {where[0]}: onbekende vraag '\\x1b[2Jx\\u202e'; bekende vragen:" in result.err
    assert (
        f"  {where[1]}: '\\x1b]8;;u\\x07' is geen toegestane waarde voor 'gevaar'; "
        "toegestaan: ja, nee [value-not-allowed]"
    ) in result.err
    assert UNSAFE.search(result.err) is None


def test_missing_answers_message_escapes_question_text(cli: Cli, plans: dict[str, str]) -> None:
    """Missing answers message escapes question text."""
    result = cli("start", "--steps", plans["hostile"], "--set", "gevaar=nee", "--no-input")
    assert result.code == 1
    assert "Er ontbreken antwoorden." in result.err
    assert "wie: Wie? \\x1b[2J\\x1b[31m[bold red]ROOD[/bold red]" in result.err
    assert UNSAFE.search(result.err) is None


def test_usage_errors_escape_what_the_user_typed(cli: Cli) -> None:
    """Usage errors escape what the user typed."""
    result = cli("start", "--\x1b[2J\u202e")
    assert result.code == 2
    assert "'--\\x1b[2J\\u202e'" in result.err
    assert UNSAFE.search(result.err) is None


def test_json_outcome_keeps_the_data_but_escapes_the_characters(
    cli: Cli, plans: dict[str, str]
) -> None:
    """Json outcome keeps the data but escapes the characters."""
    result = cli("start", "--steps", plans["hostile"], *MINI_SET, "--format", "json")
    assert result.code == 0, result.err
    assert UNSAFE.search(result.out) is None
    data = json.loads(result.out)
    assert "\x1b[2J" in data["domain"]["reasons"][0] and "\u202e" in data["actions"][0]["title"]


# --- Markdown and Mermaid ---------------------------------------------------------------------


def _markdown_it() -> Any:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")


def _blocks(markdown: str) -> list[str]:
    """The block structure of a Markdown document: token types and heading levels."""
    return [
        f"{token.type}:{token.tag}"
        for token in _markdown_it().parse(markdown)
        if token.type != "inline"
    ]


def _dangerous_html(markdown: str) -> list[str]:
    """Raw HTML, and links or images that would run script, in the rendered document."""
    found: list[str] = []
    for token in _markdown_it().parse(markdown):
        children = token.children or []
        for item in [token, *children]:
            if item.type in ("html_block", "html_inline"):
                found.append(item.content)
            href = str(item.attrGet("href") or item.attrGet("src") or "")
            if href and not href.startswith(("https://", "http://", "#")):
                found.append(href)
    return found


MARKDOWN_COMMANDS = {
    "show": ("show",),
    "start-markdown": ("start", *MINI_SET, "--no-input", "--format", "markdown"),
}


@pytest.mark.parametrize("command", MARKDOWN_COMMANDS)
def test_markdown_keeps_its_structure_and_has_no_html(
    cli: Cli, plans: dict[str, str], command: str
) -> None:
    """Markdown keeps its structure and has no html."""
    args = MARKDOWN_COMMANDS[command]
    hostile = cli(*args[:1], "--steps", plans["hostile"], *args[1:])
    harmless = cli(*args[:1], "--steps", plans["harmless"], *args[1:])
    assert (hostile.code, harmless.code) == (0, 0), hostile.err + harmless.err
    assert "klik" in hostile.out and "ROOD" in hostile.out  # the text is there, as text
    assert _dangerous_html(hostile.out) == []
    assert UNSAFE.search(hostile.out) is None
    assert _blocks(hostile.out) == _blocks(harmless.out)
    rendered = _markdown_it().render(hostile.out)
    assert "<script" not in rendered and "<img" not in rendered
    assert "javascript:" not in re.sub(r">[^<]*<", "><", rendered)  # only as visible text


def _mermaid_shape(mermaid: str) -> list[str]:
    """A Mermaid flowchart with every quoted label replaced by a placeholder."""
    return [re.sub(r'"[^"\n]*"', '"…"', line) for line in mermaid.splitlines()]


def test_mermaid_labels_cannot_break_out(cli: Cli, plans: dict[str, str]) -> None:
    """Mermaid labels cannot break out."""
    hostile = cli("show", "--steps", plans["hostile"], "--format", "mermaid")
    harmless = cli("show", "--steps", plans["harmless"], "--format", "mermaid")
    assert (hostile.code, harmless.code) == (0, 0), hostile.err + harmless.err
    assert _mermaid_shape(hostile.out) == _mermaid_shape(harmless.out)
    labels = re.findall(r'"([^"\n]*)"', hostile.out)
    assert labels and any("click" in label for label in labels)  # the payload is in a label
    for label in labels:
        assert not set(label) & set("<>[]{}|`%\\"), label
    assert UNSAFE.search(hostile.out) is None
    assert "%%" not in hostile.out


# --- the cleaning functions themselves, for any text ------------------------------------------

any_text = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from("\x1b\x07\x9b\u202e\u2066\r\n\t"),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(text=any_text)
def test_visible_leaves_nothing_that_steers_a_terminal(text: str) -> None:
    """Visible leaves nothing that steers a terminal."""
    shown = visible(text)
    assert UNSAFE.search(shown) is None and "\n" not in shown and "\t" not in shown
    assert visible(shown) == shown  # cleaning twice changes nothing (messages pass twice)
    assert visible(text, keep="\n").count("\n") == text.count("\n")
    if UNSAFE.search(text) is None and "\t" not in text and "\n" not in text:
        assert shown == text  # ordinary text is untouched


@settings(max_examples=300, deadline=None)
@given(message=any_text, problem=any_text, file=any_text)
def test_error_lines_are_safe_for_any_message(message: str, problem: str, file: str) -> None:
    """Error lines are safe for any message."""
    error = StappenplanError(message, [Problem("x", problem, Location(file, 3))])
    for line in error.lines():
        assert UNSAFE.search(line) is None


@settings(max_examples=300, deadline=None)
@given(text=any_text)
def test_clean_and_json_for_any_text(text: str) -> None:
    """Clean and json for any text."""
    assert UNSAFE.search(clean(text).replace("\t", "").replace("\n", "")) is None
    encoded = to_json({text: [text]})
    assert UNSAFE.search(encoded.replace("\n", "")) is None
    assert json.loads(encoded) == {text: [text]}
