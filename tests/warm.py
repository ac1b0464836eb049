"""Warm a freshly started test instance before the suite runs against it.

A new Neo4j JVM compiles its hot code (JIT) and plans every query the first time it meets
it. During the suite that cost more than the tests' own queries: two cold instances used
about 570 CPU seconds in one run of ``make test``, two warm ones about 200, on a machine
whose two cores the test processes and the browser already keep busy. ``make test`` runs
this module for each instance it had to start, beside the installation of the Debian
packages and axe-core, whose downloads leave the cores idle on a fresh machine (where all
is installed, the warm-up takes about a minute before the suite, and the suite about a
minute less). The demo region is loaded, every page without an id and the pages of one
record of each kind are opened as an administrator, a partner sheet is imported twice and
undone, and the database is emptied again (the suite refuses a database that is not
empty). More work (a survey, merging, erasing, a backup restored) made the warm-up 23 s
longer without shortening the suite.

Best effort: a failing request is counted, not raised; whatever goes wrong here, the tests
find it themselves.

Run: ``NETZWERK_INSTANCE=test python -m tests.warm``.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from typing import Any

from bench.partner_sheet import sheet
from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.admin import seed, users
from tests.conftest import PASSWORD, login, new_app

ACCOUNT = "aufwaermen"
RECORD_PAGES = [
    "/akteure/actor-kbm-trier",
    "/akteure/actor-kbm-trier/bearbeiten",
    "/personen/person-0001",
    "/buendnisse/alliance-alpha-trier",
    "/projekte/project-kitec-digital",
    "/netzwerk/ego/actor-kbm-trier",
    "/netzwerk/ego/actor-kbm-trier/daten.json",
    "/luecken/export.csv",
    "/luecken/kennzahlen.xlsx",
    "/netzwerk/bild.html",
    "/suche?q=Schule",
    "/luecken?organisation=kreis-trier-saarburg",
]
"""Pages with an id of the demo region (the pages without one are found in the URL map)."""
SKIP = re.compile(r"abmelden|logout|oidc|healthz|metrics|static")
ROWS = 300
"""Rows of the partner sheet (the benchmark's, smaller): enough for every batch kind."""


def _pages(app: Any) -> list[str]:
    plain = sorted(
        r.rule
        for r in app.url_map.iter_rules()
        if "GET" in (r.methods or ()) and not r.arguments and not SKIP.search(r.rule)
    )
    return plain + RECORD_PAGES


def _open_pages(store: graph.Store) -> tuple[int, int]:
    """Every page once as an administrator; returns (pages opened, pages not answering 2xx/3xx)."""
    with tempfile.TemporaryDirectory() as spool:
        app = new_app(store, spool)
        client = app.test_client()
        login(client, ACCOUNT, PASSWORD)
        failed = 0
        pages = _pages(app)
        for path in pages:
            try:
                if client.get(path).status_code >= 400:
                    failed += 1
            except Exception:  # best effort, see the module docstring
                failed += 1
        return len(pages), failed


def _import_and_undo(store: graph.Store) -> None:
    table = imports.read_table(sheet(ROWS), "partner.csv")
    kind = imports.detect_kind(table.headers)
    mapping = imports.guess(table.headers, kind)
    batch = operations.commit_import(
        store, imports.dry_run(store, table, kind, mapping), user=ACCOUNT
    ).batch
    operations.commit_import(store, imports.dry_run(store, table, kind, mapping), user=ACCOUNT)
    operations.undo_import(store, batch, user=ACCOUNT)


def warm(store: graph.Store) -> str:
    """One round of the work above on ``store``, which must be empty; returns a summary."""
    if not graph.is_empty(store):
        return "Datenbank nicht leer, nicht aufgewärmt"
    started = time.perf_counter()
    try:
        users.create_user(store, ACCOUNT, PASSWORD, role="admin", contacts=True)
        seed.load(store)
        opened, failed = _open_pages(store)
        _import_and_undo(store)
    finally:
        graph.wipe(store)
    return (
        f"{opened} Seiten ({failed} ohne Erfolg), Import und Rücknahme,"
        f" {time.perf_counter() - started:.0f} s"
    )


def main() -> int:
    instance = os.environ.get("NETZWERK_INSTANCE", "")
    try:
        store = graph.connect()
        try:
            said = warm(store)
        finally:
            store.close()
    except Exception as exc:  # best effort, see the module docstring
        said = f"übersprungen ({type(exc).__name__}: {exc})"
    print(f"Aufwärmen der Neo4j-Instanz {instance}: {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
