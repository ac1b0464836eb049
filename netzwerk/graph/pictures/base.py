"""The frame every picture shares: the payload dict and the picture of individual actors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import networkx as nx

from netzwerk.graph.analysis.metrics import METRICS
from netzwerk.graph.network.snapshot import Vocabulary
from netzwerk.graph.pictures import layout as layouts
from netzwerk.graph.pictures.sizing import metric, sizes
from netzwerk.graph.pictures.styles import (
    EDGE_MEASURES,
    WIDTH,
    Tr,
    colouring,
    edge_styles,
    intensity_legend,
    rating_colour,
    rating_legend,
)
from netzwerk.graph.pictures.tips import actor_tip, edge_tip, short_label

RecordUrl = Callable[[str, str], str]  # (label, id) -> URL of the detail page
LAYOUTS = layouts.LayoutCache()


def bounds(nodes: list[dict[str, Any]]) -> dict[str, float]:
    if not nodes:
        return {"minX": 0, "maxX": 0, "minY": 0, "maxY": 0}
    xs = [n["x"] for n in nodes]
    ys = [n["y"] for n in nodes]
    return {"minX": min(xs), "maxX": max(xs), "minY": min(ys), "maxY": max(ys)}


def payload(view: str, mode: str, title: str, **rest: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "view": view,
        "mode": mode,
        "title": title,
        "notice": "",
        "nodes": [],
        "edges": [],
    }
    out.update(rest)
    out["bounds"] = bounds(out["nodes"])
    return out


def actor_picture(
    g: nx.Graph,
    vocab: Vocabulary,
    layout: layouts.Layout,
    colour_by: str,
    size_by: str,
    link: RecordUrl,
    tr: Tr,
    cache_key: tuple[Any, ...] | None,
    view: str = "cooperation",
    title: str = "",
) -> dict[str, Any]:
    """The picture of individual actors; ``colour_by`` a node colouring, or one of
    :data:`EDGE_MEASURES` (lines coloured by the tie's value or trust, actors by kind)."""
    measure = colour_by if colour_by in EDGE_MEASURES else ""
    node_by = "kind" if measure else colour_by
    keys, node_styles, colour_legend = colouring(g, node_by, vocab, layout.community, tr)
    size = sizes(metric(g, size_by, cache_key))
    nodes = []
    for v, d in g.nodes(data=True):
        x, y = layout.positions.get(v, (0.0, 0.0))
        nodes.append(
            {
                "id": v,
                "label": short_label(d["name"], d.get("short_name", "")),
                "name": d["name"],
                "kind": d["kind"],
                "x": round(x, 1),
                "y": round(y, 1),
                "g": keys[v],
                "s": size[v],
                "url": link("Actor", v),
                "tip": actor_tip(d, vocab, tr, g.degree(v)),
                "cls": "actor",
            }
        )
    edges = []
    for a, b, d in g.edges(data=True):
        edges.append(
            {
                "id": d.get("id") or f"{a}|{b}",
                "from": a,
                "to": b,
                "k": d["kind"],
                "w": WIDTH.get(d["intensity"], 1.0),
                "tip": edge_tip(g, a, b, d, tr),
                "cls": "cooperation",
                **({"color": rating_colour(d.get(measure))} if measure else {}),
            }
        )
    line_styles, dash_items = edge_styles((d["kind"] for _, _, d in g.edges(data=True)), tr)
    size_title = (
        tr("Größe: einheitlich")
        if size_by not in METRICS
        else tr("Größe:") + " " + tr(METRICS[size_by].title)
    )
    legend = [colour_legend]
    if measure:
        ratings = Counter(d.get(measure) for _, _, d in g.edges(data=True))
        legend.append(rating_legend(measure, ratings, tr))
    if dash_items:
        legend.append({"title": tr("Linie: Art der Kooperation"), "items": dash_items})
        legend.append({"title": tr("Linienstärke: Intensität"), "items": intensity_legend(tr)})
    legend.append({"title": size_title, "items": []})
    return payload(
        view,
        "full",
        title or tr("Kooperationsnetz"),
        nodes=nodes,
        edges=edges,
        styles={"nodes": node_styles, "edges": line_styles},
        legend=legend,
        counts={"nodes": len(nodes), "edges": len(edges), "actors": len(nodes)},
        layout_seconds=round(layout.seconds, 3),
    )
