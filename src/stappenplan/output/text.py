"""The outcome as plain text, for files, pipes, `--plain`, TERM=dumb and screen readers (the
outcome screen with boxes is `screen.py`; both use the layout of `paras.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stappenplan.engine import Outcome
from stappenplan.output.paras import outcome_paras
from stappenplan.output.wrap import wrap_paras
from stappenplan.plan.loaded import LoadedPlan

if TYPE_CHECKING:
    from stappenplan.output.formats import Report


def text_to_string(
    loaded: LoadedPlan,
    outcome: Outcome,
    width: int = 80,
    contacts: Mapping[str, str] | None = None,
    **options: Any,
) -> str:
    """The outcome as plain text: no boxes, colour or tables.

    For `--output` files, pipes, `--plain` and `TERM=dumb`: it reads well in a text editor,
    in an e-mail and through a screen reader, line by line. Lines break between words only.
    """
    return wrap_paras(outcome_paras(loaded, outcome, contacts, **options), width)


def report_options(report: Report) -> dict[str, Any]:
    """What a report adds to the outcome for the text layout: role, incident, gemeente."""
    return {
        "role": report.role,
        "incident": report.incident,
        "municipality": report.municipality,
    }


def render_outcome(report: Report, *, width: int = 80) -> str:
    """The outcome as plain text (the format `text` of a file or a pipe)."""
    return text_to_string(
        report.loaded, report.outcome, width, report.contacts, **report_options(report)
    )
