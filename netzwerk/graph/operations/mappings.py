"""Remember a confirmed column mapping of an import, merged with the one saved before.

The next file with the same headers is then mapped as the user confirmed it. The merge is
the importer's rule (:func:`netzwerk.graph.imports.mapping.merge_saved`); reading what was
saved and writing the merge happen in one transaction, so two wizards confirming at once
cannot lose each other's columns.
"""

from __future__ import annotations

from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.imports.fields import KINDS
from netzwerk.graph.imports.mapping import ValueChoices, mapping_id, merge_saved


def save_import_mapping(
    store: Store,
    user: str,
    kind: str,
    headers: list[str],
    mapping: list[str],
    values: ValueChoices | None = None,
) -> None:
    """Remember a confirmed mapping (and value choices), merged with what was saved before."""
    if kind not in KINDS:
        raise ValueError(kind)

    def work(tx: Tx) -> None:
        rows = tx.run("imports/load_mapping", user=user, kind=kind)
        merged = merge_saved(dict(rows[0]) if rows else {}, headers, mapping, values)
        tx.run("imports/save_mapping", id=mapping_id(user, kind), user=user, kind=kind, **merged)

    store.transaction(work)
