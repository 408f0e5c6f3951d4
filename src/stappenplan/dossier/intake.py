"""`start --dossier`: register a finished assessment as a case.

The command calls `start_intake` before the questions (so a bad option or an unreachable
register stops the run before anything is typed) and `Intake.register` with the outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stappenplan.errors import UsageError
from stappenplan.text import excerpt

if TYPE_CHECKING:
    from stappenplan.dossier.store import Register
    from stappenplan.engine import Outcome
    from stappenplan.plan.loaded import LoadedPlan

MAX_TEXT = 2000
"""Longest description, case reference or offender label accepted."""


def parse_moment(text: str | None, now: dt.datetime) -> dt.datetime:
    """The incident moment: ISO date or date and time ('2026-03-04 14:05'); local time if no
    offset is given; `now` when not given.

    Raises:
        UsageError: when the text is not a date, or lies in the future.
    """
    if text is None:
        return now
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"--moment '{excerpt(text, 40)}': geef een datum en eventueel tijd, bijv. 2026-03-04 of "
            "'2026-03-04 14:05'"
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    if moment > now + dt.timedelta(minutes=5):
        raise UsageError(f"--moment '{excerpt(text, 40)}' ligt in de toekomst")
    return moment.replace(microsecond=0)


def _text(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise UsageError(f"{option}: te lang (meer dan {MAX_TEXT} tekens)")
    return value or None


@dataclass(frozen=True, slots=True)
class Intake:
    """A case waiting for its outcome: the register is open, the options are checked."""

    store: Register
    moment: dt.datetime
    description: str | None
    reference: str | None
    offender_label: str | None

    def register(
        self,
        loaded: LoadedPlan,
        outcome: Outcome,
        record: Mapping[str, Any],
        outcome_data: Mapping[str, Any],
        *,
        now: dt.datetime | None = None,
    ) -> list[str]:
        """Store the assessment as a case; returns the lines to show the user.

        `record` is the record of the answers, `outcome_data` the outcome as JSON data (the
        command line makes both; the dossier does not depend on the output formats).

        Raises:
            DossierError: when the register cannot be written.
        """
        from stappenplan.dossier.model import NewAction, NewCase
        from stappenplan.dossier.report import repeat_lines

        answers = outcome.walk.answers
        plan = loaded.plan

        def one(step: str) -> str | None:
            value = answers.get(step)
            return value if isinstance(value, str) else None

        incidents = answers.get("incident")
        case = NewCase(
            incident_at=self.moment,
            verdict=outcome.verdict.domain.id,
            plan_id=plan.plan.id,
            plan_version=plan.plan.version,
            plan_sha256=loaded.sha256,
            record=record,
            outcome=outcome_data,
            actions=[
                NewAction(
                    action.id, action.title, plan.role_label(action.responsible), action.urgency
                )
                for action in outcome.actions
            ],
            target=one("doelwit"),
            incidents=(incidents,) if isinstance(incidents, str) else tuple(incidents or ()),
            aangifte=one("aangifte"),
            reference=self.reference,
            description=self.description,
            offender_label=self.offender_label,
        )
        moment = now or dt.datetime.now().astimezone().replace(microsecond=0)
        registration = self.store.register(case, now=moment)
        return [
            f"Geregistreerd in het dossier als zaak {registration.case_id} "
            f"(stappenplan dossier show {registration.case_id}).",
            *repeat_lines(registration.earlier),
        ]


def start_intake(
    *,
    moment: str | None,
    description: str | None,
    reference: str | None,
    offender_label: str | None,
    now: dt.datetime | None = None,
) -> Intake:
    """Check the dossier options of `start` and open the register.

    Raises:
        UsageError: when an option value cannot be used.
        DossierError: when the register cannot be opened.
    """
    current = now or dt.datetime.now().astimezone().replace(microsecond=0)
    incident = parse_moment(moment, current)
    checked = (
        _text("--omschrijving", description),
        _text("--kenmerk", reference),
        _text("--dader", offender_label),
    )
    from stappenplan.dossier.store import open_register

    return Intake(open_register(now=current), incident, *checked)
