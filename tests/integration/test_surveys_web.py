"""Survey pages: manager flow, the respondent's page without JavaScript, hostile input,
link errors, and the CLI."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import backup
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.surveys import respondent
from tests.conftest import HOSTILE_STRINGS, csrf_token, found
from tests.integration.test_surveys import build

CLOSES = (date.today() + timedelta(days=20)).isoformat()


def _create(client: Any, **extra: Any) -> str:
    token = csrf_token(client, "/befragungen")
    data = {
        "csrf_token": token,
        "title": "Netzwerk 2025",
        "intro": "Bitte antworten Sie bis Ende Juni.",
        "closes": CLOSES,
        "scope": "alliance",
        "alliance": "al",
        "questions": ["master", "contacts", "partners"],
        "per": "actor",
        "consent_wording": "Ich bin einverstanden.",
        **extra,
    }
    resp = client.post("/befragungen", data=data)
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    return resp.headers["Location"].rsplit("/", 1)[-1]


def _links(client: Any, survey_id: str) -> dict[str, str]:
    token = csrf_token(client, f"/befragungen/{survey_id}")
    resp = client.post(
        f"/befragungen/{survey_id}/links", data={"csrf_token": token, "format": "csv"}
    )
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "private, no-store"
    text = resp.get_data(as_text=True)
    out = {}
    for line in text.splitlines()[1:]:
        cells = line.split(";")
        out[cells[0]] = found(r"/b/([^;\s\"]+)", line)
    return out


def _respond_token(client: Any, token: str) -> str:
    html = client.get(f"/b/{token}").get_data(as_text=True)
    return found(r'name="csrf_token" value="([^"]+)"', html)


def _hidden(html: str, name: str) -> list[str]:
    return [
        unescape(v)
        for v in re.findall(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    ]


def page_state(client: Any, token: str) -> dict[str, str]:
    """What the respondent's page sends back with every save: CSRF, version, answer shown."""
    html = client.get(f"/b/{token}").get_data(as_text=True)
    return {name: _hidden(html, name)[0] for name in ("csrf_token", "version", "base")}


def test_manager_flow_and_respondent_without_javascript(store: graph.Store, make_client) -> None:
    build(store)
    editor = make_client("editor")
    survey_id = _create(editor)
    page = editor.get(f"/befragungen/{survey_id}").get_data(as_text=True)
    assert "Netzwerk 2025" in page and "0 von 3" in page
    assert "Bitte antworten Sie bis Ende Juni." in page and "Ich bin einverstanden." in page
    links = _links(editor, survey_id)
    assert set(links) == {"VHS Trier", "Stadtbibliothek", "Caritas"}
    assert _links(editor, survey_id) == links  # a second download: the same links
    # the respondent: anonymous browser, own data only, plain form
    anon = make_client(None)
    resp = anon.get(f"/b/{links['VHS Trier']}")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["Referrer-Policy"] == "no-referrer"
    assert "anna@a.example" in html and "bernd@b.example" not in html
    assert '<datalist id="actor-names">' in html and "<script" not in html
    form = {
        **page_state(anon, links["VHS Trier"]),
        "street": "Domfreihof 1b",
        "topics": ["t-mint"],
        "c0_id": "pa",
        "c0_here": "ja",
        "rows": "3",
        "p0_name": "Stadtbibliothek",
        "p0_kind": "Projektpartnerschaft",
        "p0_intensity": "2",
        "p0_since": "2020",
        "action": "more",
    }
    more = anon.post(f"/b/{links['VHS Trier']}", data=form)
    assert more.status_code == 200
    assert more.get_data(as_text=True).count('list="actor-names"') >= 6
    assert sv.invites_of(store, survey_id)[0].answered is False  # "more" saves nothing
    saved = anon.post(f"/b/{links['VHS Trier']}", data={**form, "action": "save"})
    assert saved.status_code == 302
    back = anon.get(f"/b/{links['VHS Trier']}").get_data(as_text=True)
    assert 'value="Domfreihof 1b"' in back and 'value="Stadtbibliothek"' in back
    state = page_state(anon, links["VHS Trier"])
    assert state["version"] == "1"
    assert (
        anon.post(
            f"/b/{links['VHS Trier']}", data={**form, **state, "action": "submit"}
        ).status_code
        == 302
    )
    # the other side names VHS back
    csrf = _respond_token(anon, links["Stadtbibliothek"])
    anon.post(
        f"/b/{links['Stadtbibliothek']}",
        data={
            "csrf_token": csrf,
            "c0_id": "pb",
            "rows": "1",
            "p0_name": "VHS Trier",
            "p0_kind": "Informationsaustausch",
            "action": "submit",
        },
    )
    # review: confirmed pair, accept all of VHS
    review = editor.get(f"/befragungen/{survey_id}/auswertung").get_data(as_text=True)
    assert "von beiden genannt" in review and "Domfreihof 1b" in review
    answer_id = found(r'id="answer-(answer-[0-9a-f]+)"', review)
    token = csrf_token(editor, f"/befragungen/{survey_id}/auswertung")
    section = review[review.index(f'id="answer-{answer_id}"') :]
    resp = editor.post(
        f"/befragungen/{survey_id}/auswertung/{answer_id}",
        data={
            "csrf_token": token,
            "action": "accept_all",
            "version": _hidden(section, "version")[0],
            "shown": _hidden(section, "shown")[:5],
        },
    )
    assert resp.status_code == 302
    coop = graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])
    assert [c.source for c in coop] == ["Befragung Netzwerk 2025"]
    assert graph.get(store, graph.Actor, "a").street == "Domfreihof 1b"
    detail = editor.get("/akteure/a").get_data(as_text=True)
    assert "Befragung Netzwerk 2025" in detail
    # close: only when confirmed; links stop, comparison shows the new pair
    token = csrf_token(editor, f"/befragungen/{survey_id}")
    editor.post(f"/befragungen/{survey_id}/schliessen", data={"csrf_token": token})
    assert sv.get_survey(store, survey_id).is_open(), "closing needs the confirmation"
    assert (
        editor.post(
            f"/befragungen/{survey_id}/schliessen", data={"csrf_token": token, "confirm": "1"}
        ).status_code
        == 302
    )
    cmp = editor.get(f"/befragungen/{survey_id}/vergleich").get_data(as_text=True)
    assert "Stadtbibliothek – VHS Trier" in cmp
    closed = anon.get(f"/b/{links['Caritas']}")
    assert closed.status_code == 410 and "abgeschlossen" in closed.get_data(as_text=True)
    assert "Caritas" not in closed.get_data(as_text=True)


def test_scope_form_reads_the_one_filter_vocabulary(store: graph.Store, make_client) -> None:
    """The "filter" section sends the one filter's parameters (``kind``, ``topic``, …); the
    other sections' selects do not leak into it; wrong values get German messages."""
    build(store)
    editor = make_client("editor")
    survey_id = _create(editor, scope="filter", alliance="al", topic="t-mint", kind=["Sonstige"])
    survey = sv.get_survey(store, survey_id)
    assert survey.scope.filter == Filter(topic="t-mint", actor_kinds=("Sonstige",))
    assert [i.actor_id for i in sv.invites_of(store, survey_id)] == ["a"]
    page = editor.get(f"/befragungen/{survey_id}").get_data(as_text=True)
    assert "Thema MINT" in page and "Akteursart Sonstige" in page
    assert "/netzwerk?topic=t-mint&amp;kind=Sonstige" in page  # the same selection, pictured
    token = csrf_token(editor, "/befragungen")
    before = backup.checksum(store)
    for extra, field_text in (
        ({"scope": "filter", "kind": ["Raumschiff"]}, "unbekannte Akteursart"),
        ({"scope": "filter"}, "Bitte die Auswahl für die Befragung treffen"),
        ({"scope": "region", "region": "../../etc"}, "ist keine gültige Auswahl"),
    ):
        resp = editor.post(
            "/befragungen",
            data={
                "csrf_token": token,
                "title": "T",
                "closes": CLOSES,
                "questions": "master",
                "per": "actor",
                **extra,
            },
        )
        assert resp.status_code == 400, extra
        assert field_text in resp.get_data(as_text=True), extra
    assert backup.checksum(store) == before


def test_link_errors_never_show_data(store: graph.Store, make_client) -> None:
    build(store)
    editor = make_client("editor")
    survey_id = _create(editor)
    links = _links(editor, survey_id)
    anon = make_client(None)
    vhs = links["VHS Trier"]
    inv, secret = vhs.split(".")
    for bad in (f"{inv}.{'x' * 43}", f"{inv}.{secret[::-1]}", "inv-0.0", "%00", "a" * 5000):
        resp = anon.get(f"/b/{bad}")
        text = resp.get_data(as_text=True)
        assert resp.status_code == 404 and "ungültig" in text
        assert "VHS" not in text and "anna" not in text
    invite = next(i for i in sv.invites_of(store, survey_id) if i.actor_id == "a")
    token = csrf_token(editor, f"/befragungen/{survey_id}")
    editor.post(
        f"/befragungen/{survey_id}/einladungen/{invite.id}/zurueckziehen",
        data={"csrf_token": token},
    )
    resp = anon.get(f"/b/{vhs}")
    assert resp.status_code == 410 and "zurückgezogen" in resp.get_data(as_text=True)
    assert anon.post(f"/b/{vhs}", data={"comment": "x"}).status_code in (400, 410)


def test_hostile_answers_through_the_page(store: graph.Store, make_client) -> None:
    build(store)
    editor = make_client("editor")
    survey_id = _create(editor)
    link = _links(editor, survey_id)["VHS Trier"]
    anon = make_client(None)
    before = backup.checksum(store)
    csrf = _respond_token(anon, link)
    for data in (
        {"c0_id": "pb"},
        {"rows": "2", "p0_id": "b", "p0_name": "x"},
        {"rows": "1", "p0_name": "y", "p0_note": "z" * 10_000},
        {"rows": "99999999999999999999", "p0_name": "Neu", "p0_intensity": "NaN"},
        {"topics": ["actor-../../etc"]},
    ):
        resp = anon.post(f"/b/{link}", data={"csrf_token": csrf, "action": "save", **data})
        assert resp.status_code == 400, data
        assert "es wurde noch nichts gespeichert" in resp.get_data(as_text=True)
    assert backup.checksum(store) == before
    for text in HOSTILE_STRINGS[:20]:
        resp = anon.post(
            f"/b/{link}",
            data={
                **page_state(anon, link),
                "action": "save",
                "comment": text,
                "rows": "1",
                "p0_name": text[:300],
                "p0_kind": "Gremienarbeit",
            },
        )
        assert resp.status_code in (302, 400), text
        page = anon.get(f"/b/{link}").get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    review = editor.get(f"/befragungen/{survey_id}/auswertung").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in review


def test_viewer_reads_progress_but_cannot_manage(store: graph.Store, make_client) -> None:
    build(store)
    survey_id = _create(make_client("editor"))
    viewer = make_client("viewer")
    assert "Netzwerk 2025" in viewer.get("/befragungen").get_data(as_text=True)
    assert viewer.get(f"/befragungen/{survey_id}").status_code == 200
    assert viewer.get(f"/befragungen/{survey_id}/auswertung").status_code == 403
    token = csrf_token(viewer, "/befragungen")
    assert (
        viewer.post(f"/befragungen/{survey_id}/links", data={"csrf_token": token}).status_code
        == 403
    )
    editor = make_client("editor")
    bad = editor.post(
        "/befragungen",
        data={
            "csrf_token": csrf_token(editor, "/befragungen"),
            "title": "",
            "closes": "31.02.2024",
            "scope": "actors",
        },
    )
    assert bad.status_code == 400 and "kein gültiges Datum" in bad.get_data(as_text=True)


def test_cli_create_links_status_close(store: graph.Store, tmp_path: Path) -> None:
    build(store)
    run = CliRunner()
    out = run.invoke(
        main,
        [
            "survey",
            "create",
            "--title",
            "CLI 2025",
            "--closes",
            CLOSES,
            "--alliance",
            "Bündnis Grundbildung",
        ],
        catch_exceptions=False,
    )
    assert out.exit_code == 0, out.output
    survey_id = found(r"(survey-[0-9a-f]+)", out.output)
    target = tmp_path / "links.xlsx"
    out = run.invoke(
        main,
        ["survey", "links", survey_id, "-o", str(target), "--base-url", "https://n.example"],
        catch_exceptions=False,
    )
    assert out.exit_code == 0 and target.read_bytes()[:2] == b"PK", out.output
    again = tmp_path / "again.xlsx"
    out = run.invoke(
        main, ["survey", "links", survey_id, "-o", str(again), "--base-url", "https://n.example"]
    )
    assert out.exit_code == 0 and "3 Links" in out.output  # the same links again
    out = run.invoke(main, ["survey", "status", survey_id], catch_exceptions=False)
    assert "Rücklauf: 0 von 3" in out.output and "Caritas" in out.output
    out = run.invoke(main, ["survey", "close", survey_id], catch_exceptions=False)
    assert "abgeschlossen" in out.output
    out = run.invoke(main, ["survey", "status", "survey-nope"])
    assert out.exit_code == 1 and "nicht gefunden" in out.output
    out = run.invoke(main, ["survey", "create", "--title", "x", "--closes", "gestern"])
    assert out.exit_code == 1 and "kein gültiges Datum" in out.output
    for cmd in ("create", "links", "status", "close"):
        assert run.invoke(main, ["survey", cmd, "--help"]).exit_code == 0


def test_two_browsers_on_one_link_and_errors_at_their_field(
    store: graph.Store, make_client
) -> None:
    build(store)
    editor = make_client("editor")
    survey_id = _create(editor)
    link = _links(editor, survey_id)["VHS Trier"]
    a, b = make_client(None), make_client(None)
    state_a, state_b = page_state(a, link), page_state(b, link)
    saved = a.post(
        f"/b/{link}",
        data={
            **state_a,
            "action": "save",
            "phone": "0651 999",
            "rows": "1",
            "p0_name": "Sternwarte",
        },
    )
    assert saved.status_code == 302
    late = b.post(f"/b/{link}", data={**state_b, "action": "save", "phone": "0651 123"})
    html = late.get_data(as_text=True)
    assert late.status_code == 409 and "inzwischen von jemand anderem gespeichert" in html
    assert 'href="#m-phone"' in html and "0651 999" in html  # the colleague's value, linked
    assert 'value="0651 123"' in html and 'value="Sternwarte"' in html  # both kept
    view_after = respondent.view(store, sv.check_link(store, link).invite)
    assert view_after.answer and view_after.answer["master"]["phone"] == "0651 999"
    # saving again from the merged page stores the merged answer
    again = page_from(html)
    assert (
        b.post(
            f"/b/{link}",
            data={
                **again,
                "action": "save",
                "phone": "0651 123",
                "rows": "1",
                "p0_name": "Sternwarte",
            },
        ).status_code
        == 302
    )
    # an invalid year keeps the typed value, and the message links to the field
    state = page_state(a, link)
    bad = a.post(
        f"/b/{link}",
        data={**state, "action": "save", "rows": "1", "p0_name": "X", "p0_since": "20x9"},
    )
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'href="#p0-since"' in text and 'value="20x9"' in text
    assert "Seit (Jahr oder TT.MM.JJJJ)" in text


def page_from(html: str) -> dict[str, str]:
    return {name: _hidden(html, name)[0] for name in ("csrf_token", "version", "base")}


def test_renewing_links_names_the_holders_and_needs_confirmation(
    store: graph.Store, make_client
) -> None:
    build(store)
    editor = make_client("editor")
    survey_id = _create(editor)
    first = _links(editor, survey_id)
    page = editor.get(f"/befragungen/{survey_id}/links/erneuern").get_data(as_text=True)
    assert all(name in page for name in first) and "ungültig" in page
    token = csrf_token(editor, f"/befragungen/{survey_id}/links/erneuern")
    refused = editor.post(f"/befragungen/{survey_id}/links/erneuern", data={"csrf_token": token})
    assert refused.status_code == 400
    assert sv.check_link(store, first["Caritas"])  # nothing renewed without the tick
    done = editor.post(
        f"/befragungen/{survey_id}/links/erneuern",
        data={"csrf_token": token, "confirm": "1", "format": "csv"},
    )
    assert done.status_code == 200 and "filename" in done.headers["Content-Disposition"]
    anon = make_client(None)
    assert anon.get(f"/b/{first['Caritas']}").status_code == 404
    # reopening after a close: the renewed links open again
    renewed = re.findall(r"/b/([^;\s\"]+)", done.get_data(as_text=True))
    editor.post(f"/befragungen/{survey_id}/schliessen", data={"csrf_token": token, "confirm": "1"})
    assert anon.get(f"/b/{renewed[0]}").status_code == 410
    editor.post(f"/befragungen/{survey_id}/wieder-oeffnen", data={"csrf_token": token})
    assert anon.get(f"/b/{renewed[0]}").status_code == 200
