"""A case and lists of cases as text, Markdown and JSON data (Dutch for people, English keys)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from stappenplan.dossier.due import days_late
from stappenplan.dossier.model import Case, CaseSummary, DueAction, Earlier
from stappenplan.text import dutch_date, visible


def stored_date(value: str) -> str:
    """A stored ISO date or moment ('2026-03-04', '2026-03-04T14:05:00+01:00') as Dutch text:
    '4 maart 2026', with ', 14:05' for a moment.

    Midnight exactly counts as a date without a time.
    """
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    text = dutch_date(moment.date())
    # Midnight exactly: a date given without a time, not an incident at 00:00:00.
    if "T" in value and moment.time() != dt.time():
        text += f", {moment:%H:%M}"
    return text


def repeat_lines(earlier: Sequence[Earlier], *, new: bool = True) -> list[str]:
    """The repeat-offender message: how many other cases, when, and the advice.

    For a new case the others are earlier ones; `show` of an older case also counts the
    cases registered after it.
    """
    if not earlier:
        return []
    when = ", ".join(f"zaak {item.case_id} ({stored_date(item.incident_at)})" for item in earlier)
    count = len(earlier)
    word = "eerdere" if new else "andere"
    cases_word = f"{word} zaak" if count == 1 else f"{word} zaken"
    return [
        f"Herhaling: het dossier bevat {count} {cases_word} met dit daderlabel: {when}.",
        "Advies: geef de politie het hele patroon, niet alleen dit incident.",
    ]


def _action_status(case: Case, today: dt.date) -> list[tuple[str, str]]:
    """(mark, text) per action: [x] done, [ ] open, with due date and lateness."""
    rows = []
    for action in case.actions:
        if action.done_at is not None:
            text = f"afgerond {stored_date(action.done_at)}"
            if action.done_by:
                text += f" door {action.done_by}"
            if action.note:
                text += f": {action.note}"
            rows.append(("[x]", text))
        else:
            late = days_late(dt.date.fromisoformat(action.due), today)
            text = f"open, uiterlijk {stored_date(action.due)}"
            if late:
                text += f" ({late} dag{'en' if late != 1 else ''} te laat)"
            rows.append(("[ ]", text))
    return rows


def _facts(case: Case) -> list[tuple[str, str]]:
    facts = [
        ("Incident", stored_date(case.incident_at)),
        ("Geregistreerd", stored_date(case.registered)),
    ]
    if case.reference:
        facts.append(("Kenmerk", case.reference))
    if case.description:
        facts.append(("Omschrijving", case.description))
    domain = case.outcome.get("domain", {})
    facts += [
        ("Doelwit", case.target or "-"),
        ("Soort incident", ", ".join(case.incidents) or "-"),
        ("Domein", str(domain.get("label") or case.verdict)),
        ("Aangifte", case.aangifte or "-"),
        ("Plan", f"{case.plan_id} {case.plan_version} (sha256 {case.plan_sha256[:12]})"),
    ]
    return facts


def case_text(case: Case, today: dt.date) -> str:
    """A case as plain text: the facts, the repeat pattern, each action with its status."""
    lines = [f"ZAAK {case.case_id}"]
    lines += [f"{label}: {value}" for label, value in _facts(case)]
    if case.earlier:
        lines += ["", *repeat_lines(case.earlier, new=False)]
    done = len(case.actions) - case.open_actions
    lines += ["", f"ACTIES ({done} van {len(case.actions)} afgerond)"]
    for action, (mark, status) in zip(case.actions, _action_status(case, today), strict=True):
        lines.append(f"{mark} {action.position:>2}. {action.title} [{action.action_id}]")
        lines.append(f"       Wie: {action.responsible}; {status}")
    return visible("\n".join(lines), keep="\n") + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown line: no markup characters acting on it."""
    escaped = "".join(f"\\{char}" if char in "\\`*_[]<>#|" else char for char in text)
    return " ".join(escaped.split())


def case_markdown(case: Case, today: dt.date) -> str:
    """A case as Markdown, to print or attach to the case file."""
    lines = [f"# Zaak {case.case_id}", ""]
    lines += [f"- **{label}:** {_md(value)}" for label, value in _facts(case)]
    if case.earlier:
        lines += ["", *(f"> {_md(line)}" for line in repeat_lines(case.earlier, new=False))]
    done = len(case.actions) - case.open_actions
    lines += ["", f"## Acties ({done} van {len(case.actions)} afgerond)", ""]
    for action, (mark, status) in zip(case.actions, _action_status(case, today), strict=True):
        lines.append(f"- {mark} **{_md(action.title)}** — {_md(action.responsible)}; {_md(status)}")
    return "\n".join(lines) + "\n"


def case_data(case: Case) -> dict[str, Any]:
    """A case as JSON data: the stored outcome, and each action with its follow-up."""
    return {
        "id": case.case_id,
        "uid": case.uid,
        "registered": case.registered,
        "incident_at": case.incident_at,
        "reference": case.reference,
        "description": case.description,
        "target": case.target,
        "incidents": list(case.incidents),
        "verdict": case.verdict,
        "aangifte": case.aangifte,
        "plan": {"id": case.plan_id, "version": case.plan_version, "sha256": case.plan_sha256},
        "earlier_cases": [
            {"id": item.case_id, "incident_at": item.incident_at} for item in case.earlier
        ],
        "actions": [
            {
                "id": action.action_id,
                "title": action.title,
                "responsible": action.responsible,
                "urgency": action.urgency,
                "due": action.due,
                "done": action.done_at is not None,
                "done_at": action.done_at,
                "done_by": action.done_by,
                "note": action.note,
            }
            for action in case.actions
        ],
        "record": case.record,
        "outcome": case.outcome,
    }


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [
        max([len(header)] + [len(row[index]) for row in rows])
        for index, header in enumerate(headers)
    ]
    lines = ["  ".join(f"{cell:<{width}}" for cell, width in zip(headers, widths, strict=True))]
    for row in rows:
        lines.append("  ".join(f"{cell:<{width}}" for cell, width in zip(row, widths, strict=True)))
    return visible("\n".join(line.rstrip() for line in lines), keep="\n") + "\n"


def cases_table(summaries: Sequence[CaseSummary]) -> str:
    """`dossier list`: one line per case."""
    rows = [
        (
            str(item.case_id),
            item.incident_at[:10],
            item.target or "-",
            item.verdict,
            item.status,
            f"{item.open_actions}/{item.total_actions}",
            item.reference or "",
        )
        for item in summaries
    ]
    headers = ("Zaak", "Incident", "Doelwit", "Domein", "Status", "Open", "Kenmerk")
    return _table(headers, rows)


def cases_data(summaries: Sequence[CaseSummary]) -> list[dict[str, Any]]:
    """`dossier list --format json`."""
    return [
        {
            "id": item.case_id,
            "incident_at": item.incident_at,
            "target": item.target,
            "verdict": item.verdict,
            "status": "open" if item.open_actions else "done",
            "open_actions": item.open_actions,
            "actions": item.total_actions,
            "reference": item.reference,
        }
        for item in summaries
    ]


def due_table(items: Sequence[DueAction], today: dt.date) -> str:
    """`dossier list --due`: open actions whose date has come, the oldest first."""
    rows = [
        (
            str(item.case_id),
            str(item.position),
            item.due,
            str(days_late(dt.date.fromisoformat(item.due), today)),
            item.title,
            item.responsible,
            item.reference or "",
        )
        for item in items
    ]
    # Zaak and Nr are what `dossier done ZAAK NR` takes.
    headers = ("Zaak", "Nr", "Uiterlijk", "Dagen te laat", "Actie", "Wie", "Kenmerk")
    return _table(headers, rows)


def due_data(items: Sequence[DueAction], today: dt.date) -> list[dict[str, Any]]:
    """`dossier list --due --format json`."""
    return [
        {
            "case": item.case_id,
            "action": item.action_id,
            "number": item.position,
            "due": item.due,
            "days_late": days_late(dt.date.fromisoformat(item.due), today),
            "title": item.title,
            "responsible": item.responsible,
            "reference": item.reference,
        }
        for item in items
    ]
