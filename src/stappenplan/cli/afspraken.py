"""`stappenplan afspraken`: prepare and check the local agreements (afspraken.yaml).

Like cli.py, this module imports only Typer at import time; the rest is loaded by the commands.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stappenplan.cli.common import StepsOption, load_checked_plan, note, say, write_out
from stappenplan.cli.examples import epilog
from stappenplan.cli.typer_nl import DutchCommand, DutchGroup
from stappenplan.errors import ExitCode, StappenplanError, UsageError
from stappenplan.text import excerpt

if TYPE_CHECKING:
    from stappenplan.afspraken.model import AfsprakenFile
    from stappenplan.plan.loaded import LoadedPlan
    from stappenplan.plan.model import Plan

ENV_VAR = "STAPPENPLAN_AFSPRAKEN"
DEFAULT_FILE = "afspraken.yaml"
"""The agreements file that `start` and `show` use when it is in the working folder."""

afspraken_app = typer.Typer(
    name="afspraken",
    cls=DutchGroup,
    help=(
        "Vooraf afspreken wie wie belt: contactpersonen per rol, plaatsvervangers en lokale "
        "keuzes (afspraken.yaml). Het bestand bevat persoonsgegevens en blijft op deze computer."
    ),
    rich_markup_mode=None,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
    no_args_is_help=True,
    epilog=epilog("afspraken"),
    context_settings={"help_option_names": ["-h", "--help"]},
)

AfsprakenOption = Annotated[
    Path | None,
    typer.Option(
        "--afspraken",
        help="Afsprakenbestand met contactpersonen per rol. "
        "Standaard: ./afspraken.yaml als dat bestaat.",
        envvar=ENV_VAR,
        metavar="BESTAND",
    ),
]
WithContactsOption = Annotated[
    bool,
    typer.Option(
        "--with-contacts",
        help="Neem bij --format json per actie de contactpersoon uit het afsprakenbestand op "
        "(persoonsgegevens; standaard niet).",
    ),
]


def load_contacts(option: Path | None, loaded: LoadedPlan) -> AfsprakenFile | None:
    """The afspraken for `start` and `show`: the given file, else ./afspraken.yaml if present.

    A ./afspraken.yaml that was only found, not asked for, never stops the run: after an
    incident the plan matters more than the contact list, so a broken one is skipped with a
    warning that says how to check it.

    Raises:
        AfsprakenError: when a file given with --afspraken (or the environment variable)
            cannot be read or names roles the plan does not have.
    """
    path = option if option is not None else Path(DEFAULT_FILE)
    if option is not None:
        from stappenplan.files import check_name

        check_name(option, "--afspraken")
    else:
        try:
            if not _found(path):
                # Nothing to read; a run without agreements does not even import pydantic.
                return None
        except StappenplanError as error:
            note(f"Let op: {error.message}; de acties staan hieronder zonder contactgegevens.")
            return None
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.afspraken.model import AfsprakenError
    from stappenplan.afspraken.usable import read_usable_afspraken

    try:
        found, skipped = read_usable_afspraken(path, loaded.plan)
    except AfsprakenError as error:
        if option is not None:
            raise
        note(
            f"Let op: {path} is niet gebruikt, want het klopt niet:\n"
            + "\n".join(error.lines())
            + "\nDe acties staan hieronder zonder contactgegevens. "
            "Controleer het bestand met: stappenplan afspraken check"
        )
        return None
    note(f"Afspraken gelezen uit {found.name}.")
    for problem in skipped:
        note(
            f"Let op: {problem}\n  Dit contact is overgeslagen; de andere afspraken worden gebruikt."
        )
    if skipped:
        note(f"Controleer het bestand met: stappenplan afspraken check {found.name}")
    return found


def _found(path: Path) -> bool:
    """Whether something has the name `path` (for ./afspraken.yaml: a regular file).

    Raises:
        StappenplanError: when it cannot be looked at (a folder on the way that cannot be
            searched, a name too long), with the reason in Dutch.
    """
    from stappenplan.files import status

    found = status(path)
    return found is not None and (path != Path(DEFAULT_FILE) or stat.S_ISREG(found.st_mode))


def outcome_contacts(
    option: Path | None, loaded: LoadedPlan, *, with_contacts: bool
) -> tuple[dict[str, str] | None, dict[str, dict[str, Any]] | None, str | None]:
    """For `start`: the short contact text per role, (only on request) the JSON data, and the
    name of the gemeente.

    Raises:
        UsageError: when --with-contacts is given but there is no afspraken file.
        AfsprakenError: when the file cannot be read or does not fit the plan.
    """
    found = load_contacts(option, loaded)
    if found is None:
        if with_contacts:
            raise UsageError(
                "--with-contacts: geen afsprakenbestand gevonden; geef er een met --afspraken"
            )
        return None, None, None
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.afspraken.template import contact_data, contact_texts

    texts = contact_texts(found.afspraken, loaded.plan)
    data = contact_data(found.afspraken, loaded.plan) if with_contacts else None
    return texts, data, found.afspraken.municipality


def plan_contacts_markdown(option: Path | None, loaded: LoadedPlan) -> str:
    """For `show`: the contact table to append to the printed plan, or nothing.

    Raises:
        AfsprakenError: when the file cannot be read or does not fit the plan.
    """
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.afspraken.template import contacts_markdown

    found = load_contacts(option, loaded)
    return "" if found is None else contacts_markdown(found.afspraken, loaded.plan)


# --- init -------------------------------------------------------------------------------------


@afspraken_app.command(cls=DutchCommand, options_metavar="[OPTIES]", epilog=epilog("init"))
def init(
    output: Annotated[
        str,  # the argument as typed: only '-' itself is standard output, './-' is a file
        typer.Option(
            "--output",
            "-o",
            help="Het bestand dat wordt gemaakt; '-' (met --no-input): standaarduitvoer.",
            metavar="BESTAND",
        ),
    ] = DEFAULT_FILE,
    steps: StepsOption = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Stel geen vragen: schrijf een sjabloon met alle rollen van het plan, met lege "
            "velden en uitleg.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")
    ] = False,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Eenvoudige modus: vragen als getypte regels, geen kleur."),
    ] = False,
) -> None:
    """Maak een afsprakenbestand: met vragen, of met --no-input als leeg sjabloon."""
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.afspraken.model import AfsprakenError
    from stappenplan.afspraken.template import afspraken_to_yaml
    from stappenplan.files import STDOUT, check_target, target_path, write_private

    to_stdout = output == STDOUT
    if to_stdout and not no_input:
        raise UsageError("--output - (standaarduitvoer) kan alleen met --no-input")
    path = target_path(output)
    if not to_stdout:
        # Before any question: a target that cannot be written must not cost the answers.
        check_target(path, force=force, what="--output")
    loaded = load_checked_plan(steps)
    if no_input:
        text = afspraken_to_yaml(loaded.plan)
        if to_stdout:
            write_out(text)
            return
    else:
        # Only an interactive session loads the prompt libraries.
        from stappenplan.terminal.prompts import Prompter
        from stappenplan.terminal.questionnaire import ask_afspraken

        plain_mode = plain or os.environ.get("TERM") == "dumb" or not sys.stdin.isatty()
        entered: dict[str, Any] = {}
        try:
            afspraken = ask_afspraken(
                loaded.plan, Prompter(plain=plain_mode), dt.date.today(), entered
            )
        except KeyboardInterrupt:
            _keep_entered(loaded.plan, entered, path, force=force)
        except EOFError:
            # Input that ends early (a pipe, a closed file) is incomplete input, not Ctrl-C.
            raise AfsprakenError(
                "De invoer hield op voordat alle vragen beantwoord waren; er is niets geschreven. "
                "Gebruik --no-input voor een leeg sjabloon."
            ) from None
        text = afspraken_to_yaml(loaded.plan, afspraken)
    write_private(path, text, force=force)
    note(f"Geschreven: {excerpt(path)} (alleen leesbaar voor u).")
    note(f"Vul het aan en controleer het met: stappenplan afspraken check {excerpt(path)}")


def _keep_entered(plan: Plan, entered: dict[str, Any], output: Path, *, force: bool) -> None:
    """After Ctrl-C: write what was entered so far (like `start` keeps its answers), and stop.

    Raises:
        Interrupted: always; with where the file is, or that nothing was entered.
    """
    from stappenplan.afspraken.model import Afspraken, Arrangements
    from stappenplan.afspraken.template import afspraken_to_yaml
    from stappenplan.errors import Interrupted
    from stappenplan.files import write_private

    if not any(entered.get(key) for key in ("municipality", "roles", "arrangements")):
        raise Interrupted("Onderbroken. Er was nog niets ingevuld; er is niets geschreven.")
    afspraken = Afspraken(
        municipality=entered.get("municipality"),
        roles=entered.get("roles", {}),
        arrangements=Arrangements(**entered.get("arrangements", {})),
    )
    write_private(output, afspraken_to_yaml(plan, afspraken), force=force)
    raise Interrupted(
        f"Onderbroken. Wat u tot nu toe invulde is bewaard in {excerpt(output)} (alleen "
        f"leesbaar voor u). Vul het aan in een editor en controleer het met: stappenplan "
        f"afspraken check {excerpt(output)}"
    )


# --- check ------------------------------------------------------------------------------------


@afspraken_app.command(cls=DutchCommand, options_metavar="[OPTIES]", epilog=epilog("check"))
def check(
    file: Annotated[
        Path | None,
        typer.Argument(
            help=f"Het afsprakenbestand. Standaard: het bestand in {ENV_VAR}, anders "
            "./afspraken.yaml.",
            envvar=ENV_VAR,
            show_envvar=False,  # Typer writes that note in English; the help says it in Dutch
            metavar="BESTAND",
            show_default=False,
        ),
    ] = None,
    steps: StepsOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Tel waarschuwingen (geen plaatsvervanger, herziening te oud) ook als fout.",
        ),
    ] = False,
) -> None:
    """Controleer de afspraken: ontbrekende contactpersonen, nummers, rollen en herziening.

    Exitcode 1 bij fouten (iets ontbreekt of klopt niet); alleen waarschuwingen geven 0.
    """
    # The core is loaded when a command runs: `--help` stays fast.
    from stappenplan.afspraken.check import check_afspraken, needed_roles, read_afspraken

    loaded = load_checked_plan(steps)
    path = file or Path(DEFAULT_FILE)
    from stappenplan.files import check_name

    check_name(path)
    if not _found(path):
        from stappenplan.afspraken.model import AfsprakenError

        raise AfsprakenError(
            f"{path}: bestand niet gevonden (het bestaat niet). Maak een afsprakenbestand met: "
            "stappenplan afspraken init" + ("" if file is None else f" --output {file}")
        )
    found = read_afspraken(path)
    problems = check_afspraken(found, loaded.plan, today=dt.date.today())
    for problem in problems:
        say(str(problem))
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    needed = needed_roles(loaded.plan)
    agreed = sum(found.afspraken.agreed(role_id) for role_id in needed)
    summary = f"{agreed} van {len(needed)} rollen uit het plan afgesproken"
    if errors:
        say(f"{found.name}: {errors} fout(en), {warnings} waarschuwing(en); {summary}.")
    elif warnings:
        say(f"{found.name} is compleet, met {warnings} waarschuwing(en); {summary}.")
    else:
        say(f"{found.name} is in orde: {summary}.")
    if errors or (strict and warnings):
        raise typer.Exit(ExitCode.INVALID)
