"""Write a planned import: batched ``UNWIND`` merges, all-or-nothing unless told otherwise.

Nothing is written while the dry run has errors, unless the caller explicitly asks for the
valid rows only (``only_valid``; the UI's "nur gültige Zeilen importieren"). Nodes go first,
then links, each in batches of ``bulk.BATCH_SIZE`` rows; every batch merges by id, so if the
process dies half-way, running the same import again creates nothing twice (the dry run of
the re-run finds the already written records and reports them as unchanged).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from netzwerk.graph import bulk, history
from netzwerk.graph.errors import GraphError
from netzwerk.graph.imports.mapping import KINDS
from netzwerk.graph.imports.plan import ImportPlan
from netzwerk.graph.store import Store


class ImportBlockedError(GraphError):
    """The dry run found errors and the caller did not choose "nur gültige Zeilen"."""


@dataclass
class CommitResult:
    created: int = 0
    updated: int = 0
    links_created: int = 0
    links_updated: int = 0
    skipped_rows: int = 0
    missing_links: list[str] = field(default_factory=list)
    change_id: str = ""


def _noop(done: int, total: int) -> None:
    return None


def commit(
    store: Store,
    plan: ImportPlan,
    *,
    user: str,
    only_valid: bool = False,
    progress: Callable[[int, int], None] = _noop,
    batch_size: int = bulk.BATCH_SIZE,
) -> CommitResult:
    """Write the plan's records and links; records one ``import`` history entry."""
    if plan.blocking and not only_valid:
        raise ImportBlockedError(
            f"Der Import wurde nicht ausgeführt: {len(plan.errors)} Zeilen sind fehlerhaft. "
            "Bitte die Datei korrigieren oder ausdrücklich „nur gültige Zeilen importieren“ "
            "wählen."
        )
    total = len(plan.nodes) + len(plan.links)
    result = CommitResult(skipped_rows=len(plan.errors))
    if plan.nodes:
        loaded = bulk.merge_nodes(
            store,
            plan.nodes,
            update=True,
            validate=False,
            batch_size=batch_size,
            progress=lambda done, _t: progress(done, total),
        )
        result.created, result.updated = loaded.created, loaded.updated
    if plan.links:
        offset = len(plan.nodes)
        loaded = bulk.merge_links(
            store,
            plan.links,
            update=plan.link_update,
            validate=False,
            batch_size=batch_size,
            progress=lambda done, _t: progress(offset + done, total),
        )
        result.links_created, result.links_updated = loaded.created, loaded.updated
        result.missing_links = loaded.missing
    progress(total, total)
    change = history.record(
        store,
        user=user,
        action="import",
        label="Import",
        record_id=f"import-{uuid.uuid4().hex[:16]}",
        record_name=f"{KINDS[plan.kind]}: {plan.filename or 'Datei'}"[:200],
        changes={
            "rows": len(plan.results),
            "created": result.created,
            "updated": result.updated,
            "links_created": result.links_created,
            "links_updated": result.links_updated,
            "skipped_rows": result.skipped_rows,
        },
    )
    result.change_id = change.id
    return result
