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

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netzwerk.graph.analysis._kernel import per_graph
from netzwerk.graph.analysis._util import vocab

W_TOPIC, W_STAGE, W_GROUP, W_REGION, W_AREA, W_PARTNERS = 2.0, 1.0, 1.0, 2.0, 0.5, 3.0


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


class _Scorer:
    """What scoring needs of every actor, read from the graph once (a network of 50,000
    actors scores half a million candidate pairs for its report): topics, stages and
    target groups as bit sets, place, partners as a set, Adamic–Adar weight."""

    def __init__(self, g: nx.Graph):
        self.g = g
        bits: dict[tuple[str, Any], int] = {}

        def mask(kind: str, values: Any) -> int:
            out = 0
            for value in values:
                out |= 1 << bits.setdefault((kind, value), len(bits))
            return out

        self.profile = {
            n: (
                mask("t", d.get("topics", ())),
                mask("s", d.get("stages", ())),
                mask("g", d.get("target_groups", ())),
                d.get("region") or "",
                d.get("area") or "",
            )
            for n, d in g.nodes(data=True)
        }
        self.partners = {n: set(g[n]) for n in g}
        self.adamic_adar = {n: 1 / math.log(k) for n, k in g.degree() if k > 1}

    def shared_partners(self, a: Any) -> dict[Any, float]:
        """Every partner's partner of ``a`` with the Adamic–Adar sum of their common
        partners (one pass over the partners' partners instead of one set intersection
        per candidate)."""
        acc: dict[Any, float] = {}
        for p in self.partners[a]:
            w = self.adamic_adar.get(p, 0.0)
            for c in self.partners[p]:
                acc[c] = acc.get(c, 0.0) + w
        return acc

    def points(self, a: Any, b: Any, shared: dict[Any, float] | None = None) -> float | None:
        """The score of the pair; None if it has neither a shared topic nor a common
        partner (cheap: no names, no sorting). ``shared`` is :meth:`shared_partners` of
        ``a`` when many candidates of one actor are scored."""
        shared = self.shared_partners(a) if shared is None else shared
        ta, sa, ga, ra, aa = self.profile[a]
        tb, sb, gb, rb, ab = self.profile[b]
        topics = ta & tb
        if not topics and b not in shared:
            return None
        score = (
            W_TOPIC * topics.bit_count()
            + W_STAGE * (sa & sb).bit_count()
            + W_GROUP * (ga & gb).bit_count()
        )
        if ra and ra == rb:
            score += W_REGION
        elif aa and aa == ab:
            score += W_AREA
        score += W_PARTNERS * shared.get(b, 0.0)
        return round(score, 3)

    def explain(self, a: Any, b: Any) -> Suggestion | None:
        score = self.points(a, b)
        if score is None:
            return None
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
            common_partners=sorted(self.partners[a] & self.partners[b], key=str),
        )
        s.reasons = reasons(s)
        return s


def _scorer(g: nx.Graph) -> _Scorer:
    return per_graph(g, "suggestion-scorer", lambda: _Scorer(g))


def reasons(s: Suggestion) -> str:
    """The reasons of a suggestion as one German line.

    Examples
    --------
    >>> reasons(Suggestion("a", "b", 1, topics=["MINT"], stages=["Sekundarstufe I"],
    ...                    region="VG Konz", common_partners=["x", "y"]))
    'beide: MINT, Sekundarstufe I; VG Konz; 2 gemeinsame Partner'
    """
    parts = []
    shared = [*s.topics, *s.stages, *s.target_groups]
    if shared:
        parts.append("beide: " + ", ".join(shared))
    if s.region:
        parts.append(s.region)
    n = len(s.common_partners)
    if n:
        parts.append(f"{n} gemeinsame{'r' if n == 1 else ''} Partner")
    return "; ".join(parts)


def _candidates(g: nx.Graph, a: Any, local: dict[tuple[str, str], list[Any]]) -> set[Any]:
    """Partners' partners, and actors in the same Stadtteil/VG sharing a topic (others in
    the same place could not score: a pair needs a shared topic or a common partner)."""
    out: set[Any] = set()
    for p in g.neighbors(a):
        out.update(g.neighbors(p))
    region = g.nodes[a].get("region")
    if region:
        for topic in g.nodes[a].get("topics", ()):
            out.update(local.get((region, topic), ()))
    out.discard(a)
    return out.difference(g.neighbors(a))


def _local(g: nx.Graph) -> dict[tuple[str, str], list[Any]]:
    """Actors by (Stadtteil/VG, topic)."""
    local: dict[tuple[str, str], list[Any]] = {}
    for n, d in g.nodes(data=True):
        if d.get("region"):
            for topic in d.get("topics", ()):
                local.setdefault((d["region"], topic), []).append(n)
    return local


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
    gone = {pair_key(*p) for p in dismissed}
    pool = (
        set(g) - {actor} - set(g.neighbors(actor)) if scan_all else _candidates(g, actor, _local(g))
    )
    sc = _scorer(g)
    return [_explained(sc, key) for key in _best(sc, actor, pool, gone, {}, limit)]


def _best(
    sc: _Scorer,
    actor: Any,
    pool: Iterable[Any],
    gone: set[tuple[Any, Any]],
    known: dict[tuple[Any, Any], Suggestion],
    limit: int,
) -> list[tuple[Any, Any]]:
    """The ``limit`` best pairs of ``actor`` with the ``pool`` (scores from ``known`` where
    a pair was already explained), best first, ties by id."""
    scored = []
    shared = sc.shared_partners(actor)
    for other in pool:
        key = pair_key(actor, other)
        if key in gone:
            continue
        if key in known:
            score = known[key].score
        else:
            found = sc.points(actor, other, shared)
            if found is None:
                continue
            score = found
        scored.append((-score, str(key[0]), str(key[1]), key))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]


def _explained(sc: _Scorer, key: tuple[Any, Any]) -> Suggestion:
    found = sc.explain(*key)
    assert found is not None  # only pairs that scored are explained
    return found


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
    gone = {pair_key(*p) for p in dismissed}
    local = _local(g)
    sc = _scorer(g)
    best: dict[tuple[Any, Any], Suggestion] = {}
    for a in actors if actors is not None else list(g):
        if a not in g:
            continue
        for key in _best(sc, a, _candidates(g, a, local), gone, best, per_actor):
            if key not in best:
                best[key] = _explained(sc, key)
    ranked = sorted(best.values(), key=lambda s: (-s.score, str(s.a), str(s.b)))
    return ranked[:limit]
