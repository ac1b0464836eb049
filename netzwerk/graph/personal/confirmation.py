"""Double opt-in: the mail that asks a person to confirm a consent someone else gave.

A pending consent (:func:`netzwerk.graph.operations.consent.record_pending_consent`) gets one
mail to the person's own address with a link ``/einwilligung/<consent id>.<secret>``; only a
SHA-256 hash of the secret is kept (as for survey and share links), the link works for
:data:`VALID_DAYS` and once. Opening it changes nothing (mail scanners open links); the
person confirms or declines with a button (:func:`answer`). Mail settings are the survey
mail's (``NETZWERK_SMTP_*``, :class:`netzwerk.graph.surveys.mail.SmtpSettings`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any

from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.core.store import Store
from netzwerk.graph.operations import consent as consent_ops
from netzwerk.graph.personal import consent
from netzwerk.graph.personal.consent import Consent
from netzwerk.graph.records import organisations, visibility
from netzwerk.graph.surveys.mail import SmtpSettings, send

VALID_DAYS = 30
PATH = "/einwilligung/"
TOKEN = re.compile(r"^(consent-[0-9a-f]{16})\.([A-Za-z0-9_-]{20,64})$")


def today() -> date:
    """Today (a function, so tests can move the clock past the expiry)."""
    return date.today()


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _name(person: dict[str, Any]) -> str:
    parts = (person.get("title"), person.get("first_name"), person.get("last_name"))
    return " ".join(p for p in parts if p)


def compose(
    c: Consent, person: dict[str, Any], link: str, sender: str, office: str = ""
) -> EmailMessage:
    """The German plain-text mail: who gave which consent, the wording, the link, signed by
    ``office``, the organisation that holds the person's data (its data controller)."""
    msg = EmailMessage()
    msg["Subject"] = "Bitte bestätigen: Ihre Einwilligung"
    msg["From"] = sender
    msg["To"] = formataddr((_name(person), person["email"]))
    msg["Message-ID"] = make_msgid(domain="netzwerk.invalid")
    given = f" am {c.date:%d.%m.%Y}" if c.date else ""
    lines = [
        f"Guten Tag {_name(person)},".replace("  ", " "),
        "",
        f"{c.given_by} hat{given} für Sie angegeben, dass Sie einverstanden sind "
        f"({c.purpose_title}; Quelle: {c.source}). Der Wortlaut:",
        "",
        c.wording or "(ohne Wortlaut)",
        "",
        "Diese Einwilligung gilt erst, wenn Sie selbst sie bestätigen. Hier können Sie "
        f"bestätigen oder ablehnen (der Link gilt {VALID_DAYS} Tage und einmal):",
        link,
        "",
        "Wenn Sie nichts tun, gilt die Einwilligung nicht und wir schreiben Ihnen dazu "
        "nicht noch einmal.",
        "",
        "Mit freundlichen Grüßen",
        f"Ihr {office}" if office else "Ihr Bildungsbüro",
    ]
    msg.set_content("\n".join(lines))
    return msg


@dataclass
class SendResult:
    sent: int = 0
    no_address: int = 0
    refused: int = 0
    error: str = ""


def unsent(store: Store) -> int:
    """How many pending consents of the reader's organisation wait for their mail."""
    return len(store.read("consent/pending_unsent", reader=visibility.reader()))


def _offices(store: Store) -> dict[str, str]:
    """slug → name of every organisation but the default one (whose mails say
    "Ihr Bildungsbüro", as before organisations existed)."""
    return {o.slug: o.name for o in organisations.all_organisations(store) if o.slug != DEFAULT_ORG}


def send_pending(store: Store, settings: SmtpSettings, *, base_url: str) -> SendResult:
    """Mail every pending consent of the reader's organisation not mailed yet; returns the
    counts (German error text if the server failed). A person without an address is
    counted, never written to. Each office sends its own persons' mails, signed with its
    name: it is their data controller (an instance admin sends every office's)."""
    result = SendResult()
    outgoing: list[tuple[str, EmailMessage]] = []
    offices = _offices(store)
    for row in store.read("consent/pending_unsent", reader=visibility.reader()):
        c, person = consent.from_store(row["consent"]), row["person"]
        if not person.get("email"):
            result.no_address += 1
            continue
        secret = secrets.token_urlsafe(24)
        store.write(
            "consent/set_confirmation",
            id=c.id,
            hash=_hash(secret),
            expires=today() + timedelta(days=VALID_DAYS),
            sent=False,
        )
        link = f"{base_url.rstrip('/')}{PATH}{c.id}.{secret}"
        office = offices.get(person.get("org") or DEFAULT_ORG, "")
        outgoing.append((c.id, compose(c, person, link, settings.sender, office)))
    if not outgoing:
        return result
    done, result.error = send(settings, [m for _, m in outgoing])
    for i in done:
        store.write(
            "consent/set_confirmation", id=outgoing[i][0], hash=None, expires=None, sent=True
        )
    result.sent = len(done)
    result.refused = 0 if result.error else len(outgoing) - len(done)
    return result


@dataclass(frozen=True)
class Pending:
    """What the confirmation page shows: the record and the person's name."""

    consent: Consent
    person_name: str


def _parts(token: str) -> tuple[str, str]:
    match = TOKEN.match(token or "")
    if not match:
        raise NotFoundError.said(consent_ops.GONE)
    return match.group(1), _hash(match.group(2))


def open_link(store: Store, token: str) -> Pending:
    """The pending consent a link names, or :class:`NotFoundError` (one message for every
    reason: malformed, unknown, wrong secret, answered, expired). Changes nothing."""
    consent_id, secret_hash = _parts(token)
    rows = store.read("consent/read_pending", id=consent_id)
    if not rows or rows[0]["person"] is None:
        raise NotFoundError.said(consent_ops.GONE)
    if not consent_ops.usable(rows[0], secret_hash, today()):
        raise NotFoundError.said(consent_ops.GONE)
    return Pending(consent.from_store(rows[0]["consent"]), _name(rows[0]["person"]))


def answer(store: Store, token: str, *, confirm: bool) -> Consent:
    """The person confirms (or declines) through the link; see
    :func:`netzwerk.graph.operations.consent.answer_pending`."""
    consent_id, secret_hash = _parts(token)
    return consent_ops.answer_pending(
        store, consent_id, secret_hash, confirm=confirm, today=today()
    )
