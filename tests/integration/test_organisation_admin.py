"""Administering organisations: the instance admin creates and renames offices and sets an
account's office; the owning office's editor (or the instance admin) hands a record to
another office or changes its co-owners — through the write path, with history, refused
for anyone else.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.operations.handover import change_owners
from netzwerk.graph.records import history, organisations
from tests.conftest import PASSWORD, csrf_token, user_named
from tests.integration.test_organisations import _client, _send, offices

__all__ = ["offices"]  # the fixture, used by name


@pytest.fixture
def chief(store: graph.Store) -> str:
    """An instance admin."""
    users.create_user(store, "chef", PASSWORD, role="admin")
    return "chef"


def _post(client: Any, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data={**data, "csrf_token": csrf_token(client)})


def _owners(store: graph.Store, label: str, record_id: str) -> organisations.Owners:
    return organisations.owners_of(store, label, [record_id])[record_id]


def test_the_instance_admin_creates_and_renames_an_organisation(app, store, offices, chief):
    client = _client(app, chief)
    resp = _post(
        client,
        "/verwaltung/organisationen",
        {"name": "Verbandsgemeinde Konz", "slug": "vg-konz", "recipient": "der VG Konz"},
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:400]
    made = {o.slug: o for o in organisations.all_organisations(store)}["vg-konz"]
    assert made.name == "Verbandsgemeinde Konz"
    page = client.get("/verwaltung/organisationen").get_data(as_text=True)
    assert "Verbandsgemeinde Konz" in page

    resp = _post(
        client,
        "/verwaltung/organisationen/vg-konz",
        {"name": "VG Konz", "recipient": "der VG Konz", "version": made.version},
    )
    assert resp.status_code == 302
    renamed = {o.slug: o for o in organisations.all_organisations(store)}["vg-konz"]
    assert renamed.name == "VG Konz"
    entries = history.for_record(store, made.id)
    assert [e.action for e in entries] == ["update", "create"]
    assert entries[0].changes["name"] == ["Verbandsgemeinde Konz", "VG Konz"]
    assert entries[0].user == chief

    # A stale form does not overwrite: back to the form with a German notice.
    stale = _post(
        client,
        "/verwaltung/organisationen/vg-konz",
        {"name": "Alt", "recipient": "", "version": made.version},
    )
    assert stale.status_code == 302
    assert {o.slug: o.name for o in organisations.all_organisations(store)}["vg-konz"] == "VG Konz"
    assert client.get("/verwaltung/organisationen/unbekannt").status_code == 404


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"name": "Doppelt", "slug": "stadt"}, "slug", "bereits vergeben"),
        ({"name": "Falsch", "slug": "Stadt Trier!"}, "slug", "Kleinbuchstaben"),
        ({"name": "Falsch", "slug": "-stadt"}, "slug", "Kleinbuchstaben"),
        ({"name": "", "slug": "leer"}, "name", "Namen"),
        ({"name": "x" * 201, "slug": "lang"}, "name", "200"),
        ({"name": "Grenze", "slug": "grenze"}, "slug", "reserviert"),
    ],
)
def test_bad_organisations_are_refused_at_the_field(
    app, store, offices, chief, data, field, message
):
    before = organisations.all_organisations(store)
    resp = _post(_client(app, chief), "/verwaltung/organisationen", {"recipient": "", **data})
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    block = re.search(
        rf'<div class="field has-error">\s*<label for="o-{field}".*?</div>', html, re.S
    )
    assert block, html[:800]
    assert message in block.group(0)
    assert organisations.all_organisations(store) == before


def test_organisation_pages_are_for_the_instance_admin_only(app, offices) -> None:
    for name in ("red-stadt", "red-kreis", "lesen-kreis"):
        client = _client(app, name)
        assert client.get("/verwaltung/organisationen").status_code == 403
        resp = _post(client, "/verwaltung/organisationen", {"name": "Heimlich", "slug": "heim"})
        assert resp.status_code == 403


def test_the_admin_moves_an_account_to_another_office(app, store, offices, chief) -> None:
    account = user_named(store, "red-stadt")
    client = _client(app, chief)
    form = {
        "display_name": account.display_name,
        "role": "editor",
        "contacts": "",
        "active": "y",
        "version": account.version,
    }
    bad = _post(client, f"/verwaltung/benutzer/{account.id}", {**form, "org": "nirgendwo"})
    assert bad.status_code == 400
    assert "bestehende Organisation" in bad.get_data(as_text=True)
    assert user_named(store, "red-stadt").org == "stadt"

    ok = _post(client, f"/verwaltung/benutzer/{account.id}", {**form, "org": "kreis"})
    assert ok.status_code == 302
    moved = user_named(store, "red-stadt")
    assert moved.org == "kreis"
    entry = history.for_record(store, account.id)[0]
    assert entry.changes["org"] == ["stadt", "kreis"]
    # The account now works for the district: the city's actor is a proposal's business.
    actor = graph.get(store, graph.Actor, offices["actor"])
    resp = _send(
        _client(app, "red-stadt"),
        "PATCH",
        f"/api/v1/actors/{actor.id}",
        {"town": "Konz"},
        actor.version,
    )
    assert resp.status_code == 202, resp.get_data(as_text=True)[:300]


def test_a_new_account_gets_its_office(app, store, offices, chief) -> None:
    client = _client(app, chief)
    resp = _post(
        client,
        "/verwaltung/benutzer",
        {
            "username": "neu-kreis",
            "display_name": "Neu",
            "role": "viewer",
            "org": "kreis",
            "password": PASSWORD,
        },
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:400]
    assert user_named(store, "neu-kreis").org == "kreis"
    listing = client.get("/verwaltung/benutzer").get_data(as_text=True)
    assert "Landkreis" in listing


def test_the_owner_hands_a_record_to_the_neighbour(app, store, offices) -> None:
    actor = graph.get(store, graph.Actor, offices["actor"])
    city = _client(app, "red-stadt")
    page = city.get(f"/akteure/{actor.id}/bearbeiten").get_data(as_text=True)
    assert "Besitzende Organisation" in page
    resp = _post(
        city,
        f"/akteure/{actor.id}/organisation",
        {"org": "kreis", "co_orgs": ["stadt"], "version": actor.version},
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:400]
    assert _owners(store, "Actor", actor.id) == organisations.Owners("kreis", ("stadt",))
    entry = history.for_record(store, actor.id)[0]
    assert entry.user == "red-stadt"
    assert entry.changes == {"org": ["stadt", "kreis"], "co_orgs": [[], ["stadt"]]}
    # The district owns it now and writes directly; the city, a co-owner, too.
    after = graph.get(store, graph.Actor, actor.id)
    edited = graph.update_record(
        store, graph.Actor(**{**after.__dict__, "town": "Konz"}), user="red-kreis"
    )
    assert edited.town == "Konz"
    # The city, only a co-owner, cannot give it away again.
    with pytest.raises(graph.ForbiddenError):
        change_owners(store, graph.Actor, actor.id, owner="stadt", co_owners=[], user="red-stadt")


def test_another_office_cannot_take_a_record(app, store, offices) -> None:
    actor = graph.get(store, graph.Actor, offices["actor"])
    kreis = _client(app, "red-kreis")
    page = kreis.get(f"/akteure/{actor.id}/bearbeiten").get_data(as_text=True)
    assert "Besitzende Organisation" not in page
    resp = _post(
        kreis,
        f"/akteure/{actor.id}/organisation",
        {"org": "kreis", "co_orgs": [], "version": actor.version},
    )
    assert resp.status_code == 403
    assert "anderen Organisation" in resp.get_data(as_text=True)
    viewer = _post(
        _client(app, "lesen-kreis"),
        f"/akteure/{actor.id}/organisation",
        {"org": "kreis", "version": actor.version},
    )
    assert viewer.status_code == 403
    assert _owners(store, "Actor", actor.id) == organisations.Owners("stadt", ())
    assert graph.get(store, graph.Actor, actor.id).version == actor.version


def test_an_unknown_office_is_refused_at_the_field(app, store, offices) -> None:
    actor = graph.get(store, graph.Actor, offices["actor"])
    resp = _post(
        _client(app, "red-stadt"),
        f"/akteure/{actor.id}/organisation",
        {"org": "stadt", "co_orgs": ["<script>x</script>"], "version": actor.version},
    )
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "unbekannte Organisation" in html and "<script>x" not in html
    assert _owners(store, "Actor", actor.id) == organisations.Owners("stadt", ())


def test_a_stale_handover_is_a_conflict(app, store, offices) -> None:
    actor = graph.get(store, graph.Actor, offices["actor"])
    graph.update_record(store, graph.Actor(**{**actor.__dict__, "town": "Trier"}), user="red-stadt")
    resp = _post(
        _client(app, "red-stadt"),
        f"/akteure/{actor.id}/organisation",
        {"org": "kreis", "version": actor.version},
    )
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/bearbeiten")
    assert _owners(store, "Actor", actor.id).owner == "stadt"


SLUGS = st.lists(st.sampled_from(["stadt", "kreis", "default", "weg", ""]), max_size=4)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(st.sampled_from(["stadt", "kreis", "weg"]), SLUGS), max_size=4))
def test_handovers_in_sequence_keep_one_owner(store, offices, steps) -> None:
    """Any sequence of handovers by the instance: each either stores exactly the asked
    owners (the owner not among the co-owners, no duplicates) or, naming an unknown office,
    changes nothing."""
    project = offices["project"]
    for owner, co in steps:
        before = _owners(store, "Project", project)
        try:
            done = change_owners(
                store, graph.Project, project, owner=owner, co_owners=co, user="cli"
            )
        except graph.ValidationError:
            assert "weg" in [owner, *co] or "" in co
            assert _owners(store, "Project", project) == before
            continue
        expected = organisations.Owners(owner, tuple(sorted(set(co) - {owner})))
        assert done.after == expected
        assert _owners(store, "Project", project) == expected
