"""Text shared by every layer: the one sanitiser for terminal text, a plain stand-in for
characters a terminal cannot show, shortening a line between words, and Dutch dates.

Standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

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


_STAND_INS = {
    "–": "-", "—": "-", "‑": "-", "−": "-", "…": "...", "‘": "'", "’": "'", "‚": ",",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "•": "-", "·": "-", "→": "->",
    "←": "<-", "↑": "^", "↓": "v", "✓": "v", "✔": "v", "✗": "x", "✘": "x", "×": "x",
    "≥": ">=", "≤": "<=", "≠": "!=", "€": "EUR", "§": "par.", "°": " graden", "ß": "ss",
    "⁄": "/", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "\u00a0": " ",
}  # fmt: skip
"""Characters that NFKD does not take apart, and the plain text that stands in for them."""


def stand_in(text: str, encoding: str) -> str:
    """`text` as close as `encoding` can show it: 'é' as 'e', '–' as '-', '…' as '...'.

    A character that has no plain form becomes '?'. For a standard stream that cannot show
    every character (an ASCII or Latin-1 terminal), as its encoding error handler.
    """

    def one(char: str) -> str:
        for candidate in (char, _STAND_INS.get(char, ""), _bare(char)):
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            if candidate:
                return candidate
        return "?"

    return "".join(one(char) for char in text)


def _bare(char: str) -> str:
    """A character without its accents (NFKD, combining marks left out): 'é' → 'e', 'ﬁ' → 'fi'."""
    parts = unicodedata.normalize("NFKD", char)
    return "".join(_STAND_INS.get(part, part) for part in parts if not unicodedata.combining(part))


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


QUOTE_LIMIT = 80
"""The most characters of a value (a name, a path, an option's value) a message quotes."""


def excerpt(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as quoted in a message: at most `limit` characters, the rest cut off with '…'.

    A file name of 4,000 characters or a pasted paragraph is recognisable from its start; the
    message stays readable.
    """
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters; cut at a word boundary, marked with '…'."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: max(1, width - 1)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—-") + "…"


MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(day: dt.date) -> str:
    """A date as Dutch text: 18 maart 2026 (a year of four digits: 1 januari 0001)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year:04d}"


def numeric_date(moment: dt.date | dt.datetime) -> str:
    """A date as Dutch numbers, with the time when it has one: 01-12-2026 07:15.

    The year always has four digits: `strftime('%Y')` writes the year 1 as '1' on some
    systems, and '01-01-1' reads as a typing error.
    """
    text = f"{moment.day:02d}-{moment.month:02d}-{moment.year:04d}"
    if isinstance(moment, dt.datetime):
        text += f" {moment.hour:02d}:{moment.minute:02d}"
    return text
