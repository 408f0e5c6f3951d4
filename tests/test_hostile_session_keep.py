"""Hostile round two, review: the one Keeper keeps the answers in the save dialog, with a data
folder whose name is too long, and whatever goes wrong while saving; Ctrl-C inside a string
`exec` during the import does not turn `python -m stappenplan` into a death by SIGINT.

The real command runs in a pseudo-terminal or as a subprocess.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminal and signals")

FIXTURE = Path(__file__).parent / "fixtures" / "wizard"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]")
PLAIN_ANSWERS = (
    ("Is er nu gevaar?", "2"),
    ("Tegen wie is het gericht?", "1"),
    ("Wat is er gebeurd?", "1"),
    ("Wilt u later evalueren?", "1"),
)
ALL_ANSWERS = {"gevaar": "nee", "wie": "een", "wat": ["dreiging"], "extra": "graag"}
SAVE_DIALOG = "Het verslag opslaan"


NOBODY = 65534
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
"""Run as root, the test runs the command as another user: root may search any folder."""


def spawn(tmp_path: Path, data: str, *, code: str | None = None, nobody: bool = False) -> Any:
    """`stappenplan start --plain` in a pseudo-terminal, its data folder `data` (`nobody`:
    as user nobody)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(
        TERM="xterm",
        NO_COLOR="1",
        HOME=str(tmp_path / "home"),
        STAPPENPLAN_DATA_DIR=data,
        PYTHONIOENCODING="utf-8",
        PAGER="cat",
    )
    head = ["-m", "stappenplan"] if code is None else ["-c", code]
    command = [
        *(AS_NOBODY if nobody else []),
        sys.executable,
        *head,
        *("start", "--steps", str(FIXTURE), "--plain", "--no-pager"),
    ]
    return pexpect.spawn(
        command[0],
        command[1:],
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 200),
        encoding="utf-8",
        timeout=60,
    )


def answer(child: Any, count: int) -> None:
    """Give the first `count` answers of the fixture plan at its plain prompts."""
    for question, choice in PLAIN_ANSWERS[:count]:
        child.expect_exact(question)
        child.expect_exact("Uw keuze")
        child.sendline(choice)


def finish(child: Any) -> tuple[int, str]:
    """The exit code and everything shown since the last expect."""
    child.expect(pexpect.EOF)
    shown = ANSI.sub("", child.before).replace("\r\n", "\n")
    child.close()
    assert isinstance(child.exitstatus, int), child.signalstatus
    return child.exitstatus, shown


def ctrl_c_at_the_second_question(child: Any) -> tuple[int, str]:
    """Answer the first question, press Ctrl-C at the second; the exit code and what was shown."""
    answer(child, 1)
    child.expect_exact("Tegen wie is het gericht?")
    child.expect_exact("Uw keuze")
    child.sendcontrol("c")
    return finish(child)


def printed_answers(shown: str) -> Any:
    """The answer file printed after 'De antwoorden konden niet bewaard worden'."""
    assert "De antwoorden konden niet bewaard worden: " in flat(shown), shown
    return yaml.safe_load(shown.rsplit("antwoorden.yaml\n\n", 1)[1])


def flat(shown: str) -> str:
    """The text with its lines joined: messages wrap at the terminal's width."""
    return " ".join(shown.split())


def test_ctrl_c_in_the_save_dialog_with_an_unusable_data_folder_prints_the_answers(
    tmp_path: Path,
) -> None:
    """Ctrl-C at 'Het verslag opslaan?' with a file as data folder prints the answers, 130."""
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map\n")
    child = spawn(tmp_path, str(blocker))
    answer(child, 4)
    child.expect_exact("Klaar: toon de uitkomst")
    child.expect_exact("Uw keuze")
    child.sendline("")
    child.expect_exact(SAVE_DIALOG)
    child.expect_exact("Uw keuze")
    child.sendcontrol("c")
    code, shown = finish(child)
    assert code == 130
    assert f"{blocker}: dit is geen map" in flat(shown)
    assert "Interne fout" not in shown and "Traceback" not in shown
    assert printed_answers(shown) == {"plan": "wizard-test", "answers": ALL_ANSWERS}
    assert blocker.read_text() == "geen map\n"


def test_sigterm_in_the_save_dialog_keeps_the_answers_for_resume(tmp_path: Path) -> None:
    """SIGTERM at 'Het verslag opslaan?' saves the answers in a session file, like Ctrl-C."""
    data = tmp_path / "data"
    child = spawn(tmp_path, str(data))
    answer(child, 4)
    child.expect_exact("Klaar: toon de uitkomst")
    child.expect_exact("Uw keuze")
    child.sendline("")
    child.expect_exact(SAVE_DIALOG)
    child.expect_exact("Uw keuze")
    child.kill(signal.SIGTERM)
    child.expect_exact("Onderbroken. Uw antwoorden tot nu toe zijn bewaard in")
    code, _ = finish(child)
    assert code == 130
    saved = yaml.safe_load((data / "onderbroken-sessie-wizard-test.yaml").read_text("utf-8"))
    assert saved["answers"] == ALL_ANSWERS and saved["open"] == []


def test_ctrl_c_with_a_data_folder_name_too_long_prints_the_answers(tmp_path: Path) -> None:
    """A 300-character data folder name (ENAMETOOLONG, also as root): a Dutch reason, the
    answers printed, exit 130, no internal error."""
    data = tmp_path / ("d" * 300)  # its parent exists: the name itself is refused
    child = spawn(tmp_path, str(data))
    code, shown = ctrl_c_at_the_second_question(child)
    assert code == 130
    assert "Interne fout" not in shown and "Errno" not in shown, shown
    assert "kan de map niet maken (" in flat(shown)
    assert printed_answers(shown) == {"plan": "wizard-test", "answers": {"gevaar": "nee"}}


@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="as root, needs setpriv to run as another user",
)
def test_ctrl_c_with_a_data_folder_below_an_unsearchable_folder_prints_the_answers() -> None:
    """A data folder below a folder that may not be searched (EACCES): the answers printed."""
    nobody = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="stappenplan-"))  # not in tmp_path: nobody must reach it
    try:
        base.chmod(0o777)
        closed = base / "dicht"
        closed.mkdir()
        closed.chmod(0)
        child = spawn(base, str(closed / "data"), nobody=nobody)
        code, shown = ctrl_c_at_the_second_question(child)
    finally:
        (base / "dicht").chmod(0o700)
        shutil.rmtree(base)
    assert code == 130
    assert "Interne fout" not in shown and "Permission" not in shown, shown
    assert "geen toestemming" in flat(shown)
    assert printed_answers(shown) == {"plan": "wizard-test", "answers": {"gevaar": "nee"}}


BROKEN_SAVE = """
from stappenplan.terminal import keep
def broken(*args, **kwargs):
    raise RuntimeError("kapot")
keep.save_progress = broken
from stappenplan.cli.entry import main
main()
"""


def test_whatever_goes_wrong_while_saving_the_answers_are_printed(tmp_path: Path) -> None:
    """An unexpected error while saving the session still shows the answers, exit 130."""
    child = spawn(tmp_path, str(tmp_path / "data"), code=BROKEN_SAVE)
    code, shown = ctrl_c_at_the_second_question(child)
    assert code == 130
    assert "Interne fout" not in shown and "Traceback" not in shown, shown
    assert "onverwachte fout (RuntimeError)" in flat(shown)
    assert printed_answers(shown) == {"plan": "wizard-test", "answers": {"gevaar": "nee"}}


# A Ctrl-C that lands inside a string exec while the app is imported (the dataclasses module
# builds methods that way): the import of stappenplan.cli.app stops exactly like that here.
INTERRUPTED_IMPORT = """
import importlib.abc
import importlib.util
import sys
import tempfile


class Interrupting(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name == "stappenplan.cli.app":
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec("raise KeyboardInterrupt")


sys.meta_path.insert(0, Interrupting())
from stappenplan.cli.entry import main

main()
"""


def test_ctrl_c_inside_a_string_exec_during_the_import_exits_130_under_python_m(
    tmp_path: Path,
) -> None:
    """Under `python -m`, Ctrl-C inside exec() during the import: exit 130, not death by SIGINT."""
    (tmp_path / "interrupted_import.py").write_text(INTERRUPTED_IMPORT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "interrupted_import"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False,
        timeout=60,
    )
    assert done.returncode == 130, (done.returncode, done.stderr)
    assert done.stderr.strip() == "Afgebroken."
