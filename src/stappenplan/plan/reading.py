"""Bounded reading of an input file: the size bound, UTF-8, and JSON with bounded nesting and
Dutch messages. Plans, answer files, agreements and dossier exports are all read through here,
so that every file a user names is refused the same way (in Dutch, with the line) when it is
too large, not UTF-8, not valid JSON or nested too deeply.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from stappenplan.errors import Location, reason

MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
"""Largest file we read; larger input is refused before parsing."""

MAX_DEPTH = 64
"""How deeply mappings and lists may nest."""


class DocumentError(Exception):
    """A document cannot be read; the message is Dutch and says where."""

    def __init__(self, message: str, location: Location, code: str = "yaml") -> None:
        super().__init__(f"{location}: {message}")
        self.message = message
        self.location = location
        self.code = code
        """The problem code: `yaml` for a file that cannot be read or is not valid YAML,
        `json` for a file read as JSON that is not valid JSON."""


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
        DocumentError: on input beyond the size bound (a file that grew, a device), or bytes
            that are not UTF-8, with the line they are on.
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

JSON = "json"
"""The problem code of a file read as JSON that is not valid JSON."""


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
                    f"te diep genest (meer dan {MAX_DEPTH} niveaus)", Location(name, line), JSON
                )
        elif first in "]}":
            depth -= 1


def parse_json(text: str, name: str) -> Any:
    """Plain data from JSON text: nesting bounded (checked before parsing), duplicate keys
    refused, every error in Dutch with the line.

    Raises:
        DocumentError: (code `json`) when the text is empty, nested too deeply, or not valid
            JSON.
    """

    def refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise DocumentError(f"sleutel '{key}' staat dubbel", Location(name), JSON)
            result[key] = value
        return result

    if not text.strip():
        raise DocumentError("het bestand is leeg", Location(name), JSON)
    _json_depth(text, name)
    try:
        return json.loads(text, object_pairs_hook=refuse_duplicates)
    except json.JSONDecodeError as error:
        hint = next(
            (dutch for english, dutch in _JSON_HINTS if error.msg.startswith(english)),
            "dit is geen geldige JSON",
        )
        raise DocumentError(
            f"JSON-syntaxfout (kolom {error.colno}): {hint}", Location(name, error.lineno), JSON
        ) from None
    except RecursionError:
        raise DocumentError("het bestand is te diep genest", Location(name), JSON) from None
