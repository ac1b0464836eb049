"""Finish changesets that a dead process or a lost database left half done.

A changeset is applied part by part, each part in one transaction with its progress and a
heartbeat (:mod:`.imports`). If the process applying it is killed, or the database goes away
in the middle, the changeset stays "wird angewendet" (or "wird zurückgerollt", "wird
rückgängig gemacht") with a heartbeat that no longer moves. :func:`resume` claims such
changesets — one worker wins the claim under the changeset's write lock — and finishes them
from the journal: pending parts are applied (none twice), a rollback or undo is run again
(both work by value, so running them again is safe).

:class:`Watcher` calls :func:`resume` every few seconds in the server process
(``netzwerk serve``), so a changeset is finished within a minute of the database answering
again; ``netzwerk aenderungen fortsetzen`` does the same once from the command line.
"""

from __future__ import annotations

import logging
import threading

from netzwerk.graph.core.errors import DatabaseUnavailableError, GraphError
from netzwerk.graph.core.store import Store
from netzwerk.graph.operations.import_undo import undo_import
from netzwerk.graph.operations.imports import apply_changeset, finish_rollback
from netzwerk.graph.records import changesets

log = logging.getLogger(__name__)
STALE_SECONDS = 15
"""A changeset whose heartbeat is older than this is taken to be abandoned. A part takes a
second or two, so a living worker beats far more often."""
INTERVAL_SECONDS = 10.0


def resume(store: Store, *, stale_seconds: int = STALE_SECONDS) -> list[tuple[str, str]]:
    """Finish every abandoned changeset; (id, state it is in now) for each one taken."""
    done = []
    for cs_id, state in store.transaction(lambda tx: changesets.claim_stale_in(tx, stale_seconds)):
        cs = changesets.get(store, cs_id)
        if cs is None:
            continue
        user = cs.author or "netzwerk"
        try:
            if state in ("proposed", "applying"):
                apply_changeset(store, cs_id, user=user)
            elif state == "rolling_back":
                finish_rollback(store, cs_id, cs.error or "Abgebrochen und zurückgerollt.")
            elif state == "undoing":
                undo_import(store, cs_id, user=user)
        except DatabaseUnavailableError:
            raise
        except GraphError as exc:  # a part failed for good: apply_changeset rolled it back
            log.warning("Änderungspaket %s: %s", cs_id, exc)
        after = changesets.get(store, cs_id)
        done.append((cs_id, after.state if after else "?"))
    return done


class Watcher(threading.Thread):
    """A daemon thread of the server that calls :func:`resume` every few seconds."""

    def __init__(self, store: Store, interval: float = INTERVAL_SECONDS) -> None:
        super().__init__(name="changeset-watcher", daemon=True)
        self.store, self.interval = store, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                for cs_id, state in resume(self.store):
                    log.info("Änderungspaket %s fortgesetzt: %s", cs_id, state)
            except DatabaseUnavailableError:
                continue  # try again once the database answers
            except Exception:  # the watcher must outlive any one failure
                log.exception("Änderungspakete konnten nicht fortgesetzt werden")

    def stop(self) -> None:
        self.stopped.set()
