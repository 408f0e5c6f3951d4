"""Benchmark of stappenplan: every speed target as a ratio measured in one run.

Run from a checkout after `pip install .`:

    python bench/run.py            # all targets; exit status 1 when one is not met
    python bench/run.py --quick    # fewer repetitions (a rough look)
    python bench/run.py --peer     # also copier's scripted run, as a reference (installs copier)

No cache of any kind is involved: every run reads and checks the plan files anew.

Whole-process timings are compared with a reference process measured in the same run,
interleaved with it, as the median of many repetitions; a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from adversarial import triple, write_adversarial, write_heavy_rule  # generators, beside this
from generate import write_plan

ANSWERS = """\
plan: agressie-politieke-ambtsdragers
answers:
  acuut-gevaar: nee
  doelwit: wethouder
  rijksdomein-persoon: nee
  incident: [bedreiging, online-haat]
  dreiging-leven: nee
  motief: besluit-of-beleid
  rijksdomein-criteria: []
  aangifte: nee
"""
"""A scripted assessment with the public vocabulary of the default plan (plan-spec §2)."""

FORMATS = ("text", "markdown", "json")
"""The formats of `start`; each is measured."""

NOT_ON_SCRIPTED_PATHS = ("questionary", "prompt_toolkit")
NOT_FOR_JSON_OR_HELP = ("rich",)


@dataclass
class Row:
    target: str
    measured: str
    ok: bool | None  # None: for information only


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet de snelheidsdoelen van stappenplan.")
    parser.add_argument("--quick", action="store_true", help="minder herhalingen (grof beeld)")
    parser.add_argument(
        "--peer", action="store_true", help="meet ook copier ter vergelijking (installeert copier)"
    )
    parser.add_argument("--rounds", type=int, default=0, help="herhalingen per procesmeting")
    options = parser.parse_args(argv)
    rounds = options.rounds or (9 if options.quick else 31)
    command = _stappenplan_command()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="stappenplan-bench-") as folder:
        work = Path(folder)
        answers = work / "antwoorden.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code is cached, as after an install
        scripted = [*command, "start", "--answers", str(answers), "--no-input", "--format", "json"]
        rows += _start_up(command, answers, env, rounds)
        rows += _imports(scripted, env)
        rows += _engine(answers, quick=options.quick)
        rows += _validate(command, work, env, quick=options.quick)
        rows += _adversarial(command, work, env, quick=options.quick)
        if options.peer:
            rows += _peer(scripted, work, env, rounds)
    _print(rows, rounds)
    return 0 if all(row.ok is not False for row in rows) else 1


# --- measuring --------------------------------------------------------------------------------


def _stappenplan_command() -> list[str]:
    """The installed `stappenplan` command (beside this Python), as a user runs it."""
    beside = Path(sys.executable).with_name("stappenplan")
    found = str(beside) if beside.exists() else shutil.which("stappenplan")
    if found is None:
        sys.exit("stappenplan is niet geïnstalleerd; eerst: pip install .")
    return [found]


def _run(argv: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> float:
    began = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)
    spent = time.perf_counter() - began
    if result.returncode != 0:
        sys.exit(
            f"{' '.join(argv)} faalde ({result.returncode}):\n{result.stderr.decode(errors='replace')}"
        )
    return spent


def _medians(
    commands: dict[str, Callable[[], float]], rounds: int, warm_up: int = 2
) -> dict[str, float]:
    """Median time of each command, run interleaved (in a rotating order) `rounds` times."""
    names = list(commands)
    for _ in range(warm_up):
        for name in names:
            commands[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        turn = round_number % len(names)
        for name in names[turn:] + names[:turn]:
            times[name].append(commands[name]())
    return {name: statistics.median(spent) for name, spent in times.items()}


def _start_up(command: list[str], answers: Path, env: dict[str, str], rounds: int) -> list[Row]:
    python = sys.executable
    runs: dict[str, Callable[[], float]] = {
        "floor": lambda: _run([python, "-c", "import typer, pydantic, yaml"], env),
        "typer": lambda: _run([python, "-c", "import typer"], env),
        "help": lambda: _run([*command, "--help"], env),
        "pass": lambda: _run([python, "-c", "pass"], env),
    }
    for name in FORMATS:
        argv = [*command, "start", "--answers", str(answers), "--no-input", "--format", name]
        runs[name] = lambda argv=argv: _run(argv, env)
    medians = _medians(runs, rounds)
    rows = []
    for name in FORMATS:
        ratio = medians[name] / medians["floor"]
        rows.append(
            Row(
                f"start --answers --no-input --format {name} ≤ 1,6 × import typer, pydantic, yaml",
                f"{ratio:.2f} × ({_ms(medians[name])} / {_ms(medians['floor'])})",
                ratio <= 1.6,
            )
        )
    help_ratio = medians["help"] / medians["typer"]
    return [
        *rows,
        Row(
            "stappenplan --help ≤ 1,2 × import typer",
            f"{help_ratio:.2f} × ({_ms(medians['help'])} / {_ms(medians['typer'])})",
            help_ratio <= 1.2,
        ),
        Row("  python -c pass — ter informatie", _ms(medians["pass"]), None),
    ]


def _imported(argv: Sequence[str], env: dict[str, str]) -> set[str]:
    """The modules a run imports, from `python -X importtime` (deterministic)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "stappenplan", *argv[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} faalde:\n{result.stderr}")
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def _imports(scripted: list[str], env: dict[str, str]) -> list[Row]:
    rows = []
    for label, argv, banned in (
        ("start --format json", scripted, NOT_ON_SCRIPTED_PATHS + NOT_FOR_JSON_OR_HELP),
        ("--help", [scripted[0], "--help"], NOT_ON_SCRIPTED_PATHS + NOT_FOR_JSON_OR_HELP),
    ):
        found = sorted(_imported(argv, env) & set(banned))
        rows.append(
            Row(
                f"{label} importeert geen {', '.join(banned)}",
                "wel: " + ", ".join(found) if found else "geen",
                not found,
            )
        )
    return rows


def _engine(answers: Path, *, quick: bool) -> list[Row]:
    from stappenplan.answers import collect_answers, read_answer_file
    from stappenplan.engine import outcome, walk
    from stappenplan.plan.loader import load_plan

    loaded = load_plan()
    given, _ = collect_answers(loaded, read_answer_file(str(answers)), {})
    plan = loaded.plan
    rates = []
    for _ in range(5 if quick else 15):
        count = 2000
        began = time.perf_counter()
        for _ in range(count):
            outcome(plan, walk(plan, given, assume_defaults=True), given)
        rates.append(count / (time.perf_counter() - began))
    rate = statistics.median(rates)
    return [
        Row(
            "beoordelingen per seconde (walk + outcome, standaardplan) ≥ 10.000",
            f"{rate:,.0f}".replace(",", "."),
            rate >= 10_000,
        )
    ]


def _compose(folder: Path) -> None:
    """What PyYAML's C loader needs just to read the files into node trees."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(folder.glob("*.yaml")):
        yaml.compose(path.read_text(encoding="utf-8"), Loader=loader)


def _validate(command: list[str], work: Path, env: dict[str, str], *, quick: bool) -> list[Row]:
    from stappenplan.plan.loader import load_plan
    from stappenplan.plan.validate import validate_plan

    small, large = work / "plan-1000", work / "plan-10000"
    write_plan(small, 1000)
    write_plan(large, 10_000)
    repeats = 3 if quick else 7
    # The command as a user runs it (start-up included), for information.
    argv = [*command, "validate", "--steps", str(large)]
    whole = statistics.median(_run(argv, env) for _ in range(repeats))

    def check(folder: Path) -> None:
        problems = validate_plan(load_plan(folder))
        if any(problem.is_error for problem in problems):
            sys.exit(f"het gegenereerde plan {folder.name} bevat fouten")

    # The work itself, in this process, interleaved with the reference: reading and checking.
    check(small)  # once first: one-time work such as building pydantic's validators
    times: dict[str, list[float]] = {"small": [], "large": [], "compose": []}
    for _ in range(repeats):
        for name, action in (
            ("small", lambda: check(small)),
            ("large", lambda: check(large)),
            ("compose", lambda: _compose(large)),
        ):
            gc.collect()
            times[name].append(_timed(action))
    spent = {name: statistics.median(values) for name, values in times.items()}
    ratio = spent["large"] / spent["compose"]
    linear = spent["large"] / spent["small"]
    size = sum(path.stat().st_size for path in large.iterdir()) / 1e6
    return [
        Row(
            f"validate (10.000 stappen, {size:.1f} MB YAML) ≤ 2,5 × yaml.compose met CSafeLoader",
            f"{ratio:.2f} × ({spent['large']:.2f} s / {spent['compose']:.2f} s)",
            ratio <= 2.5,
        ),
        Row(
            "  stappenplan validate --steps (10.000 stappen), hele opdracht — ter informatie",
            f"{whole:.2f} s",
            None,
        ),
        Row(
            "lineair: laden + controleren, 10× de stappen ≤ 12× de tijd",
            f"{linear:.1f} × ({_ms(spent['small'])} → {_ms(spent['large'])})",
            linear <= 12,
        ),
    ]


def _adversarial(command: list[str], work: Path, env: dict[str, str], *, quick: bool) -> list[Row]:
    """The adversarial plan (bench/adversarial.py): 3 questions of 57 answers, rules that
    combine them. Loading, checking and one assessment must grow linearly with the rules."""
    from stappenplan.answers import collect_answers
    from stappenplan.engine import outcome, walk
    from stappenplan.plan.loader import load_plan
    from stappenplan.plan.validate import validate_plan

    small, large = work / "vijandig-400", work / "vijandig-4000"
    write_adversarial(small, 400)
    write_adversarial(large, 4000)
    repeats = 3 if quick else 7

    def check_and_assess(folder: Path) -> None:
        loaded = load_plan(folder)
        if any(problem.is_error for problem in validate_plan(loaded)):
            sys.exit(f"het gegenereerde plan {folder.name} bevat fouten")
        given, _ = collect_answers(
            loaded, None, dict(zip(("eerste", "tweede", "derde"), triple(7), strict=True))
        )
        outcome(loaded.plan, walk(loaded.plan, given, assume_defaults=True), given)

    check_and_assess(small)
    times: dict[str, list[float]] = {"small": [], "large": []}
    for _ in range(repeats):
        for name, folder in (("small", small), ("large", large)):
            gc.collect()
            times[name].append(_timed(lambda folder=folder: check_and_assess(folder)))
    spent = {name: statistics.median(values) for name, values in times.items()}
    linear = spent["large"] / spent["small"]
    answers = work / "vijandig-antwoorden.yaml"
    first, second, third = triple(7)
    answers.write_text(
        f"answers: {{eerste: {first}, tweede: {second}, derde: {third}}}\n", encoding="utf-8"
    )
    argv = [*command, "start", "--steps", str(large), "--answers", str(answers), "--no-input"]
    whole = statistics.median(_run(argv, env) for _ in range(repeats))
    heavy = write_heavy_rule(work / "vijandig-zwaar", contradictory=True)
    heavy_time = statistics.median(
        _run([*command, "validate", "--steps", str(heavy)], env) for _ in range(repeats)
    )
    return [
        Row(
            "stappenplan validate: één regel van 992 onderdelen (3 × 99 antwoorden) ≤ 5 s",
            f"{heavy_time:.2f} s",
            heavy_time <= 5,
        ),
        Row(
            "lineair: vijandig plan (3 × 57 antwoorden), 10× de regels ≤ 12× de tijd",
            f"{linear:.1f} × ({_ms(spent['small'])} → {_ms(spent['large'])})",
            linear <= 12,
        ),
        Row(
            "  stappenplan start --steps (vijandig, 4.000 regels), hele opdracht — ter informatie",
            f"{whole:.2f} s",
            None,
        ),
    ]


def _timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


# --- a peer: copier's scripted run ------------------------------------------------------------

COPIER_TEMPLATE = {
    "copier.yml": "naam:\n  type: str\n  help: Naam?\nsoort:\n  type: str\n  choices: [a, b]\n",
    "uitkomst.txt.jinja": "{{ naam }} {{ soort }}\n",
}


def _peer(scripted: list[str], work: Path, env: dict[str, str], rounds: int) -> list[Row]:
    copier = Path(sys.executable).with_name("copier")
    if not copier.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "copier"], check=True, env=env
        )
    template = work / "sjabloon"
    template.mkdir()
    for name, text in COPIER_TEMPLATE.items():
        (template / name).write_text(text, encoding="utf-8")
    runs = iter(range(1_000_000))

    def copy() -> float:
        target = work / f"kopie-{next(runs)}"
        return _run(
            [
                str(copier),
                *("copy", "--defaults", "--quiet", "--data", "naam=x", "--data", "soort=a"),
                *(str(template), str(target)),
            ],
            env,
        )

    medians = _medians({"copier": copy, "scripted": lambda: _run(scripted, env)}, rounds)
    ratio = medians["copier"] / medians["scripted"]
    return [
        Row(
            "copier copy --defaults --data (2 vragen), ter vergelijking",
            f"{ratio:.2f} × stappenplan ({_ms(medians['copier'])})",
            None,
        )
    ]


# --- report -----------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _print(rows: list[Row], rounds: int) -> None:
    import stappenplan

    facts = (
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, stappenplan {stappenplan.__version__}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPU's, mediaan van {rounds} herhalingen"
    )
    width = max(len(row.target) for row in rows)
    measured = max(len(row.measured) for row in rows)
    print(facts)
    print(f"{'Doel':<{width}}  {'Gemeten':<{measured}}  Resultaat")
    print(f"{'-' * width}  {'-' * measured}  ---------")
    for row in rows:
        verdict = "" if row.ok is None else ("ok" if row.ok else "NIET OK")
        print(f"{row.target:<{width}}  {row.measured:<{measured}}  {verdict}")


if __name__ == "__main__":
    sys.exit(main())
