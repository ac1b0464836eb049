"""Merging two actors moves every link, loses nothing and is recorded in the history."""

from __future__ import annotations

import pytest

from netzwerk import graph
from netzwerk.graph.operations import merge
from netzwerk.graph.records import history


def _setup(store: graph.Store):
    keep = graph.create_record(
        store,
        graph.Actor(
            name="Volkshochschule Trier", kind="VHS/Weiterbildung", email="info@vhs.example"
        ),
        user="test",
    )
    dup = graph.create_record(
        store,
        graph.Actor(name="VHS Trier", kind="VHS/Weiterbildung", town="Trier", notes="aus Import"),
        user="test",
    )
    school = graph.create_record(
        store, graph.Actor(name="Grundschule Ehrang", kind="Schule"), user="test"
    )
    alliance = graph.create_record(store, graph.Alliance(name="MINT-Initiativkreis"), user="test")
    mint = graph.create_record(store, graph.Topic(name="MINT"), user="test")
    person = graph.create_record(store, graph.Person(last_name="Becker"), user="test")
    L = graph.Link
    for link in (
        L(type="WORKS_AT", from_id=person.id, to_id=dup.id, function="Leitung"),
        L(type="MEMBER_OF", from_id=dup.id, to_id=alliance.id, role="Koordination"),
        L(type="MEMBER_OF", from_id=keep.id, to_id=alliance.id),
        L(type="COOPERATES_WITH", from_id=dup.id, to_id=school.id, kind="Verweisberatung"),
        L(type="COOPERATES_WITH", from_id=dup.id, to_id=keep.id, kind="Gremienarbeit"),
        L(type="WORKS_ON", from_id=dup.id, to_id=mint.id),
    ):
        graph.create_link(store, link, user="test")
    return keep, dup, school, alliance, person


def test_merge_moves_links_fills_fields_and_records(store: graph.Store) -> None:
    keep, dup, school, alliance, person = _setup(store)
    result = merge.merge_actors(store, keep.id, dup.id, user="anna")
    assert (result.moved, result.absorbed, result.dropped) == (3, 1, 1)
    links = {(lk.type, lk.from_id, lk.to_id): lk for lk in graph.links_of(store, "Actor", keep.id)}
    assert links[("WORKS_AT", person.id, keep.id)].function == "Leitung"
    assert links[("MEMBER_OF", keep.id, alliance.id)].role == "Koordination"  # filled from dup
    coop = [lk for lk in links.values() if lk.type == "COOPERATES_WITH"]
    assert len(coop) == 1 and {coop[0].from_id, coop[0].to_id} == {keep.id, school.id}
    assert coop[0].from_id < coop[0].to_id  # canonical direction kept
    assert "WORKS_ON" in {lk.type for lk in links.values()}
    survivor = graph.get(store, graph.Actor, keep.id)
    assert survivor.town == "Trier" and survivor.notes == "aus Import"
    assert survivor.email == "info@vhs.example" and survivor.version == 2
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Actor, dup.id)
    (entry,) = [e for e in history.for_record(store, keep.id) if e.action == "merge"]
    assert entry.changes["merged_from"] == [dup.id, "VHS Trier"]
    (gone,) = [e for e in history.for_record(store, dup.id) if e.action == "merge"]
    snap = gone.changes["snapshot"][0]
    assert snap["node"]["name"] == "VHS Trier" and len(snap["links"]) == 5


def test_merge_is_all_or_nothing(store: graph.Store) -> None:
    keep, dup, *_ = _setup(store)
    with pytest.raises(graph.ConflictError):
        merge.merge_actors(store, keep.id, dup.id, user="anna", duplicate_version=99)
    assert len(graph.links_of(store, "Actor", dup.id)) == 5
    with pytest.raises(graph.ValidationError):
        merge.merge_actors(store, keep.id, keep.id, user="anna")
    with pytest.raises(graph.NotFoundError):
        merge.merge_actors(store, keep.id, "actor-gibtsnicht", user="anna")
    assert [e for e in history.for_record(store, keep.id) if e.action == "merge"] == []


def test_merge_in_the_browser(make_client, store: graph.Store) -> None:
    from tests.conftest import csrf_token

    keep, dup, *_ = _setup(store)
    client = make_client("editor")
    page = client.get(f"/akteure/{keep.id}/zusammenfuehren").get_data(as_text=True)
    assert "VHS Trier" in page  # suggested as a likely duplicate
    page = client.get(f"/akteure/{keep.id}/zusammenfuehren?mit={dup.id}").get_data(as_text=True)
    assert "5 Verknüpfungen" in page
    token = csrf_token(client, f"/akteure/{keep.id}/zusammenfuehren?mit={dup.id}")
    resp = client.post(
        f"/akteure/{keep.id}/zusammenfuehren",
        data={
            "csrf_token": token,
            "duplicate_id": dup.id,
            "version": "1",
            "duplicate_version": "1",
        },
    )
    assert resp.status_code == 302
    page = client.get(f"/akteure/{keep.id}").get_data(as_text=True)
    assert "zusammengeführt" in page and "Grundschule Ehrang" in page
