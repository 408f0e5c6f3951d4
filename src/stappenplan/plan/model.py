"""The schema of a plan: steps, choices, actions, roles, sources, verdict rules.

The classes are frozen dataclasses that import nothing outside the standard library, so a run
that takes an already checked plan from the cache never imports pydantic (which would cost
more start-up time than everything else together). Pydantic checks raw YAML data against the
same classes (`plan_adapter`), reading the rules from the `Rules` markers in the annotations;
it is imported only then.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from functools import cache, cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, dataclass_transform

from stappenplan.plan.conditions import (
    CONDITION_JSON_SCHEMA,
    Answer,
    Condition,
    condition_to_data,
    parse_condition,
)

if TYPE_CHECKING:
    from pydantic import BaseModel, ConfigDict, TypeAdapter

END = "einde"
"""The route target that ends the walk."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

PYDANTIC_CONFIG: dict[str, Any] = {
    "extra": "forbid",
    "frozen": True,
    "str_strip_whitespace": True,
    "populate_by_name": True,
}
"""How pydantic reads a plan: unknown keys are errors, text is stripped."""


class Rules:
    """Constraints and help text of a field; pydantic applies them when it validates."""

    __slots__ = ("description", "ge", "max_length", "min_length", "pattern")

    def __init__(
        self,
        *,
        pattern: str | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        ge: int | None = None,
        description: str | None = None,
    ) -> None:
        self.pattern = pattern
        self.min_length = min_length
        self.max_length = max_length
        self.ge = ge
        self.description = description

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field

        limits: dict[str, Any] = {
            name: value
            for name, value in (
                ("pattern", self.pattern),
                ("min_length", self.min_length),
                ("max_length", self.max_length),
                ("ge", self.ge),
            )
            if value is not None
        }
        return (
            handler.generate_schema(Annotated[source, Field(**limits)])
            if limits
            else handler(source)
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        result = handler(schema)
        if self.description is not None and isinstance(result, dict):
            result = {**result, "description": self.description}
        return result


class _ConditionRules:
    """A condition is read by `parse_condition` and written back by `condition_to_data`."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            parse_condition,
            serialization=core_schema.plain_serializer_function_ser_schema(
                condition_to_data, return_schema=core_schema.dict_schema()
            ),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return dict(CONDITION_JSON_SCHEMA)


Id = Annotated[
    str,
    Rules(
        pattern=ID_PATTERN,
        max_length=80,
        description="Id in kleine letters met koppeltekens (kebab-case), bv. 'acuut-gevaar'.",
    ),
]
Text = Annotated[str, Rules(min_length=1, max_length=4000)]
LongText = Annotated[str, Rules(max_length=20000)]
ConditionField = Annotated[Condition, _ConditionRules()]

YES_NO_CHOICES: tuple[tuple[str, str], ...] = (("ja", "Ja"), ("nee", "Nee"))

_T = TypeVar("_T")


def _refuse_change(self: object, name: str, value: object = None) -> None:
    raise dataclasses.FrozenInstanceError(
        f"{type(self).__name__} is frozen: '{name}' cannot be changed"
    )


def _init(self: object, **values: Any) -> None:
    cls = type(self)
    fields: dict[str, dataclasses.Field[Any]] = cls.__dataclass_fields__  # type: ignore[attr-defined]
    unknown = [name for name in values if name not in fields]
    missing = [
        name
        for name, field in fields.items()
        if name not in values and field.default is dataclasses.MISSING
    ]
    if unknown or missing:
        raise TypeError(f"{cls.__name__}(): unknown {unknown}, missing {missing}")
    # Fields left out keep their default, which the class itself holds.
    self.__dict__.update(values)


def _values(self: object) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in self.__dataclass_fields__)  # type: ignore[attr-defined]


def _eq(self: object, other: object) -> object:
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: object) -> int:
    return hash(_values(self))


def _repr(self: object) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)  # type: ignore[attr-defined]
    return f"{type(self).__name__}({shown})"


@dataclass_transform(kw_only_default=True, frozen_default=True)
def part(cls: type[_T]) -> type[_T]:
    """Make a class a part of a plan: an immutable dataclass that pydantic can check.

    The methods a dataclass would generate (by compiling code for every class, which is a
    noticeable part of the start-up time) are shared here instead.
    """
    made = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    if any(field.default_factory is not dataclasses.MISSING for field in fields):
        raise TypeError(f"{cls.__name__}: a part of a plan has plain (immutable) defaults only")
    methods = {
        "__init__": _init,
        "__eq__": _eq,
        "__hash__": _hash,
        "__repr__": _repr,
        "__setattr__": _refuse_change,
        "__delattr__": _refuse_change,
        "__pydantic_config__": PYDANTIC_CONFIG,
    }
    for name, method in methods.items():
        setattr(made, name, method)
    return made


def _before(prepare: Callable[[Any], Any]) -> Any:
    """A pydantic hook that rewrites the raw data (shorthands) before the class checks it."""

    def hook(cls: type, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(prepare, handler(source))

    return classmethod(hook)


@part
class SourceRef:
    """A citation: a source from the plan's source list and a paragraph in it."""

    id: Id
    ref: Annotated[
        str, Rules(max_length=200, description="Paragraaf of vindplaats, bv. '§4.4'.")
    ] = ""


@part
class Source:
    """A document that actions and rules rest on."""

    id: Id
    title: Text
    date: dt.date | None = None
    url: Annotated[str, Rules(max_length=1000)] | None = None
    note: LongText = ""


@part
class Role:
    """Who does something, e.g. the burgemeester or the griffier."""

    id: Id
    label: Text
    help: LongText = ""


@part
class Urgency:
    """How soon; the order of the list is the order of urgency (most urgent first)."""

    id: Id
    label: Text


@part
class Domain:
    """Lokaal (decentraal domein) or landelijk (Rijksdomein)."""

    id: Id
    label: Text
    authority: LongText = ""


@part
class Phase:
    """A group of steps and actions, in the order a user meets them."""

    id: Id
    title: Text
    help: LongText = ""


@part
class Choice:
    """One answer to a question."""

    value: Id
    label: Text
    help: LongText = ""
    actions: Annotated[tuple[Id, ...], Rules(description="Acties die dit antwoord toevoegt.")] = ()


@part
class Route:
    """One row of a step's routing table: the first row whose condition holds wins."""

    when: ConditionField | None = None
    goto: Annotated[Id, Rules(description=f"De volgende stap, of '{END}' om af te sluiten.")]


def _expand_step(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    data = dict(data)
    if data.get("kind") == "yes-no" and not data.get("choices"):
        data["choices"] = [{"value": v, "label": label} for v, label in YES_NO_CHOICES]
    if isinstance(data.get("next"), str):
        data["next"] = [{"goto": data["next"]}]
    if isinstance(data.get("default"), list):
        data["default"] = tuple(data["default"])
    if isinstance(data.get("default_when"), list):
        data["default_when"] = [
            {**rule, "value": tuple(rule["value"])}
            if isinstance(rule, dict) and isinstance(rule.get("value"), list)
            else rule
            for rule in data["default_when"]
        ]
    return data


@part
class DefaultRule:
    """A default that depends on earlier answers: the first rule whose condition holds wins."""

    when: ConditionField
    value: Annotated[
        str | tuple[str, ...],
        Rules(description="Het antwoord dat wordt aangenomen als de voorwaarde klopt."),
    ]


@part
class Step:
    """A question in the plan."""

    id: Id
    phase: Id | None = None
    question: Text
    help: LongText = ""
    kind: Literal["one", "several", "yes-no"] = "one"
    choices: tuple[Choice, ...] = ()
    min_choices: Annotated[
        int, Rules(ge=0, description="Alleen bij 'several': minimaal aantal keuzes.")
    ] = 0
    default: Annotated[
        str | tuple[str, ...] | None,
        Rules(description="Antwoord dat een run zonder invoer aanneemt (vermeld als 'assumed')."),
    ] = None
    actions: Annotated[
        tuple[Id, ...], Rules(description="Acties die deze stap altijd toevoegt.")
    ] = ()
    sources: tuple[SourceRef, ...] = ()
    inferred: bool = False
    default_when: Annotated[
        tuple[DefaultRule, ...],
        Rules(description="Defaults die afhangen van eerdere antwoorden; anders 'default'."),
    ] = ()
    next: Annotated[
        tuple[Route, ...],
        Rules(description="Routering: eerste regel waarvan de voorwaarde klopt. Leeg: einde."),
    ] = ()

    __get_pydantic_core_schema__ = _before(_expand_step)

    @cached_property
    def values(self) -> tuple[str, ...]:
        """The allowed answer values, in plan order."""
        return tuple(choice.value for choice in self.choices)

    @cached_property
    def choice_actions(self) -> dict[str, tuple[str, ...]]:
        """The actions each answer value adds (only values that add some)."""
        found: dict[str, tuple[str, ...]] = {}
        for choice in self.choices:
            if choice.actions:
                found[choice.value] = found.get(choice.value, ()) + choice.actions
        return found

    @property
    def multiple(self) -> bool:
        return self.kind == "several"

    def choice(self, value: str) -> Choice | None:
        """The choice with this value, if any."""
        for choice in self.choices:
            if choice.value == value:
                return choice
        return None

    def selected(self, answer: Answer) -> tuple[Choice, ...]:
        """The choices an answer selects, in plan order."""
        chosen = (answer,) if isinstance(answer, str) else answer
        return tuple(choice for choice in self.choices if choice.value in chosen)


@part
class RoleRule:
    """A responsible role that depends on the answers: the first rule whose condition holds wins."""

    when: ConditionField
    role: Id


@part
class Action:
    """Something to do: what, who, how urgent, in which domain, on which source."""

    id: Id
    title: Text
    details: LongText = ""
    responsible: Id
    urgency: Id
    domain: Id
    phase: Id | None = None
    sources: tuple[SourceRef, ...] = ()
    inferred: Annotated[
        bool, Rules(description="Afgeleid, niet letterlijk in een bron: controleren.")
    ] = False
    when: Annotated[
        ConditionField | None,
        Rules(description="Voeg deze actie toe als de voorwaarde klopt (naast verwijzingen)."),
    ] = None
    responsible_when: Annotated[
        tuple[RoleRule, ...],
        Rules(description="Wie het doet, afhankelijk van de antwoorden; anders 'responsible'."),
    ] = ()


@part
class VerdictRule:
    """A row of the verdict table."""

    id: Id
    when: ConditionField | None = None
    verdict: Id
    authority: Text
    reasons: Annotated[tuple[Text, ...], Rules(min_length=1)]
    sources: tuple[SourceRef, ...] = ()
    inferred: bool = False
    actions: tuple[Id, ...] = ()


@part
class VerdictTable:
    """First-match table with an explicit default."""

    rules: tuple[VerdictRule, ...] = ()
    default: VerdictRule


@part
class Involvement:
    """National involvement that applies when its condition holds, also under a lokaal verdict."""

    id: Id
    when: ConditionField
    text: Text
    sources: tuple[SourceRef, ...] = ()
    inferred: bool = False
    actions: tuple[Id, ...] = ()


@part
class Note:
    """A remark kept with the plan: a later change of the rules, or an open point."""

    id: Id
    kind: Literal["wijziging", "open-punt"]
    title: Text
    text: LongText = ""
    sources: tuple[SourceRef, ...] = ()


@part
class GlossaryEntry:
    """An abbreviation (or term) in user-facing text and what it stands for."""

    term: Annotated[str, Rules(min_length=1, max_length=40)]
    explanation: Text


@part
class Caveat:
    """A remark shown with every verdict (or, with a condition, with the verdicts it fits)."""

    id: Id
    text: Text
    when: ConditionField | None = None
    sources: tuple[SourceRef, ...] = ()


@part
class VocabularyChange:
    """An answer id or value of an earlier major version that changed, and what to use now."""

    since: Annotated[str, Rules(min_length=1, max_length=40)]
    step: Id
    value: Id | None = None
    text: Text


def _version_as_text(data: Any) -> Any:
    if isinstance(data, dict) and isinstance(data.get("version"), int | float):
        return {**data, "version": str(data["version"])}
    return data


@part
class PlanInfo:
    """The plan's identity."""

    id: Id
    title: Text
    version: Annotated[str, Rules(min_length=1, max_length=40)]
    reference_date: dt.date
    start: Id
    description: LongText = ""
    action_order: Annotated[
        tuple[Id, ...],
        Rules(description="Fasen in de volgorde waarin acties binnen één urgentie staan."),
    ] = ()

    __get_pydantic_core_schema__ = _before(_version_as_text)


@part
class Plan:
    """A whole plan, possibly merged from several files."""

    plan: PlanInfo
    sources: tuple[Source, ...] = ()
    roles: tuple[Role, ...] = ()
    urgencies: tuple[Urgency, ...] = ()
    domains: tuple[Domain, ...] = ()
    phases: tuple[Phase, ...] = ()
    steps: tuple[Step, ...] = ()
    actions: tuple[Action, ...] = ()
    verdict: VerdictTable
    involvement: tuple[Involvement, ...] = ()
    notes: tuple[Note, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    vocabulary_changes: tuple[VocabularyChange, ...] = ()

    @cached_property
    def step_index(self) -> dict[str, Step]:
        return {step.id: step for step in self.steps}

    @cached_property
    def action_index(self) -> dict[str, Action]:
        return {action.id: action for action in self.actions}

    @cached_property
    def role_index(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    def role_label(self, role_id: str) -> str:
        """The label of a role, or its id when the plan does not define it."""
        role = self.role_index.get(role_id)
        return role.label if role else role_id

    @cached_property
    def source_index(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def domain_index(self) -> dict[str, Domain]:
        return {domain.id: domain for domain in self.domains}

    @cached_property
    def urgency_rank(self) -> dict[str, int]:
        return {urgency.id: rank for rank, urgency in enumerate(self.urgencies)}

    @cached_property
    def action_rank(self) -> dict[str, int]:
        return {action.id: rank for rank, action in enumerate(self.actions)}

    @cached_property
    def action_order(self) -> dict[str, int]:
        """One sort key per action id: urgency first (unknown urgencies last), then plan order."""
        urgency = self.urgency_rank
        span = len(self.actions) + 1
        return {
            action.id: urgency.get(action.urgency, len(urgency)) * span + rank
            for rank, action in enumerate(self.actions)
        }

    @cached_property
    def conditional_actions(self) -> tuple[Action, ...]:
        """Actions that carry their own condition, checked on every outcome."""
        return tuple(action for action in self.actions if action.when is not None)

    # The names pydantic gives these, so the plan reads like the pydantic model it once was.

    @classmethod
    def model_validate(cls, data: Any) -> Plan:
        """Check raw data (as read from YAML) and make a plan of it.

        Raises:
            pydantic.ValidationError: when the data does not fit the schema.
        """
        return plan_adapter().validate_python(data)

    def model_dump(self, **options: Any) -> Any:
        """The plan as plain data (options as pydantic's `TypeAdapter.dump_python`)."""
        return plan_adapter().dump_python(self, **options)

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of a whole plan."""
        return plan_adapter().json_schema()


TOP_LEVEL_KEYS = tuple(field.name for field in dataclasses.fields(Plan))
"""The keys a plan file may have, in the order a merged plan lists them."""


@cache
def plan_adapter() -> TypeAdapter[Plan]:
    """Pydantic's validator and serializer for a whole plan (built on first use)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Plan)


if TYPE_CHECKING:

    class Frozen(BaseModel):
        """Base for other pydantic models of stappenplan files: unknown keys are errors."""

        model_config = ConfigDict(
            extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True
        )


def __getattr__(name: str) -> Any:
    # `Frozen` is a pydantic class; it is made on first use, so that importing this module
    # does not import pydantic.
    if name == "Frozen":
        return _frozen_base()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _frozen_base() -> type:
    from pydantic import BaseModel, ConfigDict

    class Frozen(BaseModel):
        """Base for other pydantic models of stappenplan files: unknown keys are errors."""

        model_config = ConfigDict(**PYDANTIC_CONFIG)  # type: ignore[typeddict-item]

    Frozen.__module__ = __name__
    return Frozen
