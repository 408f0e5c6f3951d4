"""Answers that mean someone is in danger right now: the plan marks them with `alarm:`; pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stappenplan.plan.conditions import Answer
from stappenplan.plan.model import Plan, Step


@dataclass(frozen=True, slots=True)
class Alarm:
    """One alarm: the question, the answer that raised it and the text to show first."""

    step_id: str
    value: str
    text: str


def step_alarms(step: Step, answer: Answer) -> tuple[Alarm, ...]:
    """The alarms an answer to this step raises (choices with an `alarm:` text)."""
    return tuple(
        Alarm(step.id, choice.value, choice.alarm)
        for choice in step.selected(answer)
        if choice.alarm
    )


def alarms(plan: Plan, answers: Mapping[str, Answer], path: Iterable[str]) -> tuple[Alarm, ...]:
    """Every alarm raised by the answers along the path, in the order of the path."""
    steps = plan.step_index
    found: list[Alarm] = []
    for step_id in path:
        step = steps.get(step_id)
        if step is not None and step_id in answers:
            found.extend(step_alarms(step, answers[step_id]))
    return tuple(found)


def alarm_data(raised: Iterable[Alarm]) -> dict[str, Any] | None:
    """The `alarm` object of the JSON output, or None when nothing is acute."""
    raised = tuple(raised)
    if not raised:
        return None
    return {
        "messages": list(dict.fromkeys(alarm.text for alarm in raised)),
        "answers": {alarm.step_id: alarm.value for alarm in raised},
    }


ALARM_TITLE = "ACUUT GEVAAR"
"""The heading above every alarm, on screen and in each output format."""
