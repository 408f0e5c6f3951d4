"""After the outcome: offer to register the case in the dossier (the questions only).

The dialogue asks for the incident's moment, reference, description and offender label; the
command line checks the moment and writes the case (`stappenplan.cli.dossier_start`), so this
module does not depend on the dossier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from stappenplan.errors import UsageError
from stappenplan.terminal.asker import Asker, make_asker
from stappenplan.text import visible


@dataclass(frozen=True, slots=True)
class RegistrationDetails:
    """What the person typed; None where left empty."""

    moment: str | None
    reference: str | None
    description: str | None
    offender_label: str | None


def offer_registration(
    register: Callable[[RegistrationDetails], list[str]],
    *,
    check_moment: Callable[[str | None], object],
    plain: bool,
    console: Console,
    asker: Asker | None = None,
) -> None:
    """Ask whether to register the case and its details; then call `register` and show the
    lines it returns. A no, or a closed input, ends the offer without registering.

    `check_moment` raises UsageError for a moment that cannot be used; the question is then
    asked again.
    """
    asker = asker or make_asker(plain)
    try:
        console.print()
        if not asker.confirm("In het dossier registreren, om de acties op te volgen?"):
            return
        while True:
            moment = asker.text("Datum en tijd van het incident (leeg: nu)").strip() or None
            try:
                check_moment(moment)
                break
            except UsageError:
                console.print(
                    Text(
                        f"'{visible(moment or '')}' is geen datum in het verleden; bijv. 2026-03-04 14:05"
                    )
                )
        reference = asker.text("Kenmerk (leeg: geen)").strip() or None
        description = asker.text("Korte omschrijving (leeg: geen)").strip() or None
        offender = asker.text("Label voor de dader, om herhaling te zien (leeg: geen)")
    except EOFError:
        console.print(Text("Niet geregistreerd in het dossier."))
        return
    details = RegistrationDetails(moment, reference, description, offender.strip() or None)
    for line in register(details):
        console.print(Text(visible(line, keep="\n")))
