"""Consent records: per person and purpose, who agreed to what, when, until when.

A Person carries the *current* consent per purpose (``consent_contact``, its date and source)
because forms, the import and the contact export read it there. Those fields are derived: every
change of them is also written as a :class:`Consent` record (CiviCRM's gdprx keeps the same
ledger), with the type (opt-in or opt-out), the date, the source, an optional expiry, the
wording the person agreed to and who recorded it. The ledger answers what the fields cannot:
"since when, on what words, and is it still valid?" — for the Auskunft, for the export (an
expired consent no longer covers the purpose) and for the Löschkonzept review
(:func:`expiring`, :func:`without_basis`).

Consent given by someone other than the person (a colleague ticking it in the survey of
their organisation) is recorded as *pending*, with who gave it (``given_by``) and how
(``how``): it covers nothing until the person confirms it through the link of a
confirmation mail (double opt-in, :mod:`netzwerk.graph.personal.confirmation`), which makes
it *confirmed* — or *declined*. Records without a status were given or recorded directly.

Records refer to their person by ``person_id`` (no relationship), as history entries do, so
they never show up among a person's links; the erasure removes them
(:func:`netzwerk.graph.operations.erase_person`). Writes are use cases of the write path:
:mod:`netzwerk.graph.operations.consent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from netzwerk.graph.core import codec, freetext
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import SOURCE_MAX, parse_date
from netzwerk.graph.records import visibility

PURPOSES: dict[str, str] = {
    "contact": N_("Kontaktaufnahme"),
    "newsletter": N_("Newsletter"),
}
"""The purposes a consent is given for; the same keys as the Person's consent fields."""

TYPES: dict[str, str] = {"opt-in": N_("Einwilligung"), "opt-out": N_("Widerspruch/Widerruf")}
STATUSES: dict[str, str] = {
    "": N_("wirksam"),
    "pending": N_("unbestätigt – wartet auf Bestätigung der Person"),
    "confirmed": N_("von der Person bestätigt"),
    "declined": N_("von der Person abgelehnt"),
}
"""States of a ledger record; only ``""`` and ``confirmed`` state the person's will."""
EFFECTIVE = frozenset({"", "confirmed"})
PUBLIC_TASK = "öffentliche Aufgabe"
"""The legal basis that covers contact without consent (Art. 6 (1) e DSGVO)."""

EXPIRY_WARNING_DAYS = 60
DEFAULT_RETENTION_DAYS = 365
"""Löschkonzept: how long a person may stay without any legal basis before review."""

MAX_WORDING = 5_000
_MAX_TEXT = SOURCE_MAX
_Date = date
"""The type, for the ledger whose field ``date`` hides it inside the class body."""


@dataclass
class Consent:
    """One entry of the consent ledger."""

    id: str = ""
    person_id: str = ""
    purpose: str = "contact"
    type: str = "opt-in"
    date: _Date | None = None
    source: str = ""
    expires: _Date | None = None
    wording: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None
    status: str = ""
    given_by: str = ""
    """Who gave a consent for the person (empty: the person, or the office recorded it)."""
    how: str = ""
    """How it was given for the person ("Befragung")."""
    confirmed_at: datetime | None = None

    @property
    def effective(self) -> bool:
        """Whether the record states the person's will (not pending, not declined)."""
        return self.status in EFFECTIVE

    @property
    def status_title(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def purpose_title(self) -> str:
        return PURPOSES.get(self.purpose, self.purpose)

    @property
    def type_title(self) -> str:
        return TYPES.get(self.type, self.type)


def validate(c: Consent, *, today: date | None = None) -> Consent:
    """A cleaned copy of ``c`` or :class:`ValidationError` with German messages."""
    today = today or date.today()
    errors: list[FieldError] = []
    if c.purpose not in PURPOSES:
        errors.append(FieldError("purpose", N_("ist kein bekannter Zweck")))
    if c.type not in TYPES:
        errors.append(FieldError("type", N_("muss Einwilligung oder Widerspruch sein")))
    if not isinstance(c.date, date):
        errors.append(FieldError("date", N_("ist anzugeben")))
    elif c.date > today:
        errors.append(FieldError("date", N_("liegt in der Zukunft")))
    if c.expires is not None:
        if c.type != "opt-in":
            errors.append(FieldError("expires", N_("gibt es nur bei einer Einwilligung")))
        elif isinstance(c.date, date) and c.expires < c.date:
            errors.append(FieldError("expires", N_("liegt vor dem Datum der Einwilligung")))
    source = freetext.checked(errors, "source", c.source, _MAX_TEXT)
    wording = freetext.checked(errors, "wording", c.wording, MAX_WORDING, multiline=True)
    if not source:
        errors.append(FieldError("source", N_("ist anzugeben (z. B. Formular, Befragung 2025)")))
    if errors:
        raise ValidationError(errors)
    return Consent(**{**c.__dict__, "source": source, "wording": wording})


def parse(data: dict[str, Any], person_id: str) -> Consent:
    """A :class:`Consent` from form or JSON values (dates as text), validated."""
    errors: list[FieldError] = []
    values: dict[str, Any] = {}
    for name in ("date", "expires"):
        try:
            values[name] = parse_date(data.get(name), name)
        except ValidationError as exc:
            errors += exc.errors
            values[name] = None
    text: dict[str, Any] = {
        k: data.get(k) if isinstance(data.get(k), str) else "" for k in _TEXT_FIELDS
    }
    try:
        checked = validate(Consent(person_id=person_id, **text, **values))
    except ValidationError as exc:
        named = {e.field for e in errors}
        raise ValidationError(errors + [e for e in exc.errors if e.field not in named]) from exc
    if errors:
        raise ValidationError(errors)
    return checked


_TEXT_FIELDS = ("purpose", "type", "source", "wording")


def from_store(props: dict[str, Any]) -> Consent:
    return codec.from_store(Consent, props)


def for_person(store: Store, person_id: str) -> list[Consent]:
    """The person's ledger, newest first."""
    return [from_store(r["consent"]) for r in store.read("consent/of_person", id=person_id)]


def current(records: list[Consent], purpose: str) -> Consent | None:
    """The record that states the person's present will for ``purpose`` (latest by date;
    pending and declined records state nobody's will)."""
    mine = [c for c in records if c.purpose == purpose and c.date is not None and c.effective]
    if not mine:
        return None
    return max(mine, key=lambda c: (c.date, c.recorded_at or datetime.min.replace(tzinfo=UTC)))


def derived_fields(c: Consent) -> dict[str, Any]:
    """The Person fields that a new current record sets."""
    return {
        f"consent_{c.purpose}": c.type == "opt-in",
        f"consent_{c.purpose}_date": c.date,
        f"consent_{c.purpose}_source": c.source[:_MAX_TEXT],
    }


def covers(person: dict[str, Any], purpose: str, today: date) -> bool:
    """Whether a person's current state covers ``purpose`` on ``today``.

    ``person`` holds the derived fields and ``consent_<purpose>_expires`` (ISO text or
    ``None``), the expiry of the purpose's current ledger record: an expired consent no
    longer covers anything (DSGVO Art. 7: consent is given for a time the person was told).
    """
    day = today.isoformat()
    when = person.get(f"consent_{purpose}_date")
    expires = person.get(f"consent_{purpose}_expires")
    return (
        person.get(f"consent_{purpose}") is True
        and (when is None or str(when)[:10] <= day)
        and (expires in (None, "") or day <= str(expires)[:10])
    )


def allowed(person: dict[str, Any], purpose: str, today: date) -> bool:
    """Whether personal data may be used for ``purpose``: a valid consent, or for contact
    the public task (Art. 6 (1) e DSGVO) as legal basis."""
    if purpose == "contact" and person.get("legal_basis") == PUBLIC_TASK:
        return True
    return covers(person, purpose, today)


# --- the Löschkonzept review -------------------------------------------------------------------
@dataclass
class Expiring:
    """A consent that runs out soon (or has run out) and is still the current one."""

    consent: Consent
    person_name: str
    days_left: int


@dataclass
class WithoutBasis:
    """A person with neither a valid consent nor a public-task basis, and since when."""

    person_id: str
    person_name: str
    since: date
    days: int
    last_review: datetime | None = None


def _name(row: dict[str, Any]) -> str:
    return " ".join(p for p in (row.get("title"), row.get("first_name"), row.get("last_name")) if p)


def expiring(
    store: Store, *, within_days: int = EXPIRY_WARNING_DAYS, today: date | None = None
) -> list[Expiring]:
    """Current opt-ins whose expiry is within ``within_days`` (expired ones included)."""
    today = today or date.today()
    until = today + timedelta(days=max(0, min(within_days, 3650)))
    out: list[Expiring] = []
    for row in store.read("consent/expiring", until=until, reader=visibility.reader()):
        c = from_store(row["consent"])
        if c.expires is None:
            continue
        out.append(Expiring(c, _name(row["person"]), (c.expires - today).days))
    return sorted(out, key=lambda e: (e.days_left, e.person_name))


def without_basis(
    store: Store, *, older_than_days: int = DEFAULT_RETENTION_DAYS, today: date | None = None
) -> list[WithoutBasis]:
    """Persons without a legal basis for longer than ``older_than_days`` and not reviewed
    since they lost it; "since" is when the last basis ended (an opt-out, an expiry) or, for
    a person who never had one, when they were recorded."""
    today = today or date.today()
    limit = today - timedelta(days=max(0, min(older_than_days, 36500)))
    out = []
    for row in store.read(
        "consent/without_basis", public_task=PUBLIC_TASK, reader=visibility.reader()
    ):
        person, records = row["person"], [from_store(r) for r in row["records"]]
        state = dict(person)
        ends = [codec.coerce("date", person.get("created")) or today]
        for purpose in PURPOSES:
            cur = current(records, purpose)
            state[f"consent_{purpose}_expires"] = (
                cur.expires.isoformat() if cur and cur.expires else None
            )
            if cur is not None and cur.type == "opt-out" and cur.date:
                ends.append(cur.date)
            elif cur is not None and cur.expires:
                ends.append(cur.expires)
        if any(covers(state, p, today) for p in PURPOSES):
            continue
        since = max(ends)
        review = codec.coerce("datetime", row["last_review"])
        if since > limit or (review is not None and review.date() >= since):
            continue
        out.append(WithoutBasis(person["id"], _name(person), since, (today - since).days))
    return sorted(out, key=lambda w: (-w.days, w.person_name))


REVIEW_OUTCOMES: dict[str, str] = {
    "keep": N_("geprüft – bleibt gespeichert"),
    "asked": N_("geprüft – Einwilligung wird neu erfragt"),
}
"""One-click decisions of the review; erasing goes through the Löschung instead."""


def check_outcome(outcome: str) -> str:
    if outcome not in REVIEW_OUTCOMES:
        raise ValidationError([FieldError("outcome", N_("ist keine bekannte Entscheidung"))])
    return outcome


def reviews_of(store: Store, person_id: str) -> list[dict[str, Any]]:
    """The person's Löschkonzept reviews (for the Auskunft), newest first."""
    return [r["review"] for r in store.read("consent/reviews_of_person", id=person_id)]
