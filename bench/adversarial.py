"""An adversarial plan of any size: few questions, many answers, many combining rules.

Three questions with 57 answers each, and verdict rules, actions and national involvement whose
conditions combine the three with `any`, `all` and `not`. The plan is small on disk, but every
check that enumerates answer combinations, or compares rules pair by pair, grows much faster
than the plan: this is the shape that once made `validate` take minutes.

Every rule can be the first match: rule `n` holds for one answer triple of its own
(`triple(n)`), which no other rule's condition covers, so the plan is valid at every size and
the verdict for that triple is known (`expected_verdict`).

The other shape, `write_heavy_rule`, has one verdict rule of nearly 1,000 parts over three
questions of 99 answers: few rules, but each costly to evaluate, for every one of the 10⁶
answer combinations.

    python bench/adversarial.py FOLDER RULES     # write one plan (e.g. to try it by hand)
    python bench/adversarial.py FOLDER zwaar      # the plan with one heavy rule
"""

from __future__ import annotations

import sys
from pathlib import Path

QUESTIONS = ("eerste", "tweede", "derde")
ANSWERS = 57
OWN = 50
"""Answers `a1`..`a50` make up the rules' own triples; `a51`..`a57` are shared extras."""

_HEAD = """\
plan:
  id: vijandig-testplan
  title: Vijandig gegenereerd plan
  version: "1.0"
  reference_date: 2026-01-01
  start: eerste
sources:
  - {id: bron-a, title: Bron A}
roles:
  - {id: burgemeester, label: Burgemeester}
urgencies:
  - {id: direct, label: Direct}
  - {id: later, label: Later}
domains:
  - {id: lokaal, label: lokaal}
  - {id: landelijk, label: landelijk}
"""


def triple(number: int) -> tuple[str, str, str]:
    """The answers (to the three questions) for which rule `number` is the first match."""
    # Spread over all own answers of every question, yet one triple per rule (up to 50³).
    first = number % OWN
    second = (number // OWN + number) % OWN
    third = (number // OWN**2 + 3 * number) % OWN
    return (f"a{first + 1}", f"a{second + 1}", f"a{third + 1}")


def expected_verdict(number: int) -> str:
    """The verdict of rule `number`."""
    return ("lokaal", "landelijk")[number % 2]


def _extra(number: int, shift: int = 0) -> str:
    return f"a{OWN + 1 + (number + shift) % (ANSWERS - OWN)}"


def _condition(number: int) -> str:
    """A condition that holds for `triple(number)` and otherwise only on triples with extras."""
    one, two, three = triple(number)
    extra, other, third = _extra(number), _extra(number, 1), _extra(number, 2)
    own = f"{{eerste: {one}}}, {{tweede: {{any: [{two}, {extra}]}}}}"
    shape = number % 4
    if shape == 0:
        return (
            f"{{all: [{own}, {{not: {{derde: {{any: [{other}, {third}]}}}}}}, "
            f"{{any: [{{derde: {three}}}, {{derde: {extra}}}]}}]}}"
        )
    if shape == 1:
        return (
            f"{{any: [{{all: [{own}, {{derde: {three}}}]}}, "
            f"{{all: [{{eerste: {extra}}}, {{not: {{tweede: {{none: [{other}]}}}}}}]}}]}}"
        )
    if shape == 2:
        return (
            f"{{all: [{{not: {{eerste: {{none: [{one}]}}}}}}, {{tweede: {two}}}, "
            f"{{derde: {{any: [{three}, {other}, {third}]}}}}]}}"
        )
    return f"{{eerste: {one}, tweede: {two}, derde: {{all: [{three}]}}}}"


def _step(index: int, answers: int) -> str:
    step = QUESTIONS[index]
    after = QUESTIONS[index + 1] if index + 1 < len(QUESTIONS) else "einde"
    choices = "".join(
        f"      - {{value: a{n}, label: Antwoord {n}}}\n" for n in range(1, answers + 1)
    )
    return (
        f"  - id: {step}\n"
        f"    question: Vraag {index + 1}?\n"
        f"    default: a{answers}\n"
        "    sources: [{id: bron-a}]\n"
        f"    choices:\n{choices}"
        "    next:\n"
        f"      - when: {{{step}: {{none: [a{answers}]}}}}\n"
        f"        goto: {after}\n"
        f"      - goto: {after}\n"
    )


def _rule(number: int) -> str:
    return (
        f"    - id: regel-{number}\n"
        f"      when: {_condition(number)}\n"
        f"      verdict: {expected_verdict(number)}\n"
        f"      authority: Instantie {number}\n"
        f"      reasons: [Reden {number}.]\n"
        "      sources: [{id: bron-a}]\n"
        f"      actions: [actie-{number}]\n"
    )


def _action(number: int) -> str:
    return (
        f"  - id: actie-{number}\n"
        f"    title: Actie {number}\n"
        "    responsible: burgemeester\n"
        f"    urgency: {('direct', 'later')[number % 2]}\n"
        "    domain: lokaal\n"
        "    sources: [{id: bron-a}]\n"
        f"    when: {_condition(number + 1)}\n"
    )


def _involvement(number: int) -> str:
    return (
        f"  - id: betrokken-{number}\n"
        f"    when: {_condition(number * 7)}\n"
        f"    text: Betrokkenheid {number}.\n"
        "    sources: [{id: bron-a}]\n"
    )


def write_adversarial(folder: Path, rules: int, answers: int = ANSWERS) -> Path:
    """Write a valid adversarial plan with `rules` verdict rules (and as many actions, and a
    tenth as many involvement rules) into `folder`; each question has `answers` answers (at
    least ANSWERS)."""
    assert answers >= ANSWERS
    folder.mkdir(parents=True, exist_ok=True)
    steps = "".join(_step(index, answers) for index in range(len(QUESTIONS)))
    (folder / "00-plan.yaml").write_text(_HEAD + "steps:\n" + steps, encoding="utf-8")
    actions = "".join(_action(number) for number in range(rules))
    (folder / "20-acties.yaml").write_text("actions:\n" + actions, encoding="utf-8")
    table = "".join(_rule(number) for number in range(rules))
    involvement = "".join(_involvement(number) for number in range(max(1, rules // 10)))
    (folder / "30-oordeel.yaml").write_text(
        "verdict:\n  rules:\n"
        + table
        + "  default:\n    id: standaard\n    verdict: lokaal\n    authority: Gemeente\n"
        "    reasons: [Anders.]\n    sources: [{id: bron-a}]\n"
        "involvement:\n" + involvement,
        encoding="utf-8",
    )
    return folder


def _tests(question: str, values: list[int]) -> str:
    return "{any: [" + ", ".join(f"{{{question}: a{value}}}" for value in values) + "]}"


def write_heavy_rule(folder: Path, *, contradictory: bool = False) -> Path:
    """Write a valid plan whose only verdict rule has five `any` lists of 98 tests each over
    three questions of 99 answers (992 parts, about 21 KB); in the contradictory variant the
    fourth list names only `a99`, which the first excludes, so the rule never holds."""
    plan = write_adversarial(folder, 1, answers=99)
    values = list(range(98, 0, -1))
    lists = [
        _tests("eerste", values),
        _tests("tweede", values),
        _tests("derde", values),
        _tests("eerste", [99] * 98 if contradictory else values),
        _tests("tweede", values),
    ]
    table = plan / "30-oordeel.yaml"
    text = table.read_text(encoding="utf-8")
    start = text.index("      when: ")
    end = text.index("\n", start)
    condition = f"{{all: [{', '.join(lists)}]}}"
    table.write_text(f"{text[:start]}      when: {condition}{text[end:]}", encoding="utf-8")
    return plan


if __name__ == "__main__":
    if sys.argv[2] == "zwaar":
        write_heavy_rule(Path(sys.argv[1]))
    else:
        write_adversarial(Path(sys.argv[1]), int(sys.argv[2]))
