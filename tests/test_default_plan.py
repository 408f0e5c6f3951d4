"""The default plan: it loads from the package, cites its sources, keeps the public vocabulary
of plan-spec §2 and gives the outcome the example answer files describe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import REPO
from stappenplan.answers import check_answers, read_answer_file
from stappenplan.engine import Outcome, scripted_outcome, walk
from stappenplan.plan.loader import load_plan
from stappenplan.plan.model import Plan
from stappenplan.plan.validate import validate_plan

EXAMPLES = REPO / "examples"

PUBLIC: dict[str, tuple[str, tuple[str, ...]]] = {
    "acuut-gevaar": ("one", ("ja", "nee")),
    "doelwit": (
        "one",
        ("burgemeester", "wethouder", "raadslid", "gezinslid", "andere-ambtsdrager"),
    ),
    "gezinslid-van": ("one", ("burgemeester", "wethouder", "raadslid", "andere-ambtsdrager")),
    "rijksdomein-persoon": ("one", ("ja", "nee", "onbekend")),
    "incident": (
        "several",
        (
            "verbale-agressie",
            "bedreiging",
            "online-haat",
            "doxing",
            "intimidatie-woning",
            "belaging",
            "fysiek-geweld",
            "vernieling",
            "bedreiging-gezin",
            "verdacht-voorwerp",
        ),
    ),
    "dreiging-leven": ("one", ("ja", "nee", "onbekend")),
    "motief": (
        "one",
        (
            "besluit-of-beleid",
            "ondermijning",
            "extremisme-of-terrorisme",
            "persoonlijk",
            "onbekend",
        ),
    ),
    "rijksdomein-criteria": (
        "several",
        (
            "bijzondere-democratische-functie",
            "schade-vertrouwen-openbaar-bestuur",
        ),
    ),
    "aangifte": ("one", ("ja", "nee", "onbekend")),
}
"""plan-spec §2 as changed in plan 2.0.0: the public question ids, their kind and their values,
exactly (the changes are listed in the plan's vocabulary_changes and in the README)."""

INFERRED_ACTIONS = {
    "meld-burgemeester-doelwit",  # report to gemeentesecretaris and loco-burgemeester [I]
    "loco-burgemeester-neemt-over",
    "burgemeester-gezin-buiten-besluit",
    "cdk-informeren",
    "adres-afschermen-aangifte",  # the town hall address as domicile [I]
    "strafbaar-overig",  # belaging, mishandeling, vernieling, belediging: unsourced articles
    "raadslid-geen-regeling",  # the schemes do not cover raadsleden [I]
    "gezin-informeren",  # inform family members explicitly [I]
    "check-cbb",
    "cbb-informeren-gezin",
    "gemeente-ondersteunt",
    "medische-zorg",
    "verdacht-voorwerp",  # only 'niet openen, 112, niet mee lopen' is in the police source
    "fractievoorzitters-informeren",
    "ambtsdwang",  # art. 179 Sr for political office holders is not checked in a source
    "norm-publiek",
    "cbb-raadplegen",
}
SOURCED_ACTIONS = {
    "bel-112",
    "doe-aangifte",
    "vpt-code",
    "werkgever-doet-aangifte",
    "strafbaar-bedreiging",
    "strafbaar-doxing",
    "hovj-besluit",
    "nctv-advies-proportionaliteit",
    "hovj-besluit-burgemeester",
    "voordracht-cbb-overwegen",
    "landelijke-voorzieningen-aanvragen",
    "ondersteuningsteam",
    "nazorg-zelfde-dag",
    "kosten-werkgever",
    "klacht-belaging",
    "prive-route",
    "orde-in-de-vergadering",
    "brp-geheimhouding",
    "regeling-beveiliging",
    "online-melden-platform",
    "evaluatie",
    "andere-route",
}

EXPECTED_EXAMPLES: dict[str, tuple[str, set[str], set[str], set[str]]] = {
    # file: (verdict, involvement that must apply, actions that must be there, actions that must not)
    "burgemeester-woning.yaml": (
        "lokaal",
        {"burgemeester-doelwit"},
        {
            "nctv-advies-proportionaliteit",
            "hovj-besluit-burgemeester",
            "loco-burgemeester-neemt-over",
            "doe-aangifte",
            "werkgever-maatregelen",
            "regeling-beveiliging",
            "nazorg-zelfde-dag",
            "nazorg-gezin",
        },
        {"melden-cbb", "hovj-besluit"},
    ),
    "raadslid-kamerlid.yaml": (
        "landelijk",
        set(),
        {"melden-cbb", "rijksdomein-besluit", "gemeente-ondersteunt", "meld-griffier"},
        {"hovj-besluit", "werkgever-maatregelen", "voordracht-cbb-overwegen"},
    ),
    "wethouder-dreigmail.yaml": (
        "lokaal",
        set(),
        {
            "meld-college",
            "registreer-incident",
            "doe-aangifte",
            "vpt-code",
            "werkgever-doet-aangifte",
            "adres-afschermen-aangifte",
            "nazorg-zelfde-dag",
        },
        {"hovj-besluit", "dreiging-inschatten", "tijdelijk-verblijf"},
    ),
}

CORE_ONLY = {
    "acuut-gevaar": "nee",
    "doelwit": "wethouder",
    "rijksdomein-persoon": "nee",
    "incident": ("bedreiging",),
    "dreiging-leven": "nee",
    "motief": "onbekend",
    "rijksdomein-criteria": (),
    "aangifte": "nee",
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan().plan


def _example_params() -> list[object]:
    return [
        pytest.param(path, id=f"examples/{path.name}") for path in sorted(EXAMPLES.glob("*.yaml"))
    ]


def _assess_file(plan: Plan, path: Path) -> Outcome:
    answer_file = read_answer_file(str(path))
    assert answer_file.plan_id in (None, plan.plan.id)
    answers = check_answers(plan, answer_file.answers, locate=answer_file.locate)
    return scripted_outcome(plan, answers)


# --- identity and loading ---------------------------------------------------------------------


def test_plan_loads_from_any_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plan loads from any directory."""
    monkeypatch.chdir(tmp_path)
    info = load_plan().plan.plan
    assert info.id == "agressie-politieke-ambtsdragers"
    assert info.version == "2.0.0"
    assert info.reference_date == dt.date(2026, 12, 1)
    assert info.start == "acuut-gevaar"


def test_plan_passes_validation_without_warnings() -> None:
    """Plan passes validation without warnings."""
    assert [str(problem) for problem in validate_plan(load_plan())] == []


# --- public vocabulary (plan-spec §2) ---------------------------------------------------------


@pytest.mark.parametrize("step_id", list(PUBLIC))
def test_public_question_has_exactly_the_documented_values(plan: Plan, step_id: str) -> None:
    """Public question has exactly the documented values."""
    step = plan.step_index[step_id]
    kind, values = PUBLIC[step_id]
    # The set of values is public; the order in which the wizard shows them is not.
    assert sorted(step.values) == sorted(values)
    assert len(step.values) == len(values)
    assert step.multiple == (kind == "several")
    assert step.default is None, (
        "kernvragen hebben geen default: ontbrekende antwoorden worden gemeld"
    )


def test_incident_needs_at_least_one_choice(plan: Plan) -> None:
    """Incident needs at least one choice."""
    assert plan.step_index["incident"].min_choices == 1
    assert plan.step_index["rijksdomein-criteria"].min_choices == 0


def test_every_extra_question_has_a_valid_default(plan: Plan) -> None:
    """Every extra question has a valid default."""
    extras = [step for step in plan.steps if step.id not in PUBLIC]
    assert extras, "het plan stelt extra vragen"
    for step in extras:
        assert step.default is not None, step.id
        values = (step.default,) if isinstance(step.default, str) else step.default
        assert set(values) <= set(step.values), step.id


def test_only_core_answers_complete_and_extras_are_assumed(plan: Plan) -> None:
    """Only core answers complete and extras are assumed."""
    done = walk(plan, CORE_ONLY, assume_defaults=True)
    assert done.complete
    # 'restcriterium' is asked only with a threat to life, and CORE_ONLY has none.
    assert set(done.assumed) == {step.id for step in plan.steps if step.id not in PUBLIC} - {
        "gezinslid-van",
        "restcriterium",
    }
    assert not set(done.assumed) & set(PUBLIC)


def test_gezinslid_van_is_asked_only_for_a_family_member(plan: Plan) -> None:
    """Gezinslid van is asked only for a family member."""
    assert "gezinslid-van" not in walk(plan, CORE_ONLY, assume_defaults=True).path
    family = {**CORE_ONLY, "doelwit": "gezinslid", "gezinslid-van": "raadslid"}
    assert "gezinslid-van" in walk(plan, family, assume_defaults=True).path
    missing = walk(plan, {**CORE_ONLY, "doelwit": "gezinslid"}, assume_defaults=True)
    assert missing.pending is not None and missing.pending.id == "gezinslid-van"


def test_rijksdomein_criteria_are_not_asked_for_a_rijksdomein_person(plan: Plan) -> None:
    """Rijksdomein criteria are not asked for a rijksdomein person."""
    answers = {**CORE_ONLY, "rijksdomein-persoon": "ja"}
    del answers["rijksdomein-criteria"]
    done = walk(plan, answers, assume_defaults=True)
    assert done.complete
    assert "rijksdomein-criteria" not in done.path


# --- actions, rules and sources -----------------------------------------------------------------


def test_urgencies_and_domains_keep_their_ids(plan: Plan) -> None:
    """Urgencies and domains keep their ids."""
    assert [urgency.id for urgency in plan.urgencies] == ["direct", "vandaag", "deze-week", "later"]
    assert [domain.id for domain in plan.domains] == ["lokaal", "landelijk", "buiten-plan"]


def test_every_action_names_role_urgency_domain_phase_and_source(plan: Plan) -> None:
    """Every action names role urgency domain phase and source."""
    phases = {phase.id for phase in plan.phases}
    for action in plan.actions:
        assert action.responsible in plan.role_index, action.id
        assert action.urgency in plan.urgency_rank, action.id
        assert action.domain in plan.domain_index, action.id
        assert action.phase in phases, action.id
        assert action.sources, f"{action.id} noemt geen bron"
        for ref in action.sources:
            assert ref.id in plan.source_index, f"{action.id}: {ref.id}"
            assert ref.ref, f"{action.id}: bron {ref.id} zonder vindplaats"


def test_every_verdict_and_involvement_rule_cites_an_existing_source(plan: Plan) -> None:
    """Every verdict and involvement rule cites an existing source."""
    rules = [*plan.verdict.rules, plan.verdict.default, *plan.involvement]
    for rule in rules:
        assert rule.sources, rule.id
        for ref in rule.sources:
            assert ref.id in plan.source_index and ref.ref, f"{rule.id}: {ref.id}"


def test_the_core_sources_are_listed(plan: Plan) -> None:
    """The core sources are listed."""
    core = {"brief-2012", "handreiking-2012", "circ-2013", "circ-2015", "aanw-om-2008"}
    assert core <= set(plan.source_index)
    assert plan.source_index["brief-2012"].date == dt.date(2012, 2, 15)


def test_inferred_facts_are_flagged(plan: Plan) -> None:
    """Inferred facts are flagged."""
    actions = plan.action_index
    assert {a for a in INFERRED_ACTIONS if not actions[a].inferred} == set()
    assert {a for a in SOURCED_ACTIONS if actions[a].inferred} == set()
    involvement = {rule.id: rule for rule in plan.involvement}
    assert involvement["extremisme-cbb"].inferred
    assert involvement["gezin-van-rijksdomeinpersoon"].inferred
    assert not involvement["burgemeester-doelwit"].inferred
    rules = {rule.id: rule for rule in plan.verdict.rules}
    assert rules["rijksdomein-onbekend"].inferred
    assert not rules["rijksdomein"].inferred


def test_verdict_table_follows_plan_spec_order(plan: Plan) -> None:
    """Verdict table follows plan spec order."""
    table = plan.verdict
    assert [(rule.id, rule.verdict) for rule in table.rules] == [
        ("buiten-plan", "buiten-plan"),
        ("gezinslid-rijksdomein", "lokaal"),
        ("rijksdomein", "landelijk"),
        ("prive", "lokaal"),
        ("rijksdomein-onbekend", "lokaal"),
    ]
    assert (table.default.id, table.default.verdict) == ("decentraal", "lokaal")
    assert "check-cbb" in table.rules[4].actions
    assert any("CBB" in reason for reason in table.rules[4].reasons)
    assert "hoofdofficier" in table.default.authority.lower()


def test_notes_record_rule_changes_and_open_points(plan: Plan) -> None:
    """Notes record rule changes and open points."""
    changes = " ".join(note.text for note in plan.notes if note.kind == "wijziging")
    for year in ("2008", "2013", "2015", "2023", "2026"):
        assert year in changes
    assert "eenduidig gezag" in changes
    assert len([note for note in plan.notes if note.kind == "open-punt"]) >= 6


def test_actions_come_in_order_of_urgency(plan: Plan) -> None:
    """Actions come in order of urgency."""
    answers = {**CORE_ONLY, "acuut-gevaar": "ja", "dreiging-leven": "ja"}
    ranks = [
        plan.urgency_rank[action.urgency] for action in scripted_outcome(plan, answers).actions
    ]
    assert ranks == sorted(ranks)
    assert ranks[0] == 0


# --- example answer files -------------------------------------------------------------------


def test_the_shipped_examples_are_the_documented_three() -> None:
    """The shipped examples are the documented three."""
    assert {path.name for path in EXAMPLES.glob("*.yaml")} == set(EXPECTED_EXAMPLES)


@pytest.mark.parametrize("path", _example_params())
def test_example_gives_the_outcome_its_comment_describes(plan: Plan, path: Path) -> None:
    """Example gives the outcome its comment describes."""
    verdict, involvement, present, absent = EXPECTED_EXAMPLES[path.name]
    result = _assess_file(plan, path)
    assert result.verdict.domain.id == verdict
    assert {rule.id for rule in result.involvement} >= involvement
    actions = {action.id for action in result.actions}
    assert present - actions == set()
    assert absent & actions == set()
    assert not set(result.walk.assumed) & set(PUBLIC)


def test_the_first_choice_never_puts_a_local_office_holder_in_the_rijksdomein(plan: Plan) -> None:
    # In the wizard the pointer starts on the first choice: pressing Enter without reading
    # must not produce a landelijk verdict; only the NCTV puts a local office holder there.
    """The first choice never puts a local office holder in the rijksdomein."""
    assert plan.step_index["rijksdomein-persoon"].choices[0].value != "ja"


# --- plan 2.0: length, order, roles, endings ----------------------------------------------------


def test_a_threat_by_mail_without_a_threat_to_life_needs_at_most_15_actions(plan: Plan) -> None:
    answers = {**CORE_ONLY, "motief": "besluit-of-beleid", "kanaal": ("e-mail",)}
    assert len(scripted_outcome(plan, answers).actions) <= 15


def test_the_first_actions_of_an_acute_case_are_about_safety(plan: Plan) -> None:
    answers = {
        **CORE_ONLY,
        "acuut-gevaar": "ja",
        "gemeentehuis": "ja",
        "incident": ("fysiek-geweld", "bedreiging"),
        "dreiging-leven": "ja",
    }
    actions = scripted_outcome(plan, answers).actions
    first = [action.phase for action in actions[:6]]
    assert first == ["veiligheid"] * 5 + ["dreiging-en-maatregelen"], first
    phases = [action.phase for action in actions]
    assert phases.index("kosten") > phases.index("nazorg") > phases.index("melden")
    assert (
        phases.index("melden") > phases.index("aangifte") > phases.index("dreiging-en-maatregelen")
    )


def test_family_threat_assumes_the_family_is_involved(plan: Plan) -> None:
    done = walk(plan, {**CORE_ONLY, "incident": ("bedreiging-gezin",)}, assume_defaults=True)
    assert done.answers["gezin-betrokken"] == "ja"
    assert "gezin-betrokken" in done.assumed


def test_an_office_related_motive_assumes_a_link_with_the_office(plan: Plan) -> None:
    done = walk(plan, {**CORE_ONLY, "motief": "ondermijning"}, assume_defaults=True)
    assert done.answers["functie-relatie"] == "ja"
    done = walk(plan, {**CORE_ONLY, "motief": "persoonlijk"}, assume_defaults=True)
    assert done.answers["functie-relatie"] == "onbekend"


@pytest.mark.parametrize("field", ["doelwit", "gezinslid-van"])
def test_other_office_holders_get_an_ending_with_their_own_route(plan: Plan, field: str) -> None:
    answers = {"acuut-gevaar": "nee", field: "andere-ambtsdrager"}
    if field == "gezinslid-van":
        answers["doelwit"] = "gezinslid"
    outcome = scripted_outcome(plan, answers)
    assert outcome.verdict.domain.id == "buiten-plan"
    assert [action.id for action in outcome.actions] == ["andere-route"]
    details = outcome.actions[0].details
    for where in ("provincie", "waterschap", "team Bedreigde Politici", "0900-8844"):
        assert where in details


def test_every_question_has_a_real_explanation(plan: Plan) -> None:
    """'Meer uitleg' explains every question of the default plan, beyond its short hint."""
    for step in plan.steps:
        explanation = step.explanation or ""
        assert len(explanation) >= 200, step.id
        assert explanation != (step.help or ""), step.id
