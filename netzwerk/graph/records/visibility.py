"""Which fields of a record a reader without the contacts grant may see.

Persons are personal data; the DSGVO's data minimisation (Art. 5(1)(c)) asks that each
reader sees what their work needs. A viewer maps who works where: name, title, function and
the person's links. A viewer without the contacts grant does not need how to reach the
person (e-mail, phone), the person's consents and their legal basis (dates, sources: a
record about the person's own decisions), or free-text notes (which may say anything about
them). One table decides this for pages, forms, the API, the history and search alike.
Actors are organisations: their e-mail and phone are public contact points, not personal.
"""

from __future__ import annotations

from typing import Any

RESTRICTED: dict[str, tuple[str, ...]] = {
    "Person": (
        "email",
        "phone",
        "notes",
        "consent_contact",
        "consent_contact_date",
        "consent_contact_source",
        "consent_newsletter",
        "consent_newsletter_date",
        "consent_newsletter_source",
        "legal_basis",
    ),
}
"""Per label, the fields only readers with the contacts grant see."""


def restricted(label: str) -> tuple[str, ...]:
    """The fields of ``label`` hidden from readers without the contacts grant."""
    return RESTRICTED.get(label, ())


def redact(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``props`` without the fields a reader without the grant may not see."""
    hidden = restricted(label)
    return {k: v for k, v in props.items() if k not in hidden}
