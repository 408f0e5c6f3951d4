"""The building blocks every model of a stappenplan file shares: the frozen base and the
plain field types (ids, text, conditions)."""

# No `from __future__ import annotations`: see model.py.

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, GetPydanticSchema, WithJsonSchema
from pydantic_core import core_schema

from stappenplan.plan.conditions import (
    CONDITION_JSON_SCHEMA,
    Condition,
    condition_to_data,
    parse_condition,
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


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
