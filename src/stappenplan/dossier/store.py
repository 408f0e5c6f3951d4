"""The register: store a case, list and show cases, tick and reopen actions.

Every change is one transaction (see database.writing); foreign exceptions of SQLAlchemy and
the database drivers become a DossierError here, at the boundary.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from stappenplan.dossier import database, offender
from stappenplan.dossier.due import due_date
from stappenplan.dossier.failures import translated as translated  # also for figures, transfer
from stappenplan.dossier.model import (
    ActionState,
    Case,
    CaseSummary,
    DueAction,
    Earlier,
    NewCase,
    Registration,
    case_from_rows,
)
from stappenplan.dossier.schema import (
    SCHEMA_VERSION,
    actions,
    cases,
    current_version,
    register_meta,
    upgrade,
)
from stappenplan.errors import DossierError
from stappenplan.files import check_name, status

DEFAULT_RETENTION_YEARS = 5


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Register:
    """An open register; create it with `open_register`."""

    def __init__(self, engine: Engine, location: database.Location) -> None:
        self.engine = engine
        self.location = location

    # --- settings -----------------------------------------------------------------------

    def _setting(self, connection: Connection, key: str) -> str | None:
        value = connection.execute(
            sa.select(register_meta.c.value).where(register_meta.c.key == key)
        ).scalar()
        return None if value is None else str(value)

    def _put_setting(self, connection: Connection, key: str, value: str) -> None:
        updated = connection.execute(
            register_meta.update().where(register_meta.c.key == key).values(value=value)
        )
        if not updated.rowcount:
            connection.execute(register_meta.insert().values(key=key, value=value))

    def _key(self, connection: Connection) -> str:
        key = self._setting(connection, "offender_key")
        if key is None:
            raise DossierError(f"Dossier {self.location}: de sleutel voor daderlabels ontbreekt")
        return key

    def retention_years(self) -> int:
        """The retention period in years (default five)."""
        with translated(self.location), database.reading(self.engine) as connection:
            value = self._setting(connection, "retention_years")
        return DEFAULT_RETENTION_YEARS if value is None else int(value)

    def set_retention_years(self, years: int) -> None:
        """Change the retention period."""
        if years < 1:
            raise DossierError("De bewaartermijn is minstens 1 jaar.")
        with translated(self.location), database.writing(self.engine) as connection:
            self._put_setting(connection, "retention_years", str(years))

    # --- register -----------------------------------------------------------------------

    def register(self, case: NewCase, *, now: dt.datetime) -> Registration:
        """Store a new case with its actions in one transaction.

        Raises:
            DossierError: when the register cannot be written.
        """
        with translated(self.location), database.writing(self.engine) as connection:
            label_hash = None
            earlier: tuple[Earlier, ...] = ()
            if case.offender_label:
                label_hash = offender.offender_hash(self._key(connection), case.offender_label)
            if label_hash is not None:
                earlier = self._earlier(connection, label_hash)
            rows = [
                {
                    "position": position,
                    "action_id": action.action_id,
                    "title": action.title,
                    "responsible": action.responsible,
                    "urgency": action.urgency,
                    "due": due_date(action.urgency, case.incident_at).isoformat(),
                    "done_at": None,
                    "done_by": None,
                    "note": None,
                }
                for position, action in enumerate(case.actions, start=1)
            ]
            case_id = self.insert_case(
                connection,
                {
                    "uid": uuid.uuid4().hex,
                    "registered": _iso(now),
                    "incident_at": _iso(case.incident_at),
                    "reference": case.reference,
                    "description": case.description,
                    "target": case.target,
                    "incidents": json.dumps(list(case.incidents)),
                    "verdict": case.verdict,
                    "aangifte": case.aangifte,
                    "plan_id": case.plan_id,
                    "plan_version": case.plan_version,
                    "plan_sha256": case.plan_sha256,
                    "record": json.dumps(case.record, ensure_ascii=False, default=str),
                    "outcome": json.dumps(case.outcome, ensure_ascii=False),
                    "offender_hash": label_hash,
                },
                rows,
            )
        return Registration(case_id, earlier)

    def insert_case(
        self, connection: Connection, values: dict[str, Any], action_rows: list[dict[str, Any]]
    ) -> int:
        """Insert a case row and its action rows inside the caller's transaction; returns its id.

        The year and the open count (schema version 2) are derived here, for register and
        import alike.
        """
        incident_year = dt.datetime.fromisoformat(str(values["incident_at"])).year
        open_count = sum(1 for row in action_rows if row["done_at"] is None)
        case_id = connection.execute(
            cases.insert()
            .values(**values, incident_year=incident_year, open_actions=open_count)
            .returning(cases.c.id)
        ).scalar_one()
        if action_rows:
            connection.execute(
                actions.insert(), [{**row, "case_id": case_id} for row in action_rows]
            )
        return int(case_id)

    def _earlier(
        self, connection: Connection, label_hash: str, *, before: int | None = None
    ) -> tuple[Earlier, ...]:
        query = sa.select(cases.c.id, cases.c.incident_at).where(
            cases.c.offender_hash == label_hash
        )
        if before is not None:
            query = query.where(cases.c.id != before)
        rows = connection.execute(query.order_by(cases.c.incident_at, cases.c.id)).all()
        return tuple(Earlier(int(row.id), str(row.incident_at)) for row in rows)

    # --- read ---------------------------------------------------------------------------

    def list_cases(
        self,
        *,
        year: int | None = None,
        target: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        """Cases, newest incident first, filtered by year, target and status (open/afgerond)."""
        total = (
            sa.select(sa.func.count())
            .where(actions.c.case_id == cases.c.id)
            .scalar_subquery()
            .label("total")
        )
        query = sa.select(
            cases.c.id,
            cases.c.incident_at,
            cases.c.target,
            cases.c.verdict,
            cases.c.reference,
            cases.c.open_actions,
            total,
        )
        if year is not None:
            query = query.where(cases.c.incident_year == year)
        if target is not None:
            query = query.where(cases.c.target == target)
        if status == "open":
            query = query.where(cases.c.open_actions > 0)
        elif status == "afgerond":
            query = query.where(cases.c.open_actions == 0)
        query = query.order_by(cases.c.incident_at.desc(), cases.c.id.desc())
        if limit:
            query = query.limit(limit)
        with translated(self.location), database.reading(self.engine) as connection:
            rows = connection.execute(query).all()
        # Plain tuples: attribute access on 10,000 rows costs more than the query.
        return [
            CaseSummary(case_id, incident_at, target, verdict, reference, open_count, total)
            for case_id, incident_at, target, verdict, reference, open_count, total in rows
        ]

    def due_actions(self, today: dt.date) -> list[DueAction]:
        """Open actions due today or earlier, the oldest due date first."""
        query = (
            sa.select(
                actions.c.case_id,
                cases.c.reference,
                actions.c.position,
                actions.c.action_id,
                actions.c.title,
                actions.c.responsible,
                actions.c.due,
            )
            .join(cases, cases.c.id == actions.c.case_id)
            .where(actions.c.done_at.is_(None), actions.c.due <= today.isoformat())
            .order_by(actions.c.due, actions.c.case_id, actions.c.position)
        )
        with translated(self.location), database.reading(self.engine) as connection:
            rows = connection.execute(query).all()
        return [DueAction(*row) for row in rows]

    def case(self, case_id: int) -> Case:
        """One case with its actions and earlier cases with the same offender label.

        Raises:
            DossierError: when there is no such case.
        """
        with translated(self.location), database.reading(self.engine) as connection:
            return self._case(connection, case_id)

    def _case(self, connection: Connection, case_id: int) -> Case:
        row = connection.execute(sa.select(cases).where(cases.c.id == case_id)).first()
        if row is None:
            raise DossierError(f"Zaak {case_id} staat niet in het dossier.")
        action_rows = connection.execute(
            sa.select(actions).where(actions.c.case_id == case_id).order_by(actions.c.position)
        ).all()
        earlier: tuple[Earlier, ...] = ()
        if row.offender_hash:
            earlier = self._earlier(connection, row.offender_hash, before=case_id)
        return case_from_rows(row, action_rows, earlier)

    # --- follow-up ----------------------------------------------------------------------

    def mark_done(
        self,
        case_id: int,
        action: str,
        *,
        now: dt.datetime,
        by: str | None = None,
        note: str | None = None,
    ) -> ActionState:
        """Tick an action (by its id or its number in the case) as done.

        Raises:
            DossierError: when the case or action does not exist, or it is done already.
        """
        with translated(self.location), database.writing(self.engine) as connection:
            state = self._action(connection, case_id, action)
            if state.done_at is not None:
                raise DossierError(
                    f"Actie '{state.action_id}' van zaak {case_id} is al afgerond op {state.done_at}."
                )
            self._set_done(connection, case_id, state.position, _iso(now), by, note, delta=-1)
        return self.case(case_id).actions[state.position - 1]

    def reopen(self, case_id: int, action: str) -> ActionState:
        """Open a done action again (its done date, name and note are cleared).

        Raises:
            DossierError: when the case or action does not exist, or it is still open.
        """
        with translated(self.location), database.writing(self.engine) as connection:
            state = self._action(connection, case_id, action)
            if state.done_at is None:
                raise DossierError(f"Actie '{state.action_id}' van zaak {case_id} staat al open.")
            self._set_done(connection, case_id, state.position, None, None, None, delta=1)
        return self.case(case_id).actions[state.position - 1]

    def _action(self, connection: Connection, case_id: int, action: str) -> ActionState:
        case = self._case(connection, case_id)
        for state in case.actions:
            if action in (state.action_id, str(state.position)):
                return state
        known = ", ".join(state.action_id for state in case.actions)
        raise DossierError(f"Zaak {case_id} heeft geen actie '{action}'. Acties: {known}")

    def _set_done(
        self,
        connection: Connection,
        case_id: int,
        position: int,
        done_at: str | None,
        by: str | None,
        note: str | None,
        *,
        delta: int,
    ) -> None:
        connection.execute(
            actions.update()
            .where(actions.c.case_id == case_id, actions.c.position == position)
            .values(done_at=done_at, done_by=by, note=note)
        )
        connection.execute(
            cases.update()
            .where(cases.c.id == case_id)
            .values(open_actions=cases.c.open_actions + delta)
        )


def open_register(
    value: str | None = None, *, now: dt.datetime | None = None, create: bool = True
) -> Register:
    """Open (and create or upgrade when needed) the register named by `value` or the environment.

    With `create=False` a missing register file is an error instead of a new, empty register:
    looking at the dossier does not start one.

    Raises:
        DossierError: when the register does not exist (and may not be created), or cannot be
            opened, created or upgraded.
    """
    location = database.resolve(value)
    if location.path is not None:
        check_name(location.path, "Dossier")
    if not create and location.path is not None and status(location.path, DossierError) is None:
        raise DossierError(
            f"Er is nog geen dossier ({location.path}). Registreer een zaak met "
            "'stappenplan start --dossier', of lees een export in met 'stappenplan dossier import'."
        )
    engine = database.connect(location)
    moment = now or dt.datetime.now().astimezone()
    with translated(location):
        # Most runs find the register ready: a read, without taking the write lock.
        with database.reading(engine) as connection:
            ready = current_version(connection) == SCHEMA_VERSION and _has_key(connection)
        if not ready:
            with database.writing(engine) as connection:
                upgrade(connection, now=moment)
                if not _has_key(connection):
                    connection.execute(
                        register_meta.insert(),
                        [
                            {"key": "offender_key", "value": offender.new_key()},
                            {"key": "created", "value": _iso(moment)},
                        ],
                    )
    return Register(engine, location)


def _has_key(connection: Connection) -> bool:
    if not sa.inspect(connection).has_table("register_meta"):
        return False
    found = connection.execute(
        sa.select(register_meta.c.key).where(register_meta.c.key == "offender_key")
    ).first()
    return found is not None
