"""Hostile plans, round two: work that grows too fast, deep JSON, and no plan cache.

Every test runs the real command in a separate process. The timeouts are a generous guard
only: a regression to minutes of work fails, a slow machine does not.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINI, MINI_SET, REPO, bench_module

GUARD = 60
"""Seconds a command may take before the test calls it a regression (it takes about one)."""


ADVERSARIAL = bench_module("adversarial")


def _run(
    *argv: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stappenplan", *argv],
        capture_output=True,
        text=True,
        timeout=GUARD,
        env=env or {**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An adversarial plan with 1,000 verdict rules, 1,000 conditional actions and 100
    involvement rules over three questions of 57 answers."""
    return ADVERSARIAL.write_adversarial(tmp_path_factory.mktemp("vijandig") / "plan", 1000)


def test_validate_of_an_adversarial_plan_finishes(large: Path) -> None:
    """validate on 1,000 combining rules finishes, valid, and says the table was too large to analyse."""
    result = _run("validate", "--steps", str(large), cwd=large.parent)
    assert result.returncode == 0, result.stderr
    assert "is in orde: 3 vragen, 1000 acties, 1001 verdict-regels" in result.stdout
    assert "[verdict-not-analysed]" in result.stdout
    assert "is meer dan 10.000.000 stappen" in result.stdout


@pytest.mark.parametrize("number", [0, 637, 999])
def test_start_on_an_adversarial_plan_gives_the_rule_of_the_answers(
    large: Path, tmp_path: Path, number: int
) -> None:
    """start --answers and --set on 1,000 combining rules finish with the rule the answers pick."""
    first, second, third = ADVERSARIAL.triple(number)
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(f"answers: {{eerste: {first}, tweede: {second}, derde: {third}}}\n")
    by_file = _run(
        *("start", "--steps", str(large), "--no-input", "--format", "json"),
        *("--answers", str(answers)),
        cwd=tmp_path,
    )
    by_set = _run(
        *("start", "--steps", str(large), "--no-input", "--format", "json"),
        *("--set", f"eerste={first}", "--set", f"tweede={second}", "--set", f"derde={third}"),
        cwd=tmp_path,
    )
    for result in (by_file, by_set):
        assert result.returncode == 0, result.stderr
        domain = json.loads(result.stdout)["domain"]
        assert domain["verdict"] == ADVERSARIAL.expected_verdict(number)
        assert domain["authority"] == f"Instantie {number}"


def repeat_rule_3(plan: Path) -> None:
    """Add a copy of verdict rule 'regel-3', named 'kopie', at the end of the plan's table."""
    table = plan / "30-oordeel.yaml"
    text = table.read_text()
    copy = text[text.index("    - id: regel-3\n") : text.index("    - id: regel-4\n")]
    table.write_text(
        text.replace("  default:\n", copy.replace("regel-3", "kopie") + "  default:\n")
    )


def test_a_small_adversarial_table_is_still_analysed(tmp_path: Path) -> None:
    """With few rules the table is checked in full: a rule no answer reaches is an error."""
    plan = ADVERSARIAL.write_adversarial(tmp_path / "plan", 10)
    repeat_rule_3(plan)
    result = _run("validate", "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 1
    assert "verdict-regel 'kopie' kan nooit als eerste passen" in result.stdout
    assert "[verdict-not-analysed]" not in result.stdout


def test_a_repeated_rule_in_a_large_table_is_still_found(large: Path, tmp_path: Path) -> None:
    """Too large to analyse in full, a rule repeating an earlier rule's condition is an error."""
    plan = tmp_path / "plan"
    plan.mkdir()
    for path in large.iterdir():
        (plan / path.name).write_text(path.read_text())
    repeat_rule_3(plan)
    result = _run("validate", "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 1
    assert "[verdict-not-analysed]" in result.stdout
    assert (
        "verdict-regel 'kopie' heeft dezelfde voorwaarde als de eerdere regel 'regel-3'"
        in result.stdout
    )


def _mini_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    plan = tmp_path / "plan"
    plan.mkdir()
    for path in MINI.iterdir():
        (plan / path.name).write_text(path.read_text())
    text = (plan / name).read_text()
    assert old in text
    (plan / name).write_text(text.replace(old, new, 1))
    return plan


def test_a_question_with_too_many_answers_is_refused(tmp_path: Path) -> None:
    """A question beyond the bound on answers is refused with plan-too-large, exit 1."""
    choices = "".join(f"      - {{value: k{n}, label: K{n}}}\n" for n in range(201))
    plan = _mini_with(
        tmp_path, "10-steps.yaml", "      - {value: laster, label: Laster}\n", choices
    )
    for argv in (("validate",), ("start", "--no-input", *MINI_SET)):
        result = _run(*argv, "--steps", str(plan), cwd=tmp_path)
        assert result.returncode == 1
        assert "Het plan is te groot." in result.stderr
        assert "heeft 203 antwoorden (choices), maximaal 200" in result.stderr
        assert "10-steps.yaml:" in result.stderr
        assert "[plan-too-large]" in result.stderr
        assert "Traceback" not in result.stderr


def test_too_many_verdict_rules_and_a_huge_condition_are_refused(tmp_path: Path) -> None:
    """10,001 verdict rules and a condition of over 1,000 parts: plan-too-large, as data too."""
    rules = "".join(
        f"    - {{id: r{n}, when: {{wie: twee}}, verdict: lokaal, authority: A, reasons: [r]}}\n"
        for n in range(10_001)
    )
    huge = "{wie: {any: [" + ", ".join(["twee"] * 1000) + "]}}"
    plan = _mini_with(tmp_path, "30-verdict.yaml", "  rules:\n", "  rules:\n" + rules)
    text = (plan / "30-verdict.yaml").read_text()
    (plan / "30-verdict.yaml").write_text(text.replace("when: {wie: gezin}", f"when: {huge}"))
    result = _run("validate", "--steps", str(plan), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert [problem["code"] for problem in problems] == ["plan-too-large"] * 2
    assert "10.003 verdict-regels, maximaal 10.000" in problems[0]["message"]
    assert "een voorwaarde heeft 1.003 onderdelen, maximaal 1.000" in problems[1]["message"]
    assert all(problem["file"].endswith("30-verdict.yaml") for problem in problems)


def test_the_bounds_are_documented() -> None:
    """Every bound of plan/limits.py appears, as a Dutch number, in the plan writers' guide."""
    from stappenplan.plan import limits

    guide = (REPO / "docs" / "plan-schrijven.md").read_text()
    section = guide[guide.index("## Grenzen") : guide.index("## Het standaardplan")]
    bounds = [
        value.maximum if isinstance(value, limits.Limit) else value
        for name, value in vars(limits).items()
        if name.startswith("MAX_") and name != "MAX_PLAN_BYTES"
    ]
    assert len(bounds) >= 10
    for bound in bounds:
        assert f"| {limits.dutch_number(bound)}" in section or (
            f" {limits.dutch_number(bound)} " in section
        ), bound
    assert f"| {limits.MAX_PLAN_BYTES // 2**20} MB" in section


def test_the_wizard_on_a_long_plan_without_defaults_asks_at_once(tmp_path: Path) -> None:
    """The wizard's pre-selection on 10,000 questions without defaults takes a walk, not 10,000."""
    pexpect = pytest.importorskip("pexpect")
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    plan = generate.write_plan(tmp_path / "plan", 10_000)
    for path in plan.glob("10-vragen-*.yaml"):
        text = path.read_text().replace("    kind: several\n", "    kind: one\n")
        text = "".join(
            line for line in text.splitlines(True) if not line.startswith("    default:")
        )
        path.write_text(text)
    first = plan / "10-vragen-001.yaml"  # one default, so that pre-selection compares outcomes
    first.write_text(
        first.read_text().replace("    kind: one\n", "    kind: one\n    default: nee\n", 1)
    )
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", PAGER="cat")
    env.update(STAPPENPLAN_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "stappenplan", "start", "--steps", str(plan)],
        env=env,
        cwd=str(tmp_path),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=GUARD,
    )
    child.expect_exact("Vraag 1, wat is er gebeurd?")
    child.expect_exact("(pijltjes of nummer, dan Enter)")
    child.send("1\r")
    child.expect_exact("Vraag 2, wat is er gebeurd?")
    child.expect_exact("(pijltjes of nummer, dan Enter)")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


# --- JSON plans ------------------------------------------------------------------------------


def _json_plan(tmp_path: Path, depth: int) -> Path:
    """The small test plan as one JSON file with a condition nested `depth` levels deep, and an
    escaped emoji (a surrogate pair) that the YAML reader refuses, so that JSON reads it."""
    data: dict[str, Any] = {}
    for path in sorted(MINI.iterdir()):
        for key, value in yaml.safe_load(path.read_text()).items():
            if isinstance(value, list):
                data.setdefault(key, []).extend(value)
            else:
                data[key] = value
    data["verdict"]["rules"][0]["when"] = "DIEP"
    data["plan"]["title"] += " \U0001f600"
    deep = '{"not": ' * depth + '{"wie": "gezin"}' + "}" * depth
    target = tmp_path / "plan.json.yaml"
    target.write_text(json.dumps(data, default=str, indent=1).replace('"DIEP"', deep))
    assert "\\ud83d\\ude00" in target.read_text()
    return target


@pytest.mark.parametrize("command", ["show", "start"])
def test_deeply_nested_json_plan_is_refused_with_file_and_line(
    tmp_path: Path, command: str
) -> None:
    """A JSON plan nested 980 levels deep gives the nesting message, not a RecursionError."""
    plan = _json_plan(tmp_path, 980)
    argv = ("start", "--no-input", *MINI_SET) if command == "start" else ("show",)
    result = _run(*argv, "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert f"{plan}:" in result.stderr
    assert "te diep genest (meer dan 64 niveaus)" in result.stderr


def test_a_json_plan_within_the_nesting_limit_still_loads(tmp_path: Path) -> None:
    """The same JSON plan with modest nesting is read through the JSON path and works."""
    plan = _json_plan(tmp_path, 20)
    result = _run("start", "--no-input", *MINI_SET, "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('{"plan": 1}\n{"x": 2}', 2, "na het einde van de JSON-waarde staat nog tekst"),
        ('{"plan": "\\ud83d\\ude00",\n}', 2, "een sleutel tussen dubbele aanhalingstekens"),
        ('{"plan": "\\ud83d\\ude00"\n "x": 1}', 2, "er ontbreekt een ',' tussen twee onderdelen"),
    ],
    ids=["extra-data", "trailing-comma", "missing-comma"],
)
def test_json_syntax_errors_are_dutch(tmp_path: Path, text: str, line: int, expected: str) -> None:
    """Errors of the JSON reader reach the user in Dutch, with file and line."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(text)
    result = _run("validate", "--steps", str(plan), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{plan}:{line}: JSON-syntaxfout" in result.stderr
    assert expected in result.stderr
    for english in ("Extra data", "Expecting", "delimiter", "enclosed"):
        assert english not in result.stderr


# --- no plan cache ---------------------------------------------------------------------------


def _old_cache_key(files_sha256: str, origin: str) -> str:
    """The entry name the removed plan cache used (format 1; the code files as they are now)."""
    import stappenplan
    from stappenplan.plan import loader

    digest = hashlib.sha256(f"1\0{stappenplan.__version__}\0{origin}\0{files_sha256}".encode())
    for name in ("model.py", "conditions.py", "documents.py", "loader.py", "cache.py"):
        path = Path(loader.__file__).parent / name
        if path.exists():
            stat = path.stat()
            digest.update(f"\0{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _tree(*folders: Path) -> dict[str, bytes | None]:
    """Every entry below the folders, with the content of regular files."""
    found: dict[str, bytes | None] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            is_file = path.is_file() and not path.is_fifo()
            found[str(path)] = path.read_bytes() if is_file else None
    return found


def test_no_plan_cache_is_read_or_written(tmp_path: Path) -> None:
    """Forged entries where the old plan cache lived change nothing, and nothing is cached."""
    from stappenplan.plan.loader import load_plan

    loaded = load_plan(MINI)
    forged = loaded.plan.model_dump(mode="json")
    for rule in (*forged["verdict"]["rules"], forged["verdict"]["default"]):
        rule["verdict"], rule["authority"] = "lokaal", "VERVALST"
    home, cache, data, own_data, own_cache = (
        tmp_path / name for name in ("home", "cache", "data", "eigen-data", "eigen-cache")
    )
    folders = (home / ".cache" / "stappenplan", cache / "stappenplan", own_cache)
    for folder in folders:
        folder.mkdir(parents=True)
        key = _old_cache_key(loaded.sha256, str(MINI))
        entry = {"format": 1, "sha256": loaded.sha256, "files": list(loaded.files), "plan": forged}
        (folder / f"plan-{key}.json").write_text(json.dumps(entry))
        os.mkfifo(folder / f"plan-{key}.regels.json")  # reading it would hang the run
    data.mkdir()
    own_data.mkdir()
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "TERM": "dumb",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(cache),
        "XDG_DATA_HOME": str(data),
        "STAPPENPLAN_DATA_DIR": str(own_data),
        "STAPPENPLAN_CACHE_DIR": str(own_cache),
    }
    before = _tree(home, cache, data, own_data, own_cache)
    for _ in range(2):  # a second run would be the one served from a cache
        result = _run(
            *("start", "--steps", str(MINI), "--no-input", "--format", "json", *MINI_SET),
            cwd=tmp_path,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        domain = json.loads(result.stdout)["domain"]
        assert (domain["verdict"], domain["authority"]) == ("landelijk", "Rijk")
        assert "VERVALST" not in result.stdout
    assert _tree(home, cache, data, own_data, own_cache) == before
