"""What the commands share: the --steps, --output and --force options, loading a checked plan,
writing the result, messages on stderr, and standard streams that are safe to use.

Imports only Typer and the standard library at import time, like the command modules.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO, cast

import typer

from stappenplan.errors import reason
from stappenplan.output.wrap import output_width
from stappenplan.text import excerpt, stand_in, visible

if TYPE_CHECKING:
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.plan.loaded import LoadedPlan

StepsOption = Annotated[
    Path | None,
    typer.Option(
        "--steps",
        help="Een ander plan: een YAML-bestand of een map met YAML-bestanden. "
        "Standaard: het meegeleverde plan.",
        metavar="MAP",
    ),
]


OutputOption = Annotated[
    str | None,  # the argument as typed: only '-' itself is standard output, './-' is a file
    typer.Option(
        "--output",
        "-o",
        help="Schrijf naar dit bestand in plaats van het scherm; '-' is standaarduitvoer.",
        metavar="BESTAND",
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Overschrijf een bestaand gewoon bestand bij --output/--save "
        "(nooit een map, apparaat, FIFO of socket).",
    ),
]


class ReaderGone(Exception):
    """The reader of standard output went away (`| head`, `| true`): not an error; the run
    ends quietly with exit code 0 (see `app.run`)."""


def write_out(text: str) -> None:
    """Write `text` to standard output now.

    Raises:
        ReaderGone: when the reader of a pipe went away.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise ReaderGone from None


def emit(text: str, output: str | Path | None, force: bool) -> None:
    """Write a result to standard output ('-' or no --output), or to the --output file
    (private, see `files`).

    Raises:
        StappenplanError: when the file exists (without --force) or cannot be written.
        ReaderGone: when the reader of standard output went away.
    """
    from stappenplan.files import STDOUT, target_path  # the core, when a command runs

    if output is None or (isinstance(output, str) and output == STDOUT):
        write_out(text)
        return
    from stappenplan.files import write_private

    path = output if isinstance(output, Path) else target_path(output)
    write_private(path, text, force=force)
    note(f"Geschreven: {excerpt(path)}")


def say(text: str) -> None:
    """A line of a command's result on standard output; text from files is shown, never obeyed
    by the terminal."""
    sys.stdout.write(visible(text, keep="\n") + "\n")
    sys.stdout.flush()


def note(message: str) -> None:
    """A message for the person at the terminal, on standard error.

    Messages quote file content and paths; `visible` keeps escape sequences in them from
    acting on the terminal. When standard error is closed, full or broken, the message is
    dropped: the exit code still tells how the work went.
    """
    try:
        shown = visible(message, keep="\n")
        if sys.stderr.isatty():
            shown = _fit(shown, output_width(sys.stderr.fileno()))
        sys.stderr.write(shown + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        _silence(sys.stderr)


def _fit(message: str, width: int) -> str:
    """Each line of a message wrapped between words (never inside a name or path), keeping its
    indentation: on a narrow terminal a message must not break in the middle of a word."""
    lines = []
    for line in message.split("\n"):
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            if len(line) > width
            else line
        )
    return "\n".join(lines)


# --- standard streams ---------------------------------------------------------------------------

STAND_IN = "stappenplan-stand-in"
"""The encoding error handler of standard output and error: `text.stand_in`."""

_OUTPUT_ERRNOS = {errno.EBADF, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


class ClosedOutput(io.TextIOBase):
    """Standard output that was closed (`>&-`): every write fails as on a closed descriptor."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def prepare_streams() -> None:
    """Make the standard streams safe to use; once, before a command runs.

    - A closed stream (`<&-`, `>&-`, `2>&-`) gets os.devnull on its descriptor, so that no file
      opened later takes its number. Closed input reads as empty input; closed error output
      drops messages; closed output fails on the first write (see `output_failed`).
    - Output that cannot show every character (an ASCII or Latin-1 terminal, `LC_ALL=C`)
      shows a plain stand-in ('e' for 'é', '-' for '–') instead of failing.
    - Input bytes that are not valid in the input's encoding read as '�' instead of failing.
    """
    codecs.register_error(STAND_IN, _stand_in_error)
    for fd, stream in ((0, sys.stdin), (1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            _fill_with_devnull(fd)
    if sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = cast(TextIO, ClosedOutput())
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", errors=STAND_IN, closefd=False)  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=STAND_IN)
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")


def is_output_error(error: OSError) -> bool:
    """Whether `error` is a failed write to standard output (closed, disk full, I/O error).

    Errors of named files carry their file name (and are turned into messages where they
    are written, see `files`); a standard stream's errors carry none.
    """
    return error.filename is None and error.errno in _OUTPUT_ERRNOS


def output_failed(error: OSError) -> None:
    """Say on standard error that the output could not be written; drop what is still waiting
    for standard output (else the interpreter fails again when it flushes at exit).

    A reader that went away (a broken pipe) is no failure: nothing is said.
    """
    if error.errno != errno.EPIPE:
        why = "de standaarduitvoer is gesloten" if error.errno == errno.EBADF else reason(error)
        note(f"De uitvoer kon niet naar de standaarduitvoer geschreven worden: {why}.")
    drop_output()


def drop_output() -> None:
    """Send what is still waiting for standard output (and all later output) to os.devnull:
    after a failed write, or when the reader went away."""
    _silence(sys.stdout)


def _stand_in_error(error: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: the characters that cannot be shown, as `text.stand_in`."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return stand_in(error.object[error.start : error.end], error.encoding), error.end


def _fill_with_devnull(fd: int) -> None:
    """Put os.devnull on a closed standard descriptor (0 read, 1 and 2 write)."""
    try:
        os.fstat(fd)
        return  # open after all: leave it alone
    except OSError:
        pass
    _devnull_on(fd, os.O_RDONLY if fd == 0 else os.O_WRONLY)


def _silence(stream: TextIO | None) -> None:
    """After a failed write: send the rest of `stream` to os.devnull."""
    try:
        fd = stream.fileno() if stream is not None else -1
    except (OSError, ValueError):
        return
    if fd >= 0:
        _devnull_on(fd, os.O_WRONLY)


def _devnull_on(fd: int, flags: int) -> None:
    """Put os.devnull (opened with `flags`) on descriptor `fd`."""
    null = os.open(os.devnull, flags)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def load_checked_plan(steps: Path | None) -> LoadedPlan:
    """Load a plan; a plan other than the packaged one is validated first.

    Raises:
        PlanError: when the plan cannot be read or `validate` finds errors in it.
    """
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.errors import PlanError
    from stappenplan.plan.loader import load_plan

    if steps is not None:
        from stappenplan.files import check_name

        check_name(steps, "--steps")
    loaded = load_plan(steps)
    if steps is not None:
        # The core is loaded when a command runs: `--help` stays fast.
        from stappenplan.plan.validate import validate_plan

        errors = [problem for problem in validate_plan(loaded) if problem.is_error]
        if errors:
            raise PlanError("Het plan bevat fouten (zie 'stappenplan validate').", errors)
    return loaded
