"""Safe reading of YAML/JSON documents with line numbers; the only module that imports PyYAML.

Only plain data comes out: mappings, lists, text, numbers, booleans, dates. Tags that would
build objects are refused, duplicate keys are errors, alias expansion and nesting are bounded,
and every value keeps the line it came from, so that later checks can say `file:line`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stappenplan.errors import Location, reason

Path_ = tuple[str | int, ...]

MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
"""Largest file we read; larger input is refused before parsing."""

MAX_ALIAS_NODES = 10_000
"""How many nodes may be reached through aliases (anchors) before we call it an alias bomb."""

MAX_DEPTH = 64
"""How deeply mappings and lists may nest."""

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "hier mag geen ':' staan; zet tekst met ':' tussen aanhalingstekens",
    ),
    ("found character '\\t'", "tabs zijn niet toegestaan; spring in met spaties"),
    ("could not find expected ':'", "er ontbreekt een ':' achter een sleutel"),
    ("found undefined alias", "verwijzing (*alias) naar een anker dat niet bestaat"),
    ("expected <block end>", "de inspringing klopt niet"),
    ("did not find expected key", "de inspringing klopt niet, of er ontbreekt een '-'"),
    ("did not find expected '-' indicator", "de inspringing van een lijst klopt niet"),
    (
        "found unexpected end of stream",
        "het bestand houdt onverwacht op (aanhalingsteken of haakje niet gesloten?)",
    ),
    ("while scanning a quoted scalar", "een aanhalingsteken is niet gesloten"),
    (
        "found unknown escape character",
        "onbekende escape-reeks in tekst tussen dubbele aanhalingstekens",
    ),
    ("expected a single document", "het bestand bevat meer dan één YAML-document (---)"),
    (
        "cannot start any token",
        "een waarde mag niet met dit teken beginnen (bv. @ of `); zet de tekst tussen aanhalingstekens",
    ),
    ("special characters are not allowed", "het bestand bevat een teken dat niet is toegestaan"),
    ("unacceptable character", "het bestand bevat een teken dat niet is toegestaan"),
)


class DocumentError(Exception):
    """A document cannot be read; the message is Dutch and says where."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(f"{location}: {message}")
        self.message = message
        self.location = location


@dataclass(slots=True)
class Document:
    """Plain data from one file, with the line of every value (by path)."""

    data: Any
    name: str
    locations: dict[Path_, Location] = field(default_factory=dict)

    def locate(self, path: Path_) -> Location:
        """The location of a path, or of its nearest ancestor that has one."""
        return locate(self.locations, path, self.name)


def locate(locations: Mapping[Path_, Location], path: Path_, fallback: str) -> Location:
    """The location of a path in a location map, or of its nearest known ancestor."""
    for end in range(len(path), -1, -1):
        found = locations.get(path[:end])
        if found is not None:
            return found
    return Location(fallback)


def read_bytes(path: Path, name: str) -> bytes:
    """Read a file with the size limit applied.

    Raises:
        DocumentError: when the file is missing, unreadable or too large.
    """
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                f"bestand is te groot ({size:,} bytes; maximaal {MAX_DOCUMENT_BYTES:,})".replace(
                    ",", "."
                ),
                Location(name),
            )
        with path.open("rb") as handle:
            return handle.read(MAX_DOCUMENT_BYTES + 1)
    except FileNotFoundError:
        raise DocumentError("bestand niet gevonden", Location(name)) from None
    except IsADirectoryError:
        raise DocumentError("dit is een map, geen bestand", Location(name)) from None
    except OSError as error:
        raise DocumentError(
            f"bestand kan niet gelezen worden ({reason(error)})", Location(name)
        ) from None


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark is accepted and dropped).

    Raises:
        DocumentError: on bytes that are not UTF-8, with the line they are on.
    """
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"invoer is te groot (maximaal {MAX_DOCUMENT_BYTES:,} bytes)".replace(",", "."),
            Location(name),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DocumentError(
            "het bestand is geen UTF-8-tekst; sla het op als UTF-8", Location(name, line)
        ) from None


def parse_document(text: str, name: str) -> Document:
    """Parse one YAML (or JSON) document into plain data with line numbers.

    Raises:
        DocumentError: on syntax errors, refused tags, duplicate keys, alias bombs,
            too deep nesting, or an empty document.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise DocumentError("het bestand is leeg", Location(name))
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        if text.lstrip().startswith(("{", "[")):
            return _parse_json(text, name)
        offending = (
            text.splitlines()[mark.line]
            if mark is not None and mark.line < len(text.splitlines())
            else ""
        )
        message = (
            "YAML-syntaxfout: tabs zijn niet toegestaan; spring in met spaties"
            if "\t" in offending
            else _syntax_message(error)
        )
        raise DocumentError(message, Location(name, line)) from None
    except yaml.YAMLError as error:
        # Reader errors (e.g. a control character) carry a byte offset instead of a mark.
        position = getattr(error, "position", None)
        line = (
            text.encode("utf-8")[:position].count(b"\n") + 1 if isinstance(position, int) else None
        )
        raise DocumentError(_syntax_message(error), Location(name, line)) from None
    except RecursionError:
        raise DocumentError("het bestand is te diep genest", Location(name)) from None
    finally:
        loader.dispose()
    if node is None:
        raise DocumentError("het bestand is leeg", Location(name))
    builder = _Builder(loader, name)
    data = builder.build(node, (), 0, alias=False)
    return Document(data, name, builder.locations)


_JSON_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[{]|[\]}]')
"""A JSON string (skipped: brackets inside it do not count), or an opening or closing bracket."""

_JSON_HINTS = (
    (
        "Extra data",
        "na het einde van de JSON-waarde staat nog tekst; een bestand bevat één object {...}",
    ),
    (
        "Expecting value",
        'hier wordt een waarde verwacht: tekst tussen "...", een getal, true, false, null, [...] of {...}',
    ),
    (
        "Expecting property name enclosed in double quotes",
        'hier wordt een sleutel tussen dubbele aanhalingstekens verwacht ("sleutel": waarde); een komma na het laatste onderdeel is niet toegestaan',
    ),
    ("Expecting ':' delimiter", "er ontbreekt een ':' tussen sleutel en waarde"),
    ("Expecting ',' delimiter", "er ontbreekt een ',' tussen twee onderdelen"),
    ("Unterminated string", "een aanhalingsteken is niet gesloten"),
    (
        "Invalid control character",
        "tekst tussen aanhalingstekens bevat een stuurteken (zoals een tab of regeleinde); schrijf het als \\t of \\n",
    ),
    ("Invalid \\uXXXX escape", "een \\u-reeks moet vier hexadecimale cijfers hebben (\\u00e9)"),
    (
        "Invalid \\escape",
        'onbekende escape-reeks; toegestaan: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
    ),
    ("Illegal trailing comma", "een komma na het laatste onderdeel is niet toegestaan"),
)
"""Dutch readings of the messages of Python's JSON decoder."""


def _json_depth(text: str, name: str) -> None:
    """Refuse JSON that nests deeper than MAX_DEPTH, before it is parsed (in linear time).

    Raises:
        DocumentError: with the line where the nesting goes too deep.
    """
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, token.start()) + 1
                raise DocumentError(
                    f"te diep genest (meer dan {MAX_DEPTH} niveaus)", Location(name, line)
                )
        elif first in "]}":
            depth -= 1


def _parse_json(text: str, name: str) -> Document:
    def refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise DocumentError(f"sleutel '{key}' staat dubbel", Location(name))
            result[key] = value
        return result

    _json_depth(text, name)
    try:
        data = json.loads(text, object_pairs_hook=refuse_duplicates)
    except json.JSONDecodeError as error:
        hint = next(
            (dutch for english, dutch in _JSON_HINTS if error.msg.startswith(english)),
            "dit is geen geldige JSON",
        )
        raise DocumentError(
            f"JSON-syntaxfout (kolom {error.colno}): {hint}", Location(name, error.lineno)
        ) from None
    except RecursionError:
        raise DocumentError("het bestand is te diep genest", Location(name)) from None
    return Document(data, name, {(): Location(name, 1)})


def _syntax_message(error: yaml.YAMLError) -> str:
    text = str(error)
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return f"YAML-syntaxfout: {hint}"
    problem = getattr(error, "problem", None) or text.splitlines()[0]
    return f"YAML-syntaxfout: {problem}"


_STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Walks the composed node tree, building plain data and recording lines.

    Plain text values (most of a plan) take a short path; everything else goes through
    `build`, which applies every check.
    """

    def __init__(self, loader: yaml.SafeLoader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.locations: dict[Path_, Location] = {}
        self.alias_nodes = 0
        self.seen: set[int] = set()
        self.open: set[int] = set()
        """The collections being built: the ones on the path from the root."""
        self.lines: dict[int, Location] = {}

    def _where(self, node: yaml.Node) -> Location:
        line = node.start_mark.line + 1
        found = self.lines.get(line)
        if found is None:
            found = self.lines[line] = Location(self.name, line)
        return found

    def build(self, node: yaml.Node, path: Path_, depth: int, alias: bool) -> Any:
        if depth > MAX_DEPTH:
            raise DocumentError(f"te diep genest (meer dan {MAX_DEPTH} niveaus)", self._where(node))
        if alias:
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise DocumentError(
                    "te veel waarden via ankers en aliassen (*...): het bestand lijkt een "
                    "'alias-bom' en wordt niet uitgepakt",
                    self._where(node),
                )
        if node.tag not in _PLAIN_TAGS:
            raise DocumentError(
                f"de YAML-tag '{node.tag}' is niet toegestaan; een bestand beschrijft alleen "
                "gegevens (tekst, getallen, lijsten, mappings)",
                self._where(node),
            )
        if path not in self.locations:
            self.locations[path] = self._where(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:
                return node.value
            try:
                return self.loader.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError):
                raise DocumentError(
                    f"waarde '{node.value}' kan niet gelezen worden", self._where(node)
                ) from None
        key = id(node)
        if key in self.open:
            raise DocumentError("een alias verwijst naar zichzelf (recursie)", self._where(node))
        self.open.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, path, depth, alias)
            return self._mapping(node, path, depth, alias)
        finally:
            self.open.discard(key)

    def _sequence(self, node: yaml.Node, path: Path_, depth: int, alias: bool) -> list[Any]:
        result: list[Any] = []
        simple = depth < MAX_DEPTH
        seen, locations = self.seen, self.locations
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            reached = id(item)
            item_alias = alias or reached in seen
            seen.add(reached)
            if simple and not item_alias and item.tag == _STR_TAG and type(item) is yaml.ScalarNode:
                if item_path not in locations:
                    locations[item_path] = self._where(item)
                result.append(item.value)
            else:
                result.append(self.build(item, item_path, depth + 1, item_alias))
        return result

    def _mapping(self, node: yaml.Node, path: Path_, depth: int, alias: bool) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        simple = depth < MAX_DEPTH
        seen, locations = self.seen, self.locations
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise DocumentError(
                    "samenvoegsleutels ('<<') worden niet ondersteund; schrijf de sleutels uit",
                    self._where(key_node),
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise DocumentError("een sleutel moet een enkele tekst zijn", self._where(key_node))
            if simple and not alias and key_node.tag == _STR_TAG:
                name: Any = key_node.value
            else:
                name = self.build(key_node, (), depth + 1, alias)
                if isinstance(name, bool) or not isinstance(name, str | int | float):
                    name = key_node.value
            value_path = (*path, name)
            if name in result:
                first = locations.get(value_path)
                at = f" (eerder op regel {first.line})" if first and first.line else ""
                raise DocumentError(f"sleutel '{name}' staat dubbel{at}", self._where(key_node))
            locations[value_path] = self._where(key_node)
            reached = id(value_node)
            value_alias = alias or reached in seen
            seen.add(reached)
            if (
                simple
                and not value_alias
                and value_node.tag == _STR_TAG
                and type(value_node) is yaml.ScalarNode
            ):
                result[name] = value_node.value
            else:
                result[name] = self.build(value_node, value_path, depth + 1, value_alias)
        return result


def dump_yaml(data: Any) -> str:
    """Plain data as block-style YAML, keys in the given order, Unicode kept readable."""
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def describe_type(value: Any) -> str:
    """The kind of a YAML value, in Dutch, for messages."""
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "lijst"
    if value is None:
        return "lege waarde"
    if isinstance(value, bool):
        return "ja/nee-waarde"
    if isinstance(value, int | float):
        return "getal"
    return "tekst"
