"""Signals that end a run the way Ctrl-C does: SIGTERM (kill, shutdown) and SIGHUP (a closed
terminal) raise KeyboardInterrupt, so the wizard saves the answers and the run ends with the
usual line and exit code 130. Standard library only.

One handler, installed for the rest of the process: by the entry point before anything else is
imported (a signal during the start-up), and again by `cli.app.run`, so that a command run in
the same process without the entry point (as tests do) behaves the same.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

# SIGHUP is missing on Windows.
STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals handled like Ctrl-C."""


def raise_interrupt(signum: int, frame: FrameType | None) -> None:
    """The handler: stop as Ctrl-C does.

    KeyboardInterrupt, not another exception: the prompt library's event loop catches every
    Exception raised inside it (and then waits for Enter on a terminal that is gone), but lets
    KeyboardInterrupt through.
    """
    _received.append(signum)
    raise KeyboardInterrupt


_received: list[int] = []


def install(*, ctrl_c: bool = False) -> None:
    """Handle SIGTERM and SIGHUP like Ctrl-C for the rest of the process (main thread only;
    installing it again changes nothing). With `ctrl_c`, Ctrl-C gets the same handler, so
    that `received` knows it came."""
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGINT, *STOPPING) if ctrl_c else STOPPING:
            signal.signal(number, raise_interrupt)


def forget() -> None:
    """Start counting anew (a new command in the same process)."""
    _received.clear()


def received() -> bool:
    """Whether Ctrl-C, SIGTERM or SIGHUP arrived since `install` (whatever a library then made
    of the KeyboardInterrupt it raised)."""
    return bool(_received)


def ignore_all() -> None:
    """Ignore Ctrl-C, SIGTERM and SIGHUP from here on: the run is ending and says so itself."""
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGINT, *STOPPING):
            signal.signal(number, signal.SIG_IGN)


@contextlib.contextmanager
def ignored() -> Iterator[None]:
    """Within the block, Ctrl-C, SIGTERM and SIGHUP are ignored (for the few milliseconds in
    which answers are being saved); the handlers before are restored after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, *STOPPING)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
