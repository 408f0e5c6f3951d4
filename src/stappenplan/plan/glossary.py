"""Abbreviations in the user-facing text of a plan, and the glossary that explains them.

An abbreviation is a word of letters (and '&') with at least two capitals and no two lower-case
letters in a row: 'CBB', 'HOvJ', 'BB&C', 'KvK'. 'Sr' (Wetboek van Strafrecht) is the one
short form with a single capital that the plan uses, so it is named explicitly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stappenplan.plan.documents import Path_
from stappenplan.plan.model import Plan

_ALSO = ("Sr", "Sv")
"""Short forms with one capital that are abbreviations all the same."""
_ABBREVIATION = re.compile(
    r"(?<![\w&])(?:"
    + "|".join(_ALSO)
    + r"|(?=[A-Za-z&]*[A-Z][A-Za-z&]*[A-Z])(?![A-Za-z&]*[a-z]{2})[A-Za-z][A-Za-z&]*)(?![\w&])"
)
"""One pass over a text finds every abbreviation (a per-word test would cost a call a word)."""


def is_abbreviation(word: str) -> bool:
    """Whether a word looks like an abbreviation (see the module docstring)."""
    return _ABBREVIATION.fullmatch(word) is not None


def abbreviations(text: str) -> list[str]:
    """The abbreviations in a text, in order of appearance, each once."""
    return list(dict.fromkeys(_ABBREVIATION.findall(text)))


_URL = re.compile(r"\S+://\S+")


def user_texts(plan: Plan) -> Iterator[tuple[str, Path_]]:
    """Every text a user reads, with the path of the part it belongs to (web addresses in
    source notes are left out: they are not prose)."""
    yield plan.plan.title, ("plan", "title")
    yield plan.plan.description, ("plan", "description")
    for index, source in enumerate(plan.sources):
        yield f"{source.title} {_URL.sub(' ', source.note)}", ("sources", index)
    for index, role in enumerate(plan.roles):
        yield f"{role.label} {role.help}", ("roles", index)
    for index, urgency in enumerate(plan.urgencies):
        yield urgency.label, ("urgencies", index)
    for index, domain in enumerate(plan.domains):
        yield f"{domain.label} {domain.authority}", ("domains", index)
    for index, phase in enumerate(plan.phases):
        yield f"{phase.title} {phase.help}", ("phases", index)
    for index, step in enumerate(plan.steps):
        yield f"{step.question} {step.help}", ("steps", index)
        for number, choice in enumerate(step.choices):
            yield f"{choice.label} {choice.help}", ("steps", index, "choices", number)
    for index, action in enumerate(plan.actions):
        yield f"{action.title} {action.details}", ("actions", index)
    for index, rule in enumerate((*plan.verdict.rules, plan.verdict.default)):
        path: Path_ = (
            ("verdict", "rules", index)
            if index < len(plan.verdict.rules)
            else ("verdict", "default")
        )
        yield " ".join((rule.authority, *rule.reasons)), path
    for index, involvement in enumerate(plan.involvement):
        yield involvement.text, ("involvement", index)
    for index, note in enumerate(plan.notes):
        yield f"{note.title} {note.text}", ("notes", index)
    for index, caveat in enumerate(plan.caveats):
        yield caveat.text, ("caveats", index)


def unexplained(plan: Plan) -> Iterator[tuple[str, Path_]]:
    """Each abbreviation that the glossary does not explain, with the first place it occurs."""
    known = {entry.term for entry in plan.glossary}
    reported: set[str] = set()
    for text, path in user_texts(plan):
        # findall directly, not `abbreviations`: `reported` keeps each word once already, and
        # this runs for every text of the plan (validate stays within its calls per step).
        for word in _ABBREVIATION.findall(text):
            if word not in known and word not in reported:
                reported.add(word)
                yield word, path
