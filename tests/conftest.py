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
