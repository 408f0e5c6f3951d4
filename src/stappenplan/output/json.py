"""Outcome, plan and check results as JSON: the stable contract for other programs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stappenplan.answers import answers_to_data
from stappenplan.engine import Outcome
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.text import BIDI_CONTROLS

if TYPE_CHECKING:
    from stappenplan.errors import Problem
    from stappenplan.output.formats import Report


def outcome_data(
    loaded: LoadedPlan,
    outcome: Outcome,
    contacts: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON contract of plan-spec §6; with `contacts` (role id -> contact data, personal
    data, only on request) each action also gets a `contact`."""
    plan = loaded.plan
    verdict = outcome.verdict
    data: dict[str, Any] = {
        "plan": {"id": plan.plan.id, "version": plan.plan.version, "sha256": loaded.sha256},
        "answers": answers_to_data(outcome.walk.answers),
        "assumed": list(outcome.walk.assumed),
        "ignored": list(outcome.ignored),
        "path": list(outcome.walk.path),
        "domain": {
            "verdict": verdict.domain.id,
            "label": verdict.domain.label,
            "authority": verdict.rule.authority,
            "reasons": list(verdict.reasons),
            "national_involvement": [rule.text for rule in outcome.involvement],
        },
        "actions": [
            {
                "id": action.id,
                "title": action.title,
                "details": action.details,
                "responsible": action.responsible,
                "responsible_label": plan.role_label(action.responsible),
                "urgency": action.urgency,
                "domain": action.domain,
                "sources": [{"id": ref.id, "ref": ref.ref} for ref in action.sources],
            }
            for action in outcome.actions
        ],
    }
    if contacts is not None:
        for action, action_data in zip(outcome.actions, data["actions"], strict=True):
            action_data["contact"] = contacts.get(action.responsible)
    return data


_JSON_ESCAPED = re.compile(f"[\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")
"""Characters json.dumps leaves raw with ensure_ascii=False that can act on a terminal."""


def to_json(data: Mapping[str, Any]) -> str:
    """Stable, readable JSON (UTF-8 kept, two-space indent, trailing newline).

    Control and bidi characters are written as \\u escapes (the data stays the same), so
    JSON printed to a terminal cannot steer it.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def plan_data(loaded: LoadedPlan) -> dict[str, Any]:
    """The plan as data, for `show --format json`."""
    data = loaded.plan.model_dump(mode="json", exclude_defaults=True)
    return {"sha256": loaded.sha256, **data}


def problems_data(problems: Iterable[Problem], *, ok: bool) -> dict[str, Any]:
    """The result of `validate --format json`."""
    return {
        "ok": ok,
        "problems": [
            {
                "code": problem.code,
                "severity": problem.severity.value,
                "message": problem.message,
                "file": problem.location.file if problem.location else None,
                "line": problem.location.line if problem.location else None,
            }
            for problem in problems
        ],
    }


def render_outcome(report: Report) -> str:
    """The outcome as JSON; contact data only when the report carries it (on request)."""
    return to_json(outcome_data(report.loaded, report.outcome, report.contact_data))


def render_plan(loaded: LoadedPlan) -> str:
    """The plan as JSON."""
    return to_json(plan_data(loaded))
