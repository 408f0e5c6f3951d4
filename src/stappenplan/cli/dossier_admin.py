"""`stappenplan dossier overview|purge|export|import|backup`: yearly figures, retention, and
moving or copying the register.

Imports only Typer and the standard library at import time, like the other command modules;
the dossier (SQLAlchemy) is loaded by the commands themselves.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stappenplan.cli.common import OutputOption, emit, note
from stappenplan.cli.dossier_cases import ForceOption, YearOption, as_json, now, open_dossier
from stappenplan.text import excerpt

# No `from __future__ import annotations`: Typer reads the annotations at every start.


class FiguresFormat(StrEnum):
    """Output formats of `dossier overview`."""

    table = "table"
    csv = "csv"
    json = "json"


def overview(
    year: Annotated[
        int | None, typer.Option("--year", help="Het jaar (standaard: dit jaar).", metavar="JAAR")
    ] = None,
    output_format: Annotated[
        FiguresFormat, typer.Option("--format", "-f", help="Uitvoer: table, csv of json.")
    ] = FiguresFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Jaarcijfers voor raad en Monitor (aantallen, geen namen)."""
    from stappenplan.dossier.figures import figures_csv, figures_table, yearly_figures

    figures = yearly_figures(open_dossier(), year or now().year)
    if output_format is FiguresFormat.json:
        text = as_json(figures.as_data())
    elif output_format is FiguresFormat.csv:
        text = figures_csv(figures)
    else:
        text = figures_table(figures)
    emit(text, output, force)


def purge(
    years: Annotated[
        int | None,
        typer.Option(
            "--retention",
            help="Bewaartermijn in jaren (standaard 5); met --yes ook onthouden voor de volgende keer.",
            min=1,
            metavar="JAREN",
        ),
    ] = None,
    confirm: Annotated[
        bool, typer.Option("--yes", help="Verwijder echt; zonder --yes wordt alleen geteld.")
    ] = False,
) -> None:
    """Verwijder zaken ouder dan de bewaartermijn, definitief.

    De datum van het incident telt. Zonder --yes wordt alleen geteld.
    """
    from stappenplan.dossier.transfer import purge_before, retention_cutoff

    register = open_dossier()
    if years is not None and confirm:
        register.set_retention_years(years)
    keep = years or register.retention_years()
    cutoff = retention_cutoff(now().date(), keep)
    count = purge_before(register, cutoff, dry_run=not confirm)
    if not confirm:
        note(
            f"{count} zaak/zaken met een incident vóór {cutoff.isoformat()} (bewaartermijn "
            f"{keep} jaar). Voeg --yes toe om ze definitief te verwijderen."
        )
    else:
        note(f"{count} zaak/zaken definitief verwijderd (incident vóór {cutoff.isoformat()}).")


def export_cases(
    year: YearOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Exporteer zaken als JSON, voor een ander dossier.

    Daderlabels staan nooit in een export; de herkenning van herhaling gaat alleen mee naar
    een dossier met dezelfde sleutel.
    """
    from stappenplan.dossier.transfer import export_data

    emit(as_json(export_data(open_dossier(), now=now(), year=year)), output, force)


def import_cases(
    source: Annotated[
        Path, typer.Argument(help="Een export of reservekopie (JSON).", metavar="BESTAND")
    ],
) -> None:
    """Lees zaken uit een export of reservekopie in.

    Zaken die er al zijn worden overgeslagen.
    """
    from stappenplan.dossier import transfer
    from stappenplan.files import check_name

    check_name(source)
    export = transfer.load_export(source, excerpt(source))
    result = transfer.import_cases(open_dossier(create=True), export)
    note(f"{result.added} zaak/zaken ingelezen, {result.skipped} al aanwezig en overgeslagen.")
    if result.hashes_dropped:
        note(
            f"Bij {result.hashes_dropped} zaak/zaken is de herhalingsherkenning niet "
            "overgenomen: de export komt uit een dossier met een andere sleutel."
        )


def backup(
    target: Annotated[
        Path,
        typer.Argument(
            help="Het bestand voor de kopie.",
            metavar="BESTAND",
            readable=False,  # written, not read
        ),
    ],
    force: ForceOption = False,
) -> None:
    """Maak een reservekopie, ook terwijl anderen werken.

    SQLite: een kopie van het databasebestand; PostgreSQL: een JSON-bestand met alle zaken
    en de sleutel. Bewaar de kopie even veilig als het dossier zelf.
    """
    from stappenplan.dossier.transfer import backup as make_backup
    from stappenplan.files import check_target

    check_target(target, force=force)
    make_backup(open_dossier(), target, now=now())
    note(
        f"Reservekopie geschreven: {excerpt(target)} (bevat de sleutel van het dossier; "
        "bewaar veilig)."
    )
