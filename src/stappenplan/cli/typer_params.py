"""Typer parameter values without pydantic, for the plain kinds of parameter stappenplan has.

Typer checks every parameter value through a pydantic TypeAdapter that it builds on first use;
for `stappenplan start` that costs more start-up time than loading and walking the plan. For
text, flags, paths, choices (enums) and lists of text or paths, Typer's adapters only wrap
plain functions of its own; `install()` makes Typer call those directly. Whatever else comes
along (another kind of parameter, a value of another type, a value that is refused) goes the
usual way through Typer's own runtime parameter, so values and error messages stay Typer's.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core
from typer import _coercion
from typer._param_types import coerce_cli_choice, coerce_cli_path, routes_to_path

_Convert = Callable[[Any, Any, Any], Any]
_ORIGINAL = _coercion.build_runtime_param


class _DirectParam:
    """Typer's runtime parameter for one plain parameter, converting its values directly."""

    def __init__(
        self,
        descriptor: _coercion.TypeDescriptor,
        convert: _Convert,
        *,
        many: bool,
        kind: type,
    ) -> None:
        self.descriptor = descriptor
        self.convert = convert
        self.many = many
        self.kind = kind
        """The type of value that is converted directly: text, or a flag's own true/false."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        return _coercion.RuntimeParam.coerce(self, value, param=param, ctx=ctx)  # type: ignore[arg-type]

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        kind = self.kind
        try:
            if self.many and isinstance(value, list | tuple):
                if all(type(item) is kind for item in value):
                    return [self.convert(item, param, ctx) for item in value]
            elif not self.many and type(value) is kind:
                return self.convert(value, param, ctx)
        except Exception:  # Typer's own path below raises the proper error
            pass
        return _ORIGINAL(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def _same(value: Any, param: Any, ctx: Any) -> Any:
    return value


def _converter(annotation: Any, info: Any) -> _Convert | None:
    if info.parser is not None:
        return None
    if annotation is str or annotation is bool:
        return _same
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(annotation)
        sensitive = info.case_sensitive

        def choose(value: Any, param: Any, ctx: Any) -> Any:
            return coerce_cli_choice(value, choices=choices, case_sensitive=sensitive, ctx=ctx)

        return choose
    if isinstance(annotation, type) and issubclass(annotation, Path):
        if not routes_to_path(annotation, info):
            return None
        path_type = info.path_type or annotation

        def path(value: Any, param: Any, ctx: Any) -> Any:
            return coerce_cli_path(
                path_type(value), info, path_type=path_type, param=param, ctx=ctx
            )

        return path
    return None


def _runtime_param(descriptor: _coercion.TypeDescriptor) -> Any:
    if descriptor.file_annotation is None:
        annotation: Any = descriptor.annotation
        many = False
        if get_origin(annotation) is list and len(get_args(annotation)) == 1:
            (annotation,) = get_args(annotation)
            many = annotation is str or annotation is Path
        convert = _converter(annotation, descriptor.parameter_info)
        if convert is not None and (many or annotation is descriptor.annotation):
            kind = bool if annotation is bool else str
            return _DirectParam(descriptor, convert, many=many, kind=kind)
    return _ORIGINAL(descriptor)


def install() -> None:
    """Let Typer make its runtime parameters through this module (harmless to repeat)."""
    typer.core.build_runtime_param = _runtime_param  # type: ignore[attr-defined]
