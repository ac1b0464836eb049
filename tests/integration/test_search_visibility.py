"""Search is no oracle for hidden contact data: a viewer without the
contacts grant finds persons by name and function, never by words of their e-mail."""

from __future__ import annotations

from typing import Any

import pytest

from netzwerk import graph


@pytest.fixture
def hidden(store: graph.Store) -> graph.Person:
    return graph.create_record(
        store,
        graph.Person(
            first_name="Paula",
            last_name="Plain",
            function="Koordination",
            email="zauberwort.geheim@beispiel-amt.de",
        ),
        user="test",
    )


def _hits(client: Any, word: str) -> dict[str, bool]:
    return {
        "api list": client.get(f"/api/v1/persons?q={word}").get_json()["total"] > 0,
        "html list": "Paula Plain" in client.get(f"/personen?q={word}").get_data(as_text=True)
        or "Plain" in client.get(f"/personen?q={word}").get_data(as_text=True),
        "api suggest": bool(
            client.get(f"/api/v1/suggest?labels=Person&q={word}").get_json()["items"]
        ),
        "autocomplete": bool(client.get(f"/vorschlaege?labels=Person&q={word}").get_json()),
    }


@pytest.mark.parametrize("word", ["zauberwort", "zauber", "beispiel", "amt"])
def test_viewer_without_grant_cannot_find_by_email_words(
    hidden: graph.Person, make_client: Any, word: str
) -> None:
    found = _hits(make_client("viewer"), word)
    assert not any(found.values()), found


def test_viewer_without_grant_still_finds_by_name_and_function(
    hidden: graph.Person, make_client: Any
) -> None:
    viewer = make_client("viewer")
    for word in ("paula", "Plain", "koordin"):
        assert all(_hits(viewer, word).values()), word


@pytest.mark.parametrize("role", ["contacts", "editor"])
def test_those_who_may_read_e_mail_find_by_it(
    hidden: graph.Person, make_client: Any, role: str
) -> None:
    client = make_client("viewer", contacts=True) if role == "contacts" else make_client(role)
    assert all(_hits(client, "zauberwort").values())
