"""Which register STAPPENPLAN_DOSSIER names, and what happens when it cannot be used."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stappenplan.dossier import database, offender
from stappenplan.dossier.store import open_register
from stappenplan.errors import DossierError


@pytest.mark.parametrize(
    ("value", "url", "shown"),
    [
        (
            "postgresql://dossier.gemeente.nl/dossier",
            "postgresql+psycopg://dossier.gemeente.nl/dossier",
            "postgresql+psycopg://dossier.gemeente.nl/dossier",
        ),
        (
            "postgres://jan:geheim@db:5433/dossier?sslmode=require",
            "postgresql+psycopg://jan:geheim@db:5433/dossier?sslmode=require",
            "postgresql+psycopg://jan:***@db:5433/dossier?sslmode=require",
        ),
    ],
)
def test_a_postgresql_url_names_a_server_and_hides_a_password(
    value: str, url: str, shown: str
) -> None:
    location = database.resolve(value)
    assert location.is_postgres and location.url == url
    assert str(location) == shown


def test_a_path_names_a_file_and_nothing_names_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert database.resolve("~/dossier.sqlite").path == Path.home() / "dossier.sqlite"
    monkeypatch.setenv("STAPPENPLAN_DOSSIER", "")
    monkeypatch.delenv("STAPPENPLAN_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database.resolve().path == tmp_path / "stappenplan" / "dossier.sqlite"
    # The data folder the wizard's resume file also uses, when moved.
    monkeypatch.setenv("STAPPENPLAN_DATA_DIR", str(tmp_path / "eigen"))
    assert database.resolve().path == tmp_path / "eigen" / "dossier.sqlite"


def test_postgresql_without_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(DossierError, match=r"pip install 'stappenplan\[postgres\]'"):
        open_register("postgresql://127.0.0.1:1/dossier")


def test_an_unreachable_server_is_a_dossier_error_without_password() -> None:
    with pytest.raises(DossierError) as caught:
        open_register("postgresql://jan:geheim@127.0.0.1:1/dossier?connect_timeout=2")
    assert "geheim" not in caught.value.message
    assert caught.value.message.startswith("Dossier postgresql+psycopg://jan:***@127.0.0.1:1/")


def test_labels_are_compared_case_and_space_insensitively() -> None:
    key = offender.new_key()
    same = {offender.offender_hash(key, label) for label in ("Jan de Vries", " JAN  de\tvries ")}
    assert len(same) == 1
    assert offender.offender_hash(key, "Jan de Vries") != offender.offender_hash(
        offender.new_key(), "Jan de Vries"
    )
    assert offender.offender_hash(key, " \n ") is None
