"""`stappenplan start`: walk the plan after an incident and write the outcome."""

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stappenplan.cli.afspraken import AfsprakenOption, WithContactsOption, outcome_contacts
from stappenplan.cli.common import (
    ForceOption,
    OutputOption,
    StepsOption,
    emit,
    load_checked_plan,
    note,
)
from stappenplan.cli.dossier_start import (
    DossierOption,
    OffenderOption,
    dossier_intake,
    offer_registration,
    register_outcome,
)
from stappenplan.errors import UsageError
from stappenplan.output.formats import outcome_formats
from stappenplan.text import excerpt

if TYPE_CHECKING:
    from collections.abc import Mapping

    from stappenplan.answers import AnswerFile
    from stappenplan.engine import Outcome
    from stappenplan.plan.conditions import Answer

# No `from __future__ import annotations`: Typer reads the annotations at every start, and
# annotations kept as text would be compiled anew each time.

OutputFormat = StrEnum("OutputFormat", [(name, name) for name in outcome_formats()])  # type: ignore[misc]
"""The formats of the outcome, from the table of formats."""


def interactive_session(no_input: bool) -> bool:
    """Whether to ask questions: a person at a terminal, and not --no-input."""
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()


def now() -> dt.datetime:
    """This moment, in local time, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def read_answers(source: str | None) -> "AnswerFile | None":
    """The answer file named by --answers ('-': standard input), if any."""
    if source is None:
        return None
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.answers import read_answer_file
    from stappenplan.plan.documents import MAX_DOCUMENT_BYTES

    if source != "-":
        from stappenplan.files import check_name

        check_name(Path(source), "--answers")
        return read_answer_file(source)
    # Bytes, not text: the same rules as for a file (UTF-8, BOM, size) whatever the locale.
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    return read_answer_file(source, stream.read(MAX_DOCUMENT_BYTES + 1))


def check_outputs(
    output: str | None, save: str | None, *, force: bool
) -> tuple[Path | None, Path | None]:
    """Refuse unwritable targets now, not after the questions: nothing typed may be lost.

    Returns the files of --output (None when it is '-', standard output) and --save; only the
    argument '-' itself is standard output, './-' is a file named '-'.

    Raises:
        UsageError: for '--save -', the same file twice, an existing file without --force.
        StappenplanError: for a target that is not a regular file (see files.check_target).
    """
    from stappenplan.files import STDOUT, check_target, same_file, target_path

    if save == STDOUT:
        raise UsageError(
            "--save -: het verslag gaat altijd naar een bestand; geef een bestandsnaam "
            "(de uitkomst zelf komt met -o - op standaarduitvoer)"
        )
    output_file = None if output in (None, STDOUT) else target_path(str(output))
    save_file = None if save is None else target_path(save)
    if output_file is not None and save_file is not None and same_file(output_file, save_file):
        raise UsageError(
            f"--output {excerpt(output_file)} en --save {excerpt(save_file)} zijn hetzelfde "
            "bestand; het ene zou het andere overschrijven. Kies twee namen."
        )
    for target, what in ((output_file, "--output"), (save_file, "--save")):
        if target is not None:
            check_target(target, force=force, what=what)
    return output_file, save_file


def start(
    steps: StepsOption = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            help="Antwoordbestand (YAML of JSON), of een eerder bewaard verslag; '-' leest standaardinvoer.",
            metavar="BESTAND",
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Antwoord ID=WAARDE (herhaalbaar; gaat voor het bestand). "
            "Meerdere waarden met komma's: --set incident=bedreiging,doxing",
            metavar="ID=WAARDE",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Stel nooit vragen: gebruik standaardantwoorden waar het plan die heeft, "
            "en stop met de lijst van ontbrekende vragen.",
        ),
    ] = False,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Uitvoer: text, markdown of json. Standaard: volgens de extensie van --output "
            "(.md, .json, .txt), anders text.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    save: Annotated[
        str | None,  # the argument as typed: '-' is refused, './-' is a file named '-'
        typer.Option(
            "--save",
            help="Bewaar de antwoorden als herhaalbaar verslag (YAML) in dit bestand "
            "(een bestandsnaam; '-' kan niet).",
            metavar="BESTAND",
        ),
    ] = None,
    force: ForceOption = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Eenvoudige modus: genummerde keuzes, geen kleur of pijltjestoetsen (ook bij TERM=dumb).",
        ),
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Ga verder waar een onderbroken sessie bleef.")
    ] = False,
    afspraken: AfsprakenOption = None,
    with_contacts: WithContactsOption = False,
    role: Annotated[
        str | None,
        typer.Option(
            "--rol",
            help="Toon alleen de taken van deze rol (id of naam), bv. --rol griffier.",
            metavar="ROL",
        ),
    ] = None,
    moment: Annotated[
        str | None,
        typer.Option(
            "--moment",
            help="Datum en tijd van het incident, bv. '2026-12-01 07:15' of '07:15'. "
            "Standaard: nu.",
            metavar="MOMENT",
        ),
    ] = None,
    description: Annotated[
        str | None,
        typer.Option(
            "--omschrijving", help="Korte omschrijving van het incident.", metavar="TEKST"
        ),
    ] = None,
    reference: Annotated[
        str | None,
        typer.Option("--kenmerk", help="Kenmerk of zaaknummer van de gemeente.", metavar="TEKST"),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option("--no-pager", help="Geen pager (less), ook niet bij lange uitvoer."),
    ] = False,
    dossier: DossierOption = False,
    offender: OffenderOption = None,
) -> None:
    """Doorloop het stappenplan na een incident: vragen, actielijst en domein (lokaal of landelijk).

    Bij acuut gevaar: bel eerst 112.
    """
    # The core is imported when a command runs, so that `--help` loads neither pydantic nor yaml.
    from stappenplan.answers import (
        collect_answers,
        parse_set_options,
    )
    from stappenplan.cli.outcome_output import (
        incident_from_options,
        offer_to_save,
        output_format_for,
        resolve_role,
        show_outcome,
    )
    from stappenplan.engine import outcome, scripted_outcome, walk
    from stappenplan.files import write_private
    from stappenplan.output.formats import Report, render_outcome
    from stappenplan.record import build_record, record_created, record_to_yaml

    set_raw = parse_set_options(set_values or [])
    if answers == "-" and resume:
        raise UsageError("--answers - en --resume gaan niet samen")
    output_file, save_file = check_outputs(output, save, force=force)
    # The dossier: options checked and register opened before any question is asked.
    intake = dossier_intake(
        dossier,
        moment=moment,
        description=description,
        reference=reference,
        offender_label=offender,
    )
    loaded = load_checked_plan(steps)
    role_id = resolve_role(loaded.plan, role)
    contacts, contact_json, municipality = outcome_contacts(
        afspraken, loaded, with_contacts=with_contacts
    )
    answer_file = read_answers(answers)
    started = now()
    incident = incident_from_options(
        moment,
        description,
        reference,
        now=started,
        record=answer_file.record if answer_file else None,
    )
    given, warnings = collect_answers(loaded, answer_file, set_raw)
    for warning in warnings:
        note(f"Let op: {warning}")
    interactive = interactive_session(no_input) and answers != "-"
    plain_mode = plain or os.environ.get("TERM") == "dumb"
    plan = loaded.plan
    console = None

    def finish(result: "Outcome", record_answers: "Mapping[str, Answer]") -> None:
        """Show and write the outcome, register it, offer to save it."""
        created = record_created(answer_file) or started
        fmt = output_format_for(output_format.value if output_format else None, output_file)
        report = Report(
            loaded, result, created, contacts, contact_json, role_id, incident, municipality
        )
        if (output_file is None and fmt == "text") or (
            console is not None and output_file is not None
        ):
            # The wizard always shows the outcome on screen, also when it is written to a file.
            show_outcome(report, plain=plain_mode, paging=not no_pager, console=console)
        if output_file is not None or fmt != "text":
            emit(render_outcome(fmt, report), output_file, force)
        if intake is not None:
            record = build_record(loaded, record_answers, result, created, incident)
            for line in register_outcome(intake, loaded, result, record):
                note(line)
        if save_file is not None:
            record = build_record(loaded, record_answers, result, created, incident)
            write_private(save_file, record_to_yaml(record), force=force)
            note(f"Verslag bewaard: {excerpt(save_file)}")
        elif interactive and console is not None and output_file is None:
            offer_to_save(report, record_answers, console=console, plain=plain_mode, now=started)
            if intake is None:
                offer_registration(
                    loaded,
                    result,
                    build_record(loaded, record_answers, result, created, incident),
                    plain=plain_mode,
                    console=console,
                )

    if interactive and (resume or not walk(plan, given).complete):
        # Only a session at a terminal loads rich and the prompt libraries.
        from stappenplan.output.screen import new_console
        from stappenplan.terminal.keep import Keeper
        from stappenplan.terminal.wizard import run_wizard

        console = new_console()
        keeper = Keeper(loaded)
        # From the first answer to the end of the run, whatever goes wrong, the answers are
        # kept.
        with keeper.guard():
            complete = run_wizard(
                loaded, given, plain=plain_mode, resume=resume, console=console, keeper=keeper
            )
            finish(outcome(plan, walk(plan, complete), complete), complete)
    else:
        if resume:
            raise UsageError("--resume werkt alleen in een terminal (zonder --no-input)")
        finish(scripted_outcome(plan, given), given)
