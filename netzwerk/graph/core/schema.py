"""The database's schema and its upgrades, versioned and recorded in the database.

Two kinds of step, one file each, run in file-name order:

* ``cypher/schema/NNN_*.cypher`` — constraints and indexes (``IF NOT EXISTS``). They run on
  every start, because they are cheap and idempotent and a database restored or created by
  hand may lack one.
* ``cypher/migrations/NNN_*.cypher`` — data migrations that bring data written by an older
  release to the current form. Each runs once per database; each is also idempotent
  (touches only data that still needs it), so a restore may run them all again on what it
  loaded.

Every step that ran is recorded as a ``SchemaMigration`` node (id ``schema/…`` or
``migrations/…``, checksum of the file, when, which release), the database's upgrade log.
``netzwerk init`` and ``netzwerk serve`` apply what is pending; ``netzwerk doctor`` reports
pending steps and steps the database knows but this release does not (a database already
used by a newer release). The log is not part of a backup (:mod:`netzwerk.graph.admin.backup`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from netzwerk import __version__
from netzwerk.graph.core import queries
from netzwerk.graph.core.store import Store

FOLDERS = ("schema", "migrations")


@dataclass(frozen=True)
class Step:
    """One schema file or data migration: its name, statements and checksum."""

    id: str
    statements: tuple[str, ...]
    checksum: str

    @property
    def is_migration(self) -> bool:
        return self.id.startswith("migrations/")


@dataclass(frozen=True)
class Status:
    """What the database's upgrade log says compared with this release's steps."""

    pending: list[str]
    unknown: list[str]
    applied: int

    @property
    def current(self) -> bool:
        return not self.pending and not self.unknown


def _split(text: str) -> tuple[str, ...]:
    text = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
    return tuple(s.strip() for s in text.split(";") if s.strip())


def steps(folder: str) -> list[Step]:
    """The steps of one folder (``schema`` or ``migrations``) in file order."""
    out = []
    for name in queries.names():
        if name.startswith(folder + "/"):
            text = queries.load(name)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            out.append(Step(name, _split(text), digest))
    return out


def statements(folder: str = "schema") -> list[str]:
    """Every statement of a folder, in file order; comments stripped, split at semicolons."""
    return [stmt for step in steps(folder) for stmt in step.statements]


def applied(store: Store) -> dict[str, dict[str, Any]]:
    """The upgrade log: step id → checksum, applied, release."""
    return {row["id"]: row for row in store.read("upgrade/applied")}


def status(store: Store) -> Status:
    """Pending steps (never run, or a schema file changed since) and unknown ones."""
    log = applied(store)
    known = steps("schema") + steps("migrations")
    pending = [
        s.id
        for s in known
        if s.id not in log or (not s.is_migration and log[s.id]["checksum"] != s.checksum)
    ]
    ids = {s.id for s in known}
    return Status(pending=pending, unknown=sorted(set(log) - ids), applied=len(log))


def _run(store: Store, todo: list[Step]) -> int:
    """Run steps (each statement in its own transaction, as schema statements need) and
    record each in the log once all its statements went through."""
    count = 0
    with store._translate(), store.session() as session:
        for step in todo:
            for stmt in step.statements:
                session.run(stmt).consume()
                count += 1
            session.run(
                queries.load("upgrade/record"),
                id=step.id,
                checksum=step.checksum,
                release=__version__,
            ).consume()
        if any(not step.is_migration for step in todo):
            session.run("CALL db.awaitIndexes(300)").consume()
    return count


def ensure_schema(store: Store) -> int:
    """Create missing constraints and indexes; returns the statements run."""
    return _run(store, steps("schema"))


def migrate(store: Store) -> int:
    """Run the data migrations this database has not run yet; returns the statements run."""
    done = applied(store)
    return _run(store, [s for s in steps("migrations") if s.id not in done])


def apply(store: Store) -> int:
    """Bring the database up to this release: schema, then pending data migrations."""
    return ensure_schema(store) + migrate(store)
