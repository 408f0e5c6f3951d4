"""The prompt layer as the wizard sees it, and the real prompter and console behind it.

The wizard and the save dialogue ask through an `Asker`; tests pass a scripted one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from rich.console import Console

from stappenplan.terminal.choices import Back, Option


class Asker(Protocol):
    """What the wizard needs from a prompt layer (stappenplan.terminal.prompts.Prompter has it)."""

    def select(
        self,
        options: Sequence[Option],
        *,
        default: str | None = None,
        can_go_back: bool = False,
        explain: Callable[[], None] | None = None,
        message: str = ...,
    ) -> str | Back: ...

    def checkbox(
        self,
        options: Sequence[Option],
        *,
        default: Sequence[str] = (),
        min_choices: int = 0,
        can_go_back: bool = False,
        explain: Callable[[], None] | None = None,
        message: str = ...,
    ) -> tuple[str, ...] | Back: ...

    def confirm(self, message: str, *, default: bool = True) -> bool: ...

    def text(self, message: str, *, default: str = "") -> str: ...


def make_asker(plain: bool) -> Asker:
    """The real prompter: arrow-key lists, or numbered options in plain mode."""
    # Imported here: the prompter module is the fence around questionary and prompt_toolkit.
    from stappenplan.terminal.prompts import Prompter

    return Prompter(plain=plain)


def make_console(plain: bool) -> Console:
    """The console the wizard writes to (no colour in plain mode)."""
    return Console(highlight=False, no_color=plain or None, emoji=False)
