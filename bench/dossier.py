"""Benchmark of the dossier: registering and listing on a register of 10,000 cases (SQLite).

Run from a checkout after `pip install .`:

    python bench/dossier.py            # exit status 1 when a target is not met
    python bench/dossier.py --quick    # fewer repetitions
    python bench/dossier.py --cases 50000

Targets: registering one case and listing the cases each take under 50 ms of work on a
register of 10,000 cases, measured in-process as the median of many rounds (also with opening
the register, as each command does); and `start` without `--dossier` does not import the
database layer (from `-X importtime`). Whole-process times are shown for information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

LIMIT_MS = 50.0
ACTIONS_PER_CASE = 16  # as many as the default plan gives a threatened wethouder
TARGETS = ("burgemeester", "wethouder", "raadslid", "gezinslid")
KINDS = ("bedreiging", "online-haat", "doxing", "intimidatie-woning", "verbale-agressie")
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
DATABASE_MODULES = {"sqlalchemy", "sqlite3", "_sqlite3", "psycopg", "stappenplan.dossier"}


def _export(count: int, now: dt.datetime) -> dict[str, Any]:
    """An export with `count` cases spread over five years, most actions done."""
    cases = []
    for number in range(count):
        incident = now - dt.timedelta(hours=4 * number + 1)
        actions = [
            {
                "id": f"actie-{index}",
                "title": f"Actie {index}",
                "responsible": "Gemeentesecretaris",
                "urgency": ("direct", "vandaag", "deze-week", "later")[index % 4],
                "due": incident.date().isoformat(),
                "done_at": None if number < 200 and index % 3 == 0 else now.isoformat(),
            }
            for index in range(ACTIONS_PER_CASE)
        ]
        cases.append(
            {
                "uid": uuid.uuid4().hex,
                "registered": incident.isoformat(timespec="seconds"),
                "incident_at": incident.isoformat(timespec="seconds"),
                "reference": f"Z/{incident.year}/{number:05d}",
                "description": "Dreigende e-mail na een raadsbesluit",
                "target": TARGETS[number % len(TARGETS)],
                "incidents": [KINDS[number % len(KINDS)]],
                "verdict": "lokaal" if number % 7 else "landelijk",
                "aangifte": "ja" if number % 2 else "nee",
                "plan": {
                    "id": "agressie-politieke-ambtsdragers",
                    "version": "1.0.0",
                    "sha256": "0" * 64,
                },
                "record": {"answers": {"doelwit": TARGETS[number % len(TARGETS)]}},
                "outcome": {"domain": {"verdict": "lokaal"}, "actions": []},
                "actions": actions,
            }
        )
    return {
        "format": "stappenplan-dossier",
        "version": 1,
        "exported": now.isoformat(),
        "key_id": "",
        "schema_version": 2,
        "cases": cases,
    }


def _median_ms(work: Callable[[], object], rounds: int) -> float:
    for _ in range(3):
        work()
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _process_ms(argv: list[str], env: dict[str, str], cwd: Path, rounds: int) -> float:
    def run() -> None:
        subprocess.run(
            argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, check=True
        )

    return _median_ms(run, rounds)


def _imported(args: list[str], env: dict[str, str], cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "stappenplan", *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"stappenplan {' '.join(args)} faalde:\n{result.stderr[-2000:]}")
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            names.add(name.split(".")[0])
            names.add(".".join(name.split(".")[:2]))
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description="Meet de snelheidsdoelen van het dossier.")
    parser.add_argument("--quick", action="store_true", help="minder herhalingen")
    parser.add_argument("--cases", type=int, default=10_000, help="zaken in het dossier")
    options = parser.parse_args()
    rounds = 15 if options.quick else 60

    from stappenplan.dossier import figures, report, transfer
    from stappenplan.dossier.model import NewAction, NewCase
    from stappenplan.dossier.store import open_register

    now = dt.datetime.now().astimezone().replace(microsecond=0)
    rows: list[tuple[str, str, bool | None]] = []
    with tempfile.TemporaryDirectory(prefix="stappenplan-dossier-bench-") as folder:
        work = Path(folder)
        location = str(work / "dossier.sqlite")
        register = open_register(location)
        began = time.perf_counter()
        export = transfer.read_export(
            __import__("json").dumps(_export(options.cases, now)), "bench"
        )
        transfer.import_cases(register, export)
        filled = time.perf_counter() - began
        size = Path(location).stat().st_size / 1e6
        rows.append(
            (f"dossier gevuld: {options.cases} zaken", f"{filled:.1f} s, {size:.0f} MB", None)
        )

        case = NewCase(
            incident_at=now,
            verdict="lokaal",
            plan_id="agressie-politieke-ambtsdragers",
            plan_version="1.0.0",
            plan_sha256="0" * 64,
            record={"answers": {"doelwit": "wethouder"}},
            outcome={"domain": {"verdict": "lokaal"}},
            actions=[
                NewAction(f"actie-{index}", f"Actie {index}", "AOV'er", "deze-week")
                for index in range(ACTIONS_PER_CASE)
            ],
            target="wethouder",
            incidents=("bedreiging",),
            offender_label="dezelfde afzender",
        )
        today = now.date()
        measured = {
            "registreren (1 zaak, met daderlabel)": lambda: register.register(case, now=now),
            "lijst (nieuwste 100, als tabel)": lambda: report.cases_table(
                register.list_cases(limit=100)
            ),
            "lijst --status open (als tabel)": lambda: report.cases_table(
                register.list_cases(status="open", limit=100)
            ),
            "openen + registreren (zoals start --dossier)": lambda: open_register(
                location
            ).register(case, now=now),
            "openen + lijst (zoals dossier list)": lambda: report.cases_table(
                open_register(location).list_cases(limit=100)
            ),
        }
        for name, work_item in measured.items():
            spent = _median_ms(work_item, rounds)
            rows.append((f"{name} < {LIMIT_MS:.0f} ms", f"{spent:.1f} ms", spent < LIMIT_MS))
        informative = {
            "lijst, alle zaken (--limit 0)": lambda: report.cases_table(register.list_cases()),
            "acties aan de beurt (--due)": lambda: report.due_table(
                register.due_actions(today), today
            ),
            "jaarcijfers (overview)": lambda: figures.figures_table(
                figures.yearly_figures(register, now.year)
            ),
        }
        for name, work_item in informative.items():
            spent = _median_ms(work_item, max(rounds // 5, 3))
            rows.append((name, f"{spent:.1f} ms", None))

        answers = work / "antwoorden.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "STAPPENPLAN_DOSSIER": location}
        args = ["start", "--answers", str(answers), "--no-input", "--format", "json"]
        without = _imported(args, env, work) & DATABASE_MODULES
        with_dossier = _imported([*args, "--dossier"], env, work) & DATABASE_MODULES
        rows.append(
            (
                "start zonder --dossier laadt geen databaselaag",
                ", ".join(sorted(without)) or "niets geladen",
                not without,
            )
        )
        rows.append(("start --dossier laadt", ", ".join(sorted(with_dossier)), None))
        # Whole processes, for information: what registering adds to a scripted run.
        command = [sys.executable, "-m", "stappenplan", *args]
        plain = _process_ms([*command], env, work, rounds // 5 or 3)
        registering = _process_ms([*command, "--dossier"], env, work, rounds // 5 or 3)
        rows.append(("proces: start (zonder dossier)", f"{plain:.0f} ms", None))
        rows.append(
            (
                "proces: start --dossier (10.000+ zaken)",
                f"{registering:.0f} ms (x{registering / plain:.2f})",
                None,
            )
        )

    width = max(len(name) for name, _, _ in rows)
    for name, value, ok in rows:
        mark = "  " if ok is None else ("ok" if ok else "TE TRAAG" if "ms" in value else "FOUT")
        print(f"{name:<{width}}  {value:>24}  {mark}")
    return 0 if all(ok is not False for _, _, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
