"""Error types and exit codes of stappenplan; standard library only, nothing here prints."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (escape sequences start with one) and bidirectional-text controls."""


def visible(text: str, *, keep: str = "") -> str:
    """Text that cannot steer a terminal: control and bidi characters written as escapes.

    Messages quote file content (a bad key, a wrong value); an escape sequence or a bidi
    override in it is shown as `\\x1b` or `\\u202e` instead of acting on the terminal.
    Characters in `keep` (e.g. a newline between message lines) are left alone.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)


class ExitCode(IntEnum):
    """The exit codes of the command line (plan-spec §4)."""

    OK = 0
    INVALID = 1
    USAGE = 2
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file: the name as the user knows it, and a 1-based line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a plan, answer file or scenario, with a stable code."""

    code: str
    message: str
    location: Location | None = None
    severity: str = "fout"  # "fout" (error) or "waarschuwing" (warning)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        label = "" if self.severity == "fout" else f"{self.severity}: "
        return visible(f"{where}{label}{self.message} [{self.code}]")

    @property
    def is_error(self) -> bool:
        return self.severity == "fout"


class StappenplanError(Exception):
    """Base of every error this package raises on purpose; carries its exit code."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems)

    def lines(self) -> list[str]:
        """The message followed by one line per problem, safe to show on a terminal."""
        return [visible(self.message, keep="\n"), *(f"  {problem}" for problem in self.problems)]


class PlanError(StappenplanError):
    """A plan cannot be read or is not valid."""


class AnswerError(StappenplanError):
    """An answer file, record or --set value does not fit the plan."""


class MissingAnswersError(AnswerError):
    """A scripted run lacks answers that have no default."""

    def __init__(self, message: str, missing: Iterable[str]) -> None:
        super().__init__(message)
        self.missing = tuple(missing)


class ScenarioError(StappenplanError):
    """A scenario file cannot be read, or scenarios failed."""


class DossierError(StappenplanError):
    """The dossier (register of cases) cannot be opened, read or changed as asked."""


class UsageError(StappenplanError):
    """The command was called in a way that cannot work."""

    exit_code = ExitCode.USAGE


class Interrupted(StappenplanError):
    """The user stopped the run (Ctrl-C); progress may have been saved."""

    exit_code = ExitCode.INTERRUPTED
