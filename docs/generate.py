"""Rewrite the example documents in docs/ from the default plan: `python docs/generate.py`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from stappenplan.engine import outcome, walk
from stappenplan.output.markdown import render_report
from stappenplan.output.plan import render_plan
from stappenplan.plan.loader import load_plan

DOCS = Path(__file__).resolve().parent
EXAMPLE = DOCS.parent / "examples" / "burgemeester-woning.yaml"
CREATED = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
"""A fixed moment, so the example report only changes when the plan or the code does."""


def example_answers(path: Path) -> dict[str, Any]:
    """The answers of an example file, lists as tuples (as the engine takes them)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        key: tuple(value) if isinstance(value, list) else value
        for key, value in data["answers"].items()
    }


def documents() -> dict[Path, str]:
    """Each example document and the text it should have."""
    loaded = load_plan()
    answers = example_answers(EXAMPLE)
    done = walk(loaded.plan, answers, assume_defaults=True)
    report = render_report(loaded, outcome(loaded.plan, done, answers), created=CREATED)
    return {
        DOCS / "voorbeeld-plan.md": render_plan(loaded),
        DOCS / "voorbeeld-verslag.md": report,
    }


def main() -> None:
    for path, text in documents().items():
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"geschreven: {path.relative_to(DOCS.parent)}")


if __name__ == "__main__":
    main()
