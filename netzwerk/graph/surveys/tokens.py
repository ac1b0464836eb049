"""Personal survey links: unguessable, stored only as a hash, compared in constant time.

A link is ``<invite id>.<secret>``: the id finds the invitation, the 256-bit secret
(:func:`secrets.token_urlsafe`) proves the holder got it from us. Only the secret's SHA-256
is stored — a fast hash is enough for a random 256-bit value (no dictionary to try), and a
stolen backup then holds no usable link. The comparison uses :func:`hmac.compare_digest`, and
an unknown id is compared against a dummy hash, so timing tells nothing about which ids exist.
A link works while its survey is open and not past its closing date, and until it is revoked
or renewed (a new secret replaces the old hash).

The secret is *derived*, not drawn: ``HMAC-SHA256(link key, invite id, generation)``. The link
key lives outside the database (``NETZWERK_LINK_KEY``, else a file readable only by the owner
in the instance folder), so the same link can be shown again for a second download, another
format, a mail or a reminder — without ever re-issuing it as a side effect — while a stolen
database backup still holds only hashes. Renewing is an explicit step that raises the
invitation's generation. A derived secret is checked against the stored hash before it is
handed out, so a lost or changed key never produces a link that would not open.

References
----------
.. [1] OWASP Cheat Sheet "Forgot Password": random tokens of at least 128 bits, stored hashed,
   single purpose, expiring.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from netzwerk import settings

SECRET_BYTES = 32
_TOKEN = re.compile(r"^(inv-[0-9a-f]{20})\.([A-Za-z0-9_-]{43})$")
_DUMMY = hashlib.sha256(b"netzwerk-no-such-invite").hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


KEY_FILE = "survey-links.key"


def _key_file() -> Path:
    return settings.instance_dir() / KEY_FILE


def link_key() -> bytes:
    """The key links are derived from: ``NETZWERK_LINK_KEY`` (several servers share it), else
    the instance's key file, created once (owner-only) on first use."""
    configured = os.environ.get("NETZWERK_LINK_KEY", "").strip()
    if configured:
        return configured.encode("utf-8")
    path = _key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first: read theirs
        else:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip().encode("ascii")


def derive(invite_id: str, generation: int, key: bytes | None = None) -> str:
    """The secret of one invitation in one generation (43 URL-safe characters, 256 bits)."""
    mac = hmac.new(key or link_key(), f"{invite_id}:{generation}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).decode("ascii").rstrip("=")


def new_invite_id() -> str:
    return f"inv-{secrets.token_hex(10)}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def make(invite_id: str, secret: str) -> str:
    return f"{invite_id}.{secret}"


@dataclass(frozen=True)
class Parsed:
    invite_id: str
    secret: str


def parse(token: str) -> Parsed | None:
    """The parts of a well-formed link token, or ``None`` (anything else is refused early)."""
    match = _TOKEN.match(token or "") if len(token or "") < 200 else None
    return Parsed(match.group(1), match.group(2)) if match else None


def matches(secret: str, stored_hash: str | None) -> bool:
    """Constant-time check of a secret against the stored hash (a dummy when there is none)."""
    ok = hmac.compare_digest(digest(secret), stored_hash or _DUMMY)
    return ok and bool(stored_hash)
