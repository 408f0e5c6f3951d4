"""What a plan says beside its questions and actions: notes, caveats shown with a verdict,
the glossary of abbreviations and the answer vocabulary that changed since an earlier version."""

# No `from __future__ import annotations`: see model.py.

from typing import Annotated, Literal

from pydantic import Field

from stappenplan.plan.fields import ConditionField, Frozen, Id, LongText, SourceRef, Text


class Note(Frozen):
    """A remark kept with the plan: a later change of the rules, or an open point."""

    id: Id
    kind: Literal["wijziging", "open-punt"]
    title: Text
    text: LongText = ""
    sources: tuple[SourceRef, ...] = ()


class GlossaryEntry(Frozen):
    """An abbreviation (or term) in user-facing text and what it stands for."""

    term: Annotated[str, Field(min_length=1, max_length=40)]
    explanation: Text


class Caveat(Frozen):
    """A remark shown with every verdict (or, with a condition, with the verdicts it fits)."""

    id: Id
    text: Text
    when: ConditionField | None = None
    sources: tuple[SourceRef, ...] = ()


class VocabularyChange(Frozen):
    """An answer id or value of an earlier major version that changed, and what to use now."""

    since: Annotated[str, Field(min_length=1, max_length=40)]
    step: Id
    value: Id | None = None
    text: Text
