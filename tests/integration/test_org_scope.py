"""Surveys, consent mails, import matching and merges, each within one office.

The two offices of :mod:`tests.integration.test_organisations` (the city ``stadt`` owns the
small graph with its person Gerda; the district ``kreis`` its school and its person Karl).
Karl also works at the city's school (a link the district may write: it owns one end), so
one actor has contact persons of both offices. Each test also checks the office that must
see the data does see it, so none passes by hiding everything.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import seed
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import merge
from netzwerk.graph.personal import confirmation, consent
from netzwerk.graph.records import changesets, organisations, visibility
from netzwerk.graph.surveys import distribution, mail, respondent
from tests.conftest import SEED_EMAIL, csrf_token
from tests.integration import test_survey_mail
from tests.integration.test_consent_double_optin import _pending
from tests.integration.test_organisations import DISTRICT_EMAIL, _client, offices
from tests.integration.test_survey_mail import Inbox

__all__ = ["offices"]  # the fixture, used by name
smtp = test_survey_mail.smtp  # the local SMTP server (aiosmtpd)


@pytest.fixture
def shared(store: graph.Store, offices: dict[str, str]) -> dict[str, str]:
    """Karl (the district's) also works at the city's school, beside the city's Gerda."""
    graph.create_link(
        store,
        graph.Link(type="WORKS_AT", from_id=offices["own_person"], to_id=offices["actor"]),
        user="red-kreis",
    )
    return offices


def _survey(store: graph.Store, ids: dict[str, str], office: str, user: str) -> sv.Survey:
    """A survey of one link per contact person of the city's school, asked by ``office``."""
    survey = sv.Survey(
        title=f"Netzwerk ({office})",
        intro="Bitte nennen Sie Ihre Partner.",
        closes=date.today() + timedelta(days=30),
        scope=sv.Scope("actors", Filter(), (ids["actor"],)),
        per="person",
    )
    with visibility.reading_as(office):
        created, _ = sv.create_survey(store, survey, user=user)
    return created


def _city_survey(store: graph.Store, ids: dict[str, str]) -> sv.Survey:
    return _survey(store, ids, "stadt", "red-stadt")


def test_a_survey_invites_only_its_own_offices_contact_persons(
    store: graph.Store, shared: dict[str, str], smtp: tuple[Inbox, Any]
) -> None:
    inbox, settings = smtp
    survey = _city_survey(store, shared)
    assert survey.org == "stadt"
    invites = sv.invites_of(store, survey.id)
    assert [i.person_id for i in invites] == [shared["person"]], "Karl is the district's"
    with visibility.reading_as("stadt"):
        sent = mail.send_invitations(
            store, survey.id, settings, base_url="https://netzwerk.example", user="red-stadt"
        )
    assert sent.sent == 1
    recipients = [str(m["To"]) for m in inbox.messages]
    assert any(SEED_EMAIL in r for r in recipients)
    assert not any(DISTRICT_EMAIL in r for r in recipients)
    issued = sv.issue_links(store, survey.id)
    rows, _left_out = distribution.recipients(store, survey, issued, "https://x.example")
    assert DISTRICT_EMAIL not in repr(rows) and SEED_EMAIL in repr(rows)


def test_the_respondent_page_lists_only_the_asking_offices_persons(
    store: graph.Store, shared: dict[str, str]
) -> None:
    survey = _city_survey(store, shared)
    issued = sv.issue_links(store, survey.id)
    access = sv.check_link(store, issued[0].token)
    page = respondent.view(store, access.invite, access.survey.follows)
    assert [c["id"] for c in page.contacts] == [shared["person"]]


def test_another_offices_survey_and_review_queue_are_not_found(
    store: graph.Store, shared: dict[str, str]
) -> None:
    survey = _city_survey(store, shared)
    with visibility.reading_as("kreis"):
        assert sv.list_surveys(store) == []
        with pytest.raises(graph.NotFoundError):
            sv.get_survey(store, survey.id)
    with visibility.reading_as("stadt"):
        assert [x.survey.id for x in sv.list_surveys(store)] == [survey.id]
        assert sv.get_survey(store, survey.id).title == "Netzwerk (stadt)"


def test_a_district_survey_of_the_same_actor_asks_only_karl(
    store: graph.Store, shared: dict[str, str]
) -> None:
    created = _survey(store, shared, "kreis", "red-kreis")
    n = len(sv.invites_of(store, created.id))
    assert (created.org, n) == ("kreis", 1)
    assert [i.person_id for i in sv.invites_of(store, created.id)] == [shared["own_person"]]


def test_consent_mails_go_out_per_owning_office(
    store: graph.Store, shared: dict[str, str], smtp: tuple[Inbox, Any]
) -> None:
    inbox, settings = smtp
    _pending(store, shared["person"])
    _pending(store, shared["own_person"])
    with visibility.reading_as("kreis"):
        assert confirmation.unsent(store) == 1
        sent = confirmation.send_pending(store, settings, base_url="https://netzwerk.example")
    assert sent.sent == 1
    (message,) = inbox.messages
    assert DISTRICT_EMAIL in str(message["To"])
    assert "Ihr Landkreis" in message.get_content()
    with visibility.reading_as("stadt"):
        assert confirmation.unsent(store) == 1
        assert confirmation.send_pending(store, settings, base_url="https://x.example").sent == 1
    assert SEED_EMAIL in str(inbox.messages[1]["To"])
    assert "Ihr Stadt Trier" in inbox.messages[1].get_content()


def test_the_loeschkonzept_lists_only_the_offices_persons(
    store: graph.Store, shared: dict[str, str]
) -> None:
    for person, user in ((shared["person"], "red-stadt"), (shared["own_person"], "red-kreis")):
        stored = graph.get(store, graph.Person, person)
        changed = dataclasses.replace(stored, legal_basis="Einwilligung", consent_contact=False)
        graph.update_record(store, changed, user=user)
    far = date.today() + timedelta(days=4000)
    with visibility.reading_as("kreis"):
        ids = {row.person_id for row in consent.without_basis(store, today=far)}
    assert ids == {shared["own_person"]}
    with visibility.reading_as(None):
        ids = {row.person_id for row in consent.without_basis(store, today=far)}
    assert ids == {shared["person"], shared["own_person"]}


PERSONS = "Vorname;Nachname;E-Mail;Einrichtung\r\n"


def _plan(store: graph.Store, text: str) -> imports.ImportPlan:
    table = imports.read_table(text.encode("utf-8"), "personen.csv")
    kind = imports.detect_kind(table.headers)
    assert kind == "persons"
    return imports.dry_run(store, table, kind, imports.guess(table.headers, kind))


def test_an_import_matches_only_persons_the_office_may_see(
    store: graph.Store, offices: dict[str, str]
) -> None:
    row = f"Gerda;Geheim;{SEED_EMAIL};Grundschule Matrix\r\n"
    with visibility.reading_as("kreis"):
        theirs = _plan(store, PERSONS + row)
    assert offices["person"] not in repr(theirs), "no match, no candidate, no name"
    assert "Geheim" not in repr([r.changes for r in theirs.results])
    assert offices["actor"] in repr(theirs), "the shared network's actor still matches"
    with visibility.reading_as("stadt"):
        own = _plan(store, PERSONS + row)
    assert offices["person"] in [r.record_id for r in own.results]


def _owner(store: graph.Store, actor_id: str, org: str) -> None:
    """Another office takes the actor over (what an admin's move would do), outside the
    merge's transactions."""
    store.driver.execute_query(
        "MATCH (a:Actor {id: $id}) SET a.org = $org", {"id": actor_id, "org": org}
    )


def test_a_merge_is_refused_when_an_owner_changed_before_it_applies(
    store: graph.Store, offices: dict[str, str]
) -> None:
    survivor, duplicate = offices["actor"], offices["other_actor"]
    cs_id, payload = merge.propose_merge(store, survivor, duplicate, user="red-stadt")
    assert payload["owners"] == {survivor: ["stadt", []], duplicate: ["stadt", []]}
    _owner(store, duplicate, "kreis")
    with pytest.raises(graph.ConflictError, match="gehört inzwischen einer anderen"):
        operations.apply_changeset(store, cs_id, user="red-stadt")
    assert graph.get(store, graph.Actor, duplicate).name == "VHS Matrix", "nothing merged"
    failed = changesets.get(store, cs_id)
    assert failed is not None and failed.state == "failed"


def test_a_merge_applies_when_the_owners_stayed(
    store: graph.Store, offices: dict[str, str]
) -> None:
    survivor, duplicate = offices["actor"], offices["other_actor"]
    result = operations.merge_actors(store, survivor, duplicate, user="red-stadt")
    assert result.survivor.id == survivor
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Actor, duplicate)


PARTNERS = "Name;Art;Telefon\r\n"


def test_an_import_over_another_offices_actor_sends_a_proposal(
    app: Any, store: graph.Store, offices: dict[str, str]
) -> None:
    """The district's list names the city's school with a new phone number: the row
    matches the shared network's actor, nothing of it is written, the city gets the change
    as a proposal."""
    table = imports.read_table(
        (PARTNERS + "Grundschule Matrix;Schule;0651 4711\r\n").encode("utf-8"), "partner.csv"
    )
    with visibility.reading_as("kreis"):
        plan = imports.dry_run(store, table, "partners", imports.guess(table.headers, "partners"))
    assert [r.record_id for r in plan.results] == [offices["actor"]]
    result = operations.commit_import(store, plan, user="red-kreis")
    (foreign,) = [c for c in result.conflicts if c["field"] == "org"]
    assert foreign["stored"] == "stadt" and foreign["proposed"]
    assert graph.get(store, graph.Actor, offices["actor"]).phone != "0651 4711"
    proposal = changesets.get(store, foreign["proposed"])
    assert proposal is not None
    assert (proposal.kind, proposal.to_org, proposal.from_org) == ("proposal", "stadt", "kreis")
    # the import's page says so in words and links the proposal (its id is no cell text)
    page = _client(app, "red-kreis").get(f"/aenderungen/{result.batch}").get_data(as_text=True)
    konflikte = page[page.index('id="konflikte"') :]
    assert f'href="/aenderungen/{proposal.id}">als Vorschlag an sie gesandt</a>' in konflikte
    assert "Eintrag einer anderen Organisation" in konflikte
    assert f">{proposal.id}<" not in konflikte and ">stadt<" not in konflikte
    operations.accept_proposal(store, proposal.id, user="red-stadt")
    assert graph.get(store, graph.Actor, offices["actor"]).phone == "0651 4711"


def test_another_offices_survey_pages_answer_404(
    app: Any, store: graph.Store, shared: dict[str, str]
) -> None:
    survey = _city_survey(store, shared)
    (invite,) = sv.invites_of(store, survey.id)
    district, city = _client(app, "red-kreis"), _client(app, "red-stadt")
    assert survey.title not in district.get("/befragungen").get_data(as_text=True)
    assert survey.title in city.get("/befragungen").get_data(as_text=True)
    for path in ("", "/auswertung", "/vergleich"):
        assert district.get(f"/befragungen/{survey.id}{path}").status_code == 404, path
        assert city.get(f"/befragungen/{survey.id}{path}").status_code == 200, path
    hostile = f"/befragungen/{survey.id}/einladungen/{invite.id}/zurueckziehen"
    assert district.post(hostile, data={"csrf_token": csrf_token(district)}).status_code == 404
    assert not sv.invites_of(store, survey.id)[0].revoked


def test_the_demo_offices_each_ask_only_their_own_persons(store: graph.Store) -> None:
    """The demo region's cross-border alliance, asked by each office in turn."""
    seed.load(store)
    asked: dict[str, set[str]] = {}
    for office in ("stadt-trier", "kreis-trier-saarburg"):
        survey = sv.Survey(
            title=f"Übergang ({office})",
            closes=date.today() + timedelta(days=30),
            scope=sv.Scope("alliance", Filter(alliance="alliance-uebergang-schule-beruf")),
            per="several",
        )
        with visibility.reading_as(office):
            created, _ = sv.create_survey(store, survey, user="t")
        assert created.org == office
        asked[office] = {i.person_id for i in sv.invites_of(store, created.id) if i.person_id}
        owners = organisations.owners_of(store, "Person", sorted(asked[office]))
        assert {o.owner for o in owners.values()} <= {office}, office
    assert asked["stadt-trier"], "the city has contact persons in the alliance"
    assert not asked["stadt-trier"] & asked["kreis-trier-saarburg"]


def test_a_survey_stored_before_organisations_goes_to_its_creators_office(
    store: graph.Store, shared: dict[str, str]
) -> None:
    graph.apply_schema(store)
    survey = _city_survey(store, shared)
    store.driver.execute_query(  # as an older release stored it
        "MATCH (s:Survey {id: $id}) REMOVE s.org "
        "WITH 1 AS one MATCH (m:SchemaMigration {id: 'migrations/030_survey_organisation'}) "
        "DELETE m",
        {"id": survey.id},
        database_=store.database,
    )
    with visibility.reading_as("stadt"), pytest.raises(graph.NotFoundError):
        sv.get_survey(store, survey.id)
    graph.apply_schema(store)
    with visibility.reading_as("stadt"):
        assert sv.get_survey(store, survey.id).org == "stadt"
