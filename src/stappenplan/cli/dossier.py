"""`stappenplan dossier`: follow up registered cases, yearly figures, retention and transfer.

Like the other command modules, this imports only Typer at import time; the database layer
is loaded by the commands themselves.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stappenplan.cli.common import note
from stappenplan.cli.typer_nl import DutchCommand, DutchGroup
from stappenplan.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from stappenplan.dossier.intake import Intake
    from stappenplan.dossier.store import Register
    from stappenplan.engine import Outcome
    from stappenplan.plan.loader import LoadedPlan
    from stappenplan.terminal.wizard import Asker

dossier_app = typer.Typer(
    name="dossier",
    cls=DutchGroup,
    short_help="Geregistreerde incidenten opvolgen, herhaling en jaarcijfers.",
    help=(
        "Het dossier: geregistreerde incidenten (start --dossier) opvolgen, acties afvinken, "
        "herhaling zien en jaarcijfers maken. Standaard een bestand op deze computer; "
        "STAPPENPLAN_DOSSIER kiest een ander bestand of een PostgreSQL-database "
        "(postgresql://…). Het dossier bevat strafrechtelijke persoonsgegevens."
    ),
    rich_markup_mode=None,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CaseFormat(StrEnum):
    """Output formats of `dossier show`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class ListFormat(StrEnum):
    """Output formats of `dossier list`."""

    text = "text"
    json = "json"


class FiguresFormat(StrEnum):
    """Output formats of `dossier overview`."""

    table = "table"
    csv = "csv"
    json = "json"


class Status(StrEnum):
    """Case status filter of `dossier list`."""

    open = "open"
    afgerond = "afgerond"


CaseArgument = Annotated[int, typer.Argument(help="Het zaaknummer.", metavar="ZAAK", min=1)]
ActionArgument = Annotated[
    str, typer.Argument(help="De actie: haar id of haar nummer in de zaak.", metavar="ACTIE")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Schrijf naar dit bestand in plaats van het scherm.",
        metavar="BESTAND",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Alleen incidenten uit dit jaar.", metavar="JAAR")
]


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _register(*, create: bool = False) -> Register:
    from stappenplan.dossier.store import open_register

    return open_register(create=create)


def _emit(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from stappenplan.files import write_private

    write_private(output, text, force=force)
    note(f"Geschreven: {output}")


def _json(data: object) -> str:
    from stappenplan.output.text import to_json

    return to_json({"items": data} if isinstance(data, list) else data)  # type: ignore[arg-type]


@dossier_app.command(name="list", cls=DutchCommand, options_metavar="[OPTIES]")
def list_cases(
    year: YearOption = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target", help="Alleen zaken met dit doelwit, bijv. wethouder.", metavar="DOELWIT"
        ),
    ] = None,
    status: Annotated[
        Status | None, typer.Option("--status", help="Alleen open of afgeronde zaken.")
    ] = None,
    due: Annotated[
        bool,
        typer.Option(
            "--due",
            help="Toon de open acties waarvan de datum is gekomen of verstreken, oudste eerst.",
        ),
    ] = False,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", help="Toon hoogstens zoveel zaken (0: alle).", min=0, metavar="AANTAL"
        ),
    ] = 100,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Uitvoer: text of json.")
    ] = ListFormat.text,
) -> None:
    """Toon de zaken, of met --due de acties die aan de beurt zijn.

    Zaken staan nieuwste eerst; acties met --due de oudste datum eerst.
    """
    from stappenplan.dossier import report

    register = _register()
    today = _now().date()
    if due:
        if year is not None or target is not None or status is not None:
            raise UsageError("--due gaat niet samen met --year, --target of --status")
        items = register.due_actions(today)
        if output_format is ListFormat.json:
            sys.stdout.write(_json(report.due_data(items, today)))
        elif items:
            sys.stdout.write(report.due_table(items, today))
        else:
            note("Geen open acties waarvan de datum is gekomen.")
        return
    summaries = register.list_cases(
        year=year, target=target, status=status.value if status else None, limit=limit or None
    )
    if output_format is ListFormat.json:
        sys.stdout.write(_json(report.cases_data(summaries)))
    elif summaries:
        sys.stdout.write(report.cases_table(summaries))
        if limit and len(summaries) == limit:
            note(f"De nieuwste {limit} zaken; --limit 0 toont alle.")
    else:
        note("Geen zaken gevonden.")


@dossier_app.command(cls=DutchCommand, options_metavar="[OPTIES]")
def show(
    case_id: CaseArgument,
    output_format: Annotated[
        CaseFormat, typer.Option("--format", "-f", help="Uitvoer: text, markdown of json.")
    ] = CaseFormat.text,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Toon een zaak met de status van elke actie."""
    from stappenplan.dossier import report

    case = _register().case(case_id)
    today = _now().date()
    if output_format is CaseFormat.json:
        text = _json(report.case_data(case))
    elif output_format is CaseFormat.markdown:
        text = report.case_markdown(case, today)
    else:
        text = report.case_text(case, today)
    _emit(text, output, force)


@dossier_app.command(cls=DutchCommand, options_metavar="[OPTIES]")
def done(
    case_id: CaseArgument,
    action: ActionArgument,
    by: Annotated[
        str | None, typer.Option("--by", help="Wie de actie heeft gedaan.", metavar="NAAM")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--note", help="Een korte notitie bij de actie.", metavar="TEKST")
    ] = None,
) -> None:
    """Vink een actie van een zaak af."""
    state = _register().mark_done(case_id, action, now=_now(), by=by, note=text)
    note(f"Zaak {case_id}: actie '{state.action_id}' afgerond.")


@dossier_app.command(cls=DutchCommand, options_metavar="[OPTIES]")
def reopen(case_id: CaseArgument, action: ActionArgument) -> None:
    """Zet een afgevinkte actie weer open."""
    state = _register().reopen(case_id, action)
    note(f"Zaak {case_id}: actie '{state.action_id}' staat weer open (uiterlijk {state.due}).")


@dossier_app.command(cls=DutchCommand, options_metavar="[OPTIES]")
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

    figures = yearly_figures(_register(), year or _now().year)
    if output_format is FiguresFormat.json:
        text = _json(figures.as_data())
    elif output_format is FiguresFormat.csv:
        text = figures_csv(figures)
    else:
        text = figures_table(figures)
    _emit(text, output, force)


@dossier_app.command(cls=DutchCommand, options_metavar="[OPTIES]")
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

    register = _register()
    if years is not None and confirm:
        register.set_retention_years(years)
    keep = years or register.retention_years()
    cutoff = retention_cutoff(_now().date(), keep)
    count = purge_before(register, cutoff, dry_run=not confirm)
    if not confirm:
        note(
            f"{count} zaak/zaken met een incident vóór {cutoff.isoformat()} (bewaartermijn "
            f"{keep} jaar). Voeg --yes toe om ze definitief te verwijderen."
        )
    else:
        note(f"{count} zaak/zaken definitief verwijderd (incident vóór {cutoff.isoformat()}).")


@dossier_app.command(name="export", cls=DutchCommand, options_metavar="[OPTIES]")
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

    _emit(_json(export_data(_register(), now=_now(), year=year)), output, force)


@dossier_app.command(name="import", cls=DutchCommand, options_metavar="[OPTIES]")
def import_cases(
    source: Annotated[
        Path, typer.Argument(help="Een export of reservekopie (JSON).", metavar="BESTAND")
    ],
) -> None:
    """Lees zaken uit een export of reservekopie in.

    Zaken die er al zijn worden overgeslagen.
    """
    from stappenplan.dossier import transfer

    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{source}: kan niet lezen ({error})") from None
    export = transfer.read_export(text, str(source))
    result = transfer.import_cases(_register(create=True), export)
    note(f"{result.added} zaak/zaken ingelezen, {result.skipped} al aanwezig en overgeslagen.")
    if result.hashes_dropped:
        note(
            f"Bij {result.hashes_dropped} zaak/zaken is de herhalingsherkenning niet "
            "overgenomen: de export komt uit een dossier met een andere sleutel."
        )


@dossier_app.command(cls=DutchCommand, options_metavar="[OPTIES]")
def backup(
    target: Annotated[Path, typer.Argument(help="Het bestand voor de kopie.", metavar="BESTAND")],
    force: ForceOption = False,
) -> None:
    """Maak een reservekopie, ook terwijl anderen werken.

    SQLite: een kopie van het databasebestand; PostgreSQL: een JSON-bestand met alle zaken
    en de sleutel. Bewaar de kopie even veilig als het dossier zelf.
    """
    from stappenplan.dossier.transfer import backup as make_backup
    from stappenplan.files import check_target

    check_target(target, force=force)
    make_backup(_register(), target, now=_now())
    note(f"Reservekopie geschreven: {target} (bevat de sleutel van het dossier; bewaar veilig).")


# --- `start --dossier` ------------------------------------------------------------------------

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
        given = [
            name
            for name, value in (
                ("--moment", moment),
                ("--omschrijving", description),
                ("--kenmerk", reference),
                ("--dader", offender_label),
            )
            if value is not None
        ]
        if given:
            raise UsageError(
                f"{', '.join(given)} wordt alleen in het dossier bewaard: voeg --dossier toe"
            )
        return None
    from stappenplan.dossier.intake import start_intake

    return start_intake(
        moment=moment, description=description, reference=reference, offender_label=offender_label
    )


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
    from stappenplan.dossier.database import ENV_VAR, default_path

    if not os.environ.get(ENV_VAR) and not default_path().exists():
        return
    from rich.text import Text

    from stappenplan.dossier.intake import parse_moment
    from stappenplan.terminal.wizard import hangup_as_eof, make_asker

    asker = asker or make_asker(plain)
    try:
        with hangup_as_eof():
            console.print()
            if not asker.confirm("In het dossier registreren, om de acties op te volgen?"):
                return
            while True:
                moment = asker.text("Datum en tijd van het incident (leeg: nu)").strip() or None
                try:
                    parse_moment(moment, _now())
                    break
                except UsageError:
                    console.print(
                        Text(f"'{moment}' is geen datum in het verleden; bijv. 2026-03-04 14:05")
                    )
            reference = asker.text("Kenmerk (leeg: geen)").strip() or None
            description = asker.text("Korte omschrijving (leeg: geen)").strip() or None
            offender = asker.text("Label voor de dader, om herhaling te zien (leeg: geen)")
    except EOFError:
        console.print(Text("Niet geregistreerd in het dossier."))
        return
    intake = dossier_intake(
        True,
        moment=moment,
        description=description,
        reference=reference,
        offender_label=offender.strip() or None,
    )
    assert intake is not None
    for line in intake.register(loaded, outcome, record):
        console.print(Text(line))
