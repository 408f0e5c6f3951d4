"""Pydantic's validation errors as Dutch problems, each at the file and line of the value."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from stappenplan.errors import Location, Problem
from stappenplan.plan.documents import Path_, describe_type, locate


def translate_validation_error(
    error: ValidationError,
    locations: Mapping[Path_, Location],
    fallback: str,
    root: type[BaseModel],
) -> list[Problem]:
    """One Dutch problem per pydantic error, located via the YAML location map."""
    problems: list[Problem] = []
    seen: set[tuple[Path_, str]] = set()
    for item in error.errors(include_url=False):
        loc = _clean_loc(item["loc"])
        message = _dutch_message(item, loc, root)
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        where = _dotted(loc)
        prefix = f"{where}: " if where else ""
        problems.append(Problem("schema", prefix + message, locate(locations, loc, fallback)))
    return problems


def _clean_loc(loc: tuple[int | str, ...]) -> Path_:
    """Drop pydantic's internal union/function markers from an error location."""
    return tuple(
        part
        for part in loc
        if not (isinstance(part, str) and ("[" in part or part.startswith("function-")))
    )


def _dotted(loc: Path_) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _field_keys(model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    return ", ".join(_fields_of(model))


def _fields_of(model: type[BaseModel]) -> dict[str, Any]:
    """Field names and annotations of a model."""
    return {name: field.annotation for name, field in model.model_fields.items()}


def model_at(root: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model class that holds the value at a path (for listing allowed keys)."""
    current: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        model = _model_in(current)
        if model is None:
            return None
        fields = _fields_of(model)
        if part not in fields:
            return None
        current = fields[part]
    return _model_in(current)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _dutch_message(item: Any, loc: Path_, root: type[BaseModel]) -> str:
    kind = item["type"]
    value = item.get("input")
    ctx = item.get("ctx") or {}
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        allowed = _field_keys(model_at(root, loc[:-1]))
        return f"onbekende sleutel '{loc[-1]}'; toegestaan: {allowed}"
    if kind == "missing":
        return "verplichte sleutel ontbreekt"
    if kind == "string_pattern_mismatch":
        return (
            f"'{value}' is geen geldige id: gebruik kleine letters, cijfers en koppeltekens "
            "(bv. 'acuut-gevaar')"
        )
    if kind == "literal_error":
        return f"'{value}' is niet toegestaan; kies uit {ctx.get('expected', '')}"
    if kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        return f"verwacht een mapping (sleutel: waarde), geen {describe_type(value)}"
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return f"verwacht een lijst, geen {describe_type(value)}"
    if kind in ("string_type", "str_type"):
        return f"verwacht tekst, geen {describe_type(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return "verwacht true of false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "verwacht een geheel getal"
    if kind.startswith("date"):
        return "verwacht een datum als JJJJ-MM-DD"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_too_long":
        return f"tekst is te lang (maximaal {ctx.get('max_length')} tekens)"
    if kind == "too_short":
        return f"verwacht minstens {ctx.get('min_length')} element(en)"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx.get('ge')} zijn"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    if kind == "union_tag_invalid" or kind.startswith("union"):
        return "deze waarde heeft niet de verwachte vorm"
    return str(item["msg"])
