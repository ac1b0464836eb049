"""The data of network pictures: nodes, edges, colours, legend, aggregates (no Flask).

A picture is a JSON-ready dict (a "payload") that ``netzwerk/web/static/js/network.js``
turns into a vis-network with fixed positions::

    {"view": "cooperation", "mode": "full" | "aggregate",
     "nodes": [{"id", "label", "name", "kind", "x", "y", "g", "s", "url", "tip": [lines], "cls"}],
     "edges": [{"id", "from", "to", "k", "w", "tip": [lines], "cls", "dashes"?}],
     "styles": {"nodes": {g: {color, border, shape, font?}}, "edges": {k: {dashes, color}}},
     "legend": [{"title", "items": [{"label", "color"?, "shape"?, "dashes"?, "width"?}]}],
     "counts": {...}, "notice": str, "title": str}

Nodes and edges refer to shared styles by key (``g``, ``k``) instead of repeating colours,
which keeps the JSON of 5,000 actors and 25,000 links at a few MB. Tooltips are lists of
plain-text lines: the browser builds them with ``textContent``, so names are never parsed
as HTML. ``kind`` (an actor's kind, "Bündnis", "Projekt", "Gruppe") is the second column of
the picture's table view. Extra edges (e.g. suggested partners of the gap analysis) can be
added with :func:`add_edges`; an edge's own ``dashes``/``color`` override its style.

All visible words go through the ``tr`` argument (the web layer passes Flask-Babel's
``gettext``), so the graph layer stays free of Flask.

One module per question: ``styles`` (palette, shapes, legend blocks), ``tips`` (labels and
tooltips), ``sizing`` (node sizes from metrics), ``base`` (the payload and the picture of
individual actors), one module per picture (``cooperation``, ``aggregate``, ``ego``,
``alliances``), ``extras`` (edges drawn over a picture, pins, the public version) and
``vector`` (SVG and PDF for print). The filter form's choices
come from :mod:`netzwerk.graph.network.choices`, shared with every other filter form.
"""

from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS
from netzwerk.graph.pictures.aggregate import GROUP_BY, aggregate_picture
from netzwerk.graph.pictures.alliances import alliance_overlaps, alliance_picture
from netzwerk.graph.pictures.base import LAYOUTS, RecordUrl, actor_picture, payload
from netzwerk.graph.pictures.cooperation import (
    AGGREGATE_ABOVE,
    COLOUR_BY,
    COLOUR_OPTIONS,
    SIZE_BY,
    SIZE_OPTIONS,
    cooperation_picture,
)
from netzwerk.graph.pictures.ego import ego_picture
from netzwerk.graph.pictures.extras import add_edges, pin, public
from netzwerk.graph.pictures.sizing import metric, sizes
from netzwerk.graph.pictures.styles import (
    CATEGORICAL,
    KIND_STYLE,
    Tr,
    darker,
    node_style,
)
from netzwerk.graph.pictures.tips import actor_tip, edge_tip, filter_caption, short_label

__all__ = [
    "ACTOR_KINDS",
    "AGGREGATE_ABOVE",
    "CATEGORICAL",
    "COLOUR_BY",
    "COLOUR_OPTIONS",
    "COOPERATION_KINDS",
    "GROUP_BY",
    "KIND_STYLE",
    "LAYOUTS",
    "SIZE_BY",
    "SIZE_OPTIONS",
    "RecordUrl",
    "Tr",
    "actor_picture",
    "actor_tip",
    "add_edges",
    "aggregate_picture",
    "alliance_overlaps",
    "alliance_picture",
    "cooperation_picture",
    "darker",
    "edge_tip",
    "ego_picture",
    "filter_caption",
    "metric",
    "node_style",
    "payload",
    "pin",
    "public",
    "short_label",
    "sizes",
]
