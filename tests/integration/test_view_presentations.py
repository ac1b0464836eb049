"""Saved views that are presentation slides: the views page names the presentations, a
delete asks first and says what happens, and a presentation whose view is gone keeps the
slide with its text and shows why there is no picture — on the screen, shared and as PDF.
"""

from __future__ import annotations

import re
from typing import Any

import pypdfium2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import presentations, saved_views
from netzwerk.graph.sharing.presentations import Slide
from tests.conftest import csrf_token


def _views(store: graph.Store, *names: str) -> list[saved_views.SavedView]:
    return [sharing.save_view(store, name=n, owner="editor", flt=Filter()) for n in names]


def _deck(store: graph.Store, name: str, slides: list[Slide]) -> Presentation:
    return sharing.save_presentation(store, Presentation(name=name), slides, user="editor")


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(decks=st.lists(st.lists(st.integers(0, 3), max_size=5), min_size=1, max_size=3))
def test_using_names_each_presentation_and_slide_of_a_view(
    store: graph.Store, decks: list[list[int]]
) -> None:
    """Whatever slides the presentations have, ``using`` says exactly which show a view."""
    graph.wipe(store)
    views = _views(store, "A", "B", "C", "D")
    made = [
        _deck(store, f"Deck {i}", [Slide(views[k].id, f"Text {k}") for k in picks])
        for i, picks in enumerate(decks)
    ]
    expected: dict[str, list[presentations.Use]] = {}
    for view in views:
        for p, picks in zip(made, decks, strict=True):
            numbers = tuple(n for n, k in enumerate(picks, 1) if views[k].id == view.id)
            if numbers:
                expected.setdefault(view.id, []).append(presentations.Use(p.id, p.name, numbers))
    assert presentations.using(store, [v.id for v in views]) == expected
    assert presentations.using(store, []) == {}


def _fixture(store: graph.Store) -> dict[str, Any]:
    used, spare, free = _views(store, "Die ganze Region", "Nur Schulen", "Frisch")
    first = _deck(
        store,
        "Steuerungsgruppe März",
        [Slide(used.id, "Einführung."), Slide(spare.id, ""), Slide(used.id, "Noch einmal.")],
    )
    second = _deck(store, "Bildungskonferenz", [Slide(used.id, "Wer fehlt?")])
    return {"used": used, "spare": spare, "free": free, "first": first, "second": second}


def _as_editor(store: graph.Store, make_client) -> tuple[dict[str, Any], Any, str]:
    """The fixture's records, an editor's client and its form token."""
    made = _fixture(store)
    editor = make_client("editor")
    return made, editor, csrf_token(editor, "/ansichten")


def test_the_list_names_the_presentations_of_a_view(store: graph.Store, make_client) -> None:
    made = _fixture(store)
    editor = make_client("editor")
    html = editor.get("/ansichten").get_data(as_text=True)
    used = re.search(rf'<p class="nw-used" id="used-{made["used"].id}">(.*?)</p>', html, re.S)
    assert used, html
    assert f'href="/praesentationen/{made["first"].id}"' in used.group(1)
    assert "Steuerungsgruppe März</a> (Folien 1, 3)" in used.group(1)
    assert "Bildungskonferenz</a> (Folie 1)" in used.group(1)
    assert "Steuerungsgruppe März</a> (Folie 2)" in html  # the spare view's slide
    free = made["free"].id
    assert f'id="used-{free}"' not in html
    # a used view's delete is a link to the question, the free one's a form
    assert f'href="/ansichten/{made["used"].id}/loeschen"' in html
    assert f'action="/ansichten/{free}/loeschen"' in html
    assert f'action="/ansichten/{made["used"].id}/loeschen"' not in html


def test_deleting_a_used_view_asks_first_and_the_slides_say_it_is_gone(
    store: graph.Store, make_client
) -> None:
    made, editor, token = _as_editor(store, make_client)
    used, first = made["used"], made["first"]

    # a post without the confirmation goes to the question; nothing is deleted
    resp = editor.post(f"/ansichten/{used.id}/loeschen", data={"csrf_token": token})
    assert resp.status_code == 302
    assert resp.headers["Location"].endswith(f"/ansichten/{used.id}/loeschen")
    assert saved_views.get_view(store, used.id).name == "Die ganze Region"

    page = editor.get(f"/ansichten/{used.id}/loeschen")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'<a href="/praesentationen/{first.id}">Steuerungsgruppe März</a> – Folien 1, 3' in html
    assert "Bildungskonferenz</a> – Folie 1" in html
    assert presentations.VIEW_GONE in html and 'name="confirm" value="1"' in html

    resp = editor.post(
        f"/ansichten/{used.id}/loeschen",
        data={"csrf_token": token, "confirm": "1"},
        follow_redirects=True,
    )
    assert resp.status_code == 200
    assert "„Bildungskonferenz“, „Steuerungsgruppe März“" in resp.get_data(as_text=True)
    assert not store.read("views/get", id=used.id)

    # the presentation keeps all three slides and their texts; the gone ones say so
    kept = graph.get(store, Presentation, first.id)
    assert [s.text for s in presentations.slides_of(kept)] == ["Einführung.", "", "Noch einmal."]
    for number in (1, 3):
        shown = editor.get(f"/praesentationen/{first.id}/zeigen/{number}")
        assert shown.status_code == 200
        assert presentations.VIEW_GONE in shown.get_data(as_text=True)
        gone = editor.get(f"/praesentationen/{first.id}/zeigen/{number}/daten.json")
        assert gone.status_code == 404
    assert editor.get(f"/praesentationen/{first.id}/zeigen/2/daten.json").status_code == 200
    edit = editor.get(f"/praesentationen/{first.id}")
    assert edit.status_code == 200 and "Noch einmal." in edit.get_data(as_text=True)
    pdf = editor.get(f"/praesentationen/{first.id}/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    doc = pypdfium2.PdfDocument(pdf.data)
    pages = [page.get_textpage().get_text_range() for page in doc]
    assert len(pages) == 3
    flat = [" ".join(p.split()) for p in pages]
    assert all(presentations.VIEW_GONE in flat[i] for i in (0, 2)), flat
    assert presentations.VIEW_GONE not in flat[1]

    # shared: the same slides, the same note
    _link, share = sharing.create_share_link(store, kept, user="editor", days=7)
    anonymous = make_client(None)
    slide = anonymous.get(f"/geteilt/{share}/folie/1")
    assert slide.status_code == 200
    assert presentations.VIEW_GONE in slide.get_data(as_text=True)


def test_an_unused_view_is_deleted_at_once(store: graph.Store, make_client) -> None:
    made, editor, token = _as_editor(store, make_client)
    spare, fresh = made["spare"], made["free"]
    # the spare view is slide 2 of the first presentation; the free one is on no slide
    resp = editor.post(f"/ansichten/{fresh.id}/loeschen", data={"csrf_token": token})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/ansichten")
    assert not store.read("views/get", id=fresh.id)
    resp = editor.post(f"/ansichten/{spare.id}/loeschen", data={"csrf_token": token})
    assert resp.headers["Location"].endswith(f"/ansichten/{spare.id}/loeschen")


def test_rename_names_the_presentations_and_refuses_an_empty_name(
    store: graph.Store, make_client
) -> None:
    made, editor, token = _as_editor(store, make_client)
    used, first = made["used"], made["first"]
    resp = editor.post(f"/ansichten/{used.id}/umbenennen", data={"csrf_token": token, "name": " "})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert re.search(
        rf'id="rename-{used.id}"[^>]*aria-invalid="true"[^>]*'
        rf'aria-describedby="rename-error-{used.id} used-{used.id}"',
        html,
    ), html
    assert f'<ul class="errors" id="rename-error-{used.id}"><li>Bitte einen Namen' in html
    assert saved_views.get_view(store, used.id).name == "Die ganze Region"

    resp = editor.post(
        f"/ansichten/{used.id}/umbenennen",
        data={"csrf_token": token, "name": "Region 2027"},
        follow_redirects=True,
    )
    assert resp.status_code == 200 and "Region 2027" in resp.get_data(as_text=True)
    assert saved_views.get_view(store, used.id).name == "Region 2027"
    assert "Region 2027" in editor.get(f"/praesentationen/{first.id}").get_data(as_text=True)

    # someone else's view: neither renamed nor deleted, but they see where it is used
    other = make_client("viewer")
    token = csrf_token(other, "/ansichten")
    assert (
        other.post(
            f"/ansichten/{used.id}/umbenennen", data={"csrf_token": token, "name": "X"}
        ).status_code
        == 404
    )
    sharing.update_view(store, used.id, user="editor", shared=True)
    page = other.get(f"/ansichten/{used.id}/loeschen").get_data(as_text=True)
    assert "Steuerungsgruppe März" in page and 'name="confirm"' not in page


def test_the_question_in_english(store: graph.Store, make_client) -> None:
    used = _fixture(store)["used"]
    editor = make_client("editor")
    html = editor.get(f"/ansichten/{used.id}/loeschen?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "This view is a slide in 2 presentations" in html
    assert "Slides 1, 3" in html and "Delete the view anyway" in html
