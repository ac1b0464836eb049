"""Waves: a survey that follows an earlier one, and what changed from one to the next.

Network Canvas users keep asking for the longitudinal view: the same partners asked again a
year later. A survey with ``follows`` is the next wave of the survey it names. Each partner
starts from what it stated there — its stored cooperations (those accepted) and the ties it
named that are not stored (not yet decided, or rejected) — and says of each, one click,
"besteht weiter", "beendet" or "geändert" (:data:`~.model.WAVE_STATUSES`).

:func:`compare_waves` reads both waves' handed-in answers, per responding organisation: a tie
named now but not before is *new*; one marked ended, or named before and no longer, *ended*;
one marked "geändert" or with another kind, intensity, value, trust or start, *changed*; the
rest *continued*. Only organisations that answered both waves are compared (a missing
answer says nothing about its ties); the others are counted.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store
from netzwerk.graph.records import visibility
from netzwerk.graph.surveys.merge import partner_key
from netzwerk.graph.surveys.model import COOP_FIELDS, Survey

CHANGES: dict[str, str] = {
    "new": N_("neu"),
    "ended": N_("beendet"),
    "changed": N_("geändert"),
    "continued": N_("besteht weiter"),
}


def statements(answers: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The partner rows of one organisation's answers by partner (a later answer of another
    colleague adds its rows and overrides the same partner's)."""
    out: dict[str, dict[str, Any]] = {}
    for answer in answers:
        for row in answer.get("partners") or []:
            out[partner_key(row)] = row
    return out


def last_wave(store: Store, follows: str, actor_id: str) -> dict[str, dict[str, Any]]:
    """What the actor stated about its cooperations in the wave ``follows``."""
    rows = store.read("surveys/statements_of_actor", survey_id=follows, actor_id=actor_id)
    return statements([json.loads(r["data"] or "{}") for r in rows])


def carried_rows(last: dict[str, dict[str, Any]], stored: set[str]) -> list[dict[str, Any]]:
    """The ties of the last wave that are not stored cooperations (``stored``: their actor
    ids and ``name:``-keys; the stored ones are shown anyway), as rows to confirm again:
    shown by their name, so the answer matches them to an actor as if typed; ties ended
    last time are left out."""
    return [
        {
            "actor_id": row.get("actor_id") or "",
            "name": row.get("name") or "",
            "existing": False,
            "ended": False,
            "until": None,
            **{k: row.get(k) for k in COOP_FIELDS},
            "note": "",
            "status": "weiter",
        }
        for key, row in last.items()
        if not row.get("ended")
        and row.get("name")
        and key not in stored
        and "name:" + str(row["name"]).casefold() not in stored
    ]


@dataclass(frozen=True)
class WaveTie:
    """One organisation's statement about one partner, compared across two waves."""

    actor: str
    partner: str
    change: str
    """One of :data:`CHANGES`."""
    before: dict[str, Any] | None
    now: dict[str, Any] | None

    @property
    def change_title(self) -> str:
        return CHANGES[self.change]

    def fields(self, row: dict[str, Any] | None) -> dict[str, Any]:
        """The cooperation's fields of one side (``before`` or ``now``), for describing."""
        return {k: row.get(k) for k in COOP_FIELDS} if row else {}


@dataclass
class Waves:
    previous: Survey
    ties: list[WaveTie] = field(default_factory=list)
    only_one: list[str] = field(default_factory=list)
    """Organisations that answered only one of the two waves (not compared)."""

    @property
    def counts(self) -> Counter[str]:
        return Counter(t.change for t in self.ties)

    def of(self, change: str) -> list[WaveTie]:
        return [t for t in self.ties if t.change == change]


def _changed(before: dict[str, Any], now: dict[str, Any]) -> bool:
    if now.get("status") == "geaendert":
        return True
    return any(
        now.get(k) not in (None, "") and str(now.get(k)) != str(before.get(k) or "")
        for k in COOP_FIELDS
    )


def _name_key(row: dict[str, Any]) -> str:
    return "name:" + str(row.get("name") or "").casefold()


def _compare_actor(actor: str, before: dict[str, Any], now: dict[str, Any]) -> list[WaveTie]:
    """One organisation's ties across the waves; a partner typed by name last time and a
    stored actor by now (its proposal was accepted) is the same partner."""
    by_name = {_name_key(row): key for key, row in before.items()}
    seen: set[str] = set()
    out = []
    for key, row in now.items():
        found = key if key in before else by_name.get(_name_key(row), "")
        seen.add(found)
        old = before.get(found)
        was = old is not None and not old.get("ended")
        if row.get("ended"):
            change = "ended" if was or old is None else ""
        elif not was:
            change = "new"
        else:
            change = "changed" if old is not None and _changed(old, row) else "continued"
        if change:
            out.append(WaveTie(actor, str(row.get("name") or key), change, old, row))
    for key, old in before.items():
        if key not in seen and not old.get("ended"):  # no longer named at all
            out.append(WaveTie(actor, str(old.get("name") or key), "ended", old, None))
    return out


def _by_actor(store: Store, survey_id: str) -> dict[str, tuple[str, list[dict[str, Any]]]]:
    out: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for r in store.read(
        "surveys/answers", survey_id=survey_id, submitted_only=True, reader=visibility.reader()
    ):
        a = r["answer"]
        data = json.loads(a.get("submitted_data") or a.get("data") or "{}")
        out.setdefault(a["actor_id"], (r["actor_name"], []))[1].append(data)
    return out


def compare_waves(store: Store, survey: Survey, previous: Survey) -> Waves:
    """What changed between the handed-in answers of ``previous`` and of ``survey``."""
    before, now = _by_actor(store, previous.id), _by_actor(store, survey.id)
    out = Waves(previous)
    for actor_id in sorted(set(before) | set(now), key=lambda a: (before | now)[a][0].lower()):
        if actor_id not in before or actor_id not in now:
            out.only_one.append((before | now)[actor_id][0])
            continue
        name = now[actor_id][0]
        out.ties += _compare_actor(
            name, statements(before[actor_id][1]), statements(now[actor_id][1])
        )
    order = list(CHANGES)
    out.ties.sort(key=lambda t: (order.index(t.change), t.actor.lower(), t.partner.lower()))
    return out
