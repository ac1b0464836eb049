"""The change history: every write by a person is recorded as a ``Change`` node.

Entries are separate nodes, not properties of the record, so they survive the record's
deletion (and a merge) and can be listed across the whole graph. ``changes`` holds a JSON
object ``{field: [old, new]}``; for a DSGVO erasure the entries of the person are kept but
emptied (:func:`redact_record`).
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from netzwerk.graph import visibility
from netzwerk.graph.store import Store, Tx

ACTIONS = (
    "create",
    "update",
    "delete",
    "restore",
    "merge",
    "link",
    "unlink",
    "import",
    "export",
    "erase",
)
ACTION_TITLES = {
    "create": "angelegt",
    "update": "geändert",
    "delete": "gelöscht",
    "restore": "wiederhergestellt",
    "merge": "zusammengeführt",
    "link": "verknüpft",
    "unlink": "Verknüpfung entfernt",
    "import": "importiert",
    "export": "exportiert",
    "erase": "personenbezogene Daten gelöscht",
}
ERASED = "[gelöscht]"


@dataclass
class Change:
    id: str
    at: datetime
    user: str
    action: str
    label: str
    record_id: str
    record_name: str
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def action_title(self) -> str:
        return ACTION_TITLES.get(self.action, self.action)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def diff(before: Any | None, after: Any | None) -> dict[str, list[Any]]:
    """Field-by-field differences of two records (dataclasses), as ``{field: [old, new]}``.

    Bookkeeping fields (version, timestamps) are left out: they change on every save.
    """
    skip = {"created", "updated", "version", "from_name", "to_name"}
    old = dataclasses.asdict(before) if before is not None else {}
    new = dataclasses.asdict(after) if after is not None else {}
    out: dict[str, list[Any]] = {}
    for key in sorted(set(old) | set(new)):
        if key in skip:
            continue
        a, b = old.get(key), new.get(key)
        if a != b and not (a in ("", None) and b in ("", None)):
            out[key] = [_jsonable(a), _jsonable(b)]
    return out


def _params(
    *,
    user: str,
    action: str,
    label: str,
    record_id: str,
    record_name: str,
    changes: dict[str, Any] | None,
) -> dict[str, Any]:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return {
        "id": f"change-{uuid.uuid4().hex}",
        "user": user,
        "action": action,
        "label": label,
        "record_id": record_id,
        "record_name": (record_name or "")[:500],
        "changes": json.dumps(changes or {}, ensure_ascii=False, default=_jsonable),
    }


def record(
    store: Store,
    *,
    user: str,
    action: str,
    label: str,
    record_id: str,
    record_name: str,
    changes: dict[str, Any] | None = None,
) -> Change:
    """Append an entry; ``user`` is the login name (or ``cli``/``import`` for tools)."""
    params = _params(
        user=user,
        action=action,
        label=label,
        record_id=record_id,
        record_name=record_name,
        changes=changes,
    )
    rows = store.write("history/record", **params)
    return _from(rows[0]["change"])


def record_in(
    tx: Tx,
    *,
    user: str,
    action: str,
    label: str,
    record_id: str,
    record_name: str,
    changes: dict[str, Any] | None = None,
) -> Change:
    """Like :func:`record`, inside a running transaction (a merge is logged atomically)."""
    params = _params(
        user=user,
        action=action,
        label=label,
        record_id=record_id,
        record_name=record_name,
        changes=changes,
    )
    return _from(tx.run("history/record", **params)[0]["change"])


def _from(props: dict[str, Any]) -> Change:
    return Change(
        id=props["id"],
        at=props["at"],
        user=props["user"],
        action=props["action"],
        label=props["label"],
        record_id=props["record_id"],
        record_name=props.get("record_name", ""),
        changes=json.loads(props.get("changes") or "{}"),
    )


def for_record(store: Store, record_id: str, limit: int = 200) -> list[Change]:
    return [
        _from(r["change"])
        for r in store.read("history/for_record", record_id=record_id, limit=limit)
    ]


CONTACT_FIELDS = visibility.restricted("Person")
"""Fields of a person's history hidden without the contacts grant (as on the record)."""


def without_contacts(changes: list[Change]) -> list[Change]:
    """Copies of ``changes`` without persons' e-mail/phone values and trash snapshots.

    The history repeats old and new values, so a user who may not see a person's contact
    data on the record must not read it from the record's history either.
    """
    out = []
    for c in changes:
        if c.label == "Person" or "snapshot" in c.changes:
            hidden = (*CONTACT_FIELDS, "snapshot") if c.label == "Person" else ("snapshot",)
            c = dataclasses.replace(
                c, changes={k: v for k, v in c.changes.items() if k not in hidden}
            )
        out.append(c)
    return out


def recent(
    store: Store, *, user: str | None = None, skip: int = 0, limit: int = 100
) -> list[Change]:
    return [
        _from(r["change"]) for r in store.read("history/recent", user=user, skip=skip, limit=limit)
    ]


def redact_record(store: Store, record_id: str) -> int:
    """Empty the history of an erased person; returns how many entries were redacted."""
    return int(
        store.write("history/redact_record", record_id=record_id, placeholder=ERASED)[0]["redacted"]
    )
