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
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.model import LINK_TYPES
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import is_valid_id, label
from netzwerk.graph.personal import consent, contacts
from netzwerk.graph.records import history
from netzwerk.graph.surveys.personal import person_data as survey_data

HIDDEN = frozenset({"id"})
BOOKKEEPING = {"created": "angelegt am", "updated": "zuletzt geändert am", "version": "Version"}


def _json(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def person_report(store: Store, person_id: str) -> dict[str, Any]:
    """Everything stored about a person, as JSON-ready data (dates as ISO strings).

    Keys: ``person`` (all properties), ``fields`` (German label → value, for reading),
    ``links``, ``consents``, ``consent_reviews``, ``surveys``, ``history``, ``exports``,
    ``generated``.
    """
    rows = (
        store.read("nodes/get", {"label": "Person"}, id=person_id) if is_valid_id(person_id) else []
    )
    if not rows:
        raise NotFoundError(f"Person „{person_id[:80]}“ wurde nicht gefunden.")
    props = rows[0]["node"]
    links = [
        {
            "type": r["type"],
            "title": LINK_TYPES[r["type"]].title if r["type"] in LINK_TYPES else r["type"],
            "direction": r["direction"],
            "other_label": r["other_label"],
            "other_id": r["other_id"],
            "other_name": r["other_name"],
            "properties": r["props"],
            "details": [
                [label(k), v]
                for k, v in sorted(r["props"].items())
                if k not in ("id", "created", "updated", "version") and v not in ("", None)
            ],
        }
        for r in store.read("privacy/person_links", id=person_id)
    ]
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
            "person": dict(sorted(props.items())),
            "fields": {
                BOOKKEEPING.get(k) or label(k): v
                for k, v in sorted(props.items())
                if k not in HIDDEN
            },
            "links": links,
            "consents": [
                {
                    **codec.to_json(c),
                    "purpose_title": c.purpose_title,
                    "type_title": c.type_title,
                }
                for c in consent.for_person(store, person_id)
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


def find_persons(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Persons whose name or e-mail contains ``q`` (case-insensitive), for the admin page."""
    text = q.strip().lower()[:100]
    if not text:
        return []
    return store.read("privacy/find_persons", q=text, limit=min(max(1, limit), 200))
