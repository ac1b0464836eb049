"""Erasure reaches what the survey review wrote: the respondent is named by id and rendered
when shown, and free text typed about the person (name, e-mail, phone) is swept."""

from __future__ import annotations

import json

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import backup
from netzwerk.graph.records import history
from netzwerk.graph.surveys import review
from tests.integration.test_surveys import answer_as, build, decide_shown, new_survey

NAME, EMAIL, PHONE = "Anna Alt", "anna@a.example", "0651 4711"


def test_accepted_survey_answer_leaves_nothing_of_an_erased_respondent(
    store: graph.Store,
) -> None:
    build(store)
    anna = graph.get(store, graph.Person, "pa")
    anna.phone = PHONE
    graph.update_record(store, anna, user="t")
    s = new_survey(store, per="person")
    token = next(i.token for i in sv.issue_links(store, s.id) if i.invite.person_id == "pa")
    typed = f"Ansprechpartnerin {NAME}, {EMAIL}, Tel. {PHONE}"
    _answer, errors = answer_as(
        store,
        token,
        {
            "phone": "0651 1",
            "c0_id": "pa",
            "c0_function": "Leitung Grundbildung",
            "rows": "2",
            "p0_name": "Stadtbibliothek",
            "p0_kind": "Projektpartnerschaft",
            "p0_note": typed,
            "p1_name": "Sternwarte Trier",
        },
    )
    assert errors == []
    (r,) = review.queue(store, s)
    decide_shown(store, s, r.id, [p.key for p in r.pending], accept=True, user="manager")
    # while the person exists, the history names the respondent (resolved when read)
    entries = history.for_record(store, "a")
    assert any(NAME in json.dumps(e.changes, ensure_ascii=False) for e in entries)
    dump = json.dumps(backup.dump(store), ensure_ascii=False)
    assert f"({NAME})" not in dump, "the respondent's name is not copied into free text"

    operations.erase_person(store, "pa", user="admin")
    dump = json.dumps(backup.dump(store), ensure_ascii=False)
    for term in (NAME, EMAIL, PHONE):
        assert term not in dump, term
    coop = graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])
    assert {c.note.split(".")[0] for c in coop} == {
        "Gemeldet von VHS Trier in der Befragung Netzwerk 2025"
    }
    rendered = json.dumps([e.changes for e in history.for_record(store, "a")], ensure_ascii=False)
    assert "gelöschte Person" in rendered
    created = next(
        a for a in graph.list_nodes(store, graph.Actor).items if a.name == "Sternwarte Trier"
    )
    assert NAME not in created.notes and "VHS Trier" in created.notes
