"""The resume files: the answers of interrupted sessions, kept so that they can continue later.

Each plan has its own sessions, in the user's data folder (``STAPPENPLAN_DATA_DIR`` overrides
it): ``onderbroken-sessie-<plan-id>.yaml``, and beside it ``onderbroken-sessie-<plan-id>.2.yaml``
and so on when an earlier session was not continued: a session is never overwritten by another
one. ``onderbroken-sessie.yaml``, the single file of earlier versions, is still read. The files
hold personal data, so they are written only there, with mode 0600, and removed after a
completed session unless the user keeps them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from stappenplan import __version__
from stappenplan.answers import answers_to_data, check_answers
from stappenplan.errors import AnswerError
from stappenplan.files import make_private_folder, write_private
from stappenplan.plan.conditions import Answer
from stappenplan.plan.documents import DocumentError, decode, dump_yaml, parse_document, read_bytes
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.text import numeric_date

DATA_DIR_ENV = "STAPPENPLAN_DATA_DIR"
RESUME_FILE = "onderbroken-sessie.yaml"
"""The one resume file of earlier versions (of any plan); read, never written."""
RESUME_PREFIX = "onderbroken-sessie-"
RESUME_COMMAND = "stappenplan start --resume"
_MAX_STEM = 80  # file names stay far below the file system's limit (255 bytes)

_HEADER = (
    "# stappenplan: een onderbroken sessie. Ga verder met: stappenplan start --resume\n"
    "# Vertrouwelijk: bevat persoonsgegevens. Wordt na afloop van de sessie verwijderd.\n"
)


@dataclass(frozen=True, slots=True)
class Progress:
    """What an interrupted session knew.

    `answers` holds every answer so far; the ids in `open` were answered once but the user
    went back before them, so they are only suggestions (asked again, preselected). The ids
    in `given` came from an answer file or --set. `path` is the session's file, once it has
    one.
    """

    answers: dict[str, Answer]
    open: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    saved: str = ""
    path: Path | None = None


def data_dir() -> Path:
    """The folder for the resume files: $STAPPENPLAN_DATA_DIR, else the user's data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("stappenplan")


def _stem(plan_id: str) -> str:
    """The plan id as part of a file name: lower case letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9-]", "_", plan_id.lower())[:_MAX_STEM] or "plan"


def resume_path(loaded: LoadedPlan, number: int = 1) -> Path:
    """The name of this plan's session file `number` (it may not exist)."""
    stem = _stem(loaded.plan.plan.id)
    suffix = "" if number == 1 else f".{number}"
    return data_dir() / f"{RESUME_PREFIX}{stem}{suffix}.yaml"


def free_resume_path(loaded: LoadedPlan) -> Path:
    """The first session name of this plan that is not taken."""
    number = 1
    # os.path.lexists answers False where it cannot look (then the write says why).
    while os.path.lexists(path := resume_path(loaded, number)):
        number += 1
    return path


def session_files(loaded: LoadedPlan) -> list[Path]:
    """The interrupted sessions of this plan, the newest first."""
    folder = data_dir()
    pattern = re.compile(re.escape(RESUME_PREFIX + _stem(loaded.plan.plan.id)) + r"(\.\d+)?\.yaml")
    try:
        found = [
            path
            for path in folder.iterdir()
            if (pattern.fullmatch(path.name) or path.name == RESUME_FILE)
            and path.is_file()
            and _plan_of(path) == loaded.plan.plan.id
        ]
    except OSError:
        return []
    return sorted(found, key=_modified, reverse=True)


def other_plans_sessions(loaded: LoadedPlan) -> list[str]:
    """The plan ids of interrupted sessions of other plans (for a hint)."""
    try:
        names = [path for path in data_dir().iterdir() if path.name.startswith(RESUME_FILE[:-5])]
    except OSError:
        return []
    plans = {_plan_of(path) for path in names if path.is_file()}
    return sorted(plan for plan in plans if plan and plan != loaded.plan.plan.id)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _plan_of(path: Path) -> str | None:
    """The plan id a session file names, None when it cannot be read."""
    try:
        data = parse_document(decode(read_bytes(path, str(path)), str(path)), str(path)).data
    except DocumentError:
        return None
    plan = data.get("plan") if isinstance(data, dict) else None
    return plan if isinstance(plan, str) else None


def save_progress(
    loaded: LoadedPlan,
    answers: Mapping[str, Answer],
    *,
    open_ids: Iterable[str] = (),
    given: Iterable[str] = (),
    now: dt.datetime | None = None,
    path: Path | None = None,
) -> Path:
    """Write a session file (atomically, mode 0600) and return its path.

    `path` is the session's own file (the one it was continued from); without it, a new
    name that is not taken: an earlier session is never overwritten.

    Raises:
        StappenplanError: when the file cannot be written.
    """
    make_private_folder(data_dir())
    saved = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
    plan = loaded.plan.plan
    data: dict[str, Any] = {
        "plan": plan.id,
        "plan_version": plan.version,
        "plan_sha256": loaded.sha256,
        "stappenplan_version": __version__,
        "saved": saved.isoformat(),
        "answers": answers_to_data(answers),
        "open": [key for key in answers if key in set(open_ids)],
        "given": [key for key in answers if key in set(given)],
    }
    target = path or free_resume_path(loaded)
    write_private(target, _HEADER + dump_yaml(data), force=path is not None)
    return target


def answers_text(loaded: LoadedPlan, answers: Mapping[str, Answer]) -> str:
    """Answers as an answer file (YAML), to keep when no file could be written."""
    return dump_yaml({"plan": loaded.plan.plan.id, "answers": answers_to_data(answers)})


def load_progress(
    loaded: LoadedPlan, path: Path | None = None
) -> tuple[Progress | None, list[str]]:
    """Read a session of this plan (without `path`: the newest): the progress (None if there
    is none) and warnings.

    Answers that no longer fit the plan (after a plan change) are dropped with a warning.

    Raises:
        AnswerError: when the file belongs to another plan.
    """
    if path is None:
        sessions = session_files(loaded)
        if not sessions:
            others = other_plans_sessions(loaded)
            hint = (
                f" Er is wel een onderbroken sessie van plan '{others[0]}': ga daarmee verder "
                "met --steps en het plan van die sessie."
                if others
                else ""
            )
            return None, [
                f"Er is geen onderbroken sessie van dit plan gevonden; we beginnen bij de "
                f"eerste vraag.{hint}"
            ]
        path = sessions[0]
    if not path.is_file():
        return None, ["Er is geen onderbroken sessie gevonden; we beginnen bij de eerste vraag."]
    try:
        document = parse_document(decode(read_bytes(path, str(path)), str(path)), str(path))
    except DocumentError as error:
        return None, [
            f"{path}: de onderbroken sessie kan niet gelezen worden ({error.message}); "
            "we beginnen bij de eerste vraag."
        ]
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None, [
            f"{path}: dit is geen onderbroken sessie van stappenplan; "
            "we beginnen bij de eerste vraag."
        ]
    plan = loaded.plan.plan
    if data.get("plan") != plan.id:
        raise AnswerError(
            f"{path}: de onderbroken sessie hoort bij plan '{data.get('plan')}', "
            f"en dit is plan '{plan.id}'. Ga verder met het plan van die sessie (--steps), "
            "of begin opnieuw zonder --resume."
        )
    warnings: list[str] = []
    version = str(data.get("plan_version", ""))
    if version != plan.version:
        warnings.append(
            f"De onderbroken sessie is gemaakt met planversie {version or 'onbekend'}; "
            f"dit is planversie {plan.version}. Controleer de antwoorden in het overzicht."
        )
    elif data.get("plan_sha256") != loaded.sha256:
        warnings.append(
            "Het plan is gewijzigd sinds de sessie werd onderbroken (zelfde versie, andere "
            "inhoud). Controleer de antwoorden in het overzicht."
        )
    answers: dict[str, Answer] = {}
    dropped: list[str] = []
    for key, value in data["answers"].items():
        try:
            answers.update(check_answers(loaded.plan, {key: value}, origin=str(path)))
        except AnswerError:
            dropped.append(str(key))
    if dropped:
        warnings.append(
            f"Deze antwoorden passen niet meer bij het plan en worden opnieuw gevraagd: "
            f"{', '.join(dropped)}."
        )
    progress = Progress(
        answers=answers,
        open=_ids(data.get("open"), answers),
        given=_ids(data.get("given"), answers),
        saved=str(data.get("saved", "")),
        path=path,
    )
    return progress, warnings


def _ids(value: Any, answers: Mapping[str, Answer]) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str) and item in answers)


def discard_progress(path: Path) -> bool:
    """Remove a session file; True when there was one."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def when_saved(saved: str) -> str:
    """The moment a session was saved, as shown to the user (dd-mm-jjjj uu:mm)."""
    try:
        moment = dt.datetime.fromisoformat(saved)
    except ValueError:
        return "eerder"
    return numeric_date(moment)


def resume_command(loaded: LoadedPlan) -> str:
    """The command that continues an interrupted session of this plan."""
    if loaded.origin == "steps":
        return RESUME_COMMAND
    return f"stappenplan start --steps {shlex.quote(loaded.origin)} --resume"
