"""Which stored region an indicator table means: by official key first, then by name.

Official keys are hierarchical and padded with zeros below their level, so ``07211``
(Kreise), ``07211000`` (AGS) and ``072110000000`` (ARS) all name Stadt Trier; keys are
compared without their trailing zeros. A name is compared as the partner import compares
region names (:func:`netzwerk.graph.imports.vocab.region_key`: folded, words such as
"Stadt", "kreisfreie", "Verbandsgemeinde" left out), so GENESIS' "Trier, kreisfreie Stadt"
is "Stadt Trier"; failing that, one clearly most similar name (a typo) is taken and said so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.store import Store
from netzwerk.graph.imports.vocab import region_key
from netzwerk.graph.records.duplicates import similarity

SIMILAR = 0.85
"""Lowest name similarity taken as the same region (and only when no other comes close)."""


def key_form(key: str) -> str:
    """An official key without the zeros that pad it below its level."""
    return key.strip().rstrip("0")


@dataclass(frozen=True)
class Match:
    region: str
    """The region's id, or "" when none matches."""
    how: str
    """"Schlüssel", "Name", "ähnlich" or the German reason for no match."""


@dataclass
class RegionIndex:
    """The stored regions by key and by name, for matching many rows."""

    names: dict[str, str] = field(default_factory=dict)
    by_key: dict[str, list[str]] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)

    def add(self, region_id: str, name: str, ags: str = "") -> None:
        self.names[region_id] = name
        if ags:
            self.by_key.setdefault(key_form(ags), []).append(region_id)
        self.by_name.setdefault(region_key(name), []).append(region_id)

    def match(self, key: str, name: str) -> Match:
        """The region a row names (key first, then name)."""
        if key:
            hits = self.by_key.get(key_form(key), [])
            if len(hits) == 1:
                return Match(hits[0], "Schlüssel")
        folded = region_key(name) if name else ""
        if folded:
            hits = self.by_name.get(folded, [])
            if len(hits) == 1:
                return Match(hits[0], "Name")
            if len(hits) > 1:
                return Match(
                    "",
                    Said(
                        N_("der Name „%(name)s“ passt auf %(n)s Regionen"), name=name, n=len(hits)
                    ),
                )
            near = self._similar(folded)
            if near:
                return Match(near, "ähnlich")
        return Match("", _none(key, name))

    def _similar(self, folded: str) -> str:
        scored = sorted(
            ((similarity(folded, other), ids) for other, ids in self.by_name.items()),
            key=lambda t: -t[0],
        )
        if not scored or scored[0][0] < SIMILAR or len(scored[0][1]) != 1:
            return ""
        if len(scored) > 1 and scored[1][0] > scored[0][0] - 0.05:
            return ""
        return scored[0][1][0]


def _none(key: str, name: str) -> Said:
    """Why no region matches, naming what the row gave."""
    if key and name:
        template = N_("keine Region mit Schlüssel oder Namen %(key)s „%(name)s“")
    elif name:
        template = N_("keine Region mit Schlüssel oder Namen „%(name)s“")
    else:
        template = N_("keine Region mit Schlüssel oder Namen %(key)s")
    return Said(template, key=key, name=name)


def stored_regions(store: Store) -> RegionIndex:
    """The stored regions as an index."""
    index = RegionIndex()
    for r in store.read("indicators/regions"):
        index.add(r["id"], r["name"] or r["id"], r["ags"])
    return index
