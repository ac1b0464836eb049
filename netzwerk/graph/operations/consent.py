"""Record a consent, and review a person under the Löschkonzept: one transaction each.

Recording appends to the person's consent ledger (:mod:`netzwerk.graph.personal.consent`) and, when
the new record is the purpose's current one, sets the person's derived consent fields
(``consent_contact``, date, source) with a history entry — all or nothing, so the ledger and
the fields that forms, import and export read never disagree. A change of those fields made
in the person form goes the other way: :func:`sync_in` adds the ledger record inside the
form's own transaction (called by :mod:`netzwerk.graph.operations.records`).

A consent given for the person by someone else is recorded *pending*
(:func:`record_pending_consent`): it sets no field until the person answers the confirmation
mail (:func:`answer_pending`, reached through :mod:`netzwerk.graph.personal.confirmation`).
"""

from __future__ import annotations

import dataclasses
import hmac
import uuid
from datetime import date
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.i18n import N_
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
        **({"status": c.status, "given_by": c.given_by, "how": c.how} if c.status else {}),
    }


def insert_in(tx: Tx, c: Consent, *, user: str, changeset: str = "") -> Consent:
    """Append a validated record to the ledger (no derived fields, no history); one written
    by a changeset carries its id, so undoing the changeset takes it back."""
    props = {k: v for k, v in _props(c).items() if v is not None}
    changeset = changeset or tx.batch
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
        raise NotFoundError.said(
            N_("Person „%(person_id)s“ wurde nicht gefunden."), person_id=c.person_id[:80]
        )
    return consent.from_store(rows[0]["consent"])


def _person_in(tx: Tx, person_id: str) -> Person:
    rows = tx.run("nodes/get", {"label": "Person"}, id=person_id, reader=None)
    if not rows:
        raise NotFoundError.said(
            N_("Person „%(person_id)s“ wurde nicht gefunden."), person_id=person_id[:80]
        )
    return codec.from_store(Person, rows[0]["node"])


def _person_entry(
    tx: Tx, person: Person, changes: dict[str, list[object]], *, version: int, user: str
) -> None:
    """The person's history entry of a consent or review (``version``: the person's now)."""
    entry = history.node_entry("update", person, changes, version=version)
    history.record_entry_in(tx, entry, user=user)


def _settle(tx: Tx, person: Person, stored: Consent, line: str, *, key: str, user: str) -> None:
    """Set the person's derived fields if ``stored`` is now the purpose's current record,
    and write the person's history entry (``key``: the entry's line)."""
    ledger = [consent.from_store(r["consent"]) for r in tx.run("consent/of_person", id=person.id)]
    now_current = consent.current(ledger, stored.purpose)
    changes: dict[str, list[object]] = {}
    version = person.version
    if now_current is not None and now_current.id == stored.id:
        wanted = dataclasses.replace(person, **consent.derived_fields(stored))
        if wanted != person:
            before, after = nodes.save(tx, wanted)
            changes, version = history.diff(before, after), after.version
    changes[key] = [None, line]
    _person_entry(tx, person, changes, version=version, user=user)


def record_in(tx: Tx, c: Consent, *, user: str, note: str = "") -> Consent:
    """Record a consent inside a running transaction."""
    c = consent.validate(c)
    person = _person_in(tx, c.person_id)
    stored = insert_in(tx, c, user=user)
    line = _summary(stored) + (f" – {note[:300]}" if note else "")
    _settle(tx, person, stored, line, key="consent_record", user=user)
    return stored


def record_pending_in(tx: Tx, c: Consent, *, given_by: str, how: str, user: str) -> Consent:
    """Record a consent someone gave *for* the person, pending their confirmation.

    Inside a running transaction (the survey review calls it for a consent ticked in the
    answer of an organisation's link). It sets none of the person's fields; the
    confirmation mail goes out with :func:`netzwerk.graph.personal.confirmation.send_pending`.
    """
    c = consent.validate(dataclasses.replace(c, type="opt-in"))
    person = _person_in(tx, c.person_id)
    given_by = " ".join(given_by.split())[:500] or "unbekannt"
    pending = dataclasses.replace(c, status="pending", given_by=given_by, how=how[:100])
    stored = insert_in(tx, pending, user=user)
    line = (
        f"{_summary(stored)} – angegeben von {given_by[:300]}; "
        "Bestätigung durch die Person steht aus"
    )
    _person_entry(tx, person, {"consent_pending": [None, line]}, version=person.version, user=user)
    return stored


def record_pending_consent(
    store: Store, c: Consent, *, given_by: str, how: str, user: str
) -> Consent:
    """:func:`record_pending_in` in its own transaction."""
    c = consent.validate(dataclasses.replace(c, type="opt-in"))
    return store.transaction(
        lambda tx: record_pending_in(tx, c, given_by=given_by, how=how, user=user)
    )


GONE = N_("Dieser Bestätigungslink ist ungültig, abgelaufen oder wurde schon benutzt.")


def usable(row: dict[str, Any], secret_hash: str, today: date) -> bool:
    c = row["consent"]
    expires = codec.coerce("date", c.get("confirm_expires"))
    stored = c.get("confirm_hash") or ""
    same = hmac.compare_digest(stored or "0" * 64, secret_hash or "1" * 64)
    return bool(same and stored and c.get("status") == "pending" and expires and today <= expires)


def answer_pending(
    store: Store, consent_id: str, secret_hash: str, *, confirm: bool, today: date
) -> Consent:
    """The person's answer through the confirmation link, in one transaction: the record
    becomes *confirmed* (and, if it is the newest, the person's current consent) or
    *declined*. Raises :class:`NotFoundError` (one message for every reason) if the link is
    unknown, wrong, used or expired."""

    def work(tx: Tx) -> Consent:
        rows = tx.run("consent/take_pending", id=consent_id)
        if not rows or rows[0]["person"] is None or not usable(rows[0], secret_hash, today):
            raise NotFoundError.said(GONE)
        status = "confirmed" if confirm else "declined"
        how = "Bestätigungslink per E-Mail"
        stored = consent.from_store(
            tx.run("consent/answer", id=consent_id, status=status, how=how)[0]["consent"]
        )
        person = _person_in(tx, stored.person_id)
        line = f"{_summary(stored)} – {stored.status_title} ({how})"
        _settle(tx, person, stored, line, key="consent_record", user="Person selbst")
        return stored

    return store.transaction(work)


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
