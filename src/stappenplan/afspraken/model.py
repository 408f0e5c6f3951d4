"""Local agreements made in advance (afspraken.yaml): who is reached how, per role of the plan.

The file holds personal data. It is read from and written to this computer only; nothing here
sends it anywhere, and the JSON output carries it only on explicit request.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator

from stappenplan.errors import Location, StappenplanError
from stappenplan.plan.documents import Path_, locate
from stappenplan.plan.model import Frozen, Id

NOT_AGREED = "nog niet afgesproken"
PER_INCIDENT = "wisselt per incident"

LAST_MUNICIPAL_ELECTION = dt.date(2026, 3, 18)
"""The most recent regular gemeenteraadsverkiezingen (every four years in March). A municipality
that held herindelingsverkiezingen on another date sets `last_election` itself."""

ARRANGEMENTS: Mapping[str, str] = {
    "report_on_behalf": "Wie doet aangifte namens de ambtsdrager",
    "domicile_address": "Adres voor domiciliekeuze bij aangifte (in plaats van het huisadres)",
    "security_budget": "Begrotingspost voor beveiligingsmaatregelen",
    "risky_meetings": "Werkwijze bij risicovolle raadsvergaderingen",
}
"""The local choices, with the Dutch question each one answers."""

_CONTROL_CHARS = r"\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_NOT_IN_LINE = re.compile(f"[{_CONTROL_CHARS}\n]")
NOT_IN_PARAGRAPH = re.compile(f"[{_CONTROL_CHARS}]")
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
_PHONE_FORMS = (
    re.compile(r"0[1-9]\d{8}"),  # 10 digits starting with 0 (landline and mobile)
    re.compile(r"\+31[1-9]\d{8}"),  # the same number in international form
    re.compile(r"112"),
    re.compile(r"0[89]00\d{4,7}"),  # 0800 (free) and 0900 service numbers, e.g. 0900-8844
    re.compile(r"14\d{3,4}"),  # 14 + area code without 0: a municipality's general number
)
PHONE_HINT = (
    "gebruik 10 cijfers die met 0 beginnen (bv. 010-0000000 of 06-00000000), +31 gevolgd door "
    "9 cijfers, 112, een 0800- of 0900-nummer, of 14 + netnummer"
)


class AfsprakenError(StappenplanError):
    """An afspraken file cannot be read, or does not fit the plan."""


# --- values -----------------------------------------------------------------------------------


def is_dutch_phone(text: str) -> bool:
    """True for a Dutch phone number; spaces, hyphens, dots, slashes and brackets may separate."""
    compact = re.sub(r"^(\+|00)31\s*\(0\)", "+31", text.strip())
    compact = re.sub(r"[\s\-./()]", "", compact)
    if compact.startswith("0031"):
        compact = "+31" + compact[4:]
    return any(form.fullmatch(compact) for form in _PHONE_FORMS)


def is_email(text: str) -> bool:
    """True for an address of the form name@domain.tld (no spaces, one @)."""
    return len(text) <= 254 and _EMAIL.fullmatch(text) is not None


def _line(value: Any) -> Any:
    """A single line of text; blank means not filled in."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not value:
        return None
    if _NOT_IN_LINE.search(value):
        raise ValueError("mag geen regeleinden, tabs of stuurtekens bevatten")
    if len(value) > 200:
        raise ValueError("tekst is te lang (maximaal 200 tekens)")
    return value


def _paragraph(value: Any) -> Any:
    """Free text that may span lines; blank means not filled in."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not value:
        return None
    if NOT_IN_PARAGRAPH.search(value):
        raise ValueError("mag geen tabs of stuurtekens bevatten")
    if len(value) > 4000:
        raise ValueError("tekst is te lang (maximaal 4000 tekens)")
    return value


def _phone(value: Any) -> Any:
    if isinstance(value, int | float):  # also true/false: bool is an int
        raise ValueError(
            'zet het telefoonnummer tussen aanhalingstekens (bv. "010-0000000"); '
            "zonder aanhalingstekens leest YAML het als getal en vallen voorloopnullen weg"
        )
    value = _line(value)
    if isinstance(value, str) and not is_dutch_phone(value):
        raise ValueError(f"'{value}' is geen geldig Nederlands telefoonnummer; {PHONE_HINT}")
    return value


def _email(value: Any) -> Any:
    value = _line(value)
    if isinstance(value, str) and not is_email(value):
        raise ValueError(f"'{value}' is geen geldig e-mailadres (vorm: naam@domein.nl)")
    return value


_VALIDATORS = {"line": _line, "paragraph": _paragraph, "phone": _phone, "email": _email}


def value_problem(kind: str, text: str) -> str | None:
    """Why a typed value of this kind ('line', 'paragraph', 'phone', 'email') is refused, if so."""
    try:
        _VALIDATORS[kind](text)
    except ValueError as error:
        return str(error)
    return None


Line = Annotated[str | None, BeforeValidator(_line)]
Paragraph = Annotated[str | None, BeforeValidator(_paragraph)]
Phone = Annotated[str | None, BeforeValidator(_phone)]
Email = Annotated[str | None, BeforeValidator(_email)]


# --- the file ---------------------------------------------------------------------------------


class Person(Frozen):
    """Someone to reach: a name and how."""

    name: Line = None
    phone: Phone = None
    email: Email = None

    @property
    def reachable(self) -> bool:
        """A name and a phone number: enough to call on the day itself."""
        return self.name is not None and self.phone is not None

    @property
    def empty(self) -> bool:
        return self.name is None and self.phone is None and self.email is None


class RoleContact(Person):
    """The contact for a role of the plan, with a deputy."""

    per_incident: bool = Field(False, description="De persoon wisselt per incident.")
    deputy: Person | None = None

    @field_validator("deputy")
    @classmethod
    def _no_empty_deputy(cls, deputy: Person | None) -> Person | None:
        """The template's blank deputy fields mean: no deputy yet."""
        return None if deputy is not None and deputy.empty else deputy


class Arrangements(Frozen):
    """Local choices made in advance."""

    report_on_behalf: Paragraph = None
    domicile_address: Paragraph = None
    security_budget: Paragraph = None
    risky_meetings: Paragraph = None


class Afspraken(Frozen):
    """The whole afspraken.yaml."""

    municipality: Line = None
    reviewed: dt.date | None = None
    last_election: dt.date = LAST_MUNICIPAL_ELECTION
    roles: dict[Id, RoleContact | None] = Field(default_factory=dict)
    arrangements: Arrangements = Arrangements()

    def contact(self, role_id: str) -> RoleContact | None:
        """The contact for a role; None when the file has nothing for it."""
        found = self.roles.get(role_id)
        return None if found is None or (found.empty and not found.per_incident) else found

    def agreed(self, role_id: str) -> bool:
        """True when the role has someone to call (or changes per incident, on purpose)."""
        found = self.contact(role_id)
        return found is not None and (found.per_incident or found.reachable)


@dataclass(frozen=True, slots=True)
class AfsprakenFile:
    """Afspraken as read, with where each value was written."""

    afspraken: Afspraken
    name: str
    locations: Mapping[Path_, Location]

    def locate(self, path: Path_) -> Location:
        return locate(self.locations, path, self.name)
