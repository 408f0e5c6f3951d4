"""`start`: which format goes where, the outcome on screen (paged), and the incident facts.

Kept apart from app.py so the command stays option wiring.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stappenplan.errors import UsageError
from stappenplan.incident import (
    MAX_DESCRIPTION,
    MAX_REFERENCE,
    Incident,
    clean_line,
    incident_from_record,
    parse_moment,
)
from stappenplan.suggest import did_you_mean, lookup

if TYPE_CHECKING:
    from rich.console import Console

    from stappenplan.engine import Outcome
    from stappenplan.plan.loader import LoadedPlan
    from stappenplan.plan.model import Plan

SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "text"}
"""The format an --output file gets from its extension when --format does not say."""


def output_format(requested: str | None, output: Path | None) -> str:
    """--format when given; else the extension of --output (.md, .json, .txt); else text."""
    if requested is not None:
        return requested
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.casefold(), "text")
    return "text"


def resolve_role(plan: Plan, text: str | None) -> str | None:
    """The role id meant by --rol (id or label, any case).

    Raises:
        UsageError: for an unknown role, with a near miss and the list of roles.
    """
    if text is None:
        return None
    ids = [role.id for role in plan.roles]
    found = lookup(text, ids) or lookup(text, [role.label for role in plan.roles])
    if found is not None:
        return next(role.id for role in plan.roles if found in (role.id, role.label))
    raise UsageError(
        f"--rol '{text[:40]}': onbekende rol; {did_you_mean(text, ids)}rollen: {', '.join(ids)}"
    )


def incident_from_options(
    moment: str | None,
    description: str | None,
    reference: str | None,
    *,
    now: dt.datetime,
    record: Mapping[str, Any] | None = None,
) -> Incident:
    """The incident from --moment, --omschrijving and --kenmerk, over what a record holds.

    Raises:
        UsageError: when the moment cannot be read or a text is too long.
    """
    stored = incident_from_record((record or {}).get("incident"))
    return Incident(
        parse_moment(moment, now) if moment else stored.moment,
        clean_line(description, MAX_DESCRIPTION, "--omschrijving")
        if description
        else stored.description,
        clean_line(reference, MAX_REFERENCE, "--kenmerk") if reference else stored.reference,
    )


@dataclass(frozen=True)
class Report:
    """Everything an outcome format shows."""

    loaded: LoadedPlan
    outcome: Outcome
    created: dt.datetime
    contacts: Mapping[str, str] | None = None
    contact_json: Mapping[str, Mapping[str, Any]] | None = None
    role: str | None = None
    incident: Incident = field(default_factory=Incident)
    municipality: str | None = None

    def options(self) -> dict[str, Any]:
        return {"role": self.role, "incident": self.incident, "municipality": self.municipality}

    def dated_incident(self) -> Incident:
        """The incident for the report and the record: its moment defaults to `created`.

        (The record and the JSON output hold only what was given: a replay stays the same.)
        """
        if self.incident.moment is not None:
            return self.incident
        return dataclasses.replace(self.incident, moment=self.created)

    def render(self, fmt: str, *, width: int = 80) -> str:
        """The outcome as text, Markdown or JSON."""
        if fmt == "json":
            from stappenplan.output.text import outcome_data, to_json

            return to_json(
                outcome_data(self.loaded, self.outcome, self.contact_json, **self.options())
            )
        if fmt == "markdown":
            from stappenplan.output.markdown import render_report

            return render_report(
                self.loaded,
                self.outcome,
                created=self.created,
                contacts=self.contacts,
                **(self.options() | {"incident": self.dated_incident()}),
            )
        from stappenplan.output.text import text_to_string

        return text_to_string(
            self.loaded, self.outcome, width=width, contacts=self.contacts, **self.options()
        )

    def show(self, *, plain: bool, paging: bool, console: Console | None = None) -> None:
        """The text outcome on screen: plain text when plain or piped, else styled; paged when
        it is longer than the terminal."""
        from stappenplan.output.pager import page, rich_to_text
        from stappenplan.output.wrap import output_width

        if console is not None:
            console.print()
        if plain or not sys.stdout.isatty():
            page(self.render("text", width=output_width()), enabled=paging)
            return
        from stappenplan.output.text import outcome_renderables

        shown = outcome_renderables(self.loaded, self.outcome, self.contacts, **self.options())
        page(rich_to_text(list(shown)), enabled=paging)


def show_markdown(text: str, *, paging: bool) -> None:
    """`show`: on a terminal the Markdown rendered readably (and paged); piped, raw Markdown."""
    from stappenplan.output.pager import page

    if not sys.stdout.isatty():
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from rich.markdown import Markdown

    from stappenplan.output.pager import rich_to_text

    page(rich_to_text([Markdown(text, hyperlinks=False)]), enabled=paging)


def offer_to_save(
    report: Report,
    answers: Mapping[str, Any],
    *,
    console: Console,
    plain: bool,
    now: dt.datetime,
) -> None:
    """After the wizard: offer to save the report and the record. Saying yes to the report
    first asks the optional facts a dossier needs (moment, description, case reference).

    Raises:
        Interrupted: after Ctrl-C while saving (see terminal.saves.offer_saves).
    """
    from stappenplan.answers import build_record, record_to_yaml
    from stappenplan.terminal.incident_questions import ask_incident
    from stappenplan.terminal.saves import offer_saves
    from stappenplan.terminal.wizard import make_asker

    asked: list[Incident] = []

    def incident() -> Incident:
        if not asked:
            try:
                found = ask_incident(make_asker(plain), console, report.incident, now, plain=plain)
            except (KeyboardInterrupt, EOFError):
                console.print()  # optional facts: the report is not lost over them
                found = report.incident
            asked.append(found)
        return asked[0]

    def report_text() -> str:
        return dataclasses.replace(report, incident=incident()).render("markdown")

    def record_text() -> str:
        given = asked[0] if asked else report.incident
        record = build_record(report.loaded, answers, report.outcome, report.created, given)
        return record_to_yaml(record)

    offer_saves(
        report.loaded,
        report.outcome,
        record_text=record_text,
        report_text=report_text,
        plain=plain,
        console=console,
    )
