"""What of a large picture goes on paper: the most connected actors.

On screen a reader zooms; on an A4 or A3 sheet 170 actors and 370 links are a hairball
whose names cannot be placed. Above :data:`PRINT_LIMIT` actors the printed picture keeps
the most connected ones (by their links in the picture, ties by name), the groups
(alliances, projects, the ego view's centre) and the links among what is kept, at the
positions of the web picture, and says so in a note on the sheet.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from netzwerk.graph.pictures.base import bounds
from netzwerk.graph.pictures.styles import Tr, identity

PRINT_LIMIT = 80
"""Actors a printed picture shows with legible, collision-free names (A4 landscape)."""


def for_print(
    payload: dict[str, Any], tr: Tr = identity, limit: int = PRINT_LIMIT
) -> dict[str, Any]:
    """``payload`` with at most ``limit`` actors; ``print_note`` says what is shown ("" when
    the picture is shown whole). The payload given is not changed."""
    actors = [n for n in payload.get("nodes") or [] if n.get("cls") == "actor"]
    if len(actors) <= limit:
        return {**payload, "print_note": ""}
    degree: Counter[str] = Counter()
    for e in payload.get("edges") or []:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    ranked = sorted(actors, key=lambda n: (-degree[n["id"]], n["name"].casefold()))
    keep = {n["id"] for n in ranked[:limit]}
    nodes = [n for n in payload["nodes"] if n.get("cls") != "actor" or n["id"] in keep]
    ids = {n["id"] for n in nodes}
    edges = [e for e in payload.get("edges") or [] if e["from"] in ids and e["to"] in ids]
    note = tr(
        "Für den Druck: die %(n)s am stärksten vernetzten von %(total)s Akteuren (nach Zahl "
        "der Verbindungen im Bild); alle zeigt das Netzwerkbild in netzwerk."
    ) % {"n": limit, "total": len(actors)}
    return {**payload, "nodes": nodes, "edges": edges, "bounds": bounds(nodes), "print_note": note}
