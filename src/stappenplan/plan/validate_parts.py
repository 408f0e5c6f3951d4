"""The base of the whole-plan checker (see validate.py): where problems are collected, and the
checks of single parts: sources, defaults (also those that depend on answers), and the parts of
the plan language of version 2.0: answer-dependent roles, the declared action order, caveats
and the glossary of abbreviations."""

from __future__ import annotations

from stappenplan.errors import Problem, Severity
from stappenplan.plan.documents import Path_
from stappenplan.plan.glossary import unexplained
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import Plan, SourceRef, Step


class PartChecks:
    """Collects problems; `validate._Checker` adds the checks across the whole plan."""

    def __init__(self, loaded: LoadedPlan) -> None:
        self.loaded = loaded
        self.plan: Plan = loaded.plan
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, path: Path_, *, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.append(Problem(code, message, self.loaded.locate(path), severity))

    def _sources_required(self, sources: tuple[SourceRef, ...], label: str, base: Path_) -> None:
        if not sources:
            self.add("missing-source", f"{label} noemt geen bron", base)
        self._source_refs(sources, label, (*base, "sources"))

    def _source_refs(self, sources: tuple[SourceRef, ...], label: str, path: Path_) -> None:
        for number, ref in enumerate(sources):
            if ref.id not in self.plan.source_index:
                self.add(
                    "dangling-source", f"{label}: onbekende bron '{ref.id}'", (*path, number, "id")
                )

    def _default(self, step: Step, base: Path_) -> None:
        self._default_value(step, step.default, (*base, "default"))
        for number, rule in enumerate(step.default_when):
            self._default_value(step, rule.value, (*base, "default_when", number, "value"))

    def _default_value(self, step: Step, default: str | tuple[str, ...] | None, at: Path_) -> None:
        if default is None:
            return
        allowed = ", ".join(step.values)
        values = (default,) if isinstance(default, str) else default
        if not step.multiple and not isinstance(default, str):
            self.add(
                "invalid-default",
                f"stap '{step.id}': default is één waarde; toegestaan: {allowed}",
                at,
            )
        elif any(value not in step.values for value in values):
            self.add(
                "invalid-default",
                f"stap '{step.id}': default '{', '.join(values)}' is geen antwoord; toegestaan: {allowed}",
                at,
            )
        elif step.multiple and len(values) < step.min_choices:
            self.add(
                "invalid-default",
                f"stap '{step.id}': default heeft minder dan {step.min_choices} keuze(s)",
                at,
            )

    def language(self) -> None:
        """Answer-dependent roles, the declared action order, caveats and the glossary."""
        plan = self.plan
        for index, action in enumerate(plan.actions):
            for number, rule in enumerate(action.responsible_when):
                if rule.role not in plan.role_index:
                    self.add(
                        "dangling-role",
                        f"actie '{action.id}': onbekende rol '{rule.role}'",
                        ("actions", index, "responsible_when", number, "role"),
                    )
        phases = {phase.id for phase in plan.phases}
        order = plan.plan.action_order
        for number, phase_id in enumerate(order):
            if phase_id not in phases:
                self.add(
                    "dangling-phase",
                    f"action_order: onbekende fase '{phase_id}'",
                    ("plan", "action_order", number),
                )
        if order:
            for index, action in enumerate(plan.actions):
                if action.phase not in order:
                    self.add(
                        "unordered-action",
                        f"actie '{action.id}': fase '{action.phase or '(geen)'}' staat niet in "
                        "plan.action_order, dus de volgorde binnen de urgentie is niet vastgelegd",
                        ("actions", index, "phase"),
                    )
        for index, caveat in enumerate(plan.caveats):
            label = f"kanttekening '{caveat.id}'"
            self._sources_required(caveat.sources, label, ("caveats", index))
        for word, path in unexplained(plan):
            self.add(
                "unexplained-abbreviation",
                f"afkorting '{word}' staat niet in de woordenlijst (glossary)",
                path,
                warning=True,
            )
