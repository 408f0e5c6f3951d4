"""After the outcome: the optional facts a dossier needs (moment, description, case reference)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from stappenplan.errors import UsageError
from stappenplan.incident import MAX_DESCRIPTION, MAX_REFERENCE, Incident, clean_line, parse_moment
from stappenplan.text import numeric_date, visible

if TYPE_CHECKING:
    from rich.console import Console

    from stappenplan.terminal.asker import Asker


def ask_incident(
    asker: Asker, console: Console, given: Incident, now: dt.datetime, *, plain: bool = False
) -> Incident:
    """Ask what `given` does not hold yet; Enter takes now (moment) or leaves a field empty.

    Raises:
        KeyboardInterrupt: on Ctrl-C.
        EOFError: when the input is closed.
    """
    from rich.text import Text

    if given.moment is not None and given.description and given.reference:
        return given
    console.print()
    console.print(
        Text(
            "Voor het verslag (optioneel; Enter neemt over of slaat over)",
            style="bold" if not plain else "",
        )
    )
    moment = given.moment
    while moment is None:
        typed = asker.text("Wanneer gebeurde het? (DD-MM-JJJJ UU:MM)", default=numeric_date(now))
        try:
            moment = parse_moment(typed, now)
        except UsageError as error:
            console.print(Text(visible(f"  Niet overgenomen: {error.message}.")))
    description = given.description
    while not description:
        try:
            description = clean_line(
                asker.text("Korte omschrijving"), MAX_DESCRIPTION, "omschrijving"
            )
        except UsageError as error:
            console.print(Text(visible(f"  Niet overgenomen: {error.message}.")))
            continue
        break
    reference = given.reference
    while not reference:
        try:
            reference = clean_line(
                asker.text("Kenmerk of zaaknummer van de gemeente"), MAX_REFERENCE, "kenmerk"
            )
        except UsageError as error:
            console.print(Text(visible(f"  Niet overgenomen: {error.message}.")))
            continue
        break
    return Incident(moment, description, reference)
