"""Whole-graph backup and restore as JSON, and a GraphML export for Gephi.

The backup holds every node (labels and properties) and every relationship (type,
properties, ends by label + id). Values use the codec's tagged form
(:func:`netzwerk.graph.core.codec.encode_value`): temporal values keep the driver's own ISO
format, nanoseconds and zones included, so backup → wipe → restore gives a graph with the
same :func:`checksum`.

A restore never leaves a broken graph. The whole file is checked before the store is
touched (:func:`validate`: format and version, whitelisted labels and types, one id per
label, every relationship end present in the file, every value decodable, the checksum).
The restore itself is a use case of the write path
(:func:`netzwerk.graph.operations.restore.restore_backup`). Replacing a non-empty database
first writes a safety backup; if loading fails anyway, the
safety backup is put back and the message says so. A restore over existing data keeps
what happened since the backup was written: users keep their current session nonce (a
logout stays a logout), revoked API tokens stay revoked, and persons erased since are erased
again (an older backup must not revive any of them).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from netzwerk import settings
from netzwerk.graph.admin import rotation
from netzwerk.graph.admin.stats import is_empty
from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import GraphError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS, LINK_TYPES
from netzwerk.graph.core.queries import render
from netzwerk.graph.core.store import Store

log = logging.getLogger(__name__)
FORMAT = "netzwerk-backup"
VERSION = 1
NODE_LABELS: frozenset[str] = frozenset(LABELS) | {
    "User",
    "Organisation",
    "Change",
    "ExportLog",
    "ImportMapping",
    "Trash",
    "ApiToken",
    "Erasure",
    "SavedView",
    "ShareLink",
    "ShareAttempt",
    "PublicMap",
    "Consent",
    "ConsentReview",
    "Survey",
    "SurveyInvite",
    "SurveyAnswer",
    "Changeset",
    "ChangesetPart",
}
REL_TYPES: frozenset[str] = frozenset(LINK_TYPES) | {
    "TOKEN_OF",
    "DISMISSED_SUGGESTION",
    "SUGGESTION",
}
Progress = Callable[[int, int], None]


class BackupError(GraphError):
    """The backup file cannot be restored (German message)."""


def _stream(store: Store, name: str) -> Iterator[dict[str, Any]]:
    """Rows of a read query with the driver's own types (no conversion to Python's)."""
    with store._translate(), store.session() as session:
        result = session.run(render(name))
        for record in result:
            yield dict(record)


ATTEMPTS = 3


def dump(store: Store) -> dict[str, Any]:
    """The whole graph as a JSON-ready dict (nodes and relationships in canonical order).

    Safe while the application writes (an online backup). Neo4j reads with read-committed
    isolation, not from a snapshot: nodes are read first, relationships after, so a
    relationship written in between may point at a node the first read did not see. Such a
    dump is read again; if the graph keeps moving, the relationships without both ends are
    left out (they were written after the nodes were read and go into the next backup).
    Every backup is a graph whose relationships all have both ends.
    """
    for _ in range(ATTEMPTS):
        data = _dump_once(store)
        whole = _with_both_ends(data)
        if len(whole) == len(data["relationships"]):
            return data
    left_out = len(data["relationships"]) - len(whole)
    log.info("backup under writes: %d newer relationships left out", left_out)
    data["relationships"] = whole
    data["counts"]["relationships"] = len(whole)
    data["checksum"] = _digest(data["nodes"], whole)
    return data


def _with_both_ends(data: dict[str, Any]) -> list[dict[str, Any]]:
    present = {(n["labels"][0], n["properties"]["id"]) for n in data["nodes"]}
    return [
        r
        for r in data["relationships"]
        if tuple(r["from"]) in present and tuple(r["to"]) in present
    ]


def _dump_once(store: Store) -> dict[str, Any]:
    nodes = [
        {"labels": sorted(r["labels"]), "properties": codec.encode_value(r["props"])}
        for r in _stream(store, "backup/dump_nodes")
    ]
    rels = [
        {
            "type": r["type"],
            "from": [r["from_label"], r["from_id"]],
            "to": [r["to_label"], r["to_id"]],
            "properties": codec.encode_value(r["props"]),
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


def sign(data: dict[str, Any]) -> dict[str, Any]:
    """Set counts and checksum of a backup dict after changing it (tools and tests)."""
    data["counts"] = {"nodes": len(data["nodes"]), "relationships": len(data["relationships"])}
    data["checksum"] = _digest(data["nodes"], data["relationships"])
    return data


def checksum(store: Store) -> str:
    """SHA-256 over the canonical serialisation of every node and relationship."""
    data = dump(store)
    return str(data["checksum"])


def write(store: Store, fh: io.TextIOBase | Any) -> dict[str, int]:
    """Write a backup to an open text file; returns the counts."""
    data = dump(store)
    json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    return dict(data["counts"])


def save_safety_copy(store: Store, folder: Path, reason: str) -> Path | None:
    """Write a backup of a non-empty database into ``folder`` (mode 0600); None if empty.

    Older safety copies beyond ``settings.safety_retention()`` are deleted right after, so
    they do not pile up and an erased person does not live on in them (docs/CONSENT.md).
    """
    if is_empty(store):
        return None
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{reason}-{stamp}.json"
    with path.open("w", encoding="utf-8") as fh:
        path.chmod(0o600)
        write(store, fh)
    rotation.prune(folder, rotation.SAFETY, settings.safety_retention())
    return path


@dataclass(frozen=True)
class Written:
    """What one scheduled backup did: the file, its counts and the files it pruned."""

    path: Path
    nodes: int
    relationships: int
    removed: list[Path]


def write_scheduled(store: Store, folder: Path, retention: settings.Retention) -> Written:
    """Write a compressed backup ``sicherung-<UTC>.json.gz`` (mode 0600, folder 0700), then
    prune older ones. A half-written file never counts as a backup: it is written under a
    temporary name and renamed when complete."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{rotation.SCHEDULED[0]}-{stamp}.json.gz"
    partial = folder / f".{path.name}.teil"
    try:
        partial.touch(mode=0o600)
        with gzip.open(partial, "wt", encoding="utf-8") as fh:
            counts = write(store, fh)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    removed = rotation.prune(folder, rotation.SCHEDULED, retention)
    return Written(path, counts["nodes"], counts["relationships"], removed)


@dataclass
class Plan:
    """A checked backup, decoded and grouped for loading."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    node_count: int = 0
    rel_count: int = 0


def _fail(template: str, **params: object) -> BackupError:
    """The error for a backup that is refused: ``template`` (marked ``N_``) ends by saying
    that nothing was changed."""
    return BackupError.said(template, **params)


def _check_header(data: Any) -> tuple[list[Any], list[Any]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(N_("Die Datei ist keine netzwerk-Sicherung. Es wurde nichts verändert."))
    if data.get("version") != VERSION or isinstance(data.get("version"), bool):
        raise _fail(
            N_("Sicherungsversion %(version)r wird nicht unterstützt. Es wurde nichts verändert."),
            version=str(data.get("version"))[:20],
        )
    nodes, rels = data.get("nodes"), data.get("relationships")
    if not isinstance(nodes, list) or not isinstance(rels, list):
        raise _fail(N_("Der Sicherung fehlen Knoten oder Beziehungen. Es wurde nichts verändert."))
    if not isinstance(data.get("checksum"), str):
        raise _fail(N_("Die Sicherung hat keine Prüfsumme. Es wurde nichts verändert."))
    if _digest(nodes, rels) != data["checksum"]:
        raise _fail(
            N_(
                "Die Prüfsumme der Sicherung stimmt nicht – die Datei ist beschädigt. "
                "Es wurde nichts verändert."
            )
        )
    counts = data.get("counts") or {}
    if counts.get("nodes") != len(nodes) or counts.get("relationships") != len(rels):
        raise _fail(
            N_(
                "Die Anzahl der Knoten oder Beziehungen passt nicht zur Sicherung. "
                "Es wurde nichts verändert."
            )
        )
    return nodes, rels


def _decoded(props: Any) -> Any:
    try:
        return codec.decode_value(props)
    except codec.CodecError as exc:
        raise _fail(
            N_("Ein Wert der Sicherung ist beschädigt (%(reason)s). Es wurde nichts verändert."),
            reason=exc,
        ) from exc


def _check_nodes(nodes: list[Any], plan: Plan) -> set[tuple[str, str]]:
    """Labels whitelisted, one id per label; returns the (label, id) pairs present."""
    seen: set[tuple[str, str]] = set()
    for node in nodes:
        labels = node.get("labels") if isinstance(node, dict) else None
        if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in NODE_LABELS:
            raise _fail(
                N_(
                    "Unbekannte Knotenart in der Sicherung: %(labels).80r. Es wurde "
                    "nichts verändert."
                ),
                labels=labels,
            )
        props = node.get("properties")
        if not isinstance(props, dict) or not isinstance(props.get("id"), str) or not props["id"]:
            raise _fail(
                N_("Ein Knoten der Sicherung hat keine Kennung. Es wurde nichts verändert.")
            )
        key = (labels[0], props["id"])
        if key in seen:
            raise _fail(
                N_(
                    "Die Kennung „%(id)s“ kommt in der Sicherung doppelt vor. Es wurde "
                    "nichts verändert."
                ),
                id=props["id"][:80],
            )
        seen.add(key)
        plan.nodes.setdefault(labels[0], []).append(_decoded(props))
    return seen


def _check_rels(rels: list[Any], present: set[tuple[str, str]], plan: Plan) -> None:
    """Types whitelisted, both ends in the file, one relationship per id."""
    rel_ids: set[str] = set()
    for rel in rels:
        if not isinstance(rel, dict) or rel.get("type") not in REL_TYPES:
            raise _fail(
                N_(
                    "Unbekannte Beziehungsart in der Sicherung: %(type)r. Es wurde nichts "
                    "verändert."
                ),
                type=str(rel)[:80],
            )
        ends: list[Any] = [rel.get("from"), rel.get("to")]  # checked on the next line
        if not all(isinstance(e, list) and len(e) == 2 and tuple(e) in present for e in ends):
            raise _fail(
                N_(
                    "Eine Beziehung der Sicherung verweist auf einen fehlenden Knoten. "
                    "Es wurde nichts verändert."
                )
            )
        props = rel.get("properties")
        if not isinstance(props, dict):
            raise _fail(
                N_(
                    "Eine Beziehung der Sicherung hat keine Eigenschaften. Es wurde "
                    "nichts verändert."
                )
            )
        rel_id = props.get("id")
        if isinstance(rel_id, str):
            if rel_id in rel_ids:
                raise _fail(
                    N_(
                        "Die Beziehung „%(id)s“ kommt in der Sicherung doppelt vor. "
                        "Es wurde nichts verändert."
                    ),
                    id=rel_id[:80],
                )
            rel_ids.add(rel_id)
        plan.rels.setdefault((rel["type"], ends[0][0], ends[1][0]), []).append(
            {"from_id": ends[0][1], "to_id": ends[1][1], "props": _decoded(props)}
        )


def validate(data: Any) -> Plan:
    """Check a whole backup before anything is written; returns it ready to load.

    Raises :class:`BackupError` with a German message naming the first problem.
    """
    nodes, rels = _check_header(data)
    plan = Plan(node_count=len(nodes), rel_count=len(rels))
    present = _check_nodes(nodes, plan)
    _check_rels(rels, present, plan)
    return plan


def read_path(path: Path) -> dict[str, Any]:
    """Parse a backup file, plain or gzip-compressed (as ``netzwerk backup`` writes them)."""
    with path.open("rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
    if not compressed:
        with path.open("rb") as fh:
            return read(fh)
    try:
        with gzip.open(path, "rb") as fh:
            return read(fh)
    except (OSError, EOFError) as exc:
        raise BackupError.said(
            N_("Die komprimierte Sicherung ist unvollständig oder beschädigt.")
        ) from exc


def read(fh: Any) -> dict[str, Any]:
    """Parse a backup file (text or binary handle) with a German error for non-JSON."""
    try:
        return json.load(fh)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise BackupError.said(
            N_("Die Datei ist keine lesbare JSON-Sicherung (unvollständig oder beschädigt).")
        ) from exc


def graphml(store: Store) -> bytes:
    """The cooperation network and affiliations (actors, alliances, projects) as GraphML."""
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
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
