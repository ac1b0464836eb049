"""Deleting and unlinking across the border: every route that removes a record or a link ×
the district's users and the city's editor.

The rule (docs/SECURITY.md, ``operations/ownership.py``): deleting another organisation's
record, merging it away, removing a link between two of its records and undoing its
changeset are refused with a German 403 in the write path, never turned into a proposal.
The city's editor runs the same requests and they succeed, so nothing here passes because
the route is broken. A route that removes records and is not in :data:`ROUTES` (or named in
:data:`NOT_RECORDS`) fails :func:`test_every_removing_route_is_covered`.
"""

from __future__ import annotations

from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.core.errors import ForbiddenError
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.operations import sharing
from netzwerk.graph.records.nodes import get_many
from tests.integration.test_organisations import _client, _send, offices

__all__ = ["offices"]  # the fixture, used by name

# (name, endpoint, method, url, body) with {placeholders} filled from the fixture's ids.
ROUTES: list[tuple[str, str, str, str, dict[str, Any]]] = [
    ("form delete actor", "records.delete", "POST", "/akteure/{actor}/loeschen", {}),
    ("form delete person", "records.delete", "POST", "/personen/{person}/loeschen", {}),
    ("form delete alliance", "records.delete", "POST", "/buendnisse/{alliance}/loeschen", {}),
    ("form delete project", "records.delete", "POST", "/projekte/{project}/loeschen", {}),
    ("form delete topic", "records.delete", "POST", "/verwaltung/themen/{topic}/loeschen", {}),
    (
        "form delete presentation",
        "presentations.delete",
        "POST",
        "/praesentationen/{presentation}/loeschen",
        {},
    ),
    ("api delete actor", "api.delete_record", "DELETE", "/api/v1/actors/{actor}", {}),
    ("api delete person", "api.delete_record", "DELETE", "/api/v1/persons/{person}", {}),
    ("api delete alliance", "api.delete_record", "DELETE", "/api/v1/alliances/{alliance}", {}),
    ("api delete project", "api.delete_record", "DELETE", "/api/v1/projects/{project}", {}),
    ("api delete region", "api.delete_record", "DELETE", "/api/v1/regions/{region}", {}),
    (
        "form unlink",
        "records.link_delete",
        "POST",
        "/verknuepfungen/{link_type}/{link}/loeschen",
        {},
    ),
    ("api unlink", "api.delete_link", "DELETE", "/api/v1/links/{link_type}/{link}", {}),
    (
        "form merge",
        "records.merge_view",
        "POST",
        "/akteure/{actor}/zusammenfuehren",
        {"duplicate_id": "{other_actor}"},
    ),
    (
        "api merge",
        "api.merge_actor",
        "POST",
        "/api/v1/actors/{actor}/merge",
        {"duplicate_id": "{other_actor}"},
    ),
    ("undo changeset", "changesets.undo", "POST", "/aenderungen/{changeset}/rueckgaengig", {}),
    (
        "erase person",
        "privacy.person_erase",
        "POST",
        "/datenschutz/person/{person}/loeschen",
        {"confirm": "1"},
    ),
]

NOT_RECORDS = {
    "auth.revoke": "one's own API token",
    "admin.token_revoke": "an account's token (instance admin)",
    "admin.tokens_revoke_all": "an account's tokens (instance admin)",
    "api.revoke_tokens": "an account's tokens (instance admin)",
    "api.revoke_token": "one's own API token",
    "saved_views.delete": "one's own saved view",
    "saved_views.confirm_delete": "the page asking before a saved view is deleted (GET)",
    "gaps.dismiss": "a partner suggestion on the analysis page, not a record",
    "uploads_admin.clear": "pending uploads (instance admin)",
}
REMOVING_WORDS = ("loeschen", "zusammenfuehren", "rueckgaengig", "merge", "verwerfen")

ROLE_ONLY = {"form delete topic", "api delete region", "erase person"}
"""Vocabulary deletes and the erasure are for the instance admin: refused by role (403)
before the write path is reached, for every office's editor alike."""
HIDDEN = {"form delete person", "api delete person"}
"""Another office's person is not found at all by its editors (404, as a missing one): its
name and existence are personal data too."""


def test_every_removing_route_is_covered(app) -> None:
    covered = {r[1] for r in ROUTES} | set(NOT_RECORDS)
    removing = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "DELETE" in (rule.methods or set())
        or any(w in rule.rule for w in REMOVING_WORDS)
        or "widerrufen" in rule.rule
    }
    assert removing - covered == set(), "a route that removes something has no row here"


def _ids(store: graph.Store, ids: dict[str, str]) -> dict[str, str]:
    """The fixture's ids and a changeset of the city's (a merge of two spare actors)."""
    spare = [
        graph.create_record(store, graph.Actor(name=f"Ersatz {n}", kind="Schule"), user="red-stadt")
        for n in (1, 2)
    ]
    merged = operations.merge_actors(store, spare[0].id, spare[1].id, user="red-stadt")
    deck = sharing.save_presentation(
        store, Presentation(name="Steuerungsgruppe"), [], user="red-stadt"
    )
    return {
        **ids,
        "changeset": merged.changeset,
        "spare": spare[0].id,
        "merged": spare[1].id,
        "presentation": deck.id,
    }


def _city(store: graph.Store, ids: dict[str, str]) -> dict[str, Any]:
    """Every city record a removal could touch, with its version, and the links."""
    out: dict[str, Any] = {}
    for key, cls in (
        ("actor", graph.Actor),
        ("other_actor", graph.Actor),
        ("person", graph.Person),
        ("alliance", graph.Alliance),
        ("project", graph.Project),
        ("topic", graph.Topic),
        ("region", graph.Region),
        ("presentation", Presentation),
    ):
        out[key] = [n.version for n in get_many(store, cls, [ids[key]])]
    out["spare"] = [a.version for a in get_many(store, graph.Actor, [ids["spare"], ids["merged"]])]
    out["links"] = sorted(
        (lk.id, lk.version) for lk in graph.links_of(store, "Actor", ids["actor"])
    )
    return out


def _fill(body: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    return {k: v.format(**ids) if isinstance(v, str) else v for k, v in body.items()}


@pytest.mark.parametrize("name,endpoint,method,url,body", ROUTES, ids=[r[0] for r in ROUTES])
@pytest.mark.parametrize("office", ["red-kreis", "lesen-kreis"])
def test_another_office_cannot_remove(
    name, endpoint, method, url, body, office, app, store, offices
) -> None:
    ids = _ids(store, offices)
    before = _city(store, ids)
    actor = graph.get(store, graph.Actor, ids["actor"])
    resp = _send(_client(app, office), method, url.format(**ids), _fill(body, ids), actor.version)
    hidden = name in HIDDEN and office == "red-kreis"  # a viewer is refused by role first
    assert resp.status_code == (404 if hidden else 403), f"{name}: {resp.status_code}"
    if office == "red-kreis" and name not in ROLE_ONLY | HIDDEN:
        # Refused by the write path, with the reason in German.
        text = resp.get_data(as_text=True)
        assert "Organisation" in text, text[:400]
    assert _city(store, ids) == before, name


@pytest.mark.parametrize(
    "name,endpoint,method,url,body",
    [r for r in ROUTES if r[0] not in ROLE_ONLY],
    ids=[r[0] for r in ROUTES if r[0] not in ROLE_ONLY],
)
def test_the_owner_removes(name, endpoint, method, url, body, app, store, offices) -> None:
    ids = _ids(store, offices)
    before = _city(store, ids)
    actor = graph.get(store, graph.Actor, ids["actor"])
    resp = _send(
        _client(app, "red-stadt"), method, url.format(**ids), _fill(body, ids), actor.version
    )
    assert resp.status_code in (200, 204, 302, 303), f"{name}: {resp.status_code}"
    assert _city(store, ids) != before, name


def test_a_link_across_the_border_is_removed_by_either_end(store, offices) -> None:
    """A cooperation of a city actor with the district's actor is both offices' link."""
    for remover in ("red-kreis", "red-stadt"):
        link = graph.create_link(
            store,
            graph.Link(
                type="COOPERATES_WITH",
                from_id=offices["own_actor"],
                to_id=offices["actor"],
                kind="Gremienarbeit",
            ),
            user="red-kreis",
        )
        graph.delete_link(store, link.type, link.id, user=remover)
        ends = {lk.id for lk in graph.links_of(store, "Actor", offices["actor"])}
        assert link.id not in ends, remover


def test_the_write_path_refuses_without_any_view(store, offices) -> None:
    """The same refusals from the command line's functions, with no view in between."""
    ids = _ids(store, offices)
    with pytest.raises(ForbiddenError, match="anderen Organisation"):
        graph.delete_record(store, graph.Actor, ids["actor"], user="red-kreis")
    with pytest.raises(ForbiddenError, match="andere Organisation"):
        operations.undo_import(store, ids["changeset"], user="red-kreis")
    with pytest.raises(ForbiddenError):
        graph.delete_link(store, ids["link_type"], ids["link"], user="red-kreis")
    with pytest.raises(graph.NotFoundError):  # another office's person is not there at all
        graph.delete_record(store, graph.Person, ids["person"], user="red-kreis")
