"""The schema of a plan: steps, choices, actions, roles, sources, verdict rules.

Each concept is one frozen pydantic model; unknown keys are errors and text is stripped. The
loader gives `Plan.model_validate` the plain data the YAML reader built.
"""

# No `from __future__ import annotations`: pydantic would compile every annotation kept as text
# anew at each start.

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetPydanticSchema,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import core_schema

from stappenplan.plan.conditions import (
    CONDITION_JSON_SCHEMA,
    Answer,
    Condition,
    condition_to_data,
    parse_condition,
)

END = "einde"
"""The route target that ends the walk."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

YES_NO_CHOICES: tuple[tuple[str, str], ...] = (("ja", "Ja"), ("nee", "Nee"))


class Frozen(BaseModel):
    """Base of every model of a stappenplan file: frozen, unknown keys are errors."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True
    )


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=80,
        description="Id in kleine letters met koppeltekens (kebab-case), bv. 'acuut-gevaar'.",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
LongText = Annotated[str, Field(max_length=20000)]
ConditionField = Annotated[
    Condition,
    GetPydanticSchema(
        lambda _type, _handler: core_schema.no_info_plain_validator_function(
            parse_condition,
            serialization=core_schema.plain_serializer_function_ser_schema(condition_to_data),
        )
    ),
    WithJsonSchema(CONDITION_JSON_SCHEMA),
]
"""A condition is read by `parse_condition` and written back by `condition_to_data` (the
condition classes themselves are plain Python, unknown to pydantic)."""


class SourceRef(Frozen):
    """A citation: a source from the plan's source list and a paragraph in it."""

    id: Id
    ref: Annotated[
        str, Field(max_length=200, description="Paragraaf of vindplaats, bv. '§4.4'.")
    ] = ""


class Source(Frozen):
    """A document that actions and rules rest on."""

    id: Id
    title: Text
    date: dt.date | None = None
    url: Annotated[str, Field(max_length=1000)] | None = None
    note: LongText = ""


class Role(Frozen):
    """Who does something, e.g. the burgemeester or the griffier."""

    id: Id
    label: Text
    help: LongText = ""


class Urgency(Frozen):
    """How soon; the order of the list is the order of urgency (most urgent first)."""

    id: Id
    label: Text


class Domain(Frozen):
    """Lokaal (decentraal domein) or landelijk (Rijksdomein)."""

    id: Id
    label: Text
    authority: LongText = ""


class Phase(Frozen):
    """A group of steps and actions, in the order a user meets them."""

    id: Id
    title: Text
    help: LongText = ""


class Choice(Frozen):
    """One answer to a question."""

    value: Id
    label: Text
    help: LongText = ""
    actions: Annotated[tuple[Id, ...], Field(description="Acties die dit antwoord toevoegt.")] = ()


class Route(Frozen):
    """One row of a step's routing table: the first row whose condition holds wins."""

    when: ConditionField | None = None
    goto: Annotated[Id, Field(description=f"De volgende stap, of '{END}' om af te sluiten.")]


class Step(Frozen):
    """A question in the plan."""

    id: Id
    phase: Id | None = None
    question: Text
    help: LongText = ""
    kind: Literal["one", "several", "yes-no"] = "one"
    choices: tuple[Choice, ...] = ()
    min_choices: Annotated[
        int, Field(ge=0, description="Alleen bij 'several': minimaal aantal keuzes.")
    ] = 0
    # The schema is written out so that the description stays beside the three forms, where
    # editors show it (and the published schema stays the same).
    default: Annotated[
        str | tuple[str, ...] | None,
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string"},
                    {"items": {"type": "string"}, "type": "array"},
                    {"type": "null"},
                ],
                "description": "Antwoord dat een run zonder invoer aanneemt (vermeld als 'assumed').",
            }
        ),
    ] = None
    actions: Annotated[
        tuple[Id, ...], Field(description="Acties die deze stap altijd toevoegt.")
    ] = ()
    sources: tuple[SourceRef, ...] = ()
    inferred: bool = False
    next: Annotated[
        tuple[Route, ...],
        Field(description="Routering: eerste regel waarvan de voorwaarde klopt. Leeg: einde."),
    ] = ()

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        """Shorthands: a yes-no step without choices gets ja/nee, `next: id` is one route."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if data.get("kind") == "yes-no" and not data.get("choices"):
            data["choices"] = [{"value": v, "label": label} for v, label in YES_NO_CHOICES]
        if isinstance(data.get("next"), str):
            data["next"] = [{"goto": data["next"]}]
        if isinstance(data.get("default"), list):
            data["default"] = tuple(data["default"])
        return data

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
        """Whether the question takes several answers."""
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


class Action(Frozen):
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
        bool, Field(description="Afgeleid, niet letterlijk in een bron: controleren.")
    ] = False
    when: Annotated[
        ConditionField | None,
        Field(description="Voeg deze actie toe als de voorwaarde klopt (naast verwijzingen)."),
    ] = None


class VerdictRule(Frozen):
    """A row of the verdict table."""

    id: Id
    when: ConditionField | None = None
    verdict: Id
    authority: Text
    reasons: Annotated[tuple[Text, ...], Field(min_length=1)]
    sources: tuple[SourceRef, ...] = ()
    inferred: bool = False
    actions: tuple[Id, ...] = ()


class VerdictTable(Frozen):
    """First-match table with an explicit default."""

    rules: tuple[VerdictRule, ...] = ()
    default: VerdictRule


class Involvement(Frozen):
    """National involvement that applies when its condition holds, also under a lokaal verdict."""

    id: Id
    when: ConditionField
    text: Text
    sources: tuple[SourceRef, ...] = ()
    inferred: bool = False
    actions: tuple[Id, ...] = ()


class Note(Frozen):
    """A remark kept with the plan: a later change of the rules, or an open point."""

    id: Id
    kind: Literal["wijziging", "open-punt"]
    title: Text
    text: LongText = ""
    sources: tuple[SourceRef, ...] = ()


class PlanInfo(Frozen):
    """The plan's identity."""

    id: Id
    title: Text
    version: Annotated[str, Field(min_length=1, max_length=40)]
    reference_date: dt.date
    start: Id
    description: LongText = ""

    @model_validator(mode="before")
    @classmethod
    def _version_as_text(cls, data: Any) -> Any:
        """`version: 1.2` in YAML is a number; the plan keeps it as text."""
        if isinstance(data, dict) and isinstance(data.get("version"), int | float):
            return {**data, "version": str(data["version"])}
        return data


class Plan(Frozen):
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

    @cached_property
    def step_index(self) -> dict[str, Step]:
        """Steps by id."""
        return {step.id: step for step in self.steps}

    @cached_property
    def action_index(self) -> dict[str, Action]:
        """Actions by id."""
        return {action.id: action for action in self.actions}

    @cached_property
    def role_index(self) -> dict[str, Role]:
        """Roles by id."""
        return {role.id: role for role in self.roles}

    def role_label(self, role_id: str) -> str:
        """The label of a role, or its id when the plan does not define it."""
        role = self.role_index.get(role_id)
        return role.label if role else role_id

    @cached_property
    def source_index(self) -> dict[str, Source]:
        """Sources by id."""
        return {source.id: source for source in self.sources}

    @cached_property
    def domain_index(self) -> dict[str, Domain]:
        """Domains by id."""
        return {domain.id: domain for domain in self.domains}

    @cached_property
    def urgency_rank(self) -> dict[str, int]:
        """The position of each urgency, most urgent first."""
        return {urgency.id: rank for rank, urgency in enumerate(self.urgencies)}

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


TOP_LEVEL_KEYS = tuple(Plan.model_fields)
"""The keys a plan file may have, in the order a merged plan lists them."""
