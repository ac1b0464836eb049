"""History entries of events that change no record: an account changed, a token revoked.

Changes of records write their history inside their own transaction (the other modules of
this package); an event that changes no record is logged here, in a transaction of its own.
"""

from __future__ import annotations

from typing import Any

from netzwerk.graph.core.store import Store
from netzwerk.graph.records.history import Change, record_in


def record_event(
    store: Store,
    *,
    user: str,
    action: str,
    label: str,
    record_id: str,
    record_name: str,
    changes: dict[str, Any] | None = None,
) -> Change:
    """Append one history entry on its own."""
    return store.transaction(
        lambda tx: record_in(
            tx,
            user=user,
            action=action,
            label=label,
            record_id=record_id,
            record_name=record_name,
            changes=changes,
        )
    )
