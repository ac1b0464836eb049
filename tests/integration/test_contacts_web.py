"""The /kontakte, /import and /datenschutz pages through the Flask test client."""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest
from click.testing import CliRunner

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph.personal import contacts
from netzwerk.graph.records import history
from tests.conftest import csrf_token, found
from tests.integration.test_contacts import build


def test_roles_for_contact_export(make_client, store: graph.Store) -> None:
    assert make_client(None).get("/kontakte").status_code == 302
    assert make_client("viewer").get("/kontakte").status_code == 403
    assert make_client("viewer", contacts=True).get("/kontakte").status_code == 200
    assert make_client("viewer", contacts=True).get("/import").status_code == 403
    assert make_client("editor").get("/kontakte/protokoll").status_code == 403
    assert make_client("editor").get("/datenschutz").status_code == 403
    assert make_client("admin").get("/datenschutz").status_code == 200


def test_preview_shows_counts_and_reasons(make_client, store: graph.Store) -> None:
    build(store)
    html = make_client("editor").get("/kontakte?purpose=newsletter").get_data(as_text=True)
    assert re.search(r'id="export-count">2<', html)
    assert re.search(r'id="left-out-count">5<', html)
    assert "keine Einwilligung in den Newsletter" in html
    assert html.count("<tr><td>") == 2


def test_preview_names_who_was_left_out_and_why(make_client, store: graph.Store) -> None:
    """Everyone left out is named with the reason, e-mail and a link to record a consent."""
    build(store)
    html = make_client("editor").get("/kontakte?purpose=contact").get_data(as_text=True)
    table = html.split('id="left-out-persons"', 1)[1].split("</details>", 1)[0]
    rows = re.findall(r'<tr class="left-out">(.*?)</tr>', table, re.S)
    assert len(rows) == int(found(r'id="left-out-count">(\d+)<', html)) == 2
    cramer = next(r for r in rows if "Eva Cramer" in r)
    assert "c@example.org" in cramer and "weder Einwilligung zur Kontaktaufnahme" in cramer
    assert 'href="/personen/p-none/einwilligungen"' in cramer
    selection = contacts.select(store, contacts.ContactFilter(), "contact")
    assert sorted(r.person_id for r, _ in selection.left_out_named()) == ["p-news", "p-none"]


def test_download_is_logged_and_readable(make_client, store: graph.Store) -> None:
    build(store)
    client = make_client("editor")
    token = csrf_token(client, "/kontakte")
    resp = client.post(
        "/kontakte/export",
        data={
            "csrf_token": token,
            "purpose": "contact",
            "format": "csv",
            "region": "r-trier",
            "delimiter": ";",
        },
    )
    assert resp.status_code == 200
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 3
    entries, total = contacts.export_log(store)
    assert total == 1 and entries[0].user == "editor" and entries[0].count == 2
    log_html = make_client("admin").get("/kontakte/protokoll").get_data(as_text=True)
    assert "editor" in log_html and "Region: Stadt Trier" in log_html  # the name, not the id


def test_download_with_bad_format_is_refused_and_not_logged(
    make_client, store: graph.Store
) -> None:
    client = make_client("editor")
    token = csrf_token(client, "/kontakte")
    resp = client.post(
        "/kontakte/export", data={"csrf_token": token, "purpose": "contact", "format": "exe"}
    )
    assert resp.status_code == 302 and "csrf_token" not in resp.headers["Location"]
    assert "kein bekanntes Exportformat" in client.get(resp.headers["Location"]).get_data(
        as_text=True
    )
    assert contacts.export_log(store)[1] == 0


@pytest.mark.parametrize(
    "query",
    ["?purpose=werbung", "?kind=Raumschiff", "?region=%27);MATCH", "?function=" + "x" * 400],
)
def test_bad_filters_give_400_not_500(make_client, store: graph.Store, query: str) -> None:
    resp = make_client("editor").get("/kontakte" + query)
    assert resp.status_code in (200, 400)
    if resp.status_code == 400:
        assert "ct-error" in resp.get_data(as_text=True)


def _upload(client, data: bytes, name: str = "liste.csv", kind: str = ""):
    token = csrf_token(client, "/import")
    return client.post(
        "/import",
        data={"csrf_token": token, "kind": kind, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_import_flow_with_progress(make_client, store: graph.Store, tmp_path) -> None:
    client = make_client("editor")
    data = "Einrichtung;PLZ;Ort\r\nBücherei Süd;54290;Trier\r\nKita Löwe;54292;Trier\r\n"
    resp = _upload(client, data.encode("cp1252"))
    assert resp.status_code == 302
    mapping_url = resp.headers["Location"]
    html = client.get(mapping_url).get_data(as_text=True)
    assert "Windows-1252" in html and "Bücherei Süd" in html
    token = csrf_token(client, mapping_url)
    resp = client.post(
        mapping_url,
        data={
            "csrf_token": token,
            "kind": "actors",
            "col0": "name",
            "col1": "postcode",
            "col2": "town",
            "save_mapping": "1",
        },
    )
    assert resp.status_code == 302
    preview = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert re.search(r'data-count="create">2<', preview)
    start = resp.headers["Location"].replace("/vorschau", "/start")
    resp = client.post(
        start,
        data={"csrf_token": csrf_token(client, mapping_url.replace("/zuordnung", "/vorschau"))},
    )
    assert resp.status_code == 302
    job_url = resp.headers["Location"]
    assert client.get(job_url).status_code == 200
    for _ in range(100):
        status = client.get(job_url + ".json").get_json()
        if status["state"] != "running":
            break
        time.sleep(0.1)
    assert status["state"] == "done", status
    assert status["result"]["created"] == 2 and status["percent"] == 100
    assert graph.counts(store).nodes["Actor"] == 2
    # the changeset is the team's: a colleague sees it (and could undo it); a viewer cannot
    assert make_client("admin").get(job_url + ".json").status_code == 200
    assert make_client("viewer").get(job_url + ".json").status_code == 403

    # the same file through the CLI leaves the same history on every record
    by_web = _import_history(store)
    undo = client.post(job_url + "/rueckgaengig", data={"csrf_token": token})
    assert undo.status_code == 302 and graph.counts(store).nodes.get("Actor", 0) == 0
    graph.wipe(store)
    path = tmp_path / "liste.csv"
    path.write_bytes(data.encode("cp1252"))
    done = CliRunner().invoke(main, ["import", str(path), "--kind", "actors"])
    assert done.exit_code == 0, done.output
    assert _import_history(store) == by_web


def _import_history(store: graph.Store) -> list[tuple[object, ...]]:
    out = []
    for actor in graph.list_nodes(store, graph.Actor).items:
        for e in history.for_record(store, actor.id):
            out.append((e.action, e.label, e.record_name, json.dumps(e.changes, sort_keys=True)))
    return sorted(out)


def test_import_with_errors_needs_explicit_choice(make_client, store: graph.Store) -> None:
    client = make_client("editor")
    resp = _upload(client, b"Name;PLZ\nGut;54290\n;12\n", kind="actors")
    mapping_url = resp.headers["Location"]
    token = csrf_token(client, mapping_url)
    resp = client.post(
        mapping_url,
        data={"csrf_token": token, "kind": "actors", "col0": "name", "col1": "postcode"},
    )
    preview_url = resp.headers["Location"]
    html = client.get(preview_url).get_data(as_text=True)
    assert 'id="row-errors"' in html and "Pflichtfeld" in html
    start = preview_url.replace("/vorschau", "/start")
    resp = client.post(start, data={"csrf_token": csrf_token(client, preview_url)})
    assert resp.headers["Location"].endswith("/vorschau")
    assert graph.counts(store).nodes["Actor"] == 0
    resp = client.post(
        start, data={"csrf_token": csrf_token(client, preview_url), "only_valid": "1"}
    )
    job_url = resp.headers["Location"]
    for _ in range(100):
        if client.get(job_url + ".json").get_json()["state"] != "running":
            break
        time.sleep(0.1)
    assert graph.counts(store).nodes["Actor"] == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Die Datei ist leer"),
        (b"Name;Ort\r\n", "Überschriftenzeile"),
        (b"\x00\x01\x02" * 100, "Binärdaten"),
        (b"<html><body>nope</body></html>", "HTML"),
    ],
)
def test_hostile_uploads_get_german_messages(make_client, data: bytes, message: str) -> None:
    resp = _upload(make_client("editor"), data)
    assert resp.status_code == 400
    assert message in resp.get_data(as_text=True)


def test_oversized_upload_is_413(make_client) -> None:
    client = make_client("editor")
    resp = _upload(client, b"Name\n" + b"A" * (21 * 1024 * 1024))
    assert resp.status_code == 413
    assert "zu groß" in resp.get_data(as_text=True)


def test_bad_mapping_is_shown_at_the_form(make_client, store: graph.Store) -> None:
    client = make_client("editor")
    mapping_url = _upload(client, b"Vorname;Mail\nEva;e@x.de\n").headers["Location"]
    token = csrf_token(client, mapping_url)
    resp = client.post(
        mapping_url,
        data={"csrf_token": token, "kind": "persons", "col0": "first_name", "col1": "email"},
    )
    assert resp.status_code == 400
    assert "Keine Spalte ist zugeordnet für: Nachname" in resp.get_data(as_text=True)


def test_unknown_upload_id_redirects(make_client) -> None:
    resp = make_client("editor").get("/import/nope/zuordnung")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/import")


def test_auskunft_and_loeschung_pages(make_client, store: graph.Store) -> None:
    build(store)
    admin = make_client("admin")
    html = admin.get("/datenschutz?q=behrens").get_data(as_text=True)
    assert "/datenschutz/person/p-public" in html
    report = admin.get("/datenschutz/person/p-public").get_data(as_text=True)
    assert "Grundschule Mitte" in report and "öffentliche Aufgabe" in report
    data = json.loads(admin.get("/datenschutz/person/p-public.json").data)
    assert data["person"]["last_name"] == "Behrens"
    assert admin.get("/datenschutz/person/p-nobody").status_code == 404
    token = csrf_token(admin, "/datenschutz/person/p-public")
    resp = admin.post("/datenschutz/person/p-public/loeschen", data={"csrf_token": token})
    assert resp.status_code == 302 and graph.get(store, graph.Person, "p-public")
    resp = admin.post(
        "/datenschutz/person/p-public/loeschen", data={"csrf_token": token, "confirm": "1"}
    )
    assert resp.status_code == 302
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Person, "p-public")


def test_backup_and_graphml_downloads(make_client, store: graph.Store) -> None:
    build(store)
    admin = make_client("admin")
    resp = admin.get("/datenschutz/sicherung.json")
    data = json.loads(resp.data)
    assert data["format"] == "netzwerk-backup" and data["counts"]["nodes"] >= 17
    resp = admin.get("/datenschutz/netzwerk.graphml")
    assert resp.status_code == 200 and b"<graphml" in resp.data


def test_upload_between_2_and_20_mb_reaches_the_import(make_client) -> None:
    """A 3 MB spreadsheet is within the documented 20 MB: no 413 from the app-wide limit."""
    data = b"Name;Notizen\n" + b"".join(
        b"Verein %d;" % i + b"n" * 3_000 + b"\n" for i in range(1_000)
    )
    assert len(data) > 3 * 1024 * 1024 - 200_000
    resp = _upload(make_client("editor"), data)
    assert resp.status_code == 302, resp.get_data(as_text=True)[:300]
