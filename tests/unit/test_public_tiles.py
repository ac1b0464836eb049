"""The tile map of the Bildungslandkarte: the demo region is laid out in full, tiles never
overlap, and a tile's lines are its name (what axe compares with the link's name)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from netzwerk.graph.network.snapshot import Vocabulary
from netzwerk.graph.sharing.public_tiles import LAYOUTS, MAX_LINE, lines_of, tile_maps

REGIONS = Path(__file__).resolve().parents[2] / "seed" / "bildungsregion_trier" / "regions.json"


def _demo() -> Vocabulary:
    vocab = Vocabulary()
    for row in json.loads(REGIONS.read_text(encoding="utf-8")):
        vocab.regions[row["id"]] = row["name"]
        vocab.region_kind[row["id"]] = row["kind"]
        if row["part_of"]:
            vocab.region_parent[row["id"]] = row["part_of"]
    return vocab


def test_every_stadtteil_and_verbandsgemeinde_of_the_demo_has_its_place() -> None:
    vocab = _demo()
    maps = tile_maps(vocab, {rid: (3, 1) for rid in vocab.regions})
    assert [m.name for m in maps] == ["Stadt Trier", "Landkreis Trier-Saarburg"]
    for m in maps:
        layout = {k.casefold() for k in LAYOUTS[m.name.casefold()]}
        assert {t.name.casefold() for t in m.tiles} == layout, m.name  # none fell back
        spots = [(t.x, t.y) for t in m.tiles]
        assert len(spots) == len(set(spots)), m.name
        assert all(t.actors == 3 and t.level == 4 for t in m.tiles)
    city, district = maps
    assert len(city.tiles) == 19 and city.wide
    assert [t.name for t in district.tiles if t.neighbour] == ["Stadt Trier"]


def test_regions_the_layout_does_not_know_get_rows_below() -> None:
    vocab = _demo()
    vocab.regions["region-neu"] = "Neustadt"
    vocab.region_kind["region-neu"] = "Stadtteil"
    vocab.region_parent["region-neu"] = "region-stadt-trier"
    city = tile_maps(vocab, {})[0]
    new = next(t for t in city.tiles if t.region == "region-neu")
    assert new.y > max(t.y for t in city.tiles if t.region != "region-neu")
    assert all(t.level == 0 and t.actors == 0 for t in city.tiles)


@given(st.text(st.characters(categories=("L", "Zs"), include_characters="/-"), max_size=80))
def test_a_tiles_lines_are_its_name(name: str) -> None:
    lines = lines_of(name)
    assert "".join(lines) == name
    assert len(lines) <= 3
    # a line breaks after " ", "/" and "-" only: a no-break space (also "Zs") keeps its
    # neighbours on one line, as it should; a "/" or "-" stays with the word before it
    # ("Saarburg/" is one piece), a line's closing space does not count
    pieces = [len(w.rstrip(" ")) for w in re.split(r"(?<=[ /-])", name) if w]
    if len(lines) < 3 and max(pieces, default=0) <= MAX_LINE:
        assert all(len(line.rstrip()) <= MAX_LINE for line in lines)
