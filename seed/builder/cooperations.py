"""The cooperation network: the planted gaps first, a realistic background around them.

Why this order: the demo has to show what netzwerk is for, so the separate components,
the clusters behind one bridge, the leaves and the weak transition (``gaps.toml``) are
wired first, and every later link is refused if it would close one of them. The background
is preferential attachment with locality (a partner in the same Stadtteil or
Verbandsgemeinde, with shared topics, adjacent stages and many partners already is
likelier), which gives the few hubs and many small actors of real networks.

References
----------
.. [1] Barabási, A.-L., Albert, R. (1999). Emergence of scaling in random networks.
   Science 286(5439), 509-512.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, timedelta

from netzwerk.graph.core.model import COOPERATION_KINDS, INTENSITIES

from .actors import Row, SeedActor, random_date
from .tables import Tables, Transition

BRIDGE_PARTNERS = 2  # links of a cluster's bridge actor into the main network
HUB_WEIGHT = 4.0  # actors at least this attractive get a third partner from the start
MAX_ATTEMPTS = 50_000  # of the background draw, in case `total` cannot be reached
FIRST_YEAR = 2012  # the oldest recorded cooperations began this year
ENDED_SHARE = 0.13  # of the well-connected cooperations begun before ENDS_FROM have ended
ENDS_FROM = date(2024, 1, 1)
ENDED_BY = date(2025, 6, 30)  # ended cooperations end before this day
NOTE_SHARE = 0.35


def in_transition(t: Transition, a: SeedActor, b: SeedActor) -> bool:
    """True for a pair of one VG of the district across the planted weak transition."""

    def lower_only(x: SeedActor) -> bool:
        return x.stages == [t.lower]

    across = (lower_only(a) and t.upper in b.stages) or (lower_only(b) and t.upper in a.stages)
    return a.area == b.area == "kreis" and a.vg == b.vg and across


class CoopBuilder:
    """Collects undirected actor pairs and enforces the network's structural rules."""

    def __init__(self, tables: Tables, rng: random.Random) -> None:
        self.rng = rng
        self.transition = tables.transition
        self.stage_order = {s["key"]: s["order"] for s in tables.vocabularies["stages"]}
        self.pairs: list[tuple[str, str]] = []
        self.seen: set[frozenset[str]] = set()
        self.deg: Counter[str] = Counter()
        self.transitions: Counter[str] = Counter()

    def allowed(self, a: SeedActor, b: SeedActor) -> bool:
        """Reject self-loops, duplicates and links that would close a planted gap."""
        if a.id == b.id or frozenset((a.id, b.id)) in self.seen:
            return False
        if in_transition(self.transition, a, b):
            limit = self.transition.limits.get(a.vg)
            if limit is not None and self.transitions[a.vg] >= limit:
                return False
        return True

    def add(self, a: SeedActor, b: SeedActor) -> bool:
        """Add the pair if allowed; returns whether it was added."""
        if not self.allowed(a, b):
            return False
        if in_transition(self.transition, a, b):
            self.transitions[a.vg] += 1
        self.pairs.append((a.id, b.id))
        self.seen.add(frozenset((a.id, b.id)))
        self.deg[a.id] += 1
        self.deg[b.id] += 1
        return True

    def affinity(self, a: SeedActor, b: SeedActor) -> float:
        """How likely a and b cooperate: locality x shared topics/stages x attractiveness.

        Same Stadtteil/VG is strongly favoured, the same side of the city/district border
        moderately, cross-border links are rare unless one side works region-wide.
        """
        if a.row["located_in"] == b.row["located_in"]:
            loc = 5.0
        else:
            side_a = a.scope if a.scope in ("stadt", "kreis") else a.area
            side_b = b.scope if b.scope in ("stadt", "kreis") else b.area
            if "region" in (a.scope, b.scope):
                loc = 1.5
            elif side_a == side_b:
                loc = 1.6
            else:
                loc = 0.15
        shared_topics = len(set(a.topics) & set(b.topics))
        orders = self.stage_order
        adj = any(abs(orders[x] - orders[y]) <= 1 for x in a.stages for y in b.stages)
        sim = 1.0 + 0.5 * shared_topics + (0.6 if adj else 0.0)
        return loc * sim * b.weight * (1.0 + self.deg[b.id]) ** 0.6

    def pick_partner(self, a: SeedActor, pool: list[SeedActor]) -> SeedActor | None:
        """Weighted choice of an allowed partner for a from pool."""
        cands = [b for b in pool if self.allowed(a, b)]
        if not cands:
            return None
        weights = [self.affinity(a, b) for b in cands]
        return self.rng.choices(cands, weights=weights, k=1)[0]

    def ring(self, members: list[SeedActor], chords: int) -> None:
        """Connect members in a cycle plus a few chords (a small, robust cluster)."""
        for i, a in enumerate(members):
            self.add(a, members[(i + 1) % len(members)])
        tries = 0
        while chords > 0 and tries < 200:
            tries += 1
            a, b = self.rng.sample(members, 2)
            if self.add(a, b):
                chords -= 1


def build_cooperations(  # noqa: C901 (complexity 15: lower, never raise)
    actors: list[SeedActor], tables: Tables, rng: random.Random
) -> list[tuple[str, str]]:
    """Wire the cooperation graph: planted gaps first, realistic background after."""
    cb = CoopBuilder(tables, rng)
    tagged: dict[str, list[SeedActor]] = defaultdict(list)
    for a in actors:
        tagged[a.spec.tag].append(a)
    bridges = [a for cl in tables.clusters for a in tagged[cl.bridge]]
    core = tagged["core"] + bridges

    for comp in tables.components:
        cb.ring(tagged[comp.tag], chords=comp.chords)
    for cl in tables.clusters:
        cb.ring(tagged[cl.bridge] + tagged[cl.tag], chords=cl.chords)
    # the bridge actors need their own links into the core, or the clusters float away
    for a in bridges:
        for _ in range(BRIDGE_PARTNERS):
            b = cb.pick_partner(a, tagged["core"])
            assert b is not None
            cb.add(a, b)
    # every core actor gets at least two partners ...
    order = list(core)
    rng.shuffle(order)
    for a in order:
        while cb.deg[a.id] < 2 + (1 if a.weight >= HUB_WEIGHT else 0):
            b = cb.pick_partner(a, core)
            if b is None:
                break
            cb.add(a, b)
    # ... Kitas meet their local Grundschule, except where the transition is weak ...
    t, meet = tables.transition, tables.cooperations["kita_school"]
    for a in core:
        if a.area != "kreis" or a.stages != [t.lower]:
            continue
        schools = [
            b
            for b in core
            if b.vg == a.vg
            and b.area == "kreis"
            and t.upper in b.stages
            and b.spec.profile == meet["profile"]
        ]
        if schools and rng.random() < meet["share"]:
            cb.add(a, rng.choice(schools))
    # ... leaves exactly one ...
    for a in tagged["leaf"]:
        b = cb.pick_partner(a, core)
        assert b is not None
        cb.add(a, b)
    # ... and the rest by preferential attachment with locality.
    attempts = 0
    while len(cb.pairs) < tables.cooperations["total"] and attempts < MAX_ATTEMPTS:
        attempts += 1
        weights = [a.weight * (1.0 + cb.deg[a.id]) ** 0.5 for a in core]
        a = rng.choices(core, weights=weights, k=1)[0]
        b = cb.pick_partner(a, core)
        if b is not None:
            cb.add(a, b)
    return cb.pairs


def kind_weights(tables: Tables, a: SeedActor, b: SeedActor) -> list[float]:
    """Weights of the cooperation kinds for a pair, raised by the pair's actor kinds."""
    weights = {kind: spec.weight for kind, spec in tables.coop_kinds.items()}
    kinds = {a.spec.kind, b.spec.kind}
    for boost in tables.cooperations["boosts"]:
        if kinds & set(boost.get("either", [])) or kinds <= set(boost.get("both", [])):
            for kind, add in boost["add"].items():
                weights[kind] += add
    return list(weights.values())


def coop_rows(
    actors: list[SeedActor], pairs: list[tuple[str, str]], tables: Tables, rng: random.Random
) -> list[Row]:
    """Give each pair kind, intensity, dates, source and note.

    About 10 % of links between well-connected actors end in the past, so "as of date"
    views change; links of actors in a planted gap never end, to keep the gaps stable.
    """
    # the draw follows the order of the file, so a reordered model leaves the region as it is
    kinds = list(tables.coop_kinds)
    if set(kinds) != set(COOPERATION_KINDS):
        raise ValueError("cooperations.toml: [kinds] must be the model's COOPERATION_KINDS")
    by_id = {a.id: a for a in actors}
    deg: Counter[str] = Counter()
    for a, b in pairs:
        deg[a] += 1
        deg[b] += 1
    today = tables.today
    sources = tables.cooperations["sources"]
    rows: list[Row] = []
    years = list(range(FIRST_YEAR, today.year + 1))
    year_weights = [y - FIRST_YEAR + 3 for y in years]  # recent links are better documented
    for i, (ia, ib) in enumerate(pairs, start=1):
        a, b = by_id[ia], by_id[ib]
        kind = rng.choices(kinds, weights=kind_weights(tables, a, b), k=1)[0]
        spec = tables.coop_kinds[kind]
        intensity = rng.choices(list(INTENSITIES), weights=spec.intensity, k=1)[0]
        year = rng.choices(years, weights=year_weights, k=1)[0]
        since = random_date(
            rng, date(year, 1, 1), min(date(year, 12, 31), today - timedelta(days=30))
        )
        since = b.not_before(a.not_before(since))
        until: date | None = None
        can_end = a.spec.tag == b.spec.tag == "core" and deg[ia] >= 3 and deg[ib] >= 3
        if can_end and rng.random() < ENDED_SHARE and since < ENDS_FROM:
            until = random_date(
                rng, since + timedelta(days=180), min(since + timedelta(days=5 * 365), ENDED_BY)
            )
        if spec.source and rng.random() < spec.source_share:
            source = spec.source
        else:
            options = [s["name"] for s in sources if s.get("year", 0) >= since.year]
            options += [s["name"] for s in sources if "year" not in s]
            source = rng.choice(options)
        note = rng.choice(spec.notes) if rng.random() < NOTE_SHARE else ""
        if until is not None:
            note = (note + "; " if note else "") + "Kooperation beendet"
        rows.append(
            {
                "id": f"coop-{i:04d}",
                "a": ia,
                "b": ib,
                "kind": kind,
                "intensity": intensity,
                "since": since.isoformat(),
                "until": until.isoformat() if until else None,
                "source": source,
                "note": note,
            }
        )
    return rows
