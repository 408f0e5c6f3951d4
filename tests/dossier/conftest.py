"""The register under test: one SQLite file and, when a server is given, one PostgreSQL database.

The PostgreSQL leg needs a server: `.ci/run` starts one with `.ci/postgres` and sets
STAPPENPLAN_TEST_POSTGRES to its URL. Locally, without the variable, that leg is skipped;
with STAPPENPLAN_TEST_POSTGRES_REQUIRED=1 (as in CI) a missing server is an error instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

POSTGRES_VAR = "STAPPENPLAN_TEST_POSTGRES"


def _postgres_admin() -> str:
    url = os.environ.get(POSTGRES_VAR, "")
    if not url:
        if os.environ.get(f"{POSTGRES_VAR}_REQUIRED"):
            pytest.fail(f"{POSTGRES_VAR} is not set, but a PostgreSQL server is required")
        pytest.skip(f"no PostgreSQL server ({POSTGRES_VAR} not set; .ci/run starts one)")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    admin_url = _postgres_admin()
    name = f"dossier_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(
        admin_url.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
        poolclass=sa.pool.NullPool,
    )
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    base, _ = admin_url.rsplit("/", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Where the register under test lives; also set as STAPPENPLAN_DOSSIER for the CLI."""
    if request.param == "sqlite":
        value = str(tmp_path / "register" / "dossier.sqlite")
    else:
        value = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("STAPPENPLAN_DOSSIER", value)
    return value


@pytest.fixture
def sqlite_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite register, for what only a file has (modes, bytes on disk)."""
    value = str(tmp_path / "register" / "dossier.sqlite")
    monkeypatch.setenv("STAPPENPLAN_DOSSIER", value)
    return value
