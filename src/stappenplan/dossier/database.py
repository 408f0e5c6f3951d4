"""Where the register lives and how to connect: a private SQLite file, or PostgreSQL.

SQLite (the default) is a file in the user data folder, or the path in STAPPENPLAN_DOSSIER;
it is created with mode 0600 in a 0700 folder and runs in WAL mode, so readers never wait for
a writer. A team register is a PostgreSQL URL in STAPPENPLAN_DOSSIER; the password comes from
the usual PostgreSQL environment (PGPASSWORD, ~/.pgpass, a service file), never from us.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from stappenplan.errors import DossierError, reason
from stappenplan.text import excerpt

ENV_VAR = "STAPPENPLAN_DOSSIER"
DATA_DIR_ENV = "STAPPENPLAN_DATA_DIR"
FILE_NAME = "dossier.sqlite"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
BUSY_TIMEOUT_SECONDS = 30
_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


@dataclass(frozen=True, slots=True)
class Location:
    """A register: a SQLite file (`path`) or a PostgreSQL URL (`url`)."""

    path: Path | None = None
    url: str | None = None

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    def __str__(self) -> str:
        if self.url is not None:
            return sa.make_url(self.url).render_as_string(hide_password=True)
        return str(self.path)


def default_path() -> Path:
    """The register file in the user data folder (e.g. ~/.local/share/stappenplan).

    $STAPPENPLAN_DATA_DIR moves that folder, as it does for the wizard's resume file.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / FILE_NAME
    from platformdirs import user_data_path

    return user_data_path("stappenplan", appauthor=False) / FILE_NAME


def resolve(value: str | None = None) -> Location:
    """The register named by `value`, else by STAPPENPLAN_DOSSIER, else the default file."""
    text = value if value is not None else os.environ.get(ENV_VAR, "")
    if not text:
        return Location(path=default_path())
    if text.startswith(_POSTGRES_SCHEMES):
        rest = text.split("://", 1)[1]
        return Location(url=f"postgresql+psycopg://{rest}")
    return Location(path=Path(text).expanduser())


def _prepare_file(path: Path) -> None:
    """Create the register file with mode 0600 (in a 0700 folder) before SQLite opens it."""
    folder = path.parent
    if path == default_path():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        # The data folder is ours: keep it closed even if an older version made it wider.
        folder.chmod(FOLDER_MODE)
    elif not folder.is_dir():
        # Another process may make it at the same moment (exist_ok): that is no error.
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    # SQLite gives the -wal and -shm files the mode of the database file.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    # A register this user owns is closed again if something opened it up; someone else's
    # file (a shared path chosen on purpose) is left as its owner set it.
    details = path.stat()
    if details.st_mode & 0o077 and details.st_uid == getattr(os, "getuid", lambda: -1)():
        path.chmod(FILE_MODE)


def _sqlite_engine(path: Path) -> Engine:
    engine = sa.create_engine(
        sa.URL.create("sqlite+pysqlite", database=str(path)),
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
        # The default pool keeps the connection open for the whole run: SQLite checkpoints and
        # removes the write-ahead log whenever the last connection closes, which costs more
        # than a write.
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below): the driver's own transaction handling would
        # start writes as readers and fail instead of waiting when another process writes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted cases are overwritten, not left in free pages of the file (`purge`).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("stappenplan_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _postgres_engine(url: str) -> Engine:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DossierError(
            "Voor een dossier in PostgreSQL is psycopg nodig: pip install 'stappenplan[postgres]'"
        ) from None
    # The register is opened before the wizard's questions: a connection the server closed
    # in the meantime is noticed and replaced (pre-ping) instead of failing the registration.
    return sa.create_engine(url, pool_pre_ping=True)


def connect(location: Location) -> Engine:
    """An engine for the register (the file is created when missing).

    Raises:
        DossierError: when the file or its folder cannot be created, or psycopg is missing.
    """
    if location.url is not None:
        return _postgres_engine(location.url)
    assert location.path is not None
    try:
        _prepare_file(location.path)
    except OSError as error:
        raise DossierError(
            f"{excerpt(location.path)}: kan het dossier niet aanmaken ({reason(error)})"
        ) from None
    return _sqlite_engine(location.path)


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed whole at the end, or rolled back whole.

    On SQLite it takes the write lock at the start (BEGIN IMMEDIATE), so two writers queue
    instead of failing halfway; Ctrl-C or a crash inside leaves the register as it was.
    """
    with engine.connect() as connection:
        connection.execution_options(stappenplan_write=True)
        with connection.begin():
            if engine.dialect.name == "postgresql":
                # One schema check or upgrade at a time when several users start at once.
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7061)")
            yield connection


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction: a consistent view of the register."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection
