"""Shared helpers: paths, a small plan, plan copies to break, and a CLI runner.

Test modules import the constants and `replace_in` from here (`from conftest import ...`).
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

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


def run_command(
    cwd: Path, *args: str, timeout: float = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    """The installed program in a separate process, without a terminal: no colour, UTF-8,
    a data folder of its own in `cwd`, none of the user's dossier or afspraken; `env` adds to
    (or overrides) the environment."""
    environment = {
        **os.environ,
        "NO_COLOR": "1",
        "TERM": "dumb",
        "STAPPENPLAN_DATA_DIR": str(cwd / "data"),
        "PYTHONIOENCODING": "utf-8",
    }
    environment.pop("STAPPENPLAN_DOSSIER", None)
    environment.pop("STAPPENPLAN_AFSPRAKEN", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "stappenplan", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def bench_module(name: str) -> ModuleType:
    """A module of bench/ (the plan generators), loaded from its file."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def terminal_environment(tmp_path: Path) -> dict[str, str]:
    """The environment for the program in a pseudo-terminal (pexpect): the terminal's own size,
    no colour, a data folder in `tmp_path`, none of the user's dossier, no pager."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(
        TERM="xterm",
        NO_COLOR="1",
        STAPPENPLAN_DATA_DIR=str(tmp_path / "data"),
        PYTHONIOENCODING="utf-8",
        # pexpect is no terminal emulator and never answers the cursor-position request
        # prompt_toolkit sends; without this, every prompt waits a second for the reply.
        PROMPT_TOOLKIT_NO_CPR="1",
        # The outcome is longer than 24 lines; the tests read it whole, not through less.
        PAGER="cat",
    )
    env.pop("STAPPENPLAN_DOSSIER", None)
    return env
