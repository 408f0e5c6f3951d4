"""`stappenplan show`: the whole plan, to agree in advance who does what."""

from enum import StrEnum
from typing import Annotated

import typer

from stappenplan.cli.afspraken import AfsprakenOption, plan_contacts_markdown
from stappenplan.cli.common import ForceOption, OutputOption, StepsOption, emit, load_checked_plan
from stappenplan.output.formats import plan_formats

# No `from __future__ import annotations`: Typer reads the annotations at every start.

PlanFormat = StrEnum("PlanFormat", [(name, name) for name in plan_formats()])  # type: ignore[misc]
"""The formats of the plan, from the table of formats."""


def show(
    steps: StepsOption = None,
    output_format: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="Uitvoer: markdown, mermaid of json.")
    ] = PlanFormat["markdown"],
    output: OutputOption = None,
    force: ForceOption = False,
    afspraken: AfsprakenOption = None,
) -> None:
    """Toon het hele plan als Markdown, om vooraf af te spreken wie wat doet."""
    # The core is imported when a command runs, so that `--help` loads neither pydantic nor yaml.
    from stappenplan.output.formats import render_plan

    loaded = load_checked_plan(steps)
    text = render_plan(output_format, loaded)
    if output_format == "markdown":
        text += plan_contacts_markdown(afspraken, loaded)
    emit(text, output, force)
