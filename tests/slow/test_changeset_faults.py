"""Faults in the middle of a changeset: the database stops, or the process applying it is
killed, at a random point of a partner list (1,000 rows in 20 parts, 3,000 rows in 6).
Afterwards the changeset is applied completely (or rolled back completely) within a minute
of the database answering, and its state says which — never half a network.

Runs on the second local Neo4j instance (``faults``, see ``conftest.py``), which the tests stop
and start.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netzwerk import graph, localdb
from netzwerk.graph import imports, operations
from netzwerk.graph.records import changesets
from tests.slow.conftest import INSTANCE, quiet, use_second_instance

pytestmark = pytest.mark.slow
ROWS = 1_000
"""The list the test that stops the database imports, in parts of ``PART`` rows: twenty
transactions, few enough rows that the test spends its time on the fault rather than on
importing (3,000 rows took about a minute more, for the same fault at the same kind of
point)."""
PART = 200
KILL_ROWS = 3_000
"""The list the killed command line imports: it writes parts of 2,500 rows, so 3,000 rows
are six parts; with 1,000 (three parts) the import often ended before the kill."""
LIMIT = float(os.environ.get("NETZWERK_RESUME_LIMIT", "90"))
"""Seconds from the database answering (or the kill) to a whole changeset. The target is one
minute (measured in docs/PERFORMANCE.md); the test allows 90 s, a loaded machine may set more."""


@pytest.fixture
def fault_store(second_instance: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[graph.Store]:
    store = graph.connect(use_second_instance(monkeypatch))
    graph.apply_schema(store)
    yield store
    if not localdb.is_running():
        localdb.start(say=quiet)
    graph.wipe(store)
    store.close()


def _partner_list(path: Path, rows: int = ROWS) -> Path:
    lines = ["Name;Art;PLZ;Ort;Ansprechperson;E-Mail"]
    lines += [
        f"Einrichtung {i:04d};Schule;54290;Trier;Person{i:04d} Nachname{i:04d};p{i}@example.org"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _counts(store: graph.Store) -> tuple[int, int, int]:
    c = graph.counts(store)
    return c.nodes.get("Actor", 0), c.nodes.get("Person", 0), c.links.get("WORKS_AT", 0)


def _finished_within(store: graph.Store, cs_id: str, seconds: float) -> changesets.Changeset:
    """Run the server's watcher until the changeset is finished (or the time is up)."""
    watcher = operations.Watcher(store, interval=2.0)
    watcher.start()
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            cs = changesets.get(store, cs_id)
            if cs is not None and cs.finished:
                return cs
            time.sleep(1)
    finally:
        watcher.stop()
        watcher.join(timeout=600)  # a resume under way finishes before the test goes on
    raise AssertionError(f"changeset {cs_id} not finished within {seconds} s")


def _assert_whole(
    store: graph.Store, cs: changesets.Changeset, point: float, rows: int = ROWS
) -> None:
    if cs.state == "applied":
        assert _counts(store) == (rows, rows, rows), f"stopped at {point:.0%}"
    else:
        assert cs.state == "failed" and _counts(store) == (0, 0, 0), f"stopped at {point:.0%}"


def test_database_stopped_at_a_random_point_of_the_import(
    fault_store: graph.Store, tmp_path: Path
) -> None:
    store = fault_store
    table = imports.read_table(_partner_list(tmp_path / "partner.csv").read_bytes(), "p.csv")
    plan = imports.dry_run(store, table, "partners", imports.guess(table.headers, "partners"))
    assert not plan.blocking and not plan.undecided
    cs_id, units = operations.propose_import(store, plan, user="u", batch_size=PART)
    point = random.uniform(0.1, 0.9)
    stopped = threading.Event()

    def stop_at(done: int, total: int) -> None:
        if not stopped.is_set() and done >= point * total:
            stopped.set()
            localdb.stop(say=lambda _: None)

    with pytest.raises(graph.DatabaseUnavailableError):
        operations.apply_changeset(store, cs_id, user="u", units=units, progress=stop_at)
    assert stopped.is_set()
    localdb.start(say=lambda _: None)
    answering = time.monotonic()
    cs = _finished_within(store, cs_id, LIMIT)
    _assert_whole(store, cs, point)
    print(f"stopped at {point:.0%}, finished {time.monotonic() - answering:.1f} s after restart")
    page = changesets.get(store, cs_id)
    assert page is not None and page.state_title in ("angewendet", changesets.STATES["failed"])


def test_process_killed_at_a_random_point_of_the_import(
    fault_store: graph.Store, tmp_path: Path
) -> None:
    store = fault_store
    path = _partner_list(tmp_path / "partner.csv", KILL_ROWS)
    env = {**os.environ, "NETZWERK_INSTANCE": INSTANCE}
    env.pop("NEO4J_URI", None)
    cli = [str(Path(sys.executable).parent / "netzwerk"), "import", str(path), "--kind", "partners"]
    proc = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    point = random.uniform(0.05, 0.9)
    cs_id = ""
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            page = changesets.recent(store, limit=1).items
            if page and page[0].total and page[0].done >= point * page[0].total:
                cs_id = page[0].id
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    if not cs_id:  # it finished before the point was reached: still whole
        cs_id = changesets.recent(store, limit=1).items[0].id
    killed = time.monotonic()
    cs = _finished_within(store, cs_id, LIMIT)
    _assert_whole(store, cs, point, KILL_ROWS)
    print(f"killed at {point:.0%}, finished {time.monotonic() - killed:.1f} s later")
