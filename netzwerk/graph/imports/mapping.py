"""Which column holds which field: German and English header synonyms, and saved mappings.

Headers are compared after folding (lower case, umlauts spelled out, everything but letters
and digits removed), so "E-Mail", "e_mail" and "EMail" are one header. A mapping is a list
with one target field (or ``""`` = ignore) per column; a user's last confirmed mapping per
import kind is saved in Neo4j (``ImportMapping`` nodes keyed by user and kind, see
``cypher/imports/``) and wins over the synonyms for the headers it names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from netzwerk.graph.store import Store
from netzwerk.graph.validation import FIELD_LABELS

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

KINDS: dict[str, str] = {
    "actors": "Akteure (Organisationen)",
    "persons": "Personen (Kontakte)",
    "cooperations": "Kooperationen",
}

_IMPORT_ONLY_LABELS = {
    "full_name": "Name (Vor- und Nachname)",
    "organisation": "Organisation (Akteur)",
    "from_actor": "Akteur 1",
    "to_actor": "Akteur 2",
    "kind": "Art der Kooperation",
}
_FIELD_ORDER = {
    "actors": (
        "name",
        "short_name",
        "kind",
        "sponsorship",
        "street",
        "postcode",
        "town",
        "website",
        "email",
        "phone",
        "notes",
    ),
    "persons": (
        "title",
        "first_name",
        "last_name",
        "full_name",
        "function",
        "organisation",
        "email",
        "phone",
        "notes",
        "consent_newsletter",
        "consent_newsletter_date",
        "consent_newsletter_source",
        "consent_contact",
        "consent_contact_date",
        "consent_contact_source",
        "legal_basis",
    ),
    "cooperations": (
        "from_actor",
        "to_actor",
        "kind",
        "intensity",
        "since",
        "until",
        "source",
        "note",
    ),
}
FIELDS: dict[str, dict[str, str]] = {
    kind: {
        name: (
            _IMPORT_ONLY_LABELS[name]
            if name in _IMPORT_ONLY_LABELS and (kind == "cooperations" or name != "kind")
            else FIELD_LABELS[name]
        )
        for name in names
    }
    for kind, names in _FIELD_ORDER.items()
}
"""Target fields per import kind with their German labels (shown in the mapping step)."""

REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "actors": (("name",),),
    "persons": (("last_name", "full_name"),),
    "cooperations": (("from_actor",), ("to_actor",), ("kind",)),
}
"""Per kind, groups of fields of which at least one must be mapped."""

_SYN: dict[str, dict[str, tuple[str, ...]]] = {
    "actors": {
        "name": (
            "name",
            "einrichtung",
            "organisation",
            "organization",
            "institution",
            "akteur",
            "traeger",
            "firma",
            "unternehmen",
            "schule",
            "name der einrichtung",
            "actor",
            "bezeichnung",
            "organisationsname",
            "company",
        ),
        "short_name": ("kurzname", "kuerzel", "abkuerzung", "short name", "abbreviation"),
        "kind": ("art", "typ", "kategorie", "akteursart", "type", "kind", "category"),
        "sponsorship": ("traegerschaft", "sponsorship", "traegerart"),
        "street": (
            "strasse",
            "str",
            "adresse",
            "anschrift",
            "street",
            "address",
            "strasse und hausnummer",
            "strasse hausnummer",
        ),
        "postcode": ("plz", "postleitzahl", "postcode", "zip", "zip code", "postal code"),
        "town": ("ort", "stadt", "gemeinde", "town", "city", "wohnort", "plz ort"),
        "website": ("webseite", "website", "homepage", "internet", "url", "web"),
        "email": ("email", "e mail", "mail", "emailadresse", "e mail adresse"),
        "phone": ("telefon", "tel", "telefonnummer", "phone", "telephone", "fon"),
        "notes": (
            "notizen",
            "notiz",
            "bemerkung",
            "bemerkungen",
            "anmerkung",
            "notes",
            "kommentar",
            "comment",
        ),
    },
    "persons": {
        "title": ("titel", "title", "akademischer titel"),
        "first_name": ("vorname", "first name", "firstname", "given name", "rufname"),
        "last_name": (
            "nachname",
            "familienname",
            "last name",
            "lastname",
            "surname",
            "family name",
            "zuname",
        ),
        "full_name": (
            "name",
            "vollstaendiger name",
            "full name",
            "ansprechperson",
            "ansprechpartner",
            "ansprechpartnerin",
            "kontakt",
            "person",
        ),
        "function": (
            "funktion",
            "position",
            "rolle",
            "function",
            "job title",
            "role",
            "taetigkeit",
            "aufgabe",
        ),
        "organisation": (
            "organisation",
            "einrichtung",
            "institution",
            "akteur",
            "arbeitgeber",
            "organization",
            "company",
            "firma",
            "traeger",
            "schule",
        ),
        "email": ("email", "e mail", "mail", "emailadresse", "e mail adresse"),
        "phone": ("telefon", "tel", "telefonnummer", "phone", "telephone", "mobil", "handy"),
        "notes": ("notizen", "notiz", "bemerkung", "bemerkungen", "anmerkung", "notes"),
        "consent_newsletter": (
            "einwilligung newsletter",
            "newsletter",
            "consent newsletter",
            "newsletter einwilligung",
        ),
        "consent_newsletter_date": (
            "datum einwilligung newsletter",
            "newsletter datum",
            "consent newsletter date",
        ),
        "consent_newsletter_source": (
            "quelle einwilligung newsletter",
            "newsletter quelle",
            "consent newsletter source",
        ),
        "consent_contact": (
            "einwilligung kontakt",
            "kontakt einwilligung",
            "consent contact",
            "einwilligung",
        ),
        "consent_contact_date": (
            "datum einwilligung kontakt",
            "datum einwilligung",
            "consent contact date",
        ),
        "consent_contact_source": (
            "quelle einwilligung kontakt",
            "quelle einwilligung",
            "consent contact source",
        ),
        "legal_basis": ("rechtsgrundlage", "legal basis"),
    },
    "cooperations": {
        "from_actor": (
            "akteur 1",
            "akteur1",
            "partner 1",
            "partner1",
            "von",
            "from",
            "organisation 1",
            "einrichtung 1",
            "actor 1",
            "quelle akteur",
        ),
        "to_actor": (
            "akteur 2",
            "akteur2",
            "partner 2",
            "partner2",
            "zu",
            "mit",
            "to",
            "organisation 2",
            "einrichtung 2",
            "actor 2",
            "ziel akteur",
        ),
        "kind": ("art", "art der kooperation", "kooperationsart", "kind", "type", "typ"),
        "intensity": ("intensitaet", "intensity", "staerke"),
        "since": ("seit", "beginn", "start", "since", "von datum", "ab"),
        "until": ("bis", "ende", "end", "until"),
        "source": ("quelle", "herkunft", "source"),
        "note": ("notiz", "bemerkung", "note", "notes", "notizen"),
    },
}


@lru_cache(maxsize=200_000)
def fold(header: str) -> str:
    """Normalise a header or name for comparison: "E-Mail-Adresse" → "e mail adresse".

    Cached: the dry run folds every name several times (matching, duplicates, similarity).
    """
    text = header.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text))
        text = "".join(c for c in text if not unicodedata.combining(c))
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
            text = text.replace(a, b)
    return _NON_ALNUM.sub(" ", text).strip()


SYNONYMS: dict[str, dict[str, str]] = {
    kind: {fold(s): f for f, syns in fields.items() for s in syns} for kind, fields in _SYN.items()
}
"""Per kind: folded header → field."""


def detect_kind(headers: list[str]) -> str:
    """Guess what a file holds from its headers: cooperations, persons or actors."""
    folded = {fold(h) for h in headers}
    coop = SYNONYMS["cooperations"]
    if sum(1 for h in folded if coop.get(h) in ("from_actor", "to_actor")) >= 2:
        return "cooperations"
    persons = {SYNONYMS["persons"].get(h, "") for h in folded}
    if persons & {"first_name", "last_name", "legal_basis"} or any(
        p.startswith("consent_") for p in persons
    ):
        return "persons"
    if "full_name" in persons and {fold("ansprechperson"), fold("ansprechpartner")} & folded:
        return "persons"
    actor_names = [h for h in folded if SYNONYMS["actors"].get(h) == "name"]
    if len(actor_names) >= 2 and "name" in actor_names:
        return "persons"  # "Name" beside "Einrichtung": a person and where they work
    return "actors"


def guess(headers: list[str], kind: str, saved: dict[str, str] | None = None) -> list[str]:
    """One field (or "") per column; each field is used at most once (the first column wins)."""
    if kind not in FIELDS:
        raise ValueError(kind)
    saved = saved or {}
    out: list[str] = []
    used: set[str] = set()
    for h in headers:
        key = fold(h)
        target = saved.get(key)
        if target is None:
            target = SYNONYMS[kind].get(key, "")
        if target and (target in used or target not in FIELDS[kind]):
            target = ""
        if target:
            used.add(target)
        out.append(target)
    if kind == "persons" and "last_name" in used and "full_name" in used:
        # a "Name" column beside "Nachname" is more likely the organisation's name
        i = out.index("full_name")
        out[i] = "organisation" if "organisation" not in used else ""
    return out


def missing_required(kind: str, mapping: list[str]) -> list[str]:
    """German labels of required fields that no column is mapped to."""
    labels = FIELDS[kind]
    return [
        " oder ".join(labels[f] for f in group)
        for group in REQUIRED[kind]
        if not any(f in mapping for f in group)
    ]


def load_saved(store: Store, user: str, kind: str) -> dict[str, str]:
    """The user's saved mapping for ``kind``: folded header → field."""
    rows = store.read("imports/load_mapping", user=user, kind=kind)
    return json.loads(rows[0]["mapping"]) if rows else {}


def save(store: Store, user: str, kind: str, headers: list[str], mapping: list[str]) -> None:
    """Remember a confirmed mapping, merged with what was saved for other headers."""
    merged = load_saved(store, user, kind)
    for h, target in zip(headers, mapping, strict=False):
        if fold(h):
            merged[fold(h)] = target
    store.write(
        "imports/save_mapping",
        id=f"importmapping-{fold(user).replace(' ', '-')[:40]}-{kind}",
        user=user,
        kind=kind,
        mapping=json.dumps(merged, ensure_ascii=False),
    )
