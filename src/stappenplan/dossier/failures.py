"""Database errors in Dutch: what SQLAlchemy and the drivers raise becomes a DossierError that
names the register and says why, never in the driver's English."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

import sqlalchemy as sa

from stappenplan.dossier import database
from stappenplan.errors import DossierError, reason

_SQLITE_REASONS = {
    "SQLITE_BUSY": "het dossier is bezet door een ander programma; probeer het zo opnieuw",
    "SQLITE_LOCKED": "het dossier is bezet door een ander programma; probeer het zo opnieuw",
    "SQLITE_CANTOPEN": "het databasebestand kan niet worden geopend",
    "SQLITE_NOTADB": "dit bestand is geen SQLite-database",
    "SQLITE_CORRUPT": "het databasebestand is beschadigd",
    "SQLITE_FULL": "de schijf is vol",
    "SQLITE_READONLY": "het dossier kan alleen gelezen worden, niet gewijzigd",
    "SQLITE_PERM": "geen toestemming",
    "SQLITE_AUTH": "geen toestemming",
    "SQLITE_IOERR": "fout bij lezen of schrijven op de schijf",
}


def database_reason(error: BaseException) -> str:
    """Why the database refused, in Dutch; a case without a Dutch text is named by its code
    (`databasefout SQLITE_SCHEMA`), never by the driver's English words."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, sqlite3.Error):
        name = str(getattr(original, "sqlite_errorname", "") or "")
        for prefix, text in _SQLITE_REASONS.items():
            # Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED) share the meaning.
            if name == prefix or name.startswith(prefix + "_"):
                return text
        return f"databasefout {name or type(original).__name__}"
    code = getattr(original, "sqlstate", None)
    if isinstance(error, sa.exc.OperationalError) and code is None:
        return "de databaseserver is niet bereikbaar of weigert de verbinding"
    return f"databasefout {code or type(original).__name__}"


@contextlib.contextmanager
def translated(location: database.Location) -> Iterator[None]:
    """Turn database errors into a DossierError that names the register (without password)."""
    try:
        yield
    except (sa.exc.SQLAlchemyError, sqlite3.Error) as error:
        raise DossierError(
            f"Dossier {location}: kan het dossier niet gebruiken ({database_reason(error)})"
        ) from None
    except OSError as error:
        raise DossierError(f"Dossier {location}: {reason(error)}") from None
