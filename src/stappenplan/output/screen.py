"""The outcome screen on a terminal (rich): the layout of `paras.py`, styled, the alarm in a red
box; and rich's rendering of text for the pager (outcome, and `show` as readable Markdown)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Mapping
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.markdown import Markdown
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from stappenplan.alarm import ALARM_TITLE
from stappenplan.engine import Outcome
from stappenplan.output.paras import outcome_paras
from stappenplan.output.wrap import Para, one_line
from stappenplan.plan.loaded import LoadedPlan


def outcome_renderables(
    loaded: LoadedPlan,
    outcome: Outcome,
    contacts: Mapping[str, str] | None = None,
    **options: Any,
) -> list[RenderableType]:
    """The outcome screen for a rich console: the paragraphs of `outcome_paras`, styled.

    Paragraphs wrap between words with a hanging indent; the alarm stands in a red box.
    """
    paras = outcome_paras(loaded, outcome, contacts, **options)
    parts: list[RenderableType] = []
    alarm: list[Para] = []
    if paras and paras[0].text == ALARM_TITLE:
        while paras and paras[0].text:
            alarm.append(paras.pop(0))
        body = Text("\n".join(para.text for para in alarm[1:]), style="bold")
        parts.append(
            Panel(body, title=ALARM_TITLE, title_align="left", border_style="red", padding=(0, 1))
        )
    for para in paras:
        if para.one_line:
            parts.append(OneLine(para))
            continue
        text = Text(para.text, style=para.style)
        if not para.prefix:
            parts.append(Padding(text, (0, 0, 0, para.indent)) if para.indent else text)
            continue
        grid = Table.grid(padding=0)
        grid.add_column(width=para.indent) if para.indent else None
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        cells: list[Any] = [Text(" " * para.indent)] if para.indent else []
        grid.add_row(*cells, Text(para.prefix), text)
        parts.append(grid)
    return parts


class OneLine:
    """A paragraph shown on one line: shortened between words to the width of the console."""

    def __init__(self, para: Para) -> None:
        self.para = para

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        para = self.para
        first = " " * para.indent + para.prefix
        room = max(10, options.max_width - len(first))
        yield Text(first + one_line(para, room), style=para.style, no_wrap=True)


def render_text(
    loaded: LoadedPlan,
    outcome: Outcome,
    console: Console,
    contacts: Mapping[str, str] | None = None,
    **options: Any,
) -> None:
    """Print the outcome screen to a rich console."""
    for renderable in outcome_renderables(loaded, outcome, contacts, **options):
        console.print(renderable)


def new_console() -> Console:
    """The rich console for the outcome screen and the wizard."""
    return Console(highlight=False)


def rich_to_text(renderables: list[Any], *, width: int | None = None) -> str:
    """Rich renderables as the text a terminal would show (with colour codes unless NO_COLOR)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        width=width or shutil.get_terminal_size((80, 24)).columns,
        highlight=False,
        emoji=False,
    )
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()


def screen_text(
    loaded: LoadedPlan,
    outcome: Outcome,
    contacts: Mapping[str, str] | None = None,
    **options: Any,
) -> str:
    """The outcome screen as terminal text, for the pager."""
    return rich_to_text(outcome_renderables(loaded, outcome, contacts, **options))


def markdown_screen(text: str) -> str:
    """Markdown rendered readably for a terminal (`show` on a screen), for the pager."""
    return rich_to_text([Markdown(text, hyperlinks=False)])
