"""The register from several processes at once, after Ctrl-C and crashes, and on disk."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from dossier.dossier_cases import NOW, new_case
from stappenplan.dossier import schema, transfer
from stappenplan.dossier.store import open_register

HERE = Path(__file__).resolve().parent

WRITER = """
import sys
from dossier_cases import NOW, new_case
from stappenplan.dossier.store import open_register

register = open_register(sys.argv[1])
count = int(sys.argv[2])
done = 0
while count == 0 or done < count:
    register.register(new_case(label=sys.argv[3]), now=NOW)
    done += 1
    if done == 1:
        print("ready", flush=True)
"""


def _writer(location: str, count: int, label: str = "dader") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, location, str(count), label],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check_whole(location: str) -> int:
    """Every case has all its actions and a matching open count; returns the number of cases."""
    register = open_register(location)
    with register.engine.connect() as connection:
        per_case = dict(
            connection.execute(
                sa.select(schema.actions.c.case_id, sa.func.count()).group_by(
                    schema.actions.c.case_id
                )
            ).all()
        )
        rows = connection.execute(sa.select(schema.cases.c.id, schema.cases.c.open_actions)).all()
        if register.engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert all(per_case.get(row.id) == 4 == row.open_actions for row in rows)
    assert set(per_case) == {row.id for row in rows}
    return len(rows)


def test_two_processes_write_at_once(location: str) -> None:
    open_register(location)  # created first: the writers race on cases, not on the schema
    writers = [_writer(location, 25, label) for label in ("een", "twee")]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err[-2000:]
    assert _check_whole(location) == 50
    register = open_register(location)
    repeat = register.register(new_case(label="een"), now=NOW)
    assert len(repeat.earlier) == 25


def test_two_processes_create_the_register_at_once(location: str) -> None:
    writers = [_writer(location, 3) for _ in range(2)]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err[-2000:]
    assert _check_whole(location) == 6


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "crash"])
def test_an_interrupted_writer_never_leaves_half_a_case(location: str, how: signal.Signals) -> None:
    writer = _writer(location, 0)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(0.3)  # well inside the loop of writes
    writer.send_signal(how)
    writer.communicate(timeout=60)
    assert writer.returncode != 0
    assert _check_whole(location) >= 1
    # The register goes on working after the interruption.
    open_register(location).register(new_case(), now=NOW)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_default_register_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STAPPENPLAN_DOSSIER", raising=False)
    monkeypatch.delenv("STAPPENPLAN_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    old_umask = os.umask(0o022)
    try:
        register = open_register()
        register.register(new_case(), now=NOW)
        folder = tmp_path / "data" / "stappenplan"
        path = folder / "dossier.sqlite"
        assert register.location.path == path
        assert (_mode(folder), _mode(path)) == (0o700, 0o600)
        # While a connection is open, the write-ahead log and its index exist: private too.
        with register.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM cases").scalar()
            assert (path.parent / "dossier.sqlite-wal").exists()
            for suffix in ("-wal", "-shm"):
                assert _mode(path.parent / f"dossier.sqlite{suffix}") == 0o600
        folder.chmod(0o755)
        path.chmod(0o644)
        open_register()
        assert (_mode(folder), _mode(path)) == (0o700, 0o600)
    finally:
        os.umask(old_umask)


def test_a_register_elsewhere_gets_a_private_file_in_a_new_private_folder(
    sqlite_location: str,
) -> None:
    open_register(sqlite_location)
    path = Path(sqlite_location)
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)


def _file_bytes(location: str) -> bytes:
    folder = Path(location).parent
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()))


def test_the_label_is_not_in_the_database_file(sqlite_location: str) -> None:
    register = open_register(sqlite_location)
    label = "Kees Klaassen-Dreiger"
    with register.engine.connect():  # keeps the log open, as a running program does
        register.register(new_case(label=label), now=NOW)
        register.register(new_case(label=label), now=NOW)
        data = _file_bytes(sqlite_location)
        assert b"Dreiger" not in data and b"dreiger" not in data
    assert b"dreiger" not in _file_bytes(sqlite_location).lower()


def test_purged_cases_leave_no_trace_in_the_file(sqlite_location: str) -> None:
    register = open_register(sqlite_location)
    register.register(new_case(NOW.replace(year=2015), description="Verdwijntekst"), now=NOW)
    register.register(new_case(), now=NOW)
    assert b"Verdwijntekst" in _file_bytes(sqlite_location)
    assert transfer.purge_before(register, NOW.date().replace(year=2020)) == 1
    assert b"Verdwijntekst" not in _file_bytes(sqlite_location)


def test_an_interrupted_backup_leaves_no_half_copy(
    sqlite_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = open_register(sqlite_location)
    register.register(new_case(), now=NOW)
    real_connect = transfer.sqlite3.connect

    def connect_then_interrupt(*args: object, **kwargs: object) -> object:
        real_connect(*args, **kwargs).close()  # the copy has been started
        raise KeyboardInterrupt

    monkeypatch.setattr(transfer.sqlite3, "connect", connect_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        transfer.backup(register, tmp_path / "kopie.sqlite", now=NOW)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["register"]


def test_a_backup_while_another_process_writes_is_consistent(location: str, tmp_path: Path) -> None:
    register = open_register(location)
    writer = _writer(location, 0)
    assert writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "ready"
        target = tmp_path / "kopie"
        transfer.backup(register, target, now=NOW)
    finally:
        writer.send_signal(signal.SIGINT)
        writer.communicate(timeout=60)
    if register.engine.dialect.name == "sqlite":
        copied = _check_whole(str(target))
    else:
        export = transfer.read_export(target.read_text(encoding="utf-8"), str(target))
        assert all(len(case.actions) == 4 for case in export.cases)
        copied = len(export.cases)
    assert 1 <= copied <= _check_whole(location)
