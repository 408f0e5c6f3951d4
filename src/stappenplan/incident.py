"""What a dossier needs besides the answers: when it happened, a short description, a case
reference. Kept in the record (`incident:`) and shown in the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stappenplan.errors import UsageError
from stappenplan.text import clean, excerpt, numeric_date

MAX_DESCRIPTION = 500
MAX_REFERENCE = 80
EARLIEST_YEAR = 1900
"""An incident moment before this year is a typing error (a year written short)."""
MOMENT_HINT = "bv. 2026-12-01 07:15, 1-12-2026 07:15, of alleen 07:15 (vandaag)"


@dataclass(frozen=True, slots=True)
class Incident:
    """The incident itself: its moment (None: not given), a description, the case reference."""

    moment: dt.datetime | None = None
    description: str = ""
    reference: str = ""

    def data(self) -> dict[str, Any]:
        """As stored in a record and in the JSON output."""
        return {
            "moment": self.moment.isoformat(timespec="minutes") if self.moment else None,
            "description": self.description or None,
            "reference": self.reference or None,
        }

    @property
    def empty(self) -> bool:
        return self.moment is None and not self.description and not self.reference


def parse_moment(text: str, now: dt.datetime) -> dt.datetime:
    """A moment as typed: ISO (2026-12-01T07:15 or with a space), 1-12-2026 07:15, or 07:15.

    Raises:
        UsageError: when the text is not a moment, lies in the future, or before 1900.
    """
    text = " ".join(text.strip().split())
    moment: dt.datetime | None = None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        for pattern in ("%d-%m-%Y %H:%M", "%d-%m-%Y", "%H:%M", "%H.%M"):
            try:
                parsed = dt.datetime.strptime(text, pattern)
            except ValueError:
                continue
            if pattern.startswith("%H"):
                parsed = now.replace(hour=parsed.hour, minute=parsed.minute, tzinfo=None)
            moment = parsed
            break
    if moment is None:
        raise UsageError(f"'{excerpt(text, 40)}' is geen datum en tijd; {MOMENT_HINT}")
    if moment.tzinfo is None and now.tzinfo is not None:
        moment = moment.replace(tzinfo=now.tzinfo)
    moment = moment.replace(second=0, microsecond=0)
    if moment > now + dt.timedelta(minutes=5):
        raise UsageError(f"het moment {numeric_date(moment)} ligt in de toekomst")
    if moment.year < EARLIEST_YEAR:
        # '1-12-26' reads as the year 26: a year typed short, not an incident of long ago.
        raise UsageError(
            f"het moment {numeric_date(moment)} ligt vóór {EARLIEST_YEAR}; schrijf het jaar "
            f"voluit ({MOMENT_HINT})"
        )
    return moment


def clean_line(text: str, limit: int, what: str) -> str:
    """One line of free text (no control characters), at most `limit` characters.

    Raises:
        UsageError: when it is too long.
    """
    text = " ".join(clean(text).split())
    if len(text) > limit:
        raise UsageError(f"{what} is te lang ({len(text)} tekens; maximaal {limit})")
    return text


def incident_from_record(data: Any) -> Incident:
    """The incident stored in a record; anything unreadable is left out (a record stays usable)."""
    if not isinstance(data, Mapping):
        return Incident()
    moment = data.get("moment")
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            moment = None
    if not isinstance(moment, dt.datetime):
        moment = None
    description = data.get("description")
    reference = data.get("reference")
    return Incident(
        moment, _trimmed(description, MAX_DESCRIPTION), _trimmed(reference, MAX_REFERENCE)
    )


def _trimmed(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(clean(value).split())[:limit]
