"""What needs doing: the start page's worklist, one small read query per box.

After logging in an office should see what to do first, not only how much data there is.
Each box is one named query (``cypher/worklist/``) answering "how many, and where do I act":
answers to review, opt-ins about to expire, partner suggestions in the pipeline, changesets
that failed or are not finished, new actors nobody has connected, colleagues' recent changes.
The queries count only what the box shows, so the page stays fast on a full region.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.core.store import Store
from netzwerk.graph.personal.consent import EXPIRY_WARNING_DAYS
from netzwerk.graph.records.changesets import UNFINISHED
from netzwerk.graph.records.history import Change, from_micros_rows, resolve

NEW_DAYS = 30
"""How far back an actor counts as new, and a failed changeset as worth a look."""
RECENT_DAYS = 7
"""How far back colleagues' changes are shown."""
SHOWN = 5
"""How many names a box lists under its count."""


@dataclass
class SurveyCount:
    survey_id: str
    title: str
    count: int


@dataclass
class Worklist:
    """The counts of the start page's boxes (zero: nothing to do there)."""

    answers: list[SurveyCount] = field(default_factory=list)
    expiring_consents: int = 0
    suggestions: int = 0
    changesets: dict[str, int] = field(default_factory=dict)
    isolated: int = 0
    isolated_names: list[tuple[str, str]] = field(default_factory=list)
    colleagues: int = 0
    colleague_changes: list[Change] = field(default_factory=list)

    @property
    def answers_total(self) -> int:
        return sum(s.count for s in self.answers)

    @property
    def failed_changesets(self) -> int:
        return self.changesets.get("failed", 0)

    @property
    def open_changesets(self) -> int:
        return sum(n for state, n in self.changesets.items() if state != "failed")


def _listed(rows: list[dict[str, Any]], key: str) -> tuple[int, list[dict[str, Any]]]:
    """The total of a "count and the first few" query, and its rows that name something."""
    total = int(rows[0]["total"]) if rows else 0
    return total, [r for r in rows if r.get(key) is not None]


def worklist(
    store: Store, *, user: str, org: str | None = None, today: date | None = None
) -> Worklist:
    """Every box's figures for ``user`` (whose own changes are not "colleagues' changes") of
    the organisation ``org``: its actors' answers and new actors, its persons' consents, its
    changesets and proposals, its colleagues. None counts the whole instance (its admin)."""
    today = today or date.today()
    now = datetime.now(UTC)
    scope: dict[str, Any] = {"org": org, "default": DEFAULT_ORG}
    out = Worklist(
        answers=[
            SurveyCount(r["survey_id"], r["title"] or r["survey_id"], int(r["count"]))
            for r in store.read("worklist/answers", **scope)
        ]
    )
    until = today + timedelta(days=EXPIRY_WARNING_DAYS)
    consents = store.read("worklist/consents", until=until, reader=org, default=DEFAULT_ORG)
    out.expiring_consents = int(consents[0]["count"])
    out.suggestions = sum(int(r["count"]) for r in store.read("worklist/suggestions", **scope))
    out.changesets = {
        r["state"]: int(r["count"])
        for r in store.read(
            "worklist/changesets",
            unfinished=list(UNFINISHED),
            since=now - timedelta(days=NEW_DAYS),
            **scope,
        )
    }
    rows = store.read(
        "worklist/isolated", since=now - timedelta(days=NEW_DAYS), limit=SHOWN, **scope
    )
    out.isolated, named = _listed(rows, "id")
    out.isolated_names = [(r["id"], r["name"] or r["id"]) for r in named]
    row = store.read(
        "worklist/colleagues",
        user=user,
        since=now - timedelta(days=RECENT_DAYS),
        limit=SHOWN,
        **scope,
    )[0]
    out.colleagues = int(row["total"])
    shown = from_micros_rows(row["changes"], newest_first=True)[:SHOWN]
    out.colleague_changes = resolve(store, shown)
    return out
