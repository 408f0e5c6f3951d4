"""The bounds on the size of a plan, in one place.

Every check of a plan and every assessment takes time roughly in proportion to the size of the
plan, so a plan within these bounds is checked in seconds. The bounds lie far above the
default plan (16 questions, at most 10 answers each, 73 actions, 5 verdict rules, 6
involvement rules, conditions of at most a few dozen parts) and above the largest generated
plan of the benchmark (10.000 questions). A plan beyond a bound is refused at once with the
problem code `plan-too-large`; docs/plan-schrijven.md lists the bounds for plan writers.

The one check that is combinatorial by nature, whether each verdict rule can ever be the first
match, has its own bound (`MAX_VERDICT_CHECKS`): above it the check is skipped with a warning.
"""

from __future__ import annotations

from typing import NamedTuple


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

MAX_VERDICT_CHECKS = 1_000_000
"""How many rule evaluations (answer combinations to try × verdict rules) the check for
verdict rules that can never be the first match may take; above it the check is skipped with
the warning `verdict-not-analysed`."""
