"""Faults: the database goes away while the app serves requests, and comes back.

Runs on the second local Neo4j instance (``faults``, see ``conftest.py``) that the test stops
and starts, so it takes about a minute and is marked slow (`make test-slow`, also run by CI).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from netzwerk import graph, localdb, settings
from tests.slow.conftest import use_second_instance

pytestmark = pytest.mark.slow


@pytest.fixture
def fault_instance(
    second_instance: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[settings.ConnectionSettings]:
    yield use_second_instance(monkeypatch)
    if localdb.is_running():
        with graph.connect(settings.resolve()) as store:
            graph.wipe(store)


def test_app_answers_503_while_neo4j_is_down_and_recovers(fault_instance) -> None:
    from netzwerk.web import create_app

    store = graph.connect(fault_instance)
    graph.apply_schema(store)
    app = create_app({"TESTING": True, "STORE": store, "SECRET_KEY": "test"})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200

    localdb.stop(say=lambda _: None)
    down = client.get("/healthz")
    assert down.status_code == 503
    message = (down.json or {}).get("message")
    assert message == fault_instance.unreachable_message()  # German, what to do
    page = client.get("/anmelden")
    assert page.status_code == 200  # the login page needs no database
    login = client.post("/anmelden", data={"username": "x", "password": "y"})
    assert login.status_code in (400, 503)  # no CSRF token → 400; never a 500

    localdb.start(say=lambda _: None)
    deadline = time.monotonic() + 30
    status = 0
    while time.monotonic() < deadline:
        status = client.get("/healthz").status_code
        if status == 200:
            break
        time.sleep(0.5)
    assert status == 200, "the app did not recover after Neo4j came back"
    store.close()
