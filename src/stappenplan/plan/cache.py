"""A cache of checked plans: a run on an unchanged plan skips YAML parsing and pydantic.

An entry holds the merged, schema-checked plan as JSON and the map of where each part was
written. Its name is a hash of the plan's files (names and bytes), the shown plan name, the
stappenplan version and the files of the code that reads plans, so a changed file is never
served from the cache: it simply has no entry yet. Entries are written atomically with mode
0600. Anything wrong with the cache (no folder, no rights, a damaged entry) means a normal load;
the cache never causes an error of its own.

`STAPPENPLAN_CACHE_DIR` chooses the folder; set to an empty value, it turns the cache off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import sys
import typing
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from stappenplan import __version__
from stappenplan.errors import Location
from stappenplan.plan.conditions import condition_to_data, parse_condition
from stappenplan.plan.documents import Path_
from stappenplan.plan.loader import new_sha256
from stappenplan.plan.model import Plan

ENV_VAR = "STAPPENPLAN_CACHE_DIR"
FORMAT = 1
"""Raised whenever the layout of an entry changes."""

PREFIX = "plan-"
LOCATIONS = ".regels"
"""An entry is plan-<64 hex digits>.json with plan-<same>.regels.json beside it (the line of
every part); nothing else in the folder is ever touched."""

MAX_ENTRIES = 32
"""Older entries beyond this many are removed when a new one is written."""

_CODE = ("model.py", "conditions.py", "documents.py", "loader.py", "cache.py")
"""The modules whose behaviour decides what a cached plan contains."""


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if os.name == "posix" and sys.platform != "darwin":
        # The XDG rule that platformdirs follows on Linux and the BSDs, without its import
        # time: $XDG_CACHE_HOME when it is an absolute path, else ~/.cache.
        base = Path(os.environ.get("XDG_CACHE_HOME", "").strip())
        return (base if base.is_absolute() else Path.home() / ".cache") / "stappenplan"
    import platformdirs

    return platformdirs.user_cache_path("stappenplan")


def entry_key(files_sha256: str, origin: str) -> str:
    """The name of the entry for these plan files, shown under this name, read by this code."""
    digest = new_sha256(f"{FORMAT}\0{__version__}\0{origin}\0{files_sha256}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        with contextlib.suppress(OSError):
            stat = (here / name).stat()
            digest.update(f"\0{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    key: str = digest.hexdigest()
    return key


def read(
    files_sha256: str, origin: str, locate_again: Callable[[], Mapping[Path_, Location]]
) -> tuple[Plan, tuple[str, ...], Mapping[Path_, Location]] | None:
    """The cached plan with its file names and location map, or None (missing or unusable).

    The location map is read only when something asks where a part of the plan is; should
    its file be gone or damaged by then, `locate_again` makes it anew from the plan's files.
    """
    folder = cache_dir()
    if folder is None:
        return None
    key = entry_key(files_sha256, origin)
    try:
        entry = json.loads(_entry_path(folder, key).read_bytes())
        if entry.get("format") != FORMAT or entry.get("sha256") != files_sha256:
            return None
        files = entry["files"]
        if not isinstance(files, list) or not all(type(name) is str for name in files):
            return None
        plan = _builder(Plan)(entry["plan"])
    except Exception:
        return None
    locations = LazyLocations(
        _entry_path(folder, key, LOCATIONS), files_sha256, tuple(files), locate_again
    )
    return plan, tuple(files), locations


def write(files_sha256: str, origin: str, plan: Plan, files: tuple[str, ...]) -> None:
    """Store a checked plan; silently does nothing when that is not possible.

    The location map is not stored now: most runs never need it. A cached plan that does
    need it makes it anew once and stores it then (see `LazyLocations`).
    """
    folder = cache_dir()
    if folder is None:
        return
    try:
        from stappenplan.files import write_private

        entry = {"format": FORMAT, "sha256": files_sha256, "files": list(files)}
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = entry_key(files_sha256, origin)
        write_private(
            _entry_path(folder, key), _json({**entry, "plan": _to_data(plan)}), force=True
        )
        _prune(folder)
    except Exception:
        return


def _write_locations(
    path: Path, files_sha256: str, files: tuple[str, ...], locations: Mapping[Path_, Location]
) -> None:
    try:
        from stappenplan.files import write_private

        rows = _location_rows(locations, files)
        if rows is not None:
            entry = {"format": FORMAT, "sha256": files_sha256, "files": list(files), "rows": rows}
            write_private(path, _json(entry), force=True)
    except Exception:
        return


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _entry_path(folder: Path, key: str, part: str = "") -> Path:
    return folder / f"{PREFIX}{key}{part}.json"


def _prune(folder: Path) -> None:
    """Remove the oldest entries (only files this module wrote, recognised by their name)."""
    newest: dict[str, int] = {}
    for path in folder.glob(f"{PREFIX}*.json"):
        key = path.name[len(PREFIX) : len(PREFIX) + 64]
        ours = len(key) == 64 and all(char in "0123456789abcdef" for char in key)
        if ours and path.name.removesuffix(".json")[len(PREFIX) + 64 :] in ("", LOCATIONS):
            with contextlib.suppress(OSError):
                newest[key] = max(newest.get(key, 0), path.stat().st_mtime_ns)
    for key in sorted(newest, key=newest.__getitem__)[:-MAX_ENTRIES]:
        for part in ("", LOCATIONS):
            with contextlib.suppress(OSError):
                _entry_path(folder, key, part).unlink()


# --- locations: a separate file, made on first use --------------------------------------------


def _location_rows(
    locations: Mapping[Path_, Location], files: tuple[str, ...]
) -> list[list[Any]] | None:
    number = {name: index for index, name in enumerate(files)}
    rows: list[list[Any]] = []
    for path, location in locations.items():
        if location.file not in number or not all(
            type(part) is str or type(part) is int for part in path
        ):
            return None
        rows.append([number[location.file], location.line, *path])
    return rows


class LazyLocations(Mapping[Path_, Location]):
    """The location map of a cached plan, made only when something asks where a part is.

    A run on a valid plan never asks, so it never pays for every line number. The first time
    it is needed, it is made from the plan's files and stored beside the entry.
    """

    def __init__(
        self,
        path: Path,
        files_sha256: str,
        files: tuple[str, ...],
        locate_again: Callable[[], Mapping[Path_, Location]],
    ) -> None:
        self._path = path
        self._sha256 = files_sha256
        self._files = files
        self._locate_again = locate_again
        self._map: Mapping[Path_, Location] | None = None

    def _decoded(self) -> Mapping[Path_, Location]:
        if self._map is None:
            try:
                self._map = self._read()
            except Exception:
                self._map = self._locate_again()
                _write_locations(self._path, self._sha256, self._files, self._map)
        return self._map

    def _read(self) -> dict[Path_, Location]:
        entry = json.loads(self._path.read_bytes())
        if entry.get("format") != FORMAT or entry.get("sha256") != self._sha256:
            raise _Unusable("another plan")
        if entry.get("files") != list(self._files):
            raise _Unusable("other files")
        files = self._files
        lines: dict[tuple[int, int | None], Location] = {}
        result: dict[Path_, Location] = {}
        for row in entry["rows"]:
            where = (row[0], row[1])
            location = lines.get(where)
            if location is None:
                location = lines[where] = Location(files[row[0]], row[1])
            result[tuple(row[2:])] = location
        return result

    def __getitem__(self, path: Path_) -> Location:
        return self._decoded()[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())


# --- plan <-> JSON data, driven by the dataclass annotations ----------------------------------

_Convert = Callable[[Any], Any]


class _Unusable(Exception):
    """The cached data does not have the shape of a plan."""


def _builder(cls: type) -> _Convert:
    """A function that rebuilds an instance of a plan class from its JSON data, strictly."""
    built = _BUILDERS.get(cls)
    if built is None:
        built = _make_builder(cls)
        _BUILDERS[cls] = built
    return built


_BUILDERS: dict[type, _Convert] = {}


def _make_builder(cls: type) -> _Convert:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = dataclasses.fields(cls)
    required = frozenset(
        field.name
        for field in fields
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    )
    converters = {field.name: _converter(hints[field.name]) for field in fields}
    texts = frozenset(name for name, convert in converters.items() if convert is _text)
    new = object.__new__
    set_dict = object.__setattr__

    def build(data: Any) -> Any:
        if type(data) is not dict or not required <= data.keys():
            raise _Unusable(cls.__name__)
        for name, value in data.items():
            if name in texts:
                if type(value) is not str:
                    raise _Unusable(name)
            else:
                # Replacing the value of an existing key while iterating is allowed.
                data[name] = converters[name](value)  # KeyError: an unknown key
        # Fields left out hold their default, which the class itself provides. Frozen
        # parts refuse attribute assignment, so the checked dict becomes the instance dict.
        instance: Any = new(cls)
        set_dict(instance, "__dict__", data)
        return instance

    return build


def _converter(hint: Any) -> _Convert:
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        inner, *marks = typing.get_args(hint)
        if any(type(mark).__name__ == "_ConditionRules" for mark in marks):
            return _condition
        return _converter(inner)
    if hint is str:
        return _text
    if hint is bool:
        return _exact(bool)
    if hint is int:
        return _exact(int)
    if hint is dt.date:
        return _date
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _builder(hint)
    args = typing.get_args(hint)
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if type(value) is not str or value not in allowed:
                raise _Unusable(value)
            return value

        return literal
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0])

        def sequence(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _Unusable(value)
            return tuple(item(element) for element in value)

        return sequence
    if args and (origin is typing.Union or isinstance(hint, type(int | None))):
        return _union(args)
    raise TypeError(f"no cache conversion for {hint!r}")


def _union(args: tuple[Any, ...]) -> _Convert:
    optional = type(None) in args
    kinds = [arg for arg in args if arg is not type(None)]
    if len(kinds) == 1:
        convert = _converter(kinds[0])
        return lambda value: None if value is None and optional else convert(value)
    # `str | tuple[str, ...] | None` (a step's default): text, or a list of texts.
    text, sequence = _text, _converter(tuple[str, ...])

    def either(value: Any) -> Any:
        if value is None and optional:
            return None
        return text(value) if type(value) is str else sequence(value)

    return either


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Unusable(value)
    text: str = value
    return text


def _exact(kind: type) -> _Convert:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise _Unusable(value)
        return value

    return check


def _date(value: Any) -> dt.date:
    if type(value) is not str:
        raise _Unusable(value)
    return dt.date.fromisoformat(value)


def _condition(value: Any) -> Any:
    if value is None:
        raise _Unusable(value)
    return parse_condition(value)


_NO_DEFAULT = object()
_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _to_data(value: Any) -> Any:
    """Plain JSON data of a plan (the inverse of the builders); defaults are left out."""
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:
        return value
    if kind is tuple:
        return [_to_data(item) for item in value]
    if kind is dt.date:
        return value.isoformat()
    fields = _FIELDS.get(kind)
    if fields is None:
        if kind.__module__ == "stappenplan.plan.conditions":
            return condition_to_data(value)
        fields = _FIELDS[kind] = tuple(
            (field.name, _NO_DEFAULT if field.default is dataclasses.MISSING else field.default)
            for field in dataclasses.fields(value)
        )
    data: dict[str, Any] = {}
    for name, default in fields:
        item = getattr(value, name)
        if item is not default and item != default:
            data[name] = _to_data(item)
    return data
