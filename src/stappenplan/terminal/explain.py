""" "Meer uitleg" under a question: what the question and its criteria mean, why the answer
matters, the help per answer and the sources; as lines for the wizard to show."""

from __future__ import annotations

from stappenplan.plan.model import Plan, Step


def has_explanation(step: Step) -> bool:
    """Whether "Meer uitleg" adds anything to the help already shown under the question."""
    return bool(step.explanation or step.sources or any(choice.help for choice in step.choices))


def explanation_lines(plan: Plan, step: Step) -> list[tuple[str, str]]:
    """The explanation as (kind, text): kind 'title' (bold), 'text' (a paragraph) or 'item'."""
    lines = [("title", "Meer uitleg")]
    if step.explanation:  # what the question and its criteria mean, why it matters
        lines += [("text", paragraph) for paragraph in step.explanation.split("\n\n")]
    elif step.help:
        lines.append(("text", step.help))
    lines += [("item", f"{choice.label}: {choice.help}") for choice in step.choices if choice.help]
    if step.sources:
        lines.append(("title", "Bronnen:"))
        for ref in step.sources:
            source = plan.source_index.get(ref.id)
            title = source.title if source else ref.id
            where = f", {ref.ref}" if ref.ref else ""
            lines.append(("item", f"{title}{where}"))
    return lines
