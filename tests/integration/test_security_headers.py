"""Response headers and the HTML behind the Content-Security-Policy, on every page.

The CSP forbids inline script and inline style, so every GET page (fetched as admin, who
sees the most) must carry the headers and contain no ``<script>`` without ``src``, no
``style=""`` attribute and no ``on…=`` event handler. Also: the Neo4j password never shows
up in a page or a log line, and the server never runs in debug mode.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from click.testing import CliRunner

from netzwerk import graph, settings
from tests.conftest import client_as, new_app, seed_small_graph
from tests.integration.test_access_matrix import targets


class InlineFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style attributes, handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k.lower() for k, _ in attrs}
        if tag == "script" and "src" not in names:
            kind = dict(attrs).get("type") or ""
            if kind not in ("application/json", "application/ld+json"):  # data, not code
                self.problems.append("<script> without src")
        if tag == "style":
            self.problems.append("<style> element")
        if "style" in names:
            self.problems.append(f"style= on <{tag}>")
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
        for key, value in attrs:
            if key in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL in {key} of <{tag}>")


def inline_problems(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.problems


def test_inline_finder_catches_what_it_must() -> None:
    bad = (
        '<script>alert(1)</script><p style="color:red" onclick="x()">'
        '<a href="javascript:alert(1)">x</a><style>p{}</style>'
    )
    assert len(inline_problems(bad)) == 5
    good = '<script src="/static/js/a.js"></script><script type="application/json">{}</script>'
    assert inline_problems(good) == []


def _csp(resp: Any) -> dict[str, str]:
    policy = resp.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.fixture(scope="module")
def admin_pages(
    _session_store: graph.Store, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Every GET page as the administrator gets it, fetched once for the checks below (they
    only read the answers; 70 pages took 4–19 s per test): the small graph is seeded, the
    pages are read to the last byte, and the database is emptied again at once."""
    store = _session_store
    try:
        seeded = seed_small_graph(store)
        app = new_app(store, tmp_path_factory.mktemp("uploads"))
        admin = client_as(app, store, "admin")
        pages = {}
        for t in targets(app, seeded):
            if "GET" in t.endpoints:
                pages[t.url] = resp = admin.get(t.url)
                resp.get_data()  # buffered now: read after the database is emptied
    finally:
        graph.wipe(store)
    return pages


def test_every_page_sends_the_security_headers(admin_pages: dict[str, Any]) -> None:
    assert len(admin_pages) > 60
    failures = []
    for url, resp in admin_pages.items():
        assert resp.status_code < 500, (url, resp.status_code)
        h = resp.headers
        csp = _csp(resp)
        wrong = []
        if h.get("X-Content-Type-Options") != "nosniff":
            wrong.append("X-Content-Type-Options")
        if h.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin"):
            wrong.append("Referrer-Policy")
        if csp.get("frame-ancestors") != "frame-ancestors 'none'":
            wrong.append("frame-ancestors")
        if h.get("X-Frame-Options") != "DENY":
            wrong.append("X-Frame-Options")
        if (
            "attachment" in h.get("Content-Disposition", "") or resp.mimetype == "image/svg+xml"
        ) and csp.get("default-src") == "default-src 'none'":
            # Offline picture downloads run their inlined script from disk; served here they
            # are only saved, and may load nothing at all. A drawing shown by <img> may load
            # and run nothing either; only its inline styles are allowed.
            if wrong:
                failures.append(f"{url}: {wrong}")
            continue
        for directive in ("default-src", "script-src", "style-src"):
            value = csp.get(directive, "")
            if not value or "unsafe-inline" in value or "unsafe-eval" in value or "*" in value:
                wrong.append(directive)
        if csp.get("object-src") != "object-src 'none'":
            wrong.append("object-src")
        if wrong:
            failures.append(f"{url}: {wrong}")
    assert not failures, "\n".join(failures)


def test_no_inline_script_style_or_handlers(admin_pages: dict[str, Any]) -> None:
    html_pages = 0
    failures = []
    for url, resp in admin_pages.items():
        if resp.mimetype != "text/html" or resp.status_code != 200:
            continue
        if "attachment" in resp.headers.get("Content-Disposition", ""):
            continue  # offline downloads (opened from disk, not under the app's origin)
        html_pages += 1
        problems = inline_problems(resp.get_data(as_text=True))
        if problems:
            failures.append(f"{url}: {sorted(set(problems))}")
    assert html_pages > 30
    assert not failures, "\n".join(failures)


def test_templates_and_static_have_no_inline_code() -> None:
    """The same rule on the sources, so a page no test visits cannot break it either."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "netzwerk" / "web"
    pattern = re.compile(r"""\sstyle\s*=|\son[a-z]+\s*=|<script(?![^>]*\bsrc=)[^>]*>""", re.I)
    found = []
    for path in (root / "templates").rglob("*.html"):
        if path.name == "_standalone.html" or path.name == "standalone.html":
            continue  # offline download files, served as attachments
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and 'type="application/json"' not in line:
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()[:100]}")
    assert not found, "\n".join(found)


def test_neo4j_password_never_in_pages_or_logs(
    admin_pages: dict[str, Any],
    app: Any,
    make_client: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    conn = settings.resolve()
    assert conn.password and len(conn.password) >= 8
    assert conn.password not in repr(conn) and conn.password not in conn.redacted()
    for url, resp in admin_pages.items():
        assert conn.password.encode() not in resp.data, url  # downloads are bytes (XLSX)
    caplog.set_level(logging.DEBUG)
    client = make_client("admin")
    for url in ("/", "/healthz", "/akteure", "/api/v1/me", "/verwaltung", "/nicht-da"):
        body = client.get(url).get_data(as_text=True)
        assert conn.password not in body
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records) + caplog.text
    assert caplog.records, "nothing was logged at DEBUG; the check would be empty"
    assert conn.password not in logged


def test_never_debug_and_serve_uses_waitress(monkeypatch: pytest.MonkeyPatch) -> None:
    import waitress

    from netzwerk import cli
    from netzwerk.web import create_app

    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    assert create_app().debug is False
    monkeypatch.setenv("FLASK_DEBUG", "1")  # even a stray variable must not switch it on
    assert create_app().debug is False
    served: dict[str, Any] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: served.update(app=app, **kw))
    result = CliRunner().invoke(cli.main, ["serve", "--port", "5999"])
    assert result.exit_code == 0, result.output
    assert served["app"].debug is False and served["port"] == 5999
    assert served["host"] == "127.0.0.1"  # loopback unless told otherwise
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "netzwerk serve" in run and "--debug" not in run and "flask run" not in run
