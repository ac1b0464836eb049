"""The choices of every filter form (picture, gap pages, record lists, contact export, CLI).

Built from the vocabulary of the cached network snapshot, so a form costs no query of its
own, and every form lists the same things in the same order: names alphabetically, stages
in their educational order, regions as their tree (Stadt Trier, then its Stadtteile, …).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS
from netzwerk.graph.network.filters import PLURAL
from netzwerk.graph.network.snapshot import Vocabulary

Pair = tuple[str, str]
INDENT = "\u2003"  # an em space per level: select options cannot be styled under the CSP


@dataclass(frozen=True)
class FilterChoices:
    """(id, name) pairs per filter field; ``regions`` carry their depth in the tree."""

    alliances: list[Pair] = field(default_factory=list)
    projects: list[Pair] = field(default_factory=list)
    topics: list[Pair] = field(default_factory=list)
    stages: list[Pair] = field(default_factory=list)
    target_groups: list[Pair] = field(default_factory=list)
    regions: list[tuple[str, str, int]] = field(default_factory=list)
    actor_kinds: list[Pair] = field(default_factory=list)
    cooperation_kinds: list[Pair] = field(default_factory=list)
    organisations: list[Pair] = field(default_factory=list)
    """(slug, name), only where two or more offices share the instance: one office's
    filter would select everyone or, across the border, no one."""

    def by_param(self, indent: str = INDENT) -> dict[str, list[Pair]]:
        """The choices keyed by query parameter, regions indented by depth."""
        out: dict[str, list[Pair]] = {
            name: getattr(self, plural) for name, plural in PLURAL.items() if name != "region"
        }
        out["region"] = [(rid, indent * depth + name) for rid, name, depth in self.regions]
        out["kind"] = self.actor_kinds
        out["coop_kind"] = self.cooperation_kinds
        return out


def filter_choices(vocab: Vocabulary) -> FilterChoices:
    """Every filter form's choices from a snapshot's vocabulary."""

    def by_name(d: dict[str, str]) -> list[Pair]:
        return sorted(d.items(), key=lambda kv: (kv[1].casefold(), kv[0]))

    children: dict[str, list[str]] = {}
    for rid in vocab.regions:
        parent = vocab.region_parent.get(rid, "")
        children.setdefault(parent if parent in vocab.regions else "", []).append(rid)
    regions: list[tuple[str, str, int]] = []
    seen: set[str] = set()

    def walk(parent: str, depth: int) -> None:
        for rid in sorted(children.get(parent, []), key=lambda r: vocab.regions[r].casefold()):
            if rid in seen:  # a cycle of PART_OF must not hang the form
                continue
            seen.add(rid)
            regions.append((rid, vocab.regions[rid], depth))
            walk(rid, depth + 1)

    walk("", 0)
    return FilterChoices(
        alliances=by_name(vocab.alliances),
        projects=by_name(vocab.projects),
        topics=by_name(vocab.topics),
        stages=[(s, vocab.stages[s]) for s in vocab.stages_in_order()],
        target_groups=by_name(vocab.target_groups),
        regions=regions,
        actor_kinds=[(k, k) for k in ACTOR_KINDS],
        cooperation_kinds=[(k, k) for k in COOPERATION_KINDS],
        organisations=by_name(vocab.organisations) if len(vocab.organisations) > 1 else [],
    )
