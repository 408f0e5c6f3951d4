"""The plan and the report of an assessment as Markdown, and the step graph as Mermaid; pure.

Every text that comes from a plan file or an answer goes through `inline` (running text) and,
inside a table, through `cell`; the document never contains raw HTML.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import deque
from collections.abc import Iterable, Mapping, Sequence

from stappenplan.conditions import Answer, describe, iter_matches
from stappenplan.engine import Outcome, next_step_id
from stappenplan.loader import LoadedPlan
from stappenplan.model import END, Action, Plan, SourceRef, Step
from stappenplan.render import clean

INFERRED = "⚠ afgeleid — controleren"
CONFIDENTIAL = (
    "dit verslag bevat persoonsgegevens. Bewaar het in het dossier van het incident en deel het "
    "alleen met wie het voor de afhandeling nodig heeft."
)
NO_CONTACT = "nog niet afgesproken"
KIND_LABELS = {"one": "één antwoord", "several": "meer antwoorden mogelijk", "yes-no": "ja of nee"}
NOTE_KINDS = (("wijziging", "Wijzigingen in de regels"), ("open-punt", "Open punten"))
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# --- escaping ---------------------------------------------------------------------------------

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"([\\`*_\[\]~#$])")
_BLOCK_START = re.compile(r"^([-+]|\d{1,9}[.)](?=\s|$))")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>|\\`\"]+")
_SAFE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_MERMAID = str.maketrans({char: f"#{ord(char)};" for char in "#;<>|[]{}`\\&%"} | {'"': "#quot;"})


def inline(text: str) -> str:
    """Free text as one line of Markdown that shows exactly that text.

    Whitespace (newlines too) becomes single spaces, `<`, `>` and `&` become entities, and
    characters that could start emphasis, code, links, headings or lists are backslash-escaped.
    """
    text = clean(_SPACE.sub(" ", text)).strip()
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


def _code(value: str) -> str:
    """An id or hash as inline code; anything unexpected as escaped text."""
    return f"`{value}`" if _SAFE_CODE.fullmatch(value) else inline(value)


def _url(url: str) -> str:
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else inline(url)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table; every cell is a Markdown fragment and passes through `cell` here."""
    lines = [_row(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend(_row(row) for row in rows)
    return [*lines, ""]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell(text) for text in cells) + " |"


def _date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- plan structure shared by the plan, the flowchart and the report --------------------------


def reachable(plan: Plan) -> list[str]:
    """The ids of the steps some walk can reach, breadth-first from the start."""
    steps = plan.step_index
    found: dict[str, int] = {}
    queue = deque([plan.plan.start])
    while queue:
        step_id = queue.popleft()
        if step_id in steps and step_id not in found:
            found[step_id] = len(found)
            queue.extend(route.goto for route in steps[step_id].next)
    return list(found)


def walking_order(plan: Plan) -> list[Step]:
    """The steps in the order a walk meets them, then the steps no walk reaches (plan order).

    Reachable steps are put in topological order (a step after every step that routes to it),
    ties broken by breadth-first rank, so a printed plan reads in the order a walk asks.
    """
    steps = plan.step_index
    found = reachable(plan)
    rank = {step_id: number for number, step_id in enumerate(found)}
    incoming = dict.fromkeys(found, 0)
    targets: dict[str, list[str]] = {}
    for step_id in found:
        gotos = (route.goto for route in steps[step_id].next if route.goto in incoming)
        targets[step_id] = list(dict.fromkeys(gotos))
        for target in targets[step_id]:
            incoming[target] += 1
    order: list[str] = []
    ready = [(rank[step_id], step_id) for step_id in found if incoming[step_id] == 0]
    while ready:
        _, step_id = heapq.heappop(ready)
        order.append(step_id)
        for target in targets[step_id]:
            incoming[target] -= 1
            if incoming[target] == 0:
                heapq.heappush(ready, (rank[target], target))
    placed = set(order)
    order += [step_id for step_id in found if step_id not in placed]  # a cycle: BFS order
    order += list(dict.fromkeys(step.id for step in plan.steps if step.id not in rank))
    return [steps[step_id] for step_id in order]


def _routing(step: Step) -> list[tuple[str | None, str]]:
    """The routing table as (condition in Dutch or None, target); ends with END if open."""
    branches: list[tuple[str | None, str]] = []
    for route in step.next:
        if route.when is None:
            return [*branches, (None, route.goto)]
        branches.append((describe(route.when), route.goto))
    return [*branches, (None, END)]


def _target_per_choice(step: Step) -> dict[str, str] | None:
    """The next step per answer, when the routing depends on nothing but this answer."""
    for route in step.next:
        if route.when is not None and (
            step.multiple or any(match.step != step.id for match in iter_matches(route.when))
        ):
            return None
    if not step.choices:
        return None
    return {choice.value: next_step_id(step, {step.id: choice.value}) for choice in step.choices}


def _refs(refs: Iterable[SourceRef]) -> str:
    return "; ".join(inline(f"{ref.id} {ref.ref}") for ref in refs)


def _refs_with_titles(plan: Plan, refs: Iterable[SourceRef]) -> str:
    parts = []
    for ref in refs:
        source = plan.source_index.get(ref.id)
        title = f" — {inline(source.title)}" if source else " (onbekende bron)"
        parts.append(inline(f"{ref.id} {ref.ref}") + title)
    return "; ".join(parts)


def _role(plan: Plan, role_id: str) -> str:
    role = plan.role_index.get(role_id)
    return inline(role.label if role else role_id)


def _action_titles(plan: Plan, action_ids: Iterable[str]) -> str:
    index = plan.action_index
    return " · ".join(
        inline(index[action_id].title) if action_id in index else f"{_code(action_id)} (onbekend)"
        for action_id in action_ids
    )


def _answer_labels(step: Step | None, answer: Answer) -> str:
    values = (answer,) if isinstance(answer, str) else answer
    if not values:
        return "geen"
    choices = {choice.value: choice.label for choice in step.choices} if step else {}
    return "; ".join(inline(choices.get(value, value)) for value in values)


# --- the whole plan -----------------------------------------------------------------------------


def render_plan(loaded: LoadedPlan) -> str:
    """The whole plan as one Markdown document, to discuss and agree on in advance."""
    plan = loaded.plan
    order = walking_order(plan)
    anchors = {step.id: f"stap-{number}-{step.id}" for number, step in enumerate(order, 1)}
    info = plan.plan
    lines = [
        f"# {inline(info.title)}",
        "",
        f"- Plan: {_code(info.id)}, versie {inline(info.version)}",
        f"- Peildatum: {_date(info.reference_date)}",
        f"- Vingerafdruk (sha256): {_code(loaded.sha256[:12])}",
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
            _code(source.id),
            inline(source.title),
            _date(source.date) if source.date else "",
            _url(source.url) if source.url else "",
            inline(source.note),
        ]
        for source in plan.sources
    ]
    return ["## Bronnen", "", *_table(["Bron", "Titel", "Datum", "Vindplaats", "Opmerking"], rows)]


def _roles_section(plan: Plan) -> list[str]:
    rows = [[inline(role.label), _code(role.id), inline(role.help), ""] for role in plan.roles]
    return [
        "## Rollen",
        "",
        "Vul in de laatste kolom in wie dat bij uw gemeente is en hoe die bereikbaar is.",
        "",
        *_table(["Rol", "Id", "Toelichting", "Naam en bereikbaarheid"], rows),
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
                f"Standaardantwoord: {_answer_labels(step, step.default)} "
                "(aangenomen als het antwoord ontbreekt)"
            )
        if step.sources:
            facts.append(f"Bronnen: {_refs_with_titles(plan, step.sources)}")
        if step.inferred:
            facts.append(INFERRED)
        if step.id not in reached:
            facts.append("⚠ Geen doorloop komt bij deze vraag.")
        lines += [f"- {fact}" for fact in facts] + [""]
        lines += _step_table(plan, step, anchors)
        if step.actions:
            lines += [f"Bij elk antwoord: {_action_titles(plan, step.actions)}", ""]
    return lines


def _step_table(plan: Plan, step: Step, anchors: Mapping[str, str]) -> list[str]:
    def link(target: str) -> str:
        if target == END:
            return "einde"
        if target in anchors:
            return f"[{inline(target)}](#{anchors[target]})"
        return f"{_code(target)} (onbekende stap)"

    per_choice = _target_per_choice(step)
    branches = _routing(step)
    routing = "; ".join(
        f"als {inline(condition)} → {link(target)}" if condition else f"anders → {link(target)}"
        for condition, target in branches
    )
    if len(branches) == 1:
        routing = link(branches[0][1])
    rows = []
    for choice in step.choices:
        answer = f"{inline(choice.label)} ({_code(choice.value)})"
        if choice.help:
            answer += f": {inline(choice.help)}"
        target = link(per_choice[choice.value]) if per_choice is not None else routing
        rows.append([answer, target, _action_titles(plan, choice.actions)])
    if not rows:
        rows.append(["(geen keuzes)", routing, ""])
    return _table(["Antwoord", "Volgende vraag", "Voegt toe"], rows)


def _triggers(plan: Plan) -> dict[str, list[str]]:
    """For each action id, what adds it: an answer, a question, a verdict or involvement rule."""
    found: dict[str, list[str]] = {}
    for step in plan.steps:
        for action_id in step.actions:
            found.setdefault(action_id, []).append(f"{_code(step.id)} (elk antwoord)")
        for choice in step.choices:
            for action_id in choice.actions:
                found.setdefault(action_id, []).append(f"{_code(step.id)} = {_code(choice.value)}")
    for rule in (*plan.verdict.rules, plan.verdict.default):
        for action_id in rule.actions:
            found.setdefault(action_id, []).append(f"domeinregel {_code(rule.id)}")
    for involvement in plan.involvement:
        for action_id in involvement.actions:
            found.setdefault(action_id, []).append(f"betrokkenheid {_code(involvement.id)}")
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
        f"Id: {_code(action.id)}",
        f"Wie: {_role(plan, action.responsible)}",
        f"Urgentie: {inline(urgency)}",
        f"Domein: {inline(domain.label if domain else action.domain)}",
    ]
    if action.sources:
        facts.append(f"Bronnen: {_refs_with_titles(plan, action.sources)}")
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
    table = plan.verdict
    for number, rule in enumerate((*table.rules, table.default), 1):
        is_default = number > len(table.rules)
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
                f"{'–' if is_default else number} {_code(rule.id)}",
                condition,
                verdict,
                inline(rule.authority),
                " ".join(inline(reason) for reason in rule.reasons),
                _refs(rule.sources),
                _action_titles(plan, rule.actions),
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
        *_table(header, rows),
        *_table(["Domein", "Gezag"], domains),
    ]


def _involvement_section(plan: Plan) -> list[str]:
    rows = [
        [
            f"{number} {_code(rule.id)}",
            inline(describe(rule.when)),
            inline(rule.text) + (f" {INFERRED}" if rule.inferred else ""),
            _refs(rule.sources),
            _action_titles(plan, rule.actions),
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
    return [*lines, *_table(["Regel", "Voorwaarde", "Betrokkenheid", "Bronnen", "Voegt toe"], rows)]


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
                lines += [f"Bronnen: {_refs_with_titles(plan, note.sources)}", ""]
    return lines


# --- the flowchart ------------------------------------------------------------------------------


def mermaid_text(text: str) -> str:
    """Text for a Mermaid `"..."` label: one line, every syntax character as an entity code."""
    return clean(_SPACE.sub(" ", text)).strip().translate(_MERMAID)


def render_mermaid(plan: Plan) -> str:
    """The step graph as a Mermaid flowchart: one node per step, an end node, labelled edges."""
    order = walking_order(plan)
    nodes: dict[str, str] = {}
    for step in order:
        node = "s_" + re.sub(r"[^A-Za-z0-9]", "_", step.id)
        while node in nodes.values():
            node += "_"
        nodes[step.id] = node
    lines = ["flowchart TD"]
    lines += [f'    {nodes[step.id]}["{mermaid_text(step.question)}"]' for step in order]
    edges: list[tuple[str, str | None, str]] = []
    for step in order:
        edges += [(nodes[step.id], label, target) for label, target in _edge_labels(step)]
    unknown: dict[str, str] = {}
    for _, _, target in edges:
        if target != END and target not in nodes and target not in unknown:
            unknown[target] = f"x_{len(unknown) + 1}"
            lines.append(f'    {unknown[target]}["⚠ onbekende vraag: {mermaid_text(target)}"]')
    if any(target == END for _, _, target in edges):
        lines.append('    einde(["einde"])')
    for source, label, target in edges:
        end = "einde" if target == END else nodes.get(target) or unknown[target]
        arrow = f'-->|"{mermaid_text(label)}"|' if label else "-->"
        lines.append(f"    {source} {arrow} {end}")
    return "\n".join(lines) + "\n"


def _edge_labels(step: Step) -> list[tuple[str | None, str]]:
    """(label or None, target) per edge: grouped answer values, or the route conditions."""
    per_choice = _target_per_choice(step)
    if per_choice is None:
        routing = _routing(step)
        if len(routing) == 1:
            return [(None, routing[0][1])]
        return [(condition or "anders", target) for condition, target in routing]
    grouped: dict[str, list[str]] = {}
    for value, target in per_choice.items():
        grouped.setdefault(target, []).append(value)
    if len(grouped) == 1:
        return [(None, next(iter(grouped)))]
    return [(" / ".join(values), target) for target, values in grouped.items()]


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
        f"- Datum en tijd: {_date(created.date())}, {created:%H:%M} (`{created.isoformat()}`)",
        f"- Plan: {_code(info.id)}, versie {inline(info.version)}",
        f"- Vingerafdruk van het plan (sha256): {_code(loaded.sha256)}",
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
        f"Waarom (regel {_code(rule.id)}):",
        "",
        *(f"- {inline(reason)}" for reason in rule.reasons),
        "",
    ]
    if rule.sources:
        lines += [f"Bronnen: {_refs(rule.sources)}", ""]
    if rule.inferred:
        lines += [INFERRED, ""]
    lines += ["### Landelijke betrokkenheid", ""]
    if not outcome.involvement:
        return [*lines, "Geen.", ""]
    for involvement in outcome.involvement:
        text = inline(involvement.text)
        if involvement.sources:
            text += f" (Bronnen: {_refs(involvement.sources)})"
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
            who = _role(plan, action.responsible)
            if contacts is not None:
                contact = contacts.get(action.responsible)
                who += f" (contact: {inline(contact) if contact else NO_CONTACT})"
            lines.append(f"- [ ] **{inline(action.title)}** — {who}")
            if action.details:
                lines.append(f"  - {inline(action.details)}")
            if action.sources:
                lines.append(f"  - Bronnen: {_refs(action.sources)}")
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
                f"{question} ({_code(step_id)})",
                _answer_labels(step, done.answers[step_id]),
                "aangenomen (standaardantwoord)" if step_id in done.assumed else "",
            ]
        )
    lines = ["## Antwoorden", "", *_table(["Nr.", "Vraag", "Antwoord", "Opmerking"], rows)]
    if outcome.ignored:
        ignored = ", ".join(_code(answer_id) for answer_id in outcome.ignored)
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
            entry = f"- {_code(source.id)}: {inline(source.title)}"
            if source.date:
                entry += f", {_date(source.date)}"
            if source.url:
                entry += f", {_url(source.url)}"
            lines.append(entry)
    known = {source.id for source in plan.sources}
    missing = dict.fromkeys(ref.id for ref in refs if ref.id not in known)
    lines += [f"- {_code(source_id)}: onbekende bron" for source_id in missing]
    return [*lines, ""]
