"""Hostile files for `dossier import`, read through the same bounded reader as a plan: deep
nesting, too many bytes (from a file or a stream), and JSON errors in Dutch; and JSON errors
in a plan carry the problem code `json`. Every test runs the real command in a process."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import MINI, run_command
from stappenplan.plan.reading import MAX_DOCUMENT_BYTES

TIMEOUT = 30


def stappenplan(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The program in a separate process, with a dossier of its own in `cwd`."""
    return run_command(cwd, *args, timeout=TIMEOUT, STAPPENPLAN_DOSSIER=str(cwd / "dossier.sqlite"))


def assert_refused(result: subprocess.CompletedProcess[str], expected: str) -> None:
    """Exit 1 with the Dutch message, and no internal error."""
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr
    for internal in ("Traceback", "Interne fout", "RecursionError", "MemoryError", "Error:"):
        assert internal not in result.stderr
    assert len(result.stderr) < 400


def test_import_of_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    """dossier import of JSON nested 100,000 levels deep: the nesting message with the line."""
    (tmp_path / "diep.json").write_text(
        '{"format": "stappenplan-dossier",\n "cases": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    result = stappenplan(tmp_path, "dossier", "import", "diep.json")
    assert_refused(result, "diep.json:2: te diep genest (meer dan 64 niveaus)")


def test_import_of_an_oversized_file_is_refused(tmp_path: Path) -> None:
    """dossier import of a file beyond the 4 MiB bound is refused before it is read."""
    padding = " " * (MAX_DOCUMENT_BYTES + 1)
    (tmp_path / "groot.json").write_text('{"format": "stappenplan-dossier"' + padding + "}")
    result = stappenplan(tmp_path, "dossier", "import", "groot.json")
    assert_refused(result, "groot.json: bestand is te groot (4.194.338 bytes; maximaal 4.194.304)")


def test_import_from_an_endless_stream_reads_no_more_than_the_bound(tmp_path: Path) -> None:
    """dossier import from a FIFO that offers more than 4 MiB stops at the bound, exit 1."""
    fifo = tmp_path / "stroom.json"
    os.mkfifo(fifo)
    written = 0

    def feed() -> None:
        nonlocal written
        chunk = b" " * 65536
        try:
            with fifo.open("wb") as stream:
                while written < 4 * MAX_DOCUMENT_BYTES:
                    stream.write(chunk)
                    written += len(chunk)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = stappenplan(tmp_path, "dossier", "import", "stroom.json")
    writer.join(TIMEOUT)
    assert_refused(result, "stroom.json: invoer is te groot (maximaal 4.194.304 bytes)")
    assert written < 2 * MAX_DOCUMENT_BYTES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"format": "stappenplan-dossier"}\n{"x": 1}',
            "x.json:2: JSON-syntaxfout (kolom 1): na het einde",
        ),
        (
            '{"format": "stappenplan-dossier",\n}',
            "x.json:2: JSON-syntaxfout (kolom 1): hier wordt een sleutel",
        ),
        ('{"format": 1,\n "format": 2}', "x.json: sleutel 'format' staat dubbel"),
        ("", "x.json: het bestand is leeg"),
    ],
    ids=["extra-data", "trailing-comma", "duplicate-key", "empty"],
)
def test_import_json_errors_are_dutch(tmp_path: Path, text: str, expected: str) -> None:
    """The JSON errors of an export read as a plan's do: in Dutch, with the line."""
    (tmp_path / "x.json").write_text(text)
    result = stappenplan(tmp_path, "dossier", "import", "x.json")
    assert_refused(result, expected)
    for english in ("Extra data", "Expecting", "delimiter", "geen geldige JSON (fout bij"):
        assert english not in result.stderr


def test_a_json_syntax_error_in_a_plan_has_the_code_json(tmp_path: Path) -> None:
    """A plan file that is read as JSON and is not valid JSON is a `json` problem, not `yaml`."""
    plan = tmp_path / "plan.yaml"
    plan.write_text('{"plan": "\\ud83d\\ude00",\n}')
    result = stappenplan(tmp_path, "validate", "--steps", str(plan))
    assert result.returncode == 1
    assert f"{plan}:2: JSON-syntaxfout" in result.stderr
    assert result.stderr.rstrip().endswith("[json]")
    deep = tmp_path / "diep.yaml"
    deep.write_text('{"plan": "\\ud83d\\ude00", "x": ' + "[" * 100 + "]" * 100 + "}")
    result = stappenplan(tmp_path, "validate", "--steps", str(deep), "--format", "json")
    assert result.returncode == 1
    codes = [problem["code"] for problem in json.loads(result.stdout)["problems"]]
    assert codes == ["json"], result.stdout


def test_a_yaml_plan_error_keeps_the_code_yaml(tmp_path: Path) -> None:
    """A YAML syntax error still carries the code `yaml`."""
    plan = tmp_path / "plan.yaml"
    plan.write_text((MINI / "00-plan.yaml").read_text() + "  kapot: [\n")
    result = stappenplan(tmp_path, "validate", "--steps", str(plan))
    assert result.returncode == 1
    assert "YAML-syntaxfout" in result.stderr
    assert result.stderr.rstrip().endswith("[yaml]")
