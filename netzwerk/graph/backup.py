"""Whole-graph backup and restore as JSON, and a GraphML export for Gephi.

The backup holds every node (labels and properties) and every relationship (type,
properties, ends by label + id). Neo4j temporal values are not JSON, so they are written as
``{"$type": "datetime", "value": "<ISO 8601>"}`` using the driver's own ISO format, which
keeps nanoseconds and time zones; restoring parses them back to the same driver types, so
backup → wipe → restore gives a graph with the same :func:`checksum`.

Restore writes in ``UNWIND`` batches per label and per relationship type. Labels and types
come from the file, so they are checked against :data:`NODE_LABELS` / :data:`REL_TYPES`
(the model's whitelists plus the application's own bookkeeping kinds) before any write.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import neo4j.time as nt

from netzwerk.graph import bulk
from netzwerk.graph.errors import GraphError
from netzwerk.graph.model import LABELS, LINK_TYPES
from netzwerk.graph.queries import render
from netzwerk.graph.store import Store

FORMAT = "netzwerk-backup"
VERSION = 1
NODE_LABELS: frozenset[str] = frozenset(LABELS) | {
    "User",
    "Change",
    "ExportLog",
    "ImportMapping",
    "Trash",
    "ApiToken",
    "SavedView",
    "ShareLink",
    "PublicMap",
}
REL_TYPES: frozenset[str] = frozenset(LINK_TYPES) | {"TOKEN_OF", "DISMISSED_SUGGESTION"}

_TEMPORAL: dict[str, Any] = {
    "date": nt.Date,
    "time": nt.Time,
    "datetime": nt.DateTime,
    "duration": nt.Duration,
}


class BackupError(GraphError):
    """The backup file cannot be restored (German message)."""


def encode(value: Any) -> Any:
    """Make a driver value JSON-safe; temporal values get a type tag."""
    if isinstance(value, nt.DateTime):
        return {"$type": "datetime", "value": value.iso_format()}
    if isinstance(value, nt.Date):
        return {"$type": "date", "value": value.iso_format()}
    if isinstance(value, nt.Time):
        return {"$type": "time", "value": value.iso_format()}
    if isinstance(value, nt.Duration):
        return {"$type": "duration", "value": list(value)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return {"$type": "bytes", "value": value.hex()}
    return value


def decode(value: Any) -> Any:
    """Inverse of :func:`encode`."""
    if isinstance(value, dict):
        kind = value.get("$type")
        if kind in ("date", "time", "datetime"):
            return _TEMPORAL[kind].from_iso_format(value["value"])
        if kind == "duration":
            months, days, seconds, nanoseconds = value["value"]
            return nt.Duration(months=months, days=days, seconds=seconds, nanoseconds=nanoseconds)
        if kind == "bytes":
            return bytes.fromhex(value["value"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def _stream(store: Store, name: str) -> Iterator[dict[str, Any]]:
    """Rows of a read query with the driver's own types (no conversion to Python's)."""
    with store._translate(), store.driver.session(database=store.database) as session:
        result = session.run(render(name))  # type: ignore[arg-type]
        for record in result:
            yield dict(record)


def dump(store: Store) -> dict[str, Any]:
    """The whole graph as a JSON-ready dict (nodes and relationships in canonical order)."""
    nodes = [
        {"labels": sorted(r["labels"]), "properties": encode(r["props"])}
        for r in _stream(store, "backup/dump_nodes")
    ]
    rels = [
        {
            "type": r["type"],
            "from": [r["from_label"], r["from_id"]],
            "to": [r["to_label"], r["to_id"]],
            "properties": encode(r["props"]),
        }
        for r in _stream(store, "backup/dump_relationships")
    ]
    nodes.sort(key=_canon)
    rels.sort(key=_canon)
    return {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(),
        "counts": {"nodes": len(nodes), "relationships": len(rels)},
        "checksum": _digest(nodes, rels),
        "nodes": nodes,
        "relationships": rels,
    }


def _canon(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _digest(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for part in sorted(_canon(n) for n in nodes):
        h.update(part.encode("utf-8") + b"\n")
    h.update(b"--\n")
    for part in sorted(_canon(r) for r in rels):
        h.update(part.encode("utf-8") + b"\n")
    return h.hexdigest()


def checksum(store: Store) -> str:
    """SHA-256 over the canonical serialisation of every node and relationship."""
    data = dump(store)
    return str(data["checksum"])


def write(store: Store, fh: io.TextIOBase | Any) -> dict[str, int]:
    """Write a backup to an open text file; returns the counts."""
    data = dump(store)
    json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    return dict(data["counts"])


def _check(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("Die Datei ist keine netzwerk-Sicherung.")
    if data.get("version") != VERSION:
        raise BackupError(f"Sicherungsversion {data.get('version')!r} wird nicht unterstützt.")
    for node in data.get("nodes", []):
        labels = node.get("labels")
        if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in NODE_LABELS:
            raise BackupError(f"Unbekannte Knotenart in der Sicherung: {labels!r:.80}")
        props = node.get("properties")
        if not isinstance(props, dict):
            raise BackupError("Ein Knoten der Sicherung hat keine Eigenschaften.")
    for rel in data.get("relationships", []):
        if rel.get("type") not in REL_TYPES:
            raise BackupError(f"Unbekannte Beziehungsart in der Sicherung: {rel.get('type')!r:.80}")
        for end in ("from", "to"):
            ref = rel.get(end)
            if not (isinstance(ref, list) and len(ref) == 2 and ref[0] in NODE_LABELS and ref[1]):
                raise BackupError("Eine Beziehung der Sicherung verweist auf keinen Knoten.")
    if data.get("checksum") and _digest(data["nodes"], data["relationships"]) != data["checksum"]:
        raise BackupError("Die Prüfsumme der Sicherung stimmt nicht – die Datei ist beschädigt.")


def _noop(done: int, total: int) -> None:
    return None


def restore(
    store: Store,
    data: dict[str, Any],
    *,
    replace: bool = False,
    progress: Callable[[int, int], None] = _noop,
    batch_size: int = bulk.BATCH_SIZE,
) -> dict[str, int]:
    """Load a backup into the database; refuses a non-empty one unless ``replace``."""
    from netzwerk.graph.schema import apply as apply_schema
    from netzwerk.graph.stats import is_empty

    _check(data)
    if not is_empty(store):
        if not replace:
            raise BackupError(
                "Die Datenbank enthält bereits Daten. Wiederherstellen nur in eine leere "
                "Datenbank – oder ausdrücklich mit „ersetzen“ (--replace), was alle "
                "vorhandenen Daten löscht."
            )
        bulk.wipe(store)
    apply_schema(store)
    total = len(data["nodes"]) + len(data["relationships"])
    done = 0
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node in data["nodes"]:
        by_label.setdefault(node["labels"][0], []).append(decode(node["properties"]))
    for label_name, rows in by_label.items():
        for chunk in bulk.batches(rows, batch_size):
            store.write("backup/restore_nodes", {"label": label_name}, rows=chunk)
            done += len(chunk)
            progress(done, total)
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel in data["relationships"]:
        key = (rel["type"], rel["from"][0], rel["to"][0])
        by_type.setdefault(key, []).append(
            {"from_id": rel["from"][1], "to_id": rel["to"][1], "props": decode(rel["properties"])}
        )
    created_rels = 0
    for (type_name, from_label, to_label), rows in by_type.items():
        idents = {"type": type_name, "from": from_label, "to": to_label}
        for chunk in bulk.batches(rows, batch_size):
            out = store.write("backup/restore_relationships", idents, rows=chunk)
            created_rels += int(out[0]["created"])
            done += len(chunk)
            progress(done, total)
    if created_rels != len(data["relationships"]):
        raise BackupError(
            f"Nur {created_rels} von {len(data['relationships'])} Beziehungen konnten "
            "wiederhergestellt werden (Endpunkte fehlen in der Sicherung)."
        )
    return {"nodes": len(data["nodes"]), "relationships": created_rels}


def read(fh: Any) -> dict[str, Any]:
    """Parse a backup file (text or binary handle) with a German error for non-JSON."""
    try:
        return json.load(fh)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError("Die Datei ist keine lesbare JSON-Sicherung.") from exc


def graphml(store: Store) -> bytes:
    """The cooperation network and affiliations (actors, alliances, projects) as GraphML."""
    import networkx as nx

    g = nx.DiGraph()
    for r in store.read("backup/graphml_nodes"):
        g.add_node(
            r["id"],
            label=r["name"] or r["id"],
            kind=r["label"],
            category=r["kind"],
            short_name=r["short_name"],
            town=r["town"],
        )
    for r in store.read("backup/graphml_edges"):
        attrs = {
            "type": r["type"],
            "kind": r["kind"],
            "role": r["role"],
            "since": r["since"].isoformat() if r["since"] else "",
            "until": r["until"].isoformat() if r["until"] else "",
        }
        if r["intensity"] is not None:
            attrs["weight"] = int(r["intensity"])
        g.add_edge(r["from_id"], r["to_id"], **attrs)
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()
