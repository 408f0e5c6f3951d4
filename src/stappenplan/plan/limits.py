"""The bounds on the size of a plan, in one place.

Every check of a plan and every assessment takes time roughly in proportion to the size of the
plan, except one (below), so a plan within these bounds is checked in seconds (tested with the
adversarial plans of tests/test_hostile_growth.py and tests/test_hostile_verdict_work.py). The bounds lie far above the
default plan (16 questions, at most 10 answers each, 73 actions, 5 verdict rules, 6
involvement rules, conditions of at most a few dozen parts) and above the largest generated
plan of the benchmark (10.000 questions). A plan beyond a bound is refused at once with the
problem code `plan-too-large`; docs/plan-schrijven.md lists the bounds for plan writers.

The one check that is combinatorial by nature, whether each verdict rule can ever be the first
match, has its own bound (`MAX_VERDICT_WORK`, counting the parts of the rules' conditions, not
only the rules): above it the check is skipped with a warning. At the bound it takes about a
second (a full evaluation of 10.000 combinations × 1.000 parts: 0,7 s on a busy machine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from stappenplan.errors import Location, Problem
from stappenplan.text import excerpt

Path_ = tuple[str | int, ...]
"""A path into the plan data (as documents.Path_; kept here so this module imports nothing of
the plan)."""


class Limit(NamedTuple):
    """How many of something a plan may have, and how to say it in Dutch."""

    section: str
    """The key of the merged plan data the items are in (a path of one key)."""
    maximum: int
    what: str
    """The things counted, in Dutch (plural)."""


MAX_STEPS = Limit("steps", 20_000, "vragen (steps)")
MAX_ACTIONS = Limit("actions", 20_000, "acties (actions)")
MAX_VERDICT_RULES = Limit("verdict", 10_000, "verdict-regels")
MAX_INVOLVEMENT = Limit("involvement", 10_000, "betrokkenheidsregels (involvement)")
MAX_CAVEATS = Limit("caveats", 10_000, "kanttekeningen (caveats)")

MAX_CHOICES = 200
"""Answers of one question."""

MAX_RULES_PER_PART = 200
"""Routes (`next`), `default_when` rules of one question, or `responsible_when` rules of one
action."""

MAX_CONDITION_PARTS = 1_000
"""Parts of one condition: every `all`, `any`, `not`, every test on a question and every
answer value it names count as one."""

MAX_CONDITION_PARTS_IN_PLAN = 1_000_000
"""Parts of all conditions of the plan together: an assessment may check each of them."""

MAX_VERDICT_WORK = 10_000_000
"""How much work the check for verdict rules that can never be the first match may take:
answer combinations to try × (the parts of all verdict rules' conditions, counted as for
MAX_CONDITION_PARTS, + the questions they test). Above it the check is skipped with the
warning `verdict-not-analysed`; at the bound it takes a few seconds."""

MAX_PLAN_FILES = 1_000
"""Files in a plan folder."""

MAX_PLAN_BYTES = 16 * 1024 * 1024
"""All files of a plan together (one file may have at most 4 MB: documents.MAX_DOCUMENT_BYTES)."""

TOO_LARGE = "plan-too-large"
"""The problem code of a plan beyond a bound."""

_PER_ITEM: tuple[tuple[str, str, int, str, str], ...] = (
    ("steps", "choices", MAX_CHOICES, "vraag", "antwoorden (choices)"),
    ("steps", "next", MAX_RULES_PER_PART, "vraag", "routeregels (next)"),
    ("steps", "default_when", MAX_RULES_PER_PART, "vraag", "regels in default_when"),
    ("actions", "responsible_when", MAX_RULES_PER_PART, "actie", "regels in responsible_when"),
)
"""Lists inside the items of a section: section, key, maximum, the item and the things, in Dutch."""


def dutch_number(value: int) -> str:
    """A whole number the Dutch way (1.000.000)."""
    return f"{value:,}".replace(",", ".")


def size_problems(merged: Mapping[str, Any], locate: Callable[[Path_], Location]) -> list[Problem]:
    """A `plan-too-large` problem for every bound the merged plan data goes beyond (the first
    offender of each kind, with how many more there are). Runs in time linear in the data;
    data of the wrong shape is left to the schema check."""
    problems: list[Problem] = []

    def add(message: str, path: Path_, others: int = 0) -> None:
        more = f" (en nog {dutch_number(others)} andere)" if others else ""
        problems.append(
            Problem(
                TOO_LARGE,
                f"het plan is te groot: {message}{more}; zie 'Grenzen' in docs/plan-schrijven.md",
                locate(path),
            )
        )

    rules = (
        merged.get("verdict", {}).get("rules") if isinstance(merged.get("verdict"), dict) else None
    )
    counted: tuple[tuple[Limit, Any, Path_], ...] = (
        (MAX_STEPS, merged.get("steps"), ("steps",)),
        (MAX_ACTIONS, merged.get("actions"), ("actions",)),
        (MAX_VERDICT_RULES, rules, ("verdict", "rules")),
        (MAX_INVOLVEMENT, merged.get("involvement"), ("involvement",)),
        (MAX_CAVEATS, merged.get("caveats"), ("caveats",)),
    )
    for limit, items, path in counted:
        if isinstance(items, list) and len(items) > limit.maximum:
            add(
                f"{dutch_number(len(items))} {limit.what}, maximaal {dutch_number(limit.maximum)}",
                path,
            )
    for section, key, maximum, item_word, things in _PER_ITEM:
        over = [
            (index, item)
            for index, item in enumerate(_items(merged, section))
            if isinstance(item.get(key), list) and len(item[key]) > maximum
        ]
        if over:
            index, item = over[0]
            add(
                f"{item_word} '{excerpt(item.get('id'))}' heeft {dutch_number(len(item[key]))} {things}, "
                f"maximaal {dutch_number(maximum)}",
                (section, index, key),
                len(over) - 1,
            )
    total = 0
    first: tuple[int, Path_] | None = None
    others = 0
    for raw, path in _conditions(merged):
        parts = _parts(raw)
        total += parts
        if parts > MAX_CONDITION_PARTS:
            if first is None:
                first = (parts, path)
            else:
                others += 1
    if first is not None:
        add(
            f"een voorwaarde heeft {dutch_number(first[0])} onderdelen, maximaal "
            f"{dutch_number(MAX_CONDITION_PARTS)}",
            first[1],
            others,
        )
    if total > MAX_CONDITION_PARTS_IN_PLAN:
        add(
            f"alle voorwaarden samen hebben {dutch_number(total)} onderdelen, maximaal "
            f"{dutch_number(MAX_CONDITION_PARTS_IN_PLAN)}",
            (),
        )
    return problems


def _items(merged: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
    items = merged.get(section)
    if not isinstance(items, list):
        return []
    return [item if isinstance(item, dict) else {} for item in items]


def _conditions(merged: Mapping[str, Any]) -> Iterator[tuple[Any, Path_]]:
    """Every condition in the raw plan data, with its path."""
    verdict = merged.get("verdict")
    lists: list[tuple[str, list[dict[str, Any]]]] = [
        (section, _items(merged, section)) for section in ("actions", "involvement", "caveats")
    ]
    if isinstance(verdict, dict) and isinstance(verdict.get("rules"), list):
        lists.append(("rules", [r if isinstance(r, dict) else {} for r in verdict["rules"]]))
    for section, items in lists:
        base: Path_ = ("verdict", "rules") if section == "rules" else (section,)
        for index, item in enumerate(items):
            if "when" in item:
                yield item["when"], (*base, index, "when")
    for section, key in (
        ("steps", "next"),
        ("steps", "default_when"),
        ("actions", "responsible_when"),
    ):
        for index, item in enumerate(_items(merged, section)):
            rows = item.get(key)
            if isinstance(rows, list):
                for number, row in enumerate(rows):
                    if isinstance(row, dict) and "when" in row:
                        yield row["when"], (section, index, key, number, "when")


def _parts(raw: Any) -> int:
    """How many parts a condition in its raw form has: every mapping, list and value."""
    count = 0
    stack = [raw]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count
