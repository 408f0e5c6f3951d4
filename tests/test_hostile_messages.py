"""Messages that reach the user are Dutch and short, through the real command: no English
system texts ('Permission denied', 'is not readable'), very long values cut off with '…', and
no year written as '1'."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI, MINI_SET, run_command

TIMEOUT = 60
ENGLISH = ("Permission denied", "not readable", "Not a directory", "symbolic links", "Errno")
Cli = Callable[..., Any]


def stappenplan(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed program in a separate process, without a terminal."""
    return run_command(cwd, *args, timeout=TIMEOUT, **env)


def assert_dutch(text: str) -> None:
    for fragment in ENGLISH:
        assert fragment not in text


# --- 'is not readable': Typer's own check of a path, in Dutch ---------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read every file")
def test_an_unreadable_plan_is_named_in_dutch(tmp_path: Path) -> None:
    """A plan file without read permission: a Dutch message, no 'is not readable'."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan: x\n")
    plan.chmod(0)
    result = stappenplan(tmp_path, "show", "--steps", str(plan))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"Fout: ongeldige waarde voor --steps: {plan} kan niet gelezen worden (geen toestemming)"
    )
    assert_dutch(result.stderr)


def test_typers_readable_check_is_translated(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer's 'path … is not readable' (seen by any user but root) reaches the user in Dutch."""
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    result = cli("show", "--steps", str(MINI))
    assert (result.code, result.err) == (
        2,
        f"Fout: ongeldige waarde voor --steps: {MINI} kan niet gelezen worden (geen "
        "toestemming)\nZie 'stappenplan show --help'.\n",
    )


def test_an_output_file_need_not_be_readable(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """-o and --save are written, not read: no read check refuses an existing target."""
    for name in ("uit.txt", "verslag.yaml"):
        (tmp_path / name).write_text("oud\n")
    monkeypatch.chdir(tmp_path)
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        unreadable = mode == os.R_OK and Path(path).name in ("uit.txt", "verslag.yaml")
        return not unreadable and real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    result = cli(
        "start", "--steps", str(MINI), "--no-input", *MINI_SET,
        "-o", "uit.txt", "--save", "verslag.yaml", "--force",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert (tmp_path / "uit.txt").read_text() != "oud\n"


# --- system errors in Dutch -------------------------------------------------------------------


@pytest.fixture
def odd_paths(tmp_path: Path) -> Path:
    """A regular file 'f' (so 'f/x' has a file as folder) and a link 'lus' to itself."""
    (tmp_path / "f").write_text("")
    (tmp_path / "lus").symlink_to("lus")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["start", "--no-input", "--steps", str(MINI), "--answers", "f/x"],
            "f/x: bestand kan niet gelezen worden (een deel van het pad is geen map)",
        ),
        (
            ["start", "--no-input", "--steps", str(MINI), "--answers", "lus"],
            "lus: bestand kan niet gelezen worden (symbolische links die in een kring naar "
            "elkaar verwijzen)",
        ),
        (
            ["start", "--no-input", "--steps", str(MINI), *MINI_SET, "-o", "f/x"],
            "f/x: een deel van het pad is geen map",
        ),
        (
            ["dossier", "import", "lus"],
            "lus: bestand kan niet gelezen worden (symbolische links die in een kring naar "
            "elkaar verwijzen)",
        ),
        (["dossier", "import", "f"], "f: het bestand is leeg"),
    ],
    ids=["answers-geen-map", "answers-kring", "output-geen-map", "import-kring", "import-json"],
)
def test_system_errors_are_told_in_dutch(odd_paths: Path, args: list[str], expected: str) -> None:
    """What the system says in English (strerror, json) reaches the user in Dutch."""
    result = stappenplan(odd_paths, *args, STAPPENPLAN_DOSSIER=str(odd_paths / "d.db"))
    assert result.returncode in (1, 2)
    assert expected in result.stderr
    assert_dutch(result.stderr)
    assert "Expecting" not in result.stderr


# --- very long values are cut off -------------------------------------------------------------

LONG = "x" * 5000


@pytest.mark.parametrize(
    ("args", "quoted"),
    [
        (["start", "--format", LONG], f"'{'x' * 79}…'"),
        (["start", f"--{LONG}"], f"'--{'x' * 77}…'"),
        ([f"y{LONG}"], f"'y{'x' * 78}…'"),
        (["show", "a", LONG], f"niet verwacht: a {'x' * 40}"),
        (["start", "--steps", str(MINI), "--no-input", *MINI_SET, "--rol", LONG], f"'{'x' * 39}…'"),
        (
            ["start", "--steps", str(MINI), "--no-input", *MINI_SET, "--moment", LONG],
            f"'{'x' * 39}…'",
        ),
    ],
    ids=["format", "optie", "opdracht", "argument", "rol", "moment"],
)
def test_very_long_values_are_cut_off_in_messages(
    tmp_path: Path, args: list[str], quoted: str
) -> None:
    """A value of 5,000 characters is quoted by its start and '…'; the message stays short."""
    result = stappenplan(tmp_path, *args)
    assert result.returncode == 2
    assert quoted in result.stderr
    assert len(result.stderr) < 700


# --- dates: four-digit years ------------------------------------------------------------------


def test_a_record_from_the_year_1_shows_four_digits(tmp_path: Path) -> None:
    """A record whose incident lies in the year 1 shows 01-01-0001, never '01-01-1'."""
    record = tmp_path / "verslag.yaml"
    record.write_text(
        "plan: mini\nanswers:\n  gevaar: ja\n  wie: twee\n  wat: [dreiging]\n"
        "incident:\n  moment: '0001-01-01T00:00+00:00'\n"
    )
    text = stappenplan(
        tmp_path, "start", "--steps", str(MINI), "--no-input", "--answers", str(record)
    )
    assert text.returncode == 0, text.stderr
    assert "incident 01-01-0001 00:00" in text.stdout
    assert "01-01-1 " not in text.stdout
    markdown = stappenplan(
        tmp_path,
        "start",
        "--steps",
        str(MINI),
        "--no-input",
        "--answers",
        str(record),
        "-f",
        "markdown",
    )
    assert "- Incident: 1 januari 0001, 00:00" in markdown.stdout


def test_a_moment_before_1900_is_refused(tmp_path: Path) -> None:
    """--moment in the year 1 is a typing error: refused (exit 2), the year written in full."""
    result = stappenplan(
        tmp_path,
        "start",
        "--steps",
        str(MINI),
        "--no-input",
        *MINI_SET,
        "--moment",
        "0001-01-01 00:00",
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "het moment 01-01-0001 00:00 ligt vóór 1900; schrijf het jaar voluit"
    )


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_message_on_a_narrow_terminal_breaks_between_words(tmp_path: Path) -> None:
    """On a terminal 40 columns wide a message wraps between words, never inside one."""
    pexpect = pytest.importorskip("pexpect")
    os.mkfifo(tmp_path / "pijp")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm", NO_COLOR="1", PYTHONIOENCODING="utf-8")
    arguments = ["-m", "stappenplan", "start", "--steps", str(MINI), *MINI_SET, "--no-input"]
    child = pexpect.spawn(
        sys.executable,
        [*arguments, "-o", "pijp", "--force"],
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 40),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    try:
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    lines = (child.before or "").replace("\r\n", "\n").strip().split("\n")
    assert child.exitstatus == 1
    assert len(lines) > 2
    assert all(len(line) <= 40 for line in lines), lines
    words = " ".join(lines).split()
    assert "gewoon" in words and "bestand;" in words and "vervangt" in words, words
