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
    DescriptionOption,
    DossierOption,
    MomentOption,
    OffenderOption,
    ReferenceOption,
    dossier_intake,
    offer_registration,
    register_outcome,
)
from stappenplan.errors import UsageError
from stappenplan.output.formats import outcome_formats

if TYPE_CHECKING:
    from stappenplan.answers import AnswerFile

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
        return read_answer_file(source)
    # Bytes, not text: the same rules as for a file (UTF-8, BOM, size) whatever the locale.
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    return read_answer_file(source, stream.read(MAX_DOCUMENT_BYTES + 1))


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
        OutputFormat, typer.Option("--format", "-f", help="Uitvoer: text, markdown of json.")
    ] = OutputFormat["text"],
    output: OutputOption = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", help="Bewaar de antwoorden als herhaalbaar verslag (YAML).", metavar="BESTAND"
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
    dossier: DossierOption = False,
    offender: OffenderOption = None,
    moment: MomentOption = None,
    description: DescriptionOption = None,
    reference: ReferenceOption = None,
) -> None:
    """Doorloop het stappenplan na een incident: vragen, actielijst en domein (lokaal of landelijk)."""
    # The core is imported when a command runs, so that `--help` loads neither pydantic nor yaml.
    from stappenplan.answers import (
        build_record,
        collect_answers,
        parse_set_options,
        record_created,
        record_to_yaml,
    )
    from stappenplan.engine import outcome, scripted_outcome, walk
    from stappenplan.files import check_target, write_private
    from stappenplan.output.formats import Report, render_outcome

    set_raw = parse_set_options(set_values or [])
    if answers == "-" and resume:
        raise UsageError("--answers - en --resume gaan niet samen")
    # Refuse unwritable targets now, not after the questions: nothing typed may be lost.
    for target in (output, save):
        if target is not None:
            check_target(target, force=force)
    # The dossier: options checked and register opened before any question is asked.
    intake = dossier_intake(
        dossier,
        moment=moment,
        description=description,
        reference=reference,
        offender_label=offender,
    )
    loaded = load_checked_plan(steps)
    contacts, contact_json = outcome_contacts(afspraken, loaded, with_contacts=with_contacts)
    answer_file = read_answers(answers)
    given, warnings = collect_answers(loaded, answer_file, set_raw)
    for warning in warnings:
        note(f"Let op: {warning}")
    interactive = interactive_session(no_input) and answers != "-"
    plain_mode = plain or os.environ.get("TERM") == "dumb"
    plan = loaded.plan
    console = None
    if interactive and (resume or not walk(plan, given).complete):
        # Only a session at a terminal loads rich and the prompt libraries.
        from stappenplan.output.screen import new_console
        from stappenplan.terminal.wizard import run_wizard

        console = new_console()
        complete = run_wizard(loaded, given, plain=plain_mode, resume=resume, console=console)
        done = walk(plan, complete)
        result = outcome(plan, done, complete)
        record_answers = complete
    else:
        if resume:
            raise UsageError("--resume werkt alleen in een terminal (zonder --no-input)")
        result = scripted_outcome(plan, given)
        record_answers = given
    created = record_created(answer_file) or now()
    record = build_record(loaded, record_answers, result, created)
    report = Report(loaded, result, created, contacts, contact_json)
    on_screen = output is None and sys.stdout.isatty() and not plain_mode
    if output_format == "text" and on_screen:
        # The outcome screen with boxes and tables (rich) only on a terminal.
        from stappenplan.output.screen import new_console, render_text

        render_text(loaded, result, console or new_console(), contacts)
    else:
        emit(render_outcome(output_format, report), output, force)
    if intake is not None:
        for line in register_outcome(intake, loaded, result, record):
            note(line)
    if save is not None:
        write_private(save, record_to_yaml(record), force=force)
        note(f"Verslag bewaard: {save}")
    elif interactive and console is not None and output is None:
        # Only an interactive session loads the save dialogue (rich, prompts).
        from stappenplan.terminal.saves import offer_saves

        offer_saves(
            loaded,
            result,
            record_text=record_to_yaml(record),
            report_text=render_outcome("markdown", report),
            plain=plain_mode,
            console=console,
        )
        if intake is None:
            offer_registration(loaded, result, record, plain=plain_mode, console=console)
