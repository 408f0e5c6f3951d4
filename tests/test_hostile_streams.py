"""Closed, full, broken and narrow standard streams at the real command: never an internal error.

Closed input is no input; closed or full output is a Dutch message and exit 1; closed or
broken error output changes no exit code; an output encoding that cannot show the text gets
a plain stand-in ('-' for '–').
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from conftest import MINI, MINI_SET

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")

CLOSED = "De uitvoer kon niet naar de standaarduitvoer geschreven worden: "
START = ("start", "--steps", str(MINI), *MINI_SET)
FULL = Path("/dev/full")
INTERNAL = ("Traceback", "Interne fout", "Exception ignored")


def stappenplan(
    *args: str,
    close: Sequence[int] = (),
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.PIPE,
    stderr: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """The real command, with the standard descriptors in `close` closed (as `<&-`, `>&-`)."""

    def prepare() -> None:
        for fd in close:
            os.close(fd)
        if before is not None:
            before()

    return subprocess.run(
        [sys.executable, "-m", "stappenplan", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        preexec_fn=prepare,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def no_internal_error(text: bytes) -> None:
    for marker in INTERNAL:
        assert marker.encode() not in text, text.decode(errors="replace")


# --- standard input closed --------------------------------------------------------------------


def test_closed_input_is_no_input() -> None:
    """`start <&-` with questions open: the usual message about missing answers, exit 1."""
    result = stappenplan("start", "--steps", str(MINI), close=[0], stdin=None)
    assert result.returncode == 1
    assert result.stderr.startswith(b"Er ontbreken antwoorden.")
    no_internal_error(result.stderr)


def test_closed_input_with_every_answer_given() -> None:
    """`start --set ... <&-`: nothing needs reading, so the outcome is shown, exit 0."""
    result = stappenplan(*START, close=[0], stdin=None)
    assert result.returncode == 0, result.stderr
    assert b"NU DOEN" in result.stdout


def test_closed_input_as_answer_file() -> None:
    """`--answers - <&-` reads an empty answer file: its usual message, exit 1."""
    result = stappenplan("start", "--steps", str(MINI), "--answers", "-", close=[0], stdin=None)
    assert result.returncode == 1
    assert b"<standaardinvoer>: het bestand is leeg" in result.stderr
    no_internal_error(result.stderr)


def test_closed_input_for_afspraken_init(tmp_path: Path) -> None:
    """`afspraken init <&-`: the input ended, nothing written, exit 1."""
    result = stappenplan("afspraken", "init", close=[0], stdin=None, cwd=tmp_path)
    assert result.returncode == 1
    assert b"De invoer hield op" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- standard output closed or full -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("--help",), ("--version",), ("show", "--steps", str(MINI)), START, ("validate",)],
    ids=["help", "version", "show", "start", "validate"],
)
def test_closed_output_is_a_dutch_message_and_exit_1(args: tuple[str, ...]) -> None:
    """`>&-` where there is something to write: one Dutch line on stderr, exit 1."""
    result = stappenplan(*args, close=[1], stdout=None)
    assert result.returncode == 1
    assert result.stderr.decode() == CLOSED + "de standaarduitvoer is gesloten.\n"


def test_no_arguments_with_closed_output() -> None:
    """`stappenplan >&-` (the help as usage error): a Dutch message, exit 2, no traceback."""
    result = stappenplan(close=[1], stdout=None)
    assert result.returncode == 2
    assert result.stderr.decode() == CLOSED + "de standaarduitvoer is gesloten.\n"


def test_closed_output_with_nothing_to_write(tmp_path: Path) -> None:
    """`start -o FILE >&-` writes nothing on standard output: the file is written, exit 0."""
    target = tmp_path / "uitkomst.md"
    result = stappenplan(*START, "-o", str(target), close=[1], stdout=None)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == f"Geschreven: {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_every_stream_closed_still_writes_the_file(tmp_path: Path) -> None:
    """`<&- >&- 2>&-` with -o: the file holds the outcome (not a stray message), exit 0."""
    target = tmp_path / "uitkomst.json"
    result = stappenplan(
        *START, "-o", str(target), close=[0, 1, 2], stdin=None, stdout=None, stderr=None
    )
    assert result.returncode == 0
    assert target.read_text(encoding="utf-8").lstrip().startswith("{")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [(), START, ("show",)], ids=["no-arguments", "start", "show"])
def test_full_output_is_a_dutch_message(args: tuple[str, ...]) -> None:
    """`> /dev/full`: 'no space left' as a Dutch message; exit 1 (2 without arguments)."""
    with FULL.open("wb") as full:  # writes to /dev/full always fail; nothing changes
        result = stappenplan(*args, stdout=full.fileno())
    assert result.returncode == (2 if not args else 1)
    assert result.stderr.decode() == CLOSED + "de schijf is vol.\n"


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
def test_full_output_after_an_error(tmp_path: Path) -> None:
    """`validate --format json` of a broken plan into /dev/full: exit 1, one Dutch message."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan: [", encoding="utf-8")
    with FULL.open("wb") as full:
        result = stappenplan(
            "validate", "--steps", str(plan), "--format", "json", stdout=full.fileno()
        )
    assert result.returncode == 1
    assert result.stderr.decode() == CLOSED + "de schijf is vol.\n"


# --- standard error closed, full or broken ----------------------------------------------------


@pytest.mark.parametrize("how", ["closed", "full", "broken"])
def test_error_output_that_cannot_be_written_changes_no_exit_code(tmp_path: Path, how: str) -> None:
    """A written --output file is exit 0, and missing answers exit 1, whatever stderr is."""
    target = tmp_path / "uitkomst.md"
    for args, code in (((*START, "-o", str(target)), 0), (("start", "--steps", str(MINI)), 1)):
        if how == "closed":
            result = stappenplan(*args, close=[2], stderr=None)
        elif how == "full" and FULL.exists():
            with FULL.open("wb") as full:
                result = stappenplan(*args, stderr=full.fileno())
        else:
            reader, writer = os.pipe()
            os.close(reader)  # every write to the pipe fails: EPIPE
            result = stappenplan(*args, stderr=writer)
            os.close(writer)
        assert result.returncode == code, (args, result.stdout)
    assert target.is_file()


# --- an output encoding that cannot show the text ---------------------------------------------

NARROW = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "C": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
}


@pytest.mark.parametrize("name", NARROW)
@pytest.mark.parametrize(
    "args",
    [START, ("show",), ("start", "--steps", str(MINI), "--set", "bogus=1"), ("validate",)],
    ids=["start", "show", "error", "validate"],
)
def test_a_narrow_encoding_gets_a_plain_stand_in(name: str, args: tuple[str, ...]) -> None:
    """ASCII, Latin-1 and `LC_ALL=C`: the text in that encoding, '–' as '-', never a crash."""
    result = stappenplan(*args, env=NARROW[name])
    encoding = "latin-1" if name == "latin-1" else "ascii"
    result.stdout.decode(encoding)  # strict: every byte belongs to the encoding
    result.stderr.decode(encoding)
    no_internal_error(result.stderr)
    assert result.returncode == (1 if "bogus=1" in args else 0), result.stderr
    if args == START:
        assert b"1. Bel hulp - Bode" in result.stdout  # 'Bel hulp — Bode'
        assert (b"[1] \xa71" if name == "latin-1" else b"[1] par.1") in result.stdout
