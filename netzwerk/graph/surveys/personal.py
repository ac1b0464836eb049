"""Personal data in surveys: what the Auskunft shows and what the Löschung removes.

A survey touches a person in two ways: a personal invitation (one link per contact person)
with the answer given through it, and the contact-person section of an actor's answer, where
the respondent confirmed the person's job, function or consent. Both are the person's data.
"""

from __future__ import annotations

import json
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.store import Store, Tx


def _mentions(data: dict[str, Any], person_id: str) -> list[dict[str, Any]]:
    return [c for c in data.get("contacts", []) if c.get("person_id") == person_id]


def person_data(store: Store, person_id: str) -> dict[str, Any]:
    """Invitations of the person and, from every answer, only what concerns the person."""
    row = store.read("surveys/person_data", id=person_id)[0]
    answers = []
    for a in row["answers"]:
        data = json.loads(a.get("data") or "{}")
        answers.append(
            {
                "survey": a["survey"],
                "title": a.get("title") or "",
                "saved_at": a.get("saved_at"),
                "submitted_at": a.get("submitted_at"),
                "about_person": _mentions(data, person_id),
            }
        )
    return codec.jsonable({"invites": row["invites"], "answers": answers})


def _without(text: str | None, person_id: str) -> tuple[str, set[str]]:
    """An answer's JSON without the person's contact row, and the persons it still names."""
    data = json.loads(text or "{}")
    data["contacts"] = [c for c in data.get("contacts", []) if c.get("person_id") != person_id]
    ids = {c["person_id"] for c in data["contacts"] if c.get("person_id")}
    return json.dumps(data, ensure_ascii=False), ids


def erase_person_in(tx: Tx, person_id: str) -> int:
    """Remove the person's invitations and answers, and the person from other answers."""
    row = tx.run("surveys/erase_person", id=person_id)[0]
    changed = 0
    for m in row["mentions"]:
        data, ids = _without(m.get("data"), person_id)
        handed_in, more = _without(m.get("submitted_data"), person_id)
        tx.run(
            "surveys/set_answer_data",
            id=m["id"],
            data=data,
            submitted_data=handed_in if m.get("submitted_data") else None,
            person_ids=sorted(ids | more),
        )
        changed += 1
    return int(row["removed"]) + changed
