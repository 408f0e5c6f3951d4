"""`start`: which format goes where, the outcome on screen (paged), and the incident facts.

Kept apart from app.py so the command stays option wiring.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Mapping
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
from stappenplan.text import excerpt

if TYPE_CHECKING:
    from stappenplan.output.formats import Report
    from stappenplan.plan.model import Plan

SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".txt": "text"}
"""The format an --output file gets from its extension when --format does not say."""


def output_format_for(requested: str | None, output: Path | None) -> str:
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
        f"--rol '{excerpt(text, 40)}': onbekende rol; {did_you_mean(text, ids)}rollen: {', '.join(ids)}"
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


def show_outcome(report: Report, *, plain: bool, paging: bool, console: Any = None) -> None:
    """The text outcome on screen: plain text when plain or piped, else the outcome screen
    (rich); paged when it is longer than the terminal."""
    from stappenplan.output.pager import page
    from stappenplan.output.text import render_outcome, report_options
    from stappenplan.output.wrap import output_width

    if console is not None:
        console.print()
    if plain or not sys.stdout.isatty():
        page(render_outcome(report, width=output_width()), enabled=paging)
        return
    # Only a terminal loads rich.
    from stappenplan.output.screen import screen_text

    shown = screen_text(report.loaded, report.outcome, report.contacts, **report_options(report))
    page(shown, enabled=paging)


def show_markdown(text: str, *, paging: bool) -> None:
    """`show`: on a terminal the Markdown rendered readably (and paged); piped, raw Markdown."""
    from stappenplan.output.pager import page

    if not sys.stdout.isatty():
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    # Only a terminal loads rich.
    from stappenplan.output.screen import markdown_screen

    page(markdown_screen(text), enabled=paging)


def offer_to_save(
    report: Report,
    answers: Mapping[str, Any],
    *,
    console: Any,
    plain: bool,
    now: dt.datetime,
) -> None:
    """After the wizard: offer to save the report and the record. Saying yes to the report
    first asks the optional facts a dossier needs (moment, description, case reference).

    Raises:
        KeyboardInterrupt, EOFError: after Ctrl-C or a closed input; the caller's Keeper
            (terminal.keep) keeps the answers.
    """
    from stappenplan.output.formats import render_outcome
    from stappenplan.record import build_record, record_to_yaml
    from stappenplan.terminal.asker import make_asker
    from stappenplan.terminal.incident_questions import ask_incident
    from stappenplan.terminal.saves import offer_saves

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
        return render_outcome("markdown", dataclasses.replace(report, incident=incident()))

    def record_text() -> str:
        given = asked[0] if asked else report.incident
        record = build_record(report.loaded, answers, report.outcome, report.created, given)
        return record_to_yaml(record)

    offer_saves(
        record_text=record_text,
        report_text=report_text,
        plain=plain,
        console=console,
    )
