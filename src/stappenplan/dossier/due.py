"""Due dates of actions, from their urgency and the moment of the incident."""

from __future__ import annotations

import datetime as dt

DAYS_BY_URGENCY = {"direct": 0, "vandaag": 0, "deze-week": 7, "later": 28}
"""The urgencies of the default plan; `later` means within four weeks (aftercare, follow-up)."""

DEFAULT_DAYS = 28
"""For an urgency a plan of its own introduces: as `later`."""


def due_date(urgency: str, incident: dt.datetime) -> dt.date:
    """The date by which an action of this urgency should be done."""
    days = DAYS_BY_URGENCY.get(urgency, DEFAULT_DAYS)
    return incident.date() + dt.timedelta(days=days)


def days_late(due: dt.date, today: dt.date) -> int:
    """How many days past its due date an open action is (0 when not late)."""
    return max((today - due).days, 0)
