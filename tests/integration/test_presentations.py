"""Presentations against Neo4j: made, reordered and edited through the pages, shown slide
by slide, a deleted view noted on its slide, shared by link (without persons) and printed
as one landscape page per slide."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pypdfium2
import pytest

from netzwerk import graph
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.graph.records import history
from netzwerk.graph.sharing import presentations, saved_views
from netzwerk.graph.sharing.presentations import Slide
from tests.conftest import HOSTILE_STRINGS, csrf_token, found
from tests.integration.test_views_sharing import PERSONS, small_network

PAGES = Path(__file__).resolve().parents[2] / "build" / "presentation-pages"
GONE = presentations.VIEW_GONE


def _views(store: graph.Store, owner: str, names: list[str]) -> list[saved_views.SavedView]:
    colours = ("region", "brokerage_role", "kind")
    return [
        sharing.save_view(
            store,
            name=name,
            owner=owner,
            flt=Filter(),
            colour=colours[i % 3],
            size="betweenness" if i else "degree",
        )
        for i, name in enumerate(names)
    ]


def _form(client, pid: str, **extra: str) -> dict[str, str]:
    """The edit form as the browser would post it: every field of the page, plus ``extra``."""
    html = client.get(f"/praesentationen/{pid}").get_data(as_text=True)
    data = {"csrf_token": csrf_token(client, f"/praesentationen/{pid}")}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html):
        data[name] = unescape(value)
    data["name"] = unescape(found(r'id="f-name" name="name" value="([^"]*)"', html))
    for n, text in re.findall(r'name="text_(\d+)"[^>]*>([^<]*)</textarea>', html, re.S):
        data[f"text_{n}"] = unescape(text)
    data.update(extra)
    return data


def _create(client, name: str) -> str:
    token = csrf_token(client, "/praesentationen")
    resp = client.post("/praesentationen", data={"csrf_token": token, "name": name})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:400]
    return urlsplit(resp.headers["Location"]).path.rsplit("/", 1)[1]


def _names(store: graph.Store, pid: str) -> list[str]:
    p = graph.get(store, Presentation, pid)
    return [s.view.name if s.view else "-" for s in presentations.shown(store, p)]


def _pages(pdf: bytes, stem: str) -> list[tuple[str, float, float]]:
    """(text, width, height) per page; each page saved as PNG to look at."""
    PAGES.mkdir(parents=True, exist_ok=True)
    doc = pypdfium2.PdfDocument(pdf)
    out = []
    for i, page in enumerate(doc, start=1):
        page.render(scale=1.2).to_pil().save(PAGES / f"{stem}-{i}.png")
        width, height = page.get_size()
        out.append((page.get_textpage().get_text_range(), width, height))
    doc.close()
    return out


def test_made_reordered_edited_and_shown_through_the_pages(store: graph.Store, make_client):
    small_network(store)
    editor = make_client("editor")
    views = _views(store, "editor", ["Überblick", "MINT", "Übergänge"])
    pid = _create(editor, "Steuerungsgruppe März")
    for v in views:
        resp = editor.post(
            f"/praesentationen/{pid}", data=_form(editor, pid, action="add", add_view=v.id)
        )
        assert resp.status_code == 302
    assert _names(store, pid) == ["Überblick", "MINT", "Übergänge"]

    # the text typed into slide 1 survives moving slide 3 up (one form, every button)
    form = _form(editor, pid, action="up-3", text_1="Erster Absatz.\n\nZweiter Absatz.")
    resp = editor.post(f"/praesentationen/{pid}", data=form)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("#folie-2")
    assert _names(store, pid) == ["Überblick", "Übergänge", "MINT"]
    editor.post(f"/praesentationen/{pid}", data=_form(editor, pid, action="down-1"))
    assert _names(store, pid) == ["Übergänge", "Überblick", "MINT"]
    p = graph.get(store, Presentation, pid)
    assert presentations.slides_of(p)[1].text == "Erster Absatz.\n\nZweiter Absatz."
    editor.post(f"/praesentationen/{pid}", data=_form(editor, pid, action="remove-3"))
    assert _names(store, pid) == ["Übergänge", "Überblick"]

    # a record with history: create, then one entry per save that changed something
    entries = history.for_record(store, pid)
    assert len(entries) >= 5 and {e.action for e in entries} >= {"create", "update"}
    log = make_client("admin").get("/verwaltung/verlauf").get_data(as_text=True)
    assert f'href="/praesentationen/{pid}"' in log  # the history links to its page

    # shown one slide per page, next/previous linked, the text beside the picture
    page = editor.get(f"/praesentationen/{pid}/zeigen/2").get_data(as_text=True)
    assert "Folie 2 von 2" in page and "Überblick" in page and "<p>Erster Absatz.</p>" in page
    assert f'href="/praesentationen/{pid}/zeigen/1"' in page and 'id="next"' not in page
    assert editor.get(f"/praesentationen/{pid}/zeigen/3").status_code == 404
    assert (
        editor.get(f"/praesentationen/{pid}/zeigen")
        .headers["Location"]
        .endswith(f"/praesentationen/{pid}/zeigen/1")
    )
    data = editor.get(f"/praesentationen/{pid}/zeigen/2/daten.json").get_json()
    # the view's colouring and sizing are kept (slide 2 shows the view coloured by region)
    assert data["title"] == "Überblick" and data["nodes"]
    assert make_client("viewer").get(f"/praesentationen/{pid}/zeigen/1").status_code == 200


def test_bad_input_answers_in_german_at_the_field_and_writes_nothing(
    store: graph.Store, make_client
):
    editor = make_client("editor")
    token = csrf_token(editor, "/praesentationen")
    resp = editor.post("/praesentationen", data={"csrf_token": token, "name": "   "})
    assert resp.status_code == 400
    assert "Bitte einen Namen für die Präsentation angeben." in resp.get_data(as_text=True)
    assert graph.list_nodes(store, Presentation).total == 0

    (view,) = _views(store, "editor", ["Überblick"])
    pid = _create(editor, HOSTILE_STRINGS[0][:100] or "x")
    editor.post(f"/praesentationen/{pid}", data=_form(editor, pid, action="add", add_view=view.id))
    before = graph.get(store, Presentation, pid)
    long_text = "Wort " * 1200
    resp = editor.post(f"/praesentationen/{pid}", data=_form(editor, pid, text_1=long_text))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and 'id="e-text_1"' in html
    assert "Folie 1: der Text ist zu lang (höchstens 5000 Zeichen)." in html
    assert long_text.strip() in html  # what was typed is still there
    resp = editor.post(f"/praesentationen/{pid}", data=_form(editor, pid, action="add"))
    assert resp.status_code == 400 and "Bitte eine Ansicht wählen." in resp.get_data(as_text=True)
    resp = editor.post(f"/praesentationen/{pid}", data=_form(editor, pid, view_1="kein id!"))
    assert resp.status_code == 400 and "Folie 1: unbekannte Ansicht." in resp.get_data(as_text=True)
    assert graph.get(store, Presentation, pid).version == before.version

    # a colleague saved in between: 409, nothing overwritten
    stale = _form(editor, pid, name="Meine Fassung")
    editor.post(f"/praesentationen/{pid}", data=_form(editor, pid, name="Fassung der Kollegin"))
    resp = editor.post(f"/praesentationen/{pid}", data=stale)
    assert resp.status_code == 409
    assert graph.get(store, Presentation, pid).name == "Fassung der Kollegin"

    viewer = make_client("viewer")
    page = viewer.get(f"/praesentationen/{pid}").get_data(as_text=True)
    assert 'id="presentation-form"' not in page and "Fassung der Kollegin" in page
    viewer_form = {**stale, "csrf_token": csrf_token(viewer, "/praesentationen")}
    assert viewer.post(f"/praesentationen/{pid}", data=viewer_form).status_code == 403


def test_a_deleted_view_leaves_a_german_note_on_its_slide(store: graph.Store, make_client):
    small_network(store)
    editor = make_client("editor")
    keep, doomed = _views(store, "editor", ["Bleibt", "Wird gelöscht"])
    p = sharing.save_presentation(
        store,
        Presentation(name="Bildungskonferenz"),
        [Slide(keep.id, "Text eins"), Slide(doomed.id, "Text zwei")],
        user="editor",
    )
    sharing.delete_view(store, doomed.id, user="editor")
    show = editor.get(f"/praesentationen/{p.id}/zeigen/2")
    assert show.status_code == 200 and GONE in show.get_data(as_text=True)
    assert "Text zwei" in show.get_data(as_text=True)
    assert editor.get(f"/praesentationen/{p.id}/zeigen/2/daten.json").status_code == 404
    assert GONE in editor.get(f"/praesentationen/{p.id}").get_data(as_text=True)
    pages = _pages(editor.get(f"/praesentationen/{p.id}/pdf").data, "geloeschte-ansicht")
    assert len(pages) == 2 and GONE in pages[1][0].replace("\r\n", " ").replace("\n", " ")
    # the slide can still be saved (its text edited) and removed
    resp = editor.post(f"/praesentationen/{p.id}", data=_form(editor, p.id, text_2="Neu"))
    assert resp.status_code == 302


def test_the_pdf_has_one_landscape_page_per_slide(store: graph.Store, make_client):
    small_network(store)
    views = _views(store, "editor", ["Überblick", "MINT", "Übergänge"])
    texts = ["Kurz.", "Lang. " * 700, "Zeile eins\nZeile zwei\n\nNeuer Absatz mit Ümläuten."]
    p = sharing.save_presentation(
        store,
        Presentation(name="Steuerungsgruppe – März 2027"),
        [Slide(v.id, t) for v, t in zip(views + views, texts * 2, strict=False)],
        user="editor",
    )
    resp = make_client("viewer").get(f"/praesentationen/{p.id}/pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert "praesentation-steuerungsgruppe-maerz-2027-" in resp.headers["Content-Disposition"]
    pages = _pages(resp.data, "steuerungsgruppe")
    assert len(pages) == 6  # a long text shrinks; it never spills onto a page of its own
    for i, (text, width, height) in enumerate(pages, start=1):
        assert width > height  # landscape
        assert f"Folie {i} von 6" in text
        assert f"{i} · {views[(i - 1) % 3].name}" in text
    assert "Neuer Absatz mit Ümläuten." in pages[2][0]
    assert all(name not in "".join(t for t, _w, _h in pages) for _f, name, _e, _p in PERSONS)


def test_a_share_link_shows_the_slides_without_persons_and_can_be_revoked(
    store: graph.Store, make_client
):
    small_network(store)
    editor = make_client("editor")
    views = _views(store, "editor", ["Überblick", "MINT"])
    p = sharing.save_presentation(
        store,
        Presentation(name="Bildungskonferenz"),
        [Slide(v.id, f"Text {v.name}") for v in views],
        user="editor",
    )
    token = csrf_token(editor, f"/praesentationen/{p.id}")
    resp = editor.post(
        f"/praesentationen/{p.id}/teilen", data={"csrf_token": token, "days": "7", "label": "BK"}
    )
    url = found(r'id="share-url" value="(http[^"]+/geteilt/[^"]+)"', resp.get_data(as_text=True))
    path = urlsplit(url).path
    anon = make_client(None)
    first = anon.get(path)
    assert first.status_code == 302 and first.headers["Location"].endswith(f"{path}/folie/1")
    bodies = ""
    for n in (1, 2):
        page = anon.get(f"{path}/folie/{n}")
        assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
        bodies += page.get_data(as_text=True) + anon.get(f"{path}/folie/{n}/daten.json").get_data(
            as_text=True
        )
    assert "Text MINT" in bodies and "Volkshochschule Konz" in bodies
    assert "/akteure/" not in bodies and "Beenden" not in bodies  # no way into the application
    for _first, last, email, phone in PERSONS:
        for secret in (last, email, phone):
            assert secret not in bodies
    assert anon.get(f"{path}/folie/3").status_code == 404
    assert len(_pages(anon.get(f"{path}/pdf").data, "geteilt")) == 2
    assert anon.get(f"{path}/daten.json").status_code == 404  # a view's picture, not here

    link_id = path.rsplit("/", 1)[1].split(".")[0]
    page = editor.get(f"/praesentationen/{p.id}").get_data(as_text=True)
    assert link_id in page and "BK" in page
    resp = editor.post(
        f"/geteilt-verwalten/{link_id}/zurueckziehen",
        data={"csrf_token": token, "next": f"/praesentationen/{p.id}"},
    )
    assert resp.headers["Location"].endswith(f"/praesentationen/{p.id}")
    assert anon.get(f"{path}/folie/1").status_code == 404


def test_a_password_link_asks_first_and_a_deleted_presentation_takes_its_links(
    store: graph.Store, make_client
):
    (view,) = _views(store, "editor", ["Überblick"])
    p = sharing.save_presentation(
        store, Presentation(name="Geheim"), [Slide(view.id, "")], user="editor"
    )
    _link, token = sharing.create_share_link(
        store, p, user="editor", days=3, password="sehr-geheim-1"
    )
    anon = make_client(None)
    resp = anon.get(f"/geteilt/{token}/folie/1")
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/geteilt/{token}")
    assert anon.get(f"/geteilt/{token}/pdf").status_code == 401
    form = {"csrf_token": csrf_token(anon, f"/geteilt/{token}"), "password": "sehr-geheim-1"}
    assert anon.post(f"/geteilt/{token}", data=form).status_code == 302
    assert anon.get(f"/geteilt/{token}/folie/1").status_code == 200

    _other, second = sharing.create_share_link(store, p, user="editor", days=3)
    result = sharing.delete_presentation(store, p.id, user="editor")
    assert anon.get(f"/geteilt/{second}/folie/1").status_code == 404
    graph.undo(store, result.trash_id, user="editor", role="editor")
    assert graph.get(store, Presentation, p.id).name == "Geheim"
    # the presentation is back, its links stay revoked
    assert anon.get(f"/geteilt/{second}/folie/1").status_code == 404


@pytest.mark.parametrize("target", ["view", "presentation"])
def test_a_link_of_a_missing_target_is_refused(store: graph.Store, target: str):
    (view,) = _views(store, "editor", ["Überblick"])
    p = sharing.save_presentation(store, Presentation(name="P"), [], user="editor")
    gone: saved_views.SavedView | Presentation = view if target == "view" else p
    if target == "view":
        sharing.delete_view(store, view.id, user="editor")
    else:
        sharing.delete_presentation(store, p.id, user="editor")
    with pytest.raises(graph.NotFoundError, match="gibt es nicht"):
        sharing.create_share_link(store, gone, user="editor", days=3)
