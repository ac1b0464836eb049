"""Apply the constraints and indexes in ``cypher/schema`` (idempotent, IF NOT EXISTS), then
the data repairs in ``cypher/migrations`` (idempotent: each touches only data that still
needs it). ``netzwerk init`` runs both; so do the tests and a restore."""

from __future__ import annotations

import re

from netzwerk.graph.core import queries
from netzwerk.graph.core.store import Store


def statements(folder: str = "schema") -> list[str]:
    """Every statement of a folder, in file order; comments stripped, split at semicolons."""
    out: list[str] = []
    for name in queries.names():
        if not name.startswith(folder + "/"):
            continue
        text = re.sub(r"^\s*//.*$", "", queries.load(name), flags=re.MULTILINE)
        out += [s.strip() for s in text.split(";") if s.strip()]
    return out


def apply(store: Store) -> int:
    """Create missing constraints and indexes, repair old data; returns statements run."""
    stmts = statements("schema") + statements("migrations")
    with store._translate(), store.driver.session(database=store.database) as session:
        for stmt in stmts:
            # Schema statements cannot be parameterised and each needs its own transaction.
            session.run(stmt).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    return len(stmts)
