"""Forgetting on schedule: trash entries older than the retention period.

Deleted records are kept as snapshots so a delete can be undone
(:mod:`netzwerk.graph.records.trash`); deleted personal data must not live forever
(DSGVO Art. 5(1)(e)), so snapshots older than :data:`~netzwerk.graph.records.trash.KEEP_DAYS`
are removed.
"""

from __future__ import annotations

from netzwerk.graph.core.store import Store
from netzwerk.graph.records.trash import KEEP_DAYS


def purge_trash(store: Store, days: int = KEEP_DAYS) -> int:
    """Forget trash entries older than ``days``; returns how many were removed."""
    rows = store.transaction(lambda tx: tx.run("trash/purge", days=int(days)))
    return int(rows[0]["purged"])
