"""The schematic tile map of the public Bildungslandkarte: one equal tile per Stadtteil and
per Verbandsgemeinde, in roughly geographic layout, each a link that filters the list.

Why tiles and not boundaries: the pages must work offline and load nothing from elsewhere,
so a boundary map needs the boundaries in the repository under a licence that allows it.
No openly licensed package with the Ortsbezirke of Trier and the Verbandsgemeinden of
Trier-Saarburg can be installed from PyPI or npm (the official boundaries, GeoBasis-DE /
LVermGeo Rheinland-Pfalz under dl-de/by-2.0, are a download from the state's portal). Equal
tiles also give every quarter the same room for its name and its count, where a boundary
map leaves the small, dense city quarters unreadable beside large rural Verbandsgemeinden.

The layout is kept by region name for the demo region (:data:`LAYOUTS`); a region it does
not know is placed in rows below the known ones in name order, so any municipality gets a
usable, if not geographic, map without configuration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from netzwerk.graph.network.snapshot import Vocabulary

TILE_W, TILE_H, GAP = 124, 88, 6
"""A tile's size and the gap between tiles, in the SVG's units."""
MAX_LINE = 14
"""Characters per line of a tile's name (three lines at most; the count goes below)."""

AREA_KINDS = ("Stadt", "Landkreis")

LAYOUTS: dict[str, dict[str, tuple[int, int]]] = {
    # Stadt Trier: the Mosel runs from south-west to north-east; west of it Biewer,
    # Trier-West/Pallien, Euren and Zewen, Ehrang/Quint and Pfalzel in the north, the
    # centre east of the river, the Höhenstadtteile (Tarforst, Filsch, Irsch, Kernscheid)
    # on the hills in the east.
    "stadt trier": {
        "ehrang/quint": (0, 0),
        "pfalzel": (1, 0),
        "ruwer/eitelsbach": (4, 0),
        "biewer": (0, 1),
        "trier-nord": (2, 1),
        "kürenz": (3, 1),
        "tarforst": (4, 1),
        "filsch": (5, 1),
        "trier-west/pallien": (1, 2),
        "trier-mitte/gartenfeld": (2, 2),
        "olewig": (3, 2),
        "irsch": (4, 2),
        "euren": (1, 3),
        "trier-süd": (2, 3),
        "heiligkreuz": (3, 3),
        "kernscheid": (4, 3),
        "zewen": (1, 4),
        "feyen/weismark": (2, 4),
        "mariahof": (3, 4),
    },
    # Landkreis Trier-Saarburg around the kreisfreie Stadt Trier: Trier-Land to the west
    # and north, Schweich down the Mosel to the north-east, Ruwer east, Konz south-west,
    # Saarburg-Kell south, Hermeskeil in the Hunsrück to the south-east.
    "landkreis trier-saarburg": {
        "trier-land": (0, 0),
        "schweich an der römischen weinstraße": (2, 0),
        "konz": (0, 1),
        "stadt trier": (1, 1),
        "ruwer": (2, 1),
        "saarburg-kell": (1, 2),
        "hermeskeil": (2, 2),
    },
}
"""Tile positions (column, row) by the folded names of an area and of its regions. A name
that is not one of the area's parts (the city in the district) is drawn for orientation."""


@dataclass(frozen=True)
class Tile:
    region: str
    name: str
    lines: tuple[str, ...]
    x: int
    y: int
    actors: int
    projects: int
    level: int = 0
    """0 (none) to 4 (the most actors of any tile): the shade of the tile."""
    selected: bool = False
    neighbour: bool = False
    """A region outside the area, drawn where it lies (the city inside the district)."""


@dataclass(frozen=True)
class TileMap:
    area: str
    name: str
    tiles: tuple[Tile, ...]
    width: int
    height: int

    @property
    def wide(self) -> bool:
        """More than four columns: kept at a readable size on a phone (it scrolls in its box)."""
        return self.width > 4 * (TILE_W + GAP)


def lines_of(name: str) -> tuple[str, ...]:
    """A region's name broken into at most three short lines (after spaces, '/' and '-').

    A line keeps the space it ends with, so the lines joined are the name again: screen
    readers and axe compare a tile's visible text with its accessible name."""
    words = [w for w in re.split(r"(?<=[ /-])", name) if w]
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word.rstrip()) <= MAX_LINE:
            lines[-1] += word
        else:
            lines.append(word)
    if len(lines) > 3:
        lines = [*lines[:2], "".join(lines[2:])]
    return tuple(lines)


def _positions(vocab: Vocabulary, area: str, parts: list[str]) -> list[tuple[str, int, int, bool]]:
    """(region, column, row, neighbour) for the area's parts and the layout's neighbours."""
    layout = LAYOUTS.get(vocab.regions[area].casefold(), {})
    by_name = {name.casefold(): rid for rid, name in vocab.regions.items()}
    placed: list[tuple[str, int, int, bool]] = []
    taken: set[str] = set()
    for key, (col, row) in layout.items():
        rid = by_name.get(key.casefold())  # casefold: "ß" is "ss" on both sides
        if rid is not None and rid != area:
            placed.append((rid, col, row, rid not in parts))
            taken.add(rid)
    columns = max([c for _r, c, _w, _n in placed] + [3]) + 1
    first_free = max([w for _r, _c, w, _n in placed] + [-1]) + 1
    rest = [rid for rid in parts if rid not in taken]
    for i, rid in enumerate(rest):
        placed.append((rid, i % columns, first_free + i // columns, False))
    return placed


def tile_maps(
    vocab: Vocabulary, counts: Mapping[str, tuple[int, int]], selected: str = ""
) -> list[TileMap]:
    """One map per Stadt and Landkreis that has parts, the city first; ``counts`` gives
    each region's (actors, projects) under the page's other filters."""
    areas = sorted(
        (rid for rid, kind in vocab.region_kind.items() if kind in AREA_KINDS),
        key=lambda r: (AREA_KINDS.index(vocab.region_kind[r]), vocab.regions[r].casefold()),
    )
    maps = []
    most = max(
        [counts.get(r, (0, 0))[0] for r, p in vocab.region_parent.items() if p in areas] + [1]
    )
    for area in areas:
        parts = sorted(
            (rid for rid, parent in vocab.region_parent.items() if parent == area),
            key=lambda r: vocab.regions[r].casefold(),
        )
        if not parts:
            continue
        tiles = tuple(
            Tile(
                region=rid,
                name=vocab.regions[rid],
                lines=lines_of(vocab.regions[rid]),
                x=col * (TILE_W + GAP),
                y=row * (TILE_H + GAP),
                actors=counts.get(rid, (0, 0))[0],
                projects=counts.get(rid, (0, 0))[1],
                level=min(4, -(-4 * counts.get(rid, (0, 0))[0] // most)),
                selected=rid == selected,
                neighbour=neighbour,
            )
            for rid, col, row, neighbour in _positions(vocab, area, parts)
        )
        width = max(t.x for t in tiles) + TILE_W
        height = max(t.y for t in tiles) + TILE_H
        maps.append(TileMap(area, vocab.regions[area], tiles, width, height))
    return maps
