"""E-mail addresses and phone numbers typed into cooperation and partner-suggestion notes.

A viewer without the contacts grant may not read persons' e-mail or phone on their records;
the attack found them in free text instead ("Ansprechpartnerin: eva@… , 0651 …"). Readers
without the grant see such text masked on pages, in the API and in the history; the workbook
is only for editors, who see contact data.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph.operations import pipeline
from netzwerk.graph.records import visibility
from tests.conftest import csrf_token

NOTE = "Ansprechpartnerin Eva: eva.geheim@example.org, Tel. 0651 / 98 76-54 oder +49 651 1234"
HIDDEN = ("eva.geheim@example.org", "98 76-54", "+49 651 1234")


def _pair(store: graph.Store) -> tuple[graph.Actor, graph.Actor, graph.Link]:
    a = graph.create_record(store, graph.Actor(name="VHS Trier", kind="Schule"), user="r")
    b = graph.create_record(store, graph.Actor(name="Stadtbibliothek", kind="Bibliothek"), user="r")
    link = graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH",
            from_id=a.id,
            to_id=b.id,
            kind="Informationsaustausch",
            note="alt",
        ),
        user="r",
    )
    link = graph.update_link(store, dataclasses.replace(link, note=NOTE), user="r")
    return a, b, link


def test_masking_keeps_dates_and_counts_but_hides_addresses_and_numbers() -> None:
    masked = visibility.mask_contacts(NOTE + " – Treffen am 01.02.2024, 12 Teilnehmende, 2023-2024")
    for secret in HIDDEN:
        assert secret not in masked
    assert "Ansprechpartnerin Eva" in masked and "01.02.2024" in masked
    assert "12 Teilnehmende" in masked and "2023-2024" in masked
    assert masked.count(visibility.EMAIL_MASK) == 1 and masked.count(visibility.PHONE_MASK) == 2


@given(st.text(max_size=80))
def test_masking_is_idempotent_and_leaves_plain_text_alone(text: str) -> None:
    once = visibility.mask_contacts(text)
    assert visibility.mask_contacts(once) == once
    if "@" not in text and not any(c.isdigit() for c in text):
        assert once == text


def test_viewer_without_grant_reads_notes_masked(make_client, store: graph.Store) -> None:
    a, b, link = _pair(store)
    pipeline.step(store, a.id, b.id, "angesprochen", by="r", note="Kontakt: eva.geheim@example.org")
    viewer = make_client("viewer")
    texts = [
        viewer.get(f"/akteure/{a.id}").get_data(as_text=True),
        viewer.get(f"/akteure/{b.id}").get_data(as_text=True),
        viewer.get(f"/api/v1/actors/{a.id}").get_data(as_text=True),
        viewer.get(f"/api/v1/links/COOPERATES_WITH/{link.id}").get_data(as_text=True),
        viewer.get(f"/api/v1/actors/{a.id}/history").get_data(as_text=True),
        viewer.get("/luecken/vorschlaege").get_data(as_text=True),
    ]
    for text in texts:
        for secret in HIDDEN:
            assert secret not in text
    assert "Ansprechpartnerin Eva" in texts[0]
    assert visibility.EMAIL_MASK in texts[0] and visibility.EMAIL_MASK in texts[-1]

    allowed = make_client("viewer", contacts=True)
    assert "eva.geheim@example.org" in allowed.get(f"/akteure/{a.id}").get_data(as_text=True)
    assert "eva.geheim@example.org" in allowed.get("/luecken/vorschlaege").get_data(as_text=True)

    # the workbook holds the notes unmasked: only for editors (who see contact data)
    token = csrf_token(viewer, "/suche")
    assert viewer.post("/import/arbeitsmappe.xlsx", data={"csrf_token": token}).status_code == 403
