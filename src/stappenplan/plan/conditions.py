"""Declarative conditions on answers: parsing from YAML data, evaluation, and description.

A condition is a small match, never code. In YAML:

    {doelwit: burgemeester}                      # the answer is (or, for several, contains) it
    {incident: {any: [bedreiging, doxing]}}      # at least one of them
    {incident: {all: [bedreiging, doxing]}}      # all of them
    {doelwit: {none: [gezinslid]}}               # none of them (question answered)
    {all: [cond, cond]}, {any: [cond, cond]}, {not: cond}
    {doelwit: burgemeester, aangifte: nee}       # several keys: all must hold

A condition on a question that was not answered on the path is false.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

Answer: TypeAlias = str | tuple[str, ...]
Answers: TypeAlias = Mapping[str, Answer]
MatchOp = Literal["is", "any", "all", "none"]

MATCH_OPS: tuple[MatchOp, ...] = ("any", "all", "none")


@dataclass(frozen=True, slots=True)
class Match:
    """A test on the answer to one question."""

    step: str
    op: MatchOp
    values: tuple[str, ...]

    def holds(self, answers: Answers) -> bool:
        answer = answers.get(self.step)
        if answer is None:
            return False
        if isinstance(answer, str):
            if self.op == "is":
                return answer == self.values[0]
            if self.op == "any":
                return answer in self.values
            if self.op == "all":
                return all(value == answer for value in self.values)
            return answer not in self.values
        if self.op == "is":
            return self.values[0] in answer
        if self.op == "any":
            return any(value in answer for value in self.values)
        if self.op == "all":
            return all(value in answer for value in self.values)
        return not any(value in answer for value in self.values)


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every part holds."""

    parts: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        return all(part.holds(answers) for part in self.parts)


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one part holds."""

    parts: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        return any(part.holds(answers) for part in self.parts)


@dataclass(frozen=True, slots=True)
class Not:
    """The part does not hold."""

    part: Condition

    def holds(self, answers: Answers) -> bool:
        return not self.part.holds(answers)


Condition: TypeAlias = Match | AllOf | AnyOf | Not


def _as_str(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"{where}: verwacht een antwoordwaarde (tekst), niet {_kind(value)}")
    return str(value)


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "een mapping"
    if isinstance(value, list | tuple):
        return "een lijst"
    if value is None:
        return "een lege waarde"
    if isinstance(value, bool):
        return "ja/nee-waarde (true/false); zet de waarde tussen aanhalingstekens"
    return type(value).__name__


def _parse_match(step: str, raw: Any) -> Match:
    if isinstance(raw, Mapping):
        if len(raw) != 1:
            raise ValueError(
                f"voorwaarde op '{step}': gebruik precies één van {', '.join(MATCH_OPS)}"
            )
        ((op, values),) = raw.items()
        if op not in MATCH_OPS:
            raise ValueError(
                f"voorwaarde op '{step}': onbekende toets '{op}'; toegestaan: {', '.join(MATCH_OPS)}"
            )
        if not isinstance(values, list | tuple) or not values:
            raise ValueError(f"voorwaarde op '{step}': '{op}' verwacht een niet-lege lijst")
        parsed = tuple(_as_str(value, f"voorwaarde op '{step}'") for value in values)
        return Match(step, op, parsed)
    if isinstance(raw, list | tuple):
        if not raw:
            raise ValueError(f"voorwaarde op '{step}': lege lijst")
        return Match(step, "any", tuple(_as_str(v, f"voorwaarde op '{step}'") for v in raw))
    return Match(step, "is", (_as_str(raw, f"voorwaarde op '{step}'"),))


def parse_condition(raw: Any) -> Condition:
    """Turn the YAML form of a condition into a condition object.

    Raises:
        ValueError: with a Dutch message when the form is not allowed.
    """
    if isinstance(raw, Match | AllOf | AnyOf | Not):
        return raw
    if not isinstance(raw, Mapping) or not raw:
        raise ValueError(
            "een voorwaarde is een mapping zoals {doelwit: burgemeester}, "
            f"niet {_kind(raw) if raw != {} else 'een lege mapping'}"
        )
    parts: list[Condition] = []
    for key, value in raw.items():
        if key in ("all", "any"):
            if not isinstance(value, list | tuple) or not value:
                raise ValueError(f"'{key}' verwacht een niet-lege lijst van voorwaarden")
            inner = tuple(parse_condition(item) for item in value)
            parts.append(AllOf(inner) if key == "all" else AnyOf(inner))
        elif key == "not":
            parts.append(Not(parse_condition(value)))
        elif isinstance(key, str):
            parts.append(_parse_match(key, value))
        else:
            raise ValueError(f"sleutel {key!r} in een voorwaarde moet een vraag-id zijn")
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def condition_to_data(condition: Condition) -> dict[str, Any]:
    """The YAML/JSON form of a condition (the inverse of parse_condition)."""
    if isinstance(condition, Match):
        if condition.op == "is":
            return {condition.step: condition.values[0]}
        return {condition.step: {condition.op: list(condition.values)}}
    if isinstance(condition, AllOf):
        return {"all": [condition_to_data(part) for part in condition.parts]}
    if isinstance(condition, AnyOf):
        return {"any": [condition_to_data(part) for part in condition.parts]}
    return {"not": condition_to_data(condition.part)}


def iter_matches(condition: Condition) -> Iterator[Match]:
    """Every Match inside a condition, depth first."""
    if isinstance(condition, Match):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for part in condition.parts:
            yield from iter_matches(part)
    else:
        yield from iter_matches(condition.part)


def describe(condition: Condition) -> str:
    """A short Dutch reading of a condition, for printed plans."""
    if isinstance(condition, Match):
        values = ", ".join(condition.values)
        if condition.op == "is":
            return f"{condition.step} = {values}"
        word = {"any": "een van", "all": "alle van", "none": "geen van"}[condition.op]
        return f"{condition.step}: {word} [{values}]"
    if isinstance(condition, AllOf):
        return " en ".join(_nested(part) for part in condition.parts)
    if isinstance(condition, AnyOf):
        return " of ".join(_nested(part) for part in condition.parts)
    return f"niet ({describe(condition.part)})"


def _nested(condition: Condition) -> str:
    text = describe(condition)
    return f"({text})" if isinstance(condition, AllOf | AnyOf) else text


CONDITION_JSON_SCHEMA: dict[str, Any] = {
    "title": "Voorwaarde",
    "description": (
        "Een voorwaarde op antwoorden, bijvoorbeeld {doelwit: burgemeester}, "
        "{incident: {any: [bedreiging, doxing]}}, {all: [...]}, {any: [...]}, {not: {...}}."
    ),
    "type": "object",
    "minProperties": 1,
    "properties": {
        "all": {"type": "array", "items": {"type": "object"}, "minItems": 1},
        "any": {"type": "array", "items": {"type": "object"}, "minItems": 1},
        "not": {"type": "object"},
    },
    "additionalProperties": {
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
            {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "properties": {
                    op: {"type": "array", "items": {"type": "string"}, "minItems": 1}
                    for op in MATCH_OPS
                },
                "additionalProperties": False,
            },
        ]
    },
}
