"""Load the demo region (Bildungsregion Trier) shipped in ``seed/``.

The JSON files are produced by ``seed/generate.py``; all persons in them are fictional.
Loading is batched and idempotent: ids are stable, nodes and links are merged by id and
pair, and existing records are left as they are, so seeding twice changes nothing and never
overwrites what a user edited.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from netzwerk.graph.core import bulk
from netzwerk.graph.core.codec import coerce, field_kinds
from netzwerk.graph.core.fields import field_table
from netzwerk.graph.core.model import (
    LINK_TYPES,
    Actor,
    Alliance,
    Link,
    N,
    Node,
    Person,
    Project,
    Region,
    Stage,
    TargetGroup,
    Topic,
)
from netzwerk.graph.core.store import Store
from netzwerk.graph.indicators.plan import match_values
from netzwerk.graph.indicators.reader import read as read_indicators
from netzwerk.graph.indicators.regions import RegionIndex

DATASET = "bildungsregion_trier"
DEMO_LOGINS: tuple[tuple[str, str, str, str], ...] = (
    ("admin", "admin", "", "Administration (gesamte Instanz)"),
    ("redaktion", "editor", "stadt-trier", "Redaktion"),
    ("lesen", "viewer", "stadt-trier", "Nur lesen"),
    ("redaktion-stadt", "editor", "stadt-trier", "Redaktion Stadt Trier"),
    ("redaktion-kreis", "editor", "kreis-trier-saarburg", "Redaktion Landkreis Trier-Saarburg"),
    ("lesen-kreis", "viewer", "kreis-trier-saarburg", "Lesen Landkreis Trier-Saarburg"),
)
"""The demo accounts: login, role, organisation (empty: the default; the admin administers
the whole instance) and display name."""


def _record(cls: type[N], row: dict[str, Any]) -> N:
    """A record from a dataset row: every field of the model's field table the row gives,
    typed by the model (so a field added to the model is seeded when the data has it)."""
    kinds = field_kinds(cls)
    values = {
        name: coerce(kinds[name], row[name])
        for name in field_table(cls)
        if row.get(name) not in (None, "")
    }
    return cls(id=row["id"], **values)


def _link(type_name: str, from_id: str, to_id: str, link_id: str, row: dict[str, Any]) -> Link:
    """A relationship from a dataset row, with the fields its type has."""
    kinds = field_kinds(Link)
    values = {
        name: coerce(kinds[name], row[name])
        for name in LINK_TYPES[type_name].fields
        if row.get(name) not in (None, "")
    }
    return Link(type=type_name, from_id=from_id, to_id=to_id, id=link_id, **values)


def read_dataset(name: str = DATASET) -> dict[str, Any]:
    """The raw JSON of a shipped dataset, keyed by file stem."""
    folder = resources.files("netzwerk.seeddata").joinpath(name)
    out: dict[str, Any] = {}
    tables: list[tuple[str, bytes]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            out[entry.name.removesuffix(".json")] = json.loads(entry.read_text(encoding="utf-8"))
        elif entry.name.startswith("indikatoren_") and entry.name.endswith(".csv"):
            tables.append((entry.name, entry.read_bytes()))
    out["indicators"] = tables
    return out


def _indicators(tables: list[tuple[str, bytes]], nodes: list[Node]) -> list[Node]:
    """The demo's indicator tables (GENESIS flat files) as indicators of its regions."""
    regions = RegionIndex()
    for n in nodes:
        if isinstance(n, Region):
            regions.add(n.id, n.name, n.ags)
    out: list[Node] = []
    for filename, raw in tables:
        matched = match_values(read_indicators(raw, filename), regions, filename)
        if matched.errors:
            raise ValueError(f"{filename}: {[str(e) for e in matched.errors[:5]]}")
        out += [ind for _, ind in matched.values]
    return out


def _roles(type_name: str, group_id: str, rows: list[dict[str, Any]]) -> list[Link]:
    """Memberships (MEMBER_OF) or participations (PARTICIPATES_IN) of actors in one alliance
    or project, with role and period, under stable ids."""
    return [
        _link(type_name, m["actor"], group_id, f"{type_name.lower()}-{m['actor']}-{group_id}", m)
        for m in rows
    ]


def _classifications(subject: str, row: dict[str, Any]) -> list[Link]:
    out = []
    for key, type_name in (
        ("topics", "WORKS_ON"),
        ("stages", "COVERS"),
        ("target_groups", "SERVES"),
        ("active_in", "ACTIVE_IN"),
    ):
        out += [
            Link(type=type_name, from_id=subject, to_id=t, id=f"{type_name.lower()}-{subject}-{t}")
            for t in row.get(key, [])
        ]
    return out


def build(data: dict[str, Any]) -> tuple[list[Node], list[Link]]:
    """Turn the dataset into records and links (pure, so it is unit-testable)."""
    nodes: list[Node] = []
    links: list[Link] = []
    for cls, key in ((Topic, "topics"), (Stage, "stages"), (TargetGroup, "target_groups")):
        nodes += [_record(cls, row) for row in data[key]]
    for r in data["regions"]:
        nodes.append(_record(Region, r))
        if r.get("part_of"):
            links.append(_link("PART_OF", r["id"], r["part_of"], f"part_of-{r['id']}", {}))
    for a in data["actors"]:
        nodes.append(_record(Actor, a))
        if a.get("located_in"):
            links.append(_link("LOCATED_IN", a["id"], a["located_in"], f"located_in-{a['id']}", {}))
        links += _classifications(a["id"], a)
    for al in data["alliances"]:
        nodes.append(_record(Alliance, al))
        links += _classifications(al["id"], al)
        links += _roles("MEMBER_OF", al["id"], al.get("members", []))
    for p in data["projects"]:
        nodes.append(_record(Project, p))
        if p.get("part_of"):
            links.append(_link("PART_OF", p["id"], p["part_of"], f"part_of-{p['id']}", {}))
        links += _classifications(p["id"], p)
        links += _roles("PARTICIPATES_IN", p["id"], p.get("participants", []))
    for pe in data["persons"]:
        nodes.append(_record(Person, pe))
        links += [
            _link("WORKS_AT", pe["id"], w["actor"], f"works_at-{pe['id']}-{w['actor']}", w)
            for w in pe.get("works_at", [])
        ]
        links += [
            _link("CONTACT_FOR", pe["id"], c["target"], f"contact_for-{pe['id']}-{c['target']}", c)
            for c in pe.get("contact_for", [])
        ]
    links += [_link("COOPERATES_WITH", c["a"], c["b"], c["id"], c) for c in data["cooperations"]]
    nodes += _indicators(data.get("indicators", []), nodes)
    return nodes, links


def owners(data: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """id → (owning organisation, co-owners) of the dataset's records that name one."""
    return {
        row["id"]: (row["org"], list(row.get("co_orgs") or []))
        for rows in data.values()
        if isinstance(rows, list)
        for row in rows
        if isinstance(row, dict) and row.get("org")
    }


def load(
    store: Store, name: str = DATASET, progress: Callable[[int, int], None] | None = None
) -> bulk.LoadResult:
    """Seed the dataset; returns how many nodes and links were newly created."""
    data = read_dataset(name)
    nodes, links = build(data)
    total = len(nodes) + len(links)

    def node_progress(done: int, _: int) -> None:
        if progress:
            progress(done, total)

    def link_progress(done: int, _: int) -> None:
        if progress:
            progress(len(nodes) + done, total)

    bulk.save_organisations(store, data.get("organisations", []))
    result = bulk.merge_nodes(store, nodes, progress=node_progress, owners=owners(data))
    result += bulk.merge_links(store, links, progress=link_progress)
    if result.missing:
        raise ValueError(f"dataset {name!r} links unknown ids: {result.missing[:10]}")
    return result
