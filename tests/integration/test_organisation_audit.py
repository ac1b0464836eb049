"""The audit per organisation: history, export log, data-protection search and the start
page's worklist count one office's work; the instance admin sees all and filters by office.
"""

from __future__ import annotations

from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph.admin import users, worklist
from netzwerk.graph.operations.exports import log_export_in
from netzwerk.graph.personal import contacts, privacy
from netzwerk.graph.records import history
from tests.conftest import PASSWORD
from tests.integration.test_organisations import _client, offices

__all__ = ["offices"]  # the fixture, used by name


def _chief(store: graph.Store) -> str:
    users.create_user(store, "chef", PASSWORD, role="admin")
    return "chef"


def _export(store: graph.Store, user: str, person_id: str) -> None:
    store.transaction(
        lambda tx: log_export_in(
            tx, user=user, purpose="contact", fmt="csv", described={}, person_ids=[person_id]
        )
    )


def test_history_per_organisation(app, store, offices) -> None:
    kreis_only = {c.user for c in history.recent(store, org="kreis")}
    stadt_only = {c.user for c in history.recent(store, org="stadt")}
    everyone = {c.user for c in history.recent(store)}
    assert kreis_only == {"red-kreis"}
    assert stadt_only == {"red-stadt"}
    assert {"red-kreis", "red-stadt"} <= everyone

    client = _client(app, _chief(store))
    page = client.get("/verwaltung/verlauf?organisation=kreis").get_data(as_text=True)
    assert "Realschule Kreis" in page and "Bündnis Matrix" not in page
    page = client.get("/verwaltung/verlauf").get_data(as_text=True)
    assert "Realschule Kreis" in page and "Bündnis Matrix" in page
    assert '<option value="kreis" selected>' not in page
    # An unknown office filters nothing rather than hiding everything.
    page = client.get("/verwaltung/verlauf?organisation=%3Cx%3E").get_data(as_text=True)
    assert "Bündnis Matrix" in page


def test_export_log_per_organisation(app, store, offices) -> None:
    _export(store, "red-stadt", offices["person"])
    _export(store, "red-kreis", offices["own_person"])
    entries, total = contacts.export_log(store, org="kreis")
    assert (total, [e.user for e in entries]) == (1, ["red-kreis"])
    assert contacts.export_log(store)[1] == 2
    client = _client(app, _chief(store))
    page = client.get("/kontakte/protokoll?organisation=stadt").get_data(as_text=True)
    assert "red-stadt" in page and "red-kreis" not in page


def test_data_protection_search_per_organisation(app, store, offices) -> None:
    def names(org: str | None) -> list[str]:
        return [p["name"] for p in privacy.find_persons(store, "e", org=org)]

    assert any("Kreisler" in n for n in names("kreis"))
    assert not any("Geheim" in n for n in names("kreis"))
    assert not any("Kreisler" in n for n in names("stadt"))
    assert {"Kreisler", "Geheim"} <= {n.split()[-1] for n in names(None)}
    # In the trash the person stays its office's.
    graph.delete_record(store, graph.Person, offices["own_person"], user="red-kreis")
    trashed = privacy.find_persons(store, "kreisler", org="kreis")
    assert [p["in_trash"] for p in trashed] == [True]
    assert privacy.find_persons(store, "kreisler", org="stadt") == []
    client = _client(app, _chief(store))
    page = client.get("/datenschutz?q=geheim&organisation=kreis").get_data(as_text=True)
    assert "Keine Person gefunden" in page


def _work(store: graph.Store, user: str, org: str | None) -> Any:
    return worklist.worklist(store, user=user, org=org)


def test_worklist_counts_one_office(app, store, offices) -> None:
    kreis = _work(store, "lesen-kreis", "kreis")
    stadt = _work(store, "someone", "stadt")
    everyone = _work(store, "someone", None)
    # New actors nobody connected: the district's own school only for the district.
    assert [n for _, n in kreis.isolated_names] == ["Realschule Kreis"]
    assert "Realschule Kreis" not in [n for _, n in stadt.isolated_names]
    assert everyone.isolated == kreis.isolated + stadt.isolated
    # Colleagues: the district's reader sees its editor's changes, not the city's.
    assert {c.user for c in kreis.colleague_changes} == {"red-kreis"}
    assert {c.user for c in stadt.colleague_changes} == {"red-stadt"}
    # The start page of the district's reader says the same.
    html = _client(app, "lesen-kreis").get("/").get_data(as_text=True)
    assert "Realschule Kreis" in html and "red-stadt" not in html


def test_proposals_count_for_both_offices(store, offices) -> None:
    actor = graph.get(store, graph.Actor, offices["actor"])
    with pytest.raises(graph.ProposalSent):
        graph.update_record(
            store, graph.Actor(**{**actor.__dict__, "town": "Konz"}), user="red-kreis"
        )
    for org in ("kreis", "stadt"):
        assert sum(_work(store, "x", org).changesets.values()) == 1, org
    users.create_user(store, "dritte", PASSWORD, role="editor", org="dritte")
    assert sum(_work(store, "x", "dritte").changesets.values()) == 0
