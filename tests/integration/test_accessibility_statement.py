"""The accessibility statement BITV 2.0 asks for: public, in the model's five parts, with
the office's contact from the settings and a feedback link, linked from every page's footer
(the login page, a public survey page and a share view too)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import unquote

import pytest

from netzwerk import graph, settings
from netzwerk.graph import surveys as sv
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.web import accessibility

SECTIONS = (
    "Stand der Vereinbarkeit mit den Anforderungen",
    "Nicht barrierefreie Inhalte",
    "Erstellung dieser Erklärung",
    "Feedback und Kontakt",
    "Schlichtungsverfahren",
)
CONTACT = settings.AccessibilityContact(
    office="Stadt Trier – Kommunales Bildungsmanagement",
    email="barrierefrei@trier.example",
    phone="0651 718-0",
    address=("Am Augustinerhof", "54290 Trier"),
    arbitration="Landesbeauftragter für die Belange behinderter Menschen Rheinland-Pfalz",
    arbitration_url="https://lb.rlp.example/schlichtung",
)


def test_the_statement_is_public_with_its_five_parts_and_the_contact(app: Any) -> None:
    app.config[accessibility.CONFIG_KEY] = CONTACT
    resp = app.test_client().get("/barrierefreiheit")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", page)
    assert tuple(headings) == SECTIONS
    assert CONTACT.office in page and "54290 Trier" in page
    assert 'href="tel:06517180"' in page
    mailto = re.search(r'id="report-barrier" href="([^"]+)"', page)
    assert mailto and mailto.group(1).startswith(f"mailto:{CONTACT.email}?subject=")
    assert unquote(mailto.group(1).split("subject=")[1]) == "Barriere in netzwerk"
    assert f'href="{CONTACT.arbitration_url}"' in page and "§ 16" not in page
    assert accessibility.REVIEWED.strftime("%d.%m.%Y") in page


def test_without_a_contact_the_page_says_so_and_names_the_federal_arbitration(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OFFICE", "EMAIL", "PHONE", "ADDRESS", "ARBITRATION", "ARBITRATION_URL"):
        monkeypatch.delenv(f"NETZWERK_A11Y_{name}", raising=False)
    page = app.test_client().get("/barrierefreiheit").get_data(as_text=True)
    assert 'id="no-contact"' in page and "mailto:" not in page
    assert accessibility.FEDERAL_ARBITRATION[1] in page


def test_the_contact_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERK_A11Y_EMAIL", CONTACT.email)
    monkeypatch.setenv("NETZWERK_A11Y_ADDRESS", " Am Augustinerhof | 54290 Trier ")
    monkeypatch.setenv("NETZWERK_A11Y_OFFICE", CONTACT.office)
    found = settings.accessibility_contact()
    assert (found.email, found.address, found.office) == (
        CONTACT.email,
        CONTACT.address,
        CONTACT.office,
    )
    for bad in ("keine-adresse", "a@b.example?bcc=x@y.example", "a b@c.example"):
        monkeypatch.setenv("NETZWERK_A11Y_EMAIL", bad)
        with pytest.raises(settings.SettingsError, match="NETZWERK_A11Y_EMAIL"):
            settings.accessibility_contact()
    monkeypatch.setenv("NETZWERK_A11Y_EMAIL", CONTACT.email)
    monkeypatch.setenv("NETZWERK_A11Y_ARBITRATION_URL", "javascript:alert(1)")
    with pytest.raises(settings.SettingsError, match="https://"):
        settings.accessibility_contact()


def test_every_kind_of_page_links_the_statement_in_its_footer(
    app: Any, make_client: Any, store: graph.Store
) -> None:
    actor = graph.create_record(store, graph.Actor(name="Grundschule A", kind="Schule"), user="t")
    alliance = graph.create_record(store, graph.Alliance(name="Bündnis A"), user="t")
    graph.create_link(
        store, graph.Link(type="MEMBER_OF", from_id=actor.id, to_id=alliance.id), user="t"
    )
    survey, _n = sv.create_survey(
        store,
        sv.Survey(
            title="Befragung",
            closes=date.today() + timedelta(days=9),
            scope=sv.Scope("alliance", Filter(alliance=alliance.id)),
        ),
        user="t",
    )
    answer = sv.links_of(store, survey.id).issued[0].token
    view = sharing.save_view(store, name="Geteilt", flt=Filter(), owner="t")
    _link, shared = sharing.create_share_link(store, view, user="t", days=3)
    sharing.save_public_map(store, enabled=True, title="Karte", intro="", user="t")
    anonymous = app.test_client()
    pages = {
        path: anonymous.get(path)
        for path in ("/anmelden", f"/b/{answer}", f"/geteilt/{shared}", "/bildungslandkarte")
    }
    pages["/akteure"] = make_client("viewer").get("/akteure")
    for path, resp in pages.items():
        assert resp.status_code == 200, path
        footer = re.search(r"<footer[^>]*>(.*?)</footer>", resp.get_data(as_text=True), re.S)
        assert footer and 'href="/barrierefreiheit"' in footer.group(1), path
