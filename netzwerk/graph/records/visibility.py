"""Which fields of a record a reader without the contacts grant may see.

Persons are personal data; the DSGVO's data minimisation (Art. 5(1)(c)) asks that each
reader sees what their work needs. A viewer maps who works where: name, title, function and
the person's links. A viewer without the contacts grant does not need how to reach the
person (e-mail, phone), the person's consents and their legal basis (dates, sources: a
record about the person's own decisions), or free-text notes (which may say anything about
them). The model's field table (``restricted``) decides this for pages, forms, the API, the
history and search alike.
Actors are organisations: their e-mail and phone are public contact points, not personal.

Persons belong to an organisation (their ``org``, and co-owners in ``co_orgs``): each office
is its own data controller, so a reader of one organisation never sees another's persons —
not on pages, in lists, search, exports, the workbook or the API. The reader's organisation
is set once per request (:func:`reading_as`, by the web layer from the logged-in user) and
every query that reads persons filters by it (:func:`reader`, the ``$reader`` parameter):
a person of another organisation is not found, not listed, not counted. The command line
and an instance admin read as the instance (``None``: every person).

Free text that others read (a cooperation's note, a partner suggestion's note) may hold what
the fields hide: "Ansprechpartnerin Eva, eva@…, 0651 …". For readers without the grant,
e-mail addresses and phone numbers in it are masked (:func:`mask_contacts`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from netzwerk.graph.core.fields import field_table
from netzwerk.graph.core.model import NODE_CLASSES, Link

RESTRICTED: dict[str, tuple[str, ...]] = {
    cls.LABEL: hidden
    for cls in NODE_CLASSES
    if (hidden := tuple(n for n, info in field_table(cls).items() if info.restricted))
}
"""Per label, the fields only readers with the contacts grant see."""


def restricted(label: str) -> tuple[str, ...]:
    """The fields of ``label`` hidden from readers without the contacts grant."""
    return RESTRICTED.get(label, ())


def redact(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``props`` without the fields a reader without the grant may not see."""
    hidden = restricted(label)
    return {k: v for k, v in props.items() if k not in hidden}


_READER: ContextVar[str | None] = ContextVar("netzwerk_reader", default=None)


def reader() -> str | None:
    """The organisation whose persons the current reader sees (None: every person)."""
    return _READER.get()


def set_reader(org: str | None) -> None:
    """Read as ``org`` from now on in this context (the web layer, once per request)."""
    _READER.set(org)


@contextmanager
def reading_as(org: str | None) -> Iterator[None]:
    """Read as ``org`` within the block (a share link reads as its creator's office)."""
    token = _READER.set(org)
    try:
        yield
    finally:
        _READER.reset(token)


FREE_TEXT: dict[str, tuple[str, ...]] = {"COOPERATES_WITH": ("note",)}
"""Per link type, the free-text fields shown masked to readers without the contacts grant."""
EMAIL_MASK = "[E-Mail verborgen]"
PHONE_MASK = "[Telefon verborgen]"
_STOP = r"\s@<>()\[\]\"',;:"
_EMAIL = re.compile(rf"[^{_STOP}]+@[^{_STOP}]+\.[^{_STOP}.]{{2,}}")
_PHONE = re.compile(r"(?<![\w.+])(?:\+|\(?0)[0-9 \t/().\-–]{4,}[0-9](?!\w)")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_PHONE_DIGITS = 6
"""A German phone number starts with 0 or +, has at least this many digits, and is no date."""


def _phone_or_keep(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(c.isdigit() for c in text)
    if digits < _PHONE_DIGITS or _DATE.fullmatch(text.strip("() ")):
        return text
    return PHONE_MASK


def mask_contacts(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced by a visible mark."""
    if not text or not ("@" in text or any(c.isdigit() for c in text)):
        return text
    return _PHONE.sub(_phone_or_keep, _EMAIL.sub(EMAIL_MASK, text))


def mask_link(link: Link) -> Link:
    """A copy of ``link`` with its free-text fields masked."""
    fields = FREE_TEXT.get(link.type, ())
    if not fields:
        return link
    masked: dict[str, Any] = {f: mask_contacts(getattr(link, f) or "") for f in fields}
    return dataclasses.replace(link, **masked)


def mask_values(changes: dict[str, Any]) -> dict[str, Any]:
    """A history entry's ``{field: [old, new]}`` with free-text values masked."""
    names = {f for fields in FREE_TEXT.values() for f in fields}
    return {
        k: [mask_contacts(x) if isinstance(x, str) else x for x in v]
        if k in names and isinstance(v, list)
        else v
        for k, v in changes.items()
    }
