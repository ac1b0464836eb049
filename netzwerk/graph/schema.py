"""Apply the constraints and indexes in ``cypher/schema`` (idempotent, IF NOT EXISTS)."""

from __future__ import annotations

import re

from netzwerk.graph import queries
from netzwerk.graph.store import Store


def statements() -> list[str]:
    """Every schema statement, in file order; comments stripped, split at semicolons."""
    out: list[str] = []
    for name in queries.names():
        if not name.startswith("schema/"):
            continue
        text = re.sub(r"^\s*//.*$", "", queries.load(name), flags=re.MULTILINE)
        out += [s.strip() for s in text.split(";") if s.strip()]
    return out


def apply(store: Store) -> int:
    """Create missing constraints and indexes; returns how many statements ran."""
    stmts = statements()
    with store._translate(), store.driver.session(database=store.database) as session:
        for stmt in stmts:
            # Schema statements cannot be parameterised and each needs its own transaction.
            session.run(stmt).consume()  # type: ignore[arg-type]
        session.run("CALL db.awaitIndexes(300)").consume()
    return len(stmts)
