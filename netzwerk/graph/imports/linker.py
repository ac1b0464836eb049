"""The links an import wants, told apart into new, changed and unchanged before writing.

Rows ask for links as they are read (a contact person works at the row's actor, the actor
works on "MINT"); the same link asked for by two rows is planned once. When all rows are
read, the stored links between the pairs of *stored* records are looked up in one query per
link type (new records have none yet), so the preview can say per link "neu" or old → new,
and the commit updates only the fields the file sets.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from netzwerk.graph.core import bulk
from netzwerk.graph.core.codec import link_from_row
from netzwerk.graph.core.model import Link
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.values import canonical
from netzwerk.graph.imports.plan import ImportPlan, Part, RowResult, base_values, stable_id
from netzwerk.graph.records import history


@dataclass
class _Want:
    link: Link
    row: RowResult
    labels: tuple[str, str]
    fields: tuple[str, ...]
    name: str
    stored_ends: bool
    blank: bool


class Linker:
    """Collects the links of one dry run; :meth:`resolve` hands them to the plan."""

    def __init__(self) -> None:
        self._wanted: dict[tuple[str, str, str], _Want] = {}

    def want(
        self,
        row: RowResult,
        link: Link,
        labels: tuple[str, str],
        *,
        name: str,
        fields: tuple[str, ...] = (),
        stored_ends: bool = True,
        blank: bool = False,
    ) -> bool:
        """Plan ``link`` for ``row``; ``fields`` are the ones the file sets on a stored link
        (none: an existing link stays as it is) — their non-empty values, or with ``blank``
        (a workbook row) all of them. False if an earlier row asked for it."""
        link = canonical(link)
        key = (link.type, link.from_id, link.to_id)
        if key in self._wanted:
            return False
        self._wanted[key] = _Want(link, row, labels, fields, name, stored_ends, blank)
        return True

    def _stored(self, store: Store) -> dict[tuple[str, str, str], Link]:
        groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
        for (type_name, a, b), w in self._wanted.items():
            if w.stored_ends:
                groups[(type_name, *w.labels)].append({"from_id": a, "to_id": b})
        found: dict[tuple[str, str, str], Link] = {}
        for (type_name, from_label, to_label), pairs in groups.items():
            idents = {"type": type_name, "from": from_label, "to": to_label}
            for chunk in bulk.batches(pairs, bulk.BATCH_SIZE):
                for r in store.read("imports/links_between", idents, pairs=chunk):
                    lk = link_from_row(r)
                    found[(lk.type, lk.from_id, lk.to_id)] = lk
        return found

    def resolve(self, store: Store, plan: ImportPlan) -> None:
        """Compare with the stored links and add what changes to ``plan``."""
        stored = self._stored(store)
        for key, w in self._wanted.items():
            before = stored.get(key)
            fields: tuple[str, ...]
            if before is None:
                link = w.link
                link.id = link.id or stable_id(key[0].lower(), *key[1:])
                action, changes, fields, new = "create", {}, (), link
            else:
                keep = {
                    f: getattr(w.link, f)
                    for f in w.fields
                    if w.blank or getattr(w.link, f) not in ("", None)
                }
                link = dataclasses.replace(before, **keep)
                changes = history.diff(before, link)
                action, fields = ("update" if changes else "unchanged"), tuple(sorted(keep))
                new = None
            w.row.parts.append(Part(link.spec.title, w.name, action, changes, new=new))
            w.row.record_id = w.row.record_id or link.id
            if action == "unchanged":
                continue
            plan.links.append(link)
            plan.link_rows.append(w.row.number)
            plan.link_labels[link.id] = w.labels
            plan.fields[link.id] = fields
            if before is not None:
                plan.base[link.id] = base_values(before, fields)
            if w.row.action == "unchanged":
                w.row.action = "update"
