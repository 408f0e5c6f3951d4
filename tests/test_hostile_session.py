"""Hostile round two, lost answers: the real `stappenplan start` keeps the answers whatever ends it.

An unusable data folder, a second plan, a declined earlier session, SIGTERM, an output folder that
disappears, an unexpected error: the answers survive, and no session overwrites another.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import replace_in

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

FIXTURE = Path(__file__).parent / "fixtures" / "wizard"
SESSION = "onderbroken-sessie-wizard-test.yaml"
TIMEOUT = 60
ENTER = "\r"
CTRL_C = "\x03"
ASKING = "(pijltjes of nummer, dan Enter)"
TICKING = "(pijltjes, spatie: aan/uit, Enter: klaar)"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]")
REST = ("--set", "wie=een", "--set", "wat=dreiging", "--set", "extra=graag")


def interrupt_after_the_first_answer(env: dict[str, str], tmp_path: Path) -> None:
    """Run the wizard, answer the first question, press Ctrl-C at the second (exit 130)."""
    child = spawn(env, tmp_path, "--steps", str(FIXTURE))
    answer(child, "Is er nu gevaar?", "2" + ENTER, "Nee")
    wait_for(child, "Tegen wie is het gericht?")
    child.send(CTRL_C)
    assert finish(child)[0] == 130


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    values.update(
        TERM="xterm",
        NO_COLOR="1",
        HOME=str(tmp_path / "home"),
        STAPPENPLAN_DATA_DIR=str(tmp_path / "data"),
        PYTHONIOENCODING="utf-8",
        PROMPT_TOOLKIT_NO_CPR="1",
        PAGER="cat",
    )
    values.pop("XDG_DATA_HOME", None)
    return values


def spawn(env: dict[str, str], cwd: Path, *args: str, code: str | None = None) -> Any:
    """The real command in a pseudo-terminal; `code` runs first (a test's sabotage)."""
    head = ["-m", "stappenplan"] if code is None else ["-c", code]
    return pexpect.spawn(
        sys.executable,
        [*head, "start", *args],
        env=env,
        cwd=str(cwd),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def answer(child: Any, question: str, keys: str, shown: str, *, several: bool = False) -> None:
    child.expect_exact(question)
    child.expect_exact(TICKING if several else ASKING)
    child.send(keys)
    child.expect_exact(f"Antwoord: {shown}")


def wait_for(child: Any, question: str) -> None:
    child.expect_exact(question)
    child.expect_exact(ASKING)


def finish(child: Any) -> tuple[int, str]:
    """Wait for the end: the exit code and everything shown since the last expect."""
    child.expect(pexpect.EOF)
    shown = ANSI.sub("", child.before).replace("\r\n", "\n")
    child.close()
    assert isinstance(child.exitstatus, int), child.signalstatus
    return child.exitstatus, shown


def unusable(kind: str, tmp_path: Path, env: dict[str, str]) -> None:
    """Make the data folder unusable in one of the ways the hostile test found."""
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map\n")
    if kind == "file":
        env["STAPPENPLAN_DATA_DIR"] = str(blocker)
    elif kind == "below-a-file":
        env["STAPPENPLAN_DATA_DIR"] = str(blocker / "data")
    else:  # a read-only home, the data folder in its default place
        del env["STAPPENPLAN_DATA_DIR"]
        home = Path(env["HOME"])
        home.mkdir()
        home.chmod(0o500)


@pytest.mark.parametrize(
    "kind",
    [
        "file",
        "below-a-file",
        pytest.param(
            "read-only-home",
            marks=pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere"),
        ),
    ],
)
def test_ctrl_c_with_an_unusable_data_folder_prints_the_answers_and_exits_130(
    env: dict[str, str], tmp_path: Path, kind: str
) -> None:
    """Ctrl-C with an unusable data folder says where, prints reusable answers, exits 130."""
    unusable(kind, tmp_path, env)
    child = spawn(env, tmp_path, "--steps", str(FIXTURE))
    answer(child, "Is er nu gevaar?", "2" + ENTER, "Nee")
    wait_for(child, "Tegen wie is het gericht?")
    child.send(CTRL_C)
    child.expect(r"De\s+antwoorden\s+konden\s+niet\s+bewaard\s+worden:")
    code, shown = finish(child)
    flat = " ".join(shown.split())  # messages wrap at the terminal's width
    assert code == 130
    assert "Interne fout" not in shown and "Traceback" not in shown
    assert str(tmp_path) in flat  # where it could not write
    assert "--answers antwoorden.yaml" in flat
    printed = shown.rsplit("antwoorden.yaml\n\n", 1)[1]
    assert yaml.safe_load(printed) == {"plan": "wizard-test", "answers": {"gevaar": "nee"}}
    kept = tmp_path / "antwoorden.yaml"
    kept.write_text(printed, encoding="utf-8")
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "stappenplan",
            "start",
            "--steps",
            str(FIXTURE),
            "--answers",
            str(kept),
            *REST,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert '"gevaar": "nee"' in again.stdout


def test_declining_an_earlier_session_then_ctrl_c_keeps_both(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Declining an earlier session and then pressing Ctrl-C saves beside it, not over it."""
    data = tmp_path / "data"
    interrupt_after_the_first_answer(env, tmp_path)
    earlier = (data / SESSION).read_bytes()

    child = spawn(env, tmp_path, "--steps", str(FIXTURE))
    child.expect_exact("Daarmee verder gaan?")
    child.send("2" + ENTER)
    child.expect_exact("niets wordt overschreven")
    answer(child, "Is er nu gevaar?", "1" + ENTER, "Ja")
    answer(child, "Tegen wie is het gericht?", "2" + ENTER, "Persoon twee")
    child.expect_exact("Wat is er gebeurd?")
    child.send(CTRL_C)
    child.expect_exact("niet overschreven")
    assert finish(child)[0] == 130
    assert (data / SESSION).read_bytes() == earlier
    second = data / "onderbroken-sessie-wizard-test.2.yaml"
    assert "gevaar: ja\n  wie: twee\n" in second.read_text(encoding="utf-8")

    # --resume continues the newest session and, interrupted again, writes only that one.
    child = spawn(env, tmp_path, "--steps", str(FIXTURE), "--resume")
    child.expect_exact("We gaan verder met de onderbroken sessie")
    child.expect_exact("Wat is er gebeurd?")
    child.send(CTRL_C)
    child.expect_exact(str(second))
    assert finish(child)[0] == 130
    assert (data / SESSION).read_bytes() == earlier
    assert {path.name for path in data.iterdir()} == {SESSION, second.name}


def test_another_plan_keeps_its_own_session(env: dict[str, str], tmp_path: Path) -> None:
    """An interrupted run of another plan leaves the first plan's session untouched."""
    other = tmp_path / "ander-plan"
    shutil.copytree(FIXTURE, other)
    replace_in(other, "00-plan.yaml", "id: wizard-test", "id: ander-plan")
    data = tmp_path / "data"
    for steps in (FIXTURE, other):
        child = spawn(env, tmp_path, "--steps", str(steps))
        answer(child, "Is er nu gevaar?", "2" + ENTER, "Nee")
        wait_for(child, "Tegen wie is het gericht?")
        child.send(CTRL_C)
        assert finish(child)[0] == 130
        if steps == FIXTURE:
            first = (data / SESSION).read_bytes()
    assert (data / SESSION).read_bytes() == first
    assert "plan: ander-plan" in (data / "onderbroken-sessie-ander-plan.yaml").read_text(
        encoding="utf-8"
    )


def test_sigterm_mid_wizard_saves_the_answers_and_exits_130(
    env: dict[str, str], tmp_path: Path
) -> None:
    """SIGTERM in the middle of the wizard saves the answers like Ctrl-C and exits 130."""
    child = spawn(env, tmp_path, "--steps", str(FIXTURE))
    answer(child, "Is er nu gevaar?", "2" + ENTER, "Nee")
    wait_for(child, "Tegen wie is het gericht?")
    child.kill(signal.SIGTERM)
    child.expect_exact("Onderbroken. Uw antwoorden tot nu toe zijn bewaard in")
    code, _ = finish(child)
    assert code == 130
    saved = tmp_path / "data" / SESSION
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "answers:\n  gevaar: nee\n" in saved.read_text(encoding="utf-8")


def test_an_output_folder_removed_before_the_end_keeps_the_answers(
    env: dict[str, str], tmp_path: Path
) -> None:
    """When the output cannot be written at the end, the answers are kept for --resume."""
    folder = tmp_path / "uit"
    folder.mkdir()
    child = spawn(env, tmp_path, "--steps", str(FIXTURE), "-f", "json", "-o", "uit/uitkomst.json")
    answer(child, "Is er nu gevaar?", "2" + ENTER, "Nee")
    answer(child, "Tegen wie is het gericht?", "1" + ENTER, "Persoon één")
    answer(child, "Wat is er gebeurd?", " " + ENTER, "Dreiging", several=True)
    answer(child, "Wilt u later evalueren?", "1" + ENTER, "Graag")
    child.expect_exact("Klaar: toon de uitkomst")
    folder.rmdir()
    child.send(ENTER)
    child.expect_exact("bestaat niet")
    child.expect_exact("Uw antwoorden tot nu toe zijn bewaard in")
    code, _ = finish(child)
    assert code == 1
    saved = yaml.safe_load((tmp_path / "data" / SESSION).read_text(encoding="utf-8"))
    assert saved["answers"] == {
        "gevaar": "nee",
        "wie": "een",
        "wat": ["dreiging"],
        "extra": "graag",
    }
    assert saved["open"] == []


SABOTAGE = """
from stappenplan.terminal import wizard
alarm = wizard.Session.alarm
def broken(self, step, answer):
    if step.id == "wie":
        raise RuntimeError("kapot")
    alarm(self, step, answer)
wizard.Session.alarm = broken
from stappenplan.cli.entry import main
main()
"""


def test_an_unexpected_error_after_the_first_answer_keeps_the_answers(
    env: dict[str, str], tmp_path: Path
) -> None:
    """An unexpected error in the wizard still leaves the answers so far in a session file."""
    child = spawn(env, tmp_path, "--steps", str(FIXTURE), code=SABOTAGE)
    answer(child, "Is er nu gevaar?", "2" + ENTER, "Nee")
    answer(child, "Tegen wie is het gericht?", "1" + ENTER, "Persoon één")
    child.expect_exact("Uw antwoorden tot nu toe zijn bewaard in")
    child.expect_exact("Interne fout in stappenplan (RuntimeError: kapot)")
    code, _ = finish(child)
    assert code == 1
    saved = yaml.safe_load((tmp_path / "data" / SESSION).read_text(encoding="utf-8"))
    assert saved["answers"] == {"gevaar": "nee", "wie": "een"}


def test_the_single_session_file_of_earlier_versions_is_still_continued(
    env: dict[str, str], tmp_path: Path
) -> None:
    """A session in the old single file is continued by --resume and saved back there."""
    data = tmp_path / "data"
    interrupt_after_the_first_answer(env, tmp_path)
    legacy = data / "onderbroken-sessie.yaml"
    (data / SESSION).rename(legacy)

    child = spawn(env, tmp_path, "--steps", str(FIXTURE), "--resume")
    child.expect_exact("We gaan verder met de onderbroken sessie")
    answer(child, "Tegen wie is het gericht?", "2" + ENTER, "Persoon twee")
    child.expect_exact("Wat is er gebeurd?")
    child.send(CTRL_C)
    child.expect_exact(str(legacy))
    assert finish(child)[0] == 130
    assert [path.name for path in data.iterdir()] == [legacy.name]
    assert "wie: twee" in legacy.read_text(encoding="utf-8")
