"""How far a survey has got: response rate overall, by region and by actor kind, and who
has not answered yet (the reminder list)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core.store import Store


@dataclass
class Rate:
    title: str
    invited: int = 0
    answered: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


@dataclass
class Progress:
    total: Rate
    by_region: list[Rate] = field(default_factory=list)
    by_kind: list[Rate] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    """Actors without a submitted answer: name, kind, region, started (saved a draft),
    last mail."""


def _rates(groups: dict[str, Rate]) -> list[Rate]:
    return sorted(groups.values(), key=lambda r: (-r.invited, r.title))


def progress(store: Store, survey_id: str) -> Progress:
    """Counted per actor: an actor has answered when any of its invitations submitted."""
    total = Rate("gesamt")
    regions: dict[str, Rate] = defaultdict(lambda: Rate(""))
    kinds: dict[str, Rate] = defaultdict(lambda: Rate(""))
    missing = []
    for row in store.read("surveys/progress", survey_id=survey_id):
        if row["revoked"] == row["invites"]:
            continue  # every link withdrawn: not asked any more
        for groups, key in ((regions, row["region"] or "ohne Region"), (kinds, row["kind"])):
            groups[key].title = key
            groups[key].invited += 1
            groups[key].answered += int(row["answered"])
        total.invited += 1
        total.answered += int(row["answered"])
        if not row["answered"]:
            missing.append(row)
    return Progress(total, _rates(regions), _rates(kinds), missing)
