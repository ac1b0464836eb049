"""What a viewer without the contacts grant sees of a person, and menus without dead ends.
The decision per field is :mod:`netzwerk.graph.records.visibility`: name,
title, function and links yes; e-mail, phone, consents, legal basis and notes no."""

from __future__ import annotations

import datetime
import re
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest

from netzwerk import graph
from netzwerk.graph.records import visibility

SECRETS: dict[str, Any] = {
    "email": "nur.mit.recht@beispiel-schule.de",
    "phone": "+49 651 99 88 77",
    "notes": "NOTIZ-UEBER-DIE-PERSON",
    "consent_contact_source": "QUELLE-DER-EINWILLIGUNG",
    "consent_newsletter_source": "QUELLE-NEWSLETTER",
}


@pytest.fixture
def person(store: graph.Store) -> graph.Person:
    p = graph.create_record(
        store,
        graph.Person(
            first_name="Vera",
            last_name="Sichtbar",
            function="Schulsozialarbeit",
            consent_contact=True,
            consent_contact_date=datetime.date(2023, 5, 4),
            consent_newsletter=True,
            consent_newsletter_date=datetime.date(2023, 5, 5),
            legal_basis="öffentliche Aufgabe",
            **SECRETS,
        ),
        user="test",  # the write path records the creation in the history, values included
    )
    return p


def _pages(p: graph.Person) -> list[str]:
    return [
        f"/personen/{p.id}",
        "/personen",
        f"/api/v1/persons/{p.id}",
        "/api/v1/persons",
        f"/api/v1/persons/{p.id}/history",
    ]


def test_viewer_without_grant_sees_names_but_no_contact_consent_or_notes(
    person: graph.Person, make_client: Any
) -> None:
    viewer = make_client("viewer")
    for url in _pages(person):
        text = viewer.get(url).get_data(as_text=True)
        assert "Sichtbar" in text, url
        leaked = [k for k, v in SECRETS.items() if v in text]
        assert not leaked, (url, leaked)
        assert "2023-05-04" not in text and "04.05.2023" not in text, url  # consent date
    body = viewer.get(f"/api/v1/persons/{person.id}").get_json()
    assert not set(visibility.restricted("Person")) & set(body)
    assert body["function"] == "Schulsozialarbeit"


def test_with_the_grant_every_field_is_there(person: graph.Person, make_client: Any) -> None:
    client = make_client("viewer", contacts=True)
    detail = client.get(f"/personen/{person.id}").get_data(as_text=True)
    assert all(v in detail for v in SECRETS.values())
    body = client.get(f"/api/v1/persons/{person.id}").get_json()
    assert set(visibility.restricted("Person")) <= set(body)


LINK = re.compile(r'<a\s[^>]*href="([^"#]+)"')


def _crawl(client: Any, limit: int = 250) -> dict[str, int]:
    """Follow every same-site link from the start page; status per URL."""
    seen: dict[str, int] = {}
    queue = deque(["/"])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        resp = client.get(url)
        seen[url] = resp.status_code
        if resp.status_code != 200 or resp.mimetype != "text/html":
            continue
        for href in LINK.findall(resp.get_data(as_text=True)):
            href = href.replace("&amp;", "&")
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            if href.startswith(("/static/", "/abmelden")) or "lang=" in href:
                continue
            if href not in seen:
                queue.append(href)
    return seen


@pytest.mark.parametrize("who", ["viewer", "contacts", "editor"])
def test_no_link_a_role_is_shown_answers_403(
    who: str, seeded: dict[str, str], make_client: Any
) -> None:
    client = make_client("viewer", contacts=True) if who == "contacts" else make_client(who)
    seen = _crawl(client)
    assert len(seen) > 20
    forbidden = sorted(u for u, status in seen.items() if status == 403)
    assert not forbidden, f"{who} is shown links that answer 403: {forbidden}"
    menu = client.get("/").get_data(as_text=True)
    assert ('href="/kontakte"' in menu) is (who != "viewer")
