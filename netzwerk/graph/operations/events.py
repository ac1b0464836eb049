"""History entries of events that change no record: an account changed, a token revoked.

Changes of records write their history inside their own transaction (the other modules of
this package); an event that changes no record is logged here, in a transaction of its own.
"""

from __future__ import annotations

from netzwerk.graph.core.store import Store
from netzwerk.graph.records.history import Change, Entry, record_entry_in


def record_event(store: Store, entry: Entry, *, user: str) -> Change:
    """Append one history entry on its own."""
    return store.transaction(lambda tx: record_entry_in(tx, entry, user=user))
