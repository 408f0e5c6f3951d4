"""Safe reading of YAML/JSON documents with line numbers; the only module that imports PyYAML.

Only plain data comes out: mappings, lists, text, numbers, booleans, dates. Tags that would
build objects are refused, duplicate keys are errors, alias expansion and nesting are bounded,
and every value keeps the line it came from, so that later checks can say `file:line`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from stappenplan.errors import Location
from stappenplan.plan.reading import MAX_DEPTH, parse_json

# The bounded reading lives in plan/reading.py; its names stay importable from here.
from stappenplan.plan.reading import MAX_DOCUMENT_BYTES as MAX_DOCUMENT_BYTES
from stappenplan.plan.reading import DocumentError as DocumentError
from stappenplan.plan.reading import decode as decode
from stappenplan.plan.reading import read_bytes as read_bytes

Path_ = tuple[str | int, ...]

MAX_ALIAS_NODES = 10_000
"""How many nodes may be reached through aliases (anchors) before we call it an alias bomb."""

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
            # Valid JSON that YAML refuses (an escaped emoji, a tab): read it as JSON.
            return Document(parse_json(text, name), name, {(): Location(name, 1)})
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
