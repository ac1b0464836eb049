"""Loading what the analyses need from the store (the one impure module of the package).

The cooperation graph comes from :mod:`netzwerk.graph.network.snapshot` (cached snapshot + filter);
this adds the profiles of alliances and projects (topics, stages, regions), cached under the
same fingerprint, and the pairs already in the suggestion pipeline (angesprochen, vereinbart,
verworfen: not suggested again as new), and runs the cached report.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import networkx as nx

from netzwerk.graph.analysis._util import Profile
from netzwerk.graph.analysis.report import GapReport, cached_gap_report
from netzwerk.graph.analysis.turnover import Turnover
from netzwerk.graph.analysis.turnover import compare as turnover_of
from netzwerk.graph.core.store import Store
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import pipeline
from netzwerk.graph.records import history

_lock = threading.Lock()
_profiles: dict[int, tuple[tuple[Any, ...], dict[str, Profile]]] = {}


def profiles_from_rows(rows: list[dict[str, Any]]) -> dict[str, Profile]:
    return {
        r["id"]: Profile(
            id=r["id"],
            label=r["label"],
            name=r["name"],
            topics=frozenset(r["topics"]),
            stages=frozenset(r["stages"]),
            target_groups=frozenset(r["target_groups"]),
            active_in=frozenset(r["active_in"]),
        )
        for r in rows
    }


def profiles(store: Store, fingerprint: tuple[Any, ...]) -> dict[str, Profile]:
    """Alliance and project profiles, reloaded only when the fingerprint changes."""
    with _lock:
        hit = _profiles.get(id(store))
        if hit is not None and hit[0] == fingerprint:
            return hit[1]
    fresh = profiles_from_rows(store.read("analysis/profiles"))
    with _lock:
        _profiles[id(store)] = (fingerprint, fresh)
    return fresh


@dataclass
class Loaded:
    """A filtered graph with everything the report and the pages need."""

    graph: nx.Graph
    profiles: dict[str, Profile]
    in_pipeline: set[tuple[str, str]]
    """Pairs someone acted on (see :mod:`netzwerk.graph.operations.pipeline`)."""
    snapshot: snapshot.Snapshot
    flt: Filter

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.snapshot.fingerprint, self.flt.key(), tuple(sorted(self.in_pipeline)))


def load(store: Store, flt: Filter) -> Loaded:
    snap = snapshot.current(store)
    return Loaded(
        graph=snapshot.select(snap, flt),
        profiles=profiles(store, snap.fingerprint),
        in_pipeline=set(pipeline.pipeline_pairs(store)),
        snapshot=snap,
        flt=flt,
    )


def report(
    store: Store,
    flt: Filter,
    *,
    resolution: float | None = None,
    exact: bool = False,
) -> tuple[Loaded, GapReport]:
    """The filtered graph and its (cached) gap report (``resolution``: of the communities,
    None for the default suited to the network's size; ``exact``: exact betweenness at
    any size, see :mod:`.centrality`)."""
    data = load(store, flt)
    rep = cached_gap_report(
        data.key,
        data.graph,
        data.profiles,
        data.in_pipeline,
        resolution=resolution,
        exact=exact,
    )
    return data, rep


def turnover(
    store: Store, earlier: tuple[date, nx.Graph], later: tuple[date, nx.Graph], flt: Filter
) -> Turnover:
    """Who and what came and went between two days (graphs of ``flt`` on each): the
    network's dates joined with the history's entries from the day after the earlier day
    up to the end of the later one."""
    start = datetime.combine(earlier[0] + timedelta(days=1), time(), tzinfo=UTC)
    end = datetime.combine(later[0] + timedelta(days=1), time(), tzinfo=UTC)
    snap = snapshot.current(store)
    return turnover_of(
        earlier,
        later,
        history.turnover(store, start, end),
        {a["id"]: a["alliances"] for a in snap.actors},
        snap.vocabulary.alliances,
        whole=replace(flt, as_of=None) == Filter(),
    )
