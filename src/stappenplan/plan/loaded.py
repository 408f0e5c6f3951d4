"""A checked plan together with where each part of it was written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stappenplan.errors import Location
from stappenplan.plan.documents import Path_, locate
from stappenplan.plan.model import Plan


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A plan with where each part came from, and a fingerprint of its files."""

    plan: Plan
    locations: Mapping[Path_, Location]
    files: tuple[str, ...]
    sha256: str
    origin: str

    def locate(self, path: Path_) -> Location:
        """Where a part of the plan (a path into the merged data) was written."""
        return locate(self.locations, path, self.files[0] if self.files else self.origin)
