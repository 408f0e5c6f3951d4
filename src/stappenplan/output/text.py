"""Outcome and plan as JSON data and as terminal text (rich); Markdown lives in markdown.py."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stappenplan.alarm import ALARM_TITLE, alarm_data, alarms
from stappenplan.answers import answers_to_data
from stappenplan.engine import Outcome
from stappenplan.incident import Incident
from stappenplan.output.summary import build_view, calls_line, cite, who_line
from stappenplan.output.wrap import BLANK, Para, one_line, wrap_paras
from stappenplan.plan.loader import LoadedPlan

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text without control characters or bidi overrides, safe to put on a terminal."""
    return _CONTROL.sub("", text)


def outcome_data(
    loaded: LoadedPlan,
    outcome: Outcome,
    contacts: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    role: str | None = None,
    incident: Incident | None = None,
    municipality: str | None = None,
) -> dict[str, Any]:
    """The JSON contract of plan-spec §6; with `contacts` (role id -> contact data, personal
    data, only on request) each action also gets a `contact`.

    Additions to the contract: `alarm` (first, only in an acute case), `incident` and
    `municipality` (when known), `role` with only that role's actions (`--rol`), and per
    action `call` (roles to call) when the plan names them.
    """
    plan = loaded.plan
    verdict = outcome.verdict
    walk = outcome.walk
    data: dict[str, Any] = {}
    alarm = alarm_data(alarms(plan, walk.answers, walk.path))
    if alarm is not None:
        data["alarm"] = alarm
    data |= {
        "plan": {"id": plan.plan.id, "version": plan.plan.version, "sha256": loaded.sha256},
        "answers": answers_to_data(walk.answers),
        "assumed": list(walk.assumed),
        "ignored": list(outcome.ignored),
        "path": list(walk.path),
        "domain": {
            "verdict": verdict.domain.id,
            "label": verdict.domain.label,
            "authority": verdict.rule.authority,
            "reasons": list(verdict.reasons),
            "national_involvement": [rule.text for rule in outcome.involvement],
        },
    }
    if municipality:
        data["municipality"] = municipality
    if incident is not None and not incident.empty:
        data["incident"] = incident.data()
    if role is not None:
        data["role"] = {"id": role, "label": plan.role_label(role)}
    actions = [a for a in outcome.actions if role is None or a.responsible == role]
    data["actions"] = []
    for action in actions:
        item: dict[str, Any] = {
            "id": action.id,
            "title": action.title,
            "details": action.details,
            "responsible": action.responsible,
            "responsible_label": plan.role_label(action.responsible),
            "urgency": action.urgency,
            "domain": action.domain,
            "sources": [{"id": ref.id, "ref": ref.ref} for ref in action.sources],
        }
        if action.call:
            item["call"] = list(action.call)
        if contacts is not None:
            item["contact"] = contacts.get(action.responsible)
        data["actions"].append(item)
    return data


_JSON_ESCAPED = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters json.dumps leaves raw with ensure_ascii=False that can act on a terminal."""


def to_json(data: Mapping[str, Any]) -> str:
    """Stable, readable JSON (UTF-8 kept, two-space indent, trailing newline).

    Control and bidi characters are written as \\u escapes (the data stays the same), so
    JSON printed to a terminal cannot steer it.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def plan_data(loaded: LoadedPlan) -> dict[str, Any]:
    """The plan as data, for `show --format json`."""
    data = loaded.plan.model_dump(mode="json", exclude_defaults=True)
    return {"sha256": loaded.sha256, **data}


NO_CONTACT = "nog niet afgesproken"


def outcome_paras(
    loaded: LoadedPlan,
    outcome: Outcome,
    contacts: Mapping[str, str] | None = None,
    *,
    role: str | None = None,
    incident: Incident | None = None,
    municipality: str | None = None,
) -> list[Para]:
    """The outcome as paragraphs, most urgent first.

    First what cannot wait: an alarm (call 112), the verdict in one line and "Nu doen" (at
    most five actions, one line each, with who and their number); on 80x24 that is the first
    screen. Then why (the verdict), the tasks per role ("wat doet wie") and the sources, cited
    as [1], [2] and listed at the end. With `role`, only that role's tasks.
    """
    plan = loaded.plan
    verdict = outcome.verdict
    view = build_view(plan, outcome, contacts, role)
    paras: list[Para] = []
    if view.alarms:
        paras.append(Para(ALARM_TITLE, style="bold red"))
        for text in dict.fromkeys(alarm.text for alarm in view.alarms):
            paras.append(Para(text, style="bold"))
        paras.append(BLANK)
    paras.append(Para(f"DOMEIN: {verdict.domain.label.upper()}", style="bold", one_line=True))
    header = [f"Gemeente {municipality}" if municipality else ""]
    if incident is not None:
        if incident.moment is not None:
            header.append(f"incident {incident.moment:%d-%m-%Y %H:%M}")
        if incident.reference:
            header.append(f"kenmerk {incident.reference}")
    if any(header):
        paras.append(Para(" · ".join(part for part in header if part), style="dim"))
    if role is None:
        paras += [BLANK, Para("NU DOEN", style="bold")]
        for task in view.now:
            paras.append(
                Para(
                    task.action.title,
                    prefix=f"{task.number:>2}. ",
                    one_line=True,
                    tail=who_line(task, NO_CONTACT if contacts is not None else ""),
                    short_tail=who_line(task, short=True),  # 'not agreed': in the list
                )
            )
        rest = len(view.tasks) - len(view.now)
        if rest > 0:
            paras.append(
                Para(f"Hieronder: alle {len(view.tasks)} acties per persoon, en waarom dit domein.")
            )
    if role is None:
        paras += [BLANK, Para("WAT DOET WIE", style="bold")]
    else:
        paras += [BLANK, Para(f"TAKEN VOOR {plan.role_label(role).upper()}", style="bold")]
    labels = {urgency.id: urgency.label for urgency in plan.urgencies}
    if not view.tasks:
        paras.append(Para("Geen acties voor deze rol bij deze antwoorden."))
    for group in view.groups:
        contact = group.contact if contacts is None else (group.contact or NO_CONTACT)
        title = f"{group.label} ({contact})" if contact else group.label
        paras += [BLANK, Para(title, style="bold")]
        for task in group.tasks:
            action = task.action
            urgency = labels.get(action.urgency, action.urgency)
            paras.append(
                Para(f"{action.title} ({urgency.lower()})", prefix=f"{task.number:>2}. ", indent=1)
            )
            if action.details:
                paras.append(Para(action.details, indent=5))
            calls = calls_line(task, missing=NO_CONTACT if contacts is not None else "")
            if calls:
                paras.append(Para(calls, indent=5))
            mark = " (afgeleid: controleren)" if action.inferred else ""
            if action.sources or mark:
                paras.append(
                    Para(f"Bron: {cite(view, action.sources)}{mark}", indent=5, style="dim")
                )
    paras += [BLANK, Para("WAAROM DIT DOMEIN", style="bold")]
    paras.append(Para(f"Gezag: {verdict.rule.authority}"))
    for reason in verdict.reasons:
        paras.append(Para(reason, prefix="- "))
    if verdict.rule.sources:
        paras.append(Para(f"Bron: {cite(view, verdict.rule.sources)}", indent=2, style="dim"))
    if outcome.involvement:
        paras += [BLANK, Para("Landelijke betrokkenheid:", style="bold")]
        for rule in outcome.involvement:
            paras.append(Para(rule.text, prefix="- "))
    if view.source_numbers:
        paras += [BLANK, Para("BRONNEN", style="bold")]
        sources = plan.source_index
        for source_id, number in view.source_numbers.items():
            source = sources.get(source_id)
            if source is None:
                text = f"{source_id}: onbekende bron"
            else:
                text = source.title
                if source.date:
                    text += f", {source.date:%d-%m-%Y}"
                if source.url:
                    text += f", {source.url}"
            paras.append(Para(text, prefix=f"[{number}] "))
    if outcome.walk.assumed:
        paras += [
            BLANK,
            Para(f"Aangenomen (standaardantwoord): {', '.join(outcome.walk.assumed)}", style="dim"),
        ]
    if outcome.ignored:
        paras.append(
            Para(f"Genegeerd (niet op de route): {', '.join(outcome.ignored)}", style="dim")
        )
    return [
        Para(
            clean(p.text),
            clean(p.prefix),
            p.indent,
            p.style,
            p.one_line,
            clean(p.tail),
            clean(p.short_tail),
        )
        for p in paras
    ]


def outcome_renderables(
    loaded: LoadedPlan,
    outcome: Outcome,
    contacts: Mapping[str, str] | None = None,
    **options: Any,
) -> list[RenderableType]:
    """The outcome screen for a rich console: the paragraphs of `outcome_paras`, styled.

    Paragraphs wrap between words with a hanging indent; the alarm stands in a red box.
    """
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    paras = outcome_paras(loaded, outcome, contacts, **options)
    parts: list[RenderableType] = []
    alarm: list[Para] = []
    if paras and paras[0].text == ALARM_TITLE:
        while paras and paras[0].text:
            alarm.append(paras.pop(0))
        body = Text("\n".join(para.text for para in alarm[1:]), style="bold")
        parts.append(
            Panel(body, title=ALARM_TITLE, title_align="left", border_style="red", padding=(0, 1))
        )
    for para in paras:
        if para.one_line:
            parts.append(OneLine(para))
            continue
        text = Text(para.text, style=para.style)
        if not para.prefix:
            parts.append(Padding(text, (0, 0, 0, para.indent)) if para.indent else text)
            continue
        grid = Table.grid(padding=0)
        grid.add_column(width=para.indent) if para.indent else None
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        cells: list[Any] = [Text(" " * para.indent)] if para.indent else []
        grid.add_row(*cells, Text(para.prefix), text)
        parts.append(grid)
    return parts


class OneLine:
    """A paragraph shown on one line: shortened between words to the width of the console."""

    def __init__(self, para: Para) -> None:
        self.para = para

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        para = self.para
        first = " " * para.indent + para.prefix
        room = max(10, options.max_width - len(first))
        yield Text(first + one_line(para, room), style=para.style, no_wrap=True)


def render_text(
    loaded: LoadedPlan,
    outcome: Outcome,
    console: Console,
    contacts: Mapping[str, str] | None = None,
    **options: Any,
) -> None:
    """Print the outcome screen to a rich console."""
    for renderable in outcome_renderables(loaded, outcome, contacts, **options):
        console.print(renderable)


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
