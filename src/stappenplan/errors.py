"""Error types and exit codes of stappenplan; standard library only, nothing here prints."""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from stappenplan.text import visible


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


class Severity(StrEnum):
    """How bad a problem is: an error stops the plan (or file) from being used, a warning not."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Dutch word shown to people."""
        return "fout" if self is Severity.ERROR else "waarschuwing"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a plan, answer file or scenario, with a stable code."""

    code: str
    message: str
    location: Location | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        label = "" if self.is_error else f"{self.severity.label}: "
        return visible(f"{where}{label}{self.message} [{self.code}]")

    @property
    def is_error(self) -> bool:
        """Whether the problem is an error (not a warning)."""
        return self.severity is Severity.ERROR


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


_REASONS = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EFBIG: "het bestand wordt te groot",
    errno.EIO: "fout bij lezen of schrijven op de schijf",
    errno.EROFS: "alleen-lezen schijf",
    errno.EISDIR: "dit is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de naam is te lang voor het bestandssysteem",
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.ELOOP: "symbolische links die in een kring naar elkaar verwijzen",
    errno.EEXIST: "bestaat al",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.ENXIO: "het apparaat is er niet",
    errno.ENODEV: "het apparaat is er niet",
    errno.EMFILE: "te veel open bestanden",
    errno.ENFILE: "te veel open bestanden",
    errno.EXDEV: "een ander bestandssysteem",
    errno.EINVAL: "ongeldige naam of bewerking",
    errno.EAGAIN: "tijdelijk niet beschikbaar; probeer het opnieuw",
    errno.EPIPE: "de ontvanger is weg",
    errno.ENOMEM: "te weinig geheugen",
}


def reason(error: OSError) -> str:
    """Why an operation on a file failed, in Dutch, for a message.

    The system's own text (`strerror`) is English whatever the language of the user; an error
    without a Dutch reason here is named by its code (`systeemfout EXDEV`), never in English.
    """
    code = error.errno or 0
    if code in _REASONS:
        return _REASONS[code]
    return f"systeemfout {errno.errorcode.get(code, code or type(error).__name__)}"
