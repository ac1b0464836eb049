"""The cooperation network as a networkx graph, loaded once and filtered in Python.

Pictures (``netzwerk.web.network``) and gap analyses (``netzwerk.graph.analysis``) ask the
same questions with the same filters. Loading every actor with its classifications and every
cooperation takes two queries; the result is cached until the graph's fingerprint changes
(see ``cypher/network/revision.cypher``), and filtering a cached snapshot is pure Python,
so a filter change in the browser costs milliseconds, not a database round trip.

Node attributes of the returned graphs: ``name``, ``short_name``, ``kind``, ``sponsorship``,
``town``, ``org`` (the owning organisation's slug), ``orgs`` (it and the co-owners, a
frozenset), ``region`` (id of the Stadtteil/VG it is located in), ``region_name``, ``area``
(the Stadt or Landkreis above it), ``topics``, ``stages``, ``target_groups``, ``active_in``
(frozensets of ids), ``alliances``, ``projects`` (frozensets of ids active on the date).
Edge attributes: ``id``, ``kind``, ``intensity``, ``value``, ``trust`` (1–4 or None),
``since``, ``until``, ``source``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from netzwerk.graph.core.cache import Cache
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.core.store import Store
from netzwerk.graph.network.filters import ACROSS, PLURAL, Filter

ACROSS_TITLE = N_("Verbindungen über die Grenze")
"""How the organisation filter's :data:`~netzwerk.graph.network.filters.ACROSS` reads."""


@dataclass
class Vocabulary:
    """Names of everything actors refer to, and the region tree."""

    topics: dict[str, str] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)
    stage_order: dict[str, int] = field(default_factory=dict)
    target_groups: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    region_kind: dict[str, str] = field(default_factory=dict)
    region_parent: dict[str, str] = field(default_factory=dict)
    alliances: dict[str, str] = field(default_factory=dict)
    projects: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    """slug → name of every organisation (the filter offers them when there are two)."""

    def region_ancestors(self, region_id: str) -> list[str]:
        """The region itself and every region it is PART_OF, innermost first."""
        out, seen = [], set()
        current: str | None = region_id
        while current and current not in seen:
            out.append(current)
            seen.add(current)
            current = self.region_parent.get(current)
        return out

    def area_of(self, region_id: str | None) -> str:
        """The Stadt or Landkreis a region belongs to (id), or '' if none."""
        if not region_id:
            return ""
        for rid in self.region_ancestors(region_id):
            if self.region_kind.get(rid) in ("Stadt", "Landkreis"):
                return rid
        return ""

    def names_of(self, field_name: str) -> dict[str, str]:
        """id → name for one id field of the filter (``alliance``, …, ``region``)."""
        names: dict[str, str] = getattr(self, PLURAL[field_name])
        if field_name == "organisation" and names:
            return {**names, ACROSS: ACROSS_TITLE}
        return names

    def id_of(self, field_name: str, value: str) -> str | None:
        """The id of the vocabulary node ``value`` names in one id field of the filter: its
        id, or its name in any case ("MINT-Initiativkreis"); None if there is none."""
        names = self.names_of(field_name)
        if value in names:
            return value
        wanted = value.casefold()
        return next((oid for oid, name in names.items() if name.casefold() == wanted), None)

    def stages_in_order(self) -> list[str]:
        return sorted(self.stages, key=lambda s: (self.stage_order.get(s, 99), s))


SELECTED_PER_SNAPSHOT = 4
"""Filtered graphs kept per cached snapshot (the whole region at 5,000 actors is ~20 MB)."""


@dataclass
class Snapshot:
    """Everything loaded from the store for one fingerprint; filter with :func:`select`."""

    actors: list[dict[str, Any]]
    cooperations: list[dict[str, Any]]
    vocabulary: Vocabulary
    fingerprint: tuple[Any, ...] = ()
    # Graphs already selected from this (stored, hence unchanging) snapshot, per filter.
    selected: Cache[Filter, nx.Graph] = field(
        default_factory=lambda: Cache(SELECTED_PER_SNAPSHOT), repr=False, compare=False
    )


def active_on(item: dict[str, Any], day: date | None) -> bool:
    if day is None:
        return True
    since, until = item.get("since"), item.get("until")
    return (since is None or since <= day) and (until is None or day <= until)


def load_vocabulary(store: Store) -> Vocabulary:
    """The names of topics, stages, target groups, regions, alliances and projects (one
    query): what filter forms list, without loading the network."""
    vocab = Vocabulary()
    for row in store.read("network/vocabulary"):
        label, rid, name = row["label"], row["id"], row["name"] or row["id"]
        if label == "Topic":
            vocab.topics[rid] = name
        elif label == "Stage":
            vocab.stages[rid] = name
            vocab.stage_order[rid] = int(row["order"] or 99)
        elif label == "TargetGroup":
            vocab.target_groups[rid] = name
        elif label == "Region":
            vocab.regions[rid] = name
            vocab.region_kind[rid] = row["kind"] or ""
            if row["parent"]:
                vocab.region_parent[rid] = row["parent"]
        elif label == "Alliance":
            vocab.alliances[rid] = name
        elif label == "Project":
            vocab.projects[rid] = name
        elif label == "Organisation":
            vocab.organisations[rid] = name
    return vocab


def load_snapshot(store: Store) -> Snapshot:
    """Read actors, cooperations and vocabularies (three queries, no filtering)."""
    vocab = load_vocabulary(store)
    actors = store.read("network/actors", default=DEFAULT_ORG)
    by_id: dict[str, dict[str, Any]] = {}
    for a in actors:
        a.update(
            located_in=None,
            active_in=[],
            topics=[],
            stages=[],
            target_groups=[],
            alliances=[],
            projects=[],
        )
        by_id[a["id"]] = a
    lists = {
        "ACTIVE_IN": "active_in",
        "WORKS_ON": "topics",
        "COVERS": "stages",
        "SERVES": "target_groups",
    }
    for row in store.read("network/classifications"):
        actor = by_id.get(row["actor"])
        if actor is None:
            continue
        if row["type"] == "LOCATED_IN":
            actor["located_in"] = actor["located_in"] or row["target"]
        else:
            actor[lists[row["type"]]].append(row["target"])
    for row in store.read("network/affiliations"):
        actor = by_id.get(row["actor"])
        if actor is not None:
            key = "alliances" if row["type"] == "MEMBER_OF" else "projects"
            actor[key].append(
                {
                    "id": row["target"],
                    "role": row["role"],
                    "since": row["since"],
                    "until": row["until"],
                }
            )
    return Snapshot(
        actors=actors, cooperations=store.read("network/cooperations"), vocabulary=vocab
    )


_snapshots: Cache[int, Snapshot] = Cache(8)
"""The current snapshot per store (by ``id``; a process has one store, tests a few)."""


def clear_cache() -> None:
    """Forget every cached snapshot (a benchmark's cold run)."""
    _snapshots.clear()


def fingerprint(store: Store) -> tuple[Any, ...]:
    """Changes whenever anything the network depends on changes (cheap: index lookups)."""
    return tuple(sorted((row["part"], row["value"]) for row in store.read("network/revision")))


def current(store: Store) -> Snapshot:
    """The cached snapshot for this store, reloaded only when the graph has changed."""
    fp = fingerprint(store)

    def load() -> Snapshot:
        fresh = load_snapshot(store)
        fresh.fingerprint = fp
        return fresh

    return _snapshots.get_or_compute(id(store), load, lambda hit: hit.fingerprint == fp)


def vocabulary(store: Store) -> Vocabulary:
    """The vocabulary of the cached snapshot if it is current, else just the vocabulary
    (a record list or the contact form need not load the whole network)."""
    fp = fingerprint(store)
    cached = _snapshots.get(id(store))
    if cached is not None and cached.fingerprint == fp:
        return cached.vocabulary
    return load_vocabulary(store)


def _in_region(vocab: Vocabulary, actor: dict[str, Any], region: str) -> bool:
    places = [actor["located_in"], *actor["active_in"]]
    return any(p and region in vocab.region_ancestors(p) for p in places)


def select(snap: Snapshot, flt: Filter | None = None) -> nx.Graph:
    """The cooperation graph of the actors and links that pass ``flt``.

    For a snapshot loaded from the store (it has a fingerprint and is shared, unchanged, by
    every request until the graph changes) the result is remembered per filter: building the
    graph of 5,000 actors costs ~0.35 s of CPU, which every network and gap page paid on
    every request and which queued up under concurrent use. The graph is returned frozen
    (networkx raises on any change), so no caller can alter what others get.
    """
    flt = flt or Filter()
    if not snap.fingerprint:
        return _select(snap, flt)
    return snap.selected.get_or_compute(flt, lambda: nx.freeze(_select(snap, flt)))


def _classified(vocab: Vocabulary, a: dict[str, Any], flt: Filter) -> bool:
    """Whether actor ``a`` passes the filter's classifications (topic, stage, target
    group, kind, region, organisation); memberships are checked on the day by the caller."""
    if flt.topic and flt.topic not in a["topics"]:
        return False
    if flt.stage and flt.stage not in a["stages"]:
        return False
    if flt.target_group and flt.target_group not in a["target_groups"]:
        return False
    if flt.actor_kinds and a["kind"] not in flt.actor_kinds:
        return False
    if flt.region and not _in_region(vocab, a, flt.region):
        return False
    return flt.organisation in ("", ACROSS, _owner(a)) or flt.organisation in a.get("co_orgs", ())


def _owner(a: dict[str, Any]) -> str:
    """The actor's organisation (a snapshot built by hand may name none)."""
    return str(a.get("org") or DEFAULT_ORG)


def _select(snap: Snapshot, flt: Filter) -> nx.Graph:
    vocab = snap.vocabulary
    g: nx.Graph[str] = nx.Graph(vocabulary=vocab, filter=flt)
    day = flt.as_of
    for a in snap.actors:
        alliances = frozenset(m["id"] for m in a["alliances"] if active_on(m, day))
        projects = frozenset(m["id"] for m in a["projects"] if active_on(m, day))
        if flt.alliance and flt.alliance not in alliances:
            continue
        if flt.project and flt.project not in projects:
            continue
        if not _classified(vocab, a, flt):
            continue
        g.add_node(
            a["id"],
            name=a["name"],
            short_name=a["short_name"],
            kind=a["kind"],
            sponsorship=a["sponsorship"],
            town=a["town"],
            org=_owner(a),
            orgs=frozenset((_owner(a), *a.get("co_orgs", ()))),
            region=a["located_in"] or "",
            region_name=vocab.regions.get(a["located_in"] or "", ""),
            area=vocab.area_of(a["located_in"]),
            topics=frozenset(a["topics"]),
            stages=frozenset(a["stages"]),
            target_groups=frozenset(a["target_groups"]),
            active_in=frozenset(a["active_in"]),
            alliances=alliances,
            projects=projects,
        )
    across = flt.organisation == ACROSS
    for c in snap.cooperations:
        if c["a"] not in g or c["b"] not in g or not active_on(c, day):
            continue
        if flt.cooperation_kinds and c["kind"] not in flt.cooperation_kinds:
            continue
        if across and not crosses(g, c["a"], c["b"]):
            continue
        g.add_edge(
            c["a"],
            c["b"],
            id=c["id"],
            kind=c["kind"],
            intensity=c["intensity"] or 1,
            value=c.get("value"),
            trust=c.get("trust"),
            since=c["since"],
            until=c["until"],
            source=c["source"],
        )
    if across:  # what two offices share: the links across and the actors at their ends
        g.remove_nodes_from([n for n, degree in g.degree if degree == 0])
    return g


def crosses(g: nx.Graph, a: str, b: str) -> bool:
    """Whether the link between actors ``a`` and ``b`` of ``g`` crosses the border: the two
    ends are owned by different organisations (co-owners do not count, so a jointly kept
    actor's links count for the office that owns it)."""
    return bool(g.nodes[a]["org"] != g.nodes[b]["org"])


def cooperation_graph(store: Store, flt: Filter | None = None) -> nx.Graph:
    """The filtered cooperation network of the store (cached snapshot + :func:`select`)."""
    return select(current(store), flt)


def affiliation_graph(snap: Snapshot, flt: Filter | None = None) -> nx.Graph:
    """Bipartite graph: actors (``bipartite=0``) and the alliances and projects they belong
    to (``bipartite=1``, ``label`` Alliance/Project), edges carrying the ``role``.

    Shows overlaps between alliances: actors linked to several of them.
    """
    flt = flt or Filter()
    coop = select(snap, flt)
    vocab = snap.vocabulary
    b: nx.Graph[str] = nx.Graph()
    by_id = {a["id"]: a for a in snap.actors}
    for actor_id, data in coop.nodes(data=True):
        b.add_node(actor_id, bipartite=0, label="Actor", **data)
        for key, names, label in (
            ("alliances", vocab.alliances, "Alliance"),
            ("projects", vocab.projects, "Project"),
        ):
            for m in by_id[actor_id][key]:
                if not active_on(m, flt.as_of):
                    continue
                b.add_node(m["id"], bipartite=1, label=label, name=names.get(m["id"], m["id"]))
                b.add_edge(actor_id, m["id"], role=m.get("role") or "")
    return b
