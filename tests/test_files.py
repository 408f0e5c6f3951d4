"""Reports and records on disk: private, atomic, never silently overwritten, never half written,
also when the write fails or the user presses Ctrl-C at any moment of a scripted run."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import stappenplan
from conftest import MINI as MINI_DIR
from conftest import MINI_SET
from stappenplan import files as files_module
from stappenplan.cli import start as start_command
from stappenplan.files import write_private

MINI = str(MINI_DIR)
Cli = Callable[..., Any]

TARGETS = {"--output": "uitkomst.txt", "--save": "verslag.yaml"}


def _start(cli: Cli, *extra: str) -> Any:
    return cli("start", "--steps", MINI, *MINI_SET, "--no-input", *extra)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(folder: Path) -> list[str]:
    """Temporary files that an atomic write should never leave behind."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would make ordinary new files readable for everyone."""
    old = os.umask(0o000)
    yield
    os.umask(old)


# --- private, and no silent overwrite ---------------------------------------------------------


@pytest.mark.usefixtures("open_umask")
@pytest.mark.parametrize("option", TARGETS)
def test_files_are_private_even_with_an_open_umask(cli: Cli, in_tmp: Path, option: str) -> None:
    """Files are private even with an open umask."""
    result = _start(cli, option, TARGETS[option])
    assert result.code == 0, result.err
    assert _mode(in_tmp / TARGETS[option]) == 0o600
    assert _leftovers(in_tmp) == []


@pytest.mark.parametrize("option", TARGETS)
def test_existing_file_is_kept_without_force(cli: Cli, in_tmp: Path, option: str) -> None:
    """Existing file is kept without force."""
    target = in_tmp / TARGETS[option]
    target.write_text("eerder werk\n")
    result = _start(cli, option, TARGETS[option])
    assert result.code == 2
    assert result.err == (
        f"{TARGETS[option]}: bestaat al; kies een andere naam of gebruik --force om te "
        "overschrijven\n"
    )
    assert target.read_text() == "eerder werk\n"
    assert _leftovers(in_tmp) == []


@pytest.mark.parametrize("option", TARGETS)
def test_force_replaces_and_makes_the_file_private(cli: Cli, in_tmp: Path, option: str) -> None:
    """Force replaces and makes the file private."""
    target = in_tmp / TARGETS[option]
    target.write_text("eerder werk\n")
    target.chmod(0o644)
    result = _start(cli, option, TARGETS[option], "--force")
    assert result.code == 0, result.err
    assert target.read_text() != "eerder werk\n"
    assert _mode(target) == 0o600


def test_a_link_is_replaced_not_written_through(cli: Cli, in_tmp: Path) -> None:
    """A planted symbolic link cannot make the report land somewhere else."""
    elsewhere = in_tmp / "elders.txt"
    elsewhere.write_text("niet van ons\n")
    (in_tmp / "uitkomst.txt").symlink_to(elsewhere)
    assert _start(cli, "--output", "uitkomst.txt").code == 2
    result = _start(cli, "--output", "uitkomst.txt", "--force")
    assert result.code == 0, result.err
    assert elsewhere.read_text() == "niet van ons\n"
    assert not (in_tmp / "uitkomst.txt").is_symlink()


def test_a_dangling_link_counts_as_existing(cli: Cli, in_tmp: Path) -> None:
    """A dangling link counts as existing."""
    (in_tmp / "verslag.yaml").symlink_to(in_tmp / "bestaat-niet")
    result = _start(cli, "--save", "verslag.yaml")
    assert result.code == 2 and "verslag.yaml: bestaat al" in result.err


@pytest.mark.parametrize("option", TARGETS)
def test_missing_folder_is_a_dutch_error(cli: Cli, in_tmp: Path, option: str) -> None:
    """Missing folder is a dutch error."""
    result = _start(cli, option, "geen/map/bestand.txt")
    assert result.code == 1
    assert result.err.endswith("geen/map/bestand.txt: map 'geen/map' bestaat niet\n")
    assert not (in_tmp / "geen").exists()


def test_folder_as_target_is_a_dutch_error(cli: Cli, in_tmp: Path) -> None:
    """Folder as target is a dutch error."""
    (in_tmp / "map").mkdir()
    for extra in ((), ("--force",)):
        result = _start(cli, "--output", "map", *extra)
        assert (result.code, result.err) == (1, "map: dit is een map; geef een bestandsnaam\n")


def test_without_fchmod_files_are_still_private(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows before Python 3.13 has no os.fchmod; writing must still work."""
    monkeypatch.delattr(os, "fchmod")
    write_private(in_tmp / "a.txt", "inhoud\n")
    assert (in_tmp / "a.txt").read_text() == "inhoud\n"
    assert _mode(in_tmp / "a.txt") == 0o600


# --- a write that fails halfway ---------------------------------------------------------------


class _HalfWriter(io.TextIOWrapper):
    """A file stream that writes half of the text and then fails."""

    failure: BaseException = OSError(errno.ENOSPC, "No space left on device")

    def write(self, text: str) -> int:
        super().write(text[: len(text) // 2])
        self.flush()
        raise self.failure


def _failing_open(failure: BaseException) -> Callable[..., io.TextIOWrapper]:
    """An `open` for files.py whose stream writes half of the text and then fails."""

    def fake_open(file: Any, mode: str, *, opener: Any, **kwargs: Any) -> io.TextIOWrapper:
        stream = _HalfWriter(io.FileIO(file, mode, opener=opener), **kwargs)
        stream.failure = failure
        return stream

    return fake_open


def _raise(failure: BaseException) -> Callable[..., None]:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise failure

    return fail


# Typer turns Ctrl-C inside a command into exit code 130 without a message; the catch point
# says "Afgebroken." when the interrupt reaches it. Either is fine, a traceback is not.
INTERRUPTED_MESSAGES = ("", "Afgebroken.")

FAILURES: dict[str, tuple[str, str, Callable[[], BaseException], int, str]] = {
    # name: (what to patch, attribute, failure, exit code, message)
    "disk-full-during-write": (
        "files",
        "open",
        lambda: OSError(errno.ENOSPC, "No space left on device"),
        1,
        "kan niet schrijven (de schijf is vol)",
    ),
    "ctrl-c-during-write": ("files", "open", KeyboardInterrupt, 130, ""),
    "fsync-fails": (
        "os",
        "fsync",
        lambda: OSError(errno.EIO, "I/O error"),
        1,
        "kan niet schrijven (fout bij lezen of schrijven op de schijf)",
    ),
    "ctrl-c-during-fsync": ("os", "fsync", KeyboardInterrupt, 130, ""),
    "rename-refused": (
        "Path",
        "replace",
        lambda: PermissionError(errno.EACCES, "Permission denied"),
        1,
        "kan niet schrijven (geen toestemming)",
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("option", TARGETS)
def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(
    cli: Cli, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, option: str, failure: str
) -> None:
    """A failed write keeps the old file and leaves nothing behind."""
    where, attribute, make, code, message = FAILURES[failure]
    target = in_tmp / TARGETS[option]
    target.write_text("eerder werk\n")
    if attribute == "open":
        monkeypatch.setattr(files_module, "open", _failing_open(make()), raising=False)
    else:
        monkeypatch.setattr(os if where == "os" else Path, attribute, _raise(make()))
    result = _start(cli, option, TARGETS[option], "--force")
    assert result.code == code
    assert "Traceback" not in result.err
    if code == 1:
        assert f"{TARGETS[option]}: {message}" in result.err
    else:
        assert result.err.strip() in INTERRUPTED_MESSAGES
    assert target.read_text() == "eerder werk\n"
    assert _leftovers(in_tmp) == []


# --- Ctrl-C at any moment of a scripted run ---------------------------------------------------

PACKAGE = str(Path(stappenplan.__file__).parent)
CATCH_POINT = {("app.py", "run"), ("app.py", "main"), ("common.py", "note")}
FIXED_TIME = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _ours(frame: FrameType) -> bool:
    code = frame.f_code
    if not code.co_filename.startswith(PACKAGE):
        return False
    return (Path(code.co_filename).name, code.co_name) not in CATCH_POINT


class _Interrupter:
    """Counts the lines our code runs, and presses Ctrl-C at line number `at` (if given)."""

    def __init__(self, at: int | None = None) -> None:
        self.at = at
        self.lines = 0
        self.files_lines: list[int] = []
        self.fired = False

    def __call__(self, frame: FrameType, event: str, arg: Any) -> Any:
        return self._local if _ours(frame) else None

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.lines += 1
            if frame.f_code.co_filename.endswith("files.py"):
                self.files_lines.append(self.lines)
            if self.lines == self.at:
                self.fired = True
                raise KeyboardInterrupt
        return self._local


def _traced_run(cli: Cli, interrupter: _Interrupter, args: tuple[str, ...]) -> Any:
    sys.settrace(interrupter)
    try:
        return cli(*args)
    finally:
        sys.settrace(None)


def _moments(total: int, in_files: list[int], samples: int = 60) -> list[int]:
    """Evenly spread moments over the run, plus every line of the file writing itself."""
    step = max(1, total // samples)
    return sorted({*range(1, total + 1, step), *in_files, total})


@pytest.mark.parametrize("existing", [False, True], ids=["nieuwe-bestanden", "met-force"])
def test_ctrl_c_at_any_moment_leaves_no_partial_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    """Ctrl c at any moment leaves no partial file."""
    monkeypatch.setattr(start_command, "now", lambda: FIXED_TIME)
    args = (*("--output", "uitkomst.txt", "--save", "verslag.yaml", "--force"),)
    reference = tmp_path / "referentie"
    reference.mkdir()
    monkeypatch.chdir(reference)
    counter = _Interrupter()
    assert _traced_run(cli, counter, ("start", "--steps", MINI, *MINI_SET, *args)).code == 0
    complete = {name: (reference / name).read_text() for name in ("uitkomst.txt", "verslag.yaml")}
    moments = _moments(counter.lines, counter.files_lines)
    assert len(counter.files_lines) > 10  # the writes themselves are among the moments

    fired = 0
    for moment in moments:
        folder = tmp_path / f"moment-{moment}"
        folder.mkdir()
        old = {name: f"oud {name}\n" for name in complete}
        if existing:
            for name, text in old.items():
                (folder / name).write_text(text)
        monkeypatch.chdir(folder)
        interrupter = _Interrupter(at=moment)
        result = _traced_run(cli, interrupter, ("start", "--steps", MINI, *MINI_SET, *args))
        # A library's warm cache can make a later run a few lines shorter than the counted
        # one; a moment past its end is then no interruption, and the run must simply finish.
        fired += interrupter.fired
        assert result.code == (130 if interrupter.fired else 0), (moment, result.err)
        notes = [line for line in result.err.splitlines() if line.strip()]
        assert not interrupter.fired or all(
            line == "Afgebroken." or line.startswith("Geschreven: ") for line in notes
        ), (
            moment,
            result.err,
        )
        assert _leftovers(folder) == [], moment
        for name, text in complete.items():
            path = folder / name
            allowed = {text, old[name]} if existing else {text}
            if path.exists() or existing:
                assert path.read_text() in allowed, (moment, name)
                assert _mode(path) == 0o600 or path.read_text() == old[name]
    assert fired >= len(moments) - 3, (fired, len(moments))
