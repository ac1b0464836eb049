"""DSGVO rights of a contact person: Auskunft (Art. 15) and Löschung (Art. 17).

The Auskunft collects everything stored about one person — all properties, every link with
the organisation, alliance or project at its other end, the consent ledger (with the wording
agreed to, expiry and who recorded it) and the Löschkonzept reviews, survey invitations and
what survey answers said about them, the change history and every export that contained them
(export logs keep person ids for exactly this). The Löschung is a use
case of the write path: :func:`netzwerk.graph.operations.erase_person`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import not_found
from netzwerk.graph.core.fields import field_table
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LINK_TYPES, Person
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import is_valid_id, label
from netzwerk.graph.personal import consent, contacts
from netzwerk.graph.records import history, trash, visibility
from netzwerk.graph.surveys.personal import person_data as survey_data

HIDDEN = frozenset({"id"})
BOOKKEEPING = {
    "created": N_("angelegt am"),
    "updated": N_("zuletzt geändert am"),
    "version": N_("Version"),
}


def _json(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def _fields(props: dict[str, Any]) -> dict[str, Any]:
    """German label → value of the stored properties, in the model's order (as the person's
    form shows them), then anything the model does not describe, then the bookkeeping."""
    table = field_table(Person)
    known = [k for k in table if k in props]
    other = sorted(k for k in props if k not in table and k not in BOOKKEEPING and k not in HIDDEN)
    kept = [k for k in BOOKKEEPING if k in props]
    return {
        (table[k].label if k in table else BOOKKEEPING.get(k) or label(k)): props[k]
        for k in (*known, *other, *kept)
    }


def _consent_state(props: dict[str, Any], ledger: list[consent.Consent]) -> list[dict[str, Any]]:
    """Per purpose what the person's record says (ja/nein, since, source) and how many
    entries the consent ledger holds for it, so the report never says "keine" under a
    "ja": a consent taken over by an import or an older version has no ledger entry."""
    out = []
    for purpose, title in consent.PURPOSES.items():
        records = [c for c in ledger if c.purpose == purpose]
        current = consent.current(records, purpose)
        out.append(
            {
                "purpose": purpose,
                "purpose_title": title,
                "given": bool(props.get(f"consent_{purpose}")),
                "date": props.get(f"consent_{purpose}_date"),
                "source": props.get(f"consent_{purpose}_source") or "",
                "ledger": len(records),
                "current_type_title": current.type_title if current else "",
            }
        )
    return out


def _link_row(
    type_: str, direction: str, props: dict[str, Any], other: tuple[str, str, str]
) -> dict[str, Any]:
    return {
        "type": type_,
        "title": LINK_TYPES[type_].title if type_ in LINK_TYPES else type_,
        "direction": direction,
        "other_label": other[0],
        "other_id": other[1],
        "other_name": other[2],
        "properties": props,
        "details": [
            [label(k), v]
            for k, v in sorted(props.items())
            if k not in ("id", "created", "updated", "version") and v not in ("", None)
        ],
    }


def _from_trash(store: Store, person_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Properties and links of a person in the trash, read from the snapshot."""
    deleted = trash.of_record(store, person_id, "Person")
    if deleted is None:
        raise not_found(N_("Person"), person_id)
    links = []
    for lk in deleted.links:
        ends = deleted.labels.get(lk.id, ("", ""))
        out = lk.from_id == person_id
        other = (ends[1], lk.to_id, lk.to_name) if out else (ends[0], lk.from_id, lk.from_name)
        props = {k: v for k, v in codec.to_json(lk).items() if k not in ("from_name", "to_name")}
        links.append(_link_row(lk.type, "out" if out else "in", props, other))
    return codec.to_json(deleted.node), links


def _stored(store: Store, person_id: str) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """Properties and links of the person, live or in the trash, and whether in the trash."""
    if not is_valid_id(person_id):
        raise not_found(N_("Person"), person_id)
    rows = store.read("nodes/get", {"label": "Person"}, id=person_id, reader=visibility.reader())
    if not rows:
        props, links = _from_trash(store, person_id)
        return props, links, True
    links = [
        _link_row(
            r["type"],
            r["direction"],
            r["props"],
            (r["other_label"], r["other_id"], r["other_name"]),
        )
        for r in store.read("privacy/person_links", id=person_id)
    ]
    return rows[0]["node"], links, False


def person_report(store: Store, person_id: str) -> dict[str, Any]:
    """Everything stored about a person, as JSON-ready data (dates as ISO strings).

    Keys: ``person`` (all properties), ``fields`` (German label → value, for reading),
    ``links``, ``consents``, ``consent_reviews``, ``surveys``, ``history``, ``exports``,
    ``generated``, ``in_trash`` (the person was deleted but is still in the trash: the
    rights of Art. 15 and 17 hold there too).
    """
    props, links, in_trash = _stored(store, person_id)
    ledger = consent.for_person(store, person_id)
    changes = [
        {
            "at": c.at,
            "user": c.user,
            "action": c.action,
            "action_title": c.action_title,
            "changes": c.changes,
        }
        for c in history.for_record(store, person_id, limit=10_000)
    ]
    exports = [
        {
            "at": e.at,
            "user": e.user,
            "purpose": e.purpose,
            "purpose_title": e.purpose_title,
            "format": e.format,
            "count": e.count,
            "filter": e.filter,
        }
        for e in contacts.exports_of_person(store, person_id)
    ]
    return _json(
        {
            "generated": datetime.now().astimezone(),
            "in_trash": in_trash,
            "person": dict(sorted(props.items())),
            "fields": _fields(props),
            "links": links,
            "consent_state": _consent_state(props, ledger),
            "consents": [
                {
                    **codec.to_json(c),
                    "purpose_title": c.purpose_title,
                    "type_title": c.type_title,
                    "status_title": c.status_title,
                }
                for c in ledger
            ],
            "consent_reviews": [
                {**r, "outcome_title": consent.REVIEW_OUTCOMES.get(r["outcome"], r["outcome"])}
                for r in consent.reviews_of(store, person_id)
            ],
            "surveys": survey_data(store, person_id),
            "history": changes,
            "exports": exports,
        }
    )


def find_persons(
    store: Store, q: str, limit: int = 50, *, org: str | None = None
) -> list[dict[str, Any]]:
    """Persons whose name or e-mail contains ``q`` (case-insensitive), live or in the trash
    (``in_trash``), for the admin page: the reader's own, and for a reader who sees every
    office (the instance admin) those of ``org`` if given — a filter that never widens."""
    text = q.strip().lower()[:100]
    if not text:
        return []
    reader = visibility.reader()
    return store.read(
        "privacy/find_persons",
        q=text,
        limit=min(max(1, limit), 200),
        reader=org if reader is None else reader,
    )
