"""The command line: exit codes, messages, the JSON contract, files and scripted use."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI as MINI_DIR
from conftest import MINI_SET

MINI = str(MINI_DIR)
Cli = Callable[..., Any]


def test_help_is_dutch(cli: Cli) -> None:
    """The top-level help is in Dutch (headings, usage line, Typer's own options)."""
    result = cli("--help")
    assert result.code == 0
    assert "Gebruik: stappenplan [OPTIES] OPDRACHT" in result.out
    assert "Opdrachten:" in result.out and "Toon deze hulp en stop." in result.out
    assert "Usage" not in result.out and "Show this message" not in result.out


def test_start_help_is_dutch(cli: Cli) -> None:
    """The help of start is in Dutch, defaults and environment variables too."""
    result = cli("start", "--help")
    assert result.code == 0
    assert "--no-input" in result.out and "[standaard: text]" in result.out


def test_version(cli: Cli) -> None:
    """--version prints the version and exits 0."""
    result = cli("--version")
    assert result.code == 0 and result.out.startswith("stappenplan ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("start", "--bogus"), "Fout: onbekende optie '--bogus'."),
        (
            ("start", "--format", "xml"),
            "'xml' is niet toegestaan; kies uit 'text', 'markdown', 'json'",
        ),
        (("stat",), "Bedoelde u 'start'?"),
        (("test",), "ontbreekt: BESTAND..."),
        (("start", "--set", "wie"), "--set 'wie': gebruik de vorm ID=WAARDE"),
    ],
)
def test_usage_errors_exit_2_in_dutch(cli: Cli, args: tuple[str, ...], message: str) -> None:
    """Usage errors exit 2 in dutch."""
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_scripted_json_outcome_is_the_contract(cli: Cli) -> None:
    """Scripted json outcome is the contract."""
    result = cli("start", "--steps", MINI, *MINI_SET, "--no-input", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["plan", "answers", "assumed", "ignored", "path", "domain", "actions"]
    assert list(data["plan"]) == ["id", "version", "sha256"]
    assert list(data["domain"]) == [
        "verdict",
        "label",
        "authority",
        "reasons",
        "national_involvement",
    ]
    assert list(data["actions"][0]) == [
        "id",
        "title",
        "details",
        "responsible",
        "responsible_label",
        "urgency",
        "domain",
        "sources",
    ]
    assert list(data["actions"][0]["sources"][0]) == ["id", "ref"]
    assert data["domain"]["verdict"] == "landelijk"
    assert data["assumed"] == ["extra"]
    assert data["answers"]["wat"] == ["dreiging"]
    assert [a["id"] for a in data["actions"]] == ["bel-hulp", "meld-dreiging", "overleg-landelijk"]
    assert data["path"] == ["gevaar", "wie", "wat", "extra"]


def test_ignored_answers_are_listed(cli: Cli) -> None:
    """Ignored answers are listed."""
    result = cli("start", "--steps", MINI, *MINI_SET, "--set", "van-wie=een", "--format", "json")
    assert json.loads(result.out)["ignored"] == ["van-wie"]


def test_missing_answers_without_terminal_exit_1_listing_them(cli: Cli) -> None:
    """Missing answers without terminal exit 1 listing them."""
    result = cli("start", "--steps", MINI, "--set", "gevaar=nee")
    assert result.code == 1
    assert "Er ontbreken antwoorden" in result.err
    assert "wie: Wie? (toegestaan: een, twee, gezin)" in result.err
    assert "wat: Wat gebeurde er?" in result.err
    assert "extra" not in result.err  # it has a default
    assert result.out == ""


def test_answer_problems_exit_1_before_any_output(cli: Cli, tmp_path: Path) -> None:
    """Answer problems exit 1 before any output."""
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  wie: drie\n")
    result = cli("start", "--steps", MINI, "--answers", str(path), "--format", "json")
    assert result.code == 1
    assert result.out == ""
    assert (
        f"{path}:2: 'drie' is geen toegestane waarde voor 'wie'; toegestaan: een, twee, gezin"
        in result.err
    )


def test_answers_from_standard_input(cli: Cli) -> None:
    """Answers from standard input."""
    stdin = json.dumps({"answers": {"gevaar": "nee", "wie": "een", "wat": ["schade"]}})
    result = cli(
        "start", "--steps", MINI, "--answers", "-", "--no-input", "--format", "json", stdin=stdin
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["domain"]["verdict"] == "lokaal"


def test_output_is_private_and_not_overwritten_without_force(cli: Cli, tmp_path: Path) -> None:
    """Output is private and not overwritten without force."""
    target = tmp_path / "uitkomst.json"
    first = cli("start", "--steps", MINI, *MINI_SET, "-f", "json", "-o", str(target))
    assert first.code == 0 and first.out == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    before = target.read_text()
    second = cli(
        "start", "--steps", MINI, *MINI_SET, "--set", "gevaar=nee", "-f", "json", "-o", str(target)
    )
    assert second.code == 2 and "bestaat al" in second.err
    assert target.read_text() == before
    third = cli(
        "start",
        "--steps",
        MINI,
        *MINI_SET,
        "--set",
        "gevaar=nee",
        "-f",
        "json",
        "-o",
        str(target),
        "--force",
    )
    assert third.code == 0 and target.read_text() != before


def test_record_replays_to_the_same_outcome(cli: Cli, tmp_path: Path) -> None:
    """Record replays to the same outcome."""
    record = tmp_path / "verslag.yaml"
    first = cli("start", "--steps", MINI, *MINI_SET, "-f", "json", "--save", str(record))
    assert first.code == 0
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    text = record.read_text()
    for key in (
        "plan: mini",
        "stappenplan_version:",
        "plan_version: '1.0'",
        "plan_sha256:",
        "created:",
        "assumed:\n- extra",
    ):
        assert key in text
    replay = cli("start", "--steps", MINI, "--answers", str(record), "--no-input", "-f", "json")
    assert replay.code == 0, replay.err
    assert replay.out == first.out


def test_text_output_names_verdict_and_actions(cli: Cli) -> None:
    """Text output names verdict and actions."""
    result = cli("start", "--steps", MINI, *MINI_SET)
    assert result.code == 0
    assert "LANDELIJK (RIJKSDOMEIN)" in result.out
    assert "Bel hulp" in result.out and "Bode" in result.out
    assert "\x1b[" not in result.out


def test_validate_default_plan_is_clean(cli: Cli) -> None:
    """Validate default plan is clean."""
    result = cli("validate")
    assert result.code == 0, result.out
    assert "is in orde" in result.out


def _broken(tmp_path: Path, name: str, old: str, new: str) -> str:
    import shutil

    target = tmp_path / "plan"
    shutil.copytree(MINI, target)
    path = target / name
    path.write_text(path.read_text().replace(old, new, 1))
    return str(target)


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "10-steps.yaml",
            "    question: Wie?\n",
            "    question: Wie?\n    vraagje: x\n",
            "10-steps.yaml:12: steps[1].vraagje: onbekende sleutel 'vraagje'",
        ),
        (
            "10-steps.yaml",
            "    next: wie\n",
            "    next: [wie\n",
            "10-steps.yaml:10: YAML-syntaxfout",
        ),
        (
            "00-plan.yaml",
            "  start: gevaar\n",
            "  start: gevaar\n  start: wie\n",
            "00-plan.yaml:7: sleutel 'start' staat dubbel",
        ),
        (
            "10-steps.yaml",
            "    next: wat\n",
            "    next: wta\n",
            "10-steps.yaml:25: stap 'van-wie': onbekende volgende stap 'wta' [dangling-target]",
        ),
        (
            "10-steps.yaml",
            "    next: einde\n",
            "    next: wie\n",
            "10-steps.yaml:16: de routering loopt rond: wie → van-wie → wat → extra → wie [cycle]",
        ),
    ],
)
def test_validate_broken_plans_exit_1_with_file_line(
    cli: Cli, tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    """Validate broken plans exit 1 with file line."""
    plan = _broken(tmp_path, name, old, new)
    result = cli("validate", "--steps", plan)
    assert result.code == 1
    assert expected in result.out + result.err
    assert "Traceback" not in result.err


def test_validate_json(cli: Cli, tmp_path: Path) -> None:
    """validate --format json gives the problems as a stable JSON document."""
    plan = _broken(tmp_path, "10-steps.yaml", "    next: wat\n", "    next: wta\n")
    result = cli("validate", "--steps", plan, "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["ok"] is False
    assert data["problems"][0]["code"] == "dangling-target"
    assert data["problems"][0]["line"] == 25


def test_start_refuses_an_invalid_plan(cli: Cli, tmp_path: Path) -> None:
    """Start refuses an invalid plan."""
    plan = _broken(tmp_path, "10-steps.yaml", "    next: wat\n", "    next: wta\n")
    result = cli("start", "--steps", plan, *MINI_SET)
    assert result.code == 1 and "dangling-target" in result.err


def test_show_json_is_the_plan(cli: Cli) -> None:
    """show --format json is the plan's data with its fingerprint."""
    result = cli("show", "--steps", MINI, "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["plan"]["id"] == "mini" and len(data["sha256"]) == 64
    assert data["steps"][1]["next"][0]["when"] == {"wie": "gezin"}


def test_schema_describes_step_files(cli: Cli) -> None:
    """Schema describes step files."""
    result = cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert "required" not in schema
    assert {"plan", "steps", "actions", "verdict"} <= set(schema["properties"])
    assert schema["$defs"]["Step"]["additionalProperties"] is False


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}


def test_module_entry_point() -> None:
    """python -m stappenplan runs the command line."""
    result = subprocess.run(
        [sys.executable, "-m", "stappenplan", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert result.returncode == 0 and "Gebruik:" in result.stdout


def test_no_terminal_no_answers_does_not_hang() -> None:
    """No terminal no answers does not hang."""
    with Path(os.devnull).open() as devnull:
        result = subprocess.run(
            [sys.executable, "-m", "stappenplan", "start"],
            stdin=devnull,
            capture_output=True,
            text=True,
            timeout=60,
            env=_env(),
        )
    assert result.returncode == 1
    assert "Er ontbreken antwoorden" in result.stderr
    assert "acuut-gevaar" in result.stderr


def test_pipeline_with_standard_input() -> None:
    """Pipeline with standard input."""
    answers = Path(__file__).resolve().parents[1] / "examples" / "wethouder-dreigmail.yaml"
    if not answers.exists():
        pytest.skip("voorbeeldbestanden nog niet aanwezig")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "stappenplan",
            "start",
            "--answers",
            "-",
            "--no-input",
            "--format",
            "json",
        ],
        input=answers.read_text(),
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["domain"]["verdict"] == "lokaal"


def test_text_for_files_and_pipes_is_plain_lines(cli: Cli) -> None:
    """Text for files and pipes is plain lines."""
    result = cli("start", "--steps", MINI, *MINI_SET, "--set", "extra=ja")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "DOMEIN: LANDELIJK (RIJKSDOMEIN)"
    assert "  1. Bel hulp" in lines and "     Wie: Bode" in lines
    assert "Vandaag:" in lines and "Later:" in lines
    assert "  4. Evalueer later" in lines  # numbered on, across urgencies
    assert "     Bron: bron-b (afgeleid: controleren)" in lines
    assert not any(char in result.out for char in "─│╭╮╰╯┃━")


def test_unwritable_targets_are_refused_before_anything_is_asked(cli: Cli, tmp_path: Path) -> None:
    """Unwritable targets are refused before anything is asked."""
    existing = tmp_path / "verslag.yaml"
    existing.write_text("oud\n")
    # --output would be fine, --save is not: nothing at all is written.
    result = cli(
        "start",
        "--steps",
        MINI,
        *MINI_SET,
        "-o",
        str(tmp_path / "uit.json"),
        "--save",
        str(existing),
    )
    assert result.code == 2 and "bestaat al" in result.err
    assert not (tmp_path / "uit.json").exists()
    assert existing.read_text() == "oud\n"
    missing = cli("start", "--steps", MINI, "--save", str(tmp_path / "weg" / "v.yaml"))
    assert missing.code == 1 and "bestaat niet" in missing.err
    assert "Er ontbreken antwoorden" not in missing.err  # refused before the walk


def test_standard_input_is_read_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is read as bytes."""
    import io

    from stappenplan.cli.app import run

    data = b"\xef\xbb\xbfanswers: {wie: gezin, gevaar: nee, van-wie: een, wat: [schade]}\n"
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="ascii")  # a strict, wrong locale
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert run(["start", "--steps", MINI, "--answers", "-", "-f", "json"]) == 0, err.getvalue()
    assert json.loads(out.getvalue())["domain"]["verdict"] == "lokaal"
