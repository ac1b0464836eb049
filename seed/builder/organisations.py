"""Which office owns each record of the demo region (``org``, ``co_orgs`` in the rows).

Territorial: an actor belongs to the office of the one territory it is active in, else to
the office whose region holds its seat (``located_in``);
a region to the office whose region it is part of; a person to the office of their first
employer; an alliance or project to the office of its coordinator (role Koordination or
Träger, else its first member), co-owned by the other office when the other office's
actors take part as well (a joint alliance). Vocabularies are shared by all offices.
"""

from __future__ import annotations

from typing import Any

_LEADS = ("Koordination", "Träger")


def _region_owners(regions: list[dict[str, Any]], orgs: list[dict[str, Any]]) -> dict[str, str]:
    by_region = {o["region"]: o["slug"] for o in orgs}
    parent = {r["id"]: r.get("part_of") for r in regions}
    out: dict[str, str] = {}
    for rid in parent:
        at: str | None = rid
        while at is not None and at not in by_region:
            at = parent.get(at)
        if at is not None:
            out[rid] = by_region[at]
    return out


def _actor_owner(row: dict[str, Any], regions: dict[str, str], first: str) -> str:
    """The office of the one territory the actor works in, else of its seat (the district's
    Bildungsbüro has its seat in the city but works for the district)."""
    active = {regions[r] for r in row.get("active_in", []) if r in regions}
    if len(active) == 1:
        return active.pop()
    return regions.get(row.get("located_in") or "", first)


def _group_owner(rows: list[dict[str, Any]], actor_org: dict[str, str]) -> tuple[str, list[str]]:
    leads = [m for m in rows if m.get("role") in _LEADS] or rows
    owner = actor_org.get(leads[0]["actor"], "") if leads else ""
    others = sorted({actor_org[m["actor"]] for m in rows if m["actor"] in actor_org} - {owner})
    return owner, others


def assign(data: dict[str, Any], orgs: list[dict[str, Any]]) -> None:
    """Write ``org`` (and ``co_orgs``) into the rows of ``data``, in place."""
    slugs = [o["slug"] for o in orgs]
    first, rest = slugs[0], slugs[1:]
    for key in ("topics", "stages", "target_groups"):
        for row in data[key]:
            row["org"], row["co_orgs"] = first, rest
    regions = _region_owners(data["regions"], orgs)
    for row in data["regions"]:
        owner = regions.get(row["id"])
        row["org"], row["co_orgs"] = (owner, []) if owner else (first, rest)
    actor_org: dict[str, str] = {}
    for row in data["actors"]:
        row["org"] = actor_org[row["id"]] = _actor_owner(row, regions, first)
    for key, members in (("alliances", "members"), ("projects", "participants")):
        for row in data[key]:
            owner, others = _group_owner(row.get(members, []), actor_org)
            row["org"], row["co_orgs"] = owner or first, others
    for row in data["persons"]:
        jobs = row.get("works_at", [])
        row["org"] = actor_org.get(jobs[0]["actor"], first) if jobs else first
    data["organisations"] = [
        {
            "id": f"organisation-{o['slug']}",
            "slug": o["slug"],
            "name": o["name"],
            "recipient": o["recipient"],
        }
        for o in orgs
    ]
