"""The real `stappenplan start` in a pseudo-terminal of 80x24: walk, back, review, Ctrl-C, resume."""

from __future__ import annotations

import json
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import terminal_environment

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

FIXTURE = Path(__file__).parent / "fixtures" / "wizard"
TIMEOUT = 60  # generous: the machines running the tests are shared
ENTER = "\r"
CTRL_C = "\x03"
ASKING = "(pijltjes of nummer, dan Enter)"
CHOOSING = "nog niets gekozen (pijltjes of nummer, dan Enter)"
TICKING = "(pijltjes, spatie: aan/uit, Enter: klaar)"


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    return terminal_environment(tmp_path)


class Session:
    """One run of the program in a pseudo-terminal, with small helpers to answer."""

    def __init__(self, env: dict[str, str], cwd: Path, *args: str) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "stappenplan", "start", "--steps", str(FIXTURE), *args],
            env=env,
            cwd=str(cwd),
            dimensions=(24, 80),
            encoding="utf-8",
            timeout=TIMEOUT,
        )

    def expect(self, text: str) -> None:
        self.child.expect_exact(text)

    def answer(self, question: str, keys: str, shown: str, *, several: bool = False) -> None:
        """Wait for the question and its list, type the keys, and wait for the answer line."""
        self.expect(question)
        self.expect(TICKING if several else ASKING)
        self.child.send(keys)
        self.expect(f"Antwoord: {shown}")

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        status = self.child.exitstatus
        assert isinstance(status, int)
        return status


@pytest.fixture
def run(terminal_env: dict[str, str], tmp_path: Path) -> Iterator[Any]:
    started: list[Session] = []

    def start(*args: str) -> Session:
        session = Session(terminal_env, tmp_path, *args)
        started.append(session)
        return session

    yield start
    for session in started:
        if session.child.isalive():
            session.child.terminate(force=True)


def outcome(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_full_walk_with_back_and_a_change_from_the_review(run: Any, tmp_path: Path) -> None:
    """Full walk with back and a change from the review."""
    result = tmp_path / "uitkomst.json"
    session = run("--format", "json", "--output", str(result))
    session.expect("Eerst veiligheid · vraag 1, nog ongeveer 3 vragen")
    session.answer("Is er nu gevaar?", "2" + ENTER, "Nee")
    session.answer("Tegen wie is het gericht?", "3" + ENTER, "Een gezinslid")
    session.expect("Van wie is het een gezinslid?")
    session.expect(ASKING)
    session.child.send("0" + ENTER)  # back
    session.expect("← Terug")
    session.answer("Tegen wie is het gericht?", "1" + ENTER, "Persoon één")
    session.answer("Wat is er gebeurd?", " " + ENTER, "Dreiging", several=True)
    session.answer("Wilt u later evalueren?", "2" + ENTER, "Liever niet")
    session.expect("Overzicht van uw antwoorden")
    session.expect("Tegen wie is het gericht? → Persoon één")
    session.expect("Klaar: toon de uitkomst")
    session.child.send("2" + ENTER)
    session.expect("Wie en wat · antwoord wijzigen")
    session.answer("Tegen wie is het gericht?", "2" + ENTER, "Persoon twee")
    session.expect("Tegen wie is het gericht? → Persoon twee")
    session.expect("Klaar: toon de uitkomst")
    session.child.send(ENTER)
    assert session.finish() == 0
    data = outcome(result)
    assert data["answers"] == {
        "gevaar": "nee",
        "wie": "twee",
        "wat": ["dreiging"],
        "extra": "liever-niet",
    }
    assert data["domain"]["verdict"] == "landelijk"
    assert [action["id"] for action in data["actions"]] == ["meld-dreiging", "overleg-landelijk"]


def answer_until_hoe_erg(session: Any) -> None:
    session.answer("Is er nu gevaar?", "1" + ENTER, "Ja")
    session.answer("Tegen wie is het gericht?", "2" + ENTER, "Persoon twee")
    session.answer("Wat is er gebeurd?", "1 2 " + ENTER, "Dreiging; Schade", several=True)


def answer_from_hoe_erg(session: Any) -> None:
    session.answer("Hoe groot is de schade?", "2" + ENTER, "Groot")
    session.answer("Wilt u later evalueren?", "1" + ENTER, "Graag")
    session.expect("Klaar: toon de uitkomst")
    session.child.send(ENTER)


def test_ctrl_c_then_resume_gives_the_same_outcome(run: Any, tmp_path: Path) -> None:
    """Ctrl c then resume gives the same outcome."""
    straight = tmp_path / "zonder-onderbreking.json"
    session = run("--format", "json", "--output", str(straight))
    answer_until_hoe_erg(session)
    answer_from_hoe_erg(session)
    assert session.finish() == 0

    resume_file = tmp_path / "data" / "onderbroken-sessie-wizard-test.yaml"
    session = run("--format", "json", "--output", str(tmp_path / "niet.json"))
    answer_until_hoe_erg(session)
    session.expect("Hoe groot is de schade?")
    session.expect(ASKING)
    session.child.send(CTRL_C)
    session.expect("Onderbroken. Uw antwoorden tot nu toe zijn bewaard in")
    session.expect("--resume")
    assert session.finish() == 130
    assert stat.S_IMODE(resume_file.stat().st_mode) == 0o600
    assert not (tmp_path / "niet.json").exists()

    resumed = tmp_path / "hervat.json"
    session = run("--resume", "--format", "json", "--output", str(resumed))
    session.expect("We gaan verder met de onderbroken sessie")
    answer_from_hoe_erg(session)
    session.expect("Verwijderen?")
    session.child.send(ENTER)
    session.expect("Verwijderd.")
    assert session.finish() == 0
    assert outcome(resumed) == outcome(straight)
    assert outcome(resumed)["domain"]["verdict"] == "landelijk"
    assert not resume_file.exists()


CORE = {
    "acuut-gevaar": "nee",
    "doelwit": "wethouder",
    "rijksdomein-persoon": "nee",
    "incident": "bedreiging",
    "dreiging-leven": "nee",
    "motief": "onbekend",
    "rijksdomein-criteria": "",
    "aangifte": "nee",
}


def test_default_plan_asks_only_what_is_missing_and_matches_a_scripted_run(
    terminal_env: dict[str, str], tmp_path: Path
) -> None:
    """The packaged plan: the core questions come from --set; every other question is
    accepted with Enter. What Enter takes never drops an action: the outcome holds every
    action of the --no-input run (which assumes the plan's defaults), and maybe more."""
    sets = [arg for key, value in CORE.items() for arg in ("--set", f"{key}={value}")]
    interactive, scripted = tmp_path / "interactief.json", tmp_path / "script.json"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "stappenplan", "start", *sets, "--format", "json", "--output", str(interactive)],
        env=terminal_env,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    asked = chosen = 0
    while found := child.expect_exact(["Overzicht van uw antwoorden", CHOOSING, ASKING, TICKING]):
        asked += 1
        # Nothing preselected (the plan's default would drop an action): the user must choose;
        # the first answer of these yes/no questions is 'Ja'.
        chosen += found == 1
        child.send("1" + ENTER if found == 1 else ENTER)
        assert asked < 30, "the wizard keeps asking"
    child.expect_exact("Klaar: toon de uitkomst")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert asked >= 1  # the plan has questions beyond the public core ones
    script = subprocess.run(
        [
            sys.executable,
            "-m",
            "stappenplan",
            "start",
            *sets,
            "--no-input",
            "--format",
            "json",
            "--output",
            str(scripted),
        ],
        env=terminal_env,
        cwd=tmp_path,
        timeout=TIMEOUT,
        capture_output=True,
        check=False,
    )
    assert script.returncode == 0, script.stderr
    walked, expected = outcome(interactive), outcome(scripted)
    assert walked["assumed"] == []  # everything was asked and confirmed
    assert walked["domain"] == expected["domain"]
    assert {a["id"] for a in walked["actions"]} >= {a["id"] for a in expected["actions"]}
    assert walked["domain"]["verdict"] == "lokaal"


def test_a_closed_terminal_saves_progress(run: Any, tmp_path: Path) -> None:
    """A closed terminal saves progress."""
    session = run()
    session.answer("Is er nu gevaar?", "2" + ENTER, "Nee")
    session.expect("Tegen wie is het gericht?")
    session.expect(ASKING)
    session.child.kill(signal.SIGHUP)
    assert session.finish() == 130
    saved = (tmp_path / "data" / "onderbroken-sessie-wizard-test.yaml").read_text(encoding="utf-8")
    assert "answers:\n  gevaar: nee\n" in saved
