"""Markdown building blocks (escaping, tables, references) and the report of an assessment; pure.

Every text that comes from a plan file or an answer goes through `inline` (running text) and,
inside a table, through `cell`; the document never contains raw HTML. The printed plan and
its flowchart are in `plan_markdown`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from stappenplan.alarm import ALARM_TITLE
from stappenplan.engine import Outcome
from stappenplan.incident import Incident
from stappenplan.output.summary import OutcomeView, build_view, calls_line, cite, who_line
from stappenplan.plan.conditions import Answer
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import Plan, SourceRef, Step
from stappenplan.text import clean, dutch_date

if TYPE_CHECKING:
    from stappenplan.output.formats import Report

INFERRED = "⚠ afgeleid — controleren"
CONFIDENTIAL = (
    "dit verslag bevat persoonsgegevens. Bewaar het in het dossier van het incident en deel het "
    "alleen met wie het voor de afhandeling nodig heeft."
)
NO_CONTACT = "nog niet afgesproken"

# --- escaping ---------------------------------------------------------------------------------

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"([\\`*_\[\]~#$])")
_BLOCK_START = re.compile(r"^([-+]|\d{1,9}[.)](?=\s|$))")
SPACE = re.compile(r"[ \t\r\n\f\v]+")
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>|\\`\"]+")
_SAFE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def inline(text: str) -> str:
    """Free text as one line of Markdown that shows exactly that text.

    Whitespace (newlines too) becomes single spaces, `<`, `>` and `&` become entities, and
    characters that could start emphasis, code, links, headings or lists are backslash-escaped.
    """
    text = clean(SPACE.sub(" ", text)).strip()
    text = re.sub("[&<>]", lambda match: _ENTITIES[match.group()], text)
    text = _SPECIAL.sub(r"\\\1", text)
    # A list marker at the start ('- ', '+ ', '1. ', '2) '): escape its last character.
    return _BLOCK_START.sub(lambda match: match.group()[:-1] + "\\" + match.group()[-1], text)


def cell(markdown: str) -> str:
    """A Markdown fragment made safe for a table cell: one line, `|` escaped."""
    return markdown.replace("\n", " ").replace("|", "\\|")


def paragraphs(text: str) -> list[str]:
    """Free text as escaped paragraphs (blank lines in the text separate them)."""
    parts = (inline(part) for part in re.split(r"\n[ \t]*\n", text))
    return [part for part in parts if part]


def code(value: str) -> str:
    """An id or hash as inline code; anything unexpected as escaped text."""
    return f"`{value}`" if _SAFE_CODE.fullmatch(value) else inline(value)


def url_link(url: str) -> str:
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else inline(url)


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table; every cell is a Markdown fragment and passes through `cell` here."""
    lines = [table_row(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend(table_row(row) for row in rows)
    return [*lines, ""]


def table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell(text) for text in cells) + " |"


def refs_text(refs: Iterable[SourceRef]) -> str:
    return "; ".join(inline(f"{ref.id} {ref.ref}") for ref in refs)


def refs_with_titles(plan: Plan, refs: Iterable[SourceRef]) -> str:
    parts = []
    for ref in refs:
        source = plan.source_index.get(ref.id)
        title = f" — {inline(source.title)}" if source else " (onbekende bron)"
        parts.append(inline(f"{ref.id} {ref.ref}") + title)
    return "; ".join(parts)


def role_label(plan: Plan, role_id: str) -> str:
    return inline(plan.role_label(role_id))


def action_titles(plan: Plan, action_ids: Iterable[str]) -> str:
    index = plan.action_index
    return " · ".join(
        inline(index[action_id].title) if action_id in index else f"{code(action_id)} (onbekend)"
        for action_id in action_ids
    )


def answer_labels(step: Step | None, answer: Answer) -> str:
    values = (answer,) if isinstance(answer, str) else answer
    if not values:
        return "geen"
    choices = {choice.value: choice.label for choice in step.choices} if step else {}
    return "; ".join(inline(choices.get(value, value)) for value in values)


# --- the report of one assessment ---------------------------------------------------------------


def render_report(
    loaded: LoadedPlan,
    outcome: Outcome,
    *,
    created: dt.datetime,
    contacts: Mapping[str, str] | None = None,
    role: str | None = None,
    incident: Incident | None = None,
    municipality: str | None = None,
) -> str:
    """The report of one assessment: alarm, "Nu doen", verdict, tasks per role, answers, sources.

    `created` is when the report was made (given by the caller, never read here); the
    incident's own moment is in `incident`. `contacts` maps role ids to a short contact text
    agreed in advance. With `role`, only that role's tasks.
    """
    plan = loaded.plan
    info = plan.plan
    view = build_view(plan, outcome, contacts, role)
    lines: list[str] = []
    if view.alarms:
        lines += [f"> **{ALARM_TITLE}:** " + " ".join(inline(a.text) for a in view.alarms), ""]
    title = f"# Verslag: {inline(info.title)}"
    if municipality:
        title += f" — gemeente {inline(municipality)}"
    lines += [title, "", f"**Vertrouwelijk:** {CONFIDENTIAL}", ""]
    if municipality:
        lines.append(f"- Gemeente: {inline(municipality)}")
    if incident is not None and incident.moment is not None:
        moment = incident.moment
        lines.append(f"- Incident: {dutch_date(moment.date())}, {moment:%H:%M}")
    if incident is not None and incident.reference:
        lines.append(f"- Kenmerk: {inline(incident.reference)}")
    if incident is not None and incident.description:
        lines.append(f"- Omschrijving: {inline(incident.description)}")
    lines += [
        f"- Verslag opgesteld: {dutch_date(created.date())}, {created:%H:%M} "
        f"(`{created.isoformat()}`)",
        f"- Plan: {code(info.id)}, versie {inline(info.version)}",
        f"- Vingerafdruk van het plan (sha256): {code(loaded.sha256)}",
        "",
    ]
    if role is None:
        lines += _report_now(view, contacts)
    lines += _report_verdict(outcome, view)
    lines += _report_actions(plan, view, contacts)
    lines += _report_answers(plan, outcome)
    lines += _report_sources(plan, view)
    return "\n".join(lines).rstrip("\n") + "\n"


def _report_now(view: OutcomeView, contacts: Mapping[str, str] | None) -> list[str]:
    if not view.now:
        return []
    lines = ["## Nu doen", ""]
    for task in view.now:
        who = inline(who_line(task, NO_CONTACT if contacts is not None else ""))
        lines.append(f"{task.number}. **{inline(task.action.title)}** — {who}")
    rest = len(view.tasks) - len(view.now)
    if rest > 0:
        lines += ["", f"Alle {len(view.tasks)} acties staan hieronder bij wie ze doet."]
    return [*lines, ""]


def _report_verdict(outcome: Outcome, view: OutcomeView) -> list[str]:
    verdict = outcome.verdict
    rule = verdict.rule
    lines = [
        f"## Domein: {inline(verdict.domain.label)}",
        "",
        f"**Gezag:** {inline(rule.authority)}",
        "",
        f"Waarom (regel {code(rule.id)}):",
        "",
        *(f"- {inline(reason)}" for reason in rule.reasons),
        "",
    ]
    if rule.sources:
        lines += [f"Bronnen: {inline(cite(view, rule.sources))}", ""]
    if rule.inferred:
        lines += [INFERRED, ""]
    lines += ["### Landelijke betrokkenheid", ""]
    if not outcome.involvement:
        lines += ["Geen.", ""]
    else:
        for involvement in outcome.involvement:
            text = inline(involvement.text)
            if involvement.sources:
                text += f" (Bronnen: {inline(cite(view, involvement.sources))})"
            if involvement.inferred:
                text += f" {INFERRED}"
            lines.append(f"- {text}")
        lines.append("")
    if outcome.caveats:
        lines += ["### Let op", ""]
        for caveat in outcome.caveats:
            text = inline(caveat.text)
            if caveat.sources:
                text += f" (Bronnen: {inline(cite(view, caveat.sources))})"
            lines.append(f"- {text}")
        lines.append("")
    return lines


def _report_actions(plan: Plan, view: OutcomeView, contacts: Mapping[str, str] | None) -> list[str]:
    count = len(view.tasks)
    noun = "actie" if count == 1 else "acties"
    if view.role is None:
        lines = ["## Wat doet wie", ""]
        lines += [f"{count} {noun}, per persoon; het nummer geeft de volgorde van urgentie.", ""]
    else:
        lines = [f"## Taken voor {inline(plan.role_label(view.role))}", ""]
        if not count:
            return [*lines, "Geen acties voor deze rol bij deze antwoorden.", ""]
        lines += [f"{count} {noun}; het nummer is dat in het volledige verslag.", ""]
    lines += ["Vink af wat gedaan is.", ""]
    labels = {urgency.id: urgency.label for urgency in plan.urgencies}
    for group in view.groups:
        heading = f"### {inline(group.label)}"
        if contacts is not None:
            heading += f" ({inline(group.contact) if group.contact else NO_CONTACT})"
        lines += [heading, ""]
        for task in group.tasks:
            action = task.action
            urgency = inline(labels.get(action.urgency, action.urgency).lower())
            lines.append(f"- [ ] **{task.number}. {inline(action.title)}** ({urgency})")
            if action.details:
                lines.append(f"  - {inline(action.details)}")
            calls = calls_line(task, missing=NO_CONTACT if contacts is not None else "")
            if calls:
                lines.append(f"  - {inline(calls)}")
            if action.sources:
                lines.append(f"  - Bronnen: {inline(cite(view, action.sources))}")
            if action.inferred:
                lines.append(f"  - {INFERRED}")
        lines.append("")
    return lines


def _report_answers(plan: Plan, outcome: Outcome) -> list[str]:
    done = outcome.walk
    steps = plan.step_index
    rows = []
    for number, step_id in enumerate(done.path, 1):
        step = steps.get(step_id)
        question = inline(step.question) if step else ""
        rows.append(
            [
                str(number),
                f"{question} ({code(step_id)})",
                answer_labels(step, done.answers[step_id]),
                "aangenomen (standaardantwoord)" if step_id in done.assumed else "",
            ]
        )
    lines = ["## Antwoorden", "", *table(["Nr.", "Vraag", "Antwoord", "Opmerking"], rows)]
    if outcome.ignored:
        ignored = ", ".join(code(answer_id) for answer_id in outcome.ignored)
        lines += [f"Genegeerd (niet op de route van deze antwoorden): {ignored}", ""]
    return lines


def _report_sources(plan: Plan, view: OutcomeView) -> list[str]:
    lines = ["## Bronnen", ""]
    for source_id, number in view.source_numbers.items():
        source = plan.source_index.get(source_id)
        if source is None:
            lines.append(f"{number}. {code(source_id)}: onbekende bron")
            continue
        entry = f"{number}. {code(source.id)}: {inline(source.title)}"
        if source.date:
            entry += f", {dutch_date(source.date)}"
        if source.url:
            entry += f", {url_link(source.url)}"
        lines.append(entry)
    return [*lines, ""]


def render_outcome(report: Report) -> str:
    """The outcome as a Markdown report."""
    dated = report.dated()
    return render_report(
        dated.loaded,
        dated.outcome,
        created=dated.created,
        contacts=dated.contacts,
        role=dated.role,
        incident=dated.incident,
        municipality=dated.municipality,
    )
