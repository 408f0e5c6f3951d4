"""Scenario files: cases of answers with an expected outcome (run by `scenario_run`).

A scenario file is a YAML list of cases:

    - name: Wethouder krijgt een dreigmail
      answers: {acuut-gevaar: nee, doelwit: wethouder, incident: [bedreiging], ...}
      expect:
        verdict: lokaal            # domain id
        rule: decentraal           # verdict rule id (or the default's id)
        actions: [doe-aangifte]    # must be in the action list
        without_actions: [hovj-besluit]
        involvement: []            # national-involvement rule ids that must apply
        without_involvement: [burgemeester-doelwit]
        assumed: [kanaal]          # exactly these answers were taken from defaults

Nothing here prints; problems come back as a ScenarioError with file:line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stappenplan.answers import check_answers
from stappenplan.engine import Outcome
from stappenplan.errors import AnswerError, Location, Problem, ScenarioError
from stappenplan.plan.conditions import Answer
from stappenplan.plan.documents import Document, DocumentError, decode, parse_document, read_bytes
from stappenplan.plan.model import Plan

CASE_KEYS = ("name", "answers", "expect")
EXPECT_KEYS = (
    "verdict",
    "rule",
    "actions",
    "without_actions",
    "involvement",
    "without_involvement",
    "assumed",
    "max_actions",
    "first_actions",
    "responsible",
    "order",
    "texts",
    "caveats",
)


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a case expects of the outcome; empty parts are not checked."""

    verdict: str | None = None
    rule: str | None = None
    actions: tuple[str, ...] = ()
    without_actions: tuple[str, ...] = ()
    involvement: tuple[str, ...] = ()
    without_involvement: tuple[str, ...] = ()
    assumed: tuple[str, ...] | None = None
    max_actions: int | None = None
    first_actions: tuple[str, ...] = ()
    responsible: tuple[tuple[str, str], ...] = ()
    order: tuple[str, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scenario:
    """One case: a name, checked answers, the expectation and where it was written."""

    name: str
    answers: Mapping[str, Answer]
    expect: Expectation
    location: Location


@dataclass(frozen=True, slots=True)
class CaseResult:
    """The result of one case: the reasons it failed (none when it passed)."""

    scenario: Scenario
    reasons: tuple[str, ...]
    outcome: Outcome | None

    @property
    def passed(self) -> bool:
        return not self.reasons


@dataclass(frozen=True, slots=True)
class ScenarioReport:
    """The results of a run, in the order the cases were read."""

    results: tuple[CaseResult, ...]

    @property
    def passed(self) -> tuple[CaseResult, ...]:
        return tuple(result for result in self.results if result.passed)

    @property
    def failed(self) -> tuple[CaseResult, ...]:
        return tuple(result for result in self.results if not result.passed)


# --- reading ----------------------------------------------------------------------------------


def load_scenarios(paths: Sequence[Path], plan: Plan) -> list[Scenario]:
    """Read scenario files and check them against the plan.

    Raises:
        ScenarioError: with one problem (file:line) per malformed case, unknown key, unknown
            id in an expectation, or answer that does not fit the plan, for all files at once.
    """
    problems: list[Problem] = []
    scenarios: list[Scenario] = []
    seen: dict[str, Location] = {}
    for path in paths:
        name = str(path)
        try:
            document = parse_document(decode(read_bytes(path, name), name), name)
        except DocumentError as error:
            problems.append(Problem("scenario", error.message, error.location))
            continue
        reader = _Reader(document, plan, problems)
        for scenario in reader.cases():
            first = seen.get(scenario.name)
            if first is not None:
                reader.add(f"naam '{scenario.name}' komt al voor ({first})", scenario.location)
            seen.setdefault(scenario.name, scenario.location)
            scenarios.append(scenario)
    if problems:
        raise ScenarioError("De scenario's kunnen niet gelezen worden.", problems)
    return scenarios


class _Reader:
    """Checks the cases of one document, collecting problems."""

    def __init__(self, document: Document, plan: Plan, problems: list[Problem]) -> None:
        self.document = document
        self.plan = plan
        self.problems = problems

    def add(self, message: str, where: Location) -> None:
        self.problems.append(Problem("scenario", message, where))

    def cases(self) -> Iterable[Scenario]:
        data = self.document.data
        if not isinstance(data, list) or not data:
            self.add(
                "een scenariobestand is een lijst van gevallen "
                "(- name: ..., answers: ..., expect: ...)",
                self.document.locate(()),
            )
            return
        for index, case in enumerate(data):
            scenario = self.case(index, case)
            if scenario is not None:
                yield scenario

    def case(self, index: int, case: Any) -> Scenario | None:
        where = self.document.locate((index,))
        if not isinstance(case, dict):
            self.add("een geval is een mapping met name, answers en expect", where)
            return None
        count = len(self.problems)
        for key in case:
            if key not in CASE_KEYS:
                self.add(
                    f"onbekende sleutel '{key}'; toegestaan: {', '.join(CASE_KEYS)}",
                    self.document.locate((index, key)),
                )
        for key in CASE_KEYS:
            if key not in case:
                self.add(f"verplichte sleutel '{key}' ontbreekt", where)
        name = case.get("name")
        if "name" in case and (not isinstance(name, str) or not name.strip()):
            self.add("'name' verwacht een naam (tekst)", self.document.locate((index, "name")))
        answers = self.answers(index, case.get("answers", {}))
        expect = self.expectation(index, case.get("expect", {}))
        if len(self.problems) > count or answers is None or expect is None:
            return None
        return Scenario(str(name).strip(), answers, expect, where)

    def answers(self, index: int, raw: Any) -> dict[str, Answer] | None:
        if not isinstance(raw, dict):
            self.add(
                "'answers' verwacht een mapping (vraag-id: antwoord)",
                self.document.locate((index, "answers")),
            )
            return None
        try:
            return check_answers(
                self.plan,
                raw,
                locate=lambda answer_id: self.document.locate((index, "answers", answer_id)),
                origin=self.document.name,
            )
        except AnswerError as error:
            self.problems.extend(error.problems)
            return None

    def expectation(self, index: int, raw: Any) -> Expectation | None:
        base = (index, "expect")
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            self.add("'expect' verwacht een mapping", self.document.locate(base))
            return None
        for key in raw:
            if key not in EXPECT_KEYS:
                self.add(
                    f"onbekende sleutel '{key}' in expect; toegestaan: {', '.join(EXPECT_KEYS)}",
                    self.document.locate((*base, key)),
                )
        plan = self.plan
        rules = [rule.id for rule in (*plan.verdict.rules, plan.verdict.default)]
        involvement = [rule.id for rule in plan.involvement]
        actions = list(plan.action_index)
        steps = list(plan.step_index)
        verdict = self.one(raw, base, "verdict", list(plan.domain_index), "onbekend domein")
        rule = self.one(raw, base, "rule", rules, "onbekende verdict-regel")
        assumed = self.many(raw, base, "assumed", steps, "vraag") if "assumed" in raw else None
        return Expectation(
            verdict=verdict,
            rule=rule,
            actions=self.many(raw, base, "actions", actions, "actie"),
            without_actions=self.many(raw, base, "without_actions", actions, "actie"),
            involvement=self.many(raw, base, "involvement", involvement, "betrokkenheid"),
            without_involvement=self.many(
                raw, base, "without_involvement", involvement, "betrokkenheid"
            ),
            assumed=assumed,
            max_actions=self.count(raw, base, "max_actions"),
            first_actions=self.many(raw, base, "first_actions", actions, "actie"),
            responsible=self.roles(raw, base, actions),
            order=self.many(raw, base, "order", actions, "actie"),
            texts=self.texts(raw, base, actions),
            caveats=self.many(
                raw, base, "caveats", [caveat.id for caveat in plan.caveats], "kanttekening"
            ),
        )

    def texts(
        self, raw: dict[str, Any], base: tuple[int, str], actions: list[str]
    ) -> tuple[tuple[str, str], ...]:
        value = raw.get("texts") or {}
        where = self.document.locate((*base, "texts"))
        if not isinstance(value, dict):
            self.add("'texts' verwacht een mapping van actie naar tekst", where)
            return ()
        found: list[tuple[str, str]] = []
        for action_id, text in value.items():
            if action_id not in actions:
                self.add(f"onbekende actie '{action_id}' in 'texts'", where)
            elif not isinstance(text, str) or not text:
                self.add(f"'texts' verwacht bij '{action_id}' een tekst", where)
            else:
                found.append((action_id, text))
        return tuple(found)

    def count(self, raw: dict[str, Any], base: tuple[int, str], key: str) -> int | None:
        if key not in raw:
            return None
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.add(
                f"'{key}' verwacht een geheel getal (0 of meer)", self.document.locate((*base, key))
            )
            return None
        return value

    def roles(
        self, raw: dict[str, Any], base: tuple[int, str], actions: list[str]
    ) -> tuple[tuple[str, str], ...]:
        value = raw.get("responsible") or {}
        where = self.document.locate((*base, "responsible"))
        if not isinstance(value, dict):
            self.add("'responsible' verwacht een mapping van actie naar rol", where)
            return ()
        roles = self.plan.role_index
        found: list[tuple[str, str]] = []
        for action_id, role_id in value.items():
            if action_id not in actions:
                self.add(f"onbekende actie '{action_id}' in 'responsible'", where)
            elif not isinstance(role_id, str) or role_id not in roles:
                self.add(
                    f"onbekende rol '{role_id}' in 'responsible'; bekend: {', '.join(roles)}", where
                )
            else:
                found.append((action_id, role_id))
        return tuple(found)

    def one(
        self, raw: dict[str, Any], base: tuple[int, str], key: str, known: list[str], what: str
    ) -> str | None:
        if key not in raw:
            return None
        value = raw[key]
        where = self.document.locate((*base, key))
        if not isinstance(value, str):
            self.add(f"'{key}' verwacht één id (tekst)", where)
        elif value not in known:
            self.add(f"{what} '{value}'; bekend: {', '.join(known)}", where)
        else:
            return value
        return None

    def many(
        self, raw: dict[str, Any], base: tuple[int, str], key: str, known: list[str], what: str
    ) -> tuple[str, ...]:
        value = raw.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            self.add(f"'{key}' verwacht een lijst van id's", self.document.locate((*base, key)))
            return ()
        found: list[str] = []
        for number, item in enumerate(value):
            where = self.document.locate((*base, key, number))
            if not isinstance(item, str):
                self.add(f"'{key}' verwacht id's (tekst)", where)
            elif item not in known:
                self.add(f"onbekende {what} '{item}' in '{key}'", where)
            else:
                found.append(item)
        return tuple(found)
