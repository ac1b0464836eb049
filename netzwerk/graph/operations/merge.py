"""Merge two actors that turned out to be the same organisation.

Every link of the duplicate moves to the survivor (persons, memberships, projects,
cooperations, topics, regions …), and so do its partner-suggestion pipeline records. Where
the survivor already has the same link, the survivor's link stays and only its empty fields
are filled from the duplicate's. A
cooperation between the two disappears (an actor cannot cooperate with itself). Empty fields
of the survivor are filled from the duplicate, differing notes are appended. Everything runs
in one transaction, and the history of both records gets an entry that keeps the duplicate's
complete snapshot, so nothing is lost even though the duplicate node is gone.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core.codec import from_store
from netzwerk.graph.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.model import LINK_TYPES, Actor
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations import ownership
from netzwerk.graph.records import history


@dataclass
class MergeResult:
    """What a merge did, for the confirmation message and tests."""

    survivor: Actor
    duplicate: Actor
    moved: int = 0
    absorbed: int = 0
    dropped: int = 0
    filled: list[str] = field(default_factory=list)
    suggestions_moved: int = 0
    """Partner-suggestion pipeline records carried over from the duplicate."""


def _merged_fields(survivor: Actor, duplicate: Actor) -> dict[str, Any]:
    """Fields of the survivor to set: empty ones from the duplicate, notes combined."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Actor):
        if f.name in Actor.META:
            continue
        mine, theirs = getattr(survivor, f.name), getattr(duplicate, f.name)
        if f.name == "notes":
            if theirs and theirs not in (mine or ""):
                out["notes"] = f"{mine}\n\n{theirs}".strip() if mine else theirs
        elif mine in ("", None) and theirs not in ("", None):
            out[f.name] = theirs
    if not survivor.short_name and duplicate.short_name:
        out["short_name"] = duplicate.short_name
    return out


def _plan_link(
    tx: Tx,
    rel: dict[str, Any],
    survivor_id: str,
    duplicate_id: str,
    existing: dict[tuple[str, str, str], dict[str, Any]],
    result: MergeResult,
) -> None:
    spec = LINK_TYPES.get(rel["type"])
    if spec is None:  # not a domain relationship: it goes with the duplicate
        return
    other = rel["other"]
    if other == survivor_id:
        result.dropped += 1
        return
    direction = "any" if spec.symmetric else rel["direction"]
    key = (spec.type, direction, other)
    keep = existing.get(key)
    if keep is not None:
        fill = {
            k: v
            for k, v in rel["props"].items()
            if k in spec.fields and v not in ("", None) and keep["props"].get(k) in ("", None)
        }
        tx.run(
            "merge/absorb_link", {"type": spec.type}, keep=keep["id"], drop=rel["id"], props=fill
        )
        result.absorbed += 1
        return
    if spec.symmetric:
        from_id, to_id = sorted((survivor_id, other))
    elif rel["direction"] == "out":
        from_id, to_id = survivor_id, other
    else:
        from_id, to_id = other, survivor_id
    tx.run(
        "merge/move_link",
        {"type": spec.type, "from": spec.source_expr, "to": spec.target_expr},
        id=rel["id"],
        from_id=from_id,
        to_id=to_id,
        props=rel["props"],
    )
    existing[key] = {"id": rel["id"], "props": rel["props"]}
    result.moved += 1


def merge_actors(
    store: Store,
    survivor_id: str,
    duplicate_id: str,
    *,
    user: str,
    survivor_version: int | None = None,
    duplicate_version: int | None = None,
) -> MergeResult:
    """Merge ``duplicate_id`` into ``survivor_id`` in one transaction; returns what happened.

    With versions given, the merge only happens if neither record changed since it was read
    (:class:`ConflictError` otherwise). Raises :class:`NotFoundError` for a missing actor and
    :class:`ValidationError` when both ids are the same, and :class:`ForbiddenError` unless
    the user's organisation owns both actors (a merge deletes one and changes the other).
    """
    if survivor_id == duplicate_id:
        raise ValidationError(
            [
                FieldError(
                    "duplicate_id", "Ein Akteur kann nicht mit sich selbst zusammengeführt werden"
                )
            ]
        )

    def work(tx: Tx) -> MergeResult:
        for node_id in (survivor_id, duplicate_id):
            ownership.require_record_in(tx, user, "Actor", node_id, "Der Akteur")
        nodes: dict[str, Actor] = {}
        for node_id, version in (
            (survivor_id, survivor_version),
            (duplicate_id, duplicate_version),
        ):
            rows = tx.run("merge/lock_actor", id=node_id)
            if not rows:
                raise NotFoundError(f"Akteur „{node_id}“ wurde nicht gefunden.")
            actor = from_store(Actor, rows[0]["node"])
            if version is not None and actor.version != version:
                raise ConflictError(
                    f"Akteur „{actor.name}“ wurde inzwischen geändert; bitte die "
                    "Zusammenführung erneut prüfen.",
                    current=actor,
                )
            nodes[node_id] = actor
        survivor, duplicate = nodes[survivor_id], nodes[duplicate_id]
        result = MergeResult(survivor=survivor, duplicate=duplicate)
        existing: dict[tuple[str, str, str], dict[str, Any]] = {}
        for rel in tx.run("merge/links_of", id=survivor_id, types=list(LINK_TYPES)):
            spec = LINK_TYPES.get(rel["type"])
            if spec is not None:
                direction = "any" if spec.symmetric else rel["direction"]
                existing[(spec.type, direction, rel["other"])] = rel
        dup_links = tx.run("merge/links_of", id=duplicate_id, types=list(LINK_TYPES))
        for rel in dup_links:
            _plan_link(tx, rel, survivor_id, duplicate_id, existing, result)
        fill = _merged_fields(survivor, duplicate)
        result.filled = sorted(fill)
        moved = tx.run("merge/move_suggestions", survivor=survivor_id, duplicate=duplicate_id)
        result.suggestions_moved = int(moved[0]["moved"]) if moved else 0
        rows = tx.run("merge/finish", survivor=survivor_id, duplicate=duplicate_id, props=fill)
        result.survivor = from_store(Actor, rows[0]["node"])
        snapshot = {
            "node": {**dataclasses.asdict(duplicate)},
            "links": [
                {"type": r["type"], "direction": r["direction"], "other": r["other"], **r["props"]}
                for r in dup_links
            ],
        }
        summary = {
            "merged_from": [duplicate_id, duplicate.name],
            "links_moved": [0, result.moved],
            "links_already_present": [0, result.absorbed],
            **(
                {"suggestions_moved": [0, result.suggestions_moved]}
                if result.suggestions_moved
                else {}
            ),
            **{name: [getattr(survivor, name), value] for name, value in fill.items()},
        }
        history.record_in(
            tx,
            user=user,
            action="merge",
            label="Actor",
            record_id=survivor_id,
            record_name=result.survivor.name,
            changes=summary,
        )
        history.record_in(
            tx,
            user=user,
            action="merge",
            label="Actor",
            record_id=duplicate_id,
            record_name=duplicate.name,
            changes={
                "merged_into": [survivor_id, result.survivor.name],
                "snapshot": [snapshot, None],
            },
        )
        return result

    return store.transaction(work)
