"""The plan's step graph as a Mermaid flowchart; pure."""

from __future__ import annotations

import re

from stappenplan.output.markdown import SPACE
from stappenplan.output.routes import route_rows, target_per_choice
from stappenplan.plan.graph import walking_order
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import END, Plan, Step
from stappenplan.text import clean

_MERMAID = str.maketrans({char: f"#{ord(char)};" for char in "#;<>|[]{}`\\&%"} | {'"': "#quot;"})


def mermaid_text(text: str) -> str:
    """Text for a Mermaid `"..."` label: one line, every syntax character as an entity code."""
    return clean(SPACE.sub(" ", text)).strip().translate(_MERMAID)


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
    per_choice = target_per_choice(step)
    if per_choice is None:
        table_rows = route_rows(step)
        if len(table_rows) == 1:
            return [(None, table_rows[0][1])]
        return [(condition or "anders", target) for condition, target in table_rows]
    grouped: dict[str, list[str]] = {}
    for value, target in per_choice.items():
        grouped.setdefault(target, []).append(value)
    if len(grouped) == 1:
        return [(None, next(iter(grouped)))]
    return [(" / ".join(values), target) for target, values in grouped.items()]


def render_plan(loaded: LoadedPlan) -> str:
    """The plan's step graph as a Mermaid flowchart."""
    return render_mermaid(loaded.plan)
