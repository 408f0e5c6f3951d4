"""The resume file: the answers of an interrupted session, kept so that it can continue later.

There is one resume file, in the user's data folder (``STAPPENPLAN_DATA_DIR`` overrides it).
It holds personal data, so it is written only there, with mode 0600, and removed after a
completed session unless the user keeps it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from stappenplan import __version__
from stappenplan.answers import answers_to_data, check_answers
from stappenplan.errors import AnswerError
from stappenplan.files import write_private
from stappenplan.plan.conditions import Answer
from stappenplan.plan.documents import DocumentError, decode, dump_yaml, parse_document, read_bytes
from stappenplan.plan.loaded import LoadedPlan

DATA_DIR_ENV = "STAPPENPLAN_DATA_DIR"
RESUME_FILE = "onderbroken-sessie.yaml"
RESUME_COMMAND = "stappenplan start --resume"

_HEADER = (
    "# stappenplan: een onderbroken sessie. Ga verder met: stappenplan start --resume\n"
    "# Vertrouwelijk: bevat persoonsgegevens. Wordt na afloop van de sessie verwijderd.\n"
)


@dataclass(frozen=True, slots=True)
class Progress:
    """What an interrupted session knew.

    `answers` holds every answer so far; the ids in `open` were answered once but the user
    went back before them, so they are only suggestions (asked again, preselected). The ids
    in `given` came from an answer file or --set.
    """

    answers: dict[str, Answer]
    open: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    saved: str = ""


def data_dir() -> Path:
    """The folder for the resume file: $STAPPENPLAN_DATA_DIR, else the user's data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("stappenplan")


def resume_path() -> Path:
    """Where the resume file is (it may not exist)."""
    return data_dir() / RESUME_FILE


def save_progress(
    loaded: LoadedPlan,
    answers: Mapping[str, Answer],
    *,
    open_ids: Iterable[str] = (),
    given: Iterable[str] = (),
    now: dt.datetime | None = None,
) -> Path:
    """Write the resume file (atomically, mode 0600) and return its path.

    Raises:
        StappenplanError: when the file cannot be written.
    """
    path = resume_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
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
    write_private(path, _HEADER + dump_yaml(data), force=True)
    return path


def load_progress(loaded: LoadedPlan) -> tuple[Progress | None, list[str]]:
    """Read the resume file for this plan: the progress (None if there is none) and warnings.

    Answers that no longer fit the plan (after a plan change) are dropped with a warning.

    Raises:
        AnswerError: when the file belongs to another plan.
    """
    path = resume_path()
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
    )
    return progress, warnings


def _ids(value: Any, answers: Mapping[str, Answer]) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str) and item in answers)


def discard_progress() -> bool:
    """Remove the resume file; True when there was one."""
    try:
        resume_path().unlink()
    except FileNotFoundError:
        return False
    return True


def when_saved(saved: str) -> str:
    """The moment a session was saved, as shown to the user (dd-mm-jjjj uu:mm)."""
    try:
        moment = dt.datetime.fromisoformat(saved)
    except ValueError:
        return "eerder"
    return moment.strftime("%d-%m-%Y %H:%M")


def resume_command(loaded: LoadedPlan) -> str:
    """The command that continues an interrupted session of this plan."""
    if loaded.origin == "steps":
        return RESUME_COMMAND
    return f"stappenplan start --steps {shlex.quote(loaded.origin)} --resume"


@contextlib.contextmanager
def hangup_as_eof() -> Iterator[None]:
    """A closed terminal (SIGHUP) ends the prompt like Ctrl-C, so progress is saved.

    It raises KeyboardInterrupt, not EOFError: the prompt library's event loop catches every
    Exception raised inside it (and then waits for Enter on a terminal that is gone), but lets
    KeyboardInterrupt through.
    """
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_hangup(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(hangup, on_hangup)
    try:
        yield
    finally:
        signal.signal(hangup, previous)
