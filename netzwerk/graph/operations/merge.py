"""Merge two actors that turned out to be the same organisation — as a changeset.

Every link of the duplicate moves to the survivor (persons, memberships, projects,
cooperations, topics, regions …), and so do its partner-suggestion pipeline records. Where
the survivor already has the same link, the survivor's link stays and only its empty fields
are filled from the duplicate's. A cooperation between the two disappears (an actor cannot
cooperate with itself). Empty fields of the survivor are filled from the duplicate,
differing notes are appended.

A merge is an *Änderungspaket* (:mod:`netzwerk.graph.records.changesets`) like an import:
:func:`propose_merge` stores it first — which record survives, the versions both were read
at, each relationship to move and each field to take from the duplicate — and
:func:`merge_actors` applies it through the same runner
(:func:`~netzwerk.graph.operations.imports.apply_changeset`), in one transaction. Every
write has its history entry carrying the changeset's id: the survivor's filled fields, each
moved relationship as removed from the duplicate and created on the survivor (under a new
id, so the old one comes back on undo), each absorbed or dropped one as removed, and the
duplicate's complete snapshot (with its pipeline records) in its ``merge`` entry. So
:func:`~netzwerk.graph.operations.import_undo.undo_import` undoes a merge by value: the
duplicate comes back with its id, its relationships move back, and a value someone changed
since is a conflict.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.codec import from_store
from netzwerk.graph.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG, LINK_TYPES, Actor, Link
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.values import new_link_id
from netzwerk.graph.operations import ownership
from netzwerk.graph.operations.imports import DECODERS, CommitResult, Unit, apply_changeset
from netzwerk.graph.records import changesets, history, trash

OP = "merge"
"""The journal part's ``op`` of a merge."""


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
    changeset: str = ""
    """The changeset's id (its page offers the undo)."""


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


def _link(rel: dict[str, Any], end: Actor) -> tuple[Link, tuple[str, str]]:
    """A relationship read by ``merge/links_of`` from ``end`` as a link with its ends' labels."""
    other, other_label = rel["other"], rel.get("other_label") or "Actor"
    outgoing = rel["direction"] == "out"
    props = {
        **rel["props"],
        "type": rel["type"],
        "from_id": end.id if outgoing else other,
        "to_id": other if outgoing else end.id,
    }
    link = from_store(Link, props)
    link.from_name = end.name if outgoing else rel.get("other_name") or ""
    link.to_name = rel.get("other_name") or "" if outgoing else end.name
    return link, ("Actor", other_label) if outgoing else (other_label, "Actor")


class _Merge:
    """One merge inside its transaction: the writes, their history entries, the counts."""

    def __init__(
        self, tx: Tx, survivor: Actor, duplicate: Actor, batch: str, result: MergeResult
    ) -> None:
        self.tx, self.survivor, self.duplicate = tx, survivor, duplicate
        self.batch, self.result = batch, result
        self.entries: list[history.Entry] = []
        self.existing: dict[tuple[str, str, str], dict[str, Any]] = {}

    def _note(self, action: str, link: Link, labels: tuple[str, str], changes: dict) -> None:
        self.entries += history.link_entries(action, link, labels, changes, batch=self.batch)

    def _gone(self, rel: dict[str, Any]) -> None:
        old, labels = _link(rel, self.duplicate)
        self._note("unlink", old, labels, history.diff(old, None))

    def _absorb(self, rel: dict[str, Any], keep: dict[str, Any]) -> None:
        """The survivor has this link already: it stays, its empty fields filled."""
        spec = LINK_TYPES[rel["type"]]
        fill = {
            k: v
            for k, v in rel["props"].items()
            if k in spec.fields and v not in ("", None) and keep["props"].get(k) in ("", None)
        }
        self.tx.run(
            "merge/absorb_link", {"type": spec.type}, keep=keep["id"], drop=rel["id"], props=fill
        )
        self.result.absorbed += 1
        self._gone(rel)
        if fill:
            before, labels = _link(keep, self.survivor)
            after = dataclasses.replace(
                from_store(Link, {**codec.to_json(before), **fill}),
                from_name=before.from_name,
                to_name=before.to_name,
                version=before.version + 1,
            )
            self._note("update", after, labels, history.diff(before, after))

    def link(self, rel: dict[str, Any]) -> None:
        """Move one of the duplicate's relationships (or absorb or drop it)."""
        spec = LINK_TYPES.get(rel["type"])
        if spec is None:  # not a domain relationship: it goes with the duplicate
            return
        other = rel["other"]
        if other == self.survivor.id:
            self.result.dropped += 1
            self._gone(rel)
            return
        key = (spec.type, "any" if spec.symmetric else rel["direction"], other)
        keep = self.existing.get(key)
        if keep is not None:
            self._absorb(rel, keep)
            return
        if spec.symmetric:
            from_id, to_id = sorted((self.survivor.id, other))
        elif rel["direction"] == "out":
            from_id, to_id = self.survivor.id, other
        else:
            from_id, to_id = other, self.survivor.id
        props = {**rel["props"], "id": new_link_id(spec.type)}
        self.tx.run(
            "merge/move_link",
            {"type": spec.type, "from": spec.source_expr, "to": spec.target_expr},
            id=rel["id"],
            from_id=from_id,
            to_id=to_id,
            props=props,
        )
        moved = {
            **rel,
            "id": props["id"],
            "props": props,
            "direction": "out" if from_id == self.survivor.id else "in",
        }
        self.existing[key] = moved
        self._gone(rel)
        new, labels = _link(moved, self.survivor)
        self._note("link", new, labels, history.diff(None, new))
        self.result.moved += 1


def _check(actor: Actor, version: int | None) -> None:
    if version is not None and actor.version != version:
        raise ConflictError.said(
            N_(
                "Akteur „%(name)s“ wurde inzwischen geändert; bitte die "
                "Zusammenführung erneut prüfen."
            ),
            actor,
            name=actor.name,
        )


def _lock(tx: Tx, node_id: str, version: int | None) -> tuple[Actor, dict[str, Any]]:
    """The actor, locked, and who owns it (``org``, ``co_orgs``: an undo gives it back)."""
    rows = tx.run("merge/lock_actor", id=node_id)
    if not rows:
        raise NotFoundError.said(N_("Akteur „%(node_id)s“ wurde nicht gefunden."), node_id=node_id)
    stored = rows[0]["node"]
    actor = from_store(Actor, stored)
    _check(actor, version)
    return actor, {k: stored[k] for k in ("org", "co_orgs") if stored.get(k) is not None}


def _owners_as(stored: dict[str, Any]) -> list[Any]:
    """A record's owners as the journal keeps them: [owner, sorted co-owners]."""
    return [stored.get("org") or DEFAULT_ORG, sorted(stored.get("co_orgs") or [])]


def _recheck_owners(
    tx: Tx, user: str, payload: dict[str, Any], locked: dict[str, tuple[Actor, dict[str, Any]]]
) -> None:
    """Under the actors' locks: refuse (:class:`ConflictError`) if an owner changed since the
    merge was stored, and ask the acting user's right again (:class:`ForbiddenError`).

    The merge was checked in its own transaction before the changeset was stored; between
    that and this transaction another office may have taken an actor over (or the user
    moved to another office). Only here, holding both write locks, is the answer final.
    """
    checked = payload.get("owners") or {}
    for node_id, (actor, owners) in locked.items():
        if node_id in checked and _owners_as(owners) != checked[node_id]:
            raise ConflictError.said(
                N_(
                    "Akteur „%(name)s“ gehört inzwischen einer anderen Organisation; die "
                    "Zusammenführung wurde nicht ausgeführt. Bitte die Zusammenführung "
                    "erneut prüfen."
                ),
                name=actor.name,
            )
        ownership.require_record_in(tx, user, "Actor", node_id, "Der Akteur")


def _apply_in(
    tx: Tx,
    payload: dict[str, Any],
    batch: str,
    user: str,
    out: CommitResult,
    result: MergeResult | None,
) -> list[history.Entry]:
    """Apply a stored merge in the runner's transaction; its history entries."""
    survivor_id, duplicate_id = payload["survivor"], payload["duplicate"]
    base = payload.get("base", {})
    survivor, survivor_owners = _lock(tx, survivor_id, base.get(survivor_id))
    duplicate, owners = _lock(tx, duplicate_id, base.get(duplicate_id))
    _recheck_owners(
        tx,
        user,
        payload,
        {survivor_id: (survivor, survivor_owners), duplicate_id: (duplicate, owners)},
    )
    fresh = MergeResult(survivor=survivor, duplicate=duplicate, changeset=batch)
    merge = _Merge(tx, survivor, duplicate, batch, fresh)
    for rel in tx.run("merge/links_of", id=survivor_id, types=list(LINK_TYPES)):
        spec = LINK_TYPES.get(rel["type"])
        if spec is not None:
            direction = "any" if spec.symmetric else rel["direction"]
            merge.existing[(spec.type, direction, rel["other"])] = rel
    dup_links = tx.run("merge/links_of", id=duplicate_id, types=list(LINK_TYPES))
    pipeline = trash.suggestions_of(tx, duplicate_id)
    for rel in dup_links:
        merge.link(rel)
    fill = _merged_fields(survivor, duplicate)
    fresh.filled = sorted(fill)
    moved = tx.run("merge/move_suggestions", survivor=survivor_id, duplicate=duplicate_id)
    fresh.suggestions_moved = int(moved[0]["moved"]) if moved else 0
    rows = tx.run("merge/finish", survivor=survivor_id, duplicate=duplicate_id, props=fill)
    fresh.survivor = from_store(Actor, rows[0]["node"])
    snapshot = {
        "node": codec.to_json(duplicate),
        "owners": owners,
        "links": [
            {"type": r["type"], "direction": r["direction"], "other": r["other"], **r["props"]}
            for r in dup_links
        ],
        "suggestions": pipeline,
        "suggestions_moved": list(moved[0]["others"]) if moved else [],
    }
    summary = {
        "merged_from": [duplicate_id, duplicate.name],
        "links_moved": [0, fresh.moved],
        "links_already_present": [0, fresh.absorbed],
        **({"suggestions_moved": [0, fresh.suggestions_moved]} if fresh.suggestions_moved else {}),
        **history.diff(survivor, fresh.survivor),
    }
    merge.entries += [
        history.Entry(
            "merge",
            "Actor",
            survivor_id,
            fresh.survivor.name,
            summary,
            batch=batch,
            version=fresh.survivor.version,
        ),
        history.Entry(
            "merge",
            "Actor",
            duplicate_id,
            duplicate.name,
            {"merged_into": [survivor_id, fresh.survivor.name], "snapshot": [snapshot, None]},
            refs=[survivor_id],
            batch=batch,
        ),
    ]
    out.updated += 1
    out.links_updated += fresh.moved
    out.links_removed += fresh.absorbed + fresh.dropped
    if result is not None:  # a retried transaction starts the result over
        for f in dataclasses.fields(fresh):
            setattr(result, f.name, getattr(fresh, f.name))
    return merge.entries


def _unit(
    payload: dict[str, Any], batch: str, user: str, result: MergeResult | None = None
) -> Unit:
    size = 1 + len(payload.get("links", []))
    return size, lambda tx, out: _apply_in(tx, payload, batch, user, out, result), payload


DECODERS[OP] = _unit


def propose_merge(
    store: Store,
    survivor_id: str,
    duplicate_id: str,
    *,
    user: str,
    survivor_version: int | None = None,
    duplicate_version: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """Store the merge as a changeset, nothing applied yet; its id and journal part.

    Raises :class:`NotFoundError` for a missing actor, :class:`ValidationError` when both
    ids are the same and :class:`ConflictError` when a version given is not the stored one.
    """
    if survivor_id == duplicate_id:
        raise ValidationError(
            [
                FieldError(
                    "duplicate_id",
                    N_("Ein Akteur kann nicht mit sich selbst zusammengeführt werden"),
                )
            ]
        )
    actors = []
    for node_id, version in ((survivor_id, survivor_version), (duplicate_id, duplicate_version)):
        rows = store.read("nodes/get", {"label": "Actor"}, id=node_id, reader=None)
        if not rows:
            raise NotFoundError.said(
                N_("Akteur „%(node_id)s“ wurde nicht gefunden."), node_id=node_id
            )
        actor = from_store(Actor, rows[0]["node"])
        _check(actor, version)
        actors.append(actor)
    survivor, duplicate = actors
    verdicts = store.transaction(
        lambda tx: [
            ownership.require_record_in(tx, user, "Actor", node_id, "Der Akteur")
            for node_id in (survivor_id, duplicate_id)
        ]
    )
    checked = {
        node_id: [v.owners[node_id].owner, sorted(v.owners[node_id].co_owners)]
        for node_id, v in zip((survivor_id, duplicate_id), verdicts, strict=True)
        if node_id in v.owners
    }
    links = store.read("merge/links_of", id=duplicate_id, types=list(LINK_TYPES))
    payload = {
        "op": OP,
        "survivor": survivor_id,
        "duplicate": duplicate_id,
        # versions the caller saw are enforced when the merge is applied; without them the
        # merge works on the actors as they are then (an edit or link a moment before applying
        # must not fail it: the fields it fills are read again under the lock)
        "base": {
            node_id: version
            for node_id, version in (
                (survivor_id, survivor_version),
                (duplicate_id, duplicate_version),
            )
            if version is not None
        },
        "fields": {
            k: codec.field_json(Actor, k, v) for k, v in _merged_fields(survivor, duplicate).items()
        },
        "links": [{"type": r["type"], "id": r["id"], "other": r["other"]} for r in links],
        # the owners as checked: applying refuses if one changed in between
        "owners": checked,
    }
    cs_id = f"merge-{uuid.uuid4().hex[:16]}"
    title = f"{duplicate.name} → {survivor.name}"
    store.transaction(
        lambda tx: changesets.create_in(
            tx,
            cs_id,
            kind="merge",
            title=title,
            source=title,
            author=user,
            parts=[(1 + len(links), payload)],
        )
    )
    return cs_id, payload


def merge_actors(
    store: Store,
    survivor_id: str,
    duplicate_id: str,
    *,
    user: str,
    survivor_version: int | None = None,
    duplicate_version: int | None = None,
) -> MergeResult:
    """Merge ``duplicate_id`` into ``survivor_id``: stored as a changeset, then applied in one
    transaction; returns what happened.

    With versions given, the merge only happens if neither record changed since it was read
    (:class:`ConflictError` otherwise; a change between storing and applying makes the
    changeset "fehlgeschlagen", nothing applied). Raises :class:`NotFoundError` for a missing
    actor, :class:`ValidationError` when both ids are the same, and :class:`ForbiddenError`
    unless the user's organisation owns both actors (a merge deletes one and changes the other).
    """
    cs_id, payload = propose_merge(
        store,
        survivor_id,
        duplicate_id,
        user=user,
        survivor_version=survivor_version,
        duplicate_version=duplicate_version,
    )
    placeholder = Actor(name="", kind="")
    result = MergeResult(survivor=placeholder, duplicate=placeholder)
    apply_changeset(store, cs_id, user=user, units=[_unit(payload, cs_id, user, result)])
    return result
