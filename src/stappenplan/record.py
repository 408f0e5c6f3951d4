"""Records: the replayable file of one assessment (plan-spec §5), with versions, checksum and
the incident's facts; made here, read back as an answer file by `answers.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from stappenplan import __version__
from stappenplan.answers import AnswerFile, answers_to_data
from stappenplan.engine import Outcome
from stappenplan.incident import Incident
from stappenplan.plan.conditions import Answer
from stappenplan.plan.documents import dump_yaml
from stappenplan.plan.loaded import LoadedPlan


def build_record(
    loaded: LoadedPlan,
    given: Mapping[str, Answer],
    outcome: Outcome,
    created: dt.datetime,
    incident: Incident | None = None,
) -> dict[str, Any]:
    """The replayable record (plan-spec §5): the answers as given, plus versions and checksum.

    Only given answers are stored, not assumed ones, so a replay assumes the same defaults
    and lists them as assumed again.
    """
    record: dict[str, Any] = {
        "plan": loaded.plan.plan.id,
        "answers": answers_to_data(given),
        "stappenplan_version": __version__,
        "plan_version": loaded.plan.plan.version,
        "plan_sha256": loaded.sha256,
        "created": created.isoformat(timespec="seconds"),
        "assumed": list(outcome.walk.assumed),
    }
    if incident is not None and not incident.empty:
        record["incident"] = incident.data()
    return record


def record_to_yaml(record: Mapping[str, Any]) -> str:
    """A record as YAML with a short header comment."""
    header = (
        "# stappenplan: verslag van antwoorden (opnieuw af te spelen met\n"
        "#   stappenplan start --answers DIT_BESTAND --no-input)\n"
        "# Vertrouwelijk: bevat persoonsgegevens.\n"
    )
    return header + dump_yaml(dict(record))


def record_created(answer_file: AnswerFile | None) -> dt.datetime | None:
    """The creation time stored in a record, if it is one."""
    if answer_file is None:
        return None
    value = answer_file.record.get("created")
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None
