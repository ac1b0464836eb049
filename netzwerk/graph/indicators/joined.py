"""Indicators beside the network: per region the monitoring values, the network's measures
and the coverage weighted by demand.

A count of providers says little without the number of people they serve: three Kitas
active in the network are many for 400 children and few for 4,000. The weighted coverage
divides a network count of a region by a demand the indicators give, for the latest year
with a complete demand:

* **Aktive Anbieter je 1.000 Kinder von 0–6** — actors present in the region (located or
  active there, the coverage matrix' rule) that cover the stage "frühkindlich", per 1,000
  children under six (population under 3 plus 3 to under 6).
* **Kooperationen der Grundschulen je 100 Schulabgänger ohne Abschluss** — cooperations with
  at least one school of the Primarstufe present in the region (each counted once), per 100
  school leavers without a qualification.

The network is the selection of the filter (as of its date), so a weighted figure changes
with the network as the pictures and gap pages do. Pure functions on the graph and the
indicator values; :func:`joined_view` reads both from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from babel.numbers import format_decimal

from netzwerk.graph.analysis import RegionRow, presence, region_rows
from netzwerk.graph.core import codec
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Indicator
from netzwerk.graph.core.store import Store
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter


def german(value: float, places: int = 2) -> str:
    """A number as German tables write it (1.234,5), with at most ``places`` decimals.

    >>> german(1234.5), german(4.6923, 1), german(2845.0)
    ('1.234,5', '4,7', '2.845')
    """
    pattern = "#,##0" + ("." + "#" * places if places else "")
    return str(format_decimal(value, format=pattern, locale="de_DE"))


@dataclass(frozen=True)
class Demand:
    """A demand the indicators give: the sum of one alternative's measures (all present)."""

    key: str
    title: str
    alternatives: tuple[tuple[str, ...], ...]
    """Measure codes summed; the first alternative with every code in a year counts (GENESIS
    age bands, or an office's own column)."""


CHILDREN = Demand(
    "children_0_6",
    N_("Kinder von 0–6"),
    (("BEVSTD.ALT000B03", "BEVSTD.ALT003B06"), ("kinder-0-6",), ("kinder-von-0-6",)),
)
LEAVERS = Demand(
    "leavers_without",
    N_("Schulabgänger ohne Abschluss"),
    (("ABGANG.OHNEHSA",), ("schulabgaenger-ohne-abschluss",)),
)


@dataclass(frozen=True)
class Weighting:
    """A network count per ``per`` units of a demand."""

    key: str
    title: str
    count_title: str
    demand: Demand
    per: int


PROVIDERS = Weighting(
    "providers_per_children",
    N_("Aktive Anbieter je 1.000 Kinder von 0–6"),
    N_("Aktive Anbieter frühkindlicher Bildung"),
    CHILDREN,
    1000,
)
PRIMARY_COOPERATIONS = Weighting(
    "primary_cooperations_per_leavers",
    N_("Kooperationen der Grundschulen je 100 Schulabgänger ohne Abschluss"),
    N_("Kooperationen der Grundschulen"),
    LEAVERS,
    100,
)
WEIGHTINGS = (PROVIDERS, PRIMARY_COOPERATIONS)
EARLY_STAGE = "frühkindlich"
PRIMARY_STAGE = "Primarstufe"


@dataclass
class Weighted:
    """One weighted figure of a region: count, demand (with its year) and the ratio."""

    weighting: Weighting
    count: int
    demand: float | None = None
    year: int | None = None

    @property
    def ratio(self) -> float | None:
        if self.demand is None or self.demand <= 0:
            return None
        return self.count * self.weighting.per / self.demand


@dataclass
class Series:
    """One measure of a region by year (the trend)."""

    measure: str
    label: str
    unit: str
    values: dict[int, float | None] = field(default_factory=dict)
    quality: dict[int, str] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.values)

    @property
    def latest(self) -> float | None:
        return self.values[max(self.values)] if self.values else None


@dataclass
class RegionFigures:
    """A region's row of the joined view."""

    id: str
    name: str
    level: int
    actors: int = 0
    cooperations: int = 0
    weighted: list[Weighted] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)


@dataclass
class Joined:
    rows: list[RegionFigures]
    years: list[int]

    def row(self, region: str) -> RegionFigures:
        return next(r for r in self.rows if r.id == region)

    @property
    def weighted_rows(self) -> list[RegionFigures]:
        """The rows with a demand for at least one weighting (the report's table)."""
        return [r for r in self.rows if any(w.demand is not None for w in r.weighted)]


def demand_of(
    values: dict[tuple[str, int], float | None], demand: Demand
) -> tuple[float, int] | None:
    """The latest (value, year) of ``demand`` in one region's ``(measure, year) → value``.

    >>> demand_of({("kinder-0-6", 2022): 900.0, ("kinder-0-6", 2023): 950.0}, CHILDREN)
    (950.0, 2023)
    """
    for year in sorted({y for _, y in values}, reverse=True):
        for codes in demand.alternatives:
            got = [values.get((c, year)) for c in codes]
            if all(v is not None for v in got):
                return float(sum(v for v in got if v is not None)), year
    return None


def _stage(g: nx.Graph, name: str) -> str:
    v = g.graph.get("vocabulary")
    stages: dict[str, str] = getattr(v, "stages", {})
    return next((sid for sid, n in stages.items() if n == name), "")


def network_counts(g: nx.Graph, rows: list[RegionRow]) -> dict[str, dict[str, int]]:
    """Per region id: actors present, their cooperations, early-childhood providers and
    cooperations of primary schools (each cooperation counted once per region)."""
    where = presence(g.graph["vocabulary"]) if "vocabulary" in g.graph else None
    early, primary = _stage(g, EARLY_STAGE), _stage(g, PRIMARY_STAGE)
    ids = {r.id for r in rows}
    members: dict[str, set[Any]] = {r: set() for r in ids}
    for node, data in g.nodes(data=True):
        for region in (where(data) if where else frozenset()) & ids:
            members[region].add(node)
    out: dict[str, dict[str, int]] = {}
    for region, present in members.items():
        coops = {frozenset((u, w)) for u in present for w in g[u]}
        schools = {
            n
            for n in present
            if g.nodes[n].get("kind") == "Schule" and primary in g.nodes[n].get("stages", ())
        }
        out[region] = {
            "actors": len(present),
            "cooperations": len(coops),
            PROVIDERS.key: sum(1 for n in present if early in g.nodes[n].get("stages", ())),
            PRIMARY_COOPERATIONS.key: len({frozenset((u, w)) for u in schools for w in g[u]}),
        }
    return out


def join(g: nx.Graph, indicators: list[Indicator]) -> Joined:
    """The joined view of a network selection and indicator values (pure)."""
    v = g.graph.get("vocabulary")
    rows = region_rows(v) if v is not None else []
    known = {r.id for r in rows}
    names = getattr(v, "regions", {})
    extra = sorted({i.region for i in indicators} - known, key=lambda r: names.get(r, r))
    rows += [RegionRow(r, names.get(r, r), 0, r, "") for r in extra]
    counts = network_counts(g, rows)
    by_region: dict[str, dict[str, Series]] = {}
    values: dict[str, dict[tuple[str, int], float | None]] = {}
    for ind in indicators:
        series = by_region.setdefault(ind.region, {}).setdefault(
            ind.measure, Series(ind.measure, ind.label, ind.unit)
        )
        series.values[ind.year] = ind.value
        if ind.quality:
            series.quality[ind.year] = ind.quality
        values.setdefault(ind.region, {})[(ind.measure, ind.year)] = ind.value
    out = []
    for r in rows:
        c = counts.get(r.id, {})
        fig = RegionFigures(r.id, r.name, r.level, c.get("actors", 0), c.get("cooperations", 0))
        for w in WEIGHTINGS:
            found = demand_of(values.get(r.id, {}), w.demand)
            demand, year = found if found else (None, None)
            fig.weighted.append(Weighted(w, c.get(w.key, 0), demand, year))
        fig.series = sorted(by_region.get(r.id, {}).values(), key=lambda s: s.label.casefold())
        out.append(fig)
    return Joined(out, sorted({i.year for i in indicators}))


@dataclass(frozen=True)
class Need:
    """A part of an area (Stadtteil, Verbandsgemeinde) on the worklist, by weighted coverage."""

    region: str
    name: str
    weighted: Weighted


def needs(view: Joined) -> list[Need]:
    """The gap worklist ranked by need: per weighting, the parts of an area whose network
    serves the fewest per demand first (a larger demand first among equals); only parts
    with a demand from the indicators are ranked.

    >>> row = RegionFigures("v", "VG", 1, weighted=[Weighted(PROVIDERS, 2, 1000.0, 2023)])
    >>> [(n.name, n.weighted.ratio) for n in needs(Joined([row], [2023]))]
    [('VG', 2.0)]
    """
    out = [
        Need(r.id, r.name, w)
        for r in view.rows
        if r.level > 0
        for w in r.weighted
        if w.ratio is not None
    ]
    order = {w.key: i for i, w in enumerate(WEIGHTINGS)}

    def rank(n: Need) -> tuple[int, float, float]:
        w = n.weighted
        return order[w.weighting.key], w.ratio or 0.0, -(w.demand or 0.0)

    return sorted(out, key=rank)


def stored(
    store: Store, *, regions: list[str] | None = None, measures: list[str] | None = None
) -> list[tuple[Indicator, str]]:
    """Stored indicator values with their region's name, by region, label and year."""
    rows = store.read("indicators/list", regions=regions or [], measures=measures or [])
    return [(codec.from_store(Indicator, r["indicator"]), r["region_name"] or "") for r in rows]


def joined_view(store: Store, flt: Filter | None = None) -> Joined:
    """The joined view of the stored indicators and the network selected by ``flt``."""
    g = snapshot.select(snapshot.current(store), flt)
    return join(g, [ind for ind, _ in stored(store)])
