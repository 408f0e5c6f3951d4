"""Rewrite the example documents in docs/ from the default plan: `python docs/generate.py`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from stappenplan.answers import collect_answers, read_answer_file
from stappenplan.engine import outcome, walk
from stappenplan.output.markdown import render_report
from stappenplan.output.plan import render_plan
from stappenplan.plan.loader import load_plan

DOCS = Path(__file__).resolve().parent
EXAMPLE = DOCS.parent / "examples" / "burgemeester-woning.yaml"
CREATED = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
"""A fixed moment, so the example report only changes when the plan or the code does."""


def documents() -> dict[Path, str]:
    """Each example document and the text it should have."""
    loaded = load_plan()
    answers, _ = collect_answers(loaded, read_answer_file(str(EXAMPLE)), {})
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
