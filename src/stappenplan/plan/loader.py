"""Load a plan (one YAML file or a folder of them) into a Plan, with file:line on every error."""

from __future__ import annotations

import gc
import hashlib
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from stappenplan.errors import Location, PlanError, Problem
from stappenplan.plan.documents import (
    Document,
    DocumentError,
    Path_,
    decode,
    locate,
    parse_document,
    read_bytes,
)
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import TOP_LEVEL_KEYS, Plan

PLAN_SUFFIXES = (".yaml", ".yml")
SINGLE_KEYS = ("plan", "verdict")
"""Top-level keys that hold one mapping; the others hold lists that are concatenated."""


def default_plan_dir() -> Path:
    """The packaged default plan (in a source checkout: the repository's steps/)."""
    # Installed, the plan lies beside this module; importlib.resources would find the same
    # folder, at a few milliseconds of start-up.
    package = Path(__file__).parent.parent
    packaged = package / "steps"
    if packaged.is_dir():
        return packaged
    return package.resolve().parents[1] / "steps"


def plan_files(source: Path, shown: str) -> list[tuple[Path, str]]:
    """The files of a plan in load order, each with the name shown to the user.

    Raises:
        PlanError: when the path does not exist or holds no plan files.
    """
    if source.is_file():
        return [(source, shown)]
    if not source.is_dir():
        raise PlanError(f"{shown}: plan niet gevonden (geen bestand of map)")
    files = sorted(
        path for path in source.iterdir() if path.suffix in PLAN_SUFFIXES and path.is_file()
    )
    if not files:
        raise PlanError(f"{shown}: de map bevat geen .yaml-bestanden")
    return [(path, f"{shown.rstrip('/')}/{path.name}") for path in files]


def load_plan(source: Path | None = None) -> LoadedPlan:
    """Load and check the schema of a plan; the default is the packaged plan.

    Raises:
        PlanError: with one problem per error, each naming file and line.
    """
    if source is None:
        source, shown = default_plan_dir(), "steps"
    else:
        shown = str(source)
    entries: list[tuple[str, bytes] | Problem] = []
    digest = hashlib.sha256()
    for path, name in plan_files(source, shown):
        try:
            raw = read_bytes(path, name)
        except DocumentError as error:
            entries.append(Problem("yaml", error.message, error.location))
            continue
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        entries.append((name, raw))
    with gc_paused():
        loaded = build_plan(_parse(entries), digest.hexdigest(), shown)
    return _settled(loaded)


FREEZE_FROM = 2000
"""From this many steps and actions on, a loaded plan is moved out of the collector's sight."""


def _settled(loaded: LoadedPlan) -> LoadedPlan:
    """A large plan is kept out of the cyclic garbage collector's scans from now on.

    A plan is immutable and free of cycles, and normally lives as long as the process. Left
    in the collector's care, the hundreds of thousands of objects of a large plan would be
    scanned again at every full collection that later work (such as `validate`) triggers.
    """
    plan = loaded.plan
    if len(plan.steps) + len(plan.actions) >= FREEZE_FROM:
        gc.freeze()
    return loaded


def _parse(entries: Sequence[tuple[str, bytes] | Problem]) -> list[Document]:
    """The documents of the files read, or every read and parse problem at once.

    Raises:
        PlanError: when a file could not be read or parsed.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    for entry in entries:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        name, raw = entry
        try:
            documents.append(parse_document(decode(raw, name), name))
        except DocumentError as error:
            problems.append(Problem("yaml", error.message, error.location))
    if problems:
        raise PlanError("Het plan kan niet gelezen worden.", problems)
    return documents


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan is built.

    Parsing and checking allocate hundreds of thousands of small objects that all stay alive;
    the collector would scan them again and again, which makes loading a large plan several
    times slower than its size warrants. The data is a tree (no cycles to collect).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_plan(documents: Sequence[Document], sha256: str, origin: str) -> LoadedPlan:
    """Merge parsed documents and validate them against the schema.

    Raises:
        PlanError: on structural or schema problems, all at once.
    """
    merged, locations, problems = merge_documents(documents)
    if not problems:
        try:
            plan = Plan.model_validate(merged)
        except ValidationError as error:
            fallback = documents[0].name if documents else origin
            problems = translate_validation_error(error, locations, fallback, Plan)
        else:
            files = tuple(document.name for document in documents)
            return LoadedPlan(plan, locations, files, sha256, origin)
    raise PlanError("Het plan klopt niet met het schema.", problems)


def merge_documents(
    documents: Sequence[Document],
) -> tuple[dict[str, Any], dict[Path_, Location], list[Problem]]:
    """Concatenate list sections and take single sections once, keeping locations."""
    merged: dict[str, Any] = {}
    locations: dict[Path_, Location] = {}
    problems: list[Problem] = []
    allowed = ", ".join(TOP_LEVEL_KEYS)
    for document in documents:
        data = document.data
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    "schema",
                    f"een planbestand is een mapping met sleutels ({allowed}), "
                    f"geen {_describe_type(data)}",
                    document.locate(()),
                )
            )
            continue
        offsets: dict[str, int] = {}
        for key, value in data.items():
            where = document.locate((key,))
            if key not in TOP_LEVEL_KEYS:
                problems.append(
                    Problem("schema", f"onbekende sleutel '{key}'; toegestaan: {allowed}", where)
                )
            elif key in SINGLE_KEYS:
                if key in merged:
                    first = locations[(key,)]
                    problems.append(
                        Problem("schema", f"'{key}' staat al in {first}; één keer per plan", where)
                    )
                else:
                    merged[key] = value
                    offsets[key] = 0
            elif not isinstance(value, list):
                problems.append(
                    Problem(
                        "schema", f"'{key}' verwacht een lijst, geen {_describe_type(value)}", where
                    )
                )
            else:
                items = merged.setdefault(key, [])
                offsets[key] = len(items)
                items.extend(value)
        for path, location in document.locations.items():
            if not path or path[0] not in offsets:
                continue
            key = path[0]
            if len(path) == 1:
                locations.setdefault(path, location)
            elif key in SINGLE_KEYS:
                locations[path] = location
            elif isinstance(path[1], int):
                locations[(key, path[1] + offsets[key], *path[2:])] = location
    if documents and "plan" not in merged and not problems:
        problems.append(
            Problem(
                "schema",
                "het plan mist de sectie 'plan' (id, titel, versie)",
                Location(documents[0].name),
            )
        )
    if documents and "verdict" not in merged and not problems:
        problems.append(
            Problem(
                "schema",
                "het plan mist de sectie 'verdict' (de beslistabel)",
                Location(documents[0].name),
            )
        )
    return merged, locations, problems


def _describe_type(value: Any) -> str:
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


# --- pydantic errors -> Dutch problems --------------------------------------------------------


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
        return f"verwacht een mapping (sleutel: waarde), geen {_describe_type(value)}"
    if kind in ("tuple_type", "list_type", "iterable_type"):
        return f"verwacht een lijst, geen {_describe_type(value)}"
    if kind in ("string_type", "str_type"):
        return f"verwacht tekst, geen {_describe_type(value)}"
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
