"""The layout of an outcome as paragraphs, shared by plain text (`text.py`) and the outcome
screen (`screen.py`): alarm, verdict, "Nu doen", tasks per role, why, sources."""

from __future__ import annotations

from collections.abc import Mapping

from stappenplan.alarm import ALARM_TITLE
from stappenplan.engine import Outcome
from stappenplan.incident import Incident
from stappenplan.output.summary import build_view, calls_line, cite, who_line
from stappenplan.output.wrap import BLANK, Para
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.text import clean, numeric_date

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
            header.append(f"incident {numeric_date(incident.moment)}")
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
    if outcome.caveats:
        paras += [BLANK, Para("Let op:", style="bold")]
        for caveat in outcome.caveats:
            paras.append(Para(caveat.text, prefix="- "))
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
                    text += f", {numeric_date(source.date)}"
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
