"""One actor in the middle, its partners around it (and their partners outside)."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from netzwerk.graph.network.filters import Filter
from netzwerk.graph.network.snapshot import Snapshot, select
from netzwerk.graph.pictures import rings
from netzwerk.graph.pictures.base import RecordUrl, actor_picture
from netzwerk.graph.pictures.cooperation import AGGREGATE_ABOVE
from netzwerk.graph.pictures.styles import Tr, identity


def ego_picture(
    snap: Snapshot,
    actor_id: str,
    *,
    depth: int = 1,
    as_of: date | None = None,
    limit: int = AGGREGATE_ABOVE,
    link: RecordUrl,
    tr: Tr = identity,
) -> dict[str, Any]:
    """One actor and its partners (depth 1) and their partners (depth 2), radially."""
    g = select(snap, Filter(as_of=as_of))
    if actor_id not in g:
        raise KeyError(actor_id)
    depth = 2 if depth == 2 else 1
    ego = nx.ego_graph(g, actor_id, radius=depth)
    notice = ""
    if depth == 2 and ego.number_of_nodes() > limit:
        ego, depth = nx.ego_graph(g, actor_id, radius=1), 1
        notice = tr("Mit Partnern der Partner wären es zu viele Akteure; gezeigt wird Tiefe 1.")
    lay = rings.radial_layout(ego, actor_id, depth)
    name = g.nodes[actor_id]["name"]
    out = actor_picture(ego, snap.vocabulary, lay, "kind", "degree", link, tr, None, "ego", name)
    for node in out["nodes"]:
        if node["id"] == actor_id:
            node["cls"] = "centre"
            node["s"] = 36
    out["centre"] = actor_id
    out["depth"] = depth
    out["notice"] = notice
    out["counts"]["partners"] = g.degree(actor_id)
    return out
