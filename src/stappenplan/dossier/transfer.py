"""Moving cases out of and into a register: export, import, backup, and purge.

An export is JSON with the cases and their follow-up; it never holds an offender label, and
holds the offender hash only with the fingerprint of the key that made it: a register with
another key cannot compare it, so import drops it there. A backup is a consistent copy of the
whole register, key included: SQLite's backup API (a copy page by page while others keep
working), or for PostgreSQL the export of one snapshot plus the register's settings.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.engine import Connection

from stappenplan.dossier import database, offender
from stappenplan.dossier.failures import database_reason
from stappenplan.dossier.schema import SCHEMA_VERSION, actions, cases, register_meta
from stappenplan.dossier.store import Register, translated
from stappenplan.errors import DossierError, reason
from stappenplan.plan.reading import DocumentError, decode, parse_json, read_bytes
from stappenplan.text import excerpt

FORMAT = "stappenplan-dossier"
FORMAT_VERSION = 1


def _moment(value: str) -> str:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is geen datum en tijd (JJJJ-MM-DDTUU:MM:SS)") from None
    return value


def _day(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is geen datum (JJJJ-MM-DD)") from None
    return value


_KINDS = {
    "extra_forbidden": "onbekende sleutel",
    "missing": "verplichte sleutel ontbreekt",
    "string_type": "verwacht tekst",
    "int_type": "verwacht een geheel getal",
    "int_parsing": "verwacht een geheel getal",
    "list_type": "verwacht een lijst",
    "dict_type": "verwacht een mapping (sleutel: waarde)",
    "model_type": "verwacht een mapping (sleutel: waarde)",
    "string_pattern_mismatch": "geen geldige zaak-uid (32 tekens 0-9, a-f)",
}


def _dutch(item: Any) -> str:
    if item["type"] == "value_error":
        return str((item.get("ctx") or {}).get("error", item["msg"]))
    return _KINDS.get(item["type"], str(item["msg"]))


Moment = Annotated[str, AfterValidator(_moment)]
"""ISO 8601 date and time, kept as written."""
Day = Annotated[str, AfterValidator(_day)]
"""ISO 8601 date."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExportedAction(_Model):
    id: str
    title: str
    responsible: str
    urgency: str
    due: Day
    done_at: Moment | None = None
    done_by: str | None = None
    note: str | None = None


class ExportedCase(_Model):
    uid: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    registered: Moment
    incident_at: Moment
    reference: str | None = None
    description: str | None = None
    target: str | None = None
    incidents: list[str]
    verdict: str
    aangifte: str | None = None
    plan: dict[str, str]
    record: dict[str, Any]
    outcome: dict[str, Any]
    offender_hash: str | None = None
    actions: list[ExportedAction]


class Export(_Model):
    format: str
    version: int
    exported: str
    key_id: str
    schema_version: int
    settings: dict[str, str] | None = None  # backups only: the register's key and settings
    cases: list[ExportedCase]


def _case_data(connection: Connection, row: Any, action_rows: list[Any]) -> dict[str, Any]:
    return {
        "uid": row.uid,
        "registered": row.registered,
        "incident_at": row.incident_at,
        "reference": row.reference,
        "description": row.description,
        "target": row.target,
        "incidents": json.loads(row.incidents),
        "verdict": row.verdict,
        "aangifte": row.aangifte,
        "plan": {"id": row.plan_id, "version": row.plan_version, "sha256": row.plan_sha256},
        "record": json.loads(row.record),
        "outcome": json.loads(row.outcome),
        "offender_hash": row.offender_hash,
        "actions": [
            {
                "id": action.action_id,
                "title": action.title,
                "responsible": action.responsible,
                "urgency": action.urgency,
                "due": action.due,
                "done_at": action.done_at,
                "done_by": action.done_by,
                "note": action.note,
            }
            for action in action_rows
        ],
    }


def export_data(
    register: Register, *, now: dt.datetime, year: int | None = None, settings: bool = False
) -> dict[str, Any]:
    """All cases (or those of one year) as data, from one consistent snapshot.

    With `settings` (backups only) the register's key and settings are included: such a file
    must be protected like the register itself.
    """
    query = sa.select(cases).order_by(cases.c.id)
    if year is not None:
        query = query.where(cases.c.incident_year == year)
    with translated(register.location), database.reading(register.engine) as connection:
        meta = {row.key: row.value for row in connection.execute(sa.select(register_meta))}
        by_case: dict[int, list[Any]] = {}
        action_query = sa.select(actions).order_by(actions.c.case_id, actions.c.position)
        for action in connection.execute(action_query):
            by_case.setdefault(action.case_id, []).append(action)
        exported = [
            _case_data(connection, row, by_case.get(row.id, []))
            for row in connection.execute(query)
        ]
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported": now.isoformat(timespec="seconds"),
        "key_id": offender.key_id(meta["offender_key"]),
        "schema_version": SCHEMA_VERSION,
    }
    if settings:
        data["settings"] = meta
    data["cases"] = exported
    return data


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    added: int
    skipped: int
    hashes_dropped: int


def load_export(path: Path, name: str) -> Export:
    """Read and check an export or backup file, through the same bounded reader as a plan
    (size bound, UTF-8, JSON nesting bounded before parsing, Dutch messages).

    Raises:
        DossierError: naming the file, and where possible the line, of the problem.
    """
    try:
        text = decode(read_bytes(path, name), name)
    except DocumentError as error:
        raise DossierError(str(error)) from None
    return read_export(text, name)


def read_export(text: str, name: str) -> Export:
    """Parse and check the text of an export or backup file.

    Raises:
        DossierError: naming each problem with its place in the file.
    """
    try:
        data = parse_json(text, name)
    except DocumentError as error:
        raise DossierError(str(error)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DossierError(f"{name}: geen export van een stappenplan-dossier")
    try:
        export = Export.model_validate(data)
    except ValidationError as error:
        problems = "\n".join(
            f"  {'.'.join(str(part) for part in item['loc'])}: {_dutch(item)}"
            for item in error.errors()
        )
        raise DossierError(f"{name}: de export klopt niet:\n{problems}") from None
    if export.version > FORMAT_VERSION:
        raise DossierError(f"{name}: exportversie {export.version} is nieuwer dan deze stappenplan")
    return export


def import_cases(register: Register, export: Export) -> ImportResult:
    """Add the cases of an export in one transaction; cases already present are skipped.

    Offender hashes are kept only when they were made with this register's key. A backup
    (with settings) brought into an empty register gives it the backup's key first, so a
    restored register recognises its offenders again.
    """
    added = skipped = dropped = 0
    with translated(register.location), database.writing(register.engine) as connection:
        key = _meta(connection, "offender_key")
        empty = connection.execute(sa.select(sa.func.count()).select_from(cases)).scalar() == 0
        if export.settings and empty and "offender_key" in export.settings:
            for setting, value in export.settings.items():
                connection.execute(register_meta.delete().where(register_meta.c.key == setting))
                connection.execute(register_meta.insert().values(key=setting, value=value))
            key = export.settings["offender_key"]
        same_key = offender.key_id(key) == export.key_id
        known = set(connection.execute(sa.select(cases.c.uid)).scalars())
        for case in export.cases:
            if case.uid in known:
                skipped += 1
                continue
            known.add(case.uid)
            label_hash = case.offender_hash if same_key else None
            if case.offender_hash and not same_key:
                dropped += 1
            register.insert_case(
                connection,
                {
                    "uid": case.uid,
                    "registered": case.registered,
                    "incident_at": case.incident_at,
                    "reference": case.reference,
                    "description": case.description,
                    "target": case.target,
                    "incidents": json.dumps(case.incidents),
                    "verdict": case.verdict,
                    "aangifte": case.aangifte,
                    "plan_id": case.plan.get("id", ""),
                    "plan_version": case.plan.get("version", ""),
                    "plan_sha256": case.plan.get("sha256", ""),
                    "record": json.dumps(case.record, ensure_ascii=False),
                    "outcome": json.dumps(case.outcome, ensure_ascii=False),
                    "offender_hash": label_hash,
                },
                [
                    {
                        "position": position,
                        "action_id": action.id,
                        "title": action.title,
                        "responsible": action.responsible,
                        "urgency": action.urgency,
                        "due": action.due,
                        "done_at": action.done_at,
                        "done_by": action.done_by,
                        "note": action.note,
                    }
                    for position, action in enumerate(case.actions, start=1)
                ],
            )
            added += 1
    return ImportResult(added, skipped, dropped)


def _meta(connection: Connection, key: str) -> str:
    value = connection.execute(
        sa.select(register_meta.c.value).where(register_meta.c.key == key)
    ).scalar_one()
    return str(value)


def purge_before(register: Register, cutoff: dt.date, *, dry_run: bool = False) -> int:
    """Delete, for good, every case whose incident happened before `cutoff`; returns how many.

    SQLite overwrites the deleted pages (secure_delete) and empties its write-ahead log;
    PostgreSQL gets a VACUUM of both tables, so the rows leave the data files too.
    """
    old = sa.select(cases.c.id).where(cases.c.incident_at < cutoff.isoformat())
    with translated(register.location):
        if dry_run:
            with database.reading(register.engine) as connection:
                counted = sa.select(sa.func.count()).select_from(old.subquery())
                return int(connection.execute(counted).scalar_one())
        with database.writing(register.engine) as connection:
            connection.execute(actions.delete().where(actions.c.case_id.in_(old)))
            count = connection.execute(
                cases.delete().where(cases.c.incident_at < cutoff.isoformat())
            ).rowcount
        if count:
            _compact(register)
    return int(count)


def _compact(register: Register) -> None:
    with register.engine.connect() as connection:
        if register.engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("VACUUM cases, actions")


def retention_cutoff(today: dt.date, years: int) -> dt.date:
    """The first day still kept under a retention period of `years` years."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def backup(register: Register, target: Path, *, now: dt.datetime) -> None:
    """Write a consistent copy of the whole register to `target` (mode 0600).

    Raises:
        DossierError: when the copy cannot be written.
    """
    if register.engine.dialect.name == "sqlite":
        _backup_sqlite(register, target)
        return
    from stappenplan.files import write_private

    # A file for `dossier import`, not for a screen: plain ASCII JSON, nothing can steer a
    # terminal that shows it.
    data = export_data(register, now=now, settings=True)
    write_private(target, json.dumps(data, indent=2, ensure_ascii=True) + "\n", force=True)


def _backup_sqlite(register: Register, target: Path) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        os.close(os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, database.FILE_MODE))
        raw = register.engine.raw_connection()
        try:
            destination = sqlite3.connect(temporary)
            try:
                raw.driver_connection.backup(destination)  # type: ignore[union-attr]
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
        finally:
            raw.close()
        temporary.replace(target)
    except BaseException as error:
        # Also after Ctrl-C: no half copy is left behind under a name someone might trust.
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            leftover.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DossierError(
                f"{excerpt(target)}: kan de reservekopie niet schrijven ({reason(error)})"
            ) from None
        if isinstance(error, sqlite3.Error):
            raise DossierError(
                f"{excerpt(target)}: kan de reservekopie niet schrijven ({database_reason(error)})"
            ) from None
        raise
