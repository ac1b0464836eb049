"""Actors and the alliances and projects they belong to, and the overlaps between them."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from netzwerk.graph.core.model import ACTOR_KINDS
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.network.snapshot import Snapshot, affiliation_graph
from netzwerk.graph.pictures import rings
from netzwerk.graph.pictures.base import LAYOUTS, RecordUrl, payload
from netzwerk.graph.pictures.styles import (
    ALLIANCE_COLOUR,
    GREY,
    KIND_STYLE,
    PROJECT_COLOUR,
    Tr,
    identity,
    node_style,
)
from netzwerk.graph.pictures.tips import actor_tip, short_label


def alliance_picture(
    snap: Snapshot,
    flt: Filter,
    *,
    projects: bool = True,
    overlaps_only: bool = False,
    link: RecordUrl,
    tr: Tr = identity,
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
    lay = LAYOUTS.get(snap.fingerprint, key, b, rings.bipartite_layout)
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
                    "kind": what,
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
                "kind": kind,
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
    return payload(
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


def alliance_overlaps(snap: Snapshot, flt: Filter, projects: bool = False) -> list[dict[str, Any]]:
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
