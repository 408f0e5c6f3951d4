"""`start --dossier` and `stappenplan dossier`: what the user types and sees, and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
WETHOUDER = str(REPO / "examples" / "wethouder-dreigmail.yaml")
RAADSLID = str(REPO / "examples" / "raadslid-kamerlid.yaml")
Cli = Callable[..., Any]


def _start(cli: Cli, answers: str, *extra: str) -> Any:
    return cli("start", "--answers", answers, "--no-input", "--dossier", *extra)


def test_a_short_session(cli: Cli, sqlite_location: str) -> None:
    """The session in docs/dossier.md: two cases, one action ticked, the overview."""
    first = _start(
        cli,
        WETHOUDER,
        "--moment",
        "2026-03-04 14:05",
        "--kenmerk",
        "Z/2026/0142",
        "--omschrijving",
        "Dreigmail na besluit over vergunning",
        "--dader",
        "afzender dreigmail",
    )
    assert first.code == 0, first.err
    assert "Geregistreerd in het dossier als zaak 1" in first.err
    second = _start(
        cli,
        RAADSLID,
        "--moment",
        "2026-05-20",
        "--dader",
        "Afzender  Dreigmail",
        "--format",
        "json",
    )
    assert second.code == 0, second.err
    json.loads(second.out)  # the JSON contract on standard output is untouched
    assert "zaak 2" in second.err
    assert (
        "Herhaling: het dossier bevat 1 eerdere zaak met dit daderlabel: zaak 1 (4 maart 2026, 14:05)"
        in second.err
    )
    assert "geef de politie het hele patroon" in second.err

    listed = cli("dossier", "list")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert lines[0].split() == [
        "Zaak",
        "Incident",
        "Doelwit",
        "Domein",
        "Status",
        "Open",
        "Kenmerk",
    ]
    assert lines[1].split()[:5] == ["2", "2026-05-20", "raadslid", "landelijk", "open"]
    assert lines[2].split()[:5] == ["1", "2026-03-04", "wethouder", "lokaal", "open"]

    ticked = cli(
        "dossier",
        "done",
        "1",
        "registreer-incident",
        "--by",
        "AOV'er Jansen",
        "--note",
        "in registratiesysteem",
    )
    assert ticked.code == 0, ticked.err
    assert "actie 'registreer-incident' afgerond" in ticked.err
    shown = cli("dossier", "show", "1")
    assert "[x]" in shown.out and "door AOV'er Jansen: in registratiesysteem" in shown.out
    assert "Kenmerk: Z/2026/0142" in shown.out

    overview = cli("dossier", "overview", "--year", "2026")
    assert overview.code == 0
    assert overview.out.splitlines()[0] == "Cijfers 2026"
    assert "Zaken" in overview.out and "raadslid" in overview.out
    assert "Dreigmail" not in overview.out and "Z/2026" not in overview.out


def test_show_formats(cli: Cli, sqlite_location: str) -> None:
    _start(cli, WETHOUDER, "--moment", "2026-03-04", "--omschrijving", "*vet* [link](x)")
    markdown = cli("dossier", "show", "1", "--format", "markdown")
    assert markdown.out.startswith("# Zaak 1\n")
    assert r"\*vet\* \[link\](x)" in markdown.out
    data = json.loads(cli("dossier", "show", "1", "--format", "json").out)
    assert data["id"] == 1 and data["incident_at"].startswith("2026-03-04T00:00:00")
    assert data["outcome"]["domain"]["verdict"] == "lokaal"
    assert {"id", "title", "due", "done", "done_at", "done_by", "note"} <= set(data["actions"][0])


def test_list_due_shows_the_oldest_first(cli: Cli, sqlite_location: str) -> None:
    _start(cli, WETHOUDER, "--moment", "2026-03-04", "--kenmerk", "nieuw")
    _start(cli, RAADSLID, "--moment", "2026-01-10", "--kenmerk", "oud")
    due = cli("dossier", "list", "--due")
    assert due.code == 0
    rows = due.out.splitlines()[1:]
    assert rows and rows[0].split()[:3] == ["2", "1", "2026-01-10"]
    dates = [row.split()[2] for row in rows]
    assert dates == sorted(dates)
    data = json.loads(cli("dossier", "list", "--due", "--format", "json").out)
    first = data["items"][0]
    assert (first["case"], first["number"]) == (2, 1) and first["days_late"] > 0
    assert cli("dossier", "done", "2", str(first["number"])).code == 0
    assert json.loads(cli("dossier", "list", "--due", "-f", "json").out)["items"][0] != first
    assert cli("dossier", "list", "--due", "--year", "2026").code == 2


def test_list_filters_and_json(cli: Cli, sqlite_location: str) -> None:
    _start(cli, WETHOUDER, "--moment", "2025-12-31")
    _start(cli, RAADSLID, "--moment", "2026-01-01")
    data = json.loads(cli("dossier", "list", "--year", "2026", "--format", "json").out)
    assert [item["id"] for item in data["items"]] == [2]
    assert (
        json.loads(cli("dossier", "list", "--target", "wethouder", "-f", "json").out)["items"][0][
            "id"
        ]
        == 1
    )
    empty = cli("dossier", "list", "--status", "afgerond")
    assert empty.code == 0 and "Geen zaken gevonden" in empty.err


def test_overview_csv_and_json(cli: Cli, sqlite_location: str, tmp_path: Path) -> None:
    _start(cli, WETHOUDER, "--moment", "2026-03-04")
    csv_file = tmp_path / "cijfers.csv"
    assert (
        cli("dossier", "overview", "--year", "2026", "--format", "csv", "-o", str(csv_file)).code
        == 0
    )
    assert csv_file.read_text(encoding="utf-8").startswith(
        "year,group,value,count\n2026,cases,,1\n"
    )
    data = json.loads(cli("dossier", "overview", "--year", "2026", "--format", "json").out)
    assert data["cases"] == 1 and data["by_verdict"] == {"lokaal": 1}


def test_purge_asks_for_yes(cli: Cli, sqlite_location: str) -> None:
    _start(cli, WETHOUDER, "--moment", "2015-03-04")
    _start(cli, WETHOUDER, "--moment", "2026-03-04")
    counted = cli("dossier", "purge")
    assert counted.code == 0 and "1 zaak/zaken" in counted.err and "--yes" in counted.err
    assert len(json.loads(cli("dossier", "list", "-f", "json").out)["items"]) == 2
    purged = cli("dossier", "purge", "--yes")
    assert "1 zaak/zaken definitief verwijderd" in purged.err
    assert [
        item["id"] for item in json.loads(cli("dossier", "list", "-f", "json").out)["items"]
    ] == [2]


def test_export_import_and_backup(
    cli: Cli, sqlite_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(cli, WETHOUDER, "--moment", "2026-03-04", "--dader", "de afzender")
    export = tmp_path / "export.json"
    assert cli("dossier", "export", "-o", str(export)).code == 0
    assert "afzender" not in export.read_text(encoding="utf-8")
    backup = tmp_path / "kopie.sqlite"
    made = cli("dossier", "backup", str(backup))
    assert made.code == 0 and "Reservekopie geschreven" in made.err
    assert cli("dossier", "backup", str(backup)).code == 2  # no silent overwrite
    monkeypatch.setenv("STAPPENPLAN_DOSSIER", str(tmp_path / "ander" / "dossier.sqlite"))
    imported = cli("dossier", "import", str(export))
    assert imported.code == 0 and "1 zaak/zaken ingelezen" in imported.err
    assert "andere sleutel" in imported.err
    assert cli("dossier", "import", str(tmp_path / "bestaat-niet.json")).code == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("dossier", "show", "7"), 1, "Zaak 7 staat niet in het dossier"),
        (("dossier", "done", "1", "onbekend"), 1, "geen actie 'onbekend'"),
        (("dossier", "show", "nul"), 2, "Fout:"),
        (("start", "--answers", WETHOUDER, "--no-input", "--dader", "x"), 2, "voeg --dossier toe"),
        (
            ("start", "--answers", WETHOUDER, "--no-input", "--dossier", "--moment", "gisteren"),
            2,
            "--moment 'gisteren'",
        ),
        (
            ("start", "--answers", WETHOUDER, "--no-input", "--dossier", "--moment", "2999-01-01"),
            2,
            "in de toekomst",
        ),
    ],
)
def test_errors_exit_with_a_dutch_message(
    cli: Cli, sqlite_location: str, args: tuple[str, ...], code: int, message: str
) -> None:
    _start(cli, WETHOUDER)
    result = cli(*args)
    assert result.code == code, result.err
    assert message in result.err


def test_a_bad_option_stops_start_before_any_output(cli: Cli, sqlite_location: str) -> None:
    result = cli("start", "--answers", WETHOUDER, "--no-input", "--dossier", "--moment", "x")
    assert result.code == 2 and result.out == ""


def test_an_unreachable_register_is_an_error_not_a_traceback(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("STAPPENPLAN_DOSSIER", str(blocker / "dossier.sqlite"))
    result = cli("start", "--answers", WETHOUDER, "--no-input", "--dossier")
    assert result.code == 1 and result.out == ""
    assert "kan het dossier niet aanmaken" in result.err and "Traceback" not in result.err
    not_a_database = tmp_path / "geen.sqlite"
    not_a_database.write_text("dit is geen database" * 100, encoding="utf-8")
    monkeypatch.setenv("STAPPENPLAN_DOSSIER", str(not_a_database))
    broken = cli("dossier", "list")
    assert broken.code == 1 and broken.err.startswith("Dossier ")


def test_dossier_help_is_dutch(cli: Cli) -> None:
    result = cli("dossier", "--help")
    assert result.code == 0
    for command in (
        "list",
        "show",
        "done",
        "reopen",
        "overview",
        "purge",
        "export",
        "import",
        "backup",
    ):
        assert command in result.out
    text = " ".join(result.out.split())
    assert "Opdrachten:" in text and "strafrechtelijke persoonsgegevens" in text
    summaries = result.out.split("Opdrachten:")[1].splitlines()
    assert not [line for line in summaries if line.endswith("...")]  # every summary fits


def _imported(tmp_path: Path, *args: str) -> set[str]:
    env = {
        **os.environ,
        "STAPPENPLAN_CACHE_DIR": "",
        "STAPPENPLAN_DOSSIER": str(tmp_path / "register" / "dossier.sqlite"),
    }
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "stappenplan", *args],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_start_without_dossier_does_not_import_the_database_layer(tmp_path: Path) -> None:
    args = ("start", "--answers", WETHOUDER, "--no-input", "--format", "json")
    assert not _imported(tmp_path, *args) & {"sqlalchemy", "sqlite3", "psycopg"}
    assert "sqlalchemy" in _imported(tmp_path, *args, "--dossier")


def test_looking_at_a_dossier_does_not_start_one(cli: Cli, sqlite_location: str) -> None:
    for args in (("list",), ("list", "--due"), ("show", "1"), ("overview",), ("purge", "--yes")):
        result = cli("dossier", *args)
        assert result.code == 1, args
        assert "Er is nog geen dossier" in result.err and "start --dossier" in result.err
    assert not Path(sqlite_location).exists()
