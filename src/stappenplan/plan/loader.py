"""Load a plan (one YAML file or a folder of them) into a Plan, with file:line on every error."""

from __future__ import annotations

import gc
import hashlib
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from stappenplan.errors import Location, PlanError, Problem
from stappenplan.files import status
from stappenplan.plan.documents import (
    Document,
    DocumentError,
    Path_,
    decode,
    describe_type,
    locate,
    parse_document,
    read_bytes,
)
from stappenplan.plan.limits import (
    MAX_PLAN_BYTES,
    MAX_PLAN_FILES,
    TOO_LARGE,
    dutch_number,
    size_problems,
)
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import TOP_LEVEL_KEYS, Plan
from stappenplan.plan.validation_errors import translate_validation_error

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
    found = status(source, PlanError)
    if found is not None and stat.S_ISREG(found.st_mode):
        return [(source, shown)]
    if found is None or not stat.S_ISDIR(found.st_mode):
        raise PlanError(f"{shown}: plan niet gevonden (geen bestand of map)")
    files = sorted(
        path for path in source.iterdir() if path.suffix in PLAN_SUFFIXES and _is_file(path)
    )
    if not files:
        raise PlanError(f"{shown}: de map bevat geen .yaml-bestanden")
    return [(path, f"{shown.rstrip('/')}/{path.name}") for path in files]


def _is_file(path: Path) -> bool:
    """Whether `path` (in a plan folder that could be listed) is a regular file."""
    found = status(path, PlanError)
    return found is not None and stat.S_ISREG(found.st_mode)


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
    files = plan_files(source, shown)
    if len(files) > MAX_PLAN_FILES:
        _too_large(
            f"de map bevat {dutch_number(len(files))} planbestanden, maximaal "
            f"{dutch_number(MAX_PLAN_FILES)}",
            shown,
        )
    total = 0
    for path, name in files:
        try:
            raw = read_bytes(path, name)
        except DocumentError as error:
            entries.append(Problem(error.code, error.message, error.location))
            continue
        total += len(raw)
        if total > MAX_PLAN_BYTES:
            _too_large(
                f"de bestanden zijn samen meer dan {dutch_number(MAX_PLAN_BYTES)} bytes", shown
            )
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        entries.append((name, raw))
    with gc_paused():
        loaded = build_plan(_parse(entries), digest.hexdigest(), shown)
    return _settled(loaded)


def _too_large(message: str, shown: str) -> None:
    """Refuse a plan beyond a bound of plan/limits.py.

    Raises:
        PlanError: always.
    """
    raise PlanError(
        "Het plan is te groot.",
        [
            Problem(
                TOO_LARGE,
                f"het plan is te groot: {message}; zie 'Grenzen' in docs/plan-schrijven.md",
                Location(shown),
            )
        ],
    )


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
            problems.append(Problem(error.code, error.message, error.location))
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
    fallback = documents[0].name if documents else origin
    if not problems:
        too_large = size_problems(merged, lambda path: locate(locations, path, fallback))
        if too_large:
            raise PlanError("Het plan is te groot.", too_large)
        try:
            plan = Plan.model_validate(merged)
        except ValidationError as error:
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
                    f"geen {describe_type(data)}",
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
                        "schema", f"'{key}' verwacht een lijst, geen {describe_type(value)}", where
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
