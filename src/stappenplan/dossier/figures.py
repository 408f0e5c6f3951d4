"""Yearly figures for the raad and the Monitor Integriteit en Veiligheid: counts only.

No names, descriptions, case references or offender labels: only the answers of the plan's
public vocabulary (target, kind of incident, aangifte) and the verdict are counted.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from stappenplan.dossier import database
from stappenplan.dossier.failures import translated
from stappenplan.dossier.schema import cases
from stappenplan.dossier.store import Register

NOT_ASKED = "niet-gevraagd"
"""The value counted when a case has no answer to the question (not on its path)."""


@dataclass
class Figures:
    """The counts of one year."""

    year: int
    cases: int = 0
    by_target: Counter[str] = field(default_factory=Counter)
    by_incident: Counter[str] = field(default_factory=Counter)
    by_verdict: Counter[str] = field(default_factory=Counter)
    by_aangifte: Counter[str] = field(default_factory=Counter)
    open_actions: int = 0
    cases_with_open_actions: int = 0

    def as_data(self) -> dict[str, Any]:
        """The figures as JSON data, keys sorted within each group."""

        def group(counter: Counter[str]) -> dict[str, int]:
            return dict(sorted(counter.items()))

        return {
            "year": self.year,
            "cases": self.cases,
            "by_target": group(self.by_target),
            "by_incident": group(self.by_incident),
            "by_verdict": group(self.by_verdict),
            "by_aangifte": group(self.by_aangifte),
            "open_actions": self.open_actions,
            "cases_with_open_actions": self.cases_with_open_actions,
        }

    def rows(self) -> list[tuple[str, str, int]]:
        """(group, value, count) rows: the table on screen and the CSV file."""
        rows: list[tuple[str, str, int]] = [("cases", "", self.cases)]
        for name, counter in (
            ("by_target", self.by_target),
            ("by_incident", self.by_incident),
            ("by_verdict", self.by_verdict),
            ("by_aangifte", self.by_aangifte),
        ):
            rows += [(name, value, count) for value, count in sorted(counter.items())]
        rows.append(("open_actions", "", self.open_actions))
        rows.append(("cases_with_open_actions", "", self.cases_with_open_actions))
        return rows


def yearly_figures(register: Register, year: int) -> Figures:
    """Count the cases whose incident happened in `year`."""
    query = sa.select(
        cases.c.target, cases.c.incidents, cases.c.verdict, cases.c.aangifte, cases.c.open_actions
    ).where(cases.c.incident_year == year)
    figures = Figures(year)
    with translated(register.location), database.reading(register.engine) as connection:
        for row in connection.execute(query):
            figures.cases += 1
            figures.by_target[row.target or NOT_ASKED] += 1
            for kind in json.loads(row.incidents) or [NOT_ASKED]:
                figures.by_incident[kind] += 1
            figures.by_verdict[row.verdict] += 1
            figures.by_aangifte[row.aangifte or NOT_ASKED] += 1
            figures.open_actions += row.open_actions
            figures.cases_with_open_actions += 1 if row.open_actions else 0
    return figures


GROUP_LABELS = {
    "cases": "Zaken",
    "by_target": "Doelwit",
    "by_incident": "Soort incident",
    "by_verdict": "Domein",
    "by_aangifte": "Aangifte",
    "open_actions": "Acties nog open",
    "cases_with_open_actions": "Zaken met open acties",
}


def figures_csv(figures: Figures) -> str:
    """The figures as CSV: year, group, value, count (English keys, as in the JSON)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "group", "value", "count"])
    for group, value, count in figures.rows():
        writer.writerow([figures.year, group, value, count])
    return out.getvalue()


def figures_table(figures: Figures) -> str:
    """The figures as a plain text table in Dutch, for the screen."""
    lines = [f"Cijfers {figures.year}", ""]
    width = max(len(label) for label in GROUP_LABELS.values())
    value_width = max([len(value) for _, value, _ in figures.rows()] + [6])
    lines.append(f"{'Onderdeel':<{width}}  {'Waarde':<{value_width}}  Aantal")
    previous = None
    for group, value, count in figures.rows():
        label = GROUP_LABELS[group] if group != previous else ""
        previous = group
        lines.append(f"{label:<{width}}  {value:<{value_width}}  {count:>6}".rstrip())
    return "\n".join(lines) + "\n"
