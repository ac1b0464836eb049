"""Downloads through the production server: file names in any script reach the browser.

Flask's test client hands headers over as Python strings and never encodes them, so a
``Content-Disposition`` that waitress cannot write as Latin-1 passes there and fails in
production (a 500 after the status line). These tests serve the app with waitress on
loopback and read the raw response.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask, Response, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.http import parse_options_header

from netzwerk import graph
from netzwerk.graph.core.values import slug
from netzwerk.web.downloads import attachment
from tests.conftest import csrf_token, waitress_server
from tests.integration.test_surveys import build
from tests.integration.test_surveys_web import _create

PROBE = "/probe-download"


@pytest.fixture
def served(app: Flask) -> Iterator[int]:
    """Port of the app served by waitress, with one extra route that sends any file name
    through the download helper (the app's own names are slugs, so ASCII)."""

    def probe() -> Response:
        return attachment("Inhalt ä", request.args["name"], "text/plain")

    app.add_url_rule(PROBE, "probe_download", probe)
    with waitress_server(app, threads=2) as port:
        yield port


def _fetch(
    port: int,
    method: str,
    path: str,
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp


def _file_name(disposition: str) -> str:
    """The name a browser saves under: ``filename*`` (RFC 5987) if given, else ``filename``,
    read by werkzeug's parser of RFC 2231 parameters."""
    kind, params = parse_options_header(disposition)
    assert kind == "attachment"
    return params["filename"]


NAMES = [
    "Łódź 中文 Umfrage.csv",
    "kontakte-köln-straße.xlsx",
    "Бюро «Übergang» — 2026.pdf",
    'quote " and \\ backslash.txt',
    "emoji 🎓 netzwerk.html",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_script_survive_waitress(served: int, name: str) -> None:
    resp = _fetch(served, "GET", f"{PROBE}?name={quote(name)}")
    assert resp.status == 200
    disposition = resp.getheader("Content-Disposition", "")
    assert disposition.startswith("attachment;")
    disposition.encode("latin-1")  # what waitress wrote is a valid header
    assert _file_name(disposition) == name
    assert resp.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert resp.getheader("Cache-Control") == "private, no-store"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    )
)
def test_any_printable_name_is_one_valid_header(served: int, name: str) -> None:
    resp = _fetch(served, "GET", f"{PROBE}?name={quote(name)}")
    assert resp.status == 200
    disposition = resp.getheader("Content-Disposition", "")
    assert _file_name(disposition) == name


@given(st.text(max_size=200))
def test_slug_is_always_a_plain_ascii_name(text: str) -> None:
    out = slug(text)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in out)
    assert "--" not in out and not out.startswith("-") and not out.endswith("-")


def test_slug_spells_out_umlauts_and_transliterates_latin_letters() -> None:
    assert slug("Bücherei Süd – Straße") == "buecherei-sued-strasse"
    assert slug("Łódź 中文 Umfrage") == "lodz-umfrage"
    assert slug("Ærø Œuvre") == "aero-oeuvre"


def test_survey_links_with_a_non_latin_title_download_through_waitress(
    served: int,
    app: Flask,
    store: graph.Store,
    make_client,
) -> None:
    build(store)
    editor = make_client("editor")
    survey_id = _create(editor, title="Łódź 中文 Umfrage")
    token = csrf_token(editor, f"/befragungen/{survey_id}")
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = editor.get_cookie(name)
    assert cookie is not None
    resp = _fetch(
        served,
        "POST",
        f"/befragungen/{survey_id}/links",
        body=f"csrf_token={quote(token)}&format=csv",
        headers={
            "Cookie": f"{name}={cookie.value}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert resp.status == 200
    assert resp.getheader("Content-Type") == "text/csv; charset=utf-8"
    saved_as = _file_name(resp.getheader("Content-Disposition", ""))
    assert saved_as.startswith("befragung-lodz-umfrage-links-") and saved_as.endswith(".csv")
