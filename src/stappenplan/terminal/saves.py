"""After the outcome: offer to save the Markdown report and the record of the answers.

Both files hold personal data: they are written with mode 0600 (`files.write_private`), and
an existing file is only replaced after the user says yes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.text import Text

from stappenplan.errors import StappenplanError
from stappenplan.files import check_target, write_private
from stappenplan.terminal.asker import Asker, make_asker, make_console
from stappenplan.text import excerpt


def offer_saves(
    *,
    record_text: str | Callable[[], str],
    report_text: str | Callable[[], str],
    plain: bool,
    console: Console | None,
    asker: Asker | None = None,
    today: dt.date | None = None,
) -> None:
    """After the outcome: offer to save the Markdown report and the record of the answers.

    Each file is written with mode 0600; an existing file is only overwritten after a yes.
    A text may be given as a function: it is then made only when the user wants that file
    (the report first asks the optional facts of the incident). Ctrl-C, SIGTERM, SIGHUP or a
    closed input end it with KeyboardInterrupt or EOFError: the caller's `Keeper` (the one
    place that keeps the answers) saves them.
    """
    console = console or make_console(plain)
    asker = asker or make_asker(plain)
    date = (today or dt.date.today()).isoformat()
    offers = (
        (
            "Het verslag opslaan (Markdown, om te printen of te delen)?",
            "verslag",
            "md",
            report_text,
        ),
        (
            "De antwoorden opslaan (om later opnieuw af te spelen)?",
            "antwoorden",
            "yaml",
            record_text,
        ),
    )
    console.print()
    saved = False
    for question, stem, suffix, text in offers:
        if asker.confirm(question, default=True):
            made = text if isinstance(text, str) else text()
            _save_one(asker, console, plain, _free_name(stem, date, suffix), made)
            saved = True
    if saved:
        console.print()
        console.print("Deze bestanden bevatten persoonsgegevens: bewaar ze in het dossier.")


def _free_name(stem: str, date: str, suffix: str) -> str:
    """`stem-date.suffix`, or with -2, -3, ... when that file already exists."""
    name = f"{stem}-{date}.{suffix}"
    number = 2
    while Path(name).exists():
        name = f"{stem}-{date}-{number}.{suffix}"
        number += 1
    return name


def _save_one(asker: Asker, console: Console, plain: bool, suggestion: str, text: str) -> None:
    """Ask for a file name until the text is written; a name that cannot be used is explained
    and asked again, so the report or the answers are never lost over a typing error."""
    while True:
        name = asker.text("Bestandsnaam", default=suggestion)
        try:
            path = Path(name).expanduser()
        except RuntimeError:  # '~someone/…' for a user this system does not know
            console.print(
                Text(
                    f"Niet opgeslagen: {excerpt(name)}: onbekende gebruiker na '~'; geef een andere naam."
                )
            )
            continue
        try:
            check_target(path, force=True)  # a folder, device, FIFO, too long a name: refused
        except StappenplanError as error:
            console.print(Text(f"Niet opgeslagen: {error.message}"))
            continue
        if os.path.lexists(path) and not asker.confirm(
            f"{excerpt(path)} bestaat al. Overschrijven?", default=False
        ):
            continue
        try:
            write_private(path, text, force=True)
        except StappenplanError as error:
            console.print(Text(f"Niet opgeslagen: {error.message}"))
            continue
        console.print(Text(f"Opgeslagen: {path.absolute()}", style="" if plain else "green"))
        return
