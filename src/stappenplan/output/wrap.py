"""Plain text for terminals, pipes and screen readers: paragraphs wrapped between words.

A `Para` is one paragraph with a hanging prefix ('  3. ', '- '); `wrap_paras` lays paragraphs
out for a width, never breaking inside a word (a word longer than the line, such as a long
web address, stays whole on its own line).
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from stappenplan.text import shorten

DEFAULT_WIDTH = 80
MIN_WIDTH = 30


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: text after a prefix, indented; `style` is for rich (ignored in plain text).

    `one_line` paragraphs are shortened with '…' at a word boundary instead of wrapped.
    """

    text: str
    prefix: str = ""
    indent: int = 0
    style: str = ""
    one_line: bool = False
    tail: str = ""
    """For a `one_line` paragraph: said after ' — ' (who does it); both parts shorten to fit."""
    short_tail: str = ""
    """A shorter form of `tail`, used first when the line is short of room."""


BLANK = Para("")


def output_width(stream_fd: int | None = None) -> int:
    """The width to wrap for: $COLUMNS, else the terminal's (stdout, stderr or stdin), else 80.

    Piped output still wraps to the terminal the user looks at, when there is one.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    fds = [stream_fd] if stream_fd is not None else []
    for fd in (*fds, 1, 2, 0):
        try:
            return max(MIN_WIDTH, os.get_terminal_size(fd).columns)
        except (OSError, ValueError):
            continue
    return DEFAULT_WIDTH


def one_line(para: Para, room: int) -> str:
    """The text (and tail) of a one-line paragraph in `room` characters, shortened at words.

    When both do not fit, the text keeps at least about half of the room, the tail the rest.
    """
    text, tail = " ".join(para.text.split()), " ".join(para.tail.split())
    if not tail:
        return shorten(text, room)
    if len(text) + 3 + len(tail) <= room:
        return f"{text} — {tail}"
    tail = " ".join(para.short_tail.split()) or tail
    keep = max(room * 3 // 5, room - 3 - len(tail))
    text = shorten(text, keep)
    return f"{text} — {shorten(tail, max(5, room - 3 - len(text)))}"


def wrap_para(para: Para, width: int) -> list[str]:
    """The lines of one paragraph at this width."""
    first = " " * para.indent + para.prefix
    rest = " " * len(first)
    if not para.text:
        return [first.rstrip()]
    if para.one_line:
        return [first + one_line(para, max(10, width - len(first)))]
    return textwrap.wrap(
        " ".join(para.text.split()),
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def wrap_paras(paras: Iterable[Para], width: int) -> str:
    """Paragraphs as text with a trailing newline."""
    lines: list[str] = []
    for para in paras:
        lines += wrap_para(para, width)
    return "\n".join(line.rstrip() for line in lines) + "\n"
