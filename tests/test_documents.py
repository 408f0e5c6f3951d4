"""Reading YAML safely: every bad input becomes one Dutch message with file and line."""

from __future__ import annotations

import pytest

from stappenplan.plan.documents import DocumentError, decode, parse_document

BAD_YAML = [
    ("a: 1\na: 2\n", 2, "sleutel 'a' staat dubbel (eerder op regel 1)"),
    ("a:\n  b: 1\n  b: 2\n", 3, "sleutel 'b' staat dubbel"),
    (
        "a: !!python/object:os.system {}\n",
        1,
        "de YAML-tag 'tag:yaml.org,2002:python/object:os.system' is niet toegestaan",
    ),
    ("a: !custom 1\n", 1, "de YAML-tag '!custom' is niet toegestaan"),
    ("a: [1, 2\n", None, "YAML-syntaxfout"),
    ("a: b: c\n", 1, "hier mag geen ':' staan"),
    ("a:\n\t- 1\n", 2, "tabs zijn niet toegestaan"),
    ("a: 'open\n", None, "YAML-syntaxfout"),
    ("a: *nergens\n", 1, "verwijzing (*alias) naar een anker dat niet bestaat"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "samenvoegsleutels ('<<') worden niet ondersteund"),
    ("", None, "het bestand is leeg"),
    ("# alleen commentaar\n", None, "het bestand is leeg"),
    ("a: 1\n---\nb: 2\n", 2, "meer dan één YAML-document"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_YAML)
def test_bad_yaml_gives_located_dutch_message(text: str, line: int | None, message: str) -> None:
    """Bad yaml gives located dutch message."""
    with pytest.raises(DocumentError) as caught:
        parse_document(text, "plan.yaml")
    assert message in caught.value.message
    assert caught.value.location.file == "plan.yaml"
    if line is not None:
        assert caught.value.location.line == line


def test_locations_follow_keys_and_list_items() -> None:
    """Locations follow keys and list items."""
    document = parse_document("steps:\n  - id: a\n    next: b\n  - id: b\n", "x.yaml")
    assert document.data == {"steps": [{"id": "a", "next": "b"}, {"id": "b"}]}
    assert str(document.locate(("steps", 1, "id"))) == "x.yaml:4"
    assert str(document.locate(("steps", 0, "next"))) == "x.yaml:3"
    assert str(document.locate(("steps", 0, "unknown", 7))) == "x.yaml:2"


def test_alias_bomb_is_refused_quickly() -> None:
    """Alias bomb is refused quickly."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    # Expanded, this document has 10**9 values; the bound stops it after MAX_ALIAS_NODES.
    with pytest.raises(DocumentError) as caught:
        parse_document("\n".join(lines) + "\n", "bom.yaml")
    assert "alias-bom" in caught.value.message


def test_small_aliases_are_allowed() -> None:
    """Small aliases are allowed."""
    document = parse_document("a: &x [1, 2]\nb: *x\n", "ok.yaml")
    assert document.data == {"a": [1, 2], "b": [1, 2]}


def test_deep_nesting_is_refused() -> None:
    """Deeply nested YAML is refused instead of exhausting the stack."""
    with pytest.raises(DocumentError) as caught:
        parse_document("[" * 200 + "]" * 200, "diep.yaml")
    assert "genest" in caught.value.message


def test_non_utf8_names_the_line() -> None:
    """A file that is not UTF-8 is refused with the line of the bad byte."""
    with pytest.raises(DocumentError) as caught:
        decode(b"a: 1\nb: \xff\n", "x.yaml")
    assert str(caught.value.location) == "x.yaml:2"
    assert "UTF-8" in caught.value.message


def test_byte_order_mark_is_accepted() -> None:
    """Byte order mark is accepted."""
    assert parse_document(decode(b"\xef\xbb\xbfa: 1\n", "x.yaml"), "x.yaml").data == {"a": 1}


def test_json_with_tabs_falls_back_to_json() -> None:
    """Json with tabs falls back to json."""
    document = parse_document('{\n\t"answers": {"a": "b"}\n}\n', "x.json")
    assert document.data == {"answers": {"a": "b"}}


def test_control_character_names_its_line() -> None:
    """Control character names its line."""
    with pytest.raises(DocumentError) as caught:
        parse_document("a: 1\nb: 2\nc: x\x07y\n", "x.yaml")
    assert caught.value.location.line == 3


def test_json_fallback_refuses_duplicate_keys() -> None:
    """Json fallback refuses duplicate keys."""
    with pytest.raises(DocumentError) as caught:
        parse_document('{\n\t"a": 1,\n\t"a": 2\n}\n', "x.json")
    assert "sleutel 'a' staat dubbel" in caught.value.message
