"""Choices of the picture's filter form."""

from __future__ import annotations

from netzwerk.graph.model import ACTOR_KINDS, COOPERATION_KINDS
from netzwerk.graph.network import Snapshot


def filter_options(snap: Snapshot) -> dict[str, list[tuple[str, str]]]:
    """Choices for the filter form: (id, name), regions indented by depth in their tree."""
    vocab = snap.vocabulary

    def by_name(d: dict[str, str]) -> list[tuple[str, str]]:
        return sorted(d.items(), key=lambda kv: kv[1].casefold())

    children: dict[str, list[str]] = {}
    for rid in vocab.regions:
        children.setdefault(vocab.region_parent.get(rid, ""), []).append(rid)
    regions: list[tuple[str, str]] = []

    def walk(parent: str, depth: int) -> None:
        for rid in sorted(children.get(parent, []), key=lambda r: vocab.regions[r].casefold()):
            regions.append((rid, "\u2003" * depth + vocab.regions[rid]))
            walk(rid, depth + 1)

    walk("", 0)
    return {
        "alliances": by_name(vocab.alliances),
        "projects": by_name(vocab.projects),
        "topics": by_name(vocab.topics),
        "stages": [(s, vocab.stages[s]) for s in vocab.stages_in_order()],
        "target_groups": by_name(vocab.target_groups),
        "regions": regions,
        "actor_kinds": [(k, k) for k in ACTOR_KINDS],
        "cooperation_kinds": [(k, k) for k in COOPERATION_KINDS],
    }
