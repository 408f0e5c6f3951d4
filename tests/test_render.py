"""The outcome screen in a terminal: readable at 80 columns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from stappenplan.answers import collect_answers, read_answer_file
from stappenplan.engine import scripted_outcome
from stappenplan.output.screen import render_text
from stappenplan.plan.loader import load_plan

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_outcome_screen_at_80_columns_cuts_nothing_off(example: Path) -> None:
    """Outcome screen at 80 columns cuts nothing off."""
    loaded = load_plan()
    given, _ = collect_answers(loaded, read_answer_file(str(example)), {})
    outcome = scripted_outcome(loaded.plan, given)
    buffer = io.StringIO()
    render_text(loaded, outcome, Console(file=buffer, width=80, no_color=True))
    screen = buffer.getvalue()
    assert "…" not in screen  # rich's ellipsis: a role or a word was cut off
    assert max(len(line) for line in screen.splitlines()) <= 80
    for action in outcome.actions:
        assert action.title.split()[0] in screen
