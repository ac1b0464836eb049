"""Coverage: which regions have nobody for an education stage or a topic.

The matrix has one row per region (Stadt Trier with its Stadtteile, Landkreis
Trier-Saarburg with its Verbandsgemeinden) and one column per stage (or topic). A cell
counts the actors that are **present** in the region — located there or active there —
and cover the stage. An empty cell is a gap: nobody on the spot for, say, early childhood
education in Trier-Ehrang.

Actors active in a whole area (a Kreisverwaltung active in the Landkreis) serve every part
of it "from above"; they are counted separately (``wide``) and do not close a gap, because
a district-wide office is not a local partner for a Kita.

Administrations and agencies (a Schulamt, the Jobcenter) that name a stage are responsible
for it, not a place where it happens: they are counted apart (``administrations``) and do not
close a gap either, so "Primarstufe vor Ort" counts the schools, libraries and associations
that offer it.

Projects count in a cell when they cover the stage (or topic) and are active in the region,
or — if a project names no region — when one of its participants is located there; only
projects with at least one actor in the (filtered) graph are considered.

What to do: look for partners for the empty cells (neighbouring regions, district-wide
actors), or check whether the data is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from netzwerk.graph.analysis._util import (
    Profile,
    RegionRow,
    presence,
    region_rows,
    vocab,
    wide_regions,
)

Dimension = Literal["stage", "topic"]

ADMINISTRATIONS = frozenset({"Verwaltung", "Jobcenter/Agentur für Arbeit"})
"""Actor kinds that administer a stage or topic rather than offer it (counted apart)."""


@dataclass
class Cell:
    region: str
    column: str
    actors: list[Any] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    wide_actors: list[Any] = field(default_factory=list)
    """Actors serving the region from a larger area (not counted in ``actors``): the ones
    who could step in where nobody is on the spot."""
    administrations: list[Any] = field(default_factory=list)
    """Administrations and agencies located or active in the region that name the stage or
    topic (not counted in ``actors``: they are responsible, not on offer)."""
    level: int = 0
    """Intensity class 0–5 for the heatmap (0 = empty)."""

    @property
    def empty(self) -> bool:
        return not self.actors

    @property
    def wide(self) -> int:
        return len(self.wide_actors)


@dataclass
class Coverage:
    dimension: Dimension
    rows: list[RegionRow]
    columns: list[tuple[str, str]]
    """(id, name) of stages in their order, or topics by name."""
    cells: dict[tuple[str, str], Cell]

    def cell(self, region: str, column: str) -> Cell:
        return self.cells[(region, column)]

    def gaps(self) -> list[Cell]:
        """Empty cells in the parts of an area (Stadtteile, VGs): the places with nobody."""
        parts = [r for r in self.rows if r.level > 0]
        return [
            self.cells[(r.id, c)]
            for r in parts
            for c, _ in self.columns
            if self.cells[(r.id, c)].empty
        ]


def _level(count: int, top: int) -> int:
    if count <= 0:
        return 0
    if top <= 1:
        return 5
    return max(1, min(5, 1 + (4 * (count - 1)) // max(top - 1, 1)))


def coverage(  # noqa: C901 (complexity 21: lower, never raise)
    g: nx.Graph, dimension: Dimension = "stage", profiles: dict[str, Profile] | None = None
) -> Coverage:
    """Region × stage (or × topic) matrix of present actors and projects.

    Examples
    --------
    >>> from netzwerk.graph.network.snapshot import Vocabulary
    >>> v = Vocabulary(stages={"s1": "frühkindlich", "s2": "Primarstufe"},
    ...     regions={"c": "Stadt", "a": "Nord", "b": "Süd"},
    ...     region_kind={"c": "Stadt", "a": "Stadtteil", "b": "Stadtteil"},
    ...     region_parent={"a": "c", "b": "c"})
    >>> g = nx.Graph(vocabulary=v)
    >>> g.add_node("kita", region="a", stages={"s1"}, active_in=())
    >>> g.add_node("gs", region="b", stages={"s2"}, active_in=())
    >>> g.add_node("amt", region="a", stages={"s2"}, active_in=(), kind="Verwaltung")
    >>> cov = coverage(g)
    >>> len(cov.cell("c", "s1").actors), [(c.region, c.column) for c in cov.gaps()]
    (1, [('a', 's2'), ('b', 's1')])
    >>> cov.cell("a", "s2").administrations
    ['amt']
    """
    v = vocab(g)
    rows = region_rows(v)
    attr = "stages" if dimension == "stage" else "topics"
    if dimension == "stage":
        columns = [(s, v.stages[s]) for s in v.stages_in_order()]
    else:
        columns = sorted(v.topics.items(), key=lambda t: t[1].casefold())
    row_ids = {r.id for r in rows}
    cells = {(r.id, c): Cell(r.id, c) for r in rows for c, _ in columns}
    col_ids = {c for c, _ in columns}
    where = presence(v)
    wide_memo: dict[tuple[Any, frozenset[str]], set[str]] = {}
    for node, data in g.nodes(data=True):
        values = col_ids.intersection(data.get(attr, ()))
        if not values:
            continue
        on_site = "administrations" if data.get("kind") in ADMINISTRATIONS else "actors"
        for region in where(data) & row_ids:
            for col in values:
                getattr(cells[(region, col)], on_site).append(node)
        if data.get("active_in"):
            key = (data.get("region"), frozenset(data["active_in"]))
            if key not in wide_memo:
                wide_memo[key] = wide_regions(v, data, rows)
            for region in wide_memo[key]:
                for col in values:
                    cells[(region, col)].wide_actors.append(node)
    present: dict[str, set[str]] = {}
    for _node, data in g.nodes(data=True):
        for project in data.get("projects", ()):
            present.setdefault(project, set()).update(where({"region": data.get("region")}))
    for pid, places in present.items():
        prof = (profiles or {}).get(pid)
        if prof is None:
            continue
        values = col_ids.intersection(prof.stages if dimension == "stage" else prof.topics)
        if prof.active_in:
            places = set()
            for place in prof.active_in:
                places.update(v.region_ancestors(place))
        for region in places & row_ids:
            for col in values:
                cells[(region, col)].projects.append(pid)
    names = {n: str(d.get("name", n)).casefold() for n, d in g.nodes(data=True)}
    for cell in cells.values():
        cell.actors.sort(key=names.__getitem__)
        cell.wide_actors.sort(key=names.__getitem__)
        cell.administrations.sort(key=names.__getitem__)
        cell.projects.sort()
    for row in rows:
        row_cells = [cells[(row.id, c)] for c, _ in columns]
        # intensity relative to the row's peers: areas against areas, parts against parts
        top = max(
            (
                len(cells[(r.id, c)].actors)
                for r in rows
                if r.level == row.level
                for c, _ in columns
            ),
            default=0,
        )
        for cell in row_cells:
            cell.level = _level(len(cell.actors), top)
    return Coverage(dimension, rows, columns, cells)
