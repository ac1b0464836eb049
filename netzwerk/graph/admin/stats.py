"""Figures about the store: server version and counts per kind, for status pages and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

from netzwerk.graph.core.model import LABELS, LINK_TYPES
from netzwerk.graph.core.store import Store


@dataclass
class ServerInfo:
    name: str
    version: str
    edition: str


@dataclass
class Counts:
    """Nodes per label and relationships per type (every kind listed, zero included)."""

    nodes: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)


def server_info(store: Store, *, once: bool = False) -> ServerInfo:
    """The server's name, version and edition; ``once``: asked without retries (a health
    check answers "unavailable" at once instead of after the driver's retry time)."""
    row = (store.probe("stats/server") if once else store.read("stats/server"))[0]
    return ServerInfo(name=row["name"], version=row["version"], edition=row["edition"])


def counts(store: Store) -> Counts:
    """Every kind listed (zero included), from one query against the count store."""
    out = Counts(nodes=dict.fromkeys(LABELS, 0), links=dict.fromkeys(LINK_TYPES, 0))
    for row in store.read("stats/counts"):
        target = out.nodes if row["kind"] == "node" else out.links
        target[row["name"]] = int(row["count"])
    return out


def is_empty(store: Store) -> bool:
    return int(store.read("stats/count_all")[0]["count"]) == 0
