"""The import wizard's steps through the Flask test client: values, review, workbook."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from openpyxl import load_workbook

from netzwerk import graph
from netzwerk.graph import imports
from tests.conftest import csrf_token
from tests.integration.test_contacts_web import _upload

PARTNERS = (
    "Name;Art;PLZ;Ort;Themen;Ansprechperson;Funktion\r\n"
    "Jugendmigrationsdienst Trier;Beratung;54292;Trier;MINT;Eva Klein;Leitung\r\n"
    "Haus der Jugend;Jugendhaus;54290;Trier;;;\r\n"
)


def _finish(client, preview_url: str) -> dict:
    token = csrf_token(client, preview_url)
    resp = client.post(preview_url.replace("/vorschau", "/start"), data={"csrf_token": token})
    assert resp.status_code == 302 and "/aenderungen/" in resp.headers["Location"]
    job_url = resp.headers["Location"]
    for _ in range(200):
        status = client.get(job_url + ".json").get_json()
        if status["state"] != "running":
            return {"url": job_url, **status}
        time.sleep(0.05)
    raise AssertionError("import did not finish")


def test_partner_list_values_review_and_commit(make_client, store: graph.Store) -> None:
    graph.create_record(store, graph.Topic(id="topic-mint", name="MINT"), user="t")
    graph.create_record(
        store,
        graph.Actor(id="actor-jmd", name="Jugendmigrationsdienst Trier", postcode="54290"),
        user="t",
    )
    client = make_client("editor")
    mapping_url = _upload(client, PARTNERS.encode("cp1252")).headers["Location"]
    assert "Partnerliste" in client.get(mapping_url).get_data(as_text=True)
    token = csrf_token(client, mapping_url)
    cols = {
        f"col{i}": f
        for i, f in enumerate(
            ["name", "kind", "postcode", "town", "topics", "contact_name", "contact_function"]
        )
    }
    resp = client.post(mapping_url, data={"csrf_token": token, "kind": "partners", **cols})
    values_url = resp.headers["Location"]
    assert values_url.endswith("/werte"), "values to confirm come before the preview"
    html = client.get(values_url).get_data(as_text=True)
    assert "übliches Synonym" in html and "unbekannt" in html
    beratung = re.search(
        r'<select id="(v-kind-\d)"[^>]*>(?:(?!</select>).)*?selected>Beratungsstelle', html, re.S
    )
    assert beratung, "Beratung is proposed as Beratungsstelle"
    jugendhaus = re.search(r'<label for="(v-kind-\d)">Jugendhaus</label>', html)
    assert jugendhaus
    resp = client.post(
        values_url,
        data={
            "csrf_token": csrf_token(client, values_url),
            jugendhaus.group(1): "Verein/Initiative",
            "remember": "1",
        },
    )
    preview_url = resp.headers["Location"]
    saved = imports.load_values(store, "editor", "partners")
    assert saved["kind"] == {"beratung": "Beratungsstelle", "jugendhaus": "Verein/Initiative"}
    preview = client.get(preview_url).get_data(as_text=True)
    assert 'data-count="review">1<' in preview and 'id="import-start" disabled' in preview
    assert "gleicher Name, andere PLZ (54290)" in preview
    refused = client.post(
        preview_url.replace("/vorschau", "/start"),
        data={"csrf_token": csrf_token(client, preview_url)},
    )
    assert refused.status_code == 302 and graph.counts(store).nodes["Actor"] == 1
    resp = client.post(
        preview_url.replace("/vorschau", "/pruefung"),
        data={"csrf_token": csrf_token(client, preview_url), "r-0": "actor-jmd"},
    )
    preview = client.get(preview_url).get_data(as_text=True)
    assert 'data-count="review">0<' in preview and 'id="import-start" disabled' not in preview
    # the stored postcode differs from the list's: listed, kept unless ticked
    assert 'id="abweichungen"' in preview and "<del>54290</del>" not in preview
    keys = re.findall(r'name="take" value="([^"]+)"', preview)
    assert "actor-jmd:postcode" in keys, keys
    client.post(
        preview_url.replace("/vorschau", "/abweichungen"),
        data={"csrf_token": csrf_token(client, preview_url), "take": "actor-jmd:postcode"},
    )
    preview = client.get(preview_url).get_data(as_text=True)
    assert "<del>54290</del> → <ins>54292</ins>" in preview, "ticked: per field old → new"
    status = _finish(client, preview_url)
    assert status["state"] == "done", status
    actors = {a.name: a for a in graph.list_nodes(store, graph.Actor).items}
    assert set(actors) == {"Jugendmigrationsdienst Trier", "Haus der Jugend"}
    assert actors["Haus der Jugend"].kind == "Verein/Initiative"
    links = graph.links_of(store, "Actor", "actor-jmd")
    assert {lk.type for lk in links} == {"WORKS_AT", "CONTACT_FOR", "WORKS_ON"}

    again = _upload(client, PARTNERS.encode("cp1252")).headers["Location"]
    resp = client.post(
        again, data={"csrf_token": csrf_token(client, again), "kind": "partners", **cols}
    )
    assert resp.headers["Location"].endswith("/vorschau"), "remembered values: nothing to confirm"
    repeat = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert 'id="nothing-to-import"' in repeat, "re-import changes nothing"


def test_workbook_download_edit_upload(make_client, store: graph.Store) -> None:
    graph.create_record(
        store, graph.Actor(id="a1", name="Leseclub Ehrang", kind="Verein/Initiative"), user="t"
    )
    client = make_client("editor")
    page = client.get("/import").get_data(as_text=True)
    assert 'id="workbook-download"' in page and 'id="workbook-template"' in page
    assert client.get("/import/arbeitsmappe.xlsx").status_code == 405, "logged: POST only"
    resp = client.post(
        "/import/arbeitsmappe.xlsx", data={"csrf_token": csrf_token(client, "/import")}
    )
    assert resp.status_code == 200 and resp.headers["Cache-Control"] == "private, no-store"
    wb = load_workbook(io.BytesIO(resp.data))
    ws = wb["Akteure"]
    ws.cell(row=2, column=[c.value for c in ws[1]].index("Ort") + 1, value="Trier")
    out = io.BytesIO()
    wb.save(out)
    preview_url = _upload(client, out.getvalue(), name="netzwerk.xlsx").headers["Location"]
    assert preview_url.endswith("/vorschau"), "a workbook needs no column mapping"
    preview = client.get(preview_url).get_data(as_text=True)
    assert 'data-count="update">1<' in preview and "<ins>Trier</ins>" in preview
    assert _finish(client, preview_url)["state"] == "done"
    assert graph.get(store, graph.Actor, "a1").town == "Trier"
    template = client.get("/import/vorlage.xlsx")
    assert "Hinweise" in load_workbook(io.BytesIO(template.data)).sheetnames
    viewer = make_client("viewer")
    token = csrf_token(viewer, "/")
    assert viewer.post("/import/arbeitsmappe.xlsx", data={"csrf_token": token}).status_code == 403


def test_office_file_sheet_header_row_and_former_partners(make_client, store: graph.Store) -> None:
    """The list of the report in the browser's steps: header found in line 3, the other
    sheet chosen, another header row chosen, former partners' memberships ended."""
    graph.create_record(
        store, graph.Alliance(id="al-mint", name="MINT-Initiativkreis Trier"), user="t"
    )
    data = (
        Path(__file__).resolve().parent.parent / "data" / "partnerliste_titelzeile.xlsx"
    ).read_bytes()
    client = make_client("editor")
    mapping_url = _upload(client, data, name="partner.xlsx").headers["Location"]
    html = client.get(mapping_url).get_data(as_text=True)
    assert "Überschriften in Zeile 3 erkannt" in html and 'value="3"' in html
    assert '<option value="Ehemalige"' in html
    reread = mapping_url.replace("/zuordnung", "/blatt")
    token = csrf_token(client, mapping_url)
    client.post(reread, data={"csrf_token": token, "sheet": "Partner", "header_row": "1"})
    assert "Partnerliste Bildungsnetzwerk" in client.get(mapping_url).get_data(as_text=True)
    client.post(reread, data={"csrf_token": token, "sheet": "Ehemalige", "header_row": ""})
    html = client.get(mapping_url).get_data(as_text=True)
    assert "sieht nach ehemaligen Partnern aus" in html
    cols = {"col0": "name", "col1": "town", "col2": "alliances", "col3": "member_until"}
    resp = client.post(
        mapping_url,
        data={
            "csrf_token": token,
            "kind": "partners",
            "former": "1",
            "ended": "2025-06-30",
            **cols,
        },
    )
    preview_url = resp.headers["Location"]
    if preview_url.endswith("/werte"):
        preview_url = preview_url.replace("/werte", "/vorschau")
    preview = client.get(preview_url).get_data(as_text=True)
    assert 'data-count="create">1<' in preview and "Volkshochschule Trier" in preview
    assert _finish(client, preview_url)["state"] == "done"
    (vhs,) = [
        a for a in graph.list_nodes(store, graph.Actor).items if a.name == "Volkshochschule Trier"
    ]
    (member,) = graph.links_of(store, "Actor", vhs.id, ["MEMBER_OF"])
    assert str(member.until) == "2024-12-31", "the sheet's own 'ausgeschieden' column wins"


def test_workbook_and_template_as_ods(make_client, store: graph.Store) -> None:
    graph.create_record(
        store, graph.Actor(id="a1", name="Leseclub Ehrang", kind="Verein/Initiative"), user="t"
    )
    client = make_client("editor")
    assert 'id="workbook-download-ods"' in client.get("/import").get_data(as_text=True)
    resp = client.post(
        "/import/arbeitsmappe.ods", data={"csrf_token": csrf_token(client, "/import")}
    )
    assert (
        resp.status_code == 200
        and resp.mimetype == "application/vnd.oasis.opendocument.spreadsheet"
    )
    assert (
        "arbeitsmappe" in resp.headers["Content-Disposition"]
        and ".ods" in resp.headers["Content-Disposition"]
    )
    sheets = imports.read_workbook(resp.data, "netzwerk.ods")
    assert sheets["Akteure"].rows[0][1] == "Leseclub Ehrang"
    preview_url = _upload(client, resp.data, name="netzwerk.ods").headers["Location"]
    assert preview_url.endswith("/vorschau"), "the ODS workbook comes back as a workbook"
    assert 'data-count="update">0<' in client.get(preview_url).get_data(as_text=True)
    template = client.get("/import/vorlage.ods")
    assert template.status_code == 200 and b"opendocument" in template.data[:100]
