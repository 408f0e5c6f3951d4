"""Markdown of the plan and of a report, and the Mermaid flowchart: structure, escaping, goldens.

The documents are parsed with markdown-it (CommonMark plus GFM tables), so the tests check what
a reader sees, not how the source happens to look. Golden files: run
`STAPPENPLAN_UPDATE_GOLDEN=1 pytest tests/test_markdown.py` to rewrite them.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from stappenplan.engine import Outcome, outcome, walk
from stappenplan.output.markdown import (
    CONFIDENTIAL,
    INFERRED,
    NO_CONTACT,
    cell,
    inline,
    paragraphs,
    render_report,
)
from stappenplan.output.mermaid import mermaid_text, render_mermaid
from stappenplan.output.plan import render_plan
from stappenplan.plan.graph import walking_order
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.loader import load_plan
from stappenplan.plan.model import Plan

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixtures" / "markdown"
GOLDEN = TESTS / "golden"
EXAMPLES = REPO / "examples"
CREATED = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
MD = MarkdownIt("commonmark").enable("table")


# --- helpers: read a document as markdown-it sees it ------------------------------------------


def parse(text: str) -> list[Token]:
    return MD.parse(text)


def walk_tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from walk_tokens(token.children)


def plain(children: list[Token] | None) -> str:
    """The text a reader sees in an inline run (escapes and entities resolved)."""
    parts = []
    for child in children or []:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def normal(text: str) -> str:
    """Text as the renderer promises to show it: whitespace runs as one space."""
    return " ".join(text.split())


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    return [
        (int(token.tag[1]), plain(tokens[index + 1].children))
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def section(tokens: list[Token], title: str, level: int = 2) -> list[Token]:
    """The tokens under a heading, up to the next heading of the same or a higher level."""
    start = next(
        index
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
        and token.tag == f"h{level}"
        and plain(tokens[index + 1].children) == title
    )
    end = next(
        (
            index
            for index in range(start + 3, len(tokens))
            if tokens[index].type == "heading_open" and int(tokens[index].tag[1]) <= level
        ),
        len(tokens),
    )
    return tokens[start + 3 : end]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts; the header row first."""
    found: list[list[list[str]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in ("th_open", "td_open"):
            found[-1][-1].append(plain(tokens[index + 1].children))
    return found


def raw_cells(line: str) -> int:
    """How many cells a GFM table line has: pipes not escaped by an odd run of backslashes."""
    count, backslashes = 0, 0
    for char in line.strip().strip("|"):
        if char == "|" and backslashes % 2 == 0:
            count += 1
        backslashes = backslashes + 1 if char == "\\" else 0
    return count + 1


def github_anchors(tokens: list[Token]) -> set[str]:
    """Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces to '-'."""
    seen: dict[str, int] = {}
    anchors = set()
    for _, text in headings(tokens):
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def assert_sound(text: str) -> list[Token]:
    """No raw HTML anywhere, every table line has as many cells as its header, links are safe."""
    tokens = parse(text)
    kinds = {token.type for token in walk_tokens(tokens)}
    assert not kinds & {"html_block", "html_inline"}
    lines = text.splitlines()
    for token in tokens:
        if token.type == "table_open":
            assert token.map is not None
            start, end = token.map
            header = raw_cells(lines[start])
            assert all(raw_cells(line) == header for line in lines[start:end] if line.strip())
    for token in walk_tokens(tokens):
        if token.type == "link_open":
            href = str(token.attrs["href"])
            assert href.startswith(("#", "https://", "http://")), href
    return tokens


def answers_of(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data["answers"].items()}


def assess(loaded: LoadedPlan, answers: Mapping[str, Any]) -> Outcome:
    done = walk(loaded.plan, answers, assume_defaults=True)
    assert done.complete
    return outcome(loaded.plan, done, answers)


@pytest.fixture(scope="module")
def fixture_plan() -> LoadedPlan:
    return load_plan(FIXTURE)


@pytest.fixture(scope="module")
def plan_md(fixture_plan: LoadedPlan) -> str:
    return render_plan(fixture_plan)


FIXTURE_ANSWERS: dict[str, Any] = {
    "start-vraag": "ja",
    "wie": "twee",
    "wat": ("dreiging", "schade"),
    "schade-vraag": "groot",
    "van-wie": "een",
}


@pytest.fixture(scope="module")
def fixture_outcome(fixture_plan: LoadedPlan) -> Outcome:
    return assess(fixture_plan, FIXTURE_ANSWERS)


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare with tests/golden/NAME byte for byte; STAPPENPLAN_UPDATE_GOLDEN=1 rewrites it."""
    update = os.environ.get("STAPPENPLAN_UPDATE_GOLDEN") == "1"

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            return
        assert path.exists(), f"{path} ontbreekt; maak hem met STAPPENPLAN_UPDATE_GOLDEN=1"
        assert text.encode("utf-8") == path.read_bytes(), (
            f"{name} wijkt af; bekijk de wijziging en vernieuw met STAPPENPLAN_UPDATE_GOLDEN=1"
        )

    return check


# --- escaping -------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "a | b | c",
    "*vet* en _schuin_ en **sterk**",
    "`code` en ``meer``",
    "regel een\nregel twee\n\nalinea",
    "# kop #",
    "- lijst",
    "+ lijst",
    "1. genummerd",
    "12) genummerd",
    "> citaat",
    "---",
    "===",
    "[klik](javascript:alert(1)) ![x](y) <https://x.org>",
    "&lt; &amp; &#60; &copy;",
    "a\\",
    "\\| achter een backslash",
    "~~weg~~ ~~~",
    "<!-- commentaar -->",
    "    ingesprongen code",
    "trailing spaces  ",
    "[x]: https://example.org",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_reads_back_as_itself_without_html(text: str) -> None:
    """Inline text reads back as itself without html."""
    tokens = assert_sound(inline(text) + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert plain(tokens[1].children) == normal(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_cell_keeps_the_table_shape(text: str) -> None:
    """Cell keeps the table shape."""
    document = f"| a | b |\n| --- | --- |\n| {cell(inline(text))} | x |\n"
    found = tables(assert_sound(document))
    assert found == [[["a", "b"], [normal(text), "x"]]]


PRINTABLE = st.text(
    alphabet=st.sampled_from([*"ab1 \n\t.-+=#*_`[]()<>&;|\\!~:>\"'", "é", "—", "⚠"]),
    min_size=1,
    max_size=40,
).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(PRINTABLE)
def test_any_text_survives_as_paragraph_heading_list_item_and_cell(text: str) -> None:
    """Any text survives as paragraph heading list item and cell."""
    expected = normal(text)
    escaped = inline(text)
    assert "\n" not in escaped
    documents = {
        "paragraph": f"{escaped}\n",
        "heading": f"### {escaped}\n",
        "item": f"- [ ] **{escaped}** — x\n",
        "cell": f"| a |\n| --- |\n| {cell(escaped)} |\n",
    }
    for kind, document in documents.items():
        tokens = assert_sound(document)
        inlines = [token for token in tokens if token.type == "inline"]
        if kind == "paragraph":
            assert plain(inlines[0].children) == expected if expected else not inlines
        elif kind == "heading":
            assert plain(inlines[0].children) == expected
        elif kind == "item":
            assert plain(inlines[0].children) == f"[ ] {expected} — x"
        else:
            assert tables(tokens) == [[["a"], [expected]]]


def test_paragraphs_split_on_blank_lines_only() -> None:
    """Paragraphs split on blank lines only."""
    assert paragraphs("een\ntwee\n\n  \ndrie <b>\n") == ["een twee", "drie &lt;b&gt;"]
    assert paragraphs("") == []


def test_control_and_bidi_characters_are_dropped() -> None:
    """Control and bidi characters are dropped."""
    assert inline("a\x1b[31mb\u202ec") == "a\\[31mbc"


def test_github_only_syntax_is_escaped_too() -> None:
    # Strikethrough and math are not CommonMark, so the parser above cannot see them.
    """Github only syntax is escaped too."""
    assert inline("~~weg~~ kost $5 of $10") == "\\~\\~weg\\~\\~ kost \\$5 of \\$10"


# --- the plan ---------------------------------------------------------------------------------


def test_plan_sections_in_order(plan_md: str, fixture_plan: LoadedPlan) -> None:
    """The printed plan has its sections in the agreed order."""
    found = headings(assert_sound(plan_md))
    assert found[0] == (1, normal(fixture_plan.plan.plan.title))
    assert [text for level, text in found if level == 2] == [
        "Bronnen",
        "Rollen",
        "Stroomschema",
        "Vragen",
        "Acties",
        "Domein",
        "Landelijke betrokkenheid",
        "Notities",
    ]


def test_plan_header_names_version_reference_date_and_short_hash(
    plan_md: str, fixture_plan: LoadedPlan
) -> None:
    """Plan header names version reference date and short hash."""
    assert "- Plan: `vijandig`, versie 2.0 &lt;b&gt;\n" in plan_md
    assert "- Peildatum: 1 maart 2026\n" in plan_md
    assert f"- Vingerafdruk (sha256): `{fixture_plan.sha256[:12]}`\n" in plan_md
    assert fixture_plan.sha256 not in plan_md


def test_steps_in_walking_order_then_unreachable(plan_md: str, fixture_plan: LoadedPlan) -> None:
    # 'wat' routes to 'slot' before 'schade-vraag', but 'schade-vraag' also leads to 'slot':
    # a walk meets 'schade-vraag' first. 'los' is unreachable and comes last.
    """Steps in walking order then unreachable."""
    order = ["start-vraag", "wie", "van-wie", "wat", "schade-vraag", "slot", "los"]
    assert [step.id for step in walking_order(fixture_plan.plan)] == order
    steps = section(parse(plan_md), "Vragen")
    assert [text for level, text in headings(steps) if level == 3] == [
        f"Stap {number}: {step_id}" for number, step_id in enumerate(order, 1)
    ]
    los = section(steps, "Stap 7: los", level=3)
    assert "Geen doorloop komt bij deze vraag" in "".join(t.content for t in los)


def test_each_step_shows_its_question_and_a_row_per_answer(
    plan_md: str, fixture_plan: LoadedPlan
) -> None:
    """Each step shows its question and a row per answer."""
    steps = section(parse(plan_md), "Vragen")
    for number, step in enumerate(walking_order(fixture_plan.plan), 1):
        body = section(steps, f"Stap {number}: {step.id}", level=3)
        assert plain(body[1].children) == normal(step.question)
        (table,) = tables(body)
        assert table[0] == ["Antwoord", "Volgende vraag", "Voegt toe"]
        expected = [
            normal(f"{c.label} ({c.value})" + (f": {c.help}" if c.help else ""))
            for c in step.choices
        ]
        assert [row[0] for row in table[1:]] == (expected or ["(geen keuzes)"])


def test_routing_per_answer_or_by_condition(plan_md: str) -> None:
    """Routing per answer or by condition."""
    steps = section(parse(plan_md), "Vragen")
    wie = tables(section(steps, "Stap 2: wie", level=3))[0]
    assert [row[1] for row in wie[1:]] == ["wat", "wat", "van-wie"]
    schade = tables(section(steps, "Stap 5: schade-vraag", level=3))[0]
    assert schade[1][1] == "als wie = twee → slot; anders → einde"
    wat = tables(section(steps, "Stap 4: wat", level=3))[0]
    assert wat[1][1] == "als wat: geen van [schade] → slot; anders → schade-vraag"
    slot = tables(section(steps, "Stap 6: slot", level=3))[0]
    assert [row[1] for row in slot[1:]] == ["einde", "einde"]


def test_answers_show_the_actions_they_add(plan_md: str) -> None:
    """Answers show the actions they add."""
    steps = parse(plan_md)
    start = tables(section(section(steps, "Vragen"), "Stap 1: start-vraag", level=3))[0]
    assert start[1][2] == "Bel *hulp* <script>alert(1)</script>"
    assert start[2][2] == ""
    wat = section(section(steps, "Vragen"), "Stap 4: wat", level=3)
    always = [plain(t.children) for t in wat if t.type == "inline"][-1]
    assert always == "Bij elk antwoord: 1. Registreer (altijd)"


def test_step_links_resolve_to_step_anchors(plan_md: str, fixture_plan: LoadedPlan) -> None:
    """Step links resolve to step anchors."""
    tokens = parse(plan_md)
    anchors = github_anchors(tokens)
    links = [
        str(token.attrs["href"])[1:]
        for token in walk_tokens(tokens)
        if token.type == "link_open" and str(token.attrs["href"]).startswith("#")
    ]
    assert links
    assert set(links) <= anchors
    linked = {link.split("-", 2)[2] for link in links}
    assert linked == {"wie", "van-wie", "wat", "schade-vraag", "slot"}


def test_action_catalogue_grouped_by_phase(plan_md: str, fixture_plan: LoadedPlan) -> None:
    """Action catalogue grouped by phase."""
    actions = section(parse(plan_md), "Acties")
    found = [(level, text) for level, text in headings(actions)]
    assert found == [
        (3, "Eerst <i>"),
        (4, "Bel *hulp* <script>alert(1)</script>"),
        (4, "Actie die niets toevoegt"),
        (3, "Daarna `nu`"),
        (4, "Meld [het] bij de griffier"),
        (4, "Overleg landelijk"),
        (3, "Zonder fase"),
        (4, "1. Registreer (altijd)"),
    ]
    bel = section(actions, "Bel *hulp* <script>alert(1)</script>", level=4)
    texts = [plain(t.children) for t in bel if t.type == "inline"]
    assert texts == [
        "Eerste regel | met pipe # geen kop - geen lijst `code` en [link](https://example.org)",
        "Id: bel-hulp",
        "Wie: Bode | portier <b>",
        "Urgentie: Direct *nu*",
        "Domein: lokaal (decentraal)",
        "Bronnen: bron-a §2 — Bron A | met pipe en <em>regel</em>",
        "Toegevoegd door: start-vraag = ja",
    ]


def test_catalogue_shows_conditions_triggers_and_inferred_marks(plan_md: str) -> None:
    """Catalogue shows conditions triggers and inferred marks."""
    actions = section(parse(plan_md), "Acties")

    def facts(title: str) -> list[str]:
        return [plain(t.children) for t in section(actions, title, level=4) if t.type == "inline"]

    assert "Voorwaarde: wie = twee" in facts("Meld [het] bij de griffier")
    assert "Toegevoegd door: domeinregel twee-landelijk" in facts("Overleg landelijk")
    assert "Wie: onbekende-rol" in facts("Overleg landelijk")
    registreer = facts("1. Registreer (altijd)")
    assert "Toegevoegd door: wat (elk antwoord)" in registreer
    assert registreer[-1] == INFERRED
    assert INFERRED not in facts("Overleg landelijk")
    assert "⚠ Geen antwoord en geen regel voegt deze actie toe." in facts(
        "Actie die niets toevoegt"
    )


def test_inferred_mark_once_per_inferred_item(plan_md: str, fixture_plan: LoadedPlan) -> None:
    """Inferred mark once per inferred item."""
    plan = fixture_plan.plan
    inferred = [
        *(s for s in plan.steps if s.inferred),
        *(a for a in plan.actions if a.inferred),
        *(r for r in (*plan.verdict.rules, plan.verdict.default) if r.inferred),
        *(i for i in plan.involvement if i.inferred),
    ]
    assert len(inferred) == 4
    assert plan_md.count(INFERRED) == len(inferred)


def test_verdict_and_involvement_tables(plan_md: str) -> None:
    """Verdict and involvement tables."""
    tokens = parse(plan_md)
    verdict, domains = tables(section(tokens, "Domein"))
    assert verdict[0] == [
        "Regel",
        "Voorwaarde",
        "Domein",
        "Gezag",
        "Redenen",
        "Bronnen",
        "Voegt toe",
    ]
    assert [row[:3] for row in verdict[1:]] == [
        ["1 twee-landelijk", "wie = twee", "landelijk | Rijk"],
        [
            "2 gezin-lokaal",
            "wie = gezin en niet (van-wie = twee)",
            f"lokaal (decentraal) {INFERRED}",
        ],
        ["– standaard", "anders (standaard)", "lokaal (decentraal)"],
    ]
    assert verdict[1][3:] == [
        "Rijk | NCTV",
        "Twee is *landelijk* <b>. Tweede | reden",
        "bron-a §5",
        "Overleg landelijk",
    ]
    assert domains == [
        ["Domein", "Gezag"],
        ["lokaal (decentraal)", "Gemeente <i>"],
        ["landelijk | Rijk", "NCTV"],
    ]
    (involvement,) = tables(section(tokens, "Landelijke betrokkenheid"))
    assert involvement == [
        ["Regel", "Voorwaarde", "Betrokkenheid", "Bronnen", "Voegt toe"],
        [
            "1 schade-landelijk",
            "wat: alle van [dreiging, schade]",
            f"Landelijke voorziening | mogelijk <script> {INFERRED}",
            "bron-b §7",
            "",
        ],
    ]


def test_sources_roles_and_notes(plan_md: str) -> None:
    """The printed plan lists sources, roles and notes."""
    tokens = parse(plan_md)
    (sources,) = tables(section(tokens, "Bronnen"))
    assert sources[1] == [
        "bron-a",
        "Bron A | met pipe en <em>regel</em>",
        "1 juni 2015",
        "https://example.org/a?x=1&y=2",
        "",
    ]
    # An unsafe address is shown as text, never as a link.
    assert sources[2][3] == "javascript:alert(1)"
    (roles,) = tables(section(tokens, "Rollen"))
    assert roles[1] == ["Bode | portier <b>", "bode", "Staat *bij* de deur", ""]
    notes = section(tokens, "Notities")
    assert headings(notes) == [
        (3, "Wijzigingen in de regels"),
        (4, "Wijziging `2024`"),
        (3, "Open punten"),
        (4, "Open | punt <b>"),
    ]
    open_point = section(notes, "Open | punt <b>", level=4)
    assert [plain(t.children) for t in open_point if t.type == "inline"] == [
        "Nog *uitzoeken*.",
        "Tweede alinea.",
    ]


def test_description_keeps_paragraphs_and_shows_markup_as_text(plan_md: str) -> None:
    """Description keeps paragraphs and shows markup as text."""
    tokens = parse(plan_md)
    first_h2 = next(i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2")
    texts = [plain(t.children) for t in tokens[:first_h2] if t.type == "inline"]
    assert texts[5] == "# Geen kop - geen lijst 1. geen genummerde lijst > geen citaat"
    assert texts[6].startswith("Tweede alinea met <img src=x onerror=alert(1)> en [klik]")


def test_plan_embeds_the_flowchart(plan_md: str, fixture_plan: LoadedPlan) -> None:
    """Plan embeds the flowchart."""
    fences = [t for t in parse(plan_md) if t.type == "fence"]
    assert [(t.info, t.content) for t in fences] == [("mermaid", render_mermaid(fixture_plan.plan))]


def test_plan_without_involvement_or_notes(mini_dir: Path) -> None:
    """Plan without involvement or notes."""
    text = render_plan(load_plan(mini_dir))
    found = [title for level, title in headings(assert_sound(text)) if level == 2]
    assert "Notities" not in found
    assert found[-1] == "Landelijke betrokkenheid"


# --- the flowchart ------------------------------------------------------------------------------

NODE = re.compile(r'    (?P<id>[A-Za-z0-9_]+)(?:\["(?P<label>[^"]*)"\]|\(\["(?P<end>[^"]*)"\]\))')
EDGE = re.compile(
    r'    (?P<src>[A-Za-z0-9_]+) -->(?:\|"(?P<label>[^"]*)"\|)? (?P<dst>[A-Za-z0-9_]+)'
)
ENTITY = re.compile(r"#quot;|#(\d+);")
UNSAFE_IN_LABEL = re.compile(r'["<>|\[\]`;{}\n%&#\\]')


def safe_label(label: str) -> bool:
    """Nothing left in a label that Mermaid or HTML could read as syntax, once codes are out."""
    return not UNSAFE_IN_LABEL.search(ENTITY.sub("", label))


def read_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str | None, str]]]:
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str | None, str]] = []
    for line in lines[1:]:
        node, edge = NODE.fullmatch(line), EDGE.fullmatch(line)
        assert node or edge, line
        if node:
            assert node["id"] not in nodes
            nodes[node["id"]] = node["label"] if node["label"] is not None else node["end"]
        elif edge:
            edges.append((edge["src"], edge["label"], edge["dst"]))
    for label in [*nodes.values(), *(label for _, label, _ in edges if label)]:
        assert safe_label(label), label
    return nodes, edges


def unescape_mermaid(label: str) -> str:
    return ENTITY.sub(lambda m: '"' if not m[1] else chr(int(m[1])), label)


def test_mermaid_one_node_per_step_and_safe_labels(fixture_plan: LoadedPlan) -> None:
    """Mermaid one node per step and safe labels."""
    plan = fixture_plan.plan
    nodes, edges = read_mermaid(render_mermaid(plan))
    steps = {f"s_{step.id.replace('-', '_')}": step for step in plan.steps}
    assert set(nodes) == set(steps) | {"einde"}
    for node, step in steps.items():
        assert unescape_mermaid(nodes[node]) == normal(step.question)
    assert all(src in nodes and dst in nodes for src, _, dst in edges)


def test_mermaid_edges_carry_answers_or_conditions(fixture_plan: LoadedPlan) -> None:
    """Mermaid edges carry answers or conditions."""
    _, edges = read_mermaid(render_mermaid(fixture_plan.plan))
    assert [(s, unescape_mermaid(label) if label else None, d) for s, label, d in edges] == [
        ("s_start_vraag", None, "s_wie"),
        ("s_wie", "een / twee", "s_wat"),
        ("s_wie", "gezin", "s_van_wie"),
        ("s_van_wie", None, "s_wat"),
        ("s_wat", "wat: geen van [schade]", "s_slot"),
        ("s_wat", "anders", "s_schade_vraag"),
        ("s_schade_vraag", "wie = twee", "s_slot"),
        ("s_schade_vraag", "anders", "einde"),
        ("s_slot", None, "einde"),
        ("s_los", None, "einde"),
    ]


def test_mermaid_text_encodes_every_syntax_character() -> None:
    """Mermaid text encodes every syntax character."""
    label = mermaid_text('a "b" [c] | `d` <e> #f; {g} %%h & \\ i\nj')
    assert safe_label(label)
    assert unescape_mermaid(label) == 'a "b" [c] | `d` <e> #f; {g} %%h & \\ i j'


def _plan(steps: list[dict[str, Any]], start: str = "a") -> Plan:
    return Plan.model_validate(
        {
            "plan": {
                "id": "p",
                "title": "P",
                "version": "1",
                "reference_date": "2026-01-01",
                "start": start,
            },
            "steps": steps,
            "verdict": {
                "default": {"id": "d", "verdict": "lokaal", "authority": "G", "reasons": ["r"]}
            },
        }
    )


def test_walking_order_breaks_ties_by_breadth_first_rank() -> None:
    # 'y' is found early (straight from 's') but can only be asked after 'b'; once both 'x'
    # and 'y' may come next, the one found first ('y') goes first.
    """Walking order breaks ties by breadth first rank."""
    choices = [{"value": value, "label": value} for value in ("a", "y", "b")]
    plan = _plan(
        [
            {
                "id": "s",
                "question": "S?",
                "choices": choices,
                "next": [
                    {"when": {"s": "a"}, "goto": "a"},
                    {"when": {"s": "y"}, "goto": "y"},
                    {"goto": "b"},
                ],
            },
            {"id": "a", "question": "A?", "kind": "yes-no", "next": "x"},
            {"id": "b", "question": "B?", "kind": "yes-no", "next": "y"},
            {"id": "x", "question": "X?", "kind": "yes-no"},
            {"id": "y", "question": "Y?", "kind": "yes-no"},
        ],
        start="s",
    )
    assert [step.id for step in walking_order(plan)] == ["s", "a", "b", "y", "x"]


def test_cycles_and_unknown_targets_still_render_every_step_once() -> None:
    """Cycles and unknown targets still render every step once."""
    plan = _plan(
        [
            {"id": "a", "question": "A?", "kind": "yes-no", "next": "b"},
            {"id": "b", "question": "B?", "kind": "yes-no", "next": "a"},
            {"id": "c", "question": "C?", "kind": "yes-no", "next": "weg"},
        ]
    )
    assert [step.id for step in walking_order(plan)] == ["a", "b", "c"]
    nodes, edges = read_mermaid(render_mermaid(plan))
    assert set(nodes) == {"s_a", "s_b", "s_c", "x_1"}
    assert ("s_c", None, "x_1") in edges
    assert "einde" not in nodes


# --- the report ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_md(fixture_plan: LoadedPlan, fixture_outcome: Outcome) -> str:
    return render_report(fixture_plan, fixture_outcome, created=CREATED)


def checklist(tokens: list[Token]) -> list[tuple[str, str]]:
    """(urgency heading, title) per task-list item."""
    items = []
    heading = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = plain(tokens[index + 1].children)
        if token.type == "inline" and token.content.startswith("[ ] "):
            children = token.children or []
            start = next(i for i, c in enumerate(children) if c.type == "strong_open")
            end = next(i for i, c in enumerate(children) if c.type == "strong_close")
            items.append((heading, plain(children[start + 1 : end])))
    return items


def test_report_sections_in_order(report_md: str) -> None:
    """The report has its sections in the agreed order."""
    found = headings(assert_sound(report_md))
    assert found == [
        (1, "Verslag: Plan <script>alert(1)</script> | *vet* & `code` # kop"),
        (2, "Domein: landelijk | Rijk"),
        (3, "Landelijke betrokkenheid"),
        (2, "Acties"),
        (3, "Direct *nu*"),
        (3, "Later"),
        (2, "Antwoorden"),
        (2, "Bronnen"),
    ]


def test_report_header_confidential_moment_and_plan(
    report_md: str, fixture_plan: LoadedPlan
) -> None:
    """Report header confidential moment and plan."""
    texts = [plain(t.children) for t in parse(report_md) if t.type == "inline"]
    assert texts[1] == f"Vertrouwelijk: {CONFIDENTIAL}"
    assert texts[1].startswith("Vertrouwelijk: dit verslag bevat persoonsgegevens")
    assert texts[2:5] == [
        "Datum en tijd: 28 november 2026, 10:00 (2026-11-28T10:00:00+01:00)",
        "Plan: vijandig, versie 2.0 <b>",
        f"Vingerafdruk van het plan (sha256): {fixture_plan.sha256}",
    ]


def test_report_uses_the_given_moment_only(
    fixture_plan: LoadedPlan, fixture_outcome: Outcome, report_md: str
) -> None:
    """Report uses the given moment only."""
    later = render_report(fixture_plan, fixture_outcome, created=dt.datetime(2027, 1, 2, 3, 4))
    changed = [
        (a, b) for a, b in zip(report_md.splitlines(), later.splitlines(), strict=True) if a != b
    ]
    assert changed == [
        (
            "- Datum en tijd: 28 november 2026, 10:00 (`2026-11-28T10:00:00+01:00`)",
            "- Datum en tijd: 2 januari 2027, 03:04 (`2027-01-02T03:04:00`)",
        )
    ]


def test_report_verdict_reasons_and_involvement(report_md: str) -> None:
    """Report verdict reasons and involvement."""
    tokens = parse(report_md)
    verdict = section(tokens, "Domein: landelijk | Rijk")
    texts = [plain(t.children) for t in verdict if t.type == "inline"]
    assert texts[:5] == [
        "Gezag: Rijk | NCTV",
        "Waarom (regel twee-landelijk):",
        "Twee is *landelijk* <b>.",
        "Tweede | reden",
        "Bronnen: bron-a §5",
    ]
    involvement = section(verdict, "Landelijke betrokkenheid", level=3)
    assert [plain(t.children) for t in involvement if t.type == "inline"] == [
        f"Landelijke voorziening | mogelijk <script> (Bronnen: bron-b §7) {INFERRED}"
    ]


def test_report_checklist_equals_the_outcome_actions(
    report_md: str, fixture_plan: LoadedPlan, fixture_outcome: Outcome
) -> None:
    """Report checklist equals the outcome actions."""
    labels = {u.id: u.label for u in fixture_plan.plan.urgencies}
    expected = [(labels[a.urgency], normal(a.title)) for a in fixture_outcome.actions]
    assert len(expected) == 4
    assert checklist(parse(report_md)) == expected
    lines = [line for line in report_md.splitlines() if line.startswith("- [ ] ")]
    assert len(lines) == len(expected)


def test_report_checklist_item_details_sources_and_role(report_md: str) -> None:
    """Report checklist item details sources and role."""
    tokens = parse(report_md)
    acties = section(tokens, "Acties")
    texts = [plain(t.children) for t in acties if t.type == "inline"]
    start = texts.index("[ ] Bel *hulp* <script>alert(1)</script> — Bode | portier <b>")
    assert texts[start + 1 : start + 3] == [
        "Eerste regel | met pipe # geen kop - geen lijst `code` en [link](https://example.org)",
        "Bronnen: bron-a §2",
    ]
    assert "[ ] 1. Registreer (altijd) — Griffier" in texts
    assert "[ ] Overleg landelijk — onbekende-rol" in texts
    assert "contact" not in report_md


def test_report_contacts_when_given(fixture_plan: LoadedPlan, fixture_outcome: Outcome) -> None:
    """Report contacts when given."""
    text = render_report(
        fixture_plan,
        fixture_outcome,
        created=CREATED,
        contacts={"bode": "Piet | 06-1234 <b>"},
    )
    texts = [plain(t.children) for t in assert_sound(text).copy() if t.type == "inline"]
    assert (
        "[ ] Bel *hulp* <script>alert(1)</script> — Bode | portier <b> "
        "(contact: Piet | 06-1234 <b>)"
    ) in texts
    assert f"[ ] 1. Registreer (altijd) — Griffier (contact: {NO_CONTACT})" in texts


def test_report_answers_table(report_md: str, fixture_outcome: Outcome) -> None:
    """The report's answer table shows questions and chosen labels."""
    (table,) = tables(section(parse(report_md), "Antwoorden"))
    assert table == [
        ["Nr.", "Vraag", "Antwoord", "Opmerking"],
        [
            "1",
            'Is er "gevaar" [nu] | `acuut`? Tweede regel; <b>vet</b> # %%{init: {}}%% (start-vraag)',
            "Ja | *echt*",
            "",
        ],
        ["2", "Tegen wie? (wie)", "Twee `2`", ""],
        ["3", "Wat gebeurde er? (*meer* mogelijk) (wat)", "Dreiging; Schade & <letsel>", ""],
        ["4", "Hoe groot is de schade? (schade-vraag)", "Groot", ""],
        ["5", "Nog iets? (slot)", "Nee", "aangenomen (standaardantwoord)"],
    ]
    assert fixture_outcome.walk.assumed == ("slot",)


def test_report_lists_ignored_answers(report_md: str) -> None:
    """Report lists ignored answers."""
    antwoorden = section(parse(report_md), "Antwoorden")
    texts = [plain(t.children) for t in antwoorden if t.type == "inline"]
    assert texts[-1] == "Genegeerd (niet op de route van deze antwoorden): van-wie"


def test_report_without_ignored_answers_has_no_ignored_line(fixture_plan: LoadedPlan) -> None:
    """Report without ignored answers has no ignored line."""
    answers = {k: v for k, v in FIXTURE_ANSWERS.items() if k != "van-wie"}
    text = render_report(fixture_plan, assess(fixture_plan, answers), created=CREATED)
    assert "Genegeerd" not in text


def test_report_sources_are_the_cited_ones_in_plan_order(report_md: str) -> None:
    """Report sources are the cited ones in plan order."""
    bronnen = section(parse(report_md), "Bronnen")
    assert [plain(t.children) for t in bronnen if t.type == "inline"] == [
        "bron-a: Bron A | met pipe en <em>regel</em>, 1 juni 2015, https://example.org/a?x=1&y=2",
        "bron-b: Bron B, javascript:alert(1)",
    ]


def test_report_without_involvement_says_so(fixture_plan: LoadedPlan) -> None:
    """Report without involvement says so."""
    answers = {"start-vraag": "nee", "wie": "een", "wat": ("dreiging",)}
    result = assess(fixture_plan, answers)
    assert result.involvement == ()
    text = render_report(fixture_plan, result, created=CREATED)
    involvement = section(parse(text), "Landelijke betrokkenheid", level=3)
    assert [plain(t.children) for t in involvement if t.type == "inline"] == ["Geen."]


# --- the default plan: goldens and the examples in docs/ ---------------------------------------


@pytest.fixture(scope="module")
def default_plan() -> LoadedPlan:
    return load_plan()


def test_default_plan_golden(default_plan: LoadedPlan, golden: Callable[[str, str], None]) -> None:
    """The printed default plan is byte-identical to its golden file."""
    text = render_plan(default_plan)
    tokens = assert_sound(text)
    links = {
        str(t.attrs["href"])[1:]
        for t in walk_tokens(tokens)
        if t.type == "link_open" and str(t.attrs["href"]).startswith("#")
    }
    assert links <= github_anchors(tokens)
    nodes, _ = read_mermaid(render_mermaid(default_plan.plan))
    assert len(nodes) == len(default_plan.plan.steps) + 1
    golden("plan.md", text)


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def test_the_example_answer_files_are_there() -> None:
    """The example answer files are there."""
    names = {path.stem for path in EXAMPLE_FILES}
    assert names >= {"burgemeester-woning", "raadslid-kamerlid", "wethouder-dreigmail"}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_example_report_golden(
    path: Path, default_plan: LoadedPlan, golden: Callable[[str, str], None]
) -> None:
    """The report of each example is byte-identical to its golden file."""
    result = assess(default_plan, answers_of(path))
    text = render_report(default_plan, result, created=CREATED)
    tokens = assert_sound(text)
    assert [title for _, title in checklist(tokens)] == [normal(a.title) for a in result.actions]
    golden(f"report-{path.stem}.md", text)


def test_docs_examples_are_up_to_date() -> None:
    """Docs examples are up to date."""
    spec = importlib.util.spec_from_file_location("docs_generate", REPO / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path, text in module.documents().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is verouderd; draai: python docs/generate.py"
        )
