"""Record a consent, and review a person under the Löschkonzept: one transaction each.

Recording appends to the person's consent ledger (:mod:`netzwerk.graph.personal.consent`) and, when
the new record is the purpose's current one, sets the person's derived consent fields
(``consent_contact``, date, source) with a history entry — all or nothing, so the ledger and
the fields that forms, import and export read never disagree. A change of those fields made
in the person form goes the other way: :func:`sync_in` adds the ledger record inside the
form's own transaction (called by :mod:`netzwerk.graph.operations.records`).
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.model import Person
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.personal import consent
from netzwerk.graph.personal.consent import Consent
from netzwerk.graph.records import history, nodes

FORM_SOURCE = "Formular"


def _summary(c: Consent) -> str:
    """One German line for the history ("Einwilligung Kontaktaufnahme vom 01.03.2025 …")."""
    parts = [f"{c.type_title} {c.purpose_title}"]
    if c.date:
        parts.append(f"vom {c.date:%d.%m.%Y}")
    if c.expires:
        parts.append(f"bis {c.expires:%d.%m.%Y}")
    if c.source:
        parts.append(f"(Quelle: {c.source[:200]})")
    return " ".join(parts)


def _props(c: Consent) -> dict[str, object]:
    return {
        "purpose": c.purpose,
        "type": c.type,
        "date": c.date,
        "source": c.source,
        "expires": c.expires,
        "wording": c.wording,
    }


def insert_in(tx: Tx, c: Consent, *, user: str, changeset: str = "") -> Consent:
    """Append a validated record to the ledger (no derived fields, no history); one written
    by a changeset carries its id, so undoing the changeset takes it back."""
    props = {k: v for k, v in _props(c).items() if v is not None}
    if changeset:
        props["changeset"] = changeset
    rows = tx.run(
        "consent/create",
        id=c.id or f"consent-{uuid.uuid4().hex[:16]}",
        person_id=c.person_id,
        props=props,
        user=user,
    )
    if not rows:
        raise NotFoundError(f"Person „{c.person_id[:80]}“ wurde nicht gefunden.")
    return consent.from_store(rows[0]["consent"])


def _person_in(tx: Tx, person_id: str) -> Person:
    rows = tx.run("nodes/get", {"label": "Person"}, id=person_id)
    if not rows:
        raise NotFoundError(f"Person „{person_id[:80]}“ wurde nicht gefunden.")
    return codec.from_store(Person, rows[0]["node"])


def _person_entry(
    tx: Tx, person: Person, changes: dict[str, list[object]], *, version: int, user: str
) -> None:
    """The person's history entry of a consent or review (``version``: the person's now)."""
    history.record_in(
        tx,
        user=user,
        action="update",
        label="Person",
        record_id=person.id,
        record_name=person.display_name,
        changes=changes,
        version=version,
    )


def record_in(tx: Tx, c: Consent, *, user: str, note: str = "") -> Consent:
    """Record a consent inside a running transaction (also used by the survey review)."""
    c = consent.validate(c)
    person = _person_in(tx, c.person_id)
    stored = insert_in(tx, c, user=user)
    ledger = [consent.from_store(r["consent"]) for r in tx.run("consent/of_person", id=person.id)]
    now_current = consent.current(ledger, c.purpose)
    changes: dict[str, list[object]] = {}
    version = person.version
    if now_current is not None and now_current.id == stored.id:
        wanted = dataclasses.replace(person, **consent.derived_fields(stored))
        if wanted != person:
            before, after = nodes.save(tx, wanted)
            changes, version = history.diff(before, after), after.version
    changes["consent_record"] = [None, _summary(stored) + (f" – {note[:300]}" if note else "")]
    _person_entry(tx, person, changes, version=version, user=user)
    return stored


def record_consent(store: Store, c: Consent, *, user: str) -> Consent:
    """Append ``c`` to the ledger; update the person's current consent if it is the newest.

    Raises :class:`~netzwerk.graph.core.errors.ValidationError` for bad values and
    :class:`~netzwerk.graph.core.errors.NotFoundError` for a missing person; nothing is
    written then.
    """
    c = consent.validate(c)
    return store.transaction(lambda tx: record_in(tx, c, user=user))


def sync_in(
    tx: Tx,
    before: Person | None,
    after: Person,
    *,
    user: str,
    source: str = FORM_SOURCE,
    changeset: str = "",
) -> list[Consent]:
    """Ledger records for consent fields a form, the API or an import changed on ``after``.

    A consent ticked becomes an opt-in of its date and source; one unticked becomes an
    opt-out of today. Only the fields are known here, so the wording stays empty — the
    consent page records it. ``source`` names where a record without its own source came
    from ("Formular", "Import: partner.csv").
    """
    out = []
    for purpose in consent.PURPOSES:
        keys = (f"consent_{purpose}", f"consent_{purpose}_date", f"consent_{purpose}_source")
        new = tuple(getattr(after, k) for k in keys)
        old = tuple(getattr(before, k) for k in keys) if before is not None else (False, None, "")
        given, when, given_source = new
        if new == old or (not given and not old[0]):
            continue
        c = Consent(
            person_id=after.id,
            purpose=purpose,
            type="opt-in" if given else "opt-out",
            date=when if given and when else date.today(),
            source=given_source or source,
        )
        out.append(insert_in(tx, consent.validate(c), user=user, changeset=changeset))
    return out


def review_person(
    store: Store, person_id: str, outcome: str, *, user: str, consent_id: str = ""
) -> dict[str, object]:
    """The one-click decision of the Löschkonzept review, with a history entry."""
    consent.check_outcome(outcome)

    def work(tx: Tx) -> dict[str, object]:
        person = _person_in(tx, person_id)
        rows = tx.run(
            "consent/create_review",
            id=f"consentreview-{uuid.uuid4().hex[:16]}",
            person_id=person.id,
            consent_id=consent_id[:128],
            outcome=outcome,
            user=user,
        )
        outcome_title = consent.REVIEW_OUTCOMES[outcome]
        _person_entry(
            tx, person, {"consent_review": [None, outcome_title]}, version=person.version, user=user
        )
        return dict(rows[0]["review"])

    return store.transaction(work)
