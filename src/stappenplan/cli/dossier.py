"""`stappenplan dossier`: the sub-app; its commands live in `dossier_cases` (following up
cases) and `dossier_admin` (figures, retention, transfer), the `start --dossier` options in
`dossier_start`.
"""

import typer

from stappenplan.cli import dossier_admin, dossier_cases
from stappenplan.cli.typer_nl import DutchCommand, DutchGroup

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

for name, command in (
    ("list", dossier_cases.list_cases),
    ("show", dossier_cases.show),
    ("done", dossier_cases.done),
    ("reopen", dossier_cases.reopen),
    ("overview", dossier_admin.overview),
    ("purge", dossier_admin.purge),
    ("export", dossier_admin.export_cases),
    ("import", dossier_admin.import_cases),
    ("backup", dossier_admin.backup),
):
    dossier_app.command(name=name, cls=DutchCommand, options_metavar="[OPTIES]")(command)
