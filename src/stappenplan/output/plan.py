"""The whole plan as a Markdown document; pure.

This is the document a municipality prints and agrees on before an incident. All free text
goes through the escaping of `markdown`.
"""

from __future__ import annotations

from collections.abc import Mapping

from stappenplan.output.markdown import (
    INFERRED,
    action_titles,
    answer_labels,
    code,
    inline,
    paragraphs,
    refs_text,
    refs_with_titles,
    role_label,
    table,
    url_link,
)
from stappenplan.output.mermaid import render_mermaid
from stappenplan.output.routes import route_rows, target_per_choice
from stappenplan.plan.conditions import describe
from stappenplan.plan.graph import reachable, walking_order
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import END, Action, Plan, Step
from stappenplan.text import dutch_date

KIND_LABELS = {"one": "één antwoord", "several": "meer antwoorden mogelijk", "yes-no": "ja of nee"}
NOTE_KINDS = (("wijziging", "Wijzigingen in de regels"), ("open-punt", "Open punten"))


def render_plan(loaded: LoadedPlan) -> str:
    """The whole plan as one Markdown document, to discuss and agree on in advance."""
    plan = loaded.plan
    order = walking_order(plan)
    anchors = {step.id: f"stap-{number}-{step.id}" for number, step in enumerate(order, 1)}
    info = plan.plan
    lines = [
        f"# {inline(info.title)}",
        "",
        f"- Plan: {code(info.id)}, versie {inline(info.version)}",
        f"- Peildatum: {dutch_date(info.reference_date)}",
        f"- Vingerafdruk (sha256): {code(loaded.sha256[:12])}",
        f"- Omvang: {len(plan.steps)} vragen, {len(plan.actions)} acties, "
        f"{len(plan.sources)} bronnen",
        "",
    ]
    for paragraph in paragraphs(info.description):
        lines += [paragraph, ""]
    lines += [
        "> **Vooraf afspreken.** Bespreek dit plan vóór een incident met wie erin een rol heeft, "
        "en leg vast wie dat bij uw gemeente zijn en hoe zij bereikbaar zijn. Dan ligt na een "
        "incident vast wie wat doet, en wordt beveiliging geen onderwerp van politieke discussie.",
        "",
    ]
    lines += _sources_section(plan)
    lines += _roles_section(plan)
    lines += ["## Stroomschema", "", "```mermaid", render_mermaid(plan).rstrip("\n"), "```", ""]
    lines += _steps_section(plan, order, anchors)
    lines += _actions_section(plan)
    lines += _verdict_section(plan)
    lines += _involvement_section(plan)
    lines += _notes_section(plan)
    return "\n".join(lines).rstrip("\n") + "\n"


def _sources_section(plan: Plan) -> list[str]:
    rows = [
        [
            code(source.id),
            inline(source.title),
            dutch_date(source.date) if source.date else "",
            url_link(source.url) if source.url else "",
            inline(source.note),
        ]
        for source in plan.sources
    ]
    return ["## Bronnen", "", *table(["Bron", "Titel", "Datum", "Vindplaats", "Opmerking"], rows)]


def _roles_section(plan: Plan) -> list[str]:
    rows = [[inline(role.label), code(role.id), inline(role.help), ""] for role in plan.roles]
    return [
        "## Rollen",
        "",
        "Vul in de laatste kolom in wie dat bij uw gemeente is en hoe die bereikbaar is.",
        "",
        *table(["Rol", "Id", "Toelichting", "Naam en bereikbaarheid"], rows),
    ]


def _steps_section(plan: Plan, order: list[Step], anchors: Mapping[str, str]) -> list[str]:
    phases = {phase.id: phase.title for phase in plan.phases}
    reached = set(reachable(plan))
    lines = [
        "## Vragen",
        "",
        "In de volgorde waarin een doorloop ze tegenkomt. Per antwoord: de volgende vraag en de "
        "acties die het antwoord aan de lijst toevoegt.",
        "",
    ]
    for number, step in enumerate(order, 1):
        lines += [f"### Stap {number}: {step.id}", "", f"**{inline(step.question)}**", ""]
        for paragraph in paragraphs(step.help):
            lines += [paragraph, ""]
        facts = []
        if step.phase:
            facts.append(f"Fase: {inline(phases.get(step.phase, step.phase))}")
        kind = KIND_LABELS.get(step.kind, step.kind)
        if step.multiple and step.min_choices:
            kind += f" (minstens {step.min_choices})"
        facts.append(f"Soort: {kind}")
        if step.default is not None:
            facts.append(
                f"Standaardantwoord: {answer_labels(step, step.default)} "
                "(aangenomen als het antwoord ontbreekt)"
            )
        if step.sources:
            facts.append(f"Bronnen: {refs_with_titles(plan, step.sources)}")
        if step.inferred:
            facts.append(INFERRED)
        if step.id not in reached:
            facts.append("⚠ Geen doorloop komt bij deze vraag.")
        lines += [f"- {fact}" for fact in facts] + [""]
        lines += _step_table(plan, step, anchors)
        if step.actions:
            lines += [f"Bij elk antwoord: {action_titles(plan, step.actions)}", ""]
    return lines


def _step_table(plan: Plan, step: Step, anchors: Mapping[str, str]) -> list[str]:
    def link(target: str) -> str:
        if target == END:
            return "einde"
        if target in anchors:
            return f"[{inline(target)}](#{anchors[target]})"
        return f"{code(target)} (onbekende stap)"

    per_choice = target_per_choice(step)
    branches = route_rows(step)
    routing = "; ".join(
        f"als {inline(condition)} → {link(target)}" if condition else f"anders → {link(target)}"
        for condition, target in branches
    )
    if len(branches) == 1:
        routing = link(branches[0][1])
    rows = []
    for choice in step.choices:
        answer = f"{inline(choice.label)} ({code(choice.value)})"
        if choice.help:
            answer += f": {inline(choice.help)}"
        target = link(per_choice[choice.value]) if per_choice is not None else routing
        rows.append([answer, target, action_titles(plan, choice.actions)])
    if not rows:
        rows.append(["(geen keuzes)", routing, ""])
    return table(["Antwoord", "Volgende vraag", "Voegt toe"], rows)


def _triggers(plan: Plan) -> dict[str, list[str]]:
    """For each action id, what adds it: an answer, a question, a verdict or involvement rule."""
    found: dict[str, list[str]] = {}
    for step in plan.steps:
        for action_id in step.actions:
            found.setdefault(action_id, []).append(f"{code(step.id)} (elk antwoord)")
        for choice in step.choices:
            for action_id in choice.actions:
                found.setdefault(action_id, []).append(f"{code(step.id)} = {code(choice.value)}")
    for rule in (*plan.verdict.rules, plan.verdict.default):
        for action_id in rule.actions:
            found.setdefault(action_id, []).append(f"domeinregel {code(rule.id)}")
    for involvement in plan.involvement:
        for action_id in involvement.actions:
            found.setdefault(action_id, []).append(f"betrokkenheid {code(involvement.id)}")
    return found


def _actions_section(plan: Plan) -> list[str]:
    urgencies = ", ".join(inline(urgency.label) for urgency in plan.urgencies)
    lines = ["## Acties", "", f"Urgentie, van hoog naar laag: {urgencies}.", ""]
    triggers = _triggers(plan)
    groups = [(phase.id, phase.title) for phase in plan.phases]
    known = {phase.id for phase in plan.phases}
    loose = [action for action in plan.actions if action.phase not in known]
    for phase_id, title in groups:
        actions = [action for action in plan.actions if action.phase == phase_id]
        if actions:
            lines += [f"### {inline(title)}", ""]
            lines += [line for action in actions for line in _action_entry(plan, action, triggers)]
    if loose:
        lines += ["### Zonder fase", ""]
        lines += [line for action in loose for line in _action_entry(plan, action, triggers)]
    return lines


def _action_entry(plan: Plan, action: Action, triggers: Mapping[str, list[str]]) -> list[str]:
    urgency = {u.id: u.label for u in plan.urgencies}.get(action.urgency, action.urgency)
    domain = plan.domain_index.get(action.domain)
    lines = [f"#### {inline(action.title)}", ""]
    for paragraph in paragraphs(action.details):
        lines += [paragraph, ""]
    facts = [
        f"Id: {code(action.id)}",
        f"Wie: {role_label(plan, action.responsible)}",
        f"Urgentie: {inline(urgency)}",
        f"Domein: {inline(domain.label if domain else action.domain)}",
    ]
    if action.sources:
        facts.append(f"Bronnen: {refs_with_titles(plan, action.sources)}")
    if action.when is not None:
        facts.append(f"Voorwaarde: {inline(describe(action.when))}")
    if action.id in triggers:
        facts.append(f"Toegevoegd door: {'; '.join(triggers[action.id])}")
    elif action.when is None:
        facts.append("⚠ Geen antwoord en geen regel voegt deze actie toe.")
    if action.inferred:
        facts.append(INFERRED)
    return [*lines, *(f"- {fact}" for fact in facts), ""]


def _verdict_section(plan: Plan) -> list[str]:
    rows = []
    verdict_table = plan.verdict
    for number, rule in enumerate((*verdict_table.rules, verdict_table.default), 1):
        is_default = number > len(verdict_table.rules)
        domain = plan.domain_index.get(rule.verdict)
        verdict = inline(domain.label if domain else rule.verdict)
        if rule.inferred:
            verdict += f" {INFERRED}"
        if is_default:
            condition = "anders (standaard)"
        else:
            condition = inline(describe(rule.when)) if rule.when is not None else "altijd"
        rows.append(
            [
                f"{'–' if is_default else number} {code(rule.id)}",
                condition,
                verdict,
                inline(rule.authority),
                " ".join(inline(reason) for reason in rule.reasons),
                refs_text(rule.sources),
                action_titles(plan, rule.actions),
            ]
        )
    header = ["Regel", "Voorwaarde", "Domein", "Gezag", "Redenen", "Bronnen", "Voegt toe"]
    domains = [[inline(domain.label), inline(domain.authority)] for domain in plan.domains]
    return [
        "## Domein",
        "",
        "De eerste regel waarvan de voorwaarde klopt, bepaalt het domein; klopt er geen, dan "
        "geldt de standaardregel.",
        "",
        *table(header, rows),
        *table(["Domein", "Gezag"], domains),
    ]


def _involvement_section(plan: Plan) -> list[str]:
    rows = [
        [
            f"{number} {code(rule.id)}",
            inline(describe(rule.when)),
            inline(rule.text) + (f" {INFERRED}" if rule.inferred else ""),
            refs_text(rule.sources),
            action_titles(plan, rule.actions),
        ]
        for number, rule in enumerate(plan.involvement, 1)
    ]
    lines = [
        "## Landelijke betrokkenheid",
        "",
        "Elke regel waarvan de voorwaarde klopt, geldt, ook als het domein lokaal is.",
        "",
    ]
    if not rows:
        return [*lines, "Dit plan heeft geen regels voor landelijke betrokkenheid.", ""]
    return [*lines, *table(["Regel", "Voorwaarde", "Betrokkenheid", "Bronnen", "Voegt toe"], rows)]


def _notes_section(plan: Plan) -> list[str]:
    if not plan.notes:
        return []
    lines = ["## Notities", ""]
    for kind, heading in NOTE_KINDS:
        notes = [note for note in plan.notes if note.kind == kind]
        if not notes:
            continue
        lines += [f"### {heading}", ""]
        for note in notes:
            lines += [f"#### {inline(note.title)}", ""]
            for paragraph in paragraphs(note.text):
                lines += [paragraph, ""]
            if note.sources:
                lines += [f"Bronnen: {refs_with_titles(plan, note.sources)}", ""]
    return lines
