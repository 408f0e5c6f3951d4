"""A large, valid plan of any size, for the benchmark and the performance tests.

The plan is a chain of questions with branching routes, an action per question, conditions,
a verdict table and national involvement: the shape of the real plan, only longer. It is
split over several files of at most `STEPS_PER_FILE` questions, as a real plan would be.
"""

from __future__ import annotations

from pathlib import Path

STEPS_PER_FILE = 1000

_HEAD = """\
plan:
  id: groot-testplan
  title: Groot gegenereerd plan
  version: "1.0"
  reference_date: 2026-01-01
  start: vraag-1
sources:
  - {id: bron-a, title: Bron A, date: 2015-01-01, url: "https://example.org/a"}
  - {id: bron-b, title: Bron B}
roles:
  - {id: burgemeester, label: Burgemeester}
  - {id: griffier, label: Griffier}
urgencies:
  - {id: direct, label: Direct}
  - {id: vandaag, label: Vandaag}
  - {id: later, label: Later}
domains:
  - {id: lokaal, label: lokaal (decentraal domein)}
  - {id: landelijk, label: landelijk (Rijksdomein)}
phases:
  - {id: eerst, title: Eerst}
  - {id: daarna, title: Daarna}
"""

_VERDICT = """\
verdict:
  rules:
    - id: landelijk-bij-ja
      when: {all: [{vraag-1: ja}, {vraag-2: {any: [ja, onbekend]}}]}
      verdict: landelijk
      authority: Rijk
      reasons: ["Beide eerste vragen wijzen op het Rijksdomein."]
      sources: [{id: bron-a, ref: "§2"}]
  default:
    id: standaard
    verdict: lokaal
    authority: Gemeente
    reasons: ["Decentraal, tenzij."]
    sources: [{id: bron-a, ref: "§1"}]
involvement:
  - id: landelijke-voorziening
    when: {vraag-3: {any: [ja]}}
    text: Landelijke voorziening mogelijk.
    sources: [{id: bron-b}]
"""


def _step(number: int, total: int) -> str:
    after = f"vraag-{number + 1}" if number < total else "einde"
    skip = f"vraag-{number + 2}" if number + 1 < total else "einde"
    several = number % 5 == 0
    lines = [
        f"  - id: vraag-{number}",
        f"    phase: {'eerst' if number % 2 else 'daarna'}",
        f"    question: Vraag {number}, wat is er gebeurd?",
        f"    help: Toelichting bij vraag {number}, met een verwijzing naar de bron.",
        f"    kind: {'several' if several else 'one'}",
        f"    default: {'[]' if several else 'nee'}",
        "    choices:",
        f"      - {{value: ja, label: Ja, actions: [actie-{number}]}}",
        "      - {value: nee, label: Nee}",
        "      - {value: onbekend, label: Onbekend}",
        '    sources: [{id: bron-a, ref: "§3"}]',
        "    next:",
        f"      - when: {{vraag-{number}: {{any: [ja, onbekend]}}}}",
        f"        goto: {after}",
        f"      - goto: {skip}",
    ]
    return "\n".join(lines) + "\n"


def _action(number: int) -> str:
    lines = [
        f"  - id: actie-{number}",
        f"    title: Actie {number}",
        f"    details: Wat er bij actie {number} moet gebeuren, en door wie.",
        f"    responsible: {'burgemeester' if number % 3 else 'griffier'}",
        f"    urgency: {('direct', 'vandaag', 'later')[number % 3]}",
        f"    domain: {'lokaal' if number % 7 else 'landelijk'}",
        f'    sources: [{{id: bron-{"ab"[number % 2]}, ref: "§{number % 10}"}}]',
    ]
    if number % 100 == 0:
        lines.append(f"    when: {{vraag-{number}: nee}}")
    return "\n".join(lines) + "\n"


def write_plan(folder: Path, steps: int) -> Path:
    """Write a valid plan with `steps` questions (and as many actions) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "00-plan.yaml").write_text(_HEAD, encoding="utf-8")
    for part, first in enumerate(range(1, steps + 1, STEPS_PER_FILE), start=1):
        last = min(first + STEPS_PER_FILE, steps + 1)
        body = "".join(_step(number, steps) for number in range(first, last))
        (folder / f"10-vragen-{part:03d}.yaml").write_text("steps:\n" + body, encoding="utf-8")
        body = "".join(_action(number) for number in range(first, last))
        (folder / f"20-acties-{part:03d}.yaml").write_text("actions:\n" + body, encoding="utf-8")
    (folder / "30-oordeel.yaml").write_text(_VERDICT, encoding="utf-8")
    return folder
