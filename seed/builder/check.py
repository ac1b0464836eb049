"""The self-check of a generated region: integrity against the model, and the planted gaps.

Why: the JSON is what ``netzwerk seed`` loads into every new installation, and the planted
gaps are what the demo is for. So the builder refuses to finish when a reference dangles,
a value is not in the model's vocabularies, or a gap of ``gaps.toml`` is not there (for
example because an edit of the tables let the background draw close it). Kinds, roles and
vocabularies come from :mod:`netzwerk.graph.core.model`, the graph facts from networkx.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from netzwerk.graph.core.model import (
    ACTOR_KINDS,
    COOPERATION_KINDS,
    INTENSITIES,
    LEGAL_BASES,
    LINK_TYPES,
    MEMBER_ROLES,
    PROJECT_ROLES,
    PROJECT_STATUSES,
    REGION_KINDS,
    SPONSORSHIPS,
)

from .actors import SeedActor
from .cooperations import in_transition
from .groups import COORDINATION, TRAEGER
from .tables import Tables

FILES = (
    "organisations",
    "topics",
    "stages",
    "target_groups",
    "regions",
    "actors",
    "alliances",
    "projects",
    "persons",
    "cooperations",
)
CONTACT_TARGETS = {label.lower() for label in LINK_TYPES["CONTACT_FOR"].targets}


class SeedCheckError(ValueError):
    """The generated region breaks a rule; the message lists every problem found."""


def integrity(data: dict[str, Any], tables: Tables) -> list[str]:  # noqa: C901 (complexity 22: lower, never raise)
    """Unique ids, references that resolve, values from the model's vocabularies."""
    problems: list[str] = []
    ids = Counter(row["id"] for key in FILES for row in data[key])
    problems += [f"duplicate id {i}" for i, c in ids.items() if c > 1]

    def want(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    def ref(ref_id: str | None, prefix: str, where: str) -> None:
        want(bool(ref_id) and ref_id in ids and ref_id.startswith(prefix), f"{where} -> {ref_id}")

    seen: set[str] = set()
    for r in data["regions"]:
        want(r["part_of"] is None or r["part_of"] in seen, f"{r['id']}: parent not before it")
        want(r["kind"] in REGION_KINDS, f"{r['id']}: region kind {r['kind']}")
        seen.add(r["id"])
    for key in ("actors", "alliances", "projects"):
        for row in data[key]:
            for field, prefix in (("topics", "topic-"), ("stages", "stage-")):
                for t in row[field]:
                    ref(t, prefix, row["id"])
            for t in row["target_groups"]:
                ref(t, "tg-", row["id"])
            for r in row["active_in"]:
                ref(r, "region-", row["id"])
    for a in data["actors"]:
        want(a["kind"] in ACTOR_KINDS, f"{a['id']}: kind {a['kind']}")
        want(a["sponsorship"] in SPONSORSHIPS, f"{a['id']}: sponsorship {a['sponsorship']}")
        ref(a["located_in"], "region-", a["id"])
        want(a["website"].endswith(".example") and a["email"].endswith(".example"), a["id"])
    missing = set(ACTOR_KINDS) - {a["kind"] for a in data["actors"]}
    want(not missing, f"no actor of the kinds {sorted(missing)}")
    for key, rel, roles in (
        ("alliances", "members", MEMBER_ROLES),
        ("projects", "participants", PROJECT_ROLES),
    ):
        for row in data[key]:
            actors = [m["actor"] for m in row[rel]]
            want(len(actors) == len(set(actors)), f"{row['id']}: an actor twice")
            for m in row[rel]:
                ref(m["actor"], "actor-", row["id"])
                want(m["role"] in roles, f"{row['id']}: role {m['role']}")
    for al in data["alliances"]:
        want(10 <= len(al["members"]) <= 40, f"{al['id']}: {len(al['members'])} members")
        coords = sum(m["role"] == COORDINATION for m in al["members"])
        want(1 <= coords <= 2, f"{al['id']}: {coords} coordinators")
    for pr in data["projects"]:
        if pr["part_of"] is not None:
            ref(pr["part_of"], "alliance-", pr["id"])
        traeger = sum(p["role"] == TRAEGER for p in pr["participants"])
        want(1 <= traeger <= 2, f"{pr['id']}: {traeger} Träger")
        want(pr["status"] in PROJECT_STATUSES, f"{pr['id']}: status {pr['status']}")
    forbidden = tables.persons["forbidden_name_parts"]
    names = tables.persons["first_names"] + tables.persons["last_names"]
    want(not any(n.lower() in forbidden for n in names), "persons.toml: a forbidden name")
    for p in data["persons"]:
        full = f"{p['first_name']} {p['last_name']}".lower()
        want(not any(part in full for part in forbidden), f"{p['id']}: forbidden name")
        for w in p["works_at"]:
            ref(w["actor"], "actor-", p["id"])
        for c in p["contact_for"]:
            ref(c["target"], "", p["id"])
            want(c["target"].split("-")[0] in CONTACT_TARGETS, f"{p['id']} -> {c['target']}")
        want(p["legal_basis"] in LEGAL_BASES, f"{p['id']}: legal basis {p['legal_basis']}")
    pairs: set[frozenset[str]] = set()
    for c in data["cooperations"]:
        ref(c["a"], "actor-", c["id"])
        ref(c["b"], "actor-", c["id"])
        pair = frozenset((c["a"], c["b"]))
        want(len(pair) == 2 and pair not in pairs, f"{c['id']}: loop or second link")
        pairs.add(pair)
        want(c["kind"] in COOPERATION_KINDS, f"{c['id']}: kind {c['kind']}")
        want(c["intensity"] in INTENSITIES, f"{c['id']}: intensity {c['intensity']}")
        want(c["until"] is None or c["until"] > c["since"], f"{c['id']}: ends before start")
    return problems


def network(data: dict[str, Any]) -> nx.Graph:
    """The cooperation network of the generated data, all actors as nodes."""
    g = nx.Graph()
    g.add_nodes_from(a["id"] for a in data["actors"])
    g.add_edges_from((c["a"], c["b"]) for c in data["cooperations"])
    return g


def planted_gaps(data: dict[str, Any], actors: list[SeedActor], tables: Tables) -> list[str]:  # noqa: C901 (complexity 13: lower, never raise)
    """Whether every gap of ``gaps.toml`` is in the generated network."""
    problems: list[str] = []
    g = network(data)
    tagged: dict[str, set[str]] = defaultdict(set)
    for a in actors:
        tagged[a.spec.tag].add(a.id)
    if set(nx.isolates(g)) != tagged["iso"]:
        problems.append(f"isolated actors are not the 'iso' ones: {sorted(nx.isolates(g))}")
    problems += [
        f"{i}: 'leaf' with {g.degree(i)} cooperations" for i in tagged["leaf"] if g.degree(i) != 1
    ]
    for comp in tables.components:
        members = tagged[comp.tag]
        if not members or nx.node_connected_component(g, next(iter(members))) != members:
            problems.append(f"component {comp.tag} is not a component of its own")
    cuts = set(nx.articulation_points(g))
    for cl in tables.clusters:
        if not tagged[cl.bridge] <= cuts:
            problems.append(f"cluster {cl.tag}: the bridge is not an articulation point")
        without_bridge = g.subgraph(n for n in g if n not in tagged[cl.bridge])
        reach = set().union(
            *(nx.node_connected_component(without_bridge, n) for n in tagged[cl.tag])
        )
        if not tagged[cl.tag] or reach != tagged[cl.tag]:
            problems.append(f"cluster {cl.tag} reaches the network past its bridge")
    counts = transitions(data, actors, tables)
    for vg, limit in tables.transition.limits.items():
        if counts[vg] > limit:
            problems.append(f"transition in VG {vg}: {counts[vg]} links, at most {limit}")
    structural = {a.id for a in actors if a.spec.tag != "core"}
    problems += [
        f"{c['id']} of a planted gap ends"
        for c in data["cooperations"]
        if c["until"] and {c["a"], c["b"]} & structural
    ]
    located = stages_by_region(data)
    for cell in tables.uncovered:
        for stage in cell["stages"]:
            if "stage-" + stage in located[cell["region"]]:
                problems.append(f"{cell['region']} × {stage} is covered")
    return problems


def transitions(data: dict[str, Any], actors: list[SeedActor], tables: Tables) -> Counter[str]:
    """Cooperations across the planted weak transition, per Verbandsgemeinde."""
    by_id = {a.id: a for a in actors}
    out: Counter[str] = Counter()
    for c in data["cooperations"]:
        a, b = by_id[c["a"]], by_id[c["b"]]
        if in_transition(tables.transition, a, b):
            out[a.vg] += 1
    return out


def stages_by_region(data: dict[str, Any]) -> dict[str, set[str]]:
    """Stage ids covered by the actors located in each region."""
    located: dict[str, set[str]] = defaultdict(set)
    for a in data["actors"]:
        located[a["located_in"]].update(a["stages"])
    return located


def check(data: dict[str, Any], actors: list[SeedActor], tables: Tables) -> None:
    """Raise :class:`SeedCheckError` listing every problem, or return quietly."""
    problems = integrity(data, tables) + planted_gaps(data, actors, tables)
    if problems:
        raise SeedCheckError("the demo region fails its check:\n  " + "\n  ".join(problems))


def report(data: dict[str, Any], actors: list[SeedActor], tables: Tables) -> list[str]:
    """Counts and gap facts, to print after generating (what the analyses should find)."""
    g = network(data)
    name = {a["id"]: a["short_name"] for a in data["actors"]}
    lines = ["counts:"] + [f"  {key:15s} {len(data[key])}" for key in FILES]
    for label, key, rel in (
        ("memberships", "alliances", "members"),
        ("participations", "projects", "participants"),
        ("works_at", "persons", "works_at"),
        ("contact_for", "persons", "contact_for"),
    ):
        lines.append(f"  {label:15s} {sum(len(row[rel]) for row in data[key])}")
    lines.append(
        f"  {'ended coops':15s} {sum(c['until'] is not None for c in data['cooperations'])}"
    )
    isolated = list(nx.isolates(g))
    comps = sorted((c for c in nx.connected_components(g) if len(c) > 1), key=len, reverse=True)
    cuts = list(nx.articulation_points(g))
    bridges = {a.id for cl in tables.clusters for a in actors if a.spec.tag == cl.bridge}
    lines += [
        "gap facts:",
        f"  isolated actors ({len(isolated)}): {', '.join(name[i] for i in isolated)}",
        f"  actors with exactly one cooperation: {sum(d == 1 for _n, d in g.degree)}",
        f"  connected components (size>1): {len(comps)}, sizes {[len(c) for c in comps]}",
        *(f"    separate: {', '.join(sorted(name[i] for i in c))}" for c in comps[1:]),
        f"  articulation points: {len(cuts)}",
        *(f"    planted bridge: {name[v]}" for v in cuts if v in bridges),
    ]
    side = {a.id: a.area for a in actors}
    border = Counter("-".join(sorted((side[c["a"]], side[c["b"]]))) for c in data["cooperations"])
    lines.append(f"  city/district by location: {dict(sorted(border.items()))}")
    counts = transitions(data, actors, tables)
    vgs = [part["slug"] for part in tables.regions["kreis"]["parts"]]
    lines.append(f"  Kita–Grundschule links per VG: { {vg: counts[vg] for vg in vgs} }")
    cells = [f"{c['region']} × {', '.join(c['stages'])}" for c in tables.uncovered]
    lines.append(f"  uncovered (region × stage): {'; '.join(cells)}")
    for al in data["alliances"]:
        members = {m["actor"] for m in al["members"]}
        lonely = [m for m in members if not set(g[m]) & members]
        lines.append(
            f"  {al['short_name']}: {len(members)} members, "
            f"{len(lonely)} without cooperation to another member"
        )
    return lines
