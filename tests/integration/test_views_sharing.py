"""Saved views and share links against Neo4j: save, open everywhere, pins, access,
and a shared page that never shows a person, an e-mail or a phone number."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.http import parse_options_header

from netzwerk import graph
from netzwerk.graph.admin import backup, seed
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import saved_views, share_links
from tests.conftest import HOSTILE_STRINGS, csrf_token

PERSONS = [
    ("Hannelore", "Wiesenthal-Krämer", "h.wiesenthal@example.org", "+49 651 718-2345"),
    ("Jörg", "Oberbillig", "joerg.oberbillig@schule-trier.example", "0651 99 88 77"),
    ("Aylin", "Kaya", "aylin.kaya@vhs.example", "+49 (0)6581 4711"),
]


def small_network(store: graph.Store) -> dict[str, str]:
    """Three actors with hostile names, cooperating, each with a contact person."""
    ids = {}
    for i, name in enumerate([HOSTILE_STRINGS[5], HOSTILE_STRINGS[4], "Volkshochschule Konz"]):
        actor = graph.create_record(
            store,
            graph.Actor(name=name, kind=("Schule", "Kita", "VHS/Weiterbildung")[i]),
            user="test",
        )
        ids[f"a{i}"] = actor.id
        first, last, email, phone = PERSONS[i]
        person = graph.create_record(
            store,
            graph.Person(first_name=first, last_name=last, email=email, phone=phone),
            user="test",
        )
        graph.create_link(
            store, graph.Link(type="WORKS_AT", from_id=person.id, to_id=actor.id), user="test"
        )
    for a, b in (("a0", "a1"), ("a1", "a2")):
        graph.create_link(
            store,
            graph.Link(type="COOPERATES_WITH", from_id=ids[a], to_id=ids[b], kind="Gremienarbeit"),
            user="test",
        )
    return ids


def save(client, query: str, pins: dict | None = None, **extra: str):
    form = {
        "csrf_token": csrf_token(client, "/netzwerk"),
        "name": "Meine Ansicht",
        "query": query,
        "picture": "cooperation",
        "pins": json.dumps(pins or {}),
        **extra,
    }
    return client.post("/ansichten", data=form)


def test_a_view_opens_in_picture_gaps_and_contacts(store: graph.Store, make_client) -> None:
    ids = small_network(store)
    editor = make_client("editor")
    resp = save(editor, "kind=Schule&kind=Kita&colour=region&as_of=2024-05-01", {ids["a0"]: [5, 7]})
    assert resp.status_code == 302
    target = resp.headers["Location"]
    query = parse_qs(urlsplit(target).query)
    assert query["kind"] == ["Schule", "Kita"] and query["colour"] == ["region"]
    assert query["as_of"] == ["2024-05-01"]
    view_id = query["view"][0]

    data = editor.get(target.replace("/netzwerk?", "/netzwerk/daten.json?")).get_json()
    pinned = next(n for n in data["nodes"] if n["id"] == ids["a0"])
    assert (pinned["x"], pinned["y"], pinned["pinned"]) == (5, 7, True)
    assert "Stand am 01.05.2024" in data["caption"]

    assert "Meine Ansicht" in editor.get("/ansichten").get_data(as_text=True)
    gaps = editor.get(f"/ansichten/{view_id}/luecken").headers["Location"]
    assert gaps.startswith("/luecken?") and "kind=Schule" in gaps and "as_of=2024-05-01" in gaps
    contacts = editor.get(f"/ansichten/{view_id}/kontakte").headers["Location"]
    assert contacts.startswith("/kontakte?") and "kind=Kita" in contacts
    assert "as_of" not in contacts  # the contact export lists today's contacts
    page = editor.get(contacts).get_data(as_text=True)
    assert 'value="Schule" selected' in page  # the export form shows the view's filter

    # not shared: another user does not even learn that it exists
    other = make_client("viewer")
    assert other.get(f"/ansichten/{view_id}").status_code == 404
    assert "Meine Ansicht" not in other.get("/ansichten").get_data(as_text=True)
    shared = save(editor, "region=", shared="1", name="Für alle")
    shared_id = parse_qs(urlsplit(shared.headers["Location"]).query)["view"][0]
    assert other.get(f"/ansichten/{shared_id}").status_code == 302
    # only the owner may delete or re-pin it: forbidden (403), not a bad request
    token = csrf_token(other, "/ansichten")
    assert (
        other.post(f"/ansichten/{shared_id}/loeschen", data={"csrf_token": token}).status_code
        == 403
    )
    assert (
        other.post(
            f"/ansichten/{shared_id}/positionen", data={"csrf_token": token, "pins": "{}"}
        ).status_code
        == 403
    )
    assert saved_views.get_view(store, shared_id).name == "Für alle"


@pytest.mark.parametrize(
    "pins",
    [
        '{"a": [1]}',
        '{"a": ["x", 2]}',
        '{"a": [1e400, 2]}',
        "[1, 2]",
        "kein json",
        '{"<b>": [1, 2]}',
    ],
)
def test_malformed_pins_are_refused_and_nothing_is_saved(
    store: graph.Store, make_client, pins: str
) -> None:
    client = make_client("viewer")
    form = {"csrf_token": csrf_token(client, "/netzwerk"), "name": "x", "query": "", "pins": pins}
    resp = client.post("/ansichten", data=form)
    assert resp.status_code == 400
    assert saved_views.views_for(store, "viewer") == []


def share(client, view_id: str, **form: str) -> str:
    data = {"csrf_token": csrf_token(client, "/ansichten"), "days": "30", **form}
    html = client.post(f"/ansichten/{view_id}/teilen", data=data).get_data(as_text=True)
    url = re.search(r'id="share-url" value="(http[^"]+/geteilt/[^"]+)"', html)
    assert url, html[:2000]
    return urlsplit(url.group(1)).path


def test_a_shared_view_shows_organisations_but_no_personal_data(
    store: graph.Store, make_client
) -> None:
    small_network(store)
    editor = make_client("editor")
    view_id = parse_qs(urlsplit(save(editor, "").headers["Location"]).query)["view"][0]
    path = share(editor, view_id, label="für den Ausschuss")
    anon = make_client(None)
    page = anon.get(path)
    data = anon.get(path + "/daten.json")
    assert page.status_code == 200 and data.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in data.headers["Cache-Control"]
    payload = data.get_json()
    assert {n["name"] for n in payload["nodes"]} >= {"Volkshochschule Konz", HOSTILE_STRINGS[5]}
    assert all(n["url"] == "" for n in payload["nodes"])  # no way into the application
    body = page.get_data() + data.get_data()
    for first, last, email, phone in PERSONS:
        for secret in (f"{first} {last}", last, email, phone, email.split("@")[0]):
            assert secret.encode() not in body, secret
    html = page.get_data(as_text=True)
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "abmelden" not in html.lower()  # the public layout, no application menu

    # the secret is stored only as a hash
    secret = path.rsplit(".", 1)[1]
    assert secret not in json.dumps(backup.dump(store), default=str)

    # revoked: gone at once, the same answer as a link that never existed
    link_id = path.split("/")[-1].split(".")[0]
    token = csrf_token(editor, "/ansichten")
    editor.post(f"/geteilt-verwalten/{link_id}/zurueckziehen", data={"csrf_token": token})
    assert anon.get(path).status_code == 404
    assert anon.get(path + "/daten.json").status_code == 404
    assert anon.get(path[:-3] + "abc").status_code == 404
    assert anon.get("/geteilt/share-0000000000000000.xxxxxxxxxxxxxxxxxxxxxxxx").status_code == 404


def test_expired_links_stop_working(store: graph.Store, monkeypatch) -> None:
    view = sharing.save_view(store, name="V", owner="u", flt=Filter())
    _link, token = sharing.create_share_link(store, view, user="u", days=1)
    assert share_links.resolve(store, token)[1].id == view.id

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(UTC) + timedelta(days=2)

    monkeypatch.setattr(share_links, "datetime", Later)
    with pytest.raises(graph.NotFoundError):
        share_links.resolve(store, token)
    with pytest.raises(graph.ValidationError):
        sharing.create_share_link(store, view, user="u", days=share_links.MAX_DAYS + 1)


def test_password_links_are_throttled(store: graph.Store, make_client) -> None:
    small_network(store)
    editor = make_client("editor")
    view_id = parse_qs(urlsplit(save(editor, "").headers["Location"]).query)["view"][0]
    path = share(editor, view_id, password="richtig-geheim")
    anon = make_client(None)
    assert "share-password" in anon.get(path).get_data(as_text=True)
    locked = anon.get(path + "/daten.json")
    assert locked.status_code == 401
    assert locked.headers["Cache-Control"] == "no-store"  # a shared cache must not keep it
    statuses = []
    for _ in range(share_links.FREE_TRIES + 1):
        token = csrf_token(anon, path)
        statuses.append(
            anon.post(path, data={"csrf_token": token, "password": "falsch"}).status_code
        )
    assert statuses[: share_links.FREE_TRIES] == [403] * share_links.FREE_TRIES
    assert statuses[-1] == 429  # locked: not even the right password is checked now
    token = csrf_token(anon, path)
    locked = anon.post(path, data={"csrf_token": token, "password": "richtig-geheim"})
    assert locked.status_code == 429
    assert anon.get(path + "/daten.json").status_code == 401

    fresh = share(editor, view_id, password="richtig-geheim")
    token = csrf_token(anon, fresh)
    ok = anon.post(fresh, data={"csrf_token": token, "password": "richtig-geheim"})
    assert ok.status_code == 302
    assert anon.get(fresh + "/daten.json").status_code == 200


def test_svg_and_pdf_exports_carry_title_filter_and_escape_names(
    store: graph.Store, make_client
) -> None:
    ids = small_network(store)
    client = make_client("viewer")
    token = csrf_token(client, "/netzwerk")
    form = {"csrf_token": token, "format": "svg", "pins": json.dumps({ids["a2"]: [0, 0]})}
    svg = client.post("/netzwerk/export?kind=VHS/Weiterbildung&kind=Kita", data=form)
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    name = parse_options_header(svg.headers["Content-Disposition"])[1]["filename"]
    assert name.startswith("netzwerk-") and name.endswith(".svg")
    text = svg.get_data(as_text=True)
    assert "Kooperationsnetz" in text and "Volkshochschule Konz" in text
    assert "Art des Akteurs: VHS/Weiterbildung, Kita" in text and "Quelle: netzwerk" in text
    assert "<img src=x" not in text and "<script" not in text
    for paper in ("A4", "A3"):
        pdf = client.post("/netzwerk/export", data={**form, "format": "pdf", "paper": paper})
        assert pdf.status_code == 200 and pdf.get_data().startswith(b"%PDF")
        name = parse_options_header(pdf.headers["Content-Disposition"])[1]["filename"]
        assert name.endswith(f"-{paper.lower()}.pdf")
    bad = client.post("/netzwerk/export", data={**form, "pins": "nonsense"})
    assert bad.status_code == 400
    ego = client.post(f"/netzwerk/ego/{ids['a1']}/export", data={**form, "format": "pdf"})
    assert ego.status_code == 200
    assert client.post("/netzwerk/buendnisse/export", data=form).status_code == 200


def test_the_public_bildungslandkarte_is_opt_in_and_without_persons(
    store: graph.Store, make_client
) -> None:
    small_network(store)
    topic = graph.create_record(store, graph.Topic(name="Grundbildung"), user="test")
    anon = make_client(None)
    for path in (
        "/bildungslandkarte",
        "/bildungslandkarte/daten.json",
        "/bildungslandkarte/einbetten",
    ):
        assert anon.get(path).status_code == 404, path  # off until an admin opts in
    viewer = make_client("viewer")
    token = csrf_token(viewer, "/netzwerk")
    form = {"csrf_token": token, "enabled": "1", "title": "Bildungslandkarte Trier", "intro": "x"}
    assert viewer.post("/verwaltung/bildungslandkarte", data=form).status_code == 403
    admin = make_client("admin")
    form["csrf_token"] = csrf_token(admin, "/verwaltung/bildungslandkarte")
    assert admin.post("/verwaltung/bildungslandkarte", data=form).status_code == 302

    page = anon.get("/bildungslandkarte")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Bildungslandkarte Trier" in html and 'id="lk-table-topic"' in html
    assert topic.name in html  # every topic is listed, also one nobody works on yet
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    embed = anon.get("/bildungslandkarte/einbetten")
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    data = anon.get("/bildungslandkarte/daten.json")
    assert {n["name"] for n in data.get_json()["nodes"]} >= {"Volkshochschule Konz"}
    body = page.get_data() + embed.get_data() + data.get_data()
    for first, last, email, phone in PERSONS:
        for secret in (f"{first} {last}", last, email, phone):
            assert secret.encode() not in body, secret
    assert "<img src=x" not in html

    form.update(enabled="0", csrf_token=csrf_token(admin, "/verwaltung/bildungslandkarte"))
    admin.post("/verwaltung/bildungslandkarte", data=form)
    assert anon.get("/bildungslandkarte").status_code == 404


def test_the_demo_region_shared_names_no_person(store: graph.Store, make_client) -> None:
    """The contact corpus of the demo region: 252 persons with e-mail, phone and notes."""
    seed.load(store)
    view = sharing.save_view(store, name="Ganze Region", owner="editor", flt=Filter())
    _link, token = sharing.create_share_link(store, view, user="editor", days=7)
    anon = make_client(None)
    body = (
        anon.get(f"/geteilt/{token}").get_data()
        + anon.get(f"/geteilt/{token}/daten.json").get_data()
    )
    assert b"actor-kbm-trier" in body  # the picture is there
    persons = seed.read_dataset(seed.DATASET)["persons"]
    assert len(persons) > 200
    for p in persons:
        for secret in (f"{p['first_name']} {p['last_name']}", p["email"], p["phone"], p["notes"]):
            if secret.strip():
                assert secret.encode() not in body, secret


def _drawing(payload: dict) -> tuple[object, dict[str, object]]:
    """What colouring and sizing decide in a picture: the legend (colours and the size's
    title), each node's style group and size."""
    return payload["legend"], {n["id"]: (n["g"], n["s"]) for n in payload["nodes"]}


def test_every_colouring_and_sizing_survives_save_reopen_and_share(
    store: graph.Store, make_client
) -> None:
    """Each option the form offers is stored, reopened and drawn the same by a share link."""
    from netzwerk.graph.pictures import COLOUR_BY, SIZE_BY

    ids = small_network(store)
    extra = graph.create_record(
        store, graph.Actor(name="Stadtbibliothek", kind="Bibliothek"), user="t"
    )
    graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id=ids["a1"], to_id=extra.id, kind="Gremienarbeit"),
        user="test",
    )
    editor = make_client("editor")
    anon = make_client(None)
    form = editor.get("/netzwerk").get_data(as_text=True)
    offered = {}
    for name in ("colour", "size"):
        menu = re.search(rf'name="{name}">(.*?)</select>', form, re.S)
        assert menu, name
        offered[name] = re.findall(r'<option value="([^"]+)"', menu.group(1))
    assert offered == {"colour": list(COLOUR_BY), "size": list(SIZE_BY)}
    pairs = [
        (COLOUR_BY[i % len(COLOUR_BY)], SIZE_BY[i % len(SIZE_BY)])
        for i in range(max(len(COLOUR_BY), len(SIZE_BY)))
    ]
    for colour, size in pairs:
        query = f"colour={colour}&size={size}"
        location = save(editor, query).headers["Location"]
        view_id = parse_qs(urlsplit(location).query)["view"][0]
        view = saved_views.get_view(store, view_id)
        assert (view.colour, view.size) == (colour, size)

        reopened = urlsplit(editor.get(f"/ansichten/{view_id}").headers["Location"])
        params = parse_qs(reopened.query)
        assert (params["colour"], params["size"]) == ([colour], [size])
        inside = editor.get("/netzwerk/daten.json?" + reopened.query).get_json()
        outside = anon.get(share(editor, view_id) + "/daten.json").get_json()
        assert _drawing(outside) == _drawing(inside), (colour, size)
        assert _drawing(inside) != _drawing(editor.get("/netzwerk/daten.json").get_json()) or (
            colour,
            size,
        ) == ("kind", "degree")
