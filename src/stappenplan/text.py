"""Text shared by every layer: the one sanitiser for terminal text, and Dutch dates.

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import re

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Bidirectional-text controls (marks, embeddings, overrides, isolates): they can make text on
a terminal read differently from what it is."""

_STRIPPED = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")
_ESCAPED = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")


def clean(text: str) -> str:
    """Plan text made safe for a terminal: control and bidi characters removed.

    Tabs and newlines stay; escape sequences (which start with a control character) cannot.
    """
    return _STRIPPED.sub("", text)


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

    return _ESCAPED.sub(escape, text)


MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(day: dt.date) -> str:
    """A date as Dutch text: 18 maart 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
