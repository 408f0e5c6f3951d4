"""The real program in a pseudo-terminal of 80x24: the 112 screen, and the outcome's first screen."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

TIMEOUT = 60
ENTER = "\r"
CHOOSE = "nog niets gekozen (pijltjes of nummer, dan Enter)"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\r")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PAGER", "LESS")}
    values.update(
        TERM="xterm",
        NO_COLOR="1",
        STAPPENPLAN_DATA_DIR=str(tmp_path / "data"),
        STAPPENPLAN_CACHE_DIR="",
        PYTHONIOENCODING="utf-8",
        PROMPT_TOOLKIT_NO_CPR="1",
    )
    return values


def spawn(env: dict[str, str], cwd: Path, *args: str) -> object:
    return pexpect.spawn(
        sys.executable,
        ["-m", "stappenplan", "start", *args],
        env=env,
        cwd=str(cwd),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def shown(child: object) -> str:
    return ANSI.sub("", child.before)  # type: ignore[attr-defined]


@pytest.mark.parametrize("plain", [False, True], ids=["normaal", "plain"])
def test_the_112_screen_comes_right_after_the_acute_answer(
    env: dict[str, str], tmp_path: Path, plain: bool
) -> None:
    child = spawn(env, tmp_path, *(["--plain"] if plain else []))
    child.expect_exact("Is er op dit moment iemand in acuut gevaar?")
    child.expect_exact("Uw keuze: " if plain else CHOOSE)
    child.send("1" + ENTER)
    child.expect_exact("ACUUT GEVAAR")
    child.expect_exact("Is iedereen veilig? Dan verder met de vragen")
    screen = shown(child)
    assert "Bel nu 112." in " ".join(screen.split())
    assert "gemeentehuis" not in screen  # the walk stopped at once: no next question yet
    child.send(ENTER)  # yes: go on
    child.expect_exact("Speelt het (ook) in of bij het gemeentehuis")
    child.expect_exact("Uw keuze" if plain else "(pijltjes of nummer, dan Enter)")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


ALL_BUT_AANGIFTE = {
    "acuut-gevaar": "nee",
    "gemeentehuis": "nee",
    "doelwit": "wethouder",
    "rijksdomein-persoon": "nee",
    "incident": "bedreiging,online-haat",
    "kanaal": "",
    "functie-relatie": "onbekend",
    "motief": "besluit-of-beleid",
    "dreiging-leven": "nee",
    "rijksdomein-criteria": "",
    "risicomoment": "nee",
    "gezin-betrokken": "nee",
    "dader-bekend": "nee",
}


@pytest.mark.skipif(shutil.which("less") is None, reason="needs less as the pager")
def test_the_first_screen_of_the_outcome_holds_the_verdict_and_nu_doen(
    env: dict[str, str], tmp_path: Path
) -> None:
    sets = [arg for key, value in ALL_BUT_AANGIFTE.items() for arg in ("--set", f"{key}={value}")]
    child = spawn(env, tmp_path, *sets, "--save", str(tmp_path / "antwoorden.yaml"))
    child.expect_exact("Is er al aangifte gedaan")
    child.expect_exact("3) Weet ik niet")  # pre-selected: it drops no action
    child.send("2" + ENTER)
    child.expect_exact("Klaar: toon de uitkomst")
    child.send(ENTER)
    # The outcome goes through less: what it shows before waiting is the first screen.
    child.expect_exact("WAT DOET WIE")
    first = "DOMEIN: " + shown(child).split("DOMEIN: ", 1)[1]
    lines = first.split("\n")
    assert lines[0].startswith("DOMEIN: LOKAAL")
    start = lines.index("NU DOEN")
    assert [line[:4] for line in lines[start + 1 : start + 6]] == [
        " 1. ",
        " 2. ",
        " 3. ",
        " 4. ",
        " 5. ",
    ]
    assert all(len(line) <= 80 for line in lines)
    assert child.isalive()  # less waits: the rest is on the next screens
    assert "BRONNEN" not in first
    child.send("q")
    child.expect_exact("Verslag bewaard:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
