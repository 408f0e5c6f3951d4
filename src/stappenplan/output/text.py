"""The outcome as plain text, for files, pipes, `--plain`, TERM=dumb and screen readers (the
outcome screen with boxes and tables is `screen.py`)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

from stappenplan.engine import Outcome
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.text import clean

if TYPE_CHECKING:
    from stappenplan.output.formats import Report


def text_to_string(
    loaded: LoadedPlan,
    outcome: Outcome,
    width: int = 88,
    contacts: Mapping[str, str] | None = None,
) -> str:
    """The outcome as plain text: no boxes, colour or tables.

    For `--output` files, pipes, `--plain` and `TERM=dumb`: it reads well in a text editor,
    in an e-mail and through a screen reader, line by line.
    """
    plan = loaded.plan
    verdict = outcome.verdict

    def wrapped(text: str, indent: str, first: str | None = None) -> list[str]:
        return textwrap.wrap(
            clean(text),
            width,
            initial_indent=indent if first is None else first,
            subsequent_indent=indent,
            break_on_hyphens=False,
        ) or [indent.rstrip()]

    def bullets(title: str, items: list[str]) -> list[str]:
        lines = ["", title]
        for item in items:
            lines += wrapped(item, "  ", first="- ")
        return lines

    lines = [f"DOMEIN: {clean(verdict.domain.label.upper())}"]
    lines += wrapped(f"Gezag: {verdict.rule.authority}", "")
    lines += bullets("Waarom:", list(verdict.reasons))
    if outcome.involvement:
        lines += bullets("Landelijke betrokkenheid:", [rule.text for rule in outcome.involvement])
    lines += ["", "ACTIES"]
    labels = {urgency.id: urgency.label for urgency in plan.urgencies}
    current = None
    for number, action in enumerate(outcome.actions, start=1):
        if action.urgency != current:
            current = action.urgency
            lines += ["", clean(labels.get(action.urgency, action.urgency)) + ":"]
        lines += wrapped(action.title, "     ", first=f"{number:>3}. ")
        who = plan.role_label(action.responsible)
        if contacts is not None:
            who += f" ({contacts.get(action.responsible) or 'nog niet afgesproken'})"
        lines += wrapped(f"Wie: {who}", "     ")
        if action.details:
            lines += wrapped(action.details, "     ")
        refs = ", ".join(f"{ref.id} {ref.ref}".strip() for ref in action.sources)
        mark = " (afgeleid: controleren)" if action.inferred else ""
        lines += wrapped(f"Bron: {refs}{mark}", "     ")
    if outcome.walk.assumed:
        lines += [
            "",
            *wrapped(f"Aangenomen (standaardantwoord): {', '.join(outcome.walk.assumed)}", ""),
        ]
    if outcome.ignored:
        lines += wrapped(f"Genegeerd (niet op de route): {', '.join(outcome.ignored)}", "")
    return "\n".join(lines) + "\n"


def render_outcome(report: Report) -> str:
    """The outcome as plain text (the format `text` of a file or a pipe)."""
    return text_to_string(report.loaded, report.outcome, contacts=report.contacts)
