"""Cases to register in the dossier tests, as `start --dossier` would build them."""

from __future__ import annotations

import datetime as dt

from stappenplan.dossier.model import NewAction, NewCase

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))

ACTIONS = (
    NewAction("meld-college", "Meld het bij de burgemeester", "Betrokkene", "direct"),
    NewAction("regel-nazorg", "Regel nazorg", "Gemeentesecretaris", "vandaag"),
    NewAction("risicoanalyse", "Vraag een risicoanalyse", "Burgemeester", "deze-week"),
    NewAction("evalueer", "Evalueer na enkele weken", "AOV'er", "later"),
)


def new_case(
    incident: dt.datetime = NOW,
    *,
    label: str | None = None,
    target: str = "wethouder",
    incidents: tuple[str, ...] = ("bedreiging",),
    verdict: str = "lokaal",
    aangifte: str | None = "nee",
    reference: str | None = None,
    description: str | None = None,
) -> NewCase:
    """A case as `start --dossier` would register it."""
    return NewCase(
        incident_at=incident,
        verdict=verdict,
        plan_id="agressie-politieke-ambtsdragers",
        plan_version="1.0.0",
        plan_sha256="ab" * 32,
        record={"answers": {"doelwit": target}},
        outcome={"domain": {"verdict": verdict, "label": f"{verdict} domein"}},
        actions=ACTIONS,
        target=target,
        incidents=incidents,
        aangifte=aangifte,
        reference=reference,
        description=description,
        offender_label=label,
    )
