"""The one table of output formats: which module writes a format, for an outcome and for a plan.

A new format is one new module, with `render_outcome(report)` and/or `render_plan(loaded)`,
and one row in `FORMATS`. A module is imported only when its format is asked for, so that a
JSON run never loads rich.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stappenplan.engine import Outcome
    from stappenplan.plan.loaded import LoadedPlan


@dataclass(frozen=True, slots=True)
class Report:
    """Everything an outcome format may show."""

    loaded: LoadedPlan
    outcome: Outcome
    created: dt.datetime
    contacts: Mapping[str, str] | None = None
    """Role id -> a short contact text agreed in advance (text and Markdown)."""
    contact_data: Mapping[str, Mapping[str, Any]] | None = None
    """Role id -> contact data for JSON; personal data, so only on explicit request."""


FORMATS: Mapping[str, tuple[str | None, str | None]] = {
    # name:      (module for an outcome,          module for a plan)
    "text": ("stappenplan.output.text", None),
    "markdown": ("stappenplan.output.markdown", "stappenplan.output.plan"),
    "mermaid": (None, "stappenplan.output.mermaid"),
    "json": ("stappenplan.output.json", "stappenplan.output.json"),
}


def outcome_formats() -> tuple[str, ...]:
    """The formats `start` writes, in table order."""
    return tuple(name for name, (outcome, _) in FORMATS.items() if outcome)


def plan_formats() -> tuple[str, ...]:
    """The formats `show` writes, in table order."""
    return tuple(name for name, (_, plan) in FORMATS.items() if plan)


def render_outcome(name: str, report: Report) -> str:
    """The outcome in the format `name` (one of `outcome_formats()`)."""
    module = FORMATS[name][0]
    assert module is not None, name
    text: str = importlib.import_module(module).render_outcome(report)
    return text


def render_plan(name: str, loaded: LoadedPlan) -> str:
    """The plan in the format `name` (one of `plan_formats()`)."""
    module = FORMATS[name][1]
    assert module is not None, name
    text: str = importlib.import_module(module).render_plan(loaded)
    return text
