"""Hostile output targets and file names through the real command: --force never replaces a
device, FIFO, socket or folder; '-o -' is standard output; one file never serves as both
--output and --save; too-long names give a Dutch message; the save dialog asks again."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, MINI, MINI_SET, run_command, terminal_environment

TIMEOUT = 60
SPECIAL = "geen gewoon bestand; stappenplan vervangt alleen gewone bestanden, ook met --force"
TOO_LONG = "de naam is te lang voor het bestandssysteem; kies een kortere naam"


def stappenplan(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed program in a separate process, without a terminal."""
    return run_command(cwd, *args, timeout=TIMEOUT)


def start(cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return stappenplan(cwd, "start", "--steps", str(MINI), *MINI_SET, "--no-input", *extra)


def assert_no_internal_error(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert "Interne fout" not in result.stderr
    assert "Errno" not in result.stderr


@pytest.fixture
def listening_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # Bound by a relative name: a socket's full path may hold only about 100 characters.
    monkeypatch.chdir(tmp_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind("sok")
    yield tmp_path / "sok"
    server.close()


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "pijp")
    return tmp_path / "pijp"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "map").mkdir()
    return tmp_path / "map"


KINDS: dict[str, tuple[Callable[[Path], Path], Callable[[int], bool], str]] = {
    "fifo": (_fifo, stat.S_ISFIFO, "pijp: dit is een named pipe (FIFO), " + SPECIAL),
    "map": (_folder, stat.S_ISDIR, "map: dit is een map; geef een bestandsnaam"),
}


@pytest.mark.parametrize("force", [True, False], ids=["force", "zonder-force"])
@pytest.mark.parametrize("option", ["--output", "--save"])
@pytest.mark.parametrize("kind", KINDS)
def test_force_never_replaces_a_fifo_or_a_folder(
    tmp_path: Path, kind: str, option: str, force: bool
) -> None:
    """A FIFO or folder as --output/--save is refused, with or without --force, and stays."""
    make, is_kind, message = KINDS[kind]
    target = make(tmp_path)
    result = start(tmp_path, option, target.name, *(["--force"] if force else []))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == message + ("" if kind == "map" else ". Kies een andere naam.") + "\n"
    assert is_kind(target.lstat().st_mode)


@pytest.mark.parametrize("option", ["--output", "--save"])
def test_force_never_replaces_a_socket(tmp_path: Path, listening_socket: Path, option: str) -> None:
    """A socket as target is refused with --force and is still a socket afterwards."""
    result = start(tmp_path, option, listening_socket.name, "--force")
    assert result.returncode == 1
    assert result.stderr == f"sok: dit is een socket, {SPECIAL}. Kies een andere naam.\n"
    assert stat.S_ISSOCK(listening_socket.lstat().st_mode)


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device to aim at: as root a copy of /dev/null's node inside tmp_path (so
    a regression replaces only that copy), else /dev/null itself, which an ordinary user
    cannot replace anyway (no permission on /dev)."""
    if os.geteuid() != 0:
        return Path(os.devnull)
    node = tmp_path / "nul"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        pytest.skip("no permission to make a device node here")
    return node


@pytest.mark.parametrize("option", ["--output", "--save"])
def test_force_never_replaces_a_device(tmp_path: Path, device: Path, option: str) -> None:
    """A device as target is refused with --force; it is still a character device."""
    result = start(tmp_path, option, str(device), "--force")
    assert result.returncode == 1
    assert result.stderr == f"{device}: dit is een apparaat, {SPECIAL}. Kies een andere naam.\n"
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_a_link_to_a_device_is_refused_and_kept(tmp_path: Path) -> None:
    """A symbolic link to /dev/null is not replaced by --force (as /dev/stdout would be)."""
    link = tmp_path / "naar-nul"
    link.symlink_to(os.devnull)
    result = start(tmp_path, "-o", link.name, "--force")
    assert result.returncode == 1
    assert (
        result.stderr == f"naar-nul: verwijst naar een apparaat, {SPECIAL}. Kies een andere naam.\n"
    )
    assert link.is_symlink()
    assert str(link.readlink()) == os.devnull


def test_a_dangling_link_is_replaced_itself_with_force(tmp_path: Path) -> None:
    """A link that points nowhere is replaced by a regular file; its target is not created."""
    link = tmp_path / "uitkomst.txt"
    link.symlink_to(tmp_path / "nergens.txt")
    result = start(tmp_path, "-o", link.name, "--force")
    assert result.returncode == 0, result.stderr
    assert not link.is_symlink()
    assert link.is_file()
    assert not (tmp_path / "nergens.txt").exists()


def test_the_target_is_refused_before_the_answers_are_checked(tmp_path: Path) -> None:
    """The refusal comes first: before a missing answer (a question, in a terminal)."""
    _fifo(tmp_path)
    result = stappenplan(tmp_path, "start", "--steps", str(MINI), "--no-input", "-o", "pijp")
    assert result.returncode == 1
    assert result.stderr.startswith("pijp: dit is een named pipe (FIFO)")
    assert "ontbreken" not in result.stderr


def test_afspraken_init_refuses_a_fifo_before_any_question(tmp_path: Path) -> None:
    """`afspraken init -o FIFO --force` is refused, also when it would ask questions."""
    fifo = _fifo(tmp_path)
    result = stappenplan(tmp_path, "afspraken", "init", "-o", fifo.name, "--force", "--plain")
    assert result.returncode == 1
    assert result.stderr.startswith("pijp: dit is een named pipe (FIFO)")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# --- '-' is standard output -------------------------------------------------------------------


def test_output_dash_is_standard_output(tmp_path: Path) -> None:
    """`-o -` writes the outcome to standard output, not to a file named '-'."""
    result = start(tmp_path, "-o", "-", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plan"]["id"] == "mini"
    assert not (tmp_path / "-").exists()


def test_afspraken_template_to_standard_output(tmp_path: Path) -> None:
    """`afspraken init --no-input -o -` prints the template; no file named '-'."""
    result = stappenplan(tmp_path, "afspraken", "init", "--no-input", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Afspraken vooraf")
    assert not (tmp_path / "-").exists()


def test_save_dash_is_refused(tmp_path: Path) -> None:
    """`--save -` is refused with a clear message (exit 2), and nothing is written."""
    result = start(tmp_path, "--save", "-")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("--save -: het verslag gaat altijd naar een bestand")
    assert sorted(path.name for path in tmp_path.iterdir()) == []


# --- the same file twice ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "save"),
    [("x.txt", "x.txt"), ("x.txt", "./x.txt"), ("x.txt", "sub/../x.txt"), ("link.txt", "x.txt")],
    ids=["gelijk", "punt", "omweg", "link"],
)
def test_the_same_file_for_output_and_save_is_refused(
    tmp_path: Path, output: str, save: str
) -> None:
    """-o FILE --save FILE (also spelled differently, or via a link) is refused (exit 2)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to("x.txt")
    result = start(tmp_path, "-o", output, "--save", save)
    assert (result.returncode, result.stdout) == (2, "")
    assert "zijn hetzelfde bestand" in result.stderr
    assert not (tmp_path / "x.txt").exists()


def test_the_same_existing_file_twice_is_refused_with_force(tmp_path: Path) -> None:
    """With --force and an existing file (a hard link too) the refusal still comes first."""
    (tmp_path / "x.txt").write_text("eerder werk\n")
    os.link(tmp_path / "x.txt", tmp_path / "y.txt")
    result = start(tmp_path, "-o", "x.txt", "--save", "y.txt", "--force")
    assert result.returncode == 2
    assert result.stderr == (
        "--output x.txt en --save y.txt zijn hetzelfde bestand; het ene zou het andere "
        "overschrijven. Kies twee namen.\n"
    )
    assert (tmp_path / "x.txt").read_text() == "eerder werk\n"


# --- names longer than the file system allows -------------------------------------------------

LONG_NAME = "a" * 300
LONG_PATH = "/".join(["d" * 200] * 25) + "/plan.yaml"


@pytest.mark.parametrize("name", [LONG_NAME, LONG_PATH], ids=["naam", "pad"])
@pytest.mark.parametrize("option", ["--output", "--save", "--steps", "--afspraken", "--answers"])
def test_too_long_names_give_a_dutch_message(tmp_path: Path, option: str, name: str) -> None:
    """A name too long for the file system: a short Dutch message, no internal error."""
    if option == "--steps":
        result = stappenplan(tmp_path, "start", "--no-input", "--steps", name)
    else:
        result = start(tmp_path, option, name)
    assert_no_internal_error(result)
    assert result.returncode in (1, 2)
    assert TOO_LONG in result.stderr
    assert name[:79] + "…" in result.stderr
    assert len(result.stderr) < 300


@pytest.mark.parametrize(
    "command",
    [
        ["show", "--steps"],
        ["validate", "--steps"],
        ["test"],
        ["afspraken", "check"],
        ["afspraken", "init", "--no-input", "-o"],
        ["dossier", "import"],
        ["dossier", "backup"],
    ],
    ids=lambda command: "-".join(command),
)
def test_too_long_names_in_other_commands(tmp_path: Path, command: list[str]) -> None:
    """Other commands that take a file say the same, without an internal error."""
    result = stappenplan(tmp_path, *command, LONG_NAME)
    assert_no_internal_error(result)
    assert result.returncode in (1, 2)
    assert "de naam is te lang voor het bestandssysteem" in result.stderr
    assert len(result.stderr) < 300


@pytest.mark.parametrize("command", [["dossier", "list"], ["start", "--dossier"]])
def test_a_too_long_dossier_name_gives_a_dutch_message(tmp_path: Path, command: list[str]) -> None:
    """STAPPENPLAN_DOSSIER with a name too long: a Dutch message, no internal error."""
    env = {**os.environ, "STAPPENPLAN_DOSSIER": str(tmp_path / LONG_NAME), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "stappenplan", *command, "--steps", str(MINI), *MINI_SET]
        if command[0] == "start"
        else [sys.executable, "-m", "stappenplan", *command],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert_no_internal_error(result)
    assert result.returncode == 2
    assert TOO_LONG in result.stderr


# --- the save dialog after the wizard ---------------------------------------------------------


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("plain", [True, False], ids=["plain", "normaal"])
def test_the_save_dialog_asks_again_after_a_bad_name(tmp_path: Path, plain: bool) -> None:
    """A too-long name, '~unknownuser/…' or a NUL are explained and asked again; the report is
    saved."""
    pexpect = pytest.importorskip("pexpect")
    env = terminal_environment(tmp_path)
    sets = ("--set", "gevaar=nee", "--set", "wie=een", "--set", "wat=dreiging")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "stappenplan", "start", "--steps", str(FIXTURES / "wizard"), *sets]
        + (["--plain"] if plain else []),
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    clear = "" if plain else "\x15"  # Ctrl-U empties the suggested name in the prompt
    try:
        child.expect_exact("Wilt u later evalueren?")
        child.send("2\r")
        child.expect_exact("Klaar")
        child.send("\r")
        child.expect_exact("Het verslag opslaan")
        child.send("\r")
        for question in ("Wanneer gebeurde het", "omschrijving", "Kenmerk"):
            child.expect_exact(question)
            child.send("\r")
        child.expect_exact("Bestandsnaam")
        child.send(clear + LONG_NAME + "\r")
        child.expect_exact(TOO_LONG)
        child.expect_exact("Bestandsnaam")
        child.send(clear + "~geen-zo-gebruiker-xyz/verslag.md\r")
        child.expect_exact("onbekende gebruiker na '~'")
        child.expect_exact("Bestandsnaam")
        if not plain:  # a pasted NUL character reaches the prompt (plain input() drops it)
            child.send(clear + "\x1b[200~a\x00b.md\x1b[201~\r")
            child.expect_exact("de naam bevat een ongeldig teken")
            child.expect_exact("Bestandsnaam")
        child.send(clear + "verslag.md\r")
        child.expect_exact("Opgeslagen")
        child.expect_exact("De antwoorden opslaan")
        child.send("2\r" if plain else "\x1b[B\r")  # no
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
    assert (tmp_path / "verslag.md").read_text(encoding="utf-8").startswith("# Verslag")


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_wizard_refuses_a_fifo_target_before_the_first_question(tmp_path: Path) -> None:
    """In a terminal, `start -o FIFO --force` is refused before any question is shown."""
    pexpect = pytest.importorskip("pexpect")
    fifo = _fifo(tmp_path)
    env = terminal_environment(tmp_path)
    arguments = ["-m", "stappenplan", "start", "--steps", str(FIXTURES / "wizard")]
    child = pexpect.spawn(
        sys.executable,
        [*arguments, "-o", str(fifo), "--force"],
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    try:
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    shown = child.before or ""
    assert child.exitstatus == 1
    assert SPECIAL in " ".join(shown.split())
    assert "?" not in shown  # no question was asked
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
