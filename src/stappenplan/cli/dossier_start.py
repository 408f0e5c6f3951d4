"""`start --dossier`: the dossier options of `start`, and registering its outcome as a case.

Imports only Typer and the standard library at import time, like the command modules; the
dossier is loaded when a run registers a case.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stappenplan.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console  # a type only: the console that start made

    from stappenplan.dossier.intake import Intake
    from stappenplan.engine import Outcome
    from stappenplan.plan.loaded import LoadedPlan
    from stappenplan.terminal.asker import Asker
    from stappenplan.terminal.registration import RegistrationDetails

DossierOption = Annotated[
    bool,
    typer.Option(
        "--dossier",
        help="Registreer de uitkomst als zaak in het dossier, om acties op te volgen "
        "(zie 'stappenplan dossier').",
    ),
]
OffenderOption = Annotated[
    str | None,
    typer.Option(
        "--dader",
        help="Een label voor de dader (vrij te kiezen). Het dossier bewaart alleen een "
        "vingerafdruk met een geheime sleutel en meldt eerdere zaken met hetzelfde label.",
        metavar="LABEL",
    ),
]
MomentOption = Annotated[
    str | None,
    typer.Option(
        "--moment",
        help="Datum en tijd van het incident, bijv. '2026-03-04 14:05' (standaard: nu).",
        metavar="DATUM",
    ),
]
DescriptionOption = Annotated[
    str | None,
    typer.Option("--omschrijving", help="Korte omschrijving van het incident.", metavar="TEKST"),
]
ReferenceOption = Annotated[
    str | None,
    typer.Option("--kenmerk", help="Zaak- of dossierkenmerk van de gemeente.", metavar="KENMERK"),
]


def dossier_intake(
    dossier: bool,
    *,
    moment: str | None,
    description: str | None,
    reference: str | None,
    offender_label: str | None,
) -> Intake | None:
    """For `start`: check the dossier options and open the register before any question.

    Raises:
        UsageError: when dossier options are given without --dossier, or cannot be used.
        DossierError: when the register cannot be opened.
    """
    if not dossier:
        if offender_label is not None:
            raise UsageError("--dader wordt alleen in het dossier bewaard: voeg --dossier toe")
        return None
    # The dossier (SQLAlchemy) is loaded only when a run registers a case.
    from stappenplan.dossier.intake import start_intake

    return start_intake(
        moment=moment, description=description, reference=reference, offender_label=offender_label
    )


def register_outcome(
    intake: Intake, loaded: LoadedPlan, outcome: Outcome, record: Mapping[str, Any]
) -> list[str]:
    """Store the outcome as a case; the lines to show. The outcome is stored as the JSON
    data of `start --format json` (without contacts).

    Raises:
        DossierError: when the register cannot be written.
    """
    from stappenplan.output.json import outcome_data

    return intake.register(loaded, outcome, record, outcome_data(loaded, outcome))


def offer_registration(
    loaded: LoadedPlan,
    outcome: Outcome,
    record: Mapping[str, Any],
    *,
    plain: bool,
    console: Console,
    asker: Asker | None = None,
) -> None:
    """In the wizard, after the offers to save: offer to register the case in the dossier.

    Only asked when the user has a register (STAPPENPLAN_DOSSIER, or the default file
    exists): a register of criminal-law data is set up on purpose, not by a passing yes.
    A closed input ends the offer without registering.

    Raises:
        DossierError: when the register cannot be written.
    """
    # Only an interactive session that ends here loads the dossier and the dialogue.
    from stappenplan.dossier.database import ENV_VAR, default_path

    if not os.environ.get(ENV_VAR):
        from stappenplan.errors import StappenplanError
        from stappenplan.files import status

        try:
            if status(default_path()) is None:
                return
        except StappenplanError:
            return  # a data folder that cannot be looked at holds no register to offer
    import datetime as dt

    from stappenplan.dossier.intake import parse_moment
    from stappenplan.terminal.registration import offer_registration as ask

    def check_moment(moment: str | None) -> object:
        return parse_moment(moment, dt.datetime.now().astimezone().replace(microsecond=0))

    def register(details: RegistrationDetails) -> list[str]:
        intake = dossier_intake(
            True,
            moment=details.moment,
            description=details.description,
            reference=details.reference,
            offender_label=details.offender_label,
        )
        assert intake is not None
        return register_outcome(intake, loaded, outcome, record)

    ask(register, check_moment=check_moment, plain=plain, console=console, asker=asker)
