"""Long output on a terminal goes through a pager, as git does: $PAGER, else `less -FRX`.

`less -F` quits at once when the text fits on one screen, `-R` keeps colours, `-X` leaves the
text on the screen afterwards. Nothing is paged when standard output is not a terminal, with
`--no-pager`, or when `PAGER` is empty or `cat`. On a terminal that cannot move its cursor
(`TERM=dumb`, as screen readers and some editors use) less would only warn, so without an
explicit `PAGER` nothing is paged there.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

DEFAULT_PAGER = "less"
DEFAULT_LESS = "FRX"


def pager_command() -> list[str] | None:
    """The pager to run, or None for none: $PAGER (split like a shell would), else less -FRX."""
    chosen = os.environ.get("PAGER")
    if chosen is not None:
        chosen = chosen.strip()
        if chosen in ("", "cat"):
            return None
        try:
            command = shlex.split(chosen)
        except ValueError:
            return None
        return command if command and shutil.which(command[0]) else None
    if os.environ.get("TERM") == "dumb":
        return None
    found = shutil.which(DEFAULT_PAGER)
    return [found] if found else None


def should_page(text: str, *, enabled: bool = True) -> bool:
    """True when the text is taller than the terminal and standard output is that terminal."""
    if not enabled or not sys.stdout.isatty() or not sys.stdin.isatty():
        return False
    height = shutil.get_terminal_size((80, 24)).lines
    return text.count("\n") >= height - 1


def page(text: str, *, enabled: bool = True) -> None:
    """Show text: through the pager when it is long and goes to a terminal, else written out.

    A pager that cannot be started never loses the text: it is then written directly.
    """
    command = pager_command() if should_page(text, enabled=enabled) else None
    if command is not None:
        env = dict(os.environ)
        env.setdefault("LESS", DEFAULT_LESS)  # git's choice; a user's own LESS wins
        env.setdefault("LV", "-c")
        sys.stdout.flush()
        try:
            subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
        except OSError:
            pass  # the pager could not start: write the text directly
        else:
            return  # a pager that showed the text and then failed must not show it twice
    sys.stdout.write(text)
    sys.stdout.flush()
