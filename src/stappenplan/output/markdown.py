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

from stappenplan.engine import Outcome
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
) -> str:
    """The report of one assessment: verdict, checklist of actions, answers, sources.

    `created` is the moment of the assessment (given by the caller, never read here);
    `contacts` maps role ids to a short contact text agreed in advance.
    """
    plan = loaded.plan
    info = plan.plan
    lines = [
        f"# Verslag: {inline(info.title)}",
        "",
        f"**Vertrouwelijk:** {CONFIDENTIAL}",
        "",
        f"- Datum en tijd: {dutch_date(created.date())}, {created:%H:%M} (`{created.isoformat()}`)",
        f"- Plan: {code(info.id)}, versie {inline(info.version)}",
        f"- Vingerafdruk van het plan (sha256): {code(loaded.sha256)}",
        "",
    ]
    lines += _report_verdict(outcome)
    lines += _report_actions(plan, outcome, contacts)
    lines += _report_answers(plan, outcome)
    lines += _report_sources(plan, outcome)
    return "\n".join(lines).rstrip("\n") + "\n"


def _report_verdict(outcome: Outcome) -> list[str]:
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
        lines += [f"Bronnen: {refs_text(rule.sources)}", ""]
    if rule.inferred:
        lines += [INFERRED, ""]
    lines += ["### Landelijke betrokkenheid", ""]
    if not outcome.involvement:
        return [*lines, "Geen.", ""]
    for involvement in outcome.involvement:
        text = inline(involvement.text)
        if involvement.sources:
            text += f" (Bronnen: {refs_text(involvement.sources)})"
        if involvement.inferred:
            text += f" {INFERRED}"
        lines.append(f"- {text}")
    return [*lines, ""]


def _report_actions(plan: Plan, outcome: Outcome, contacts: Mapping[str, str] | None) -> list[str]:
    count = len(outcome.actions)
    lines = [
        "## Acties",
        "",
        f"{count} {'actie' if count == 1 else 'acties'}, de meest urgente eerst. "
        "Vink af wat gedaan is.",
        "",
    ]
    labels = {urgency.id: urgency.label for urgency in plan.urgencies}
    groups = list(labels) + [a.urgency for a in outcome.actions if a.urgency not in labels]
    for urgency_id in dict.fromkeys(groups):
        actions = [action for action in outcome.actions if action.urgency == urgency_id]
        if not actions:
            continue
        lines += [f"### {inline(labels.get(urgency_id, urgency_id))}", ""]
        for action in actions:
            who = role_label(plan, action.responsible)
            if contacts is not None:
                contact = contacts.get(action.responsible)
                who += f" (contact: {inline(contact) if contact else NO_CONTACT})"
            lines.append(f"- [ ] **{inline(action.title)}** — {who}")
            if action.details:
                lines.append(f"  - {inline(action.details)}")
            if action.sources:
                lines.append(f"  - Bronnen: {refs_text(action.sources)}")
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


def _report_sources(plan: Plan, outcome: Outcome) -> list[str]:
    refs = [*outcome.verdict.rule.sources]
    for involvement in outcome.involvement:
        refs += involvement.sources
    for action in outcome.actions:
        refs += action.sources
    cited = {ref.id for ref in refs}
    lines = ["## Bronnen", ""]
    for source in plan.sources:
        if source.id in cited:
            entry = f"- {code(source.id)}: {inline(source.title)}"
            if source.date:
                entry += f", {dutch_date(source.date)}"
            if source.url:
                entry += f", {url_link(source.url)}"
            lines.append(entry)
    known = {source.id for source in plan.sources}
    missing = dict.fromkeys(ref.id for ref in refs if ref.id not in known)
    lines += [f"- {code(source_id)}: onbekende bron" for source_id in missing]
    return [*lines, ""]


def render_outcome(report: Report) -> str:
    """The outcome as a Markdown report."""
    return render_report(
        report.loaded, report.outcome, created=report.created, contacts=report.contacts
    )
