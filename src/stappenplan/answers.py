"""Answer files, --set values and records: read them, check them against a plan, write them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stappenplan.errors import AnswerError, Location, Problem, UsageError
from stappenplan.plan.conditions import Answer
from stappenplan.plan.documents import (
    Document,
    DocumentError,
    decode,
    parse_document,
    read_bytes,
)
from stappenplan.plan.loaded import LoadedPlan
from stappenplan.plan.model import Plan
from stappenplan.plan.vocabulary import changed as _changed
from stappenplan.plan.vocabulary import vocabulary_problem
from stappenplan.suggest import did_you_mean, lookup
from stappenplan.text import excerpt

RECORD_KEYS = (
    "stappenplan_version",
    "plan_version",
    "plan_sha256",
    "created",
    "assumed",
    "incident",
)
FILE_KEYS = ("plan", "answers", *RECORD_KEYS)
STDIN_NAME = "<standaardinvoer>"


@dataclass(frozen=True, slots=True)
class AnswerFile:
    """An answer file or record as read: raw answers with their locations, and record data."""

    name: str
    answers: Mapping[str, Any]
    document: Document | None
    plan_id: str | None = None
    record: Mapping[str, Any] = field(default_factory=dict)

    def locate(self, answer_id: str) -> Location:
        if self.document is None:
            return Location(self.name)
        return self.document.locate(("answers", answer_id))


def read_answer_file(source: str, stdin_text: str | bytes | None = None) -> AnswerFile:
    """Read an answer file (YAML or JSON); `-` means standard input (passed as `stdin_text`).

    Standard input is best passed as bytes (`sys.stdin.buffer`): then the same rules as for a
    file apply (UTF-8, a byte-order mark accepted, the size limit) whatever the terminal's
    encoding.

    Raises:
        AnswerError: when the file cannot be read or does not have the answer-file shape.
    """
    name = STDIN_NAME if source == "-" else source
    try:
        if source == "-":
            raw = stdin_text if stdin_text is not None else b""
            if isinstance(raw, str):
                raw = raw.encode("utf-8", "surrogateescape")
            text = decode(raw, name)
        else:
            text = decode(read_bytes(Path(source), name), name)
        document = parse_document(text, name)
    except DocumentError as error:
        raise AnswerError(
            "Het antwoordbestand kan niet gelezen worden.",
            [Problem("answer-file", error.message, error.location)],
        ) from None
    return answer_file_from_document(document)


def answer_file_from_document(document: Document) -> AnswerFile:
    """Check the outer shape of an answer file (plan, answers, record fields).

    Raises:
        AnswerError: on a wrong shape or unknown top-level keys, all at once.
    """
    data = document.data
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise AnswerError(
            "Het antwoordbestand heeft niet de juiste vorm.",
            [
                Problem(
                    "answer-file",
                    "verwacht een mapping met 'answers:' (en eventueel 'plan:')",
                    document.locate(()),
                )
            ],
        )
    for key in data:
        if key not in FILE_KEYS:
            hint = (
                "; zet antwoorden onder 'answers:'"
                if isinstance(key, str) and "answers" not in data
                else ""
            )
            problems.append(
                Problem(
                    "answer-file",
                    f"onbekende sleutel '{_shown(key)}'; toegestaan: {', '.join(FILE_KEYS)}{hint}",
                    document.locate((key,)),
                )
            )
    answers = data.get("answers", {})
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        problems.append(
            Problem(
                "answer-file",
                "'answers' verwacht een mapping (vraag-id: antwoord)",
                document.locate(("answers",)),
            )
        )
    plan_id = data.get("plan")
    if plan_id is not None and not isinstance(plan_id, str):
        problems.append(
            Problem(
                "answer-file", "'plan' verwacht een plan-id (tekst)", document.locate(("plan",))
            )
        )
    if problems:
        raise AnswerError("Het antwoordbestand heeft niet de juiste vorm.", problems)
    record = {key: data[key] for key in RECORD_KEYS if key in data}
    return AnswerFile(document.name, answers, document, plan_id, record)


def parse_set_options(values: Iterable[str]) -> dict[str, Any]:
    """`--set ID=VALUE` options as raw answers; comma-separated values become a list.

    Raises:
        UsageError: when a value is not of the form ID=VALUE.
    """
    result: dict[str, Any] = {}
    for item in values:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise UsageError(
                f"--set '{_shown(item)}': gebruik de vorm ID=WAARDE, bv. --set doelwit=wethouder"
            )
        if "," in value:
            result[key] = [part.strip() for part in value.split(",") if part.strip()]
        elif value == "":
            result[key] = []
        else:
            result[key] = value
    return result


def check_answers(
    plan: Plan,
    raw: Mapping[str, Any],
    *,
    locate: Callable[[str], Location] | None = None,
    origin: str = "--set",
) -> dict[str, Answer]:
    """Check raw answers against the plan and normalise them (tuples for `several`).

    `locate(answer_id)` gives the place of an answer (file:line); without it problems
    name `origin`.

    Raises:
        AnswerError: naming every unknown id, value outside the choices and wrong type.
    """
    checked, problems = _check(plan, raw, locate, origin)
    if problems:
        raise AnswerError("De antwoorden passen niet bij het plan.", problems)
    return checked


def _check(
    plan: Plan,
    raw: Mapping[str, Any],
    locate: Callable[[str], Location] | None,
    origin: str,
) -> tuple[dict[str, Answer], list[Problem]]:
    problems: list[Problem] = []
    checked: dict[str, Answer] = {}
    steps = plan.step_index

    def where(answer_id: str) -> Location:
        return locate(answer_id) if locate is not None else Location(origin)

    for answer_id, value in raw.items():
        found = lookup(str(answer_id), steps)
        step = steps.get(found) if found is not None else None
        if step is None:
            known = ", ".join(steps)
            hint = did_you_mean(str(answer_id), steps)
            problems.append(
                Problem(
                    "unknown-question",
                    f"onbekende vraag '{_shown(answer_id)}'; {hint}bekende vragen: {known}"
                    + _changed(plan, str(answer_id), None),
                    where(answer_id),
                )
            )
            continue
        allowed = ", ".join(step.values)
        values = _as_values(value)
        if values is not None:  # 'Wethouder' is 'wethouder': values are matched ignoring case
            values = [lookup(item, step.values) or item for item in values]
        if values is None:
            problems.append(
                Problem(
                    "wrong-type",
                    f"'{step.id}': {_type_hint(value)}; toegestaan: {allowed}",
                    where(answer_id),
                )
            )
            continue
        if not step.multiple and (isinstance(value, list | tuple) or len(values) != 1):
            problems.append(
                Problem(
                    "wrong-type",
                    f"'{step.id}' verwacht één waarde, geen lijst; toegestaan: {allowed}",
                    where(answer_id),
                )
            )
            continue
        wrong = [item for item in values if item not in step.values]
        if wrong:
            shown = ", ".join(f"'{_shown(item)}'" for item in wrong)
            hint = "".join(did_you_mean(item, step.values) for item in wrong)
            problems.append(
                Problem(
                    "value-not-allowed",
                    f"{shown} is geen toegestane waarde voor '{step.id}'; {hint}"
                    f"toegestaan: {allowed}"
                    + "".join(_changed(plan, step.id, item) for item in wrong),
                    where(answer_id),
                )
            )
            continue
        if step.multiple:
            if len(set(values)) < step.min_choices:
                problems.append(
                    Problem(
                        "too-few-choices",
                        f"'{step.id}' verwacht minstens {step.min_choices} keuze(s); toegestaan: {allowed}",
                        where(answer_id),
                    )
                )
                continue
            checked[step.id] = tuple(v for v in step.values if v in values)
        else:
            checked[step.id] = values[0]
    return checked, problems


def _shown(value: Any) -> str:
    """A value from the input as quoted in a message: long text is shortened."""
    return excerpt(value, 60)


def _as_values(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _type_hint(value: Any) -> str:
    if isinstance(value, bool):
        return (
            "kreeg true/false; YAML leest yes/no/on/off als ja/nee-waarde, "
            "schrijf de waarde zelf (bv. ja of nee)"
        )
    if value is None:
        return "geen antwoord ingevuld"
    if isinstance(value, dict):
        return "verwacht een waarde, geen mapping"
    return "verwacht een waarde (tekst) of een lijst van waarden"


def collect_answers(
    loaded: LoadedPlan, answer_file: AnswerFile | None, set_values: Mapping[str, Any]
) -> tuple[dict[str, Answer], list[str]]:
    """The given answers from a file and --set (which wins), checked together; and warnings.

    Raises:
        AnswerError: listing every problem in the file and in --set at once.
    """
    plan = loaded.plan
    problems: list[Problem] = []
    given: dict[str, Answer] = {}
    warnings: list[str] = []
    if answer_file is not None:
        if answer_file.plan_id is not None and answer_file.plan_id != plan.plan.id:
            problems.append(
                Problem(
                    "other-plan",
                    f"plan '{answer_file.plan_id}' in het bestand, maar dit is plan '{plan.plan.id}'",
                    answer_file.document.locate(("plan",)) if answer_file.document else None,
                )
            )
        checked, found = _check(plan, answer_file.answers, answer_file.locate, answer_file.name)
        given.update(checked)
        problems.extend(found)
        version = answer_file.record.get("plan_version")
        old = (
            vocabulary_problem(
                plan,
                str(version),
                answer_file.document.locate(("plan_version",)) if answer_file.document else None,
            )
            if version is not None
            else None
        )
        if old is not None:
            problems.insert(0, old)
        else:
            warnings.extend(_version_warnings(loaded, answer_file))
    checked, found = _check(plan, set_values, None, "--set")
    given.update(checked)
    problems.extend(found)
    if problems:
        raise AnswerError("De antwoorden passen niet bij het plan.", problems)
    return given, warnings


def _version_warnings(loaded: LoadedPlan, answer_file: AnswerFile) -> list[str]:
    plan = loaded.plan
    warnings: list[str] = []
    version = answer_file.record.get("plan_version")
    sha = answer_file.record.get("plan_sha256")
    if version is not None and str(version) != plan.plan.version:
        warnings.append(
            f"{answer_file.name}: gemaakt met planversie {version}; dit is planversie "
            f"{plan.plan.version}. De uitkomst kan afwijken."
        )
    elif sha is not None and sha != loaded.sha256:
        warnings.append(
            f"{answer_file.name}: het plan is gewijzigd sinds dit verslag (zelfde versie "
            f"{plan.plan.version}, andere inhoud). De uitkomst kan afwijken."
        )
    return warnings


def answers_to_data(answers: Mapping[str, Answer]) -> dict[str, Any]:
    """Answers as plain data (lists for `several`)."""
    return {
        key: list(value) if isinstance(value, tuple) else value for key, value in answers.items()
    }
