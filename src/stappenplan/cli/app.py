"""The command line: thin Typer commands, and the one place that maps errors to exit codes.

Heavy modules (pydantic, PyYAML, rich, questionary) are imported inside the commands, so that
`stappenplan --help` starts fast and non-interactive runs never load the prompt libraries.
"""

# No `from __future__ import annotations` in this module: Typer reads the annotations of every
# command at each start, and annotations kept as text would be compiled anew every time (a few
# milliseconds). Names that only type checkers import are written in quotes.

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer import _click as click

from stappenplan import __version__
from stappenplan.cli.afspraken import (
    AfsprakenOption,
    WithContactsOption,
    afspraken_app,
    outcome_contacts,
    plan_contacts_markdown,
)
from stappenplan.cli.common import StepsOption, load_checked_plan, note
from stappenplan.cli.dossier import (  # the dossier: `start --dossier` and `stappenplan dossier`
    DescriptionOption,
    DossierOption,
    MomentOption,
    OffenderOption,
    ReferenceOption,
    dossier_app,
    dossier_intake,
    offer_registration,
)
from stappenplan.cli.typer_nl import DutchCommand, DutchGroup, usage_message
from stappenplan.cli.typer_params import install as _plain_typer_params
from stappenplan.errors import (
    ExitCode,
    MissingAnswersError,
    StappenplanError,
    UsageError,
    visible,
)

_plain_typer_params()  # plain parameter values without pydantic: much faster start-up

if TYPE_CHECKING:
    from stappenplan.answers import AnswerFile

app = typer.Typer(
    name="stappenplan",
    cls=DutchGroup,
    help=(
        "Stappenplan na agressie, intimidatie, bedreiging of geweld tegen een burgemeester, "
        "wethouder of raadslid (of een gezinslid).\n\n"
        "Begin na een incident met: stappenplan start"
    ),
    rich_markup_mode=None,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    """Output formats of `start`."""

    text = "text"
    markdown = "markdown"
    json = "json"


class PlanFormat(StrEnum):
    """Output formats of `show`."""

    markdown = "markdown"
    mermaid = "mermaid"
    json = "json"


class CheckFormat(StrEnum):
    """Output formats of `validate`."""

    text = "text"
    json = "json"


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Schrijf naar dit bestand in plaats van het scherm.",
        metavar="BESTAND",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overschrijf een bestaand bestand bij --output/--save.")
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"stappenplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Toon het versienummer en stop.",
            callback=_version_callback,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Stappenplan na agressie tegen politieke ambtsdragers."""


# --- helpers ----------------------------------------------------------------------------------


def _emit(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from stappenplan.files import write_private

    write_private(output, text, force=force)
    note(f"Geschreven: {output}")


def _interactive(no_input: bool) -> bool:
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _read_answers(source: str | None) -> "AnswerFile | None":
    if source is None:
        return None
    from stappenplan.answers import read_answer_file

    if source != "-":
        return read_answer_file(source)
    from stappenplan.plan.documents import MAX_DOCUMENT_BYTES

    # Bytes, not text: the same rules as for a file (UTF-8, BOM, size) whatever the locale.
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    return read_answer_file(source, stream.read(MAX_DOCUMENT_BYTES + 1))


# --- commands ---------------------------------------------------------------------------------


@app.command(cls=DutchCommand, options_metavar="[OPTIES]")
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
    ] = OutputFormat.text,
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
    from stappenplan.answers import (
        build_record,
        collect_answers,
        parse_set_options,
        record_created,
        record_to_yaml,
    )
    from stappenplan.engine import outcome, scripted_outcome, walk

    set_raw = parse_set_options(set_values or [])
    if answers == "-" and resume:
        raise UsageError("--answers - en --resume gaan niet samen")
    from stappenplan.files import check_target

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
    answer_file = _read_answers(answers)
    given, warnings = collect_answers(loaded, answer_file, set_raw)
    for warning in warnings:
        note(f"Let op: {warning}")
    interactive = _interactive(no_input) and answers != "-"
    plain_mode = plain or os.environ.get("TERM") == "dumb"
    plan = loaded.plan
    console = None
    if interactive and (resume or not walk(plan, given).complete):
        from rich.console import Console

        from stappenplan.terminal.wizard import run_wizard

        console = Console(highlight=False)
        complete = run_wizard(loaded, given, plain=plain_mode, resume=resume, console=console)
        done = walk(plan, complete)
        result = outcome(plan, done, complete)
        record_answers = complete
    else:
        if resume:
            raise UsageError("--resume werkt alleen in een terminal (zonder --no-input)")
        result = scripted_outcome(plan, given)
        record_answers = given
    created = record_created(answer_file) or _now()
    record = build_record(loaded, record_answers, result, created)
    if output_format is OutputFormat.json:
        from stappenplan.output.text import outcome_data, to_json

        _emit(to_json(outcome_data(loaded, result, contact_json)), output, force)
    elif output_format is OutputFormat.markdown:
        from stappenplan.output.markdown import render_report

        _emit(render_report(loaded, result, created=created, contacts=contacts), output, force)
    elif output is not None or not sys.stdout.isatty() or plain_mode:
        from stappenplan.output.text import text_to_string

        _emit(text_to_string(loaded, result, contacts=contacts), output, force)
    else:
        from rich.console import Console

        from stappenplan.output.text import render_text

        render_text(loaded, result, console or Console(highlight=False), contacts)
    if intake is not None:
        for line in intake.register(loaded, result, record):
            note(line)
    if save is not None:
        from stappenplan.files import write_private

        write_private(save, record_to_yaml(record), force=force)
        note(f"Verslag bewaard: {save}")
    elif interactive and console is not None and output is None:
        from stappenplan.output.markdown import render_report
        from stappenplan.terminal.saves import offer_saves

        offer_saves(
            loaded,
            result,
            record_text=record_to_yaml(record),
            report_text=render_report(loaded, result, created=created, contacts=contacts),
            plain=plain_mode,
            console=console,
        )
        if intake is None:
            offer_registration(loaded, result, record, plain=plain_mode, console=console)


@app.command(cls=DutchCommand, options_metavar="[OPTIES]")
def show(
    steps: StepsOption = None,
    output_format: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="Uitvoer: markdown, mermaid of json.")
    ] = PlanFormat.markdown,
    output: OutputOption = None,
    force: ForceOption = False,
    afspraken: AfsprakenOption = None,
) -> None:
    """Toon het hele plan als Markdown, om vooraf af te spreken wie wat doet."""
    loaded = load_checked_plan(steps)
    if output_format is PlanFormat.json:
        from stappenplan.output.text import plan_data, to_json

        text = to_json(plan_data(loaded))
    elif output_format is PlanFormat.mermaid:
        from stappenplan.output.plan_markdown import render_mermaid

        text = render_mermaid(loaded.plan)
    else:
        from stappenplan.output.plan_markdown import render_plan

        text = render_plan(loaded) + plan_contacts_markdown(afspraken, loaded)
    _emit(text, output, force)


@app.command(cls=DutchCommand, options_metavar="[OPTIES]")
def validate(
    steps: StepsOption = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Uitvoer: text of json.")
    ] = CheckFormat.text,
) -> None:
    """Controleer een plan: schema, verwijzingen, bereikbaarheid, lussen en beslistabel."""
    from stappenplan.errors import PlanError
    from stappenplan.plan.loader import load_plan
    from stappenplan.plan.validate import validate_plan

    try:
        loaded = load_plan(steps)
    except PlanError as error:
        if output_format is CheckFormat.json:
            _print_problems_json(error.problems, ok=False)
            raise typer.Exit(ExitCode.INVALID) from None
        raise
    problems = validate_plan(loaded)
    errors = [problem for problem in problems if problem.is_error]
    if output_format is CheckFormat.json:
        _print_problems_json(problems, ok=not errors)
    else:
        for problem in problems:
            sys.stdout.write(f"{problem}\n")
        plan = loaded.plan
        summary = (
            f"{len(plan.steps)} vragen, {len(plan.actions)} acties, {len(plan.verdict.rules) + 1} "
            f"verdict-regels, {len(plan.involvement)} betrokkenheidsregels, {len(plan.sources)} bronnen"
        )
        if errors:
            sys.stdout.write(f"Het plan bevat {len(errors)} fout(en). ({summary})\n")
        else:
            sys.stdout.write(
                visible(f"Het plan '{plan.plan.id}' {plan.plan.version} is in orde: {summary}.")
                + "\n"
            )
    if errors:
        raise typer.Exit(ExitCode.INVALID)


def _print_problems_json(problems: Any, *, ok: bool) -> None:
    from stappenplan.output.text import to_json

    data = {
        "ok": ok,
        "problems": [
            {
                "code": problem.code,
                "severity": "error" if problem.is_error else "warning",
                "message": problem.message,
                "file": problem.location.file if problem.location else None,
                "line": problem.location.line if problem.location else None,
            }
            for problem in problems
        ],
    }
    sys.stdout.write(to_json(data))


@app.command(name="test", cls=DutchCommand, options_metavar="[OPTIES]")
def test_scenarios(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Scenariobestanden (YAML): gevallen met antwoorden en verwachte uitkomst.",
            metavar="BESTAND...",
        ),
    ],
    steps: StepsOption = None,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Toon vragen, antwoorden, regels en acties die geen scenario bereikt.",
        ),
    ] = False,
) -> None:
    """Draai scenario's (antwoorden + verwachte uitkomst) tegen een plan."""
    from stappenplan.errors import ScenarioError
    from stappenplan.scenarios import coverage_gaps, format_report, load_scenarios, run_scenarios

    loaded = load_checked_plan(steps)
    cases = load_scenarios(files, loaded.plan)
    report = run_scenarios(loaded.plan, cases)
    sys.stdout.write(visible(format_report(report).rstrip("\n"), keep="\n") + "\n")
    gaps = coverage_gaps(loaded.plan, report) if coverage else []
    if coverage:
        if gaps:
            sys.stdout.write("Niet bereikt door een scenario:\n")
            for gap in gaps:
                sys.stdout.write(f"  {gap}\n")
        else:
            sys.stdout.write("Dekking: alle vragen, antwoorden, regels en acties worden bereikt.\n")
    if report.failed:
        raise ScenarioError(f"{len(report.failed)} scenario('s) mislukt.")
    if gaps:
        raise ScenarioError(f"{len(gaps)} onderdeel/onderdelen niet gedekt door scenario's.")


@app.command(cls=DutchCommand, options_metavar="[OPTIES]")
def schema(output: OutputOption = None, force: ForceOption = False) -> None:
    """Toon het JSON-schema van een stapbestand (voor autocomplete in editors)."""
    from stappenplan.output.text import to_json
    from stappenplan.plan.schema import step_file_schema

    _emit(to_json(step_file_schema()), output, force)


app.add_typer(afspraken_app, name="afspraken")
app.add_typer(dossier_app, name="dossier")


# --- the one catch point ----------------------------------------------------------------------


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code; every error is mapped here."""
    try:
        result = app(args=argv, prog_name="stappenplan", standalone_mode=False)
    except StappenplanError as error:
        note(
            "\n".join(error.lines())
            if not isinstance(error, MissingAnswersError)
            else error.message
        )
        return int(error.exit_code)
    except click.exceptions.NoArgsIsHelpError as error:
        error.ctx and sys.stdout.write(error.ctx.get_help() + "\n")
        return int(ExitCode.USAGE)
    except click.exceptions.ClickException as error:
        command = error.ctx.command_path if getattr(error, "ctx", None) else "stappenplan"  # type: ignore[attr-defined]
        note(f"Fout: {usage_message(error)}\nZie '{command} --help'.")
        return int(ExitCode.USAGE)
    except (typer.Abort, KeyboardInterrupt):
        note("\nAfgebroken.")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as error:
        if os.environ.get("STAPPENPLAN_DEBUG"):
            raise
        note(
            f"Interne fout in stappenplan ({type(error).__name__}: {error}).\n"
            "Dit hoort niet te gebeuren; meld het met de opdracht die u gaf. "
            "Met STAPPENPLAN_DEBUG=1 ziet u de details."
        )
        return int(ExitCode.INVALID)
    if result == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C inside a command into Exit(130)
        note("\nAfgebroken.")
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


def main() -> None:
    """Entry point of the `stappenplan` command."""
    sys.exit(run(sys.argv[1:]))
