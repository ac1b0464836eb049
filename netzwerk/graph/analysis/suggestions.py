"""Suggested partners: actors that do not cooperate yet but probably should.

The score is deliberately simple, so that every suggestion can be explained in one line:

=========================  ======  ==========================================
reason                     points  why
=========================  ======  ==========================================
each shared topic          2       the same subject is the best reason to meet
each shared stage          1       they work with the same learners
each shared target group   1       they reach the same people
same Stadtteil/VG          2       short distance, same local network
same Stadt/Landkreis       0.5     (only if not the same Stadtteil/VG)
common partners            3 × AA  Adamic–Adar: shared partners, a partner with few
                                   links counts more (it knows both well)
=========================  ======  ==========================================

A pair needs at least one shared topic or one common partner to be suggested. Pairs
dismissed by an editor are never suggested again. Candidates of an actor are its partners'
partners and the actors present in the same Stadtteil/VG; :func:`suggest_for` with
``scan_all=True`` compares an actor with everybody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph.analysis._kernel import indexed, per_graph
from netzwerk.graph.analysis._util import vocab
from netzwerk.graph.core.i18n import N_

W_TOPIC, W_STAGE, W_GROUP, W_REGION, W_AREA, W_PARTNERS = 2.0, 1.0, 1.0, 2.0, 0.5, 3.0
SHARED = ("topics", "stages", "target_groups")


@dataclass
class Suggestion:
    a: Any
    b: Any
    score: float
    topics: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    region: str = ""
    common_partners: list[Any] = field(default_factory=list)
    reasons: str = ""
    """The reasons in words, e.g. "beide: MINT, Sekundarstufe I; VG Konz; 2 gemeinsame
    Partner"."""


def pair_key(a: Any, b: Any) -> tuple[Any, Any]:
    """The order-free identity of a pair (smaller id first), as dismissals store it."""
    return (a, b) if str(a) <= str(b) else (b, a)


def _bitsets(held: list[Iterable[Any]]) -> np.ndarray:
    """Each node's set of values (``held``, one per node) as bits, one row of 64-bit
    words per node."""
    position: dict[Any, int] = {}
    # few distinct sets (a dozen topics): each set's bits are worked out once
    kinds: dict[frozenset[Any], int] = {}
    code = np.fromiter(
        (kinds.setdefault(frozenset(values), len(kinds)) for values in held),
        dtype=np.int64,
        count=len(held),
    )
    masks = [sum(1 << position.setdefault(x, len(position)) for x in k) for k in kinds]
    words = max(1, -(-len(position) // 64))
    table = np.array(
        [[(mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for w in range(words)] for mask in masks],
        dtype=np.uint64,
    ).reshape(len(masks), words)
    return table[code]


def _shared(bits: np.ndarray, i: int, rows: np.ndarray) -> np.ndarray:
    """How many values each node of ``rows`` shares with node ``i`` (popcount of AND)."""
    return np.bitwise_count(bits[rows] & bits[i]).sum(axis=1, dtype=np.int64)


class _Scorer:
    """What scoring needs of every actor, read from the graph once and kept as arrays (a
    network of 50,000 actors scores half a million candidate pairs for its report): topics,
    stages and target groups as bit sets, Stadtteil/VG and area as codes, partners as a
    neighbour table, Adamic–Adar weight. One actor's candidates are scored together."""

    region: np.ndarray
    """Per node, the code of its Stadtteil/VG (-1: none); set in the loop below."""
    area: np.ndarray
    """Per node, the code of its area (Stadt/Landkreis), from the same code table."""

    def __init__(self, g: nx.Graph):
        self.g = g
        ix = indexed(g)
        self.ix = ix
        data = [d for _, d in g.nodes(data=True)]  # in the order of ix.nodes
        self.bits = {attr: _bitsets([d.get(attr) or () for d in data]) for attr in SHARED}
        place: dict[str, int] = {"": -1}
        for attr in ("region", "area"):
            codes = [place.setdefault(d.get(attr) or "", len(place) - 1) for d in data]
            setattr(self, attr, np.array(codes, dtype=np.int64))
        edges = ix.edges
        src = np.concatenate([edges[:, 0], edges[:, 1]])
        dst = np.concatenate([edges[:, 1], edges[:, 0]])
        order = np.argsort(src, kind="stable")
        self.neighbour = dst[order]
        self.start = np.searchsorted(src[order], np.arange(ix.n + 1))
        deg = np.diff(self.start)
        with np.errstate(divide="ignore"):
            self.adamic_adar = np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
        local: dict[tuple[int, Any], list[int]] = {}
        for i, (region, d) in enumerate(zip(self.region.tolist(), data, strict=True)):
            if region >= 0:
                for topic in d.get("topics", ()):
                    local.setdefault((region, topic), []).append(i)
        self.local = {key: np.array(members) for key, members in local.items()}

    def partners(self, i: int) -> np.ndarray:
        return self.neighbour[self.start[i] : self.start[i + 1]]

    def candidates(self, i: int, scan_all: bool = False) -> np.ndarray:
        """Partners' partners and actors in the same Stadtteil/VG sharing a topic (others
        could not score: a pair needs a shared topic or a common partner); everybody with
        ``scan_all``. Never the actor itself or its partners."""
        # a mark per actor, then the marked in order: as sorting out the duplicates of the
        # (on hub-heavy networks: thousands of) partners' partners, but without the sort
        marked = np.full(self.ix.n, scan_all, dtype=bool)
        if not scan_all:
            for p in self.partners(i):
                marked[self.partners(int(p))] = True
            if self.region[i] >= 0:
                for topic in self.g.nodes[self.ix.nodes[i]].get("topics", ()):
                    marked[self.local.get((int(self.region[i]), topic), np.zeros(0, int))] = True
        marked[i] = False
        marked[self.partners(i)] = False
        return np.flatnonzero(marked)

    def scores(self, i: int, pool: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The candidates of ``pool`` that can be suggested to node ``i`` (a shared topic
        or a common partner) and their scores (rounded to 3 places)."""
        common = np.zeros(self.ix.n)
        linked = np.zeros(self.ix.n, dtype=bool)
        for p in self.partners(i):
            nbrs = self.partners(int(p))
            common[nbrs] += self.adamic_adar[p]
            linked[nbrs] = True
        topics = _shared(self.bits["topics"], i, pool)
        ok = (topics > 0) | linked[pool]
        pool, topics = pool[ok], topics[ok]
        score = (
            W_TOPIC * topics
            + W_STAGE * _shared(self.bits["stages"], i, pool)
            + W_GROUP * _shared(self.bits["target_groups"], i, pool)
            + W_PARTNERS * common[pool]
        )
        same_region = (self.region[pool] == self.region[i]) & (self.region[i] >= 0)
        same_area = (self.area[pool] == self.area[i]) & (self.area[i] >= 0)
        score += np.where(same_region, W_REGION, np.where(same_area, W_AREA, 0.0))
        return pool, np.round(score, 3)

    def explain(self, a: Any, b: Any, score: float) -> Suggestion:
        """The suggestion of the pair with its reasons in words."""
        da, db = self.g.nodes[a], self.g.nodes[b]

        def shared(attr: str) -> set[Any]:
            return set(da.get(attr, ())) & set(db.get(attr, ()))

        same_place = da.get("region") and da.get("region") == db.get("region")
        v = vocab(self.g)
        s = Suggestion(
            *pair_key(a, b),
            score=score,
            topics=sorted((v.topics.get(t, t) for t in shared("topics")), key=str.casefold),
            stages=[
                v.stages.get(x, x)
                for x in sorted(shared("stages"), key=lambda x: v.stage_order.get(x, 99))
            ],
            target_groups=sorted(
                (v.target_groups.get(t, t) for t in shared("target_groups")), key=str.casefold
            ),
            region=(da.get("region_name") or da["region"]) if same_place else "",
            common_partners=sorted(set(self.g[a]) & set(self.g[b]), key=str),
        )
        s.reasons = reasons(s)
        return s


def _scorer(g: nx.Graph) -> _Scorer:
    return per_graph(g, "suggestion-scorer", lambda: _Scorer(g))


def _same(text: str) -> str:
    return text


def reasons(s: Suggestion, tr: Callable[[str], str] = _same) -> str:
    """The reasons of a suggestion as one line, in German unless ``tr`` translates it.

    Examples
    --------
    >>> reasons(Suggestion("a", "b", 1, topics=["MINT"], stages=["Sekundarstufe I"],
    ...                    region="VG Konz", common_partners=["x", "y"]))
    'beide: MINT, Sekundarstufe I; VG Konz; 2 gemeinsame Partner'
    """
    parts = []
    shared = [*s.topics, *s.stages, *s.target_groups]
    if shared:
        parts.append(tr(N_("beide: %(shared)s")) % {"shared": ", ".join(shared)})
    if s.region:
        parts.append(s.region)
    n = len(s.common_partners)
    if n == 1:
        parts.append(tr(N_("1 gemeinsamer Partner")))
    elif n:
        parts.append(tr(N_("%(n)s gemeinsame Partner")) % {"n": n})
    return "; ".join(parts)


def suggest_for(
    g: nx.Graph,
    actor: Any,
    *,
    limit: int = 10,
    dismissed: Iterable[tuple[Any, Any]] = (),
    scan_all: bool = True,
) -> list[Suggestion]:
    """The best new partners for one actor, best first.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("a", topics={"mint"}); g.add_node("b", topics={"mint"})
    >>> g.add_node("c", topics={"kultur"})
    >>> [(s.a, s.b, s.score) for s in suggest_for(g, "a")]
    [('a', 'b', 2.0)]
    """
    if actor not in g:
        return []
    sc = _scorer(g)
    gone = _gone(dismissed)
    return [
        sc.explain(*key, score)
        for key, score in _best(sc, actor, sc.candidates(sc.ix.index[actor], scan_all), gone, limit)
    ]


def _gone(dismissed: Iterable[tuple[Any, Any]]) -> dict[Any, set[Any]]:
    """Actor → the actors it must not be suggested with."""
    out: dict[Any, set[Any]] = {}
    for a, b in dismissed:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def _best(
    sc: _Scorer,
    actor: Any,
    pool: np.ndarray,
    gone: dict[Any, set[Any]],
    limit: int,
) -> list[tuple[tuple[Any, Any], float]]:
    """The ``limit`` best pairs of ``actor`` with the ``pool`` and their scores, best
    first, ties by id."""
    i = sc.ix.index[actor]
    if actor in gone:
        banned = [sc.ix.index[b] for b in gone[actor] if b in sc.ix.index]
        pool = pool[~np.isin(pool, banned)]
    pool, score = sc.scores(i, pool)
    if len(pool) > limit:  # everything tied with the limit-th best, then exact order
        cut = -np.partition(-score, limit - 1)[limit - 1]
        pool, score = pool[score >= cut], score[score >= cut]
    ranked = sorted(
        ((pair_key(actor, sc.ix.nodes[j]), float(x)) for j, x in zip(pool, score, strict=True)),
        key=lambda ks: (-ks[1], str(ks[0][0]), str(ks[0][1])),
    )
    return ranked[:limit]


def suggest(
    g: nx.Graph,
    actors: Iterable[Any] | None = None,
    *,
    per_actor: int = 3,
    limit: int = 50,
    dismissed: Iterable[tuple[Any, Any]] = (),
) -> list[Suggestion]:
    """Suggestions for many actors (all by default): each actor's ``per_actor`` best
    candidates, merged and ranked, at most ``limit``.

    Examples
    --------
    Two actors sharing a topic and a partner rank above two neighbours sharing a topic:

    >>> g = nx.Graph([("a", "x"), ("b", "x"), ("c", "y"), ("d", "z")])
    >>> nx.set_node_attributes(g, {"a": {"m"}, "b": {"m"}, "c": {"k"}, "d": {"k"}}, "topics")
    >>> nx.set_node_attributes(g, {"c": "west", "d": "west"}, "region")
    >>> [(s.a, s.b, s.score) for s in suggest(g)]
    [('a', 'b', 6.328), ('c', 'd', 4.0)]
    """
    gone = _gone(dismissed)
    sc = _scorer(g)
    best: dict[tuple[Any, Any], float] = {}
    for a in actors if actors is not None else list(g):
        if a not in g:
            continue
        pool = sc.candidates(sc.ix.index[a])
        for key, score in _best(sc, a, pool, gone, per_actor):
            best.setdefault(key, score)
    # only the pairs shown are put in words (the report asks thousands of actors)
    ranked = sorted(best.items(), key=lambda ks: (-ks[1], str(ks[0][0]), str(ks[0][1])))
    return [sc.explain(*key, score) for key, score in ranked[:limit]]
