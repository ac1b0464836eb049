"""Edit round trip in the browser UI at 10,000 actors: GET the form, POST the save.

What a user feels when editing: the edit form is loaded (record read, CSRF token), then the
save goes through validation, the optimistic-locking update, the history entry and the
redirect. The app runs in waitress (the production server) in its own process on loopback;
clients are threads with their own session (logged in through the form) and keep-alive
connections. 1 client and 8 concurrent clients are measured side by side in one run; every
client edits its own actors, so no save runs into a conflict.
"""

from __future__ import annotations

import re
import sys
import threading
import time

from bench._report import machine, median, percentile, write_section
from bench._server import Session, free_port, running
from bench.seed_load import synthetic
from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.core import bulk

ACTORS = 10_000
COOPERATIONS = 30_000
ROUNDS = 40  # round trips per client
PASSWORD = "bench-Passwort-1"
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"')


class Client(Session):
    """A logged-in editor who edits actors through the browser forms."""

    def login(self, username: str) -> None:
        _, page = self.request("GET", "/anmelden")
        token = _CSRF.search(page).group(1)  # type: ignore[union-attr]
        status, _ = self.request(
            "POST", "/anmelden", {"username": username, "password": PASSWORD, "csrf_token": token}
        )
        assert status == 302, status

    def roundtrip(self, actor_id: str, n: int) -> float:
        started = time.perf_counter()
        status, page = self.request("GET", f"/akteure/{actor_id}/bearbeiten")
        assert status == 200, status
        token = _CSRF.search(page).group(1)  # type: ignore[union-attr]
        version = _VERSION.search(page).group(1)  # type: ignore[union-attr]
        status, _ = self.request(
            "POST",
            f"/akteure/{actor_id}/bearbeiten",
            {
                "csrf_token": token,
                "version": version,
                "name": f"Einrichtung {actor_id[-6:]}",
                "kind": "Schule",
                "town": "Trier",
                "postcode": "54290",
                "notes": f"Bearbeitung {n}",
            },
        )
        assert status == 302, status
        return time.perf_counter() - started


def _run(port: int, clients: int, offset: int) -> tuple[list[float], float]:
    sessions = []
    for i in range(clients):
        c = Client(port)
        c.login(f"bench-{i}")
        sessions.append(c)
    times: list[float] = []
    lock = threading.Lock()

    def work(i: int) -> None:
        mine = []
        for n in range(ROUNDS):
            actor = f"bench-actor-{(offset + i * ROUNDS + n) % ACTORS:06d}"
            mine.append(sessions[i].roundtrip(actor, n))
        with lock:
            times.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, time.perf_counter() - started


def main() -> None:
    store = graph.connect()
    graph.wipe(store)
    graph.apply_schema(store)
    actors, links = synthetic(ACTORS, COOPERATIONS)
    bulk.merge_nodes(store, actors)
    bulk.merge_links(store, links)
    for i in range(8):
        users.create_user(store, f"bench-{i}", PASSWORD, role="editor")
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from waitress import serve; from netzwerk.web import create_app; "
        f"serve(create_app(), host='127.0.0.1', port={port}, threads=8, _quiet=True)",
    ]
    with running(command, port):
        _run(port, 1, 9_000)  # warm-up: query plans, connection pool
        rows = []
        for clients, offset in ((1, 0), (8, 1_000)):
            times, wall = _run(port, clients, offset)
            rows.append((clients, times, wall))
    graph.wipe(store)
    store.close()

    table = [
        "| clients | round trips | p50 ms | p95 ms | max ms | round trips/s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for clients, times, wall in rows:
        table.append(
            f"| {clients} | {len(times)} | {median(times) * 1000:.0f} | "
            f"{percentile(times, 95) * 1000:.0f} | {max(times) * 1000:.0f} | "
            f"{len(times) / wall:.1f} |"
        )
    one, eight = rows[0], rows[1]
    ratio_p50 = median(eight[1]) / median(one[1])
    ratio_tp = (len(eight[1]) / eight[2]) / (len(one[1]) / one[2])
    text = f"""## Edit round trip (browser form) at {ACTORS:,} actors

GET `/akteure/<id>/bearbeiten` + POST the save (validation, optimistic-locking update,
history entry, redirect), against waitress (8 threads) on loopback, {COOPERATIONS:,}
cooperations in the graph, each client logged in with its own session and editing its own
actors. Clients run in the same machine as the server and Neo4j.

Machine: {machine()}

{chr(10).join(table)}

8 clients vs 1: p50 latency × {ratio_p50:.1f}, throughput × {ratio_tp:.1f}. On 2 cores the
server, Neo4j and the clients share the CPUs, so concurrency mostly queues (waitress reports
its task queue); a save stays well under a second even with 8 people saving at once.
"""
    write_section("edit_roundtrip", text)
    print(text)


if __name__ == "__main__":
    main()
