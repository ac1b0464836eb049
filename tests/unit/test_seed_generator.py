"""The demo region is exactly what its tables generate, and the builder's check can fail.

The shipped JSON (what ``netzwerk seed`` loads) must not drift from ``seed/data/*.toml``:
an edit of either without regenerating fails here. The check tests tamper with a generated
region to show that the self-check catches a closed gap or a dangling reference.
"""

from __future__ import annotations

import copy
import doctest
import shutil
from importlib import resources
from pathlib import Path

import pytest

from netzwerk.graph.admin import seed as seed_loader
from netzwerk.graph.core.validation import validate_link, validate_node
from seed import generate
from seed.builder import actors as seed_actors
from seed.builder import tables as seed_tables
from seed.builder.check import SeedCheckError, check

SHIPPED = resources.files("netzwerk.seeddata").joinpath("bildungsregion_trier")


@pytest.fixture(scope="module")
def region() -> tuple[dict, list, seed_tables.Tables]:
    tables = seed_tables.load()
    data, actors = generate.build(tables)
    return data, actors, tables


def test_regenerating_gives_the_shipped_files_byte_for_byte(tmp_path: Path) -> None:
    report = generate.generate(tmp_path)
    shipped = {e.name: e.read_bytes() for e in SHIPPED.iterdir() if e.name.endswith(".json")}
    made = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(made) == sorted(shipped)
    for name, content in shipped.items():
        assert made[name] == content, f"{name} differs: run `python -m seed.generate`"
    assert report[-1].startswith(f"wrote {len(shipped)} files")


def test_the_shipped_records_pass_the_apps_validation_unchanged() -> None:
    nodes, links = seed_loader.build(seed_loader.read_dataset())
    assert [validate_node(n) for n in nodes] == nodes
    assert [validate_link(lk) for lk in links] == links


def test_a_closed_planted_gap_fails_the_check(region) -> None:
    data, actors, tables = region
    check(data, actors, tables)  # as generated
    broken = copy.deepcopy(data)
    isolated = next(a.id for a in actors if a.spec.tag == "iso")
    hub = next(a.id for a in actors if a.spec.tag == "core")
    closing = {**broken["cooperations"][0], "id": "coop-9999", "a": isolated, "b": hub}
    broken["cooperations"].append(closing)
    with pytest.raises(SeedCheckError, match="isolated actors are not the 'iso' ones"):
        check(broken, actors, tables)


def test_a_cluster_linked_past_its_bridge_fails_the_check(region) -> None:
    data, actors, tables = region
    cluster = tables.clusters[0]
    inside = next(a.id for a in actors if a.spec.tag == cluster.tag)
    outside = next(a.id for a in actors if a.spec.tag == "core")
    broken = copy.deepcopy(data)
    broken["cooperations"].append(
        {**broken["cooperations"][0], "id": "coop-9999", "a": inside, "b": outside}
    )
    with pytest.raises(SeedCheckError, match=f"cluster {cluster.tag} reaches the network past"):
        check(broken, actors, tables)


def test_a_dangling_reference_or_unknown_kind_fails_the_check(region) -> None:
    data, actors, tables = region
    broken = copy.deepcopy(data)
    broken["actors"][0]["kind"] = "Raumstation"
    broken["persons"][0]["works_at"][0]["actor"] = "actor-gibt-es-nicht"
    with pytest.raises(SeedCheckError) as caught:
        check(broken, actors, tables)
    assert "kind Raumstation" in str(caught.value)
    assert "actor-gibt-es-nicht" in str(caught.value)


def test_a_wrong_field_in_a_table_names_the_file(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(seed_tables.DATA_DIR, data_dir)
    actors = data_dir / "actors.toml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace('profile = "office"', 'profil = "office"', 1),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"actors\.toml, row 1 .*profil"):
        generate.generate(tmp_path / "out", data_dir)
    assert not (tmp_path / "out").exists()


def test_a_strengthened_weak_transition_fails_the_check(region) -> None:
    data, actors, tables = region
    vg = next(vg for vg, limit in tables.transition.limits.items() if limit == 0)
    local = [a for a in actors if a.area == "kreis" and a.vg == vg]
    kita = next(a.id for a in local if a.stages == [tables.transition.lower])
    school = next(a.id for a in local if tables.transition.upper in a.stages)
    broken = copy.deepcopy(data)
    broken["cooperations"].append(
        {**broken["cooperations"][0], "id": "coop-9999", "a": kita, "b": school}
    )
    with pytest.raises(SeedCheckError, match=f"transition in VG {vg}: 1 links, at most 0"):
        check(broken, actors, tables)


def test_the_builders_examples_hold() -> None:
    result = doctest.testmod(seed_actors)
    assert result.attempted >= 1 and result.failed == 0
