"""The command line: the Typer app with its commands, and the one place that maps errors to exit
codes (`run`). Each command lives in its own module; they import only Typer and the standard
library at import time, so that `stappenplan --help` starts fast.
"""

import os
import sys
from typing import Annotated

import typer

from stappenplan import __version__, signals
from stappenplan.cli import schema, show, start, test, validate
from stappenplan.cli.afspraken import afspraken_app
from stappenplan.cli.common import (
    ReaderGone,
    drop_output,
    is_output_error,
    note,
    output_failed,
    prepare_streams,
    write_out,
)
from stappenplan.cli.dossier import dossier_app
from stappenplan.cli.examples import epilog
from stappenplan.cli.typer_nl import (
    DutchCommand,
    DutchGroup,
    command_path,
    is_help_without_arguments,
    is_usage_error,
    usage_message,
)
from stappenplan.errors import ExitCode, Interrupted, MissingAnswersError, StappenplanError

# No `from __future__ import annotations`: Typer reads the annotations at every start.

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


for name, command in (
    ("start", start.start),
    ("show", show.show),
    ("validate", validate.validate),
    ("test", test.test_scenarios),
    ("schema", schema.schema),
):
    app.command(name=name, cls=DutchCommand, options_metavar="[OPTIES]", epilog=epilog(name))(
        command
    )
app.add_typer(afspraken_app, name="afspraken")
app.add_typer(dossier_app, name="dossier")


# --- the one catch point ----------------------------------------------------------------------


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code; every error is mapped here.

    Standard output that cannot be written (closed, disk full) is a Dutch message and exit 1;
    standard error that cannot be written changes nothing (see `common.note`).
    """
    try:
        # SIGTERM and SIGHUP end the command as Ctrl-C does, also when `run` is called without
        # the entry point (which installs this already, before the app is imported).
        signals.forget()
        signals.install()
        prepare_streams()
        result = app(args=argv, prog_name="stappenplan", standalone_mode=False)
        sys.stdout.flush()  # what is still buffered fails here, not in the interpreter's exit
    except StappenplanError as error:
        if signals.received() and not isinstance(error, Interrupted):
            return _stopped()  # e.g. a Ctrl-C inside a validator, reported as a plan error
        note(
            "\n".join(error.lines())
            if not isinstance(error, MissingAnswersError)
            else error.message
        )
        return int(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        return _stopped()
    except (ReaderGone, BrokenPipeError):
        # The reader went away (`| head`, `| true`): not an error; nothing more to say.
        drop_output()
        return int(ExitCode.OK)
    except Exception as error:
        if isinstance(error, OSError) and is_output_error(error):
            output_failed(error)
            return int(ExitCode.INVALID)
        if is_help_without_arguments(error):
            context = getattr(error, "ctx", None)
            try:
                if context is not None:
                    write_out(context.get_help() + "\n")
            except ReaderGone:
                drop_output()
                return int(ExitCode.OK)  # the reader went away: not an error
            except OSError as failure:
                output_failed(failure)
            return int(ExitCode.USAGE)
        if is_usage_error(error):
            context = getattr(error, "ctx", None)
            command = (
                context.command_path
                if context is not None and context.command_path != "stappenplan"
                else command_path(
                    typer.main.get_command(app), list(argv or sys.argv[1:]), "stappenplan"
                )
            )
            note(f"Fout: {usage_message(error)}\nZie '{command} --help'.")
            return int(ExitCode.USAGE)
        if signals.received():  # a library turned the user's Ctrl-C into an error of its own
            return _stopped()
        if os.environ.get("STAPPENPLAN_DEBUG"):
            raise
        note(
            f"Interne fout in stappenplan ({type(error).__name__}: {error}).\n"
            "Dit hoort niet te gebeuren; meld het met de opdracht die u gaf. "
            "Met STAPPENPLAN_DEBUG=1 ziet u de details."
        )
        return int(ExitCode.INVALID)
    finally:
        try:  # output still buffered after an error: said here, not by the interpreter at exit
            sys.stdout.flush()
        except OSError as error:
            output_failed(error)
    if result == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C inside a command into Exit(130)
        return _stopped()
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


def _stopped() -> int:
    """The end of an interrupted run: the usual line, and exit code 130."""
    note("\nAfgebroken.")
    return int(ExitCode.INTERRUPTED)


def main() -> None:
    """Entry point of the `stappenplan` command: see stappenplan.cli.entry."""
    from stappenplan.cli.entry import main as entry_main

    entry_main()
