"""The JSON Schema of a step file, for editors with the YAML language server."""

from __future__ import annotations

from typing import Any

from stappenplan.plan.model import Plan


def step_file_schema() -> dict[str, Any]:
    """The schema of one file of a plan: any subset of the plan's sections.

    A plan may be split over several files, so no section is required in a single file;
    `stappenplan validate` checks the merged whole.
    """
    schema = Plan.model_json_schema()
    schema.pop("required", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://stappenplan.invalid/schema/stapbestand.json",
        **schema,
        "title": "stappenplan: stapbestand",
        "description": (
            "Een bestand van een stappenplan (YAML). Een plan mag over meerdere bestanden "
            "verdeeld zijn; 'stappenplan validate' controleert het geheel."
        ),
    }
