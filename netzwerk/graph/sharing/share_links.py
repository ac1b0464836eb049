"""Read-only share links of saved views and presentations, for people without an account.

A link is ``<id>.<secret>``: the id finds the link, the secret proves the holder got it
from the network manager. Only a SHA-256 hash of the secret is stored and it is compared in
constant time (``hmac.compare_digest``), so a copy of the database or a timing
measurement does not reveal working links. Links expire (at most a year), can be revoked,
and may carry a password (stored as a salted scrypt hash). Every password attempt is claimed
under the link's lock before the password is checked (``cypher/views/link_claim``), so
parallel guesses are all counted; wrong ones lock the guessing client for a growing time
(after :data:`FREE_TRIES`), and the link for everyone only after :data:`LINK_FREE_TRIES`
(guessing from many addresses), so one client cannot lock the real audience out. Clients
are stored as a hash of link id and address, never the address itself. What a shared page
shows is decided by the web layer: organisations and cooperations, never persons or
contact data. A link points at one saved view (``view_id``) or at one presentation
(``presentation_id``); a presentation's link shows each slide's view under the same rules.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from werkzeug.security import check_password_hash, generate_password_hash

from netzwerk.graph.core.codec import from_store
from netzwerk.graph.core.errors import FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.core.store import Store
from netzwerk.graph.sharing.saved_views import SavedView, view_from_row

MAX_DAYS = 366
FREE_TRIES = 5
LINK_FREE_TRIES = 50
TOKEN = re.compile(r"^(share-[0-9a-f]{16})\.([A-Za-z0-9_-]{20,64})$")
_DUMMY_HASH = generate_password_hash("netzwerk-share-dummy")
GONE = N_("Dieser Link ist ungültig, abgelaufen oder zurückgezogen.")


class ThrottledError(Exception):
    """Too many wrong passwords: try again after ``seconds``."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        super().__init__(
            f"Zu viele falsche Passwörter. Bitte in {seconds} Sekunden erneut versuchen."
        )


@dataclass(frozen=True)
class ShareLink:
    id: str
    view_id: str
    created_by: str
    expires: datetime
    label: str = ""
    revoked: bool = False
    has_password: bool = False
    created: datetime | None = None
    view_name: str = ""
    """The name of what the link shows (the view's or the presentation's)."""
    presentation_id: str = ""

    def active(self, now: datetime | None = None) -> bool:
        return not self.revoked and (now or datetime.now(UTC)) < self.expires


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_from_row(row: dict[str, Any], view_name: str = "") -> ShareLink:
    return ShareLink(
        id=row["id"],
        view_id=row.get("view_id") or "",
        created_by=row.get("created_by") or "",
        expires=row["expires"],
        label=row.get("label") or "",
        revoked=bool(row.get("revoked")),
        has_password=bool(row.get("password_hash")),
        created=row.get("created"),
        view_name=view_name,
        presentation_id=row.get("presentation_id") or "",
    )


def new_link(
    target: SavedView | Presentation,
    *,
    user: str,
    days: int,
    password: str = "",
    label: str = "",
) -> tuple[str, str, dict[str, Any]]:
    """A checked new link of ``target`` (a view or a presentation): its id, its secret
    (shown only once) and the properties to store (only the secret's hash). Writes
    nothing: the write path (:func:`netzwerk.graph.operations.sharing.create_share_link`)
    stores it."""
    errors = []
    if not 1 <= days <= MAX_DAYS:
        errors.append(
            FieldError.said("days", N_("Gültigkeit: 1 bis %(max_days)s Tage."), max_days=MAX_DAYS)
        )
    if password and not 8 <= len(password) <= 200:
        errors.append(FieldError("password", N_("Das Passwort braucht 8 bis 200 Zeichen.")))
    if len(label) > 120:
        errors.append(FieldError("label", N_("Die Notiz ist zu lang (höchstens 120 Zeichen).")))
    if errors:
        raise ValidationError(errors)
    link_id = f"share-{uuid.uuid4().hex[:16]}"
    secret = secrets.token_urlsafe(24)
    kind = "presentation_id" if isinstance(target, Presentation) else "view_id"
    props = {
        kind: target.id,
        "secret_hash": _hash(secret),
        "password_hash": generate_password_hash(password) if password else "",
        "created_by": user,
        "expires": datetime.now(UTC) + timedelta(days=days),
        "label": " ".join(label.split()),
    }
    return link_id, secret, props


def links(store: Store, target_id: str | None = None) -> list[ShareLink]:
    """Share links, newest first: all of them or those of one view or presentation."""
    rows = store.read("views/link_list", target_id=target_id)
    return [link_from_row(r["link"], r["view_name"] or "") for r in rows]


def resolve(store: Store, token: str) -> tuple[ShareLink, SavedView | Presentation]:
    """The link and the view or presentation a token opens; NotFoundError (one message
    for every reason) if the token is malformed, unknown, wrong, expired or revoked, or
    what it shows is gone."""
    match = TOKEN.match(token or "")
    rows = store.read("views/link_get", id=match.group(1)) if match else []
    stored = rows[0]["link"].get("secret_hash", "") if rows else ""
    given = _hash(match.group(2)) if match else ""
    # compare even when nothing was found, so a miss takes as long as a wrong secret
    same = hmac.compare_digest(stored or "0" * 64, given or "1" * 64)
    target = (rows[0]["view"] or rows[0]["presentation"]) if rows else None
    if not (rows and same and target):
        raise NotFoundError.said(GONE)
    link = link_from_row(rows[0]["link"], target.get("name", ""))
    if not link.active():
        raise NotFoundError.said(GONE)
    if rows[0]["view"]:
        return link, view_from_row(rows[0]["view"])
    return link, from_store(Presentation, target)


def attempt_id(link: ShareLink, client: str) -> str:
    """The key under which a client's password attempts on ``link`` are counted."""
    digest = hashlib.sha256(f"{link.id}\x00{client}".encode()).hexdigest()[:32]
    return f"{link.id}:{digest}"


def password_matches(row: dict[str, Any], password: str) -> bool:
    """Whether ``password`` opens the link of a claimed attempt (``views/link_claim``);
    raises ThrottledError while the client or the link is locked (the password is then not
    even checked). The attempt is counted by
    :func:`netzwerk.graph.operations.sharing.check_share_password`."""
    if not row["allowed"]:
        locked = row["locked_until"]
        seconds = (locked - datetime.now(UTC)).total_seconds() if locked else 1
        raise ThrottledError(max(1, int(seconds) + 1))
    stored = row["password_hash"] or ""
    return check_password_hash(stored or _DUMMY_HASH, password or "") and bool(stored)
