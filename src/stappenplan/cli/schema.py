"""`stappenplan schema`: the JSON Schema of a step file, for editors."""

from stappenplan.cli.common import ForceOption, OutputOption, emit

# No `from __future__ import annotations`: Typer reads the annotations at every start.


def schema(output: OutputOption = None, force: ForceOption = False) -> None:
    """Toon het JSON-schema van een stapbestand (voor autocomplete in editors)."""
    # The core is imported when a command runs, so that `--help` loads neither pydantic nor yaml.
    from stappenplan.output.json import to_json
    from stappenplan.plan.schema import step_file_schema

    emit(to_json(step_file_schema()), output, force)
