"""Load the demo region (Bildungsregion Trier) shipped in ``seed/``.

The JSON files are produced by ``seed/generate.py``; all persons in them are fictional.
Loading is batched and idempotent: ids are stable, nodes and links are merged by id and
pair, and existing records are left as they are, so seeding twice changes nothing and never
overwrites what a user edited.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from importlib import resources
from typing import Any

from netzwerk.graph.core import bulk
from netzwerk.graph.core.model import (
    Actor,
    Alliance,
    Link,
    Node,
    Person,
    Project,
    Region,
    Stage,
    TargetGroup,
    Topic,
)
from netzwerk.graph.core.store import Store

DATASET = "bildungsregion_trier"


def _d(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def read_dataset(name: str = DATASET) -> dict[str, Any]:
    """The raw JSON of a shipped dataset, keyed by file stem."""
    folder = resources.files("netzwerk.seeddata").joinpath(name)
    out: dict[str, Any] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            out[entry.name.removesuffix(".json")] = json.loads(entry.read_text(encoding="utf-8"))
    return out


def _roles(type_name: str, group_id: str, rows: list[dict[str, Any]]) -> list[Link]:
    """Memberships (MEMBER_OF) or participations (PARTICIPATES_IN) of actors in one alliance
    or project, with role and period, under stable ids."""
    return [
        Link(
            type=type_name,
            from_id=m["actor"],
            to_id=group_id,
            role=m.get("role", ""),
            since=_d(m.get("since")),
            until=_d(m.get("until")),
            id=f"{type_name.lower()}-{m['actor']}-{group_id}",
        )
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
    nodes += [
        Topic(id=t["id"], name=t["name"], description=t.get("description", ""))
        for t in data["topics"]
    ]
    nodes += [Stage(id=s["id"], name=s["name"], order=int(s["order"])) for s in data["stages"]]
    nodes += [TargetGroup(id=t["id"], name=t["name"]) for t in data["target_groups"]]
    for r in data["regions"]:
        nodes.append(Region(id=r["id"], name=r["name"], kind=r["kind"]))
        if r.get("part_of"):
            links.append(
                Link(type="PART_OF", from_id=r["id"], to_id=r["part_of"], id=f"part_of-{r['id']}")
            )
    for a in data["actors"]:
        nodes.append(
            Actor(
                id=a["id"],
                name=a["name"],
                short_name=a.get("short_name", ""),
                kind=a["kind"],
                sponsorship=a.get("sponsorship", ""),
                street=a.get("street", ""),
                postcode=a.get("postcode", ""),
                town=a.get("town", ""),
                website=a.get("website", ""),
                email=a.get("email", ""),
                phone=a.get("phone", ""),
                notes=a.get("notes", ""),
            )
        )
        if a.get("located_in"):
            links.append(
                Link(
                    type="LOCATED_IN",
                    from_id=a["id"],
                    to_id=a["located_in"],
                    id=f"located_in-{a['id']}",
                )
            )
        links += _classifications(a["id"], a)
    for al in data["alliances"]:
        nodes.append(
            Alliance(
                id=al["id"],
                name=al["name"],
                short_name=al.get("short_name", ""),
                description=al.get("description", ""),
                founded=_d(al.get("founded")),
            )
        )
        links += _classifications(al["id"], al)
        links += _roles("MEMBER_OF", al["id"], al.get("members", []))
    for p in data["projects"]:
        nodes.append(
            Project(
                id=p["id"],
                name=p["name"],
                short_name=p.get("short_name", ""),
                description=p.get("description", ""),
                start=_d(p.get("start")),
                end=_d(p.get("end")),
                funding_programme=p.get("funding_programme", ""),
                status=p.get("status", "laufend"),
            )
        )
        if p.get("part_of"):
            links.append(
                Link(type="PART_OF", from_id=p["id"], to_id=p["part_of"], id=f"part_of-{p['id']}")
            )
        links += _classifications(p["id"], p)
        links += _roles("PARTICIPATES_IN", p["id"], p.get("participants", []))
    for pe in data["persons"]:
        nodes.append(
            Person(
                id=pe["id"],
                title=pe.get("title", ""),
                first_name=pe.get("first_name", ""),
                last_name=pe["last_name"],
                function=pe.get("function", ""),
                email=pe.get("email", ""),
                phone=pe.get("phone", ""),
                notes=pe.get("notes", ""),
                consent_newsletter=bool(pe.get("consent_newsletter")),
                consent_newsletter_date=_d(pe.get("consent_newsletter_date")),
                consent_newsletter_source=pe.get("consent_newsletter_source", ""),
                consent_contact=bool(pe.get("consent_contact")),
                consent_contact_date=_d(pe.get("consent_contact_date")),
                consent_contact_source=pe.get("consent_contact_source", ""),
                legal_basis=pe.get("legal_basis", ""),
            )
        )
        links += [
            Link(
                type="WORKS_AT",
                from_id=pe["id"],
                to_id=w["actor"],
                function=w.get("function", ""),
                since=_d(w.get("since")),
                until=_d(w.get("until")),
                id=f"works_at-{pe['id']}-{w['actor']}",
            )
            for w in pe.get("works_at", [])
        ]
        links += [
            Link(
                type="CONTACT_FOR",
                from_id=pe["id"],
                to_id=c["target"],
                role=c.get("role", ""),
                id=f"contact_for-{pe['id']}-{c['target']}",
            )
            for c in pe.get("contact_for", [])
        ]
    for c in data["cooperations"]:
        links.append(
            Link(
                type="COOPERATES_WITH",
                from_id=c["a"],
                to_id=c["b"],
                id=c["id"],
                kind=c["kind"],
                intensity=c.get("intensity"),
                since=_d(c.get("since")),
                until=_d(c.get("until")),
                source=c.get("source", ""),
                note=c.get("note", ""),
            )
        )
    return nodes, links


def load(
    store: Store, name: str = DATASET, progress: Callable[[int, int], None] | None = None
) -> bulk.LoadResult:
    """Seed the dataset; returns how many nodes and links were newly created."""
    nodes, links = build(read_dataset(name))
    total = len(nodes) + len(links)

    def node_progress(done: int, _: int) -> None:
        if progress:
            progress(done, total)

    def link_progress(done: int, _: int) -> None:
        if progress:
            progress(len(nodes) + done, total)

    result = bulk.merge_nodes(store, nodes, progress=node_progress)
    result += bulk.merge_links(store, links, progress=link_progress)
    if result.missing:
        raise ValueError(f"dataset {name!r} links unknown ids: {result.missing[:10]}")
    return result
