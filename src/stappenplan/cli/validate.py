"""`stappenplan validate`: check a plan and list every problem at once."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from stappenplan.cli.common import StepsOption
from stappenplan.errors import ExitCode
from stappenplan.text import visible

# No `from __future__ import annotations`: Typer reads the annotations at every start.


class CheckFormat(StrEnum):
    """Output formats of `validate`."""

    text = "text"
    json = "json"


def validate(
    steps: StepsOption = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Uitvoer: text of json.")
    ] = CheckFormat.text,
) -> None:
    """Controleer een plan: schema, verwijzingen, bereikbaarheid, lussen en beslistabel."""
    # The core is imported when a command runs, so that `--help` loads neither pydantic nor yaml.
    from stappenplan.errors import PlanError
    from stappenplan.files import check_name
    from stappenplan.output.json import problems_data, to_json
    from stappenplan.plan.loader import load_plan
    from stappenplan.plan.validate import validate_plan

    if steps is not None:
        check_name(steps, "--steps")
    try:
        loaded = load_plan(steps)
    except PlanError as error:
        if output_format is CheckFormat.json:
            sys.stdout.write(to_json(problems_data(error.problems, ok=False)))
            raise typer.Exit(ExitCode.INVALID) from None
        raise
    problems = validate_plan(loaded)
    errors = [problem for problem in problems if problem.is_error]
    if output_format is CheckFormat.json:
        sys.stdout.write(to_json(problems_data(problems, ok=not errors)))
    else:
        for problem in problems:
            sys.stdout.write(f"{problem}\n")
        plan = loaded.plan
        summary = (
            f"{len(plan.steps)} vragen, {len(plan.actions)} acties, {len(plan.verdict.rules) + 1} "
            f"verdict-regels, {len(plan.involvement)} betrokkenheidsregels, {len(plan.sources)} bronnen"
        )
        if errors:
            sys.stdout.write(f"Het plan bevat {len(errors)} fout(en). ({summary})\n")
        else:
            sys.stdout.write(
                visible(f"Het plan '{plan.plan.id}' {plan.plan.version} is in orde: {summary}.")
                + "\n"
            )
    if errors:
        raise typer.Exit(ExitCode.INVALID)
