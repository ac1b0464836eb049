"""The analyst's Python API: the network, its measures and its picture in Jupyter.

Monitoring staff work in Python; this module gives them what the pages show, computed by
the same code, so a figure in a notebook and a figure on a page never disagree::

    from netzwerk import notebook as nw

    nw.connect()                              # the CLI's settings: local instance or NEO4J_URI
    g = nw.graph(region="Stadt Trier", kind=["Schule", "Kita"])   # a networkx.Graph
    table = nw.metrics(alliance="MINT-Initiativkreis")            # a DataFrame with pandas
    values = nw.indicators(region="Konz")     # Bildungsmonitoring: region, measure, year, value
    net = nw.picture(region="Stadt Trier", colour="community")    # a pyvis Network
    net.show("trier.html")                   # in the notebook; or net.write_html(path)

**The filter** is the one of the pages (:mod:`netzwerk.graph.network.filters`), with its
query parameter names as keywords: ``alliance``, ``project``, ``topic``, ``stage``,
``target_group``, ``region`` (an id, or a name in any case, like the CLI's options),
``kind`` and ``coop_kind`` (one kind or a list), ``as_of`` (a ``date``, ``"2024-05-31"``
or ``"31.05.2024"``; today if not given, as on the pages; ``None`` for every link ever
recorded). The German names of old URLs (``buendnis``, ``stichtag``, …) work too. An
unknown name raises :class:`netzwerk.graph.ValidationError` with a German message.

**The picture** needs the optional dependency pyvis (``pip install netzwerk[notebook]``).
It is the page's picture: nodes, colours, shapes, sizes, legend and the server's
positions come from :func:`netzwerk.graph.pictures.cooperation_picture`, pyvis only
draws them (physics off). The HTML is one offline file: vis-network is written into it
(``cdn_resources="in_line"``) and the page around it is netzwerk's own, because pyvis'
page links Bootstrap from a CDN, which offices behind firewalls cannot reach and the
DSGVO forbids (a third party would learn who opens the file).

References
----------
.. [1] pyvis, https://pyvis.readthedocs.io/ (``Network``, ``show``, ``write_html``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, datetime
from importlib import resources
from typing import TYPE_CHECKING, Any

import networkx as nx

from netzwerk import settings
from netzwerk.graph import indicators as indicator_tables
from netzwerk.graph import pictures
from netzwerk.graph.analysis import metrics as metric_tables
from netzwerk.graph.analysis import source
from netzwerk.graph.core import store as stores
from netzwerk.graph.core.errors import FieldError, GraphError, ValidationError
from netzwerk.graph.core.store import Store
from netzwerk.graph.network import filters, snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.pictures.styles import EDGE_COLOUR

if TYPE_CHECKING:
    from pyvis.network import Network

__all__ = ["close", "connect", "graph", "indicators", "metrics", "picture", "selection"]

_TODAY: Any = object()
"""``as_of`` not given: today, as on the pages (``None`` is a choice of its own)."""

_lock = threading.Lock()
_store: Store | None = None


def connect() -> Store:
    """Connect to the database the ``netzwerk`` command uses, and make it the default.

    Settings are those of the CLI (:func:`netzwerk.settings.resolve`): ``NEO4J_URI``,
    ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` if set, else the local
    instance ``NETZWERK_INSTANCE`` (``default``) that ``netzwerk db start`` runs.
    An unreachable server raises :class:`netzwerk.graph.DatabaseUnavailableError` with a
    German message at once, not after the driver's retries.
    """
    global _store
    stores.quiet_driver_retries()
    found = stores.connect(settings.resolve())
    try:
        found.check()
    except GraphError:
        found.close()
        raise
    with _lock:
        previous, _store = _store, found
    if previous is not None:
        previous.close()
    return found


def close() -> None:
    """Close the default connection (a later call connects again)."""
    global _store
    with _lock:
        previous, _store = _store, None
    if previous is not None:
        previous.close()


def _default(store: Store | None) -> Store:
    if store is not None:
        return store
    with _lock:
        current = _store
    return current if current is not None else connect()


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, date):
        return value
    day = filters.parse_day(str(value)) if isinstance(value, str) else None
    if day is None:
        message = f"Stichtag „{value}“ ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ)."
        raise ValidationError([FieldError("as_of", message)])
    return day


def _listed(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def selection(*, store: Store | None = None, **given: Any) -> Filter:
    """The page filter for the keywords of :func:`graph` (see the module's docstring).

    Examples
    --------
    >>> flt = selection(region="stadt trier", kind="Schule", as_of="31.12.2024")  # doctest: +SKIP
    >>> flt.region, flt.actor_kinds, flt.as_of  # doctest: +SKIP
    ('region-stadt-trier', ('Schule',), datetime.date(2024, 12, 31))
    """
    named = {filters.LEGACY_PARAMS.get(key, key): value for key, value in given.items()}
    known = set(filters.PARAM_OF.values())
    unknown = sorted(k for k in given if filters.LEGACY_PARAMS.get(k, k) not in known)
    if unknown:
        raise TypeError(f"unknown filter keywords: {', '.join(unknown)}")
    as_of = named.pop("as_of", _TODAY)
    kinds, cooperation_kinds = named.pop("kind", ()), named.pop("coop_kind", ())
    function = named.pop("function", "")
    vocab = snapshot.vocabulary(_default(store))
    return filters.by_names(
        vocab,
        {key: str(value or "") for key, value in named.items()},
        kinds=_listed(kinds),
        cooperation_kinds=_listed(cooperation_kinds),
        function=str(function),
        as_of=date.today() if as_of is _TODAY else _day(as_of),
    )


def graph(*, store: Store | None = None, **given: Any) -> nx.Graph:
    """The cooperation network the pages show for a filter: actors as nodes (attributes
    ``name``, ``kind``, ``region``, ``region_name``, ``alliances``, …), cooperations as
    edges (``kind``, ``intensity``, ``since``, ``until``).

    The graph is the pages' cached one, frozen: ``nx.Graph(graph(...))`` gives a copy to
    change.
    """
    snap = snapshot.current(_default(store))
    return snapshot.select(snap, selection(store=store, **given))


def metrics(
    *,
    store: Store | None = None,
    resolution: float | None = None,
    brokerage_by: str = "kind",
    frame: bool | None = None,
    **given: Any,
) -> Any:
    """The metric table of the page „Kennzahlen je Akteur“ for a filter: one row per actor
    (``id``, ``name``, ``kind``, ``region`` and each metric of
    :data:`netzwerk.graph.analysis.metrics.METRICS`), ordered like the page (by
    betweenness, highest first). Undefined values are ``nan``.

    ``resolution`` is the community resolution (the page's „Auflösung“), ``brokerage_by``
    the grouping of the brokerage roles (``kind``, ``stage``, ``area``). Returns a pandas
    ``DataFrame`` indexed by ``id`` when pandas is installed (``frame=False``: always the
    list of dicts; ``frame=True``: pandas or ``ImportError``).
    """
    store = _default(store)
    data = source.load(store, selection(store=store, **given))
    g = data.graph
    table = metric_tables.metric_table(g, resolution=resolution, brokerage_by=brokerage_by)
    rows = [
        {
            "id": v,
            "name": g.nodes[v].get("name", ""),
            "kind": g.nodes[v].get("kind", ""),
            "region": g.nodes[v].get("region_name", ""),
            **values,
        }
        for v, values in metric_tables.ranked(g, table, "betweenness")
    ]
    return _table(rows, frame, "id")


def _table(rows: list[dict[str, Any]], frame: bool | None, index: str | None) -> Any:
    """``rows`` as a pandas ``DataFrame`` (indexed by ``index``) when pandas is installed
    and ``frame`` is not False; ``frame=True`` insists on pandas."""
    if frame is False:
        return rows
    try:
        import pandas
    except ImportError:
        if frame:
            raise
        return rows
    table = pandas.DataFrame(rows)
    return table.set_index(index) if index and rows else table


def indicators(
    *,
    store: Store | None = None,
    region: str | Iterable[str] = (),
    measure: str | Iterable[str] = (),
    frame: bool | None = None,
) -> Any:
    """The indicator table of the page „Indikatoren“: one row per region, measure and year
    (``region`` id, ``region_name``, ``measure`` code, ``label``, ``year``, ``value`` — None
    where official statistics give a marker instead —, ``unit``, ``quality``, ``source``).

    ``region`` narrows to regions by id, name or official key (one or a list), ``measure``
    to measure codes (``"BEVSTD.ALT000B03"``). A pandas ``DataFrame`` when pandas is
    installed, as :func:`metrics`; pivot it for a time series, e.g.
    ``nw.indicators(measure="SGB2Q1").pivot(index="region_name", columns="year",
    values="value")``.
    """
    store = _default(store)
    index = indicator_tables.stored_regions(store)
    wanted: list[str] = []
    for name in _listed(region):
        if name in index.names:  # an id
            wanted.append(name)
            continue
        match = index.match(name, "") if name.isdigit() else index.match("", name)
        if not match.region:
            raise ValidationError([FieldError("region", f"Region „{name}“: {match.how}.")])
        wanted.append(match.region)
    rows = [
        {
            "region": ind.region,
            "region_name": name,
            "measure": ind.measure,
            "label": ind.label,
            "year": ind.year,
            "value": ind.value,
            "unit": ind.unit,
            "quality": ind.quality,
            "source": ind.source,
        }
        for ind, name in indicator_tables.stored(
            store, regions=wanted, measures=list(_listed(measure))
        )
    ]
    return _table(rows, frame, None)


# --- the picture ------------------------------------------------------------------------

SCREEN = 900.0
"""Pixels the picture is planned for: sizes and widths are given on screen, like the page's."""

OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": {"enabled": True}},
    "nodes": {
        "borderWidth": 1.5,
        "font": {
            "size": 14,
            "face": "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
            "color": "#1d2733",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
        },
    },
    "edges": {"smooth": False},
}
"""vis-network's options as the page sets them (``static/js/network.js``): the server's
positions, no physics, straight lines."""


def picture(
    *,
    store: Store | None = None,
    colour: str = "kind",
    size: str = "degree",
    height: str = "800px",
    notebook: bool = True,
    **given: Any,
) -> Network:
    """The page's cooperation picture for a filter as a pyvis ``Network``.

    ``colour`` is one of the page's colourings (:data:`netzwerk.graph.pictures.COLOUR_BY`:
    ``kind``, ``area``, ``region``, ``community``, ``alliance``, ``brokerage_role``,
    ``core``), ``size`` one of its sizings (:data:`~netzwerk.graph.pictures.SIZE_BY`).
    Every actor is drawn (the page groups them above 2,000). Each node's pyvis ``group`` is
    its legend entry; ``net.legend`` holds the page's legend blocks, which the HTML shows.
    ``notebook=True`` prepares ``net.show(name)`` to return the frame Jupyter displays.
    """
    wrong = [
        FieldError(name, f"„{value}“ gibt es nicht; möglich: {', '.join(allowed)}.")
        for name, value, allowed in (
            ("colour", colour, pictures.COLOUR_BY),
            ("size", size, pictures.SIZE_BY),
        )
        if value not in allowed
    ]
    if wrong:
        raise ValidationError(wrong)
    store = _default(store)
    snap = snapshot.current(store)
    flt = selection(store=store, **given)
    data = pictures.cooperation_picture(
        snap,
        flt,
        colour_by=colour,
        size_by=size,
        show_all=True,
        link=lambda label, node_id: "",
        drill=lambda params: "",
    )
    data["caption"] = pictures.filter_caption(flt, snap.vocabulary, lambda text: text)
    return _network(data, height=height, notebook=notebook)


def _network(data: dict[str, Any], *, height: str, notebook: bool) -> Network:
    """A pyvis ``Network`` drawing a picture payload (:mod:`netzwerk.graph.pictures`)."""
    from jinja2 import Environment, FileSystemLoader
    from pyvis.network import Network

    net = Network(height=height, width="100%", heading=data["title"], cdn_resources="in_line")
    # pyvis' page links Bootstrap from a CDN; ours includes vis-network from pyvis' folder
    ours = str(resources.files("netzwerk") / "notebook_template")
    net.path = "picture.html"
    net.templateEnv = Environment(loader=FileSystemLoader([ours, net.template_dir]))
    net.templateEnv.globals.update(legend=data["legend"], caption=data.get("caption", ""))
    if notebook:
        net.template = net.templateEnv.get_template(net.path)
    net.legend = data["legend"]
    b = data["bounds"]
    unit = max(1.0, max(b["maxX"] - b["minX"], b["maxY"] - b["minY"]) / SCREEN)
    groups = _legend_groups(data)
    styles = data["styles"]
    for n in data["nodes"]:
        style = styles["nodes"].get(n["g"], {})
        net.add_node(
            n["id"],
            label=n["label"],
            title="\n".join(n["tip"]),
            x=n["x"],
            y=n["y"],
            physics=False,
            size=round(n["s"] * 0.4 * unit, 1),
            shape=style.get("shape", "dot"),
            group=groups.get(n["g"], n["g"]),
        )
        # after adding: pyvis drops the colour of a node that has a group
        net.get_node(n["id"])["color"] = {
            "background": style.get("color"),
            "border": style.get("border"),
        }
    # appended as pyvis' add_edge() stores them: add_edge() compares each new edge with all
    # before it (minutes at 25,000 links), and a networkx graph has no duplicates to find
    for e in data["edges"]:
        line = styles["edges"].get(e["k"], {})
        net.edges.append(
            {
                "from": e["from"],
                "to": e["to"],
                "title": "\n".join(e["tip"]),
                "width": round(max(0.5, e["w"] * 0.5) * unit, 2),
                "dashes": line.get("dashes", False),
                "color": {"color": line.get("color", EDGE_COLOUR), "opacity": 0.6},
            }
        )
    net.options = OPTIONS  # pyvis' set_options() would strip the spaces of the font names
    return net


def _legend_groups(data: dict[str, Any]) -> dict[str, str]:
    """Style key → its entry in the colour legend (the first legend block), which lists
    the node styles in the order :func:`netzwerk.graph.pictures.styles.colouring` made them."""
    keys = list(data["styles"]["nodes"])
    items = data["legend"][0]["items"] if data["legend"] else []
    return {key: item["label"] for key, item in zip(keys, items, strict=False)}
