"""Shared fixtures: a real Neo4j (the one `make test` starts), emptied after each test.

Integration tests need the database and must never be skipped for lack of it: if it cannot
be reached, the whole run stops with a message saying how to start it. To protect real data,
the run also refuses a database that already holds records when it begins.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from flask import Flask
from jinja2.bccache import Bucket, BytecodeCache
from werkzeug.security import generate_password_hash

from netzwerk import graph, settings
from netzwerk.graph.admin import users
from netzwerk.graph.sharing import share_links
from tests.workers import worker_instance

HOSTILE_STRINGS: list[str] = [
    'O\'Brien "Die Brücke" e.V.',
    "'); MATCH (n) DETACH DELETE n; //",
    "MATCH (n) RETURN n",
    "$name} RETURN 1 //",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://evil.example","klick")',
    "+49 651 1234",
    "@SUM(A1:A9)",
    "Ärztekammer Übach-Palenberg – Straße ß",
    "مدرسة التعلم",
    "zero\u200bwidth\u202eRTL",
    "🙂 Emoji-Verein",
    "x" * 5_000,
    # script injection in the forms browsers and templates meet
    '"><svg onload=alert(1)>',
    "javascript:alert(document.cookie)",
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% raw %}${7*7}",
    '<a href="javascript:alert(1)">klick</a>',
    # query languages: Cypher, SQL, Lucene
    "x' OR '1'='1",
    "1; DROP TABLE users; --",
    "` ) WITH 1 AS x CALL db.labels() YIELD label RETURN label //",
    "name:* OR *:* AND (a~ OR b^2) \\",
    # spreadsheet formulas (CSV/XLSX injection)
    "=cmd|' /C calc'!A0",
    "-2+3",
    "=SUMME(A1:A9)",
    # invisible characters a pasted value may carry
    "\ufeffBOM",
    # bidi / zero-width / combining
    "\u202egnp.exe\u202c",
    "\u200d\u200c\u2060 Nullbreite",
    # invalid dates, e-mails, ids, numbers
    "2024-02-30",
    "31.02.2024",
    "9999-99-99",
    "-1",
    "1e309",
    "NaN",
    "not-an-email@",
    "a@b@c.de",
    "Actor-../../etc/passwd",
    # path traversal and odd file names
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "CON.csv",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
]

# Values the validators must refuse (or clean) with a message, never a 500: control
# characters and NUL, whitespace only, text that changes under Unicode normalisation, and
# values over the 5,000-character limit. HOSTILE_STRINGS above are all valid values that must
# be stored verbatim; HOSTILE_CORPUS is both, for tests that only demand "no harm".
HOSTILE_INVALID: list[str] = [
    "NUL\x00byte",
    "bell\x07back\x08esc\x1b[31m",
    "line\r\nbreak\u2028sep",
    "   ",
    "a\u0301\u0301\u0301\u0301",
    "ä" * 6_000,
    "<b>" * 2_000,
    "x" * 100_000,
]
HOSTILE_CORPUS: list[str] = HOSTILE_STRINGS + HOSTILE_INVALID

# Raw bytes that are not UTF-8, for URLs and uploads (strings above are all valid text).
HOSTILE_URL_PARTS: list[str] = ["%ff%fe", "%c0%af", "%00", "%e2%82", "..%2f..%2f", "%25%32%35"]


def pytest_configure(config: pytest.Config) -> None:
    """Each pytest-xdist worker tests against its own local instance (`tests.workers`)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and not os.environ.get("NEO4J_URI"):
        base = os.environ.get("NETZWERK_INSTANCE", "test")
        os.environ["NETZWERK_INSTANCE"] = worker_instance(base, worker)


TEST_SCRYPT = "scrypt:1024:8:1"
"""The scrypt the tests hash passwords with: N = 2**10 instead of werkzeug's 2**15, so
each hash is 32 times less work (about 3 ms instead of 0.1 s on the CI machine; every
``make_client`` hashes twice, a few thousand times per run). Still a salted scrypt hash that
``check_password_hash`` verifies by its own parameters; `full_password_cost` restores the
production cost for the tests that are about it."""


def _cheap(password: str) -> str:
    return generate_password_hash(password, method=TEST_SCRYPT)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for module in (users, share_links):
            patch.setattr(module, "_DUMMY_HASH", _cheap("netzwerk-dummy-password"))
            patch.setattr(module, "generate_password_hash", _cheap)
        yield


@pytest.fixture
def full_password_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash with the production scrypt (werkzeug's default) in this test, dummy hashes too."""
    for module in (users, share_links):
        monkeypatch.setattr(module, "generate_password_hash", generate_password_hash)
        monkeypatch.setattr(module, "_DUMMY_HASH", generate_password_hash("netzwerk-dummy"))


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the whole run: every test gets a fresh app, whose Jinja
    environment would otherwise parse and compile each template it renders again (seconds
    per test on a loaded machine). The key includes the source's checksum."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session", autouse=True)
def _templates_compiled_once() -> Iterator[None]:
    options = {**Flask.jinja_options, "bytecode_cache": _CompiledTemplates()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flask, "jinja_options", options)
        yield


@pytest.fixture(autouse=True)
def _today_is_the_day_the_test_runs(request: pytest.FixtureRequest) -> None:
    """A module's ``TODAY`` is the date its test runs on, not the date it was imported on:
    a run that crosses midnight compared yesterday's date with the app's today."""
    if isinstance(getattr(request.module, "TODAY", None), date):
        request.module.TODAY = date.today()


@pytest.fixture(scope="session")
def _session_store() -> Iterator[graph.Store]:
    if os.environ.get("NEO4J_URI") and int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
        pytest.exit(
            "Mit NEO4J_URI (ein externer Server) laufen die Tests in einem Prozess "
            "(`pytest -n 0`, `make test` tut das selbst): jeder Test leert die Datenbank.",
            returncode=3,
        )
    try:
        store = graph.connect()
        graph.server_info(store)
    except (settings.SettingsError, graph.DatabaseUnavailableError) as exc:
        pytest.exit(
            f"Neo4j ist für die Tests nicht erreichbar: {exc}\n"
            "Starten Sie die Tests mit `make test` (startet die Test-Datenbank selbst) oder "
            "`NETZWERK_INSTANCE=test netzwerk db start`.",
            returncode=3,
        )
    if not graph.is_empty(store):
        pytest.exit(
            f"Die Datenbank {store.description} enthält bereits Daten. Die Tests laufen nur "
            "gegen eine leere Datenbank, weil sie nach jedem Test alles löschen "
            "(`make test` nutzt dafür die Instanz „test“).",
            returncode=3,
        )
    graph.apply_schema(store)
    yield store
    store.close()


@pytest.fixture
def store(_session_store: graph.Store) -> Iterator[graph.Store]:
    """The test database; everything a test wrote is removed afterwards."""
    yield _session_store
    graph.wipe(_session_store)


PASSWORD = "test-Passwort-123"


def new_app(store: graph.Store, spool: str | os.PathLike[str]):
    """The Flask app wired to the test database (CSRF on, as in production); uploads are
    kept in ``spool``."""
    from netzwerk.web import create_app

    return create_app({"TESTING": True, "STORE": store, "SECRET_KEY": "test", "SPOOL_DIR": spool})


@pytest.fixture
def app(store: graph.Store, tmp_path_factory: pytest.TempPathFactory):
    """:func:`new_app` for one test."""
    return new_app(store, tmp_path_factory.mktemp("uploads"))


def client_as(app, store: graph.Store, role: str | None, *, contacts: bool = False):
    """A test client logged in with ``role`` through the real form, CSRF token included
    (``None``: anonymous; ``contacts=True`` grants a viewer contact data)."""
    client = app.test_client()
    if role is None:
        return client
    name = f"{role}{'-kontakte' if contacts else ''}"
    if users.find_user(store, name) is None:
        users.create_user(store, name, PASSWORD, role=role, contacts=contacts)
    login(client, name, PASSWORD)
    return client


@pytest.fixture
def make_client(app, store: graph.Store):
    """``make_client("editor")`` returns a test client logged in with that role (see
    :func:`client_as`)."""

    def make(role: str | None, *, contacts: bool = False):
        return client_as(app, store, role, contacts=contacts)

    return make


@contextmanager
def waitress_server(app: Any, threads: int = 8) -> Iterator[int]:
    """Serve ``app`` with waitress (the production server) on a free loopback port in a
    thread; yields the port. The test client never encodes headers, waitress does.

    On exit every channel is closed from inside the server's loop: ``server.close()`` alone
    closes only the listening socket, and a client's idle keep-alive connection (Chromium
    keeps one) held the loop, and so each test's teardown, for the full 5 s join timeout.
    """
    from waitress import wasyncore
    from waitress.server import create_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = create_server(app, host="127.0.0.1", port=port, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        loop: Any = server  # one address: a BaseWSGIServer, whose map and trigger the stubs omit
        loop.trigger.pull_trigger(lambda: wasyncore.close_all(loop._map))
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()


def user_named(store: graph.Store, username: str) -> users.User:
    """The stored account ``username``; the test fails (not a ``None`` error) if there is none."""
    account = users.find_user(store, username)
    assert account is not None, f"no account {username!r}"
    return account


def found(pattern: str | re.Pattern[str], text: str, group: int = 1) -> str:
    """A group of the first match of ``pattern`` in ``text``; the test fails, saying what
    was missing, where ``re.search(...).group`` would die on ``None``."""
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found in {text[:300]!r}"
    return match.group(group)


def csrf_token(client, path: str = "/anmelden") -> str:
    """Read the CSRF token from a page's form, as a browser would."""
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, username: str, password: str):
    token = csrf_token(client)
    resp = client.post(
        "/anmelden", data={"username": username, "password": password, "csrf_token": token}
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    return resp


SEED_EMAIL = "geheim.kontakt@beispiel-schule.de"
SEED_PHONE = "+49 651 4711 0815"


@pytest.fixture
def seeded(store: graph.Store) -> dict[str, str]:
    """A small graph with one record of every kind, a link, a trash entry, an extra user
    and a history entry carrying a person's e-mail/phone (as the browser's create writes it).

    Returns the ids by name, for filling URL parameters.
    """
    return seed_small_graph(store)


def seed_small_graph(store: graph.Store, user: str = "test") -> dict[str, str]:
    """The graph of :func:`seeded`, written by ``user`` (whose organisation then owns it)."""
    import datetime

    from netzwerk.graph.admin import users
    from netzwerk.graph.core.model import Presentation
    from netzwerk.graph.network.filters import Filter
    from netzwerk.graph.operations import sharing
    from netzwerk.graph.sharing.presentations import Slide

    actor = graph.create_record(
        store, graph.Actor(name="Grundschule Matrix", kind="Schule"), user=user
    )
    other = graph.create_record(
        store, graph.Actor(name="VHS Matrix", kind="VHS/Weiterbildung"), user=user
    )
    person = graph.create_record(
        store,
        graph.Person(
            first_name="Gerda",
            last_name="Geheim",
            function="Schulleitung",
            email=SEED_EMAIL,
            phone=SEED_PHONE,
            consent_contact=True,
            consent_contact_date=datetime.date(2024, 1, 15),
            consent_contact_source="Formular",
        ),
        user=user,
    )
    alliance = graph.create_record(store, graph.Alliance(name="Bündnis Matrix"), user=user)
    project = graph.create_record(store, graph.Project(name="Projekt Matrix"), user=user)
    topic = graph.create_record(store, graph.Topic(name="Thema Matrix"), user=user)
    stage = graph.create_record(store, graph.Stage(name="Stufe Matrix", order=1), user=user)
    group = graph.create_record(store, graph.TargetGroup(name="Zielgruppe Matrix"), user=user)
    region = graph.create_record(store, graph.Region(name="Region Matrix"), user=user)
    link = graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id=actor.id, to_id=other.id, kind="Gremienarbeit"),
        user=user,
    )
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id=person.id, to_id=actor.id), user=user
    )
    graph.create_link(
        store, graph.Link(type="MEMBER_OF", from_id=actor.id, to_id=alliance.id), user=user
    )
    doomed = graph.create_record(
        store, graph.Actor(name="Gelöschter Akteur", kind="Sonstige"), user=user
    )
    entry = graph.delete_record(store, graph.Actor, doomed.id, user=user)
    view = sharing.save_view(store, name="Ansicht Matrix", owner=user, flt=Filter())
    shown = sharing.save_presentation(
        store, Presentation(name="Präsentation Matrix"), [Slide(view.id, "Text")], user=user
    )
    victim = users.create_user(store, "opfer", PASSWORD, role="viewer")
    _secret, token = users.create_token(store, victim.id, "seed")
    return {
        "actor": actor.id,
        "other_actor": other.id,
        "person": person.id,
        "alliance": alliance.id,
        "project": project.id,
        "topic": topic.id,
        "stage": stage.id,
        "target_group": group.id,
        "region": region.id,
        "link_type": link.type,
        "link": link.id,
        "trash": entry.trash_id,
        "user": victim.id,
        "token": token.id,
        "view": view.id,
        "presentation": shown.id,
    }
