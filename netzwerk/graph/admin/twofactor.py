"""The second factor: time-based one-time passwords (TOTP, RFC 6238) and backup codes.

An authenticator app (FreeOTP, Aegis, Microsoft/Google Authenticator …) and netzwerk share
a random secret; both derive a six-digit code from it and the current 30-second time step.
A code is accepted for the step before and after the current one (clocks drift), and never
twice (:func:`netzwerk.graph.admin.users.use_code` remembers the step). Ten backup codes,
shown once and stored only as hashes, open the account when the phone is lost; each works
once. Which accounts must use a second factor is the office's policy (:data:`POLICIES`).

References
----------
.. [1] M'Raihi, D. et al. (2011). TOTP: Time-Based One-Time Password Algorithm. RFC 6238.
"""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp

from netzwerk.graph.admin import users
from netzwerk.graph.admin.users import User
from netzwerk.graph.core.store import Store

ISSUER = "netzwerk"
POLICIES = ("none", "admins", "everyone")
"""Who must set up a second factor: nobody (each may), admins, or every account."""
BACKUP_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str, issuer: str = ISSUER) -> str:
    """The ``otpauth://`` address an authenticator app reads (as a QR code or a link)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _digits(code: str) -> str:
    return "".join(c for c in code if not c.isspace())


def _step(secret: str, code: str, now: float) -> int:
    """The time step ``code`` belongs to (one step of drift either way), or 0."""
    totp = pyotp.TOTP(secret)
    code = _digits(code)
    if len(code) != totp.digits or not code.isdigit():
        return 0
    for drift in (0, -1, 1):
        at = now + drift * totp.interval
        if secrets.compare_digest(totp.at(at), code):
            return int(at // totp.interval)
    return 0


def step_of(secret: str, code: str, now: float | None = None) -> int:
    """The time step of ``code`` if it is a current code of ``secret``, else 0 (setting the
    factor up: the step is remembered, so the same code cannot log in afterwards)."""
    return _step(secret, code, time.time() if now is None else now) if secret else 0


def new_backup_codes(n: int = BACKUP_CODES) -> list[str]:
    """``n`` codes of ten characters (about 49 bits each), written ``xxxxx-xxxxx``."""
    raw = ("".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(n))
    return [f"{c[:5]}-{c[5:]}" for c in raw]


def code_hash(code: str) -> str:
    """The stored form of a backup code (case, spaces and dashes do not matter).

    Backup codes are random, not chosen by people, so a fast hash is enough.
    """
    normal = "".join(c for c in code.lower() if c.isalnum())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def verify(store: Store, account: User, code: str, now: float | None = None) -> bool:
    """Accept a TOTP code or a backup code of ``account``, each only once."""
    if not account.two_factor or not code or len(code) > 64:
        return False
    step = _step(account.totp_secret, code, time.time() if now is None else now)
    if step:
        return users.use_code(store, account.id, step=step)
    hashed = code_hash(code)
    if any(secrets.compare_digest(hashed, h) for h in account.backup_codes):
        return users.use_code(store, account.id, used=hashed)
    return False


def required(policy: str, account: User) -> bool:
    """Whether the office's policy makes ``account`` set up a second factor."""
    if policy == "everyone":
        return True
    return policy == "admins" and account.role == "admin"
