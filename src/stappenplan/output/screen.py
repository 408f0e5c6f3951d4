"""The outcome screen on a terminal: a verdict panel, then the actions by urgency (rich)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from stappenplan.engine import Outcome
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.text import clean


def outcome_renderables(
    loaded: LoadedPlan, outcome: Outcome, contacts: Mapping[str, str] | None = None
) -> list[RenderableType]:
    """The outcome screen: verdict panel with reasons and involvement, then actions by urgency.

    With `contacts` (role id -> person and number), the "Wie" column also names the person,
    or says that nothing has been agreed yet.
    """
    plan = loaded.plan
    verdict = outcome.verdict
    body = Text()
    body.append(clean(verdict.domain.label.upper()), style="bold")
    body.append("\nGezag: ", style="bold")
    body.append(clean(verdict.rule.authority))
    body.append("\n\nWaarom:", style="bold")
    for reason in verdict.reasons:
        body.append(f"\n• {clean(reason)}")
    if outcome.involvement:
        body.append("\n\nLandelijke betrokkenheid:", style="bold")
        for rule in outcome.involvement:
            body.append(f"\n• {clean(rule.text)}")
    parts: list[RenderableType] = [
        Panel(body, title="Domein", title_align="left", border_style="cyan", padding=(0, 1))
    ]
    by_urgency: dict[str, list[Any]] = {}
    for action in outcome.actions:
        by_urgency.setdefault(action.urgency, []).append(action)
    labels = {urgency.id: urgency.label for urgency in plan.urgencies}
    number = 0
    for urgency_id, actions in by_urgency.items():
        table = Table(
            title=Text(clean(labels.get(urgency_id, urgency_id)), style="bold"),
            title_justify="left",
            show_header=True,
            header_style="bold",
            expand=True,
            box=None,
            padding=(0, 1),
        )
        table.add_column("#", justify="right", no_wrap=True, width=3)
        table.add_column("Wat", ratio=2 if contacts is None else 3)
        # The role must stay readable at 80 columns: room for 'Gemeentesecretaris' and, with
        # contacts, a name and number; an even longer word wraps instead of being cut off.
        table.add_column("Wie", ratio=1 if contacts is None else 2, min_width=22, overflow="fold")
        for action in actions:
            number += 1
            what = Text(clean(action.title), style="bold")
            if action.details:
                what.append("\n" + clean(action.details), style="")
            refs = ", ".join(clean(f"{ref.id} {ref.ref}".strip()) for ref in action.sources)
            mark = " (afgeleid)" if action.inferred else ""
            what.append(f"\nBron: {refs}{mark}", style="dim")
            who = Text(clean(plan.role_label(action.responsible)))
            if contacts is not None:
                contact = contacts.get(action.responsible)
                who.append("\n" + clean(contact or "nog niet afgesproken"), style="dim")
            table.add_row(str(number), what, who)
        parts.append(Text(""))
        parts.append(table)
    if outcome.walk.assumed:
        assumed = ", ".join(outcome.walk.assumed)
        parts.append(Text(f"\nAangenomen (standaardantwoord): {assumed}", style="dim"))
    if outcome.ignored:
        parts.append(
            Text(f"Genegeerd (niet op de route): {', '.join(outcome.ignored)}", style="dim")
        )
    return [Group(*parts)]


def new_console() -> Console:
    """The rich console for the outcome screen and the wizard."""
    return Console(highlight=False)


def render_text(
    loaded: LoadedPlan,
    outcome: Outcome,
    console: Console,
    contacts: Mapping[str, str] | None = None,
) -> None:
    """Print the outcome screen to a rich console."""
    for renderable in outcome_renderables(loaded, outcome, contacts):
        console.print(renderable)
