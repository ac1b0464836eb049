"""Which column holds which field, and which list entry each written value means.

Headers are compared folded (:func:`netzwerk.graph.core.values.fold`). A mapping is a list with
one target field (or ``""`` = ignore) per column. A user's last confirmed mapping per import
kind is saved in Neo4j (``ImportMapping`` nodes keyed by user and kind, see
``cypher/imports/``) and wins over the synonyms for the headers it names; the same node keeps
the user's value choices ("VHS" → "VHS/Weiterbildung"), which are proposed again next time.
"""

from __future__ import annotations

import json
from typing import Any

from netzwerk.graph.core.i18n import N_, Listed
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.values import fold
from netzwerk.graph.imports.fields import (
    CONTACT_HEADERS,
    FIELDS,
    KINDS,
    PARTNER_ONLY,
    REQUIRED,
    SYNONYMS,
    header_field,
    header_keys,
)

ValueChoices = dict[str, dict[str, str]]
"""Per field: folded value → chosen target (an entry, ``NEW`` or ``""`` = leave out)."""

__all__ = [
    "FIELDS",
    "KINDS",
    "ValueChoices",
    "detect_kind",
    "fold",
    "guess",
    "load_saved",
    "load_values",
    "missing_required",
]


def detect_kind(headers: list[str]) -> str:
    """Guess what a file holds from its headers.

    Cooperations need two actor columns. A column that names an organisation *and* one that
    names a contact person (or a topic, alliance, stage, region) make a partner list — the
    office's usual "one row per organisation" sheet, which must never be read as a list of
    persons named like organisations. Person columns alone make a person list.
    """
    folded = {k for h in headers for k in header_keys(h)}
    coop = SYNONYMS["cooperations"]
    if sum(1 for h in folded if coop.get(h) in ("from_actor", "to_actor")) >= 2:
        return "cooperations"
    org = {h for h in folded if SYNONYMS["actors"].get(h) == "name"}
    persons = {SYNONYMS["persons"].get(h, "") for h in folded}
    if org and folded & (PARTNER_ONLY | CONTACT_HEADERS):
        return "partners"
    kinds = {SYNONYMS["actors"].get(h) for h in folded} & {"kind", "sponsor", "sponsorship"}
    if org and kinds and persons & {"first_name", "last_name"}:
        return "partners"  # one row per contact person, with what the organisation is
    if persons & {"first_name", "last_name", "legal_basis"} or any(
        p.startswith("consent_") for p in persons
    ):
        return "persons"
    if "full_name" in persons and {fold("ansprechperson"), fold("ansprechpartner")} & folded:
        return "persons"
    if len(org) >= 2 and "name" in org:
        return "persons"  # "Name" beside "Einrichtung": a person and where they work
    return "actors"


def guess(headers: list[str], kind: str, saved: dict[str, str] | None = None) -> list[str]:
    """One field (or "") per column; each field is used at most once (the first column wins)."""
    if kind not in FIELDS:
        raise ValueError(kind)
    saved = saved or {}
    out: list[str] = []
    used: set[str] = set()
    for h in headers:
        key = fold(h)
        target = saved.get(key)
        if target is None or (target and target not in FIELDS[kind]):
            target = header_field(h, kind)
        if target in used:
            target = ""
        if target:
            used.add(target)
        out.append(target)
    if kind == "partners":
        _contact_columns(out, {i for i, h in enumerate(headers) if fold(h) in saved})
    if kind == "persons" and "last_name" in used and "full_name" in used:
        # a "Name" column beside "Nachname" is more likely the organisation's name
        i = out.index("full_name")
        out[i] = "organisation" if "organisation" not in used else ""
    return out


def _contact_columns(mapping: list[str], chosen: set[int]) -> None:
    """E-mail and phone columns right after a contact person's name are the person's
    ("Ansprechpartner/in | Tel. | E-Mail"), not the organisation's; columns the user chose
    before are left as they are."""
    names = ("contact_name", "contact_first_name", "contact_last_name")
    start = next((i for i, f in enumerate(mapping) if f in names), None)
    if start is None:
        return
    for i in range(start + 1, len(mapping)):
        f = mapping[i]
        if f in ("email", "phone") and f"contact_{f}" not in mapping and i not in chosen:
            mapping[i] = f"contact_{f}"
        elif f and not f.startswith("contact_"):
            return


def missing_required(kind: str, mapping: list[str]) -> list[str]:
    """German labels of required fields that no column is mapped to."""
    labels = FIELDS[kind]
    return [
        Listed((labels[f] for f in group), last=N_("oder"))
        for group in REQUIRED[kind]
        if not any(f in mapping for f in group)
    ]


def _saved(store: Store, user: str, kind: str) -> dict[str, Any]:
    rows = store.read("imports/load_mapping", user=user, kind=kind)
    return dict(rows[0]) if rows else {}


def load_saved(store: Store, user: str, kind: str) -> dict[str, str]:
    """The user's saved column mapping for ``kind``: folded header → field."""
    return saved_mapping(_saved(store, user, kind))


def load_values(store: Store, user: str, kind: str) -> ValueChoices:
    """The user's saved value choices for ``kind`` (see :data:`ValueChoices`)."""
    return saved_values(_saved(store, user, kind))


def saved_mapping(row: dict[str, Any]) -> dict[str, str]:
    """The column mapping of a stored row of ``imports/load_mapping`` (empty if none)."""
    return json.loads(row["mapping"]) if row.get("mapping") else {}


def saved_values(row: dict[str, Any]) -> ValueChoices:
    """The value choices of a stored row of ``imports/load_mapping`` (empty if none)."""
    return json.loads(row["values"]) if row.get("values") else {}


def merge_saved(
    row: dict[str, Any],
    headers: list[str],
    mapping: list[str],
    values: ValueChoices | None = None,
) -> dict[str, Any]:
    """The parameters of ``imports/save_mapping``: a confirmed mapping (and value choices)
    merged with what ``row`` held before. Stored by
    :func:`netzwerk.graph.operations.mappings.save_import_mapping`."""
    merged = saved_mapping(row)
    for h, target in zip(headers, mapping, strict=False):
        if fold(h):
            merged[fold(h)] = target
    merged_values = saved_values(row)
    for field_name, choices in (values or {}).items():
        merged_values.setdefault(field_name, {}).update(choices)
    return {
        "mapping": json.dumps(merged, ensure_ascii=False),
        "values": json.dumps(merged_values, ensure_ascii=False),
    }


def mapping_id(user: str, kind: str) -> str:
    return f"importmapping-{fold(user).replace(' ', '-')[:40]}-{kind}"
