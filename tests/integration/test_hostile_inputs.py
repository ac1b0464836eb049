"""The shared hostile corpus against every way input gets in: query parameters, path
segments, form fields, API fields, uploads.

Three promises are checked:

* never a server error (5xx), whatever arrives;
* nothing stored comes back as live markup (HTML pages show it escaped);
* a request that is rejected (4xx) changes nothing: the checksum over every node and
  relationship (:func:`tests.stored_data.data_checksum`) is the same before and after.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.records import search
from netzwerk.web import filters, forms
from tests.conftest import (
    HOSTILE_CORPUS,
    HOSTILE_INVALID,
    HOSTILE_STRINGS,
    HOSTILE_URL_PARTS,
    PASSWORD,
    csrf_token,
)
from tests.integration.test_access_matrix import targets
from tests.stored_data import data_checksum

WEB = Path(__file__).resolve().parents[2] / "netzwerk" / "web"
# Markup that would run if a page printed it unescaped.
LIVE_MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">',
)


def query_parameter_names() -> list[str]:
    """Every query/form parameter the views read, found in their source (so new ones count)."""
    pattern = re.compile(r"""(?:args|form|values)\.(?:get|getlist)\(\s*["']([a-z_0-9]+)["']""")
    names = set(filters.PARAMS)
    for path in WEB.glob("*.py"):
        names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def live_markup_in(resp: Any) -> list[str]:
    if resp.mimetype != "text/html":
        return []  # JSON, CSV, … are data (served with nosniff), not markup
    text = resp.get_data(as_text=True)
    return [m for m in LIVE_MARKUP if m in text]


class Guard:
    """Sends requests and checks the three promises for each."""

    def __init__(self, store: graph.Store) -> None:
        self.store = store
        self.last = data_checksum(store)
        self.failures: list[str] = []
        self.sent = 0
        self.reads_only = True

    def check(self, what: str, resp: Any, *, must_reject: bool = False) -> Any:
        method = what.split()[0] if what.split()[0] in ("GET", "POST", "PATCH") else "POST"
        """``must_reject``: the request must not succeed (no 2xx) and must change nothing,
        whatever it answers (a 404, or a redirect to a normalised URL)."""
        self.sent += 1
        status = resp.status_code
        if status >= 500:
            self.failures.append(f"{what} -> {status}")
        if must_reject and 200 <= status < 300:
            self.failures.append(f"{what} -> {status}, expected a rejection")
        markup = live_markup_in(resp)
        if markup:
            self.failures.append(f"{what}: unescaped {markup}")
        if method != "GET":
            self.reads_only = False
        if method == "GET" and status < 400 and not must_reject:
            return resp  # reads change nothing; done() verifies that at the end
        now = data_checksum(self.store)
        if (status >= 400 or must_reject) and now != self.last:
            self.failures.append(f"{what} -> {status} but the stored data changed")
        self.last = now
        return resp

    def done(self, minimum: int) -> None:
        assert self.sent >= minimum
        if self.reads_only:
            assert data_checksum(self.store) == self.last, "a GET request changed stored data"
        assert not self.failures, "\n".join(self.failures[:40])


# `make test` sends a rotating sixth of the corpus per form/page (every string still
# reaches several of them); the slow suite sends all of it everywhere.
SHARES = [pytest.param(6, id="sixth"), pytest.param(1, id="full", marks=pytest.mark.slow)]


def _share(i: int, share: int) -> list[str]:
    return HOSTILE_CORPUS[i % share :: share]


def _short(s: str) -> str:
    return repr(s[:30]) + (f"…({len(s)})" if len(s) > 30 else "")


PARSING_ENDPOINTS = {
    "records.index",
    "records.suggestions",
    "records.duplicate_check",
    "records.merge_view",
    "api.list_records",
    "api.suggest",
    "api.actor_duplicates",
    "api.record_history",
    "network.page",
    "network.data",
    "network.ego_data",
    "network.alliance_data",
    "gaps.overview_page",
    "gaps.coverage_page",
    "gaps.transitions_page",
    "gaps.suggestions_json",
    "gaps.export",
    "contact_export.page",
    "admin.recent",
    "contact_export.log",
}


@pytest.mark.slow
def test_query_parameters(app: Any, make_client: Any, seeded: dict[str, str], store: Any) -> None:
    """Every parameter name at once, filled with each corpus string, on every GET page.

    Pages that parse parameters get the whole corpus; the others a rotating share of it
    (they ignore parameters, but a new one might not).
    """
    admin = make_client("admin")
    names = query_parameter_names()
    assert {"q", "as_of", "kind", "sort", "seite"} <= set(names)
    guard = Guard(store)
    pages = [t for t in targets(app, seeded) if "GET" in t.endpoints]
    for i, t in enumerate(pages):
        endpoint = t.endpoint("GET")
        if endpoint == "static":
            continue
        corpus = HOSTILE_CORPUS if endpoint in PARSING_ENDPOINTS else _share(i, 7)
        for s in corpus:
            resp = admin.get(t.url, query_string={n: s for n in names})
            guard.check(f"GET {t.url} params={_short(s)}", resp)
    # Broken UTF-8 and encoded traversal in the raw query string.
    for part in HOSTILE_URL_PARTS:
        for url in ("/akteure", "/netzwerk/daten.json", "/luecken", "/api/v1/actors"):
            guard.check(f"GET {url}?q={part}", admin.get(f"{url}?q={part}&as_of={part}"))
    guard.done(1500)


@pytest.mark.slow
def test_path_segments(app: Any, make_client: Any, seeded: dict[str, str], store: Any) -> None:
    """Ids in URLs replaced by traversal, broken UTF-8, NUL and corpus strings: 4xx, no 5xx."""
    editor = make_client("editor")
    token = csrf_token(editor)
    guard = Guard(store)
    ids = {v for k, v in seeded.items() if k != "link_type"}
    bad_parts = [*HOSTILE_URL_PARTS, *(quote(s[:300], safe="") for s in HOSTILE_CORPUS[::6])]
    for t in targets(app, seeded):
        present = [i for i in ids if i in t.url]
        if not present or t.endpoint("GET") == "static":
            continue
        for part in bad_parts:
            url = t.url.replace(present[0], part)
            for method in ("GET", "POST"):
                if method == "POST" and "POST" not in t.endpoints:
                    continue
                resp = editor.open(
                    url, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token}
                )
                guard.check(f"{method} {url[:120]}", resp, must_reject=True)
    guard.done(400)


def _record_forms(admin: Any) -> list[tuple[str, str, tuple[forms.FieldSpec, ...]]]:
    from netzwerk.web.kinds import KINDS

    return [(slug, kind.label, forms.node_fields(kind.label)) for slug, kind in KINDS.items()]


def _valid_base(label: str) -> dict[str, str]:
    return {
        "Actor": {"name": "Hostile Verein", "kind": "Verein/Initiative"},
        "Person": {"last_name": "Hostile"},
        "Stage": {"name": "Hostile Stufe", "order": "3"},
        "Region": {"name": "Hostile Region", "kind": "Region"},
        "Project": {"name": "Hostile Projekt", "status": "laufend"},
    }.get(label, {"name": f"Hostile {label}"})


@pytest.mark.parametrize("share", SHARES)
def test_record_forms(share: int, make_client: Any, seeded: dict[str, str], store: Any) -> None:
    """Create forms of every kind: each corpus string in every field at once (mostly
    rejected), and in every free-text field beside valid required values (mostly stored,
    then shown escaped)."""
    admin = make_client("admin")
    guard = Guard(store)
    for k, (slug, label, specs) in enumerate(_record_forms(admin)):
        url = f"/{slug}/neu" if label in ("Actor", "Person", "Alliance", "Project") else None
        url = url or f"/verwaltung/{slug}/neu"
        token = csrf_token(admin, url)
        texts = [s.name for s in specs if s.kind in ("text", "textarea", "email", "url", "tel")]
        for s in _share(k, share):
            data = {spec.name: s for spec in specs}
            data.update(csrf_token=token, confirm_duplicate="1")
            guard.check(f"POST {url} all={_short(s)}", admin.post(url, data=data))
        for s in _share(k + 1, share):
            data = {name: s for name in texts}
            data.update(_valid_base(label), csrf_token=token, confirm_duplicate="1")
            guard.check(f"POST {url} text={_short(s)}", admin.post(url, data=data))
    # Whatever was stored comes back escaped on every list and detail page.
    for slug, label, _specs in _record_forms(admin):
        cls = graph.LABELS[label]
        base = f"/{slug}" if label in ("Actor", "Person", "Alliance", "Project") else None
        base = base or f"/verwaltung/{slug}"
        guard.check(f"GET {base}", admin.get(base, query_string={"n": 100}))
        order = search.SORT_FIELDS[label][0]
        for node in graph.list_nodes(store, cls, limit=200, order_by=order).items:
            guard.check(f"GET {base}/{node.id}", admin.get(f"{base}/{node.id}"))
    guard.done(800 // share)


def test_rejected_edits_change_nothing(
    make_client: Any, seeded: dict[str, str], store: Any
) -> None:
    """Invalid values on an edit, and any value from a viewer: refused, record untouched."""
    editor = make_client("editor")
    viewer = make_client("viewer")
    actor = graph.get(store, graph.Actor, seeded["actor"])
    url = f"/akteure/{actor.id}/bearbeiten"
    guard = Guard(store)
    token = csrf_token(editor, url)
    # Values the validators must refuse (blank ones would be cleaned to "empty", and
    # decomposed accents normalised, both legitimately stored).
    refused = [s for s in HOSTILE_INVALID if s.strip() and not s.startswith("a\u0301")]
    for s in refused:
        data = {"csrf_token": token, "version": str(actor.version), "kind": actor.kind}
        for field in ("name", "email", "website", "postcode"):
            resp = editor.post(url, data={**data, "name": actor.name, field: s})
            guard.check(f"POST {url} {field}={_short(s)}", resp, must_reject=True)
    vtoken = csrf_token(viewer, "/konto")
    for s in HOSTILE_CORPUS:
        for target in (url, "/akteure/neu", f"/akteure/{actor.id}/loeschen", "/verknuepfen"):
            resp = viewer.post(target, data={"csrf_token": vtoken, "name": s, "version": "1"})
            guard.check(f"viewer POST {target}", resp, must_reject=True)
    # A stale or forged version never overwrites.
    for version in ("-1", "999", "1e9", "abc", "\x00"):
        resp = editor.post(
            url, data={"csrf_token": token, "version": version, "name": "Neu", "kind": actor.kind}
        )
        guard.check(f"POST {url} version={version!r}", resp, must_reject=True)
    assert graph.get(store, graph.Actor, actor.id) == actor
    guard.done(200)


JSON_ODDITIES: list[Any] = [None, 0, -1, 10**20, 1.5, True, [], ["x"], {}, {"$ne": 1}, "", "0"]


def test_api_fields(app: Any, seeded: dict[str, str], store: Any) -> None:
    """Every API field of every kind with each corpus string and each odd JSON type."""
    from netzwerk.web.api import API_KINDS

    admin = users.create_user(store, "api-admin", PASSWORD, role="admin")
    secret, _t = users.create_token(store, admin.id, "hostile")
    client = app.test_client()
    auth = {"Authorization": f"Bearer {secret}"}
    guard = Guard(store)
    ids = {"actors": "actor", "persons": "person", "alliances": "alliance", "topics": "topic"}
    for kind, cls in API_KINDS.items():
        specs = forms.node_fields(cls.LABEL)
        for value in [*HOSTILE_CORPUS[::3], *JSON_ODDITIES]:
            body = {spec.name: value for spec in specs}
            resp = client.post(f"/api/v1/{kind}", json=body, headers=auth)
            guard.check(f"POST /api/v1/{kind} all={_short(str(value))}", resp)
        if kind in ids:
            node_id = seeded[ids[kind]]
            values = [*HOSTILE_INVALID, *JSON_ODDITIES]
            for j, spec in enumerate(specs):
                for value in values[j % 3 :: 3]:
                    body = {spec.name: value, "version": value}
                    resp = client.patch(f"/api/v1/{kind}/{node_id}", json=body, headers=auth)
                    guard.check(
                        f"PATCH /api/v1/{kind}/{node_id} {spec.name}={_short(str(value))}",
                        resp,
                        must_reject=True,
                    )
    for body in (
        *({"type": s, "from_id": s, "to_id": s} for s in HOSTILE_CORPUS[::3]),
        *(
            {"type": "COOPERATES_WITH", "from_id": seeded["actor"], "to_id": v}
            for v in JSON_ODDITIES
        ),
    ):
        guard.check("POST /api/v1/links", client.post("/api/v1/links", json=body, headers=auth))
    # Not JSON at all, wrong content types, broken UTF-8 in the body.
    for raw, ctype in (
        (b"\xff\xfe{", "application/json"),
        (b"[1,2", "application/json"),
        (b'{"name": "x"}' * 1000, "application/json"),
        (b"name=x", "application/x-www-form-urlencoded"),
        (b"\x00" * 100, "application/octet-stream"),
    ):
        resp = client.post("/api/v1/actors", data=raw, content_type=ctype, headers=auth)
        guard.check(f"POST /api/v1/actors raw={raw[:12]!r}", resp, must_reject=True)
    for secret_try in ("", "nzw_", "nzw_" + "x" * 5000, "Bearer", "nzw_\x00", "' OR 1=1 --"):
        resp = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret_try}"})
        guard.check("GET /api/v1/me bad token", resp, must_reject=True)
    guard.done(400)


FILE_NAMES = [
    "../../../../tmp/evil.csv",
    "..\\..\\evil.csv",
    "/etc/passwd",
    "kontakte.csv\x00.exe",
    "\u202ecod.csv",
    "<script>alert(1)</script>.csv",
    "a" * 300 + ".csv",
    "liste.xlsx",
    "liste.vcf",
    "ohne-endung",
]


def test_uploads(make_client: Any, seeded: dict[str, str], store: Any) -> None:
    """Import uploads with hostile names and contents: a message, never a 5xx; no file
    lands next to the names' traversal targets."""
    editor = make_client("editor")
    token = csrf_token(editor, "/import")
    guard = Guard(store)
    header = "Name;E-Mail;Telefon;Notiz\n"
    contents = [
        (header + "".join(f"{s[:2000]};x@y.de;1;{s[:2000]}\n" for s in HOSTILE_STRINGS)).encode(
            "utf-8"
        ),
        b"\xff\xfe\x00N\x00a\x00m\x00e\x00\n",
        b"Name;E-Mail\n\xff\xfe\xfd;\x80\x81\n",
        b"PK\x03\x04garbage-that-is-not-a-zip",
        b"\x00" * 1000,
        b"",
        b"Name\n" + b"=cmd|' /C calc'!A0\n" * 50,
        b'"unterminated;quote\n' * 10,
    ]
    for name in FILE_NAMES:
        for content in contents:
            resp = editor.post(
                "/import",
                data={"csrf_token": token, "kind": "Actor", "file": (io.BytesIO(content), name)},
                content_type="multipart/form-data",
            )
            guard.check(f"upload {name[:40]!r} ({len(content)} B)", resp)
            if resp.status_code == 302:  # accepted for mapping: the next pages render too
                mapping = resp.headers["Location"]
                guard.check(f"GET {mapping}", editor.get(mapping))
    assert not Path("/tmp/evil.csv").exists()
    guard.done(80)


@pytest.mark.parametrize("share", SHARES)
def test_other_forms(
    share: int, make_client: Any, app: Any, seeded: dict[str, str], store: Any
) -> None:
    """Login, tokens, accounts, links, merge, suggestions, export: the corpus in each field."""
    from netzwerk.web import auth

    admin = make_client("admin")
    token = csrf_token(admin)
    guard = Guard(store)
    actor, other = seeded["actor"], seeded["other_actor"]
    link_url = f"/verknuepfungen/{seeded['link_type']}/{seeded['link']}"
    for s in _share(0, share):
        anon = app.test_client()
        atoken = csrf_token(anon)
        resp = anon.post("/anmelden", data={"csrf_token": atoken, "username": s, "password": s})
        guard.check(f"login {_short(s)}", resp)
        assert resp.status_code in (200, 400, 401), (s[:30], resp.status_code)
        assert anon.get("/api/v1/me").status_code == 401
        auth.throttle.reset()
        posts = [
            ("/konto", {"name": s}),
            ("/verwaltung/benutzer", {"username": s, "password": s, "display_name": s}),
            ("/verwaltung/benutzer", {"username": "neu-x", "password": PASSWORD, "role": s}),
            (
                "/verknuepfen",
                {"type": s, "label": "Actor", "node_id": actor, "other_id": s, "direction": s},
            ),
            (
                "/verknuepfen",
                {
                    "type": "COOPERATES_WITH",
                    "label": "Actor",
                    "node_id": actor,
                    "other_id": other,
                    "kind": s,
                    "intensity": s,
                    "since": s,
                    "note": s,
                    "next": s,
                },
            ),
            (link_url, {"version": s, "kind": s, "note": s, "since": s, "until": s, "next": s}),
            (f"/akteure/{actor}/zusammenfuehren", {"duplicate_id": s, "version": s}),
            ("/luecken/vorschlaege/verwerfen", {"a": s, "b": s, "kind": s}),
            ("/luecken/vorschlaege/annehmen", {"a": actor, "b": s, "kind": s}),
            ("/kontakte/export", {"purpose": s, "format": s, "delimiter": s, "alliance": s}),
            (f"/datenschutz/person/{seeded['person']}/loeschen", {"confirm": s}),
        ]
        for url, data in posts:
            resp = admin.post(url, data={"csrf_token": token, **data})
            guard.check(f"POST {url} {_short(s)}", resp)
    assert users.find_user(store, "neu-x") is None  # a hostile role never creates an account
    # The redirect after login never leaves the site.
    for target in (
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:x",
        "//[evil",
    ):
        client = app.test_client()
        users_token = csrf_token(client, "/anmelden?next=" + quote(target))
        resp = client.post(
            "/anmelden?next=" + quote(target),
            data={"csrf_token": users_token, "username": "admin", "password": PASSWORD},
        )
        location = resp.headers.get("Location", "")
        assert resp.status_code == 302 and location.startswith("/"), (target, location)
        assert not location.startswith(("//", "/\\")) and "evil" not in location, location
    guard.done(600 // share)


def test_corpus_is_broad() -> None:
    """The corpus covers what the issue lists (so shrinking it fails loudly)."""
    joined = "\n".join(HOSTILE_CORPUS)
    for needle in ("<script>", "onerror", "MATCH", "DROP TABLE", "=HYPERLINK", "\x00", "\u202e"):
        assert needle in joined, needle
    assert "\u200b" in joined and "../" in joined and "%ff%fe" in HOSTILE_URL_PARTS
    assert max(len(s) for s in HOSTILE_CORPUS) >= 5000
