"""The review completes the partner's statement: a person who left loses job and contact
roles (off every contact list), consent from the survey is recorded with its wording also
over an older consent, an ended tie keeps the partner's note and ends when they say, and
the comparison counts ended ties."""

from __future__ import annotations

from datetime import date, timedelta

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.personal import consent, contacts
from netzwerk.graph.personal.contacts import ContactFilter
from netzwerk.graph.surveys import compare, review
from tests.integration.test_surveys import answer_as, build, decide_shown, new_survey


def _accept_all(store: graph.Store, s: sv.Survey, actor: str) -> None:
    r = next(x for x in review.queue(store, s) if x.actor_id == actor)
    decide_shown(store, s, r.id, [p.key for p in r.pending], accept=True, user="manager")


def test_a_person_who_left_is_off_every_contact_list(store: graph.Store) -> None:
    build(store)
    graph.create_link(
        store, graph.Link(type="CONTACT_FOR", from_id="pa", to_id="al", role="Vertretung"), user="t"
    )
    graph.create_link(
        store, graph.Link(type="CONTACT_FOR", from_id="pa", to_id="a", role="Haupt"), user="t"
    )
    lists = (ContactFilter(alliance="al"), ContactFilter(topic="t-mint"))
    for flt in lists:
        assert "pa" in {r.person_id for r in contacts.select(store, flt, "contact").rows}
    s = new_survey(store)
    token = next(i.token for i in sv.issue_links(store, s.id) if i.invite.actor_id == "a")
    answer_as(store, token, {"c0_id": "pa", "c0_here": "nein"})
    _accept_all(store, s, "a")
    assert graph.links_of(store, "Person", "pa", ["CONTACT_FOR"]) == []
    (job,) = graph.links_of(store, "Person", "pa", ["WORKS_AT"])
    assert job.until is not None and job.until < date.today()
    for flt in lists:
        listed = {r.person_id for r in contacts.select(store, flt, "contact").rows}
        assert "pa" not in listed, flt


def test_consent_is_recorded_with_the_survey_wording_over_an_older_one(
    store: graph.Store,
) -> None:
    build(store)  # Anna consented in 2024 through a form
    s = new_survey(store, per="person")
    token = next(i.token for i in sv.issue_links(store, s.id) if i.invite.person_id == "pa")
    answer_as(store, token, {"c0_id": "pa", "c0_consent": "1"})
    r = next(x for x in review.queue(store, s) if x.actor_id == "a")
    assert "consent:pa" in {p.key for p in r.pending}
    _accept_all(store, s, "a")
    latest = consent.current(consent.for_person(store, "pa"), "contact")
    assert latest and latest.wording == s.consent_wording and latest.source == s.source


def test_an_ended_tie_keeps_the_note_ends_when_told_and_is_counted(store: graph.Store) -> None:
    build(store)
    graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH",
            from_id="a",
            to_id="b",
            kind="Informationsaustausch",
            since=date(2015, 1, 1),
            note="Lesefest",
        ),
        user="t",
    )
    s = new_survey(store)
    token = next(i.token for i in sv.issue_links(store, s.id) if i.invite.actor_id == "a")
    last_month = date.today().replace(day=1) - timedelta(days=1)
    _ans, errors = answer_as(store, token, {"rows": "1", "p0_id": "b", "p0_until": "13.2024"})
    assert [e.field for e in errors] == ["p0_until"]
    _ans, errors = answer_as(
        store,
        token,
        {
            "rows": "1",
            "p0_id": "b",
            "p0_ended": "1",
            "p0_until": last_month.strftime("%m.%Y"),
            "p0_note": "Projekt ausgelaufen",
        },
    )
    assert errors == []
    _accept_all(store, s, "a")
    (tie,) = graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])
    assert tie.until == last_month
    assert "Lesefest" in tie.note and "Projekt ausgelaufen" in tie.note
    closed = sv.close_survey(store, s.id)
    rows = {
        t: (b, a)
        for t, b, a in compare.compare(store, closed.before or {}, closed.after or {}).rows
    }
    assert rows["beendete Kooperationen seit Beginn"] == (0, 1)


def test_the_pair_stays_a_pair_until_both_sides_are_decided(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    toks = {i.invite.actor_id: i.token for i in sv.issue_links(store, s.id)}
    answer_as(store, toks["a"], {"rows": "1", "p0_name": "Stadtbibliothek", "p0_note": "Lesefest"})
    answer_as(
        store,
        toks["b"],
        {"rows": "1", "p0_name": "VHS Trier", "p0_kind": "Gemeinsames Angebot", "p0_note": "Kurse"},
    )
    a = next(x for x in review.queue(store, s) if x.actor_id == "a")
    decide_shown(store, s, a.id, ["coop_new:b"], accept=True, user="manager")
    b = next(x for x in review.queue(store, s) if x.actor_id == "b")
    (half,) = [p for p in b.pending if p.key == "coop_new:a"]
    assert half.kind == "coop_new" and half.pair == "confirmed"
    decide_shown(store, s, b.id, ["coop_new:a"], accept=True, user="manager")
    (tie,) = graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])
    assert "Lesefest" in tie.note and "Kurse" in tie.note
    assert tie.kind == "Informationsaustausch"  # the first side's value is not overwritten


def test_similar_new_actors_across_answers_become_one(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    toks = {i.invite.actor_id: i.token for i in sv.issue_links(store, s.id)}
    answer_as(store, toks["a"], {"rows": "1", "p0_name": "Sternwarte Trier"})
    answer_as(store, toks["b"], {"rows": "1", "p0_name": "Sternwarte Trier e. V."})
    queue = {r.actor_id: r for r in review.queue(store, s)}
    (new_a,) = [p for p in queue["a"].pending if p.kind == "actor_new"]
    assert new_a.similar == ["Stadtbibliothek: „Sternwarte Trier e. V.“"]
    decide_shown(store, s, queue["a"].id, [new_a.key], accept=True, user="manager")
    b = next(x for x in review.queue(store, s) if x.actor_id == "b")
    (coop,) = [p for p in b.pending if p.kind in ("coop_new", "actor_new")]
    assert coop.kind == "coop_new" and "Sternwarte Trier e. V." in coop.subject
    decide_shown(store, s, b.id, [coop.key], accept=True, user="manager")
    names = [a.name for a in graph.list_nodes(store, graph.Actor, limit=100).items]
    assert names.count("Sternwarte Trier") == 1 and "Sternwarte Trier e. V." not in names
    partners = {
        lk.to_id if lk.from_id == "b" else lk.from_id
        for lk in graph.links_of(store, "Actor", "b", ["COOPERATES_WITH"])
    }
    assert len(partners) == 1
