"""The cooperation network of a filter: every actor, or groups of them when too many."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from netzwerk.graph.analysis.metrics import METRICS
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.network.snapshot import Snapshot, select
from netzwerk.graph.pictures.aggregate import aggregate_picture
from netzwerk.graph.pictures.base import LAYOUTS, RecordUrl, actor_picture
from netzwerk.graph.pictures.styles import Tr, identity

AGGREGATE_ABOVE = 2000
# Every colouring and sizing the picture offers, with its menu title: the form, the
# picture, saved views and share links all read these, so an option added here is offered,
# drawn, saved and shared alike.
COLOUR_OPTIONS: dict[str, str] = {
    "kind": N_("Art des Akteurs"),
    "area": N_("Stadt / Landkreis"),
    "region": N_("Stadtteil / Verbandsgemeinde"),
    "community": N_("Gemeinschaft"),
    "alliance": N_("Bündnis"),
    "brokerage_role": N_("Vermittlungsrolle (Gould–Fernandez)"),
    "core": N_("Kern (k-Kern)"),
    "value": N_("Linienfarbe: Wert der Kooperation"),
    "trust": N_("Linienfarbe: Vertrauen"),
}
SIZE_OPTIONS: dict[str, str] = {
    **{k: m.title for k, m in METRICS.items() if m.numeric and k != "core"},
    "none": N_("einheitlich"),
}
COLOUR_BY = tuple(COLOUR_OPTIONS)
SIZE_BY = tuple(SIZE_OPTIONS)


def cooperation_picture(
    snap: Snapshot,
    flt: Filter,
    *,
    colour_by: str = "kind",
    size_by: str = "degree",
    group_by: str = "",
    community: int | None = None,
    show_all: bool = False,
    aggregate_above: int = AGGREGATE_ABOVE,
    link: RecordUrl,
    drill: Callable[[dict[str, str]], str],
    tr: Tr = identity,
) -> dict[str, Any]:
    """The cooperation network picture for a filter (or its aggregate, if too large).

    ``community`` narrows to one community of the filtered network (the drill-down target of
    an aggregate by community); ``drill(params)`` gives the URL of the same page with extra
    query parameters.
    """
    g = select(snap, flt)
    fp = snap.fingerprint
    layout = LAYOUTS.get(fp, ("cooperation", flt.key()), g)
    if community is not None:
        keep = [v for v, c in layout.community.items() if c == community]
        g = g.subgraph(keep).copy()
        layout = LAYOUTS.get(fp, ("cooperation", flt.key(), community), g)
    total = g.number_of_nodes()
    if total > aggregate_above and not show_all:
        return aggregate_picture(
            g, snap.vocabulary, layout.community, group_by or _default_group(g, flt), drill, tr
        )
    return actor_picture(
        g, snap.vocabulary, layout, colour_by, size_by, link, tr, (fp, flt.key(), community)
    )


def _default_group(g: nx.Graph, flt: Filter) -> str:
    regions = {d["region"] for _, d in g.nodes(data=True)}
    return "region" if len(regions) > 3 and not flt.region else "community"
