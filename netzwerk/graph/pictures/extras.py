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
