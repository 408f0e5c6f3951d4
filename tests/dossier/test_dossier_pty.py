"""The wizard in a real pseudo-terminal: after the outcome it offers to register the case."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from dossier.dossier_cases import NOW, new_case
from stappenplan.dossier.store import open_register

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

GIVEN = {
    "acuut-gevaar": "nee",
    "doelwit": "wethouder",
    "rijksdomein-persoon": "nee",
    "incident": "bedreiging",
    "dreiging-leven": "nee",
    "motief": "persoonlijk",
    "rijksdomein-criteria": "",
}


def test_the_wizard_offers_to_register_and_recognises_the_offender(
    sqlite_location: str, tmp_path: Path
) -> None:
    register = open_register(sqlite_location)
    register.register(new_case(label="Afzender dreigmail"), now=NOW)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="dumb", NO_COLOR="1", STAPPENPLAN_DATA_DIR=str(tmp_path / "data"))
    args = ["-m", "stappenplan", "start", "--plain"]
    for key, value in GIVEN.items():
        args += ["--set", f"{key}={value}"]
    child = pexpect.spawn(
        sys.executable,
        args,
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 100),
    )
    # The questions the plan still asks: the default where there is one, else the second
    # choice ('nee' in this plan), until the offers after the outcome.
    for _ in range(40):
        found = child.expect([r"Uw keuze \[Enter = \d+\]: ", "verslag opslaan", r"Uw keuze: "])
        if found == 1:
            break
        child.sendline("" if found == 0 else "2")
    else:
        pytest.fail("the wizard did not reach the outcome")
    child.sendline("2")
    child.expect("antwoorden opslaan")
    child.sendline("2")
    child.expect("In het dossier registreren")
    child.sendline("1")
    child.expect("Datum en tijd van het incident")
    child.sendline("2026-03-04 09:15")
    child.expect("Kenmerk")
    child.sendline("Z/2026/31")
    child.expect("omschrijving")
    child.sendline("")
    child.expect("Label voor de dader")
    child.sendline("afzender  DREIGMAIL")
    child.expect("Geregistreerd in het dossier als zaak 2")
    child.expect("1 eerdere zaak met dit daderlabel")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    case = open_register(sqlite_location).case(2)
    assert (case.reference, case.incident_at[:16], case.target) == (
        "Z/2026/31",
        "2026-03-04T09:15",
        "wethouder",
    )
