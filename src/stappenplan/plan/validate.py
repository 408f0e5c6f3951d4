"""Whole-plan checks: references, reachability, cycles, conditions, verdict table, sources.

Every check returns problems with a stable code and the file:line of the part concerned,
and all problems are reported at once. The checks run in time linear in the size of the plan,
except the verdict-table analysis, which enumerates the answers its rules mention and is
skipped (with a warning) when those are too many.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from stappenplan.errors import Problem
from stappenplan.plan.conditions import Condition, iter_matches
from stappenplan.plan.documents import Path_
from stappenplan.plan.graph import breadth_first, can_finish, cycles, step_targets
from stappenplan.plan.limits import MAX_VERDICT_WORK, dutch_number
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import END, YES_NO_CHOICES, SourceRef
from stappenplan.plan.validate_parts import PartChecks
from stappenplan.plan.verdict_table import first_matches, verdict_space


class _Checker(PartChecks):
    # -- ids and references ---------------------------------------------------------------

    def unique_ids(self) -> None:
        plan = self.plan
        sections: list[tuple[str, Iterable[str]]] = [
            ("sources", (s.id for s in plan.sources)),
            ("roles", (r.id for r in plan.roles)),
            ("urgencies", (u.id for u in plan.urgencies)),
            ("domains", (d.id for d in plan.domains)),
            ("phases", (p.id for p in plan.phases)),
            ("steps", (s.id for s in plan.steps)),
            ("actions", (a.id for a in plan.actions)),
            ("involvement", (i.id for i in plan.involvement)),
            ("notes", (n.id for n in plan.notes)),
        ]
        for section, ids in sections:
            seen: set[str] = set()
            for index, item_id in enumerate(ids):
                if item_id in seen:
                    self.add(
                        "duplicate-id",
                        f"{section}: id '{item_id}' komt twee keer voor",
                        (section, index, "id"),
                    )
                seen.add(item_id)
        rule_ids: set[str] = set()
        for index, rule in enumerate(self.plan.verdict.rules):
            if rule.id in rule_ids or rule.id == self.plan.verdict.default.id:
                self.add(
                    "duplicate-id",
                    f"verdict: regel-id '{rule.id}' komt twee keer voor",
                    ("verdict", "rules", index, "id"),
                )
            rule_ids.add(rule.id)
        for index, step in enumerate(plan.steps):
            values: set[str] = set()
            for number, choice in enumerate(step.choices):
                if choice.value in values:
                    self.add(
                        "duplicate-id",
                        f"stap '{step.id}': antwoord '{choice.value}' komt twee keer voor",
                        ("steps", index, "choices", number, "value"),
                    )
                values.add(choice.value)
            if step.id == END:
                self.add(
                    "reserved-id",
                    f"'{END}' is gereserveerd voor het einde van de route; kies een andere stap-id",
                    ("steps", index, "id"),
                )

    def references(self) -> None:
        plan = self.plan
        if plan.plan.start not in plan.step_index:
            self.add(
                "dangling-target", f"startstap '{plan.plan.start}' bestaat niet", ("plan", "start")
            )
        phases = {phase.id for phase in plan.phases}
        for index, step in enumerate(plan.steps):
            base: Path_ = ("steps", index)
            if step.phase is not None and step.phase not in phases:
                self.add(
                    "dangling-phase",
                    f"stap '{step.id}': onbekende fase '{step.phase}'",
                    (*base, "phase"),
                )
            for number, route in enumerate(step.next):
                if route.goto != END and route.goto not in plan.step_index:
                    self.add(
                        "dangling-target",
                        f"stap '{step.id}': onbekende volgende stap '{route.goto}'",
                        (*base, "next", number, "goto"),
                    )
            self._action_refs(step.actions, f"stap '{step.id}'", (*base, "actions"))
            for number, choice in enumerate(step.choices):
                self._action_refs(
                    choice.actions,
                    f"stap '{step.id}', antwoord '{choice.value}'",
                    (*base, "choices", number, "actions"),
                )
            self._source_refs(step.sources, f"stap '{step.id}'", (*base, "sources"))
        for index, action in enumerate(plan.actions):
            base = ("actions", index)
            label = f"actie '{action.id}'"
            if action.responsible not in plan.role_index:
                self.add(
                    "dangling-role",
                    f"{label}: onbekende rol '{action.responsible}'",
                    (*base, "responsible"),
                )
            for number, role_id in enumerate(action.call):
                if role_id not in plan.role_index:
                    self.add(
                        "dangling-role",
                        f"{label}: onbekende rol '{role_id}' bij 'call'",
                        (*base, "call", number),
                    )
            if action.urgency not in plan.urgency_rank:
                self.add(
                    "dangling-urgency",
                    f"{label}: onbekende urgentie '{action.urgency}'; bekend: {', '.join(plan.urgency_rank)}",
                    (*base, "urgency"),
                )
            if action.domain not in plan.domain_index:
                self.add(
                    "dangling-domain",
                    f"{label}: onbekend domein '{action.domain}'",
                    (*base, "domain"),
                )
            if action.phase is not None and action.phase not in phases:
                self.add(
                    "dangling-phase", f"{label}: onbekende fase '{action.phase}'", (*base, "phase")
                )
            self._sources_required(action.sources, label, base)
        for index, rule in enumerate(plan.verdict.rules):
            self._rule(
                (("verdict", "rules", index)),
                f"verdict-regel '{rule.id}'",
                rule.verdict,
                rule.sources,
                rule.actions,
            )
            if rule.when is None:
                self.add(
                    "unreachable-rule",
                    f"verdict-regel '{rule.id}' heeft geen 'when'; alleen de default mag zonder voorwaarde",
                    ("verdict", "rules", index),
                )
        default = plan.verdict.default
        self._rule(
            ("verdict", "default"),
            "verdict-default",
            default.verdict,
            default.sources,
            default.actions,
        )
        if default.when is not None:
            self.add(
                "unreachable-rule",
                "de default van de verdict-tabel heeft geen 'when'",
                ("verdict", "default", "when"),
            )
        for index, involvement in enumerate(plan.involvement):
            base = ("involvement", index)
            label = f"betrokkenheid '{involvement.id}'"
            self._sources_required(involvement.sources, label, base)
            self._action_refs(involvement.actions, label, (*base, "actions"))
        for index, note in enumerate(plan.notes):
            self._source_refs(note.sources, f"notitie '{note.id}'", ("notes", index, "sources"))

    def _rule(
        self,
        base: Path_,
        label: str,
        verdict: str,
        sources: tuple[SourceRef, ...],
        actions: tuple[str, ...],
    ) -> None:
        if verdict not in self.plan.domain_index:
            self.add(
                "dangling-domain",
                f"{label}: onbekend domein '{verdict}'; bekend: {', '.join(self.plan.domain_index)}",
                (*base, "verdict"),
            )
        self._sources_required(sources, label, base)
        self._action_refs(actions, label, (*base, "actions"))

    def _action_refs(self, ids: tuple[str, ...], label: str, path: Path_) -> None:
        for number, action_id in enumerate(ids):
            if action_id not in self.plan.action_index:
                self.add(
                    "dangling-action", f"{label}: onbekende actie '{action_id}'", (*path, number)
                )

    # -- steps ----------------------------------------------------------------------------

    def choices_and_defaults(self) -> None:
        for index, step in enumerate(self.plan.steps):
            base: Path_ = ("steps", index)
            if not step.choices:
                self.add(
                    "invalid-choices", f"stap '{step.id}' heeft geen antwoorden", (*base, "choices")
                )
                continue
            if step.kind == "yes-no" and step.values != tuple(v for v, _ in YES_NO_CHOICES):
                self.add(
                    "invalid-choices",
                    f"ja/nee-stap '{step.id}' heeft precies de antwoorden ja en nee",
                    (*base, "choices"),
                )
            if step.min_choices and not step.multiple:
                self.add(
                    "invalid-choices",
                    f"stap '{step.id}': min_choices hoort alleen bij kind 'several'",
                    (*base, "min_choices"),
                )
            if step.min_choices > len(step.choices):
                self.add(
                    "invalid-choices",
                    f"stap '{step.id}': min_choices is groter dan het aantal antwoorden",
                    (*base, "min_choices"),
                )
            self._default(step, base)
            if step.next and step.next[-1].when is not None:
                self.add(
                    "route-without-default",
                    f"stap '{step.id}': de laatste regel van 'next' moet zonder 'when' zijn (de standaardroute)",
                    (*base, "next", len(step.next) - 1),
                )
            for number, route in enumerate(step.next[:-1]):
                if route.when is None:
                    self.add(
                        "unreachable-rule",
                        f"stap '{step.id}': routeregels na een regel zonder 'when' worden nooit gebruikt",
                        (*base, "next", number + 1),
                    )

    def graph(self) -> None:
        plan = self.plan
        index = {step.id: number for number, step in enumerate(plan.steps)}
        targets = step_targets(plan)
        reached = set(breadth_first([plan.plan.start], targets))
        for step in plan.steps:
            if step.id not in reached:
                self.add(
                    "unreachable-step",
                    f"stap '{step.id}' is vanaf de start ('{plan.plan.start}') niet te bereiken",
                    ("steps", index[step.id]),
                )
        for cycle in cycles(targets):
            shown = " → ".join([*cycle, cycle[0]])
            self.add(
                "cycle", f"de routering loopt rond: {shown}", ("steps", index[cycle[0]], "next")
            )
        finishing = set(can_finish(plan))
        for step in plan.steps:
            if step.id not in finishing:
                self.add(
                    "no-outcome",
                    f"vanaf stap '{step.id}' is het einde niet te bereiken",
                    ("steps", index[step.id], "next"),
                )

    # -- conditions -----------------------------------------------------------------------

    def conditions(self) -> None:
        for condition, path in self._all_conditions():
            for match in iter_matches(condition):
                step = self.plan.step_index.get(match.step)
                if step is None:
                    self.add(
                        "unknown-step-in-condition",
                        f"voorwaarde noemt onbekende vraag '{match.step}'",
                        path,
                    )
                    continue
                wrong = [value for value in match.values if value not in step.values]
                if wrong:
                    self.add(
                        "unknown-value-in-condition",
                        f"voorwaarde op '{match.step}': onbekend antwoord '{', '.join(wrong)}'; toegestaan: {', '.join(step.values)}",
                        path,
                    )

    def _all_conditions(self) -> Iterator[tuple[Condition, Path_]]:
        plan = self.plan
        for index, step in enumerate(plan.steps):
            for number, route in enumerate(step.next):
                if route.when is not None:
                    yield route.when, ("steps", index, "next", number, "when")
        for index, action in enumerate(plan.actions):
            if action.when is not None:
                yield action.when, ("actions", index, "when")
        for index, rule in enumerate(plan.verdict.rules):
            if rule.when is not None:
                yield rule.when, ("verdict", "rules", index, "when")
        for index, involvement in enumerate(plan.involvement):
            yield involvement.when, ("involvement", index, "when")
        for index, step in enumerate(plan.steps):
            for number, default_rule in enumerate(step.default_when):
                yield default_rule.when, ("steps", index, "default_when", number, "when")
        for index, action in enumerate(plan.actions):
            for number, role_rule in enumerate(action.responsible_when):
                yield role_rule.when, ("actions", index, "responsible_when", number, "when")
        for index, caveat in enumerate(plan.caveats):
            if caveat.when is not None:
                yield caveat.when, ("caveats", index, "when")

    def verdict_table(self) -> None:
        """Rules that can never be the first match (found by `first_matches`)."""
        plan = self.plan
        space = verdict_space(plan)
        used = first_matches(plan, space)
        if used is None:
            self.add(
                "verdict-not-analysed",
                "de verdict-tabel is te groot om volledig te controleren of elke regel ooit als "
                f"eerste past: {dutch_number(space.combinations)} antwoordcombinaties × "
                f"{dutch_number(space.parts + len(space.questions))} onderdelen (van de "
                f"voorwaarden en de vragen) is meer dan {dutch_number(MAX_VERDICT_WORK)} stappen",
                ("verdict",),
                warning=True,
            )
            self._repeated_rules()
            return
        for number, rule in enumerate(plan.verdict.rules):
            if rule.when is not None and number not in used:
                self.add(
                    "unreachable-rule",
                    f"verdict-regel '{rule.id}' kan nooit als eerste passen (een eerdere regel vangt alles af, of de voorwaarde spreekt zichzelf tegen)",
                    ("verdict", "rules", number),
                )

    def _repeated_rules(self) -> None:
        """Without the full analysis, still (in linear time): a rule whose condition is the
        same as an earlier rule's can never be the first match."""
        first: dict[Condition, str] = {}
        for number, rule in enumerate(self.plan.verdict.rules):
            if rule.when is None:
                continue
            earlier = first.setdefault(rule.when, rule.id)
            if earlier != rule.id:
                self.add(
                    "unreachable-rule",
                    f"verdict-regel '{rule.id}' heeft dezelfde voorwaarde als de eerdere regel "
                    f"'{earlier}' en kan dus nooit als eerste passen",
                    ("verdict", "rules", number),
                )

    def unused_actions(self) -> None:
        plan = self.plan
        referenced: set[str] = set()
        for step in plan.steps:
            referenced.update(step.actions)
            for choice in step.choices:
                referenced.update(choice.actions)
        for rule in (*plan.verdict.rules, plan.verdict.default):
            referenced.update(rule.actions)
        for involvement in plan.involvement:
            referenced.update(involvement.actions)
        for index, action in enumerate(plan.actions):
            if action.when is None and action.id not in referenced:
                self.add(
                    "unused-action",
                    f"actie '{action.id}' wordt nergens toegevoegd (geen verwijzing en geen 'when')",
                    ("actions", index),
                    warning=True,
                )


def validate_plan(loaded: LoadedPlan) -> list[Problem]:
    """All problems of a loaded plan, errors and warnings, in a stable order."""
    checker = _Checker(loaded)
    checker.unique_ids()
    checker.references()
    checker.choices_and_defaults()
    checker.graph()
    checker.conditions()
    checker.verdict_table()
    checker.language()
    checker.unused_actions()
    return checker.problems
