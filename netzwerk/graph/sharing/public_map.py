"""The public Bildungslandkarte: which actors and offers exist by topic, stage and region.

Municipalities in the "Bildungskommunen" programme are expected to publish their education
landscape. The page is off until an admin switches it on; it shows organisations, projects
(the offers) and their cooperations, never persons or contact data. The overview here is
built from the cached network snapshot (no query of its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.store import Store
from netzwerk.graph.network.snapshot import Snapshot, active_on

MAX_TITLE = 120
MAX_INTRO = 2000


@dataclass(frozen=True)
class MapSettings:
    enabled: bool = False
    title: str = "Bildungslandkarte"
    intro: str = ""


def settings(store: Store) -> MapSettings:
    rows = store.read("views/public_map_get")
    if not rows:
        return MapSettings()
    m = rows[0]["map"]
    return MapSettings(
        bool(m.get("enabled")), m.get("title") or "Bildungslandkarte", m.get("intro") or ""
    )


def checked_settings(*, enabled: bool, title: str, intro: str) -> MapSettings:
    """The settings as they will be stored (raises ValidationError; writes nothing)."""
    title, intro = " ".join(title.split()), intro.strip()
    errors = []
    if not title or len(title) > MAX_TITLE:
        errors.append(FieldError("title", f"Bitte einen Titel mit höchstens {MAX_TITLE} Zeichen."))
    if len(intro) > MAX_INTRO:
        errors.append(
            FieldError("intro", f"Die Einleitung ist zu lang (höchstens {MAX_INTRO} Zeichen).")
        )
    if errors:
        raise ValidationError(errors)
    return MapSettings(bool(enabled), title, intro)


@dataclass
class Row:
    """One topic, stage or region: how many actors and projects, and their names."""

    id: str
    name: str
    actors: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)


def overview(snap: Snapshot, day: date) -> dict[str, list[Row]]:  # noqa: C901 (complexity 15: lower, never raise)
    """Actors and projects (offers) per topic, per stage and per Stadt/Landkreis."""
    vocab = snap.vocabulary
    rows: dict[str, dict[str, Row]] = {
        "topics": {k: Row(k, v) for k, v in vocab.topics.items()},
        "stages": {k: Row(k, vocab.stages[k]) for k in vocab.stages_in_order()},
        "regions": {},
    }
    projects_of: dict[str, set[str]] = {}
    for a in snap.actors:
        for key, ids in (("topics", a["topics"]), ("stages", a["stages"])):
            for i in ids:
                if i in rows[key]:
                    rows[key][i].actors.append(a["name"])
        area = vocab.area_of(a["located_in"])
        if area:
            row = rows["regions"].setdefault(area, Row(area, vocab.regions.get(area, area)))
            row.actors.append(a["name"])
        for m in a["projects"]:
            if active_on(m, day):
                projects_of.setdefault(m["id"], set()).update(a["topics"])
                if area:
                    rows["regions"][area].projects.append(vocab.projects.get(m["id"], m["id"]))
    for pid, topics in projects_of.items():
        for t in topics:
            if t in rows["topics"]:
                rows["topics"][t].projects.append(vocab.projects.get(pid, pid))
    out: dict[str, list[Row]] = {}
    for key, table in rows.items():
        for row in table.values():
            row.actors = sorted(set(row.actors), key=str.casefold)
            row.projects = sorted(set(row.projects), key=str.casefold)
        ordered = list(table.values())
        if key != "stages":
            ordered.sort(key=lambda r: r.name.casefold())
        out[key] = ordered
    return out
