"""`stappenplan test`: run scenarios (answers and the expected outcome) against a plan."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from stappenplan.cli.common import StepsOption, load_checked_plan
from stappenplan.text import visible

# No `from __future__ import annotations`: Typer reads the annotations at every start.


def test_scenarios(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Scenariobestanden (YAML): gevallen met antwoorden en verwachte uitkomst.",
            metavar="BESTAND...",
        ),
    ],
    steps: StepsOption = None,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Toon vragen, antwoorden, regels en acties die geen scenario bereikt.",
        ),
    ] = False,
) -> None:
    """Draai scenario's (antwoorden + verwachte uitkomst) tegen een plan."""
    # The core is imported when a command runs, so that `--help` loads neither pydantic nor yaml.
    from stappenplan.errors import ScenarioError
    from stappenplan.files import check_name
    from stappenplan.scenario_run import coverage_gaps, format_report, run_scenarios
    from stappenplan.scenarios import load_scenarios

    for file in files:
        check_name(file)
    loaded = load_checked_plan(steps)
    cases = load_scenarios(files, loaded.plan)
    report = run_scenarios(loaded.plan, cases)
    sys.stdout.write(visible(format_report(report).rstrip("\n"), keep="\n") + "\n")
    gaps = coverage_gaps(loaded.plan, report) if coverage else []
    if coverage:
        if gaps:
            sys.stdout.write("Niet bereikt door een scenario:\n")
            for gap in gaps:
                sys.stdout.write(f"  {gap}\n")
        else:
            sys.stdout.write("Dekking: alle vragen, antwoorden, regels en acties worden bereikt.\n")
    if report.failed:
        raise ScenarioError(f"{len(report.failed)} scenario('s) mislukt.")
    if gaps:
        raise ScenarioError(f"{len(gaps)} onderdeel/onderdelen niet gedekt door scenario's.")
