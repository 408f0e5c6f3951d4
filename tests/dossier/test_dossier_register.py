"""The register suite: every test runs against SQLite and a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from dossier.dossier_cases import NOW, new_case
from stappenplan.dossier import figures, schema, transfer
from stappenplan.dossier.store import Register, open_register
from stappenplan.errors import DossierError

LABEL = "Jan de Vries uit Zwolle"
DAY = dt.timedelta(days=1)


def _all_text(register: Register) -> str:
    """Every value in every table of the register, as one text."""
    parts = []
    with register.engine.connect() as connection:
        for table in schema.metadata.sorted_tables:
            for row in connection.execute(sa.select(table)):
                parts.append(repr(tuple(row)))
    return "\n".join(parts)


def test_register_and_show_a_case(location: str) -> None:
    register = open_register(location)
    stored = register.register(
        new_case(reference="Z/2026/17", description="Dreigmail na raadsbesluit"), now=NOW
    )
    case = register.case(stored.case_id)
    assert case.case_id == stored.case_id == 1
    assert case.reference == "Z/2026/17"
    assert case.description == "Dreigmail na raadsbesluit"
    assert case.incident_at == "2026-06-15T12:00:00+02:00"
    assert case.target == "wethouder" and case.incidents == ("bedreiging",)
    assert case.verdict == "lokaal" and case.aangifte == "nee"
    assert case.record == {"answers": {"doelwit": "wethouder"}}
    assert [action.action_id for action in case.actions] == [
        "meld-college",
        "regel-nazorg",
        "risicoanalyse",
        "evalueer",
    ]
    assert case.open_actions == 4
    assert stored.earlier == ()


def test_due_dates_follow_the_urgency(location: str) -> None:
    register = open_register(location)
    case = register.case(register.register(new_case(), now=NOW).case_id)
    assert {action.urgency: action.due for action in case.actions} == {
        "direct": "2026-06-15",
        "vandaag": "2026-06-15",
        "deze-week": "2026-06-22",
        "later": "2026-07-13",
    }


def test_done_and_reopen(location: str) -> None:
    register = open_register(location)
    case_id = register.register(new_case(), now=NOW).case_id
    state = register.mark_done(case_id, "regel-nazorg", now=NOW + DAY, by="Piet", note="gebeld")
    assert state.done_at == "2026-06-16T12:00:00+02:00"
    assert (state.done_by, state.note) == ("Piet", "gebeld")
    by_number = register.mark_done(case_id, "1", now=NOW + DAY)
    assert by_number.action_id == "meld-college"
    assert register.case(case_id).open_actions == 2
    assert register.list_cases()[0].open_actions == 2
    with pytest.raises(DossierError, match="al afgerond"):
        register.mark_done(case_id, "regel-nazorg", now=NOW)
    reopened = register.reopen(case_id, "regel-nazorg")
    assert (reopened.done_at, reopened.done_by, reopened.note) == (None, None, None)
    assert register.list_cases()[0].open_actions == 3
    with pytest.raises(DossierError, match="staat al open"):
        register.reopen(case_id, "regel-nazorg")
    with pytest.raises(DossierError, match="geen actie 'bestaat-niet'"):
        register.mark_done(case_id, "bestaat-niet", now=NOW)
    with pytest.raises(DossierError, match="Zaak 99 staat niet in het dossier"):
        register.mark_done(99, "1", now=NOW)


def test_list_filters_by_year_target_and_status(location: str) -> None:
    register = open_register(location)
    register.register(new_case(NOW.replace(year=2025), target="raadslid"), now=NOW)
    second = register.register(new_case(NOW, target="wethouder"), now=NOW).case_id
    register.register(new_case(NOW + DAY, target="burgemeester"), now=NOW)
    for action in ("1", "2", "3", "4"):
        register.mark_done(second, action, now=NOW)
    assert [item.case_id for item in register.list_cases()] == [3, 2, 1]
    assert [item.case_id for item in register.list_cases(year=2026)] == [3, 2]
    assert [item.case_id for item in register.list_cases(target="raadslid")] == [1]
    assert [item.case_id for item in register.list_cases(status="afgerond")] == [2]
    assert [item.case_id for item in register.list_cases(status="open")] == [3, 1]
    assert [item.case_id for item in register.list_cases(limit=1)] == [3]
    assert register.list_cases(year=2024) == []


def test_due_list_shows_open_actions_oldest_first(location: str) -> None:
    register = open_register(location)
    recent = register.register(new_case(NOW), now=NOW).case_id
    older = register.register(new_case(NOW - 10 * DAY), now=NOW).case_id
    register.mark_done(older, "meld-college", now=NOW)
    due = register.due_actions(NOW.date())
    # Oldest due date first; done actions and dates still to come are left out.
    assert [(item.case_id, item.due, item.title) for item in due] == [
        (older, "2026-06-05", "Regel nazorg"),
        (older, "2026-06-12", "Vraag een risicoanalyse"),
        (recent, "2026-06-15", "Meld het bij de burgemeester"),
        (recent, "2026-06-15", "Regel nazorg"),
    ]


def test_repeat_offender_same_label_matches_with_count_and_dates(location: str) -> None:
    register = open_register(location)
    first = register.register(new_case(NOW - 30 * DAY, label=LABEL), now=NOW).case_id
    register.register(new_case(NOW - 20 * DAY, label="Iemand anders"), now=NOW)
    second = register.register(new_case(NOW - 10 * DAY, label=LABEL), now=NOW).case_id
    # Case and spacing do not make another person.
    third = register.register(new_case(NOW, label="  jan DE vries   uit zwolle"), now=NOW)
    assert [(item.case_id, item.incident_at[:10]) for item in third.earlier] == [
        (first, "2026-05-16"),
        (second, "2026-06-05"),
    ]
    # `show` of the first case sees the later ones too.
    assert [item.case_id for item in register.case(first).earlier] == [second, third.case_id]


def test_repeat_offender_different_or_no_label_matches_nothing(location: str) -> None:
    register = open_register(location)
    register.register(new_case(label=LABEL), now=NOW)
    assert register.register(new_case(label="Piet Jansen"), now=NOW).earlier == ()
    assert register.register(new_case(), now=NOW).earlier == ()
    assert register.register(new_case(label="   "), now=NOW).earlier == ()


def test_the_label_is_stored_nowhere_and_exported_nowhere(location: str) -> None:
    register = open_register(location)
    register.register(new_case(label=LABEL), now=NOW)
    register.register(new_case(label=LABEL), now=NOW)
    assert "vries" not in _all_text(register).casefold()
    exported = json.dumps(transfer.export_data(register, now=NOW), ensure_ascii=False)
    assert "vries" not in exported.casefold()
    backed_up = json.dumps(transfer.export_data(register, now=NOW, settings=True))
    assert "vries" not in backed_up.casefold()


def test_yearly_figures_count_without_names(location: str) -> None:
    register = open_register(location)
    secret = ("Z/2026/99", "Dreigbrief aan Karin", LABEL)
    register.register(
        new_case(
            incidents=("bedreiging", "online-haat"),
            reference=secret[0],
            description=secret[1],
            label=secret[2],
        ),
        now=NOW,
    )
    done = register.register(new_case(target="raadslid", aangifte=None), now=NOW).case_id
    register.register(new_case(NOW.replace(year=2025), target="burgemeester"), now=NOW)
    register.register(new_case(verdict="landelijk", target="burgemeester"), now=NOW)
    for action in ("1", "2", "3", "4"):
        register.mark_done(done, action, now=NOW, by="Karin", note="Dreigbrief afgehandeld")
    result = figures.yearly_figures(register, 2026)
    assert result.as_data() == {
        "year": 2026,
        "cases": 3,
        "by_target": {"burgemeester": 1, "raadslid": 1, "wethouder": 1},
        "by_incident": {"bedreiging": 3, "online-haat": 1},
        "by_verdict": {"landelijk": 1, "lokaal": 2},
        "by_aangifte": {"nee": 2, "niet-gevraagd": 1},
        "open_actions": 8,
        "cases_with_open_actions": 2,
    }
    for text in (
        figures.figures_csv(result),
        figures.figures_table(result),
        json.dumps(result.as_data()),
    ):
        for word in ("Z/2026/99", "Karin", "Dreigbrief", "Vries"):
            assert word not in text
    assert figures.figures_csv(result).splitlines()[:3] == [
        "year,group,value,count",
        "2026,cases,,3",
        "2026,by_target,burgemeester,1",
    ]


def test_purge_deletes_old_cases_for_good(location: str) -> None:
    register = open_register(location)
    register.register(new_case(NOW.replace(year=2020), description="heel oud geval"), now=NOW)
    register.register(new_case(NOW.replace(year=2021, month=6, day=14)), now=NOW)
    kept = register.register(new_case(NOW.replace(year=2021, month=6, day=15)), now=NOW).case_id
    cutoff = transfer.retention_cutoff(NOW.date(), register.retention_years())
    assert cutoff == dt.date(2021, 6, 15)
    assert transfer.purge_before(register, cutoff, dry_run=True) == 2
    assert len(register.list_cases()) == 3
    assert transfer.purge_before(register, cutoff) == 2
    assert [item.case_id for item in register.list_cases()] == [kept]
    assert "heel oud geval" not in _all_text(register)
    with register.engine.connect() as connection:
        left = connection.execute(sa.select(sa.func.count()).select_from(schema.actions))
        assert left.scalar() == 4
    register.set_retention_years(10)
    assert register.retention_years() == 10
    with pytest.raises(DossierError, match="minstens 1 jaar"):
        register.set_retention_years(0)


def test_retention_cutoff_on_29_february() -> None:
    assert transfer.retention_cutoff(dt.date(2028, 2, 29), 5) == dt.date(2023, 2, 28)


def test_export_and_import_move_cases_between_registers(location: str, tmp_path: Path) -> None:
    source = open_register(location)
    first = source.register(new_case(label=LABEL, reference="Z/1"), now=NOW).case_id
    source.register(new_case(NOW.replace(year=2025)), now=NOW)
    source.mark_done(first, "1", now=NOW, by="Piet", note="gedaan")
    data = transfer.export_data(source, now=NOW)
    assert data["format"] == "stappenplan-dossier" and "settings" not in data
    text = json.dumps(data)

    other = open_register(str(tmp_path / "ander" / "dossier.sqlite"))
    result = transfer.import_cases(other, transfer.read_export(text, "export.json"))
    assert (result.added, result.skipped, result.hashes_dropped) == (2, 0, 1)
    imported = other.case(1)
    assert imported.reference == "Z/1" and imported.offender_hash is None
    assert imported.actions[0].done_by == "Piet" and imported.actions[0].note == "gedaan"
    assert imported.open_actions == 3
    again = transfer.import_cases(other, transfer.read_export(text, "export.json"))
    assert (again.added, again.skipped) == (0, 2)
    # Back into the register it came from: nothing doubles.
    home = transfer.import_cases(source, transfer.read_export(text, "export.json"))
    assert (home.added, home.skipped, home.hashes_dropped) == (0, 2, 0)
    only_2025 = transfer.export_data(source, now=NOW, year=2025)
    assert [case["incident_at"][:4] for case in only_2025["cases"]] == ["2025"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", r"export.json:1: JSON-syntaxfout \(kolom 2\): hier wordt een sleutel"),
        ('{"format": "iets"}', "geen export van een stappenplan-dossier"),
        (
            '{"format": "stappenplan-dossier", "version": 1, "exported": "x", "key_id": "k",'
            ' "schema_version": 2, "cases": [{"uid": 1}]}',
            "cases.0.uid",
        ),
        (
            '{"format": "stappenplan-dossier", "version": 1, "exported": "x", "key_id": "k",'
            ' "schema_version": 2, "cases": [{"uid": "' + "a" * 32 + '", "registered": "gisteren",'
            ' "incident_at": "2026-01-01", "incidents": [], "verdict": "lokaal", "plan": {},'
            ' "record": {}, "outcome": {}, "actions": [{"id": "a", "title": "t",'
            ' "responsible": "r", "urgency": "direct", "due": "morgen"}]}]}',
            "cases.0.registered: 'gisteren' is geen datum en tijd.*\n.*cases.0.actions.0.due: 'morgen'",
        ),
        (
            '{"format": "stappenplan-dossier", "version": 9, "exported": "x", "key_id": "k",'
            ' "schema_version": 2, "cases": []}',
            "exportversie 9",
        ),
    ],
)
def test_a_broken_export_is_refused_with_its_place(text: str, message: str) -> None:
    with pytest.raises(DossierError, match=message):
        transfer.read_export(text, "export.json")


def test_backup_is_a_consistent_copy_that_restores(location: str, tmp_path: Path) -> None:
    register = open_register(location)
    register.register(new_case(label=LABEL), now=NOW)
    register.mark_done(1, "1", now=NOW)
    target = tmp_path / "kopie"
    transfer.backup(register, target, now=NOW)
    assert target.stat().st_mode & 0o777 == 0o600
    if register.engine.dialect.name == "sqlite":
        restored = open_register(str(target))
    else:
        export = transfer.read_export(target.read_text(encoding="utf-8"), str(target))
        restored = open_register(str(tmp_path / "terug" / "dossier.sqlite"))
        transfer.import_cases(restored, export)
    assert [(item.case_id, item.open_actions) for item in restored.list_cases()] == [(1, 3)]
    # The restored register still recognises the offender: the key came along.
    assert [item.case_id for item in restored.register(new_case(label=LABEL), now=NOW).earlier] == [
        1
    ]


def test_every_change_is_one_transaction_even_when_interrupted(location: str) -> None:
    register = open_register(location)
    register.register(new_case(), now=NOW)

    def interrupt(connection: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ACTIONS"):
            raise KeyboardInterrupt  # Ctrl-C after the case row, before its actions

    sa.event.listen(register.engine, "before_cursor_execute", interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            register.register(new_case(description="half"), now=NOW)
    finally:
        sa.event.remove(register.engine, "before_cursor_execute", interrupt)
    assert [item.case_id for item in register.list_cases()] == [1]
    assert "half" not in _all_text(register)
    assert register.register(new_case(), now=NOW).case_id >= 2


def test_schema_upgrades_a_version_1_register(location: str) -> None:
    """A register made by the first release (schema 1) is upgraded in place, data kept."""
    url = location
    if "://" not in url:
        Path(url).parent.mkdir(parents=True)
        engine = sa.create_engine(f"sqlite:///{url}")
    else:
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        schema.schema_version.create(connection)
        schema.UPGRADES[0](connection)
        connection.execute(schema.schema_version.insert().values(version=1, applied="2025-01-01"))
        connection.exec_driver_sql(
            "INSERT INTO cases (uid, registered, incident_at, incidents, verdict, plan_id,"
            " plan_version, plan_sha256, record, outcome, target) VALUES ('u1', '2025-03-01',"
            " '2025-03-01T10:00:00+01:00', '[\"doxing\"]', 'lokaal', 'p', '1', 'x', '{}', '{}',"
            " 'raadslid')"
        )
        for position, done in ((1, "'2025-03-02'"), (2, "NULL"), (3, "NULL")):
            connection.exec_driver_sql(
                "INSERT INTO actions (case_id, position, action_id, title, responsible, urgency,"
                f" due, done_at) VALUES (1, {position}, 'a{position}', 't', 'r', 'direct',"
                f" '2025-03-01', {done})"
            )
    engine.dispose()

    register = open_register(location)
    with register.engine.connect() as connection:
        assert schema.current_version(connection) == schema.SCHEMA_VERSION == 2
        row = connection.execute(sa.select(schema.cases)).one()
    assert (row.incident_year, row.open_actions) == (2025, 2)
    assert figures.yearly_figures(register, 2025).as_data()["by_incident"] == {"doxing": 1}
    assert register.list_cases(status="open")[0].open_actions == 2
    # The upgraded register works on: a key was added, new cases get the next number.
    assert register.register(new_case(label=LABEL), now=NOW).case_id == 2


def test_upgraded_and_new_registers_have_the_same_tables(location: str, tmp_path: Path) -> None:
    register = open_register(location)
    inspector = sa.inspect(register.engine)
    for table in schema.metadata.sorted_tables:
        found = {column["name"] for column in inspector.get_columns(table.name)}
        assert found == set(table.columns.keys()), table.name
        indexes = {index["name"] for index in inspector.get_indexes(table.name)}
        assert {index.name for index in table.indexes} <= indexes


def test_a_register_from_a_newer_stappenplan_is_refused(location: str) -> None:
    register = open_register(location)
    with register.engine.begin() as connection:
        connection.execute(schema.schema_version.insert().values(version=99, applied="2099"))
    with pytest.raises(DossierError, match="schemaversie 99"):
        open_register(location)
