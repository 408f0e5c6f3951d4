"""Shared helpers: paths, a small plan, plan copies to break, and a CLI runner.

Test modules import the constants and `replace_in` from here (`from conftest import ...`).
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
REPO = Path(__file__).resolve().parents[1]
MINI_SET = ("--set", "gevaar=ja", "--set", "wie=twee", "--set", "wat=dreiging")
"""Answers to every question of the small test plan, as --set options."""


def replace_in(folder: Path, name: str, old: str, new: str) -> None:
    """Change the first `old` in a file of a plan copy into `new` (which must be there)."""
    path = folder / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministic output: no colour, a dumb terminal, a fixed width."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")
    # No user's dossier: `start` in a terminal offers to register only where one exists.
    monkeypatch.delenv("STAPPENPLAN_DOSSIER", raising=False)


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test plan."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the command line in-process with the given arguments and standard input."""
    from stappenplan.cli.app import run

    def invoke(*args: str, stdin: str = "") -> Result:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = run(list(args))
        return Result(code, out.getvalue(), err.getvalue())

    return invoke
