"""Restore a whole-graph backup: the one write of a backup, done by the write path.

The backup's format, its checks and the safety copy belong to
:mod:`netzwerk.graph.admin.backup`; here the checked plan is loaded. Like the seed, a restore
is a bulk load in batches (``UNWIND``) into an emptied database, not one transaction: a
backup of a whole region does not fit one. It never leaves a broken graph all the same: if
loading fails, the database is wiped and the safety copy (or nothing) is put back. A restore
over existing data then keeps what happened after the backup was written: logouts, revoked
tokens, erasures (:func:`_after_restore`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from netzwerk.graph.admin.backup import (
    BackupError,
    Plan,
    Progress,
    dump,
    save_safety_copy,
    validate,
)
from netzwerk.graph.admin.stats import is_empty
from netzwerk.graph.core import bulk
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.schema import ensure_schema, migrate
from netzwerk.graph.core.store import Store
from netzwerk.graph.operations.erase import erase_person
from netzwerk.graph.records import history

log = logging.getLogger(__name__)


def _noop(done: int, total: int) -> None:
    return None


def _load(store: Store, plan: Plan, progress: Progress, batch_size: int) -> int:
    """Write a checked plan into an empty database; returns the relationships created."""
    total, done = plan.node_count + plan.rel_count, 0
    for label_name, rows in plan.nodes.items():
        for chunk in bulk.batches(rows, batch_size):
            store.write("backup/restore_nodes", {"label": label_name}, rows=chunk)
            done += len(chunk)
            progress(done, total)
    created = 0
    for (type_name, from_label, to_label), rows in plan.rels.items():
        idents = {"type": type_name, "from": from_label, "to": to_label}
        for chunk in bulk.batches(rows, batch_size):
            out = store.write("backup/restore_relationships", idents, rows=chunk)
            created += int(out[0]["created"])
            done += len(chunk)
            progress(done, total)
    if created != plan.rel_count:
        raise BackupError.said(
            N_("Nur %(created)s von %(rel_count)s Beziehungen konnten geschrieben werden."),
            created=created,
            rel_count=plan.rel_count,
        )
    return created


def _after_restore(
    store: Store, auth: dict[str, Any] | None, erasures: list[dict[str, Any]]
) -> None:
    """Keep what happened after the backup was written: logouts, revoked tokens, erasures.

    ``auth`` is the state before a restore over existing data (``None`` when the database was
    empty: then the backup is all there is, and it comes back exactly as written).
    """
    if auth is not None:
        store.write("backup/carry_auth", users=auth["users"], tokens=auth["tokens"])
    if erasures:
        store.write("backup/keep_erasure", rows=erasures)
    for row in store.read("backup/erased_but_present", placeholder=history.ERASED):
        erase_person(store, row["person_id"], user="system:wiederherstellung", must_exist=False)


def restore_backup(
    store: Store,
    data: dict[str, Any],
    *,
    replace: bool = False,
    progress: Progress = _noop,
    batch_size: int = bulk.BATCH_SIZE,
    safety_dir: Path | None = None,
) -> dict[str, Any]:
    """Load a backup; refuses a non-empty database unless ``replace``.

    Returns the counts and, when data was replaced, the path of the safety backup.
    """
    plan = validate(data)
    empty = is_empty(store)
    if not empty and not replace:
        raise BackupError.said(
            N_(
                "Die Datenbank enthält bereits Daten. Wiederherstellen nur in eine "
                "leere Datenbank – oder ausdrücklich mit „ersetzen“ (--replace), was "
                "alle vorhandenen Daten löscht."
            )
        )
    erasures = store.read("privacy/erasures")
    auth = None if empty else store.read("backup/auth_state")[0]
    safety: dict[str, Any] | None = None
    safety_path: Path | None = None
    if not empty:
        safety = dump(store)
        if safety_dir is not None:
            safety_path = save_safety_copy(store, safety_dir, "vor-wiederherstellung")
    try:
        bulk.wipe(store)
        ensure_schema(store)
        created = _load(store, plan, progress, batch_size)
        migrate(store)  # the backup may come from an older release
    except Exception as exc:
        log.exception("restore failed, putting the previous state back")
        bulk.wipe(store)
        if safety is None:
            raise BackupError.said(
                N_(
                    "Die Wiederherstellung ist fehlgeschlagen; die Datenbank ist wieder "
                    "leer wie zuvor."
                )
            ) from exc
        ensure_schema(store)
        _load(store, validate(safety), _noop, batch_size)
        migrate(store)
        where = f" (Sicherheitskopie: {safety_path})" if safety_path else ""
        raise BackupError.said(
            N_(
                "Die Wiederherstellung ist fehlgeschlagen; der vorherige Stand wurde "
                "aus der Sicherheitskopie zurückgeschrieben%(where)s."
            ),
            where=where,
        ) from exc
    _after_restore(store, auth, erasures)
    out: dict[str, Any] = {"nodes": plan.node_count, "relationships": created}
    if safety_path:
        out["safety_copy"] = str(safety_path)
    return out
