"""Local agreements (afspraken.yaml): reading, checking, writing, and contacts in the output."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stappenplan.afspraken.check import check_afspraken, load_afspraken, read_afspraken
from stappenplan.afspraken.model import (
    LAST_MUNICIPAL_ELECTION,
    Afspraken,
    AfsprakenError,
    Arrangements,
    Person,
    RoleContact,
    is_dutch_phone,
    is_email,
)
from stappenplan.afspraken.template import afspraken_to_yaml, contact_texts, contacts_markdown
from stappenplan.plan.documents import parse_document
from stappenplan.plan.loader import load_plan

Cli = Callable[..., Any]

HERE = Path(__file__).parent / "fixtures" / "afspraken"
PLAN = str(HERE / "plan.yaml")
COMPLETE = HERE / "complete.yaml"
EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "afspraken" / "afspraken.voorbeeld.yaml"
)
TODAY = dt.date(2026, 11, 28)
SET = ("--set", "wat=dreiging", "--no-input")


@pytest.fixture(autouse=True)
def _no_ambient_afspraken(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No afspraken file from the environment or the working directory, unless a test adds one."""
    monkeypatch.delenv("STAPPENPLAN_AFSPRAKEN", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def plan() -> Any:
    return load_plan(Path(PLAN)).plan


def _variant(tmp_path: Path, old: str, new: str, name: str = "afspraken.yaml") -> Path:
    """A copy of the complete fixture with one piece of text replaced."""
    text = COMPLETE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _filled(afspraken: Afspraken) -> Afspraken:
    """The same afspraken without the blank role entries that a written file lists."""
    roles = {key: value for key, value in afspraken.roles.items() if value != RoleContact()}
    return afspraken.model_copy(update={"roles": roles})


def _problems(path: Path, plan: Any, today: dt.date = TODAY) -> list[str]:
    return [str(problem) for problem in check_afspraken(read_afspraken(path), plan, today=today)]


# --- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "010-0000001",
        "0100000001",
        "06-00000002",
        "06 000 000 02",
        "(010) 000 00 01",
        "010.000.00.01",
        "+31 6 00000002",
        "+31 (0)6 00000002",
        "+31100000001",
        "0031 10 0000001",
        "112",
        "0800-0000",
        "0900-8844",
        "0900 1234567",
        "14 010",
        "14 0111",
    ],
)
def test_dutch_phone_numbers_are_accepted(number: str) -> None:
    """Dutch phone numbers are accepted."""
    assert is_dutch_phone(number)


@pytest.mark.parametrize(
    "number",
    [
        "555-1234",
        "06-0000000",  # nine digits
        "06-000000001",  # eleven digits
        "0010000001",  # 00 is the international prefix
        "+32 2 000 00 00",  # Belgian
        "+31 06 00000002",  # +31 followed by the trunk 0 without brackets
        "113",
        "0800-000",
        "06-0000000a",
        "",
    ],
)
def test_other_phone_numbers_are_refused(number: str) -> None:
    """Other phone numbers are refused."""
    assert not is_dutch_phone(number)


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("a.voorbeeld@proefdorp.example", True),
        ("griffie+raad@sub.proefdorp.nl", True),
        ("geen-apenstaart.nl", False),
        ("twee@@proefdorp.nl", False),
        ("spatie in@proefdorp.nl", False),
        ("naam@zonderpunt", False),
        ("naam@.proefdorp.nl", False),
    ],
)
def test_email_addresses(address: str, valid: bool) -> None:
    """Valid e-mail addresses are accepted and malformed ones refused."""
    assert is_email(address) is valid


# --- init -------------------------------------------------------------------------------------


def test_init_template_lists_every_role_of_the_default_plan(cli: Cli, tmp_path: Path) -> None:
    """Init template lists every role of the default plan."""
    result = cli("afspraken", "init", "--no-input")
    assert result.code == 0, result.err
    path = tmp_path / "afspraken.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Geschreven: afspraken.yaml" in result.err
    plan = load_plan().plan
    data = parse_document(path.read_text(encoding="utf-8"), "afspraken.yaml").data
    assert list(data["roles"]) == [role.id for role in plan.roles]
    assert all(
        entry
        == {
            "name": "",
            "phone": "",
            "email": "",
            "deputy": dict.fromkeys(("name", "phone", "email"), ""),
        }
        for entry in data["roles"].values()
    )
    assert data["last_election"] == LAST_MUNICIPAL_ELECTION
    assert data["reviewed"] is None
    template = read_afspraken(path).afspraken
    assert template == Afspraken(roles=dict.fromkeys(data["roles"], RoleContact()))
    for role in plan.roles:
        assert f"  # {role.label}\n  {role.id}:\n" in path.read_text(encoding="utf-8")


def test_init_refuses_to_overwrite_without_force(cli: Cli, tmp_path: Path) -> None:
    """Init refuses to overwrite without force."""
    target = tmp_path / "eigen.yaml"
    target.write_text("municipality: Bewaard\n")
    refused = cli("afspraken", "init", "--no-input", "--output", str(target))
    assert refused.code == 2
    assert f"{target}: bestaat al; kies een andere naam of gebruik --force" in refused.err
    assert target.read_text() == "municipality: Bewaard\n"
    forced = cli("afspraken", "init", "--no-input", "--output", str(target), "--force")
    assert forced.code == 0, forced.err
    assert "roles:" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


INTERVIEW = [
    "Proefdorp",  # municipality
    # bode
    "Anne Voorbeeld",
    "555-1234",  # refused, asked again
    "010-000 00 01",
    "anne@",  # refused, asked again
    "a.voorbeeld@proefdorp.example",
    "Bram Proef",  # deputy
    "06-000 000 02",
    "",  # no e-mail for the deputy
    # griffier: later
    "",
    # getuige: changes per incident
    "-",
    # archivaris: name only, no deputy
    "Eva Concept",
    "",
    "",
    "",
    # arrangements
    "De gemeentesecretaris",
    "Gemeentehuis, Proefplein 1",
    "",
    "Overleg vooraf met de politie",
    # election date: Enter keeps the default
    "",
]


def test_interactive_init_writes_the_answers(cli: Cli, tmp_path: Path) -> None:
    """Interactive init writes the answers."""
    result = cli("afspraken", "init", "--steps", PLAN, stdin="\n".join(INTERVIEW) + "\n")
    assert result.code == 0, result.err
    assert "Niet overgenomen: '555-1234' is geen geldig Nederlands telefoonnummer" in result.out
    assert "Niet overgenomen: 'anne@' is geen geldig e-mailadres" in result.out
    path = tmp_path / "afspraken.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    written = read_afspraken(path).afspraken
    assert list(written.roles) == ["bode", "griffier", "getuige", "archivaris"]
    assert _filled(written) == Afspraken(
        municipality="Proefdorp",
        reviewed=dt.date.today(),
        last_election=LAST_MUNICIPAL_ELECTION,
        roles={
            "bode": RoleContact(
                name="Anne Voorbeeld",
                phone="010-000 00 01",
                email="a.voorbeeld@proefdorp.example",
                deputy=Person(name="Bram Proef", phone="06-000 000 02"),
            ),
            "getuige": RoleContact(per_incident=True),
            "archivaris": RoleContact(name="Eva Concept"),
        },
        arrangements=Arrangements(
            report_on_behalf="De gemeentesecretaris",
            domicile_address="Gemeentehuis, Proefplein 1",
            risky_meetings="Overleg vooraf met de politie",
        ),
    )


def test_interactive_init_stopped_early_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    """Interactive init stopped early writes nothing."""
    result = cli("afspraken", "init", "--steps", PLAN, stdin="Proefdorp\nAnne Voorbeeld\n")
    assert result.code == 1
    assert "De invoer hield op voordat alle vragen beantwoord waren; er is niets geschreven." in (
        result.err
    )
    assert not (tmp_path / "afspraken.yaml").exists()


def test_written_file_reads_back_unchanged(plan: Any) -> None:
    """Written file reads back unchanged."""
    tricky = Afspraken(
        municipality='Dorp "aan Zee": # geen commentaar',
        reviewed=dt.date(2026, 5, 1),
        last_election=dt.date(2025, 11, 26),
        roles={
            "bode": RoleContact(
                name="Zoë 'Bode' d'Éon",
                phone="+31 (0)10 000 00 01",
                deputy=Person(name="- streepje", phone="112"),
            ),
            "onbekend": RoleContact(per_incident=True),
        },
        arrangements=Arrangements(risky_meetings="Regel 1\nRegel 2: met dubbele punt"),
    )
    text = afspraken_to_yaml(plan, tricky)
    document = parse_document(text, "x.yaml")
    assert _filled(Afspraken.model_validate(document.data)) == tricky


# --- check: the pure function -----------------------------------------------------------------


def test_complete_file_has_no_problems(plan: Any) -> None:
    """Complete file has no problems."""
    assert _problems(COMPLETE, plan) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '  griffier:\n    name: "Carla Schets"\n    phone: "+31 6 00000003"\n',
            '  griffier:\n    name: "Carla Schets"\n',
            "afspraken.yaml:13: rol 'griffier' (Griffier): telefoonnummer ontbreekt [missing-contact]",
        ),
        (
            '    name: "Carla Schets"\n',
            "",
            "afspraken.yaml:13: rol 'griffier' (Griffier): naam ontbreekt [missing-contact]",
        ),
        (
            "  getuige:\n    per_incident: true\n",
            "",
            "afspraken.yaml: rol 'getuige' (Wie erbij is): nog geen contactpersoon afgesproken "
            "[missing-contact]",
        ),
        (
            "  getuige:\n    per_incident: true\n",
            "  getuige:\n    name: ''\n",
            "afspraken.yaml:19: rol 'getuige' (Wie erbij is): nog geen contactpersoon afgesproken "
            "[missing-contact]",
        ),
        (
            '    deputy:\n      name: "Daan Ontwerp"\n      phone: "0031 (0)10 0000004"\n',
            "",
            "afspraken.yaml:13: waarschuwing: rol 'griffier' (Griffier): geen plaatsvervanger met "
            "naam en telefoonnummer [missing-deputy]",
        ),
        (
            'municipality: "Proefdorp"',
            'municipality: ""',
            "afspraken.yaml:1: naam van de gemeente (municipality) ontbreekt [missing-municipality]",
        ),
        (
            '  security_budget: "Post Veiligheid bestuurders"\n',
            "",
            "afspraken.yaml: lokale afspraak ontbreekt: Begrotingspost voor "
            "beveiligingsmaatregelen (security_budget) [missing-arrangement]",
        ),
        (
            "reviewed: 2026-04-01",
            "reviewed:",
            "afspraken.yaml:2: datum van de laatste herziening (reviewed) ontbreekt "
            "[missing-review]",
        ),
        (
            "reviewed: 2026-04-01",
            "reviewed: 2026-12-01",
            "afspraken.yaml:2: de datum van de laatste herziening (1 december 2026) ligt in de "
            "toekomst [review-in-future]",
        ),
        (
            "last_election: 2026-03-18",
            "last_election: 2030-03-20",
            "afspraken.yaml:3: de datum van de laatste verkiezingen (20 maart 2030) ligt in de "
            "toekomst [election-in-future]",
        ),
        (
            "  griffier:",
            "  grifier:",
            "afspraken.yaml:13: rol 'grifier' komt niet voor in het plan; bedoelde u 'griffier'? "
            "rollen: bode, griffier, getuige, archivaris [unknown-role]",
        ),
    ],
)
def test_each_problem_kind(plan: Any, tmp_path: Path, old: str, new: str, expected: str) -> None:
    """Every kind of problem in an afspraken file is reported with its code."""
    _variant(tmp_path, old, new)
    assert expected in _problems(Path("afspraken.yaml"), plan)


def test_unknown_role_also_reports_the_role_it_should_have_been(plan: Any, tmp_path: Path) -> None:
    """Unknown role also reports the role it should have been."""
    _variant(tmp_path, "  griffier:", "  grifier:")
    problems = _problems(Path("afspraken.yaml"), plan)
    assert [problem.rsplit("[", 1)[1] for problem in problems] == [
        "unknown-role]",
        "missing-contact]",
    ]


def test_review_a_year_old_is_fine_a_day_more_is_not(plan: Any) -> None:
    # The fixture was reviewed on 1 April 2026, after the election of 18 March 2026.
    """Review a year old is fine a day more is not."""
    assert _problems(COMPLETE, plan, today=dt.date(2027, 4, 1)) == []
    assert _problems(COMPLETE, plan, today=dt.date(2027, 4, 2)) == [
        f"{COMPLETE}:2: waarschuwing: de afspraken zijn voor het laatst herzien op 1 april "
        "2026, meer dan een jaar geleden; loop ze opnieuw na [review-outdated]"
    ]


def test_review_before_the_election_is_a_warning(plan: Any, tmp_path: Path) -> None:
    """Review before the election is a warning."""
    _variant(tmp_path, "reviewed: 2026-04-01", "reviewed: 2026-01-15")
    assert _problems(Path("afspraken.yaml"), plan, today=dt.date(2026, 6, 1)) == [
        "afspraken.yaml:2: waarschuwing: de afspraken zijn herzien op 15 januari 2026, vóór de "
        "gemeenteraadsverkiezingen van 18 maart 2026; stel ze opnieuw vast met de nieuwe raad en "
        "het nieuwe college [review-before-election]"
    ]


def test_an_election_date_of_the_file_itself_is_used(plan: Any, tmp_path: Path) -> None:
    """A municipality with herindelingsverkiezingen sets its own date."""
    _variant(tmp_path, "last_election: 2026-03-18", "last_election: 2026-11-25")
    problems = _problems(Path("afspraken.yaml"), plan, today=TODAY)
    assert len(problems) == 1 and "gemeenteraadsverkiezingen van 25 november 2026" in problems[0]


# --- shape errors: file and line --------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    phone: "010-000 00 01"',
            '    telefoon: "010-000 00 01"',
            "afspraken.yaml:7: roles.bode.telefoon: onbekende sleutel 'telefoon'; toegestaan: "
            "name, phone, email, per_incident, deputy",
        ),
        (
            '      name: "Bram Proef"',
            '      naam: "Bram Proef"',
            "afspraken.yaml:10: roles.bode.deputy.naam: onbekende sleutel 'naam'; toegestaan: "
            "name, phone, email",
        ),
        (
            "arrangements:",
            "afspraken:",
            "afspraken.yaml:21: afspraken: onbekende sleutel 'afspraken'; toegestaan: municipality, "
            "reviewed, last_election, roles, arrangements",
        ),
        (
            '    phone: "+31 6 00000003"',
            '    phone: "555-1234"',
            "afspraken.yaml:15: roles.griffier.phone: '555-1234' is geen geldig Nederlands "
            "telefoonnummer; gebruik 10 cijfers die met 0 beginnen",
        ),
        (
            '    phone: "+31 6 00000003"',
            "    phone: 0100000003",
            "afspraken.yaml:15: roles.griffier.phone: zet het telefoonnummer tussen "
            "aanhalingstekens",
        ),
        (
            '    email: "a.voorbeeld@proefdorp.example"',
            '    email: "a.voorbeeld(at)proefdorp.example"',
            "afspraken.yaml:8: roles.bode.email: 'a.voorbeeld(at)proefdorp.example' is geen geldig "
            "e-mailadres (vorm: naam@domein.nl)",
        ),
        (
            "reviewed: 2026-04-01",
            "reviewed: vorig jaar",
            "afspraken.yaml:2: reviewed: verwacht een datum als JJJJ-MM-DD",
        ),
        (
            "  griffier:",
            "  Griffier:",
            "afspraken.yaml:13: roles.Griffier: 'Griffier' is geen geldige id",
        ),
    ],
)
def test_shape_errors_name_file_and_line(
    tmp_path: Path, cli: Cli, old: str, new: str, expected: str
) -> None:
    """Shape errors name file and line."""
    _variant(tmp_path, old, new)
    with pytest.raises(AfsprakenError) as caught:
        read_afspraken(Path("afspraken.yaml"))
    assert any(str(problem).startswith(expected) for problem in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]
    result = cli("afspraken", "check", "--steps", PLAN)
    assert result.code == 1
    assert expected in result.err


def test_a_file_that_is_no_mapping(tmp_path: Path) -> None:
    """A file that is no mapping."""
    (tmp_path / "afspraken.yaml").write_text("- burgemeester\n")
    with pytest.raises(AfsprakenError) as caught:
        read_afspraken(Path("afspraken.yaml"))
    assert [str(p) for p in caught.value.problems] == [
        "afspraken.yaml:1: verwacht een mapping (sleutel: waarde) [schema]"
    ]


def test_loading_for_a_run_refuses_unknown_roles(plan: Any, tmp_path: Path) -> None:
    """Loading for a run refuses unknown roles."""
    _variant(tmp_path, "  griffier:", "  grifier:")
    with pytest.raises(AfsprakenError) as caught:
        load_afspraken(Path("afspraken.yaml"), plan)
    assert "past niet bij het plan" in caught.value.message
    assert [p.code for p in caught.value.problems] == ["unknown-role"]


# --- check: the command -----------------------------------------------------------------------


def test_check_complete_file_exits_0(cli: Cli, tmp_path: Path) -> None:
    """Check complete file exits 0."""
    _variant(tmp_path, "reviewed: 2026-04-01", f"reviewed: {dt.date.today().isoformat()}")
    result = cli("afspraken", "check", "--steps", PLAN)
    assert result.code == 0, result.out + result.err
    assert result.out == "afspraken.yaml is in orde: 3 van 3 rollen uit het plan afgesproken.\n"


def test_check_with_missing_contacts_exits_1(cli: Cli, tmp_path: Path) -> None:
    """Check with missing contacts exits 1."""
    path = _variant(tmp_path, "  getuige:\n    per_incident: true\n", "", "eigen.yaml")
    result = cli("afspraken", "check", str(path), "--steps", PLAN)
    assert result.code == 1
    assert (
        f"{path}: rol 'getuige' (Wie erbij is): nog geen contactpersoon afgesproken "
        "[missing-contact]\n"
    ) in result.out
    assert result.out.endswith(
        f"{path}: 1 fout(en), 0 waarschuwing(en); 2 van 3 rollen uit het plan afgesproken.\n"
    )


def test_check_with_warnings_only_exits_0_unless_strict(cli: Cli, tmp_path: Path) -> None:
    """Check with warnings only exits 0 unless strict."""
    reviewed = dt.date.today() - dt.timedelta(days=400)
    _variant(tmp_path, "reviewed: 2026-04-01", f"reviewed: {reviewed.isoformat()}")
    result = cli("afspraken", "check", "--steps", PLAN)
    assert result.code == 0, result.out
    assert "[review-outdated]" in result.out
    assert "afspraken.yaml is compleet, met" in result.out
    strict = cli("afspraken", "check", "--steps", PLAN, "--strict")
    assert strict.code == 1
    assert strict.out == result.out


def test_check_reads_the_file_named_in_the_environment(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Check reads the file named in the environment."""
    path = _variant(tmp_path, 'municipality: "Proefdorp"', 'municipality: ""', "elders.yaml")
    monkeypatch.setenv("STAPPENPLAN_AFSPRAKEN", str(path))
    result = cli("afspraken", "check", "--steps", PLAN)
    assert result.code == 1
    assert f"{path}:1: naam van de gemeente (municipality) ontbreekt" in result.out


def test_check_without_a_file(cli: Cli) -> None:
    """afspraken check without a file says which file it looked for."""
    result = cli("afspraken", "check", "--steps", PLAN)
    assert result.code == 1
    assert "afspraken.yaml: bestand niet gevonden" in result.err


def test_the_example_file_fits_the_default_plan() -> None:
    """The example file fits the default plan."""
    plan = load_plan().plan
    file = load_afspraken(EXAMPLE, plan)
    assert check_afspraken(file, plan, today=dt.date(2026, 11, 28)) == []
    assert all(file.afspraken.agreed(role.id) for role in plan.roles)


def test_afspraken_help_is_dutch(cli: Cli) -> None:
    """The help of the afspraken commands is in Dutch."""
    result = cli("afspraken", "--help")
    assert result.code == 0
    assert "Gebruik: stappenplan afspraken [OPTIES] OPDRACHT" in result.out
    assert "init" in result.out and "check" in result.out
    start = cli("start", "--help")
    assert "--afspraken" in start.out and "STAPPENPLAN_AFSPRAKEN" in start.out
    assert "--with-contacts" in start.out


# --- contacts in the outcome ------------------------------------------------------------------


def test_contact_texts(plan: Any) -> None:
    """Each role gets a short contact text: person, number and deputy."""
    texts = contact_texts(read_afspraken(COMPLETE).afspraken, plan)
    assert texts == {
        "bode": "Anne Voorbeeld, 010-000 00 01 (plaatsvervanger: Bram Proef, 06-000 000 02)",
        "griffier": "Carla Schets, +31 6 00000003 (plaatsvervanger: Daan Ontwerp, 0031 (0)10 0000004)",
        "getuige": "wisselt per incident",
    }


def test_text_outcome_shows_person_and_number(cli: Cli) -> None:
    """Text outcome shows person and number."""
    plain = cli("start", "--steps", PLAN, *SET)
    assert plain.code == 0, plain.err
    assert "nog niet afgesproken" not in plain.out and "Anne" not in plain.out
    result = cli("start", "--steps", PLAN, *SET, "--afspraken", str(COMPLETE))
    assert result.code == 0, result.err
    assert f"Afspraken gelezen uit {COMPLETE}." in result.err
    assert "Anne Voorbeeld, 010-000 00 01" in result.out
    assert "Carla Schets, +31 6 00000003" in result.out
    assert "wisselt per incident" in result.out


def test_text_outcome_shows_the_gaps(cli: Cli, tmp_path: Path) -> None:
    """Text outcome shows the gaps."""
    _variant(tmp_path, "  bode:", "  archivaris:")
    result = cli("start", "--steps", PLAN, *SET)  # ./afspraken.yaml is found by itself
    assert result.code == 0, result.err
    assert "Afspraken gelezen uit afspraken.yaml." in result.err
    lines = result.out.splitlines()
    bode = next(i for i, line in enumerate(lines) if "Bel de bode" in line)
    assert "nog niet afgesproken" in lines[bode + 1]


def test_run_with_unknown_role_in_afspraken_stops_with_file_and_line(
    cli: Cli, tmp_path: Path
) -> None:
    """Run with unknown role in afspraken stops with file and line."""
    path = _variant(tmp_path, "  griffier:", "  grifier:")
    result = cli("start", "--steps", PLAN, *SET, "--format", "json", "--afspraken", str(path))
    assert result.code == 1
    assert result.out == ""
    assert "afspraken.yaml:13: rol 'grifier' komt niet voor in het plan" in result.err


def test_json_has_no_contacts_unless_asked(cli: Cli) -> None:
    """Json has no contacts unless asked."""
    result = cli("start", "--steps", PLAN, *SET, "--format", "json", "--afspraken", str(COMPLETE))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert all(list(action)[-1] == "sources" for action in data["actions"])
    assert "Voorbeeld" not in result.out and "010-000" not in result.out


def test_json_with_contacts(cli: Cli) -> None:
    """With --with-contacts the JSON outcome carries the contact per action."""
    result = cli(
        "start",
        "--steps",
        PLAN,
        *SET,
        "-f",
        "json",
        "--afspraken",
        str(COMPLETE),
        "--with-contacts",
    )
    assert result.code == 0, result.err
    contacts = {action["id"]: action["contact"] for action in json.loads(result.out)["actions"]}
    assert contacts == {
        "bel-bode": {
            "agreed": True,
            "per_incident": False,
            "name": "Anne Voorbeeld",
            "phone": "010-000 00 01",
            "email": "a.voorbeeld@proefdorp.example",
            "deputy": {
                "name": "Bram Proef",
                "phone": "06-000 000 02",
                "email": "b.proef@proefdorp.example",
            },
        },
        "noteer": {
            "agreed": True,
            "per_incident": True,
            "name": None,
            "phone": None,
            "email": None,
            "deputy": None,
        },
        "informeer-griffier": {
            "agreed": True,
            "per_incident": False,
            "name": "Carla Schets",
            "phone": "+31 6 00000003",
            "email": None,
            "deputy": {"name": "Daan Ontwerp", "phone": "0031 (0)10 0000004", "email": None},
        },
    }


def test_json_with_contacts_marks_missing_ones(cli: Cli, tmp_path: Path) -> None:
    """Json with contacts marks missing ones."""
    _variant(tmp_path, '    name: "Carla Schets"\n', "")
    result = cli("start", "--steps", PLAN, *SET, "-f", "json", "--with-contacts")
    assert result.code == 0, result.err
    griffier = json.loads(result.out)["actions"][-1]["contact"]
    assert griffier["agreed"] is False and griffier["name"] is None
    assert griffier["phone"] == "+31 6 00000003"


def test_with_contacts_needs_an_afspraken_file(cli: Cli) -> None:
    """With contacts needs an afspraken file."""
    result = cli("start", "--steps", PLAN, *SET, "-f", "json", "--with-contacts")
    assert result.code == 2
    assert "--with-contacts: geen afsprakenbestand gevonden" in result.err


def test_afspraken_file_from_the_environment(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Afspraken file from the environment."""
    monkeypatch.setenv("STAPPENPLAN_AFSPRAKEN", str(COMPLETE))
    result = cli("start", "--steps", PLAN, *SET)
    assert result.code == 0, result.err
    assert "Anne Voorbeeld, 010-000 00 01" in result.out


def test_a_named_afspraken_file_must_exist(cli: Cli) -> None:
    """A named afspraken file must exist."""
    result = cli("start", "--steps", PLAN, *SET, "--afspraken", "weg.yaml")
    assert result.code == 1
    assert "weg.yaml: bestand niet gevonden" in result.err


# --- Markdown ---------------------------------------------------------------------------------


def test_contact_table_markdown(plan: Any) -> None:
    """The contact table in Markdown lists every role of the plan."""
    afspraken = Afspraken(
        municipality="Proefdorp",
        reviewed=dt.date(2026, 4, 1),
        roles={
            "bode": RoleContact(
                name="Anne Voorbeeld",
                phone="010-000 00 01",
                email="anne@proefdorp.example",
                deputy=Person(name="Bram Proef", phone="112"),
            ),
            "getuige": RoleContact(per_incident=True),
            "archivaris": RoleContact(name="Eva Concept"),
        },
        arrangements=Arrangements(security_budget="Post Veiligheid"),
    )
    assert contacts_markdown(afspraken, plan) == (
        "\n"
        "## Afspraken in Proefdorp: wie wordt hoe bereikt\n"
        "\n"
        "Laatst herzien: 1 april 2026. Laatste gemeenteraadsverkiezingen: 18 maart 2026.\n"
        "\n"
        "| Rol | Naam | Telefoon | E-mail | Plaatsvervanger |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Bode | Anne Voorbeeld | 010-000 00 01 | anne@proefdorp.example | Bram Proef, 112 |\n"
        "| Griffier | nog niet afgesproken |  |  |  |\n"
        "| Wie erbij is | wisselt per incident |  |  |  |\n"
        "| Archivaris | Eva Concept | nog niet afgesproken |  | nog niet afgesproken |\n"
        "\n"
        "### Lokale afspraken\n"
        "\n"
        "- **Wie doet aangifte namens de ambtsdrager:** nog niet afgesproken\n"
        "- **Adres voor domiciliekeuze bij aangifte (in plaats van het huisadres):** nog niet "
        "afgesproken\n"
        "- **Begrotingspost voor beveiligingsmaatregelen:** Post Veiligheid\n"
        "- **Werkwijze bij risicovolle raadsvergaderingen:** nog niet afgesproken\n"
    )


def test_contact_table_shows_file_text_literally(plan: Any) -> None:
    """Contact table shows file text literally."""
    from markdown_it import MarkdownIt

    afspraken = Afspraken(
        municipality="Proef *dorp*",
        roles={
            "bode": RoleContact(
                name="A. *Voorbeeld* | <b>vet</b>",
                phone="112",
                email="a_voorbeeld_x@proefdorp.example",
            )
        },
        arrangements=Arrangements(security_budget="Post `Veiligheid` [link](https://x.example)"),
    )
    markdown = contacts_markdown(afspraken, plan)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    assert sum(t.type == "tr_open" for t in tokens) == 1 + len(plan.roles)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<td>A. *Voorbeeld* | &lt;b&gt;vet&lt;/b&gt;</td>" in html
    assert "<td>a_voorbeeld_x@proefdorp.example</td>" in html
    assert "Proef *dorp*" in html
    assert "Post `Veiligheid` [link](https://x.example)" in html
    assert "<em>" not in html and "<code>" not in html and "<a " not in html


def test_show_appends_the_contact_table(cli: Cli) -> None:
    """Show appends the contact table."""
    plain = cli("show", "--steps", PLAN)
    assert plain.code == 0, plain.err
    assert "Plaatsvervanger" not in plain.out
    result = cli("show", "--steps", PLAN, "--afspraken", str(COMPLETE))
    assert result.code == 0, result.err
    assert result.out.startswith(plain.out)
    assert result.out[len(plain.out) :] == contacts_markdown(
        read_afspraken(COMPLETE).afspraken, load_plan(Path(PLAN)).plan
    )


def test_markdown_report_names_the_contacts(cli: Cli) -> None:
    """Markdown report names the contacts."""
    result = cli("start", "--steps", PLAN, *SET, "-f", "markdown", "--afspraken", str(COMPLETE))
    assert result.code == 0, result.err
    assert "Anne Voorbeeld, 010-000 00 01" in result.out
    assert "wisselt per incident" in result.out
    partial = Path("afspraken.yaml")
    partial.write_text('roles:\n  bode:\n    name: "Anne Voorbeeld"\n    phone: "112"\n')
    gaps = cli("start", "--steps", PLAN, *SET, "-f", "markdown")
    assert gaps.code == 0, gaps.err
    assert "nog niet afgesproken" in gaps.out


def test_a_broken_afspraken_file_in_the_folder_does_not_stop_start(
    cli: Cli, tmp_path: Path
) -> None:
    # Found in the working folder, not asked for: the run goes on, with a clear warning.
    """A broken afspraken file in the folder does not stop start."""
    (tmp_path / "afspraken.yaml").write_text("- burgemeester\n")
    result = cli("start", "--steps", PLAN, *SET, "--format", "json")
    assert result.code == 0, result.err
    assert "afspraken.yaml is niet gebruikt, want het klopt niet" in result.err
    assert "afspraken.yaml:1: verwacht een mapping" in result.err
    assert "stappenplan afspraken check" in result.err
    assert "contact" not in json.loads(result.out)["actions"][0]


def test_a_broken_afspraken_file_given_explicitly_is_an_error(cli: Cli, tmp_path: Path) -> None:
    """A broken afspraken file given explicitly is an error."""
    path = tmp_path / "eigen.yaml"
    path.write_text("- burgemeester\n")
    result = cli("start", "--steps", PLAN, *SET, "--afspraken", str(path), "--format", "json")
    assert result.code == 1
    assert result.out == ""
    assert "eigen.yaml:1: verwacht een mapping" in result.err
