"""Colours, shapes and line styles of the pictures, and their legend blocks.

One palette for every picture, legend and export, so an actor kind has the same colour
everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import networkx as nx

from netzwerk.graph.analysis.metrics import metric_table
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS, INTENSITIES, SCALE
from netzwerk.graph.network.snapshot import Vocabulary

Tr = Callable[[str], str]

# Fourteen colours from Paul Tol's and Okabe & Ito's colour-blind safe schemes (and a fifteenth
# blue found by searching for the largest distance to them), chosen so
# that any two differ by ΔE ≥ 32 (CIELAB) for normal vision. No fourteen colours stay apart
# for every colour vision deficiency, so the shape carries a second cue: within one shape
# (education: dot, public bodies: square, civil society: diamond, economy and others:
# triangle) any two kinds still differ by ΔE ≥ 24 under simulated protanopia,
# deuteranopia and tritanopia (Machado et al. 2009). tests/unit/test_palette.py checks both.
GREY = "#8C8C8C"
KIND_STYLE: dict[str, tuple[str, str]] = {
    "Schule": ("#0077BB", "dot"),
    "Kita": ("#EEDD88", "dot"),
    "Hochschule": ("#CC3311", "dot"),
    "VHS/Weiterbildung": ("#FFAABB", "dot"),
    "Bibliothek": ("#AAAA00", "square"),
    "Verwaltung": ("#225555", "square"),
    "Jobcenter/Agentur für Arbeit": ("#44AA99", "square"),
    "Kammer/Verband": ("#666633", "square"),
    "Verein/Initiative": ("#EE8866", "diamond"),
    "Migrantenorganisation": ("#AA4499", "diamond"),
    "Stiftung": ("#EE3377", "diamond"),
    "Wohlfahrtsverband": ("#3355DD", "diamond"),
    "Unternehmen": ("#E69F00", "triangle"),
    "Beratungsstelle": ("#228833", "triangle"),
    "Sonstige": ("#99DDFF", "triangle"),
}
# Regions, communities, alliances: the same fourteen colours, most distinct first, so the
# first groups of a legend are the easiest to tell apart; further groups are grey.
CATEGORICAL = (
    "#44AA99",
    "#CC3311",
    "#AA4499",
    "#AAAA00",
    "#0077BB",
    "#FFAABB",
    "#666633",
    "#EE3377",
    "#228833",
    "#99DDFF",
    "#225555",
    "#EEDD88",
    "#EE8866",
    "#E69F00",
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
# Value and trust (1–4) as line colours: Paul Tol's colour-blind safe diverging "sunset"
# ends and middle (low red, high blue); unrated ties stay light grey.
SCALE_COLOUR = {1: "#DD3D2D", 2: "#FDB366", 3: "#6EA6CD", 4: "#364B9A"}
UNRATED_COLOUR = "#C8C8C8"
EDGE_MEASURES: dict[str, str] = {"value": N_("Wert"), "trust": N_("Vertrauen")}
"""The colourings that colour the lines by a tie's rating (the actors keep their kind)."""
EDGE_COLOUR = "#7b8794"
SUGGESTED_COLOUR = "#C0562B"
ALLIANCE_COLOUR = "#0B6E7F"
PROJECT_COLOUR = "#F3C9A5"


def identity(text: str) -> str:
    return text


def darker(hex_colour: str, factor: float = 0.65) -> str:
    """A darker shade for borders (keeps light colours like yellow visible on white)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))


def node_style(colour: str, shape: str = "dot", **extra: Any) -> dict[str, Any]:
    return {"color": colour, "border": darker(colour), "shape": shape, **extra}


# --- colours -------------------------------------------------------------------------------


def colouring(  # noqa: C901 (complexity 19: lower, never raise)
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
            label = f"{tr(kind)} ({present[kind]})"
            items.append({"label": label, "color": colour, "shape": shape})
        keys = {v: f"kind:{d['kind']}" for v, d in g.nodes(data=True)}
        return keys, styles, {"title": tr("Farbe: Art des Akteurs"), "items": items}

    table = metric_table(g, keys=[by]) if by in ("brokerage_role", "core") else {}

    def attr(v: Hashable) -> str:
        d = g.nodes[v]
        if by == "area":
            return d["area"]
        if by == "region":
            return d["region"]
        if by == "community":
            c = community.get(v, -1)
            return "" if c < 0 else str(c)
        if by in ("brokerage_role", "core"):
            return str(table.get(v, {}).get(by, "") or "")
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
        "brokerage_role": tr("Farbe: Vermittlungsrolle (Gould–Fernandez)"),
        "core": tr("Farbe: Kern (k-Kern)"),
    }

    def name(k: str) -> str:
        if by == "community":
            return tr("Gemeinschaft") + f" {int(k) + 1}"
        if by == "alliance":
            return vocab.alliances.get(k, k)
        if by == "brokerage_role":
            return tr(k)
        if by == "core":
            return tr("Kern") + f" {k}"
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
            "brokerage_role": tr("vermittelt nicht"),
            "core": tr("ohne Kooperation"),
        }.get(by, tr("ohne Region"))
        styles[f"{by}:"] = node_style("#E0E0E0")
        items.append({"label": f"{label} ({counts['']})", "color": "#E0E0E0", "shape": "dot"})
    for v, k in values.items():
        keys[v] = f"{by}:{k}" if k in colour_of or k in ("", "*") else f"{by}:other"
    return keys, styles, {"title": titles[by], "items": items}


def edge_styles(
    kinds: Iterable[str], tr: Tr
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    present = set(kinds)
    styles, items = {}, []
    for kind in (*COOPERATION_KINDS, *sorted(present - set(COOPERATION_KINDS))):
        if kind not in present:
            continue
        styles[kind] = {"dashes": DASHES.get(kind, [4, 4]), "color": EDGE_COLOUR}
        label = tr(kind) if kind else tr("ohne Art")
        items.append({"label": label, "dashes": DASHES.get(kind, [4, 4])})
    return styles, items


def intensity_legend(tr: Tr) -> list[dict[str, Any]]:
    return [
        {"label": f"{tr(INTENSITIES[i])}", "width": WIDTH[i], "dashes": False} for i in (1, 2, 3)
    ]


def rating_colour(rating: Any) -> str:
    """The line colour of a tie's value or trust (light grey when not rated)."""
    return SCALE_COLOUR.get(rating, UNRATED_COLOUR) if isinstance(rating, int) else UNRATED_COLOUR


def rating_legend(measure: str, counts: Counter[Any], tr: Tr) -> dict[str, Any]:
    """The legend block of lines coloured by ``measure`` ("value" or "trust")."""
    items = [
        {"label": f"{i} – {tr(SCALE[i])} ({counts[i]})", "color": SCALE_COLOUR[i], "dashes": False}
        for i in SCALE
        if counts[i]
    ]
    unrated = sum(n for k, n in counts.items() if k not in SCALE)
    if unrated:
        label = f"{tr('nicht bewertet')} ({unrated})"
        items.append({"label": label, "color": UNRATED_COLOUR, "dashes": False})
    return {"title": tr("Linienfarbe:") + " " + tr(EDGE_MEASURES[measure]), "items": items}
