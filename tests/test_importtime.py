"""What a run imports, read from `python -X importtime` (the same on every machine).

Scripted runs and `--help` never load the prompt libraries, and `--format json` and `--help`
do not load rich either: those imports would be most of their start-up time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

ANSWERS = REPO / "examples" / "wethouder-dreigmail.yaml"
PROMPTS = {"questionary", "prompt_toolkit"}


def _imported(tmp_path: Path, *args: str) -> set[str]:
    """The top-level packages a run of `stappenplan ARGS` imports; the run must succeed."""
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "stappenplan", *args],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "stappenplan.cli.app" in modules
    return {module.split(".")[0] for module in modules}


def test_scripted_json_run_imports_no_prompt_libraries_and_no_rich(tmp_path: Path) -> None:
    """A scripted JSON run loads neither the prompt libraries nor rich."""
    args = ("start", "--answers", str(ANSWERS), "--no-input", "--format", "json")
    imported = _imported(tmp_path, *args)
    assert not imported & (PROMPTS | {"rich"})


def test_scripted_text_run_imports_no_prompt_libraries(tmp_path: Path) -> None:
    """Scripted text run imports no prompt libraries."""
    imported = _imported(tmp_path, "start", "--answers", str(ANSWERS), "--no-input")
    assert not imported & PROMPTS


@pytest.mark.parametrize("args", [("--help",), ("start", "--help"), ("validate",)])
def test_help_and_validate_import_neither_prompts_nor_rich(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Help and validate import neither prompts nor rich."""
    imported = _imported(tmp_path, *args)
    assert not imported & (PROMPTS | {"rich"})


def test_help_imports_neither_yaml_nor_pydantic(tmp_path: Path) -> None:
    """Help imports neither yaml nor pydantic."""
    imported = _imported(tmp_path, "--help")
    assert not imported & {"yaml", "pydantic", "pydantic_core"}
