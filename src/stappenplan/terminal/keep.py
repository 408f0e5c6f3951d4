"""The one place that keeps the answers when a wizard run ends early, whatever the cause.

`Keeper.guard` wraps the wizard and everything after it in `stappenplan start`: Ctrl-C, a
closed input, SIGTERM or SIGHUP, an output that cannot be written, or an unexpected error. The
answers given so far are saved to a session file of the plan (never over an earlier session);
when no file can be written there, the message says where it failed and holds the answers as an
answer file to keep.
"""

from __future__ import annotations

import contextlib
import shlex
import sys
from collections.abc import Callable, Iterator

from stappenplan import signals
from stappenplan.errors import Interrupted, StappenplanError, reason
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.terminal.resume import (
    Progress,
    answers_text,
    data_dir,
    resume_command,
    save_progress,
    session_files,
)
from stappenplan.text import excerpt, visible

NOTHING_SAVED = "Onderbroken. Er waren nog geen antwoorden; er is niets bewaard."


class Keeper:
    """Keeps the answers of one wizard run: `track` names where they are, `guard` saves them."""

    def __init__(self, loaded: LoadedPlan) -> None:
        self.loaded = loaded
        self.source: Callable[[], Progress | None] = lambda: None
        self.handled: BaseException | None = None

    def track(self, source: Callable[[], Progress | None]) -> None:
        """`source` gives the answers to keep (None while nothing was answered)."""
        self.source = source

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Save the answers when the block ends by any exception (SIGTERM and SIGHUP arrive
        as Ctrl-C: see `stappenplan.signals`). Nested guards of one keeper save once."""
        try:
            yield
        except BaseException as error:
            if error is self.handled or isinstance(error, Interrupted):
                raise
            if isinstance(error, SystemExit) and not error.code:
                raise
            if isinstance(error, KeyboardInterrupt | EOFError):
                stopped = Interrupted(self.keep(interrupted=True))
                self.handled = stopped
                raise stopped from None
            self.handled = error
            line = self.keep(interrupted=False)
            if isinstance(error, StappenplanError):
                error.message = f"{error.message}\n{line}" if line else error.message
            elif line:
                _note(line)
            raise

    def keep(self, *, interrupted: bool) -> str:
        """Save the answers; the lines that say where they are (empty: nothing to keep)."""
        progress = self.source()
        if progress is None:
            return NOTHING_SAVED if interrupted else ""
        first = "Onderbroken. " if interrupted else ""
        try:
            with signals.ignored():  # a second Ctrl-C must not stop the save halfway
                earlier = [path for path in session_files(self.loaded) if path != progress.path]
                path = save_progress(
                    self.loaded,
                    progress.answers,
                    open_ids=progress.open,
                    given=progress.given,
                    path=progress.path,
                )
        except Exception as error:  # whatever goes wrong, the answers are not lost
            return self.unsaved(first, _why(error))
        lines = [
            f"{first}Uw antwoorden tot nu toe zijn bewaard in {path} (alleen voor u leesbaar)."
        ]
        if earlier and progress.path is None:
            lines.append(
                f"Een eerder onderbroken sessie van dit plan is niet overschreven: die staat in "
                f"{earlier[0]}."
            )
        lines.append(f"Ga later verder met: {resume_command(self.loaded)}")
        return "\n".join(lines)

    def unsaved(self, first: str, why: str) -> str:
        """No file could be written: say where, and give the answers as an answer file."""
        progress = self.source()
        assert progress is not None
        kept = {key: value for key, value in progress.answers.items() if key not in progress.open}
        origin = self.loaded.origin
        steps = "" if origin == "steps" else f" --steps {shlex.quote(origin)}"
        return (
            f"{first}De antwoorden konden niet bewaard worden: {why}.\n"
            "(Dat is de map voor onderbroken sessies; een andere map kiest u met "
            "STAPPENPLAN_DATA_DIR.)\n"
            "Hieronder staan uw antwoorden tot nu toe. Bewaar ze als bestand (bijvoorbeeld "
            "antwoorden.yaml) en ga later verder met: "
            f"stappenplan start{steps} --answers antwoorden.yaml\n\n"
            f"{answers_text(self.loaded, kept).rstrip()}"
        )


def _why(error: Exception) -> str:
    """Why the session file could not be written, in Dutch."""
    if isinstance(error, StappenplanError):
        return error.message
    where = _data_dir_shown()
    if isinstance(error, OSError):
        return f"{where}: {reason(error)}"
    return f"{where}: onverwachte fout ({type(error).__name__})"


def _data_dir_shown() -> str:
    """The data folder as a message names it (in words when even its name cannot be made)."""
    try:
        return excerpt(data_dir())
    except Exception:  # e.g. a home folder that cannot be found
        return "de map voor onderbroken sessies"


def _note(line: str) -> None:
    """A line on standard error, before the error that ends the run is reported."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(visible(line, keep="\n") + "\n")
