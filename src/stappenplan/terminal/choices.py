"""What both prompt modes share: options, the wish to go back, replies, keys and hints."""

from __future__ import annotations

import enum
import shutil
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal


class Back(enum.Enum):
    """The user asked to go back to the previous question."""

    BACK = "terug"


BACK: Final = Back.BACK

BACK_KEY, BACK_LABEL = "0", "← Terug"
EXPLAIN_KEY, EXPLAIN_LABEL = "?", "Meer uitleg"
SELECT_HINT = "(pijltjes of nummer, dan Enter)"
CHOOSE_HINT = "nog niets gekozen (pijltjes of nummer, dan Enter)"
"""Shown when nothing is pre-selected: Enter alone does not take the first option."""
NUMBER_PAUSE = 1.0
"""Seconds within which a second digit extends a number (1 then 2: option 12)."""
CHECKBOX_HINT = "(pijltjes, spatie: aan/uit, Enter: klaar)"

# Values of the extra options inside a list; plan values are kebab-case ids, so never these.
BACK_VALUE = "<terug>"
EXPLAIN_VALUE = "<uitleg>"


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a list: the value returned and the label shown."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Reply:
    """What one round of asking gave: an answer, a wish to go back, or a wish for help."""

    action: Literal["answer", "back", "explain"]
    values: tuple[str, ...] = ()


def screen_width() -> int:
    """The terminal width, within reason."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 120))


def numbered(key: str, label: str, width: int, indent: int) -> str:
    """`1) label`, wrapped so that continuation lines line up under the label."""
    prefix = f"{key}) "
    lines = textwrap.wrap(
        label, max(20, width - indent - len(prefix)), break_long_words=False, break_on_hyphens=False
    ) or [""]
    return prefix + ("\n" + " " * (indent + len(prefix))).join(lines)


def extra_options(can_go_back: bool, can_explain: bool) -> list[tuple[str, str, str]]:
    """The extra options (key, label, value) after the answers."""
    extras: list[tuple[str, str, str]] = []
    if can_go_back:
        extras.append((BACK_KEY, BACK_LABEL, BACK_VALUE))
    if can_explain:
        extras.append((EXPLAIN_KEY, EXPLAIN_LABEL, EXPLAIN_VALUE))
    return extras


def too_few(min_choices: int) -> str:
    if min_choices == 1:
        return "Kies minstens één antwoord."
    return f"Kies minstens {min_choices} antwoorden."


def typed_number(text: str) -> int | None:
    """The number a typed text means, or None.

    Digits of other scripts or forms count where they are plainly a digit: '²' and '２' (NFKC
    makes them '2'), '٢' (Arabic-Indic two). Anything else ('⑵', '2a', '½') is no number.
    """
    normal = unicodedata.normalize("NFKC", text.strip())
    if not normal or any(unicodedata.decimal(char, None) is None for char in normal):
        return None
    digits = "".join(str(unicodedata.decimal(char)) for char in normal).lstrip("0") or "0"
    return int(digits) if len(digits) <= 6 else None  # a choice number, never thousands of digits


def match_option(text: str, options: Sequence[Option]) -> str | None:
    """The value meant by a typed number, value or label (case-insensitive)."""
    folded = text.strip().casefold()
    number = typed_number(folded)
    if number is not None and 1 <= number <= len(options):
        return options[number - 1].value
    for option in options:
        if folded in (option.value.casefold(), option.label.casefold()):
            return option.value
    return None


def plain_hint(count: int, can_go_back: bool, can_explain: bool, *, several: bool) -> str:
    if count == 1:
        parts = ["Typ 1"]
    else:
        parts = [f"Typ {'een of meer nummers' if several else 'een nummer'} van 1 tot {count}"]
    if can_go_back:
        parts.append(f"{BACK_KEY} om terug te gaan")
    if can_explain:
        parts.append(f"{EXPLAIN_KEY} voor meer uitleg")
    return "Dat begrijp ik niet. " + ", ".join(parts) + "."


def reply_for(value: str, ticked: tuple[str, ...]) -> Reply:
    """What a chosen list item means: an answer, going back, or asking for help."""
    if value == BACK_VALUE:
        return Reply("back")
    if value == EXPLAIN_VALUE:
        return Reply("explain", ticked)
    return Reply("answer", (value,))
