"""Bad plan and answer files through the real command line: one exact Dutch message, exit 1.

Each case is a file's content and the exact standard error of `stappenplan validate --steps
FILE` and of `stappenplan start --no-input --answers FILE`. The reading rules themselves are
unit-tested in test_documents.py; this table proves that every one of them reaches the user
as a message with file (and line), never as a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI
from stappenplan.plan.documents import MAX_DOCUMENT_BYTES

Cli = Callable[..., Any]

PLAN_KEYS = (
    "plan, sources, roles, urgencies, domains, phases, steps, actions, verdict, involvement, notes, "
    "glossary, caveats, vocabulary_changes"
)
ANSWER_KEYS = (
    "plan, answers, stappenplan_version, plan_version, plan_sha256, created, assumed, incident"
)
TAG_TAIL = "een bestand beschrijft alleen gegevens (tekst, getallen, lijsten, mappings)"


def _plan_unreadable(problem: str, code: str = "yaml") -> str:
    return f"Het plan kan niet gelezen worden.\n  {problem} [{code}]\n"


def _answers_unreadable(problem: str) -> str:
    return f"Het antwoordbestand kan niet gelezen worden.\n  {problem} [answer-file]\n"


def _plan_schema(problem: str) -> str:
    return f"Het plan klopt niet met het schema.\n  {problem} [schema]\n"


def _answers_shape(problem: str) -> str:
    return f"Het antwoordbestand heeft niet de juiste vorm.\n  {problem} [answer-file]\n"


def _alias_bomb() -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return ("\n".join(lines) + "\n").encode()


TOO_LARGE = MAX_DOCUMENT_BYTES + 1
TOO_LARGE_SHOWN = f"{TOO_LARGE:,}".replace(",", ".")
LIMIT_SHOWN = f"{MAX_DOCUMENT_BYTES:,}".replace(",", ".")


@dataclass(frozen=True)
class Case:
    """A bad file, and what `validate` and `start` say about it (<F> stands for its name)."""

    content: bytes
    validate: str
    start: str


def _both(problem: str) -> tuple[str, str]:
    """A reading problem: the same line under both commands, with their own heading."""
    return _plan_unreadable(problem), _answers_unreadable(problem)


CASES: dict[str, Case] = {
    "python-object-tag": Case(
        b"answers:\n  doelwit: !!python/object/apply:os.system ['echo gehackt']\n",
        *_both(
            "<F>:2: de YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' is niet "
            f"toegestaan; {TAG_TAIL}"
        ),
    ),
    "python-name-tag": Case(
        b"a: !!python/name:os.system\n",
        *_both(
            f"<F>:1: de YAML-tag 'tag:yaml.org,2002:python/name:os.system' is niet toegestaan; {TAG_TAIL}"
        ),
    ),
    "include-tag": Case(
        b"a:\n  - b\n  - !include geheim.yaml\n",
        *_both(f"<F>:3: de YAML-tag '!include' is niet toegestaan; {TAG_TAIL}"),
    ),
    "binary-tag": Case(
        b"a: !!binary aGFsbG8=\n",
        *_both(f"<F>:1: de YAML-tag 'tag:yaml.org,2002:binary' is niet toegestaan; {TAG_TAIL}"),
    ),
    "duplicate-key": Case(
        b"answers:\n  doelwit: wethouder\n  doelwit: burgemeester\n",
        *_both("<F>:3: sleutel 'doelwit' staat dubbel (eerder op regel 2)"),
    ),
    "duplicate-key-json": Case(
        b'{"answers": {"doelwit": "wethouder",\n  "doelwit": "burgemeester"}}\n',
        *_both("<F>:2: sleutel 'doelwit' staat dubbel (eerder op regel 1)"),
    ),
    "alias-bomb": Case(
        _alias_bomb(),
        *_both(
            "<F>:1: te veel waarden via ankers en aliassen (*...): het bestand lijkt een "
            "'alias-bom' en wordt niet uitgepakt"
        ),
    ),
    "alias-to-itself": Case(
        b"a: &a [*a]\n", *_both("<F>:1: een alias verwijst naar zichzelf (recursie)")
    ),
    "merge-key": Case(
        b"a: &a {x: 1}\nb:\n  <<: *a\n",
        *_both("<F>:3: samenvoegsleutels ('<<') worden niet ondersteund; schrijf de sleutels uit"),
    ),
    "too-large": Case(
        b"answers: {}\n" + b"#" * (TOO_LARGE - 12),
        *_both(f"<F>: bestand is te groot ({TOO_LARGE_SHOWN} bytes; maximaal {LIMIT_SHOWN})"),
    ),
    "latin-1": Case(
        "answers:\n  doelwit: wethouder\n  motief: één\n".encode("latin-1"),
        *_both("<F>:3: het bestand is geen UTF-8-tekst; sla het op als UTF-8"),
    ),
    "utf-16": Case(
        "answers:\n  doelwit: wethouder\n".encode("utf-16"),
        *_both("<F>:1: het bestand is geen UTF-8-tekst; sla het op als UTF-8"),
    ),
    "empty": Case(b"", *_both("<F>: het bestand is leeg")),
    "only-whitespace": Case(b"  \n\n", *_both("<F>: het bestand is leeg")),
    "only-comments": Case(b"# nog invullen\n", *_both("<F>: het bestand is leeg")),
    "two-documents": Case(
        b"answers: {}\n---\nanswers: {}\n",
        *_both("<F>:2: YAML-syntaxfout: het bestand bevat meer dan één YAML-document (---)"),
    ),
    "colon-in-value": Case(
        b"answers:\n  doelwit: wethouder: Jansen\n",
        *_both(
            "<F>:2: YAML-syntaxfout: hier mag geen ':' staan; zet tekst met ':' tussen "
            "aanhalingstekens"
        ),
    ),
    "tab-indent": Case(
        b"answers:\n\tdoelwit: wethouder\n",
        *_both("<F>:2: YAML-syntaxfout: tabs zijn niet toegestaan; spring in met spaties"),
    ),
    "nested-too-deep": Case(
        b"a: " + b"[" * 100 + b"]" * 100 + b"\n",
        *_both("<F>:1: te diep genest (meer dan 64 niveaus)"),
    ),
    "json-nested-beyond-recursion-limit": Case(
        b"[" * 5000 + b"]" * 5000, *_both("<F>: het bestand is te diep genest")
    ),
    # YAML refuses it, so it is read as JSON, whose depth check refuses it before parsing.
    "json-nested-beyond-recursion-limit:json": Case(
        b"",
        _plan_unreadable("<F>:1: te diep genest (meer dan 64 niveaus)", "json"),
        _answers_unreadable("<F>:1: te diep genest (meer dan 64 niveaus)"),
    ),
    # Older PyYAML builds compose this without running out of stack; the depth check refuses it.
    "json-nested-beyond-recursion-limit:older-yaml": Case(
        b"", *_both("<F>:1: te diep genest (meer dan 64 niveaus)")
    ),
    "list-instead-of-mapping": Case(
        b"- doelwit\n- wethouder\n",
        _plan_schema(
            f"<F>:1: een planbestand is een mapping met sleutels ({PLAN_KEYS}), geen lijst"
        ),
        _answers_shape("<F>:1: verwacht een mapping met 'answers:' (en eventueel 'plan:')"),
    ),
    "text-instead-of-mapping": Case(
        b"doelwit is wethouder\n",
        _plan_schema(
            f"<F>:1: een planbestand is een mapping met sleutels ({PLAN_KEYS}), geen tekst"
        ),
        _answers_shape("<F>:1: verwacht een mapping met 'answers:' (en eventueel 'plan:')"),
    ),
    "null-document": Case(
        b"~\n",
        _plan_schema(
            f"<F>:1: een planbestand is een mapping met sleutels ({PLAN_KEYS}), geen lege waarde"
        ),
        _answers_shape("<F>:1: verwacht een mapping met 'answers:' (en eventueel 'plan:')"),
    ),
    "answers-as-list": Case(
        b"answers:\n  - doelwit: wethouder\n",
        _plan_schema(f"<F>:1: onbekende sleutel 'answers'; toegestaan: {PLAN_KEYS}"),
        _answers_shape("<F>:1: 'answers' verwacht een mapping (vraag-id: antwoord)"),
    ),
    "steps-as-mapping": Case(
        b"steps:\n  id: a\n",
        _plan_schema("<F>:1: 'steps' verwacht een lijst, geen mapping"),
        _answers_shape(
            f"<F>:1: onbekende sleutel 'steps'; toegestaan: {ANSWER_KEYS}; zet antwoorden onder "
            "'answers:'"
        ),
    ),
}
CASE_NAMES = [key for key in CASES if ":" not in key]
"""The bad files; a name with a colon is another acceptable answer to the case before it."""


@pytest.fixture
def bad_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """Write a case's content to a file in the working folder; return its name."""
    monkeypatch.chdir(tmp_path)

    def write(case: str) -> str:
        name = f"{case}.yaml"
        (tmp_path / name).write_bytes(CASES[case].content)
        return name

    return write


def _expected(case: str, command: str, name: str) -> set[str]:
    """What `command` may say about the bad file of `case` (one text; two where the YAML
    library's version decides which check stops the file first)."""
    variants = [key for key in CASES if key == case or key.startswith(f"{case}:")]
    return {getattr(CASES[key], command).replace("<F>", name) for key in variants}


@pytest.mark.parametrize("case", CASE_NAMES)
def test_bad_plan_file(cli: Cli, bad_file: Callable[[str], str], case: str) -> None:
    """A broken plan file gives a Dutch message with file and line."""
    name = bad_file(case)
    result = cli("validate", "--steps", name)
    assert (result.code, result.out) == (1, "")
    assert result.err in _expected(case, "validate", name)


@pytest.mark.parametrize("case", CASE_NAMES)
def test_bad_answer_file(cli: Cli, bad_file: Callable[[str], str], case: str) -> None:
    """A broken answer file gives a Dutch message with file and line."""
    name = bad_file(case)
    result = cli("start", "--no-input", "--answers", name, "--format", "json")
    assert (result.code, result.out) == (1, "")
    assert result.err in _expected(case, "start", name)


def test_alias_bomb_is_refused_quickly(cli: Cli, bad_file: Callable[[str], str]) -> None:
    """Alias bomb is refused quickly."""
    name = bad_file("alias-bomb")
    started = time.perf_counter()
    assert cli("validate", "--steps", name).code == 1
    assert cli("start", "--no-input", "--answers", name).code == 1
    assert time.perf_counter() - started < 5  # expanding it would take hours and gigabytes


def test_answer_file_from_standard_input_is_checked_the_same_way(cli: Cli) -> None:
    """Answer file from standard input is checked the same way."""
    result = cli(
        "start", "--no-input", "--answers", "-", stdin=CASES["duplicate-key"].content.decode()
    )
    assert (result.code, result.out) == (1, "")
    assert result.err == _answers_unreadable(
        "<standaardinvoer>:3: sleutel 'doelwit' staat dubbel (eerder op regel 2)"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("start", "--no-input", "--answers", "bestaat-niet.yaml"),
            _answers_unreadable("bestaat-niet.yaml: bestand niet gevonden"),
        ),
        (
            ("start", "--no-input", "--answers", "."),
            _answers_unreadable(".: dit is een map, geen bestand"),
        ),
        (
            ("validate", "--steps", "bestaat-niet.yaml"),
            "bestaat-niet.yaml: plan niet gevonden (geen bestand of map)\n",
        ),
    ],
)
def test_missing_files(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    expected: str,
) -> None:
    """Paths that do not exist are reported, not raised."""
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert (result.code, result.out, result.err) == (1, "", expected)


@pytest.mark.parametrize("character", ["\x1b", "\x00", "\x07"])
def test_raw_control_characters_are_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, character: str
) -> None:
    """Raw control characters are refused."""
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(f"answers:\n  doelwit: wet{character}houder\n")
    result = cli("start", "--no-input", "--answers", "a.yaml")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("Het antwoordbestand kan niet gelezen worden.\n  a.yaml")
    assert "het bestand bevat een teken dat niet is toegestaan [answer-file]" in result.err
    assert character not in result.err


# --- a byte-order mark is not bad input: Windows editors write one ------------------------------

BOM = b"\xef\xbb\xbf"


def test_plan_files_with_a_byte_order_mark_load(cli: Cli, tmp_path: Path) -> None:
    """Plan files with a byte order mark load."""
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    for path in plan.glob("*.yaml"):
        path.write_bytes(BOM + path.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("validate", "--steps", str(plan))
    assert result.code == 0, result.err
    assert "Het plan 'mini' 1.0 is in orde" in result.out


def test_answer_file_with_a_byte_order_mark_gives_the_same_outcome(
    cli: Cli, tmp_path: Path
) -> None:
    """Answer file with a byte order mark gives the same outcome."""
    text = "answers:\n  gevaar: ja\n  wie: twee\n  wat: [dreiging]\n"
    plain, marked = tmp_path / "zonder.yaml", tmp_path / "met.yaml"
    plain.write_bytes(text.encode())
    marked.write_bytes(BOM + text.replace("\n", "\r\n").encode())
    results = [
        cli("start", "--steps", str(MINI), "--no-input", "--answers", str(path), "-f", "json")
        for path in (plain, marked)
    ]
    assert [result.code for result in results] == [0, 0], results[1].err
    assert results[0].out == results[1].out
    assert json.loads(results[1].out)["domain"]["verdict"] == "landelijk"


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    """The same through the real entry point in a separate process."""
    path = tmp_path / "a.yaml"
    path.write_bytes(b"answers:\n  doelwit: !!python/object/apply:os.system ['touch gehackt']\n")
    result = subprocess.run(
        [sys.executable, "-m", "stappenplan", "start", "--no-input", "--answers", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == _answers_unreadable(
        f"{path}:2: de YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' is niet "
        f"toegestaan; {TAG_TAIL}"
    )
    assert not (tmp_path / "gehackt").exists()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (BOM + b"answers:\n  doelwit: wethouder\n", {"doelwit": "wethouder"}),
        (
            b"answers:\n  doelwit: \xff\n",
            "<standaardinvoer>:2: het bestand is geen UTF-8-tekst; sla het op als UTF-8",
        ),
        (
            b"#" * TOO_LARGE,
            f"<standaardinvoer>: invoer is te groot (maximaal {LIMIT_SHOWN} bytes)",
        ),
    ],
    ids=["bom", "geen-utf8", "te-groot"],
)
def test_standard_input_as_bytes_follows_the_rules_of_a_file(
    raw: bytes, expected: dict[str, str] | str
) -> None:
    """Bytes from standard input are decoded like a file, whatever the terminal's encoding."""
    from stappenplan.answers import read_answer_file
    from stappenplan.errors import AnswerError

    if isinstance(expected, dict):
        assert read_answer_file("-", raw).answers == expected
        return
    with pytest.raises(AnswerError) as caught:
        read_answer_file("-", raw)
    assert [str(problem) for problem in caught.value.problems] == [f"{expected} [answer-file]"]


def test_long_input_is_shortened_in_messages(cli: Cli, tmp_path: Path) -> None:
    """Long input is shortened in messages."""
    path = tmp_path / "a.yaml"
    path.write_text(f"answers:\n  {'v' * 1000}: ja\n  acuut-gevaar: {'x' * 5000}\n")
    result = cli("start", "--no-input", "--answers", str(path))
    assert result.code == 1
    assert f"{path}:2: onbekende vraag '{'v' * 59}…'; bekende vragen: " in result.err
    assert (
        f"{path}:3: '{'x' * 59}…' is geen toegestane waarde voor 'acuut-gevaar'; "
        "toegestaan: ja, nee [value-not-allowed]"
    ) in result.err
    assert len(result.err) < 2000
