"""Review findings on messages at the real command: paths that cannot be looked at, a reader
that went away, which option a name belongs to, `-o ./-`, database errors in Dutch.

Each test runs `python -m stappenplan` in its own process.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MINI, MINI_SET

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths and pipes")

START = ("start", "--steps", str(MINI), "--no-input", *MINI_SET)
TOO_LONG = "de naam is te lang voor het bestandssysteem"
NOBODY = ("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups")
ENGLISH = ("Interne fout", "Traceback", "Permission denied", "File name too long", "Errno")


def stappenplan(
    cwd: Path, *args: str, env: dict[str, str] | None = None, user: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The real command in `cwd`, without a terminal; `user` runs it as another user."""
    return subprocess.run(
        [*user, sys.executable, "-m", "stappenplan", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb", **(env or {})},
        timeout=60,
        check=False,
    )


def dutch_only(text: str) -> None:
    for fragment in ENGLISH:
        assert fragment not in text


@pytest.fixture
def far_link(tmp_path: Path) -> Path:
    """A symbolic link to a name longer than the file system allows: looking at the link
    itself works, following it fails with ENAMETOOLONG (inside is_file/exists)."""
    link = tmp_path / "link.yaml"
    link.symlink_to("d" * 300)
    return link


# --- P1.5: a path that cannot be looked at ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("show", "--steps", "link.yaml"), {}),
        (("afspraken", "check", "link.yaml"), {}),
        (("dossier", "list"), {"STAPPENPLAN_DOSSIER": "link.yaml"}),
    ],
    ids=["plan", "afspraken", "dossier"],
)
def test_a_name_too_long_behind_a_link_is_a_dutch_message(
    tmp_path: Path, far_link: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    """--steps, afspraken check and the dossier behind a link to a too long name: exit 1, Dutch."""
    result = stappenplan(tmp_path, *args, env=env)
    assert result.returncode == 1
    assert f"link.yaml: {TOO_LONG}" in result.stderr
    dutch_only(result.stderr)


def test_a_found_afspraken_file_that_cannot_be_looked_at_does_not_stop_start(
    tmp_path: Path, far_link: Path
) -> None:
    """./afspraken.yaml that cannot be looked at is skipped with a warning; the outcome comes."""
    far_link.rename(tmp_path / "afspraken.yaml")
    result = stappenplan(tmp_path, *START)
    assert result.returncode == 0, result.stderr
    assert f"Let op: afspraken.yaml: {TOO_LONG}" in result.stderr
    assert result.stdout
    dutch_only(result.stderr)


@pytest.fixture
def unsearchable() -> Iterator[Path]:
    """A folder (with a plan, afspraken and register file in it) that another user may not
    search, inside a folder that user can reach; skipped when that user cannot run Python."""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.skip("needs setpriv and root to run the command as another user (65534)")
    probe = subprocess.run(
        [*NOBODY, sys.executable, "-c", "import stappenplan"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip("user 65534 cannot reach this interpreter or the stappenplan package")
    base = Path(tempfile.mkdtemp(prefix="stappenplan-unsearchable-"))
    try:
        base.chmod(0o755)
        closed = base / "d"
        closed.mkdir()
        for name in ("x.yaml", "x.db"):
            (closed / name).write_text("plan: {}\n", encoding="utf-8")
        closed.chmod(0o700)  # root's: user 65534 may not search it
        yield base
    finally:
        shutil.rmtree(base)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("show", "--steps", "d/x.yaml"), {}),
        (("start", "--afspraken", "d/x.yaml", *START[1:]), {}),
        (("afspraken", "check", "d/x.yaml"), {}),
        (("dossier", "list"), {"STAPPENPLAN_DOSSIER": "d/x.db"}),
    ],
    ids=["plan", "start-afspraken", "afspraken-check", "dossier"],
)
def test_a_file_in_an_unsearchable_folder_is_a_dutch_message(
    unsearchable: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    """As another user, a file under a folder that may not be searched: exit 1, 'geen toestemming'."""
    result = stappenplan(unsearchable, *args, env={"HOME": str(unsearchable), **env}, user=NOBODY)
    assert result.returncode == 1, result.stderr
    assert "geen toestemming" in result.stderr
    assert "d/x." in result.stderr
    dutch_only(result.stderr)


# --- P3.2 / P3.8: a reader that went away -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [(), ("show",), ("show", "--help"), ("--version",), ("validate",), START],
    ids=["zonder-argumenten", "show", "help", "versie", "validate", "start"],
)
def test_a_reader_that_went_away_is_no_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Output to a pipe whose reader is closed before the write: silent, exit 0 (not click's 1)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "stappenplan", *args],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (0, "")


# --- P3.6: which option, shortened paths, extra arguments, database errors ---------------------


@pytest.mark.parametrize("option", ["--output", "--save"])
def test_a_too_long_target_name_says_which_option(tmp_path: Path, option: str) -> None:
    """-o/--save with a name longer than the file system allows names the option."""
    result = stappenplan(tmp_path, *START, option, "v" * 300 + ".yaml")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{option} {'v' * 20}")
    assert TOO_LONG in result.stderr


def test_written_and_saved_paths_are_shortened(tmp_path: Path) -> None:
    """'Geschreven:' and 'Verslag bewaard:' quote a very long path by its start and '…'."""
    folder = tmp_path.joinpath(*["m" * 200] * 3)
    folder.mkdir(parents=True)
    result = stappenplan(
        tmp_path, *START, "-o", str(folder / "uit.txt"), "--save", str(folder / "verslag.yaml")
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "uit.txt").is_file() and (folder / "verslag.yaml").is_file()
    lines = result.stderr.splitlines()
    for start in ("Geschreven: ", "Verslag bewaard: "):
        [line] = [line for line in lines if line.startswith(start)]
        assert line.endswith("…") and len(line) < 120


def test_extra_arguments_are_named_in_dutch(tmp_path: Path) -> None:
    """`show a b` names the extra arguments in Dutch (no 'argument(s)')."""
    result = stappenplan(tmp_path, "show", "a", "b")
    assert result.returncode == 2
    assert result.stderr.startswith("Fout: te veel argumenten; niet verwacht: a b\n")
    assert "(s)" not in result.stderr


def test_a_file_that_is_no_database_is_named_in_dutch(tmp_path: Path) -> None:
    """A register file that is no SQLite database: a Dutch reason, not SQLite's English."""
    (tmp_path / "dossier.db").write_bytes(b"geen database " * 400)
    result = stappenplan(tmp_path, "dossier", "list", env={"STAPPENPLAN_DOSSIER": "dossier.db"})
    assert result.returncode == 1
    assert "dit bestand is geen SQLite-database" in result.stderr
    assert "file is not a database" not in result.stderr


def test_sqlite_errors_get_dutch_reasons(tmp_path: Path) -> None:
    """Real SQLite errors (locked, read-only, not a database) map to Dutch, without English."""
    from stappenplan.dossier.failures import database_reason

    path = tmp_path / "dossier.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    errors = []
    other = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as locked:
        other.execute("SELECT * FROM t")
    errors.append((locked.value, "bezet door een ander programma"))
    holder.execute("ROLLBACK")
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as readonly:
        reader.execute("INSERT INTO t VALUES (1)")
    errors.append((readonly.value, "alleen gelezen"))
    with pytest.raises(sqlite3.OperationalError) as unopened:
        sqlite3.connect(tmp_path / "geen-map" / "x.db")
    errors.append((unopened.value, "kan niet worden geopend"))
    for connection in (holder, other, reader):
        connection.close()
    for error, dutch in errors:
        assert dutch in database_reason(error)
        assert str(error) not in database_reason(error)


# --- P3.7: only the argument '-' itself is standard output ---------------------------------------


@pytest.mark.parametrize("option", ["-o", "--save"])
def test_dot_slash_dash_is_a_file_named_dash(tmp_path: Path, option: str) -> None:
    """`-o ./-` and `--save ./-` write a file named '-' in the current folder, not to stdout."""
    result = stappenplan(tmp_path, *START, option, "./-")
    assert result.returncode == 0, result.stderr
    written = tmp_path / "-"
    assert stat.S_ISREG(written.stat().st_mode)
    assert written.read_text(encoding="utf-8")
    if option == "-o":
        assert result.stdout == ""
