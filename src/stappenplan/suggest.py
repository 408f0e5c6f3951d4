"""Matching what a user typed against known ids and values: case-insensitive, with a
'bedoelde u …?' for a near miss (difflib, no dependencies)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def fold(text: str) -> str:
    """The form in which ids and values are compared: case and outer spaces do not count."""
    return text.strip().casefold()


def lookup(text: str, known: Iterable[str]) -> str | None:
    """The known id or value that `text` names, ignoring case; None when there is none."""
    wanted = fold(text)
    return next((item for item in known if fold(item) == wanted), None)


def near_miss(text: str, known: Iterable[str]) -> str | None:
    """The known id or value that `text` probably meant (a typo), if any is close enough."""
    candidates = {fold(item): item for item in known}
    close = difflib.get_close_matches(fold(text), list(candidates), n=1, cutoff=0.75)
    return candidates[close[0]] if close else None


def did_you_mean(text: str, known: Iterable[str]) -> str:
    """ "bedoelde u 'wethouder'? " for a near miss, else ''."""
    close = near_miss(text, known)
    return f"bedoelde u '{close}'? " if close else ""
