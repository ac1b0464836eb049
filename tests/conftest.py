"""Shared fixtures: a real Neo4j (the one `make test` starts), emptied after each test.

Integration tests need the database and must never be skipped for lack of it: if it cannot
be reached, the whole run stops with a message saying how to start it. To protect real data,
the run also refuses a database that already holds records when it begins.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netzwerk import graph, settings

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
]


@pytest.fixture(scope="session")
def _session_store() -> Iterator[graph.Store]:
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


@pytest.fixture
def app(store: graph.Store):  # type: ignore[no-untyped-def]
    """The Flask app wired to the test database (CSRF on, as in production)."""
    from netzwerk.web import create_app

    return create_app({"TESTING": True, "STORE": store, "SECRET_KEY": "test"})


@pytest.fixture
def make_client(app, store: graph.Store):  # type: ignore[no-untyped-def]
    """``make_client("editor")`` returns a test client logged in with that role.

    ``make_client(None)`` is anonymous; ``contacts=True`` grants a viewer contact data.
    The login goes through the real form, CSRF token included.
    """
    from netzwerk.graph import users

    def make(role: str | None, *, contacts: bool = False):  # type: ignore[no-untyped-def]
        client = app.test_client()
        if role is None:
            return client
        name = f"{role}{'-kontakte' if contacts else ''}"
        if users.find_user(store, name) is None:
            users.create_user(store, name, PASSWORD, role=role, contacts=contacts)
        login(client, name, PASSWORD)
        return client

    return make


def csrf_token(client, path: str = "/anmelden") -> str:  # type: ignore[no-untyped-def]
    """Read the CSRF token from a page's form, as a browser would."""
    import re

    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, username: str, password: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client)
    resp = client.post(
        "/anmelden", data={"username": username, "password": password, "csrf_token": token}
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    return resp
