"""`stappenplan dossier list|show|done|reopen`: follow up the registered cases, and what the
dossier commands share (opening the register, JSON output).

Imports only Typer and the standard library at import time, like the other command modules;
the dossier (SQLAlchemy) is loaded by the commands themselves.
"""

import datetime as dt
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from stappenplan.cli.common import OutputOption, emit, note
from stappenplan.errors import UsageError

if TYPE_CHECKING:
    from stappenplan.dossier.store import Register

# No `from __future__ import annotations`: Typer reads the annotations at every start.


class CaseFormat(StrEnum):
    """Output formats of `dossier show`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class ListFormat(StrEnum):
    """Output formats of `dossier list`."""

    text = "text"
    json = "json"


class Status(StrEnum):
    """Case status filter of `dossier list`."""

    open = "open"
    afgerond = "afgerond"


CaseArgument = Annotated[int, typer.Argument(help="Het zaaknummer.", metavar="ZAAK", min=1)]
ActionArgument = Annotated[
    str, typer.Argument(help="De actie: haar id of haar nummer in de zaak.", metavar="ACTIE")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Alleen incidenten uit dit jaar.", metavar="JAAR")
]


def now() -> dt.datetime:
    """This moment, in local time, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def open_dossier(*, create: bool = False) -> "Register":
    """The user's register (STAPPENPLAN_DOSSIER, or the default file).

    Raises:
        DossierError: when the register cannot be opened.
    """
    # The dossier (SQLAlchemy) is loaded when a command runs: `--help` stays fast.
    from stappenplan.dossier.store import open_register

    return open_register(create=create)


def as_json(data: object) -> str:
    """Data as the JSON of the other commands; a list is written as {"items": [...]}."""
    from stappenplan.output.json import to_json

    return to_json({"items": data} if isinstance(data, list) else data)  # type: ignore[arg-type]


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

    register = open_dossier()
    today = now().date()
    if due:
        if year is not None or target is not None or status is not None:
            raise UsageError("--due gaat niet samen met --year, --target of --status")
        items = register.due_actions(today)
        if output_format is ListFormat.json:
            sys.stdout.write(as_json(report.due_data(items, today)))
        elif items:
            sys.stdout.write(report.due_table(items, today))
        else:
            note("Geen open acties waarvan de datum is gekomen.")
        return
    summaries = register.list_cases(
        year=year, target=target, status=status.value if status else None, limit=limit or None
    )
    if output_format is ListFormat.json:
        sys.stdout.write(as_json(report.cases_data(summaries)))
    elif summaries:
        sys.stdout.write(report.cases_table(summaries))
        if limit and len(summaries) == limit:
            note(f"De nieuwste {limit} zaken; --limit 0 toont alle.")
    else:
        note("Geen zaken gevonden.")


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

    case = open_dossier().case(case_id)
    today = now().date()
    if output_format is CaseFormat.json:
        text = as_json(report.case_data(case))
    elif output_format is CaseFormat.markdown:
        text = report.case_markdown(case, today)
    else:
        text = report.case_text(case, today)
    emit(text, output, force)


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
    state = open_dossier().mark_done(case_id, action, now=now(), by=by, note=text)
    note(f"Zaak {case_id}: actie '{state.action_id}' afgerond.")


def reopen(case_id: CaseArgument, action: ActionArgument) -> None:
    """Zet een afgevinkte actie weer open."""
    state = open_dossier().reopen(case_id, action)
    note(f"Zaak {case_id}: actie '{state.action_id}' staat weer open (uiterlijk {state.due}).")
