"""Too many actors for a readable picture: one node per region, kind or community."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph.network.snapshot import Vocabulary
from netzwerk.graph.pictures import layout as layouts
from netzwerk.graph.pictures.base import payload
from netzwerk.graph.pictures.styles import (
    CATEGORICAL,
    EDGE_COLOUR,
    GREY,
    KIND_STYLE,
    Tr,
    identity,
    node_style,
)
from netzwerk.graph.pictures.tips import short_label

GROUP_BY = ("region", "kind", "community")


def aggregate_picture(  # noqa: C901 (complexity 15: lower, never raise)
    g: nx.Graph,
    vocab: Vocabulary,
    community: dict[Hashable, int],
    by: str,
    drill: Callable[[dict[str, str]], str],
    tr: Tr = identity,
) -> dict[str, Any]:
    """One node per region, kind or community (sized by members), links counted between
    them; clicking a group opens the picture filtered to it."""
    by = by if by in GROUP_BY else "community"

    def group(v: Hashable) -> str:
        d = g.nodes[v]
        if by == "region":
            return d["region"]
        if by == "kind":
            return d["kind"]
        return str(community.get(v, -1))

    members: dict[str, list[Hashable]] = {}
    for v in g:
        members.setdefault(group(v), []).append(v)
    order = sorted(members, key=lambda k: (-len(members[k]), k))
    index = {k: i for i, k in enumerate(order)}
    between: Counter[tuple[int, int]] = Counter()
    inside: Counter[int] = Counter()
    for a, b in g.edges():
        ga, gb = index[group(a)], index[group(b)]
        if ga == gb:
            inside[ga] += 1
        else:
            between[(min(ga, gb), max(ga, gb))] += 1
    pairs = np.array(list(between), dtype=int).reshape(-1, 2)
    weights = np.log1p(np.array(list(between.values()), dtype=float))
    pos = layouts.force_layout(
        len(order), pairs, weights / (weights.max() if len(weights) else 1), iterations=150
    )
    radii = np.array([1.2 + 0.12 * math.sqrt(len(members[k])) for k in order])
    pos = pos * 2.5
    layouts._separate(pos, radii, gap=1.2)

    def label(k: str) -> str:
        if by == "region":
            return vocab.regions.get(k, "") or tr("ohne Region")
        if by == "kind":
            return k
        return tr("ohne Kooperation") if k == "-1" else f"{tr('Gemeinschaft')} {int(k) + 1}"

    def params(k: str) -> dict[str, str]:
        if by == "region":
            return {"region": k} if k else {"group": "community"}
        if by == "kind":
            return {"kind": k}
        return {"community": k}

    top = max((len(m) for m in members.values()), default=1)
    nodes, styles, items = [], {}, []
    for i, k in enumerate(order):
        colour = (
            KIND_STYLE.get(k, (GREY, "dot"))[0]
            if by == "kind"
            else CATEGORICAL[i % len(CATEGORICAL)]
        )
        styles[f"agg:{i}"] = node_style(colour)
        n = len(members[k])
        kinds = Counter(g.nodes[v]["kind"] for v in members[k]).most_common(3)
        tip = [
            label(k),
            f"{tr('Akteure')}: {n}",
            f"{tr('Kooperationen innerhalb')}: {inside[i]}",
            f"{tr('Häufigste Arten')}: " + ", ".join(f"{kk} ({c})" for kk, c in kinds),
            tr("Klicken zum Öffnen"),
        ]
        nodes.append(
            {
                "id": f"agg:{i}",
                "label": f"{short_label(label(k), limit=32)}\n{n}",
                "name": label(k),
                "kind": tr("Gruppe"),
                "x": round(float(pos[i][0]) * layouts.UNIT, 1),
                "y": round(float(pos[i][1]) * layouts.UNIT, 1),
                "g": f"agg:{i}",
                "s": round(14 + 46 * math.sqrt(n / top), 1),
                "url": drill(params(k)),
                "tip": tip,
                "cls": "aggregate",
                "members": n,
            }
        )
        if i < 12:
            items.append({"label": f"{label(k)} ({n})", "color": colour, "shape": "dot"})
    edges = [
        {
            "id": f"agg:{a}|{b}",
            "from": f"agg:{a}",
            "to": f"agg:{b}",
            "k": "aggregate",
            "w": round(1 + 2.2 * math.log1p(c), 1),
            "tip": [f"{label(order[a])} – {label(order[b])}", f"{tr('Kooperationen')}: {c}"],
            "cls": "aggregate",
        }
        for (a, b), c in between.items()
    ]
    by_title = {
        "region": tr("nach Stadtteil / Verbandsgemeinde"),
        "kind": tr("nach Art des Akteurs"),
        "community": tr("nach Gemeinschaft"),
    }[by]
    legend = [
        {"title": tr("Gruppen") + f" ({by_title})", "items": items},
        {
            "title": tr("Größe: Anzahl der Akteure; Linienstärke: Kooperationen zwischen Gruppen"),
            "items": [],
        },
    ]
    notice = tr(
        "%(n)s Akteure sind zu viele für ein lesbares Bild. Das Bild fasst sie %(by)s "
        "zusammen; ein Klick auf eine Gruppe öffnet sie."
    ) % {"n": g.number_of_nodes(), "by": by_title}
    return payload(
        "cooperation",
        "aggregate",
        tr("Kooperationsnetz (zusammengefasst)"),
        nodes=nodes,
        edges=edges,
        styles={"nodes": styles, "edges": {"aggregate": {"dashes": False, "color": EDGE_COLOUR}}},
        legend=legend,
        notice=notice,
        group_by=by,
        counts={"nodes": len(nodes), "edges": len(edges), "actors": g.number_of_nodes()},
    )
