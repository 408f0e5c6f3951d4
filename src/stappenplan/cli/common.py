"""What the commands share: the --steps, --output and --force options, loading a checked plan,
writing the result, messages on stderr.

Imports only Typer and the standard library at import time, like the command modules.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stappenplan.text import visible

if TYPE_CHECKING:
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.plan.loaded import LoadedPlan

StepsOption = Annotated[
    Path | None,
    typer.Option(
        "--steps",
        help="Een ander plan: een YAML-bestand of een map met YAML-bestanden. "
        "Standaard: het meegeleverde plan.",
        metavar="MAP",
    ),
]


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Schrijf naar dit bestand in plaats van het scherm; '-' is standaarduitvoer.",
        metavar="BESTAND",
        readable=False,  # written, not read: an unreadable file may still be replaced
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Overschrijf een bestaand gewoon bestand bij --output/--save "
        "(nooit een map, apparaat, FIFO of socket).",
    ),
]


def emit(text: str, output: Path | None, force: bool) -> None:
    """Write a result to standard output, or to the --output file (private, see `files`).

    Raises:
        StappenplanError: when the file exists (without --force) or cannot be written.
    """
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from stappenplan.files import write_private  # the core, when a command runs

    write_private(output, text, force=force)
    note(f"Geschreven: {output}")


def say(text: str) -> None:
    """A line of a command's result on standard output; text from files is shown, never obeyed
    by the terminal."""
    sys.stdout.write(visible(text, keep="\n") + "\n")
    sys.stdout.flush()


def note(message: str) -> None:
    """A message for the person at the terminal, on standard error.

    Messages quote file content and paths; `visible` keeps escape sequences in them from
    acting on the terminal.
    """
    sys.stderr.write(visible(message, keep="\n") + "\n")


def load_checked_plan(steps: Path | None) -> LoadedPlan:
    """Load a plan; a plan other than the packaged one is validated first.

    Raises:
        PlanError: when the plan cannot be read or `validate` finds errors in it.
    """
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.errors import PlanError
    from stappenplan.plan.loader import load_plan

    if steps is not None:
        from stappenplan.files import check_name

        check_name(steps, "--steps")
    loaded = load_plan(steps)
    if steps is not None:
        # The core is loaded when a command runs: `--help` stays fast.
        from stappenplan.plan.validate import validate_plan

        errors = [problem for problem in validate_plan(loaded) if problem.is_error]
        if errors:
            raise PlanError("Het plan bevat fouten (zie 'stappenplan validate').", errors)
    return loaded
