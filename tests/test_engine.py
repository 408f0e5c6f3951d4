"""The pure walk: paths, defaults, back, outcome ordering and determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI
from stappenplan.engine import missing_questions, outcome, scripted_outcome, walk
from stappenplan.plan.conditions import Answer
from stappenplan.plan.loader import load_plan
from stappenplan.plan.model import Plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(MINI).plan


FULL: dict[str, Answer] = {"gevaar": "nee", "wie": "een", "wat": ("dreiging",), "extra": "nee"}


def test_walk_stops_at_first_open_question(plan: Plan) -> None:
    """Walk stops at first open question."""
    done = walk(plan, {"gevaar": "ja"})
    assert done.path == ("gevaar",)
    assert done.pending is not None and done.pending.id == "wie"


def test_routing_follows_conditions(plan: Plan) -> None:
    """Routing follows conditions."""
    assert walk(plan, {**FULL, "wie": "gezin", "van-wie": "twee"}).path == (
        "gevaar",
        "wie",
        "van-wie",
        "wat",
        "extra",
    )
    assert "van-wie" not in walk(plan, FULL).path


def test_defaults_only_when_asked(plan: Plan) -> None:
    """Defaults are assumed only when the walk is asked to assume them."""
    given = {key: value for key, value in FULL.items() if key != "extra"}
    assert walk(plan, given).pending is not None
    done = walk(plan, given, assume_defaults=True)
    assert done.complete and done.assumed == ("extra",) and done.answers["extra"] == "nee"


def test_answers_off_the_path_are_ignored(plan: Plan) -> None:
    """Answers off the path are ignored."""
    result = scripted_outcome(plan, {**FULL, "van-wie": "een"})
    assert result.ignored == ("van-wie",)
    assert "van-wie" not in result.walk.answers


def test_outcome_orders_by_urgency_then_catalogue(plan: Plan) -> None:
    """Outcome orders by urgency then catalogue."""
    done = walk(plan, {**FULL, "gevaar": "ja", "wie": "twee", "extra": "ja"})
    result = outcome(plan, done)
    assert [a.id for a in result.actions] == [
        "bel-hulp",
        "meld-dreiging",
        "overleg-landelijk",
        "later-evalueren",
    ]
    assert result.verdict.domain.id == "landelijk"
    assert result.verdict.rule.id == "twee-landelijk"


def test_verdict_first_match_and_default(plan: Plan) -> None:
    """Verdict first match and default."""
    assert (
        outcome(plan, walk(plan, {**FULL, "wie": "gezin", "van-wie": "twee"})).verdict.rule.id
        == "gezin-lokaal"
    )
    assert outcome(plan, walk(plan, FULL)).verdict.rule.id == "standaard"


def test_involvement_needs_all_values(plan: Plan) -> None:
    """Involvement needs all values."""
    one = outcome(plan, walk(plan, {**FULL, "wat": ("schade",)}))
    both = outcome(plan, walk(plan, {**FULL, "wat": ("schade", "laster")}))
    assert one.involvement == ()
    assert [rule.id for rule in both.involvement] == ["schade-landelijk"]


def test_outcome_needs_complete_walk(plan: Plan) -> None:
    """Outcome needs complete walk."""
    with pytest.raises(ValueError, match="completed walk"):
        outcome(plan, walk(plan, {}))


def test_missing_questions_lists_every_needed_question(plan: Plan) -> None:
    """Missing questions lists every needed question."""
    assert [s.id for s in missing_questions(plan, {})] == ["gevaar", "wie", "wat"]
    assert [s.id for s in missing_questions(plan, {"wie": "gezin"})] == ["gevaar", "van-wie", "wat"]


def test_same_input_same_output(plan: Plan) -> None:
    """The same input always gives byte-identical output."""
    assert outcome(plan, walk(plan, FULL)) == outcome(plan, walk(plan, dict(FULL)))


# -- generated plans: every walk terminates -------------------------------------------------


@st.composite
def acyclic_plans(draw: st.DrawFn) -> tuple[Path, int]:
    size = draw(st.integers(min_value=1, max_value=12))
    lines = ["steps:"]
    for i in range(size):
        later = list(range(i + 1, size))
        targets = draw(st.lists(st.sampled_from(later), max_size=3)) if later else []
        routes = [f"{{when: {{s{i}: ja}}, goto: s{t}}}" for t in targets]
        final = f"s{draw(st.sampled_from(later))}" if later and draw(st.booleans()) else "einde"
        routes.append(f"{{goto: {final}}}")
        lines.append(f"  - {{id: s{i}, question: V{i}, kind: yes-no, next: [{', '.join(routes)}]}}")
    return Path("\n".join(lines) + "\n"), size


HEADER = (
    "plan: {id: gen, title: Gen, version: '1', reference_date: 2026-01-01, start: s0}\n"
    "sources: [{id: b, title: B}]\nroles: [{id: r, label: R}]\nurgencies: [{id: u, label: U}]\n"
    "domains: [{id: lokaal, label: L}]\n"
    "verdict: {default: {id: d, verdict: lokaal, authority: A, reasons: [x], sources: [{id: b}]}}\n"
)


@settings(max_examples=60, deadline=None)
@given(acyclic_plans(), st.data())
def test_walks_over_generated_acyclic_plans_terminate(
    tmp_path_factory: pytest.TempPathFactory, generated: tuple[Path, int], data: st.DataObject
) -> None:
    """Walks over generated acyclic plans terminate."""
    steps_text, size = generated
    folder = tmp_path_factory.mktemp("gen")
    (folder / "plan.yaml").write_text(HEADER + str(steps_text))
    plan = load_plan(folder / "plan.yaml").plan
    answers = {f"s{i}": data.draw(st.sampled_from(["ja", "nee"])) for i in range(size)}
    done = walk(plan, answers)
    assert done.complete
    assert len(done.path) <= size
    assert len(set(done.path)) == len(done.path)
    assert outcome(plan, done).verdict.domain.id == "lokaal"
