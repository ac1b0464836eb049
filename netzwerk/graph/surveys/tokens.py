"""Personal survey links: unguessable, stored only as a hash, compared in constant time.

A link is ``<invite id>.<secret>``: the id finds the invitation, the 256-bit secret
(:func:`secrets.token_urlsafe`) proves the holder got it from us. Only the secret's SHA-256
is stored — a fast hash is enough for a random 256-bit value (no dictionary to try), and a
stolen backup then holds no usable link. The comparison uses :func:`hmac.compare_digest`, and
an unknown id is compared against a dummy hash, so timing tells nothing about which ids exist.
A link works while its survey is open and not past its closing date, and until it is revoked
or reissued (a new secret replaces the old hash).

References
----------
.. [1] OWASP Cheat Sheet "Forgot Password": random tokens of at least 128 bits, stored hashed,
   single purpose, expiring.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

SECRET_BYTES = 32
_TOKEN = re.compile(r"^(inv-[0-9a-f]{20})\.([A-Za-z0-9_-]{43})$")
_DUMMY = hashlib.sha256(b"netzwerk-no-such-invite").hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


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
