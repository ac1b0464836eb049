"""The data of network pictures: nodes, edges, colours, legend, aggregates (no Flask).

A picture is a JSON-ready dict (a "payload") that ``netzwerk/web/static/js/network.js``
turns into a vis-network with fixed positions::

    {"view": "cooperation", "mode": "full" | "aggregate",
     "nodes": [{"id", "label", "name", "x", "y", "g", "s", "url", "tip": [lines], "cls"}],
     "edges": [{"id", "from", "to", "k", "w", "tip": [lines], "cls", "dashes"?}],
     "styles": {"nodes": {g: {color, border, shape, font?}}, "edges": {k: {dashes, color}}},
     "legend": [{"title", "items": [{"label", "color"?, "shape"?, "dashes"?, "width"?}]}],
     "counts": {...}, "notice": str, "title": str}

Nodes and edges refer to shared styles by key (``g``, ``k``) instead of repeating colours,
which keeps the JSON of 5,000 actors and 25,000 links at a few MB. Tooltips are lists of
plain-text lines: the browser builds them with ``textContent``, so names are never parsed
as HTML. Extra edges (e.g. suggested partners of the gap analysis) can be added with
:func:`add_edges`; an edge's own ``dashes``/``color`` override its style.

All visible words go through the ``tr`` argument (the web layer passes Flask-Babel's
``gettext``), so the graph layer stays free of Flask.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph import layout as layouts
from netzwerk.graph.model import ACTOR_KINDS, COOPERATION_KINDS, INTENSITIES
from netzwerk.graph.network import NetworkFilter, Snapshot, Vocabulary, affiliation_graph, select

Tr = Callable[[str], str]
Link = Callable[[str, str], str]  # (label, id) -> URL of the detail page

AGGREGATE_ABOVE = 2000
COLOUR_BY = ("kind", "area", "region", "community", "alliance")
SIZE_BY = ("degree", "betweenness", "none")
GROUP_BY = ("region", "kind", "community")

# Okabe–Ito (colour-blind safe); fourteen kinds share seven hues, told apart by shape too.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
GREY = "#8C8C8C"
KIND_STYLE: dict[str, tuple[str, str]] = {
    "Schule": ("#0072B2", "dot"),
    "Kita": ("#F0E442", "dot"),
    "Hochschule": ("#CC79A7", "dot"),
    "VHS/Weiterbildung": ("#009E73", "dot"),
    "Bibliothek": ("#56B4E9", "dot"),
    "Verein/Initiative": ("#E69F00", "dot"),
    "Kammer/Verband": ("#D55E00", "dot"),
    "Unternehmen": ("#D55E00", "diamond"),
    "Verwaltung": ("#0072B2", "square"),
    "Jobcenter/Agentur für Arbeit": ("#009E73", "square"),
    "Stiftung": ("#CC79A7", "diamond"),
    "Migrantenorganisation": ("#E69F00", "diamond"),
    "Beratungsstelle": ("#56B4E9", "diamond"),
    "Sonstige": (GREY, "dot"),
}
# Categorical colours for regions, communities, alliances: Okabe–Ito, then Paul Tol "muted".
CATEGORICAL = (
    *OKABE_ITO,
    "#332288",
    "#117733",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#DDCC77",
)
DASHES: dict[str, Any] = {
    "Kooperationsvereinbarung": False,
    "Projektpartnerschaft": [12, 5],
    "Informationsaustausch": [2, 5],
    "Gemeinsames Angebot": [12, 4, 2, 4],
    "Verweisberatung": [6, 6],
    "Gremienarbeit": [16, 4, 2, 4, 2, 4],
}
WIDTH = {1: 1.0, 2: 2.5, 3: 4.5}
EDGE_COLOUR = "#7b8794"
SUGGESTED_COLOUR = "#C0562B"
ALLIANCE_COLOUR = "#0B6E7F"
PROJECT_COLOUR = "#F3C9A5"


def _identity(text: str) -> str:
    return text


def darker(hex_colour: str, factor: float = 0.65) -> str:
    """A darker shade for borders (keeps light colours like yellow visible on white)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))


def node_style(colour: str, shape: str = "dot", **extra: Any) -> dict[str, Any]:
    return {"color": colour, "border": darker(colour), "shape": shape, **extra}


def short_label(name: str, short_name: str = "", limit: int = 28) -> str:
    """What is written next to a node: the short name, or the name cut to ``limit``."""
    text = (short_name or name or "").strip()
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(ids: Iterable[str], names: dict[str, str], limit: int = 6) -> str:
    listed = sorted(names.get(i, i) for i in ids)
    more = len(listed) - limit
    return ", ".join(listed[:limit]) + (f" (+{more})" if more > 0 else "")


# --- metrics (cached like layouts: per graph fingerprint and filter) ---------------------

_metrics_lock = threading.Lock()
_metrics: OrderedDict[tuple[Any, ...], dict[Hashable, float]] = OrderedDict()
LAYOUTS = layouts.LayoutCache()


def metric(
    g: nx.Graph, name: str, cache_key: tuple[Any, ...] | None = None
) -> dict[Hashable, float]:
    """Node sizes: ``degree`` or ``betweenness`` (sampled with 200 sources above 1,000 nodes,
    which keeps 5,000 actors under a few seconds and ranks brokers the same way)."""
    key = (*cache_key, name) if cache_key is not None else None
    if key is not None:
        with _metrics_lock:
            hit = _metrics.get(key)
            if hit is not None and len(hit) == len(g) and all(v in hit for v in g):
                return hit
    if name == "degree":
        values: dict[Hashable, float] = {v: float(d) for v, d in g.degree()}
    elif name == "betweenness":
        n = g.number_of_nodes()
        sample = min(n, 200) if n > 1000 else None
        values = nx.betweenness_centrality(g, k=sample, seed=7, normalized=True)
    else:
        values = dict.fromkeys(g, 0.0)
    if key is not None:
        with _metrics_lock:
            _metrics[key] = values
            while len(_metrics) > 64:
                _metrics.popitem(last=False)
    return values


def sizes(
    values: dict[Hashable, float], low: float = 10.0, high: float = 34.0
) -> dict[Hashable, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, low + 4)
    return {v: round(low + (high - low) * math.sqrt(x / top), 1) for v, x in values.items()}


# --- colours -------------------------------------------------------------------------------


def _colouring(
    g: nx.Graph, by: str, vocab: Vocabulary, community: dict[Hashable, int], tr: Tr
) -> tuple[dict[Hashable, str], dict[str, dict[str, Any]], dict[str, Any]]:
    """Style key per node, the styles, and the legend block for colouring ``by``."""
    styles: dict[str, dict[str, Any]] = {}
    keys: dict[Hashable, str] = {}
    items: list[dict[str, Any]] = []
    if by == "kind":
        present = Counter(d["kind"] for _, d in g.nodes(data=True))
        for kind in (*ACTOR_KINDS, *sorted(set(present) - set(ACTOR_KINDS))):
            if kind not in present:
                continue
            colour, shape = KIND_STYLE.get(kind, (GREY, "dot"))
            styles[f"kind:{kind}"] = node_style(colour, shape)
            items.append({"label": f"{kind} ({present[kind]})", "color": colour, "shape": shape})
        keys = {v: f"kind:{d['kind']}" for v, d in g.nodes(data=True)}
        return keys, styles, {"title": tr("Farbe: Art des Akteurs"), "items": items}

    def attr(v: Hashable) -> str:
        d = g.nodes[v]
        if by == "area":
            return d["area"]
        if by == "region":
            return d["region"]
        if by == "community":
            c = community.get(v, -1)
            return "" if c < 0 else str(c)
        found = sorted(d["alliances"])
        return "" if not found else found[0] if len(found) == 1 else "*"

    values = {v: attr(v) for v in g}
    counts = Counter(values.values())
    named = [k for k, _ in counts.most_common() if k not in ("", "*")][: len(CATEGORICAL)]
    colour_of = {k: CATEGORICAL[i] for i, k in enumerate(named)}
    titles = {
        "area": tr("Farbe: Stadt / Landkreis"),
        "region": tr("Farbe: Stadtteil / Verbandsgemeinde"),
        "community": tr("Farbe: Gemeinschaft (dicht verbundene Gruppe)"),
        "alliance": tr("Farbe: Bündnis"),
    }

    def name(k: str) -> str:
        if by == "community":
            return tr("Gemeinschaft") + f" {int(k) + 1}"
        if by == "alliance":
            return vocab.alliances.get(k, k)
        return vocab.regions.get(k, k)

    for k in named:
        styles[f"{by}:{k}"] = node_style(colour_of[k])
        items.append({"label": f"{name(k)} ({counts[k]})", "color": colour_of[k], "shape": "dot"})
    others = sum(n for k, n in counts.items() if k not in colour_of and k not in ("", "*"))
    if others:
        styles[f"{by}:other"] = node_style("#BBBBBB")
        items.append({"label": f"{tr('weitere')} ({others})", "color": "#BBBBBB", "shape": "dot"})
    if counts.get("*"):
        styles[f"{by}:*"] = node_style("#333333")
        items.append(
            {
                "label": f"{tr('mehrere Bündnisse')} ({counts['*']})",
                "color": "#333333",
                "shape": "dot",
            }
        )
    if counts.get(""):
        label = {
            "community": tr("ohne Kooperation"),
            "alliance": tr("in keinem Bündnis"),
        }.get(by, tr("ohne Region"))
        styles[f"{by}:"] = node_style("#E0E0E0")
        items.append({"label": f"{label} ({counts['']})", "color": "#E0E0E0", "shape": "dot"})
    for v, k in values.items():
        keys[v] = f"{by}:{k}" if k in colour_of or k in ("", "*") else f"{by}:other"
    return keys, styles, {"title": titles[by], "items": items}


def _edge_styles(
    kinds: Iterable[str], tr: Tr
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    present = set(kinds)
    styles, items = {}, []
    for kind in (*COOPERATION_KINDS, *sorted(present - set(COOPERATION_KINDS))):
        if kind not in present:
            continue
        styles[kind] = {"dashes": DASHES.get(kind, [4, 4]), "color": EDGE_COLOUR}
        items.append({"label": kind or tr("ohne Art"), "dashes": DASHES.get(kind, [4, 4])})
    return styles, items


def _intensity_legend(tr: Tr) -> list[dict[str, Any]]:
    return [
        {"label": f"{tr(INTENSITIES[i])}", "width": WIDTH[i], "dashes": False} for i in (1, 2, 3)
    ]


# --- tooltips -------------------------------------------------------------------------------


def actor_tip(d: dict[str, Any], vocab: Vocabulary, tr: Tr, degree: int | None = None) -> list[str]:
    region = d.get("region_name") or ""
    area = vocab.regions.get(d.get("area") or "", "")
    where = f"{region} ({area})" if region and area and region != area else region or area
    lines = [d["name"], f"{tr('Art')}: {d['kind']}"]
    if where:
        lines.append(f"{tr('Region')}: {where}")
    if d.get("topics"):
        lines.append(f"{tr('Themen')}: {_names(d['topics'], vocab.topics)}")
    if d.get("alliances"):
        lines.append(f"{tr('Bündnisse')}: {_names(d['alliances'], vocab.alliances, 3)}")
    if degree is not None:
        lines.append(f"{tr('Kooperationen')}: {degree}")
    return lines


def edge_tip(g: nx.Graph, a: Hashable, b: Hashable, d: dict[str, Any], tr: Tr) -> list[str]:
    lines = [f"{g.nodes[a]['name']} – {g.nodes[b]['name']}", f"{tr('Art')}: {d['kind'] or '–'}"]
    lines.append(f"{tr('Intensität')}: {tr(INTENSITIES.get(d['intensity'], '–'))}")
    since, until = d.get("since"), d.get("until")
    if since or until:
        span = f"{since.strftime('%d.%m.%Y') if since else '…'} – "
        span += until.strftime("%d.%m.%Y") if until else tr("heute")
        lines.append(f"{tr('Zeitraum')}: {span}")
    return lines


# --- pictures -------------------------------------------------------------------------------


def _bounds(nodes: list[dict[str, Any]]) -> dict[str, float]:
    if not nodes:
        return {"minX": 0, "maxX": 0, "minY": 0, "maxY": 0}
    xs = [n["x"] for n in nodes]
    ys = [n["y"] for n in nodes]
    return {"minX": min(xs), "maxX": max(xs), "minY": min(ys), "maxY": max(ys)}


def _payload(view: str, mode: str, title: str, **rest: Any) -> dict[str, Any]:
    out = {"view": view, "mode": mode, "title": title, "notice": "", "nodes": [], "edges": []}
    out.update(rest)
    out["bounds"] = _bounds(out["nodes"])
    return out


def cooperation_picture(
    snap: Snapshot,
    flt: NetworkFilter,
    *,
    colour_by: str = "kind",
    size_by: str = "degree",
    group_by: str = "",
    community: int | None = None,
    show_all: bool = False,
    aggregate_above: int = AGGREGATE_ABOVE,
    link: Link,
    drill: Callable[[dict[str, str]], str],
    tr: Tr = _identity,
) -> dict[str, Any]:
    """The cooperation network picture for a filter (or its aggregate, if too large).

    ``community`` narrows to one community of the filtered network (the drill-down target of
    an aggregate by community); ``drill(params)`` gives the URL of the same page with extra
    query parameters.
    """
    g = select(snap, flt)
    fp = snap.fingerprint
    layout = LAYOUTS.get(fp, ("cooperation", flt.key()), g)
    if community is not None:
        keep = [v for v, c in layout.community.items() if c == community]
        g = g.subgraph(keep).copy()
        layout = LAYOUTS.get(fp, ("cooperation", flt.key(), community), g)
    total = g.number_of_nodes()
    if total > aggregate_above and not show_all:
        return aggregate_picture(
            g, snap.vocabulary, layout.community, group_by or _default_group(g, flt), drill, tr
        )
    return _actor_picture(
        g, snap.vocabulary, layout, colour_by, size_by, link, tr, (fp, flt.key(), community)
    )


def _default_group(g: nx.Graph, flt: NetworkFilter) -> str:
    regions = {d["region"] for _, d in g.nodes(data=True)}
    return "region" if len(regions) > 3 and not flt.region else "community"


def _actor_picture(
    g: nx.Graph,
    vocab: Vocabulary,
    layout: layouts.Layout,
    colour_by: str,
    size_by: str,
    link: Link,
    tr: Tr,
    cache_key: tuple[Any, ...] | None,
    view: str = "cooperation",
    title: str = "",
) -> dict[str, Any]:
    keys, node_styles, colour_legend = _colouring(g, colour_by, vocab, layout.community, tr)
    size = sizes(metric(g, size_by, cache_key))
    nodes = []
    for v, d in g.nodes(data=True):
        x, y = layout.positions.get(v, (0.0, 0.0))
        nodes.append(
            {
                "id": v,
                "label": short_label(d["name"], d.get("short_name", "")),
                "name": d["name"],
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
            }
        )
    edge_styles, dash_items = _edge_styles((d["kind"] for _, _, d in g.edges(data=True)), tr)
    size_title = {
        "degree": tr("Größe: Anzahl der Kooperationen"),
        "betweenness": tr("Größe: Vermittlerrolle (Betweenness)"),
        "none": tr("Größe: einheitlich"),
    }[size_by]
    legend = [colour_legend]
    if dash_items:
        legend.append({"title": tr("Linie: Art der Kooperation"), "items": dash_items})
        legend.append({"title": tr("Linienstärke: Intensität"), "items": _intensity_legend(tr)})
    legend.append({"title": size_title, "items": []})
    return _payload(
        view,
        "full",
        title or tr("Kooperationsnetz"),
        nodes=nodes,
        edges=edges,
        styles={"nodes": node_styles, "edges": edge_styles},
        legend=legend,
        counts={"nodes": len(nodes), "edges": len(edges), "actors": len(nodes)},
        layout_seconds=round(layout.seconds, 3),
    )


def aggregate_picture(
    g: nx.Graph,
    vocab: Vocabulary,
    community: dict[Hashable, int],
    by: str,
    drill: Callable[[dict[str, str]], str],
    tr: Tr = _identity,
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
            return {"region": k} if k else {"gruppierung": "community"}
        if by == "kind":
            return {"art": k}
        return {"gemeinschaft": k}

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
    return _payload(
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


def ego_picture(
    snap: Snapshot,
    actor_id: str,
    *,
    depth: int = 1,
    as_of: date | None = None,
    limit: int = AGGREGATE_ABOVE,
    link: Link,
    tr: Tr = _identity,
) -> dict[str, Any]:
    """One actor and its partners (depth 1) and their partners (depth 2), radially."""
    g = select(snap, NetworkFilter(as_of=as_of))
    if actor_id not in g:
        raise KeyError(actor_id)
    depth = 2 if depth == 2 else 1
    ego = nx.ego_graph(g, actor_id, radius=depth)
    notice = ""
    if depth == 2 and ego.number_of_nodes() > limit:
        ego, depth = nx.ego_graph(g, actor_id, radius=1), 1
        notice = tr("Mit Partnern der Partner wären es zu viele Akteure; gezeigt wird Tiefe 1.")
    lay = layouts.radial_layout(ego, actor_id, depth)
    name = g.nodes[actor_id]["name"]
    out = _actor_picture(ego, snap.vocabulary, lay, "kind", "degree", link, tr, None, "ego", name)
    for node in out["nodes"]:
        if node["id"] == actor_id:
            node["cls"] = "centre"
            node["s"] = 36
    out["centre"] = actor_id
    out["depth"] = depth
    out["notice"] = notice
    out["counts"]["partners"] = g.degree(actor_id)
    return out


def alliance_picture(
    snap: Snapshot,
    flt: NetworkFilter,
    *,
    projects: bool = True,
    overlaps_only: bool = False,
    link: Link,
    tr: Tr = _identity,
) -> dict[str, Any]:
    """Actors and the alliances (and projects) they belong to; actors in several of them are
    drawn larger, and :func:`alliance_overlaps` lists the shared members."""
    b = affiliation_graph(snap, flt)
    if not projects:
        b.remove_nodes_from([v for v, d in b.nodes(data=True) if d.get("label") == "Project"])
    groups = [v for v, d in b.nodes(data=True) if d.get("bipartite") == 1]
    actors = [v for v, d in b.nodes(data=True) if d.get("bipartite") == 0]
    lonely = [v for v in actors if b.degree(v) == 0]
    b.remove_nodes_from(lonely)
    if overlaps_only:
        b.remove_nodes_from([v for v in actors if v in b and b.degree(v) < 2])
        b.remove_nodes_from([v for v in groups if b.degree(v) == 0])
    key = ("alliances", flt.key(), projects, overlaps_only)
    lay = LAYOUTS.get(snap.fingerprint, key, b, layouts.bipartite_layout)
    vocab = snap.vocabulary
    nodes, edges = [], []
    styles = {
        "Alliance": node_style(ALLIANCE_COLOUR, "box", font={"color": "#ffffff"}),
        "Project": node_style(PROJECT_COLOUR, "box", font={"color": "#1d2733"}),
    }
    present: Counter[str] = Counter()
    for v, d in b.nodes(data=True):
        x, y = lay.positions.get(v, (0.0, 0.0))
        base = {"id": v, "x": round(x, 1), "y": round(y, 1), "name": d["name"]}
        if d.get("bipartite") == 1:
            label = d["label"]
            members = b.degree(v)
            what = tr("Bündnis") if label == "Alliance" else tr("Projekt")
            nodes.append(
                base
                | {
                    "label": short_label(d["name"], limit=34),
                    "g": label,
                    "s": 20,
                    "url": link(label, v),
                    "tip": [d["name"], what, f"{tr('Mitglieder im Bild')}: {members}"],
                    "cls": label.lower(),
                }
            )
            continue
        kind = d["kind"]
        present[kind] += 1
        colour, shape = KIND_STYLE.get(kind, (GREY, "dot"))
        styles.setdefault(f"kind:{kind}", node_style(colour, shape))
        count = b.degree(v)
        tip = actor_tip(d, vocab, tr)
        tip.append(f"{tr('Bündnisse und Projekte im Bild')}: {count}")
        nodes.append(
            base
            | {
                "label": short_label(d["name"], d.get("short_name", "")),
                "g": f"kind:{kind}",
                "s": round(8 + 7 * math.sqrt(count - 1), 1) if count else 8,
                "url": link("Actor", v),
                "tip": tip,
                "cls": "actor",
            }
        )
    for a, c, d in b.edges(data=True):
        actor, grp = (a, c) if b.nodes[a].get("bipartite") == 0 else (c, a)
        label = b.nodes[grp]["label"]
        role = d.get("role") or ""
        edges.append(
            {
                "id": f"{actor}|{grp}",
                "from": actor,
                "to": grp,
                "k": label,
                "w": 2.0 if role in ("Koordination", "Träger") else 1.0,
                "tip": [f"{b.nodes[actor]['name']} – {b.nodes[grp]['name']}"]
                + ([f"{tr('Rolle')}: {role}"] if role else []),
                "cls": "membership",
            }
        )
    kind_items = [
        {"label": f"{k} ({present[k]})", "color": KIND_STYLE[k][0], "shape": KIND_STYLE[k][1]}
        for k in ACTOR_KINDS
        if present[k]
    ]
    legend = [
        {
            "title": tr("Bündnisse und Projekte"),
            "items": [{"label": tr("Bündnis"), "color": ALLIANCE_COLOUR, "shape": "box"}]
            + (
                [{"label": tr("Projekt"), "color": PROJECT_COLOUR, "shape": "box"}]
                if projects
                else []
            ),
        },
        {"title": tr("Farbe: Art des Akteurs"), "items": kind_items},
        {
            "title": tr("Linie"),
            "items": [
                {"label": tr("Mitgliedschaft im Bündnis"), "dashes": False},
                {"label": tr("Beteiligung am Projekt"), "dashes": [6, 5]},
                {"label": tr("Koordination / Träger"), "dashes": False, "width": 2.0},
            ],
        },
        {"title": tr("Größe: Anzahl der Bündnisse und Projekte eines Akteurs"), "items": []},
    ]
    notice = ""
    if lonely:
        notice = tr(
            "%(n)s Akteure gehören bei dieser Auswahl zu keinem Bündnis und keinem Projekt "
            "und sind nicht im Bild."
        ) % {"n": len(lonely)}
    return _payload(
        "alliances",
        "full",
        tr("Bündnisse und Projekte"),
        nodes=nodes,
        edges=edges,
        styles={
            "nodes": styles,
            "edges": {
                "Alliance": {"dashes": False, "color": ALLIANCE_COLOUR},
                "Project": {"dashes": [6, 5], "color": "#B7692F"},
            },
        },
        legend=legend,
        notice=notice,
        counts={
            "nodes": len(nodes),
            "edges": len(edges),
            "actors": sum(1 for n in nodes if n["cls"] == "actor"),
            "without": len(lonely),
        },
        layout_seconds=round(lay.seconds, 3),
    )


def alliance_overlaps(
    snap: Snapshot, flt: NetworkFilter, projects: bool = False
) -> list[dict[str, Any]]:
    """Pairs of alliances (and projects) with shared members, most shared first."""
    b = affiliation_graph(snap, flt)
    groups = sorted(
        (v for v, d in b.nodes(data=True) if d.get("bipartite") == 1)
        if projects
        else (v for v, d in b.nodes(data=True) if d.get("label") == "Alliance"),
        key=lambda v: b.nodes[v]["name"],
    )
    members = {v: set(b[v]) for v in groups}
    rows = []
    for i, a in enumerate(groups):
        for c in groups[i + 1 :]:
            shared = members[a] & members[c]
            if shared:
                rows.append(
                    {
                        "a": a,
                        "a_name": b.nodes[a]["name"],
                        "b": c,
                        "b_name": b.nodes[c]["name"],
                        "shared": len(shared),
                        "names": sorted(b.nodes[v]["name"] for v in shared),
                        "a_size": len(members[a]),
                        "b_size": len(members[c]),
                    }
                )
    return sorted(rows, key=lambda r: (-r["shared"], r["a_name"], r["b_name"]))


def add_edges(
    payload: dict[str, Any],
    pairs: Iterable[tuple[str, str, list[str]]],
    *,
    cls: str = "suggested",
    label: str = "vorgeschlagene Kooperation",
    colour: str = SUGGESTED_COLOUR,
) -> int:
    """Add extra edges (``from``, ``to``, tooltip lines) drawn dashed in ``colour``, e.g. the
    suggested partners of the gap analysis; pairs whose ends are not in the picture are
    skipped. Returns how many were added."""
    present = {n["id"] for n in payload["nodes"]}
    style = payload.setdefault("styles", {}).setdefault("edges", {})
    style[cls] = {"dashes": [8, 6], "color": colour}
    added = 0
    for a, b, tip in pairs:
        if a in present and b in present:
            payload["edges"].append(
                {
                    "id": f"{cls}:{a}|{b}",
                    "from": a,
                    "to": b,
                    "k": cls,
                    "w": 2.0,
                    "tip": list(tip),
                    "cls": cls,
                    "dashes": [8, 6],
                    "color": colour,
                }
            )
            added += 1
    if added:
        payload.setdefault("legend", []).append(
            {"title": label, "items": [{"label": label, "dashes": [8, 6], "color": colour}]}
        )
    return added


def filter_options(snap: Snapshot) -> dict[str, list[tuple[str, str]]]:
    """Choices for the filter form: (id, name), regions indented by depth in their tree."""
    vocab = snap.vocabulary

    def by_name(d: dict[str, str]) -> list[tuple[str, str]]:
        return sorted(d.items(), key=lambda kv: kv[1].casefold())

    children: dict[str, list[str]] = {}
    for rid in vocab.regions:
        children.setdefault(vocab.region_parent.get(rid, ""), []).append(rid)
    regions: list[tuple[str, str]] = []

    def walk(parent: str, depth: int) -> None:
        for rid in sorted(children.get(parent, []), key=lambda r: vocab.regions[r].casefold()):
            regions.append((rid, "\u2003" * depth + vocab.regions[rid]))
            walk(rid, depth + 1)

    walk("", 0)
    return {
        "alliances": by_name(vocab.alliances),
        "projects": by_name(vocab.projects),
        "topics": by_name(vocab.topics),
        "stages": [(s, vocab.stages[s]) for s in vocab.stages_in_order()],
        "target_groups": by_name(vocab.target_groups),
        "regions": regions,
        "actor_kinds": [(k, k) for k in ACTOR_KINDS],
        "cooperation_kinds": [(k, k) for k in COOPERATION_KINDS],
    }
