"""Did a request change the stored data? A checksum over every node and relationship,
computed again only when the database committed a transaction since the last one.

The hostile-input tests and the URL walk ask this before and after thousands of requests.
Reading and hashing the whole graph each time was most of their run time, while most of
those requests (refused ones, reads) commit nothing. Neo4j answers every transaction, a read
included, with a bookmark naming the last transaction the database committed; while that
bookmark stays the same nothing was written, so the checksum read last still holds. When it
moves, the whole graph is read and hashed as before, so a write that leaves the data as it
was (a token's last use, a session nonce) still compares equal.
"""

from __future__ import annotations

import hashlib
import json

from netzwerk import graph
from netzwerk.graph.admin import backup
from netzwerk.graph.core import queries

BOOKKEEPING = {"ApiToken": ("last_used",), "User": ("session_nonce",)}
"""Bookkeeping that a refused request may legitimately touch: a token's last use, and a
user's session nonce (rotated by logout)."""

_PROBE = "stats/count_all"
"""Any cheap read: only its bookmark is used (this one reads Neo4j's count store)."""

_known: dict[int, tuple[graph.Store, frozenset[str], str]] = {}
"""Per store: the bookmark read before the last full checksum, and that checksum."""


def last_commit(store: graph.Store) -> frozenset[str]:
    """The bookmark of the database's last committed transaction, from a fresh session (so
    that it is the server's, not what this process last saw)."""
    with store.driver.session(database=store.database) as session:
        session.run(queries.render(_PROBE)).consume()
        return session.last_bookmarks().raw_values


def full_checksum(store: graph.Store) -> str:
    """Checksum over every node and relationship (as the backup sees them), bookkeeping out."""
    data = backup.dump(store)
    for node in data["nodes"]:
        for label in node["labels"]:
            for key in BOOKKEEPING.get(label, ()):
                node["properties"].pop(key, None)
    canon = sorted(json.dumps(n, sort_keys=True) for n in data["nodes"])
    canon += sorted(json.dumps(r, sort_keys=True) for r in data["relationships"])
    return hashlib.sha256("\n".join(canon).encode("utf-8")).hexdigest()


def data_checksum(store: graph.Store) -> str:
    """:func:`full_checksum`, read again only if a transaction committed since the last read.

    The bookmark is read before the graph: a write between the two moves the bookmark past
    the one remembered, so the next call reads the graph again rather than trusting it.
    """
    mark = last_commit(store)
    known = _known.get(id(store))
    if known is not None and known[0] is store and known[1] == mark:
        return known[2]
    value = full_checksum(store)
    _known[id(store)] = (store, mark, value)
    return value
