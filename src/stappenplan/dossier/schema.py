"""The register's tables (SQLAlchemy Core), its schema version and the steps that upgrade it.

A new register runs every upgrade step from version 0, so the path an old register takes is
the path every register takes. Dates are ISO 8601 text: the same on SQLite and PostgreSQL,
sortable as text, and readable in an export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from stappenplan.errors import DossierError

SCHEMA_VERSION = 2
"""The version this code reads and writes; `upgrade` brings an older register here."""

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied", sa.String(40), nullable=False),
)

register_meta = sa.Table(
    "register_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("uid", sa.String(32), nullable=False, unique=True),
    sa.Column("registered", sa.String(40), nullable=False),
    sa.Column("incident_at", sa.String(40), nullable=False),
    sa.Column("reference", sa.Text),
    sa.Column("description", sa.Text),
    sa.Column("target", sa.String(100)),
    sa.Column("incidents", sa.Text, nullable=False),  # JSON list of incident kinds
    sa.Column("verdict", sa.String(100), nullable=False),
    sa.Column("aangifte", sa.String(100)),
    sa.Column("plan_id", sa.String(200), nullable=False),
    sa.Column("plan_version", sa.String(100), nullable=False),
    sa.Column("plan_sha256", sa.String(64), nullable=False),
    sa.Column("record", sa.Text, nullable=False),  # JSON: the replayable record
    sa.Column("outcome", sa.Text, nullable=False),  # JSON: outcome_data of the assessment
    sa.Column("offender_hash", sa.String(64), index=True),
    # Version 2: denormalised for `list` and `overview` on large registers (added as nullable
    # columns by the upgrade step; this code always writes them).
    sa.Column("incident_year", sa.Integer),
    sa.Column("open_actions", sa.Integer),
)
sa.Index("cases_year", cases.c.incident_year)
sa.Index("cases_incident", cases.c.incident_at)
sa.Index("cases_open", cases.c.open_actions)

actions = sa.Table(
    "actions",
    metadata,
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("action_id", sa.String(200), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("responsible", sa.Text, nullable=False),
    sa.Column("urgency", sa.String(100), nullable=False),
    sa.Column("due", sa.String(10), nullable=False),
    sa.Column("done_at", sa.String(40)),
    sa.Column("done_by", sa.Text),
    sa.Column("note", sa.Text),
)
sa.Index("actions_open_due", actions.c.done_at, actions.c.due)


def _version_1(connection: Connection) -> None:
    """The first register: cases with their actions, and the register's own settings."""
    v1 = sa.MetaData()
    sa.Table(
        "register_meta",
        v1,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    sa.Table(
        "cases",
        v1,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column("registered", sa.String(40), nullable=False),
        sa.Column("incident_at", sa.String(40), nullable=False),
        sa.Column("reference", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("target", sa.String(100)),
        sa.Column("incidents", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(100), nullable=False),
        sa.Column("aangifte", sa.String(100)),
        sa.Column("plan_id", sa.String(200), nullable=False),
        sa.Column("plan_version", sa.String(100), nullable=False),
        sa.Column("plan_sha256", sa.String(64), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("offender_hash", sa.String(64), index=True),
    )
    sa.Table(
        "actions",
        v1,
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("action_id", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("responsible", sa.Text, nullable=False),
        sa.Column("urgency", sa.String(100), nullable=False),
        sa.Column("due", sa.String(10), nullable=False),
        sa.Column("done_at", sa.String(40)),
        sa.Column("done_by", sa.Text),
        sa.Column("note", sa.Text),
    )
    v1.create_all(connection)


def _version_2(connection: Connection) -> None:
    """The incident year and the number of open actions as columns, filled from the cases.

    `list` and `overview` then read one table with an index instead of grouping every action
    of every case: on a register of 10,000 cases that is the difference the user notices.
    """
    connection.exec_driver_sql("ALTER TABLE cases ADD COLUMN incident_year INTEGER")
    connection.exec_driver_sql("ALTER TABLE cases ADD COLUMN open_actions INTEGER")
    old_cases = sa.table(
        "cases",
        sa.column("id"),
        sa.column("incident_at"),
        sa.column("incident_year"),
        sa.column("open_actions"),
    )
    old_actions = sa.table("actions", sa.column("case_id"), sa.column("done_at"))
    open_count = (
        sa.select(sa.func.count())
        .where(old_actions.c.case_id == old_cases.c.id, old_actions.c.done_at.is_(None))
        .scalar_subquery()
    )
    connection.execute(
        old_cases.update().values(
            incident_year=sa.cast(sa.func.substr(old_cases.c.incident_at, 1, 4), sa.Integer),
            open_actions=open_count,
        )
    )
    # Indexes for the year filter, the open/done filter, the newest-first order and --due.
    # Written out, not taken from the tables above: a step stays what it was when released.
    for statement in (
        "CREATE INDEX cases_year ON cases (incident_year)",
        "CREATE INDEX cases_open ON cases (open_actions)",
        "CREATE INDEX cases_incident ON cases (incident_at)",
        "CREATE INDEX actions_open_due ON actions (done_at, due)",
    ):
        connection.exec_driver_sql(statement)


UPGRADES: dict[int, Callable[[Connection], None]] = {0: _version_1, 1: _version_2}
"""Version n -> the step that takes a register from version n to n + 1."""


def current_version(connection: Connection) -> int:
    """The schema version of the register (0: an empty database)."""
    if not sa.inspect(connection).has_table("schema_version"):
        return 0
    version = connection.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(version or 0)


def upgrade(connection: Connection, *, now: dt.datetime) -> int:
    """Bring the register to SCHEMA_VERSION inside the caller's transaction; returns the old version.

    Raises:
        DossierError: when the register was made by a newer stappenplan.
    """
    found = current_version(connection)
    if found > SCHEMA_VERSION:
        raise DossierError(
            f"Het dossier heeft schemaversie {found}; deze versie van stappenplan kent tot en "
            f"met {SCHEMA_VERSION}. Werk stappenplan bij."
        )
    if found == 0:
        schema_version.create(connection, checkfirst=True)
    for version in range(found, SCHEMA_VERSION):
        UPGRADES[version](connection)
        connection.execute(
            schema_version.insert().values(
                version=version + 1, applied=now.isoformat(timespec="seconds")
            )
        )
    return found
