"""The network before and after a survey: what the partners' answers changed.

When a survey starts, the cooperations touching its actors are kept as a snapshot; the
comparison takes the same figures now (or as kept at closing) — cooperations among the
surveyed actors and with outsiders, actors without any cooperation, connected components
and density of the surveyed actors' network — and lists the pairs that came and went.

References
----------
.. [1] Wasserman, S. & Faust, K. (1994). *Social Network Analysis*. Cambridge University
   Press, ch. 4 (density, components).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store


def snapshot(store: Store, actor_ids: list[str]) -> dict[str, Any]:
    """Figures and cooperation pairs of the surveyed actors as they are now (JSON-ready)."""
    ids = sorted(set(actor_ids))
    rows = store.read("surveys/cooperations_among", ids=ids)
    pairs = sorted({tuple(sorted((r["a"], r["b"]))) for r in rows})
    inside = set(ids)
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from(p for p in pairs if p[0] in inside and p[1] in inside)
    touched = {a for p in pairs for a in p if a in inside}
    return {
        "at": datetime.now(UTC).isoformat(),
        "actor_ids": ids,
        "pairs": [list(p) for p in pairs],
        "figures": {
            "actors": len(ids),
            "cooperations": len(pairs),
            "within": g.number_of_edges(),
            "isolated": len(inside - touched),
            "components": nx.number_connected_components(g) if ids else 0,
            "density": round(nx.density(g), 4) if len(ids) > 1 else 0.0,
        },
    }


FIGURES: dict[str, str] = {
    "actors": N_("befragte Akteure"),
    "cooperations": N_("Kooperationen (mit befragten Akteuren)"),
    "within": N_("davon unter den befragten Akteuren"),
    "isolated": N_("befragte Akteure ohne Kooperation"),
    "components": N_("getrennte Teilnetze der befragten Akteure"),
    "density": N_("Dichte unter den befragten Akteuren"),
}


CHANGES: dict[str, str] = {
    "added": N_("neue Kooperationen seit Beginn"),
    "ended": N_("beendete Kooperationen seit Beginn"),
}


@dataclass
class Comparison:
    rows: list[tuple[str, Any, Any]] = field(default_factory=list)
    """(German figure title, before, after)"""
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    """Cooperation pairs as actor names."""
    before_at: str = ""
    after_at: str = ""


def _when(iso: Any) -> str:
    try:
        return datetime.fromisoformat(str(iso)).strftime("%d.%m.%Y %H:%M UTC")
    except ValueError:
        return ""


def compare(store: Store, before: dict[str, Any], after: dict[str, Any]) -> Comparison:
    """Figures side by side and the pairs that appeared or ended, named."""
    old = {tuple(p) for p in before.get("pairs", [])}
    new = {tuple(p) for p in after.get("pairs", [])}
    ids = sorted({a for p in old | new for a in p})
    names = {r["id"]: r["name"] for r in store.read("surveys/actor_names", ids=ids)}

    def named(pairs: set[tuple[Any, ...]]) -> list[tuple[str, str]]:
        named = (sorted((names.get(a, a), names.get(b, b)), key=str.casefold) for a, b in pairs)
        return sorted((x, y) for x, y in named)

    fb, fa = before.get("figures", {}), after.get("figures", {})
    rows = [(title, fb.get(key), fa.get(key)) for key, title in FIGURES.items()]
    rows += [(CHANGES["added"], 0, len(new - old)), (CHANGES["ended"], 0, len(old - new))]
    return Comparison(
        rows=rows,
        added=named(new - old),
        removed=named(old - new),
        before_at=_when(before.get("at")),
        after_at=_when(after.get("at")),
    )
