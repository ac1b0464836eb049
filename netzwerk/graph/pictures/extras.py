"""Extra edges drawn over a picture, e.g. the suggested partners of the gap analysis."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netzwerk.graph.pictures.styles import SUGGESTED_COLOUR


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


def pin(payload: dict[str, Any], pins: dict[str, tuple[float, float]]) -> int:
    """Move pinned actors to their saved places (``home`` keeps the layout's place, so the
    browser can unpin them); returns how many of the pins are in this picture."""
    placed = 0
    for node in payload["nodes"]:
        spot = pins.get(node["id"])
        if spot is None:
            continue
        node["home"] = [node["x"], node["y"]]
        node["x"], node["y"] = float(spot[0]), float(spot[1])
        node["pinned"] = True
        placed += 1
    if placed:
        xs = [n["x"] for n in payload["nodes"]]
        ys = [n["y"] for n in payload["nodes"]]
        payload["bounds"] = {"minX": min(xs), "maxX": max(xs), "minY": min(ys), "maxY": max(ys)}
    return placed


def public(payload: dict[str, Any]) -> dict[str, Any]:
    """The picture for people without an account: no links into the application (its pages
    need a login and would only tell which ids exist), no drill-down."""
    for node in payload["nodes"]:
        node["url"] = ""
    payload.pop("show_all_url", None)
    return payload
