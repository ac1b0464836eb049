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


def _points(g: nx.Graph, a: Any, b: Any) -> tuple[float, set[Any], list[Any]] | None:
    """The score of the pair, its shared topics and common partners; None if the pair has
    neither a shared topic nor a common partner (cheap: no names, no sorting)."""
    da, db = g.nodes[a], g.nodes[b]
    topics = set(da.get("topics", ())) & set(db.get("topics", ()))
    common = list(nx.common_neighbors(g, a, b)) if g.degree(a) and g.degree(b) else []
    if not topics and not common:
        return None
    stages = set(da.get("stages", ())) & set(db.get("stages", ()))
    groups = set(da.get("target_groups", ())) & set(db.get("target_groups", ()))
    score = W_TOPIC * len(topics) + W_STAGE * len(stages) + W_GROUP * len(groups)
    if da.get("region") and da.get("region") == db.get("region"):
        score += W_REGION
    elif da.get("area") and da.get("area") == db.get("area"):
        score += W_AREA
    score += W_PARTNERS * sum(1 / math.log(g.degree(c)) for c in common if g.degree(c) > 1)
    return round(score, 3), topics, common


def _score(g: nx.Graph, a: Any, b: Any) -> Suggestion | None:
    found = _points(g, a, b)
    if found is None:
        return None
    score, topics, common = found
    da, db = g.nodes[a], g.nodes[b]
    stages = set(da.get("stages", ())) & set(db.get("stages", ()))
    groups = set(da.get("target_groups", ())) & set(db.get("target_groups", ()))
    same_region = da.get("region") and da.get("region") == db.get("region")
    v = vocab(g)
    s = Suggestion(
        *pair_key(a, b),
        score=score,
        topics=sorted((v.topics.get(t, t) for t in topics), key=str.casefold),
        stages=[v.stages.get(s, s) for s in sorted(stages, key=lambda s: v.stage_order.get(s, 99))],
        target_groups=sorted((v.target_groups.get(t, t) for t in groups), key=str.casefold),
        region=(da.get("region_name") or da["region"]) if same_region else "",
        common_partners=sorted(common, key=str),
    )
    s.reasons = reasons(s)
    return s


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
        set(g) - {actor} - set(g.neighbors(actor))
        if scan_all
        else _candidates(g, actor, _local(g))
    )
    return [_explained(g, key) for key in _best(g, actor, pool, gone, {}, limit)]


def _best(
    g: nx.Graph,
    actor: Any,
    pool: Iterable[Any],
    gone: set[tuple[Any, Any]],
    known: dict[tuple[Any, Any], Suggestion],
    limit: int,
) -> list[tuple[Any, Any]]:
    """The ``limit`` best pairs of ``actor`` with the ``pool`` (scores from ``known`` where
    a pair was already explained), best first, ties by id."""
    scored = []
    for other in pool:
        key = pair_key(actor, other)
        if key in gone:
            continue
        if key in known:
            score = known[key].score
        else:
            found = _points(g, actor, other)
            if found is None:
                continue
            score = found[0]
        scored.append((-score, str(key[0]), str(key[1]), key))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]


def _explained(g: nx.Graph, key: tuple[Any, Any]) -> Suggestion:
    found = _score(g, *key)
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
    best: dict[tuple[Any, Any], Suggestion] = {}
    for a in actors if actors is not None else list(g):
        if a not in g:
            continue
        for key in _best(g, a, _candidates(g, a, local), gone, best, per_actor):
            if key not in best:
                best[key] = _explained(g, key)
    ranked = sorted(best.values(), key=lambda s: (-s.score, str(s.a), str(s.b)))
    return ranked[:limit]
