"""The second local Neo4j instance (``faults``) that the fault and routing tests stop, kill
and reach by ``neo4j://``.

It is started once for the run and stopped at its end: each start of the server's JVM costs
20–40 s, and the three modules used to start and stop it (or an instance of their own) seven
times. Each test still finds it running and empty, and leaves it empty.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netzwerk import graph, localdb, settings
from tests.workers import worker_instance

INSTANCE = worker_instance("faults")
"""Its own per test process when pytest-xdist runs several (``faults-gw1`` …)."""


def quiet(_: str) -> None:
    return None


def use_second_instance(monkeypatch: pytest.MonkeyPatch) -> settings.ConnectionSettings:
    """Point this test at the second instance, start it if a test stopped it, empty it."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("NETZWERK_INSTANCE", INSTANCE)
    monkeypatch.setenv("NETZWERK_NEO4J_FOR_TESTS", "1")  # plans kept, as in `make test`
    conn = localdb.start(say=quiet)  # finds the running server, or starts it
    with graph.connect(conn) as store:
        graph.wipe(store)
    return conn


@pytest.fixture(scope="session")
def second_instance() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        use_second_instance(patch)
    yield
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("NEO4J_URI", raising=False)
        patch.setenv("NETZWERK_INSTANCE", INSTANCE)
        if localdb.is_running():
            with graph.connect(settings.resolve()) as store:
                graph.wipe(store)
            localdb.stop(say=quiet)
