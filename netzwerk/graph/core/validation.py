"""Validation of records before they reach the store.

Pure functions, so that the web forms, the JSON API and the importer share one set of rules
and tests need no database. A record is cleaned (surrounding white space stripped, Unicode
NFC-normalised so "ü" typed on a Mac and on Windows compare equal; names NFKC and without
invisible format characters) and then checked; all
problems are collected, so a form can show every message at its field at once.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeGuard

from netzwerk.graph.core.codec import field_kinds
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import (
    ACTOR_KINDS,
    COOPERATION_KINDS,
    INTENSITIES,
    LEGAL_BASES,
    LINK_TYPES,
    PROJECT_STATUSES,
    REGION_KINDS,
    SALUTATIONS,
    SPONSORSHIPS,
    Actor,
    Alliance,
    Link,
    N,
    Node,
    Person,
    Project,
    Region,
    Stage,
)
from netzwerk.graph.core.values import name_form

SHORT_MAX = 5_000
"""Names and other one-line fields; generous so no real name is ever cut."""
LONG_MAX = 50_000
"""Notes and descriptions."""
LONG_FIELDS = frozenset({"notes", "description", "note"})
NAME_FIELDS = frozenset({"name", "short_name", "title", "first_name", "last_name"})
"""Stored in their name form (:func:`netzwerk.graph.core.values.name_form`): what is
compared must be what is kept, or a pasted invisible character makes a look-alike."""
SOURCE_MAX = 500
"""Where a consent came from ("Formular Netzwerktreffen 2024"): the consent ledger keeps it
with the same limit, so a person saved here can always be recorded there."""
SHORT_LIMITS = {"consent_contact_source": SOURCE_MAX, "consent_newsletter_source": SOURCE_MAX}

FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "short_name": N_("Kurzname"),
    "kind": N_("Art"),
    "sponsorship": N_("Trägerschaft"),
    "sponsor": N_("Träger"),
    "street": N_("Straße"),
    "postcode": N_("PLZ"),
    "town": N_("Ort"),
    "website": N_("Webseite"),
    "email": N_("E-Mail"),
    "phone": N_("Telefon"),
    "notes": N_("Notizen"),
    "salutation": N_("Anrede"),
    "title": N_("Titel"),
    "first_name": N_("Vorname"),
    "last_name": N_("Nachname"),
    "function": N_("Funktion"),
    "description": N_("Beschreibung"),
    "founded": N_("Gründung"),
    "start": N_("Beginn"),
    "end": N_("Ende"),
    "funding_programme": N_("Förderprogramm"),
    "status": N_("Status"),
    "order": N_("Reihenfolge"),
    "consent_newsletter": N_("Einwilligung Newsletter"),
    "consent_newsletter_date": N_("Datum Einwilligung Newsletter"),
    "consent_newsletter_source": N_("Quelle Einwilligung Newsletter"),
    "consent_contact": N_("Einwilligung Kontakt"),
    "consent_contact_date": N_("Datum Einwilligung Kontakt"),
    "consent_contact_source": N_("Quelle Einwilligung Kontakt"),
    "legal_basis": N_("Rechtsgrundlage"),
    "role": N_("Rolle"),
    "intensity": N_("Intensität"),
    "since": N_("seit"),
    "until": N_("bis"),
    "source": N_("Quelle"),
    "note": N_("Notiz"),
    "from_id": N_("von"),
    "to_id": N_("zu"),
    "type": N_("Beziehungsart"),
    "id": N_("ID"),
    "survey": N_("Befragung"),
    "respondent": N_("Antwort von"),
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\r\n\t]")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")
_POSTCODE = re.compile(r"^(\d{5}|[A-Z]{1,2}-\d{4,5})$")
_PHONE = re.compile(r"^\+?[0-9 ()/.\-]{3,40}$")
_URL = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$", re.IGNORECASE)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")


def label(field_name: str) -> str:
    return FIELD_LABELS.get(field_name, field_name)


def clean_text(value: Any, *, multiline: bool = False) -> str:
    """Strip and NFC-normalise; ``None`` becomes the empty string."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text.replace("\r\n", "\n") if multiline else text


def is_valid_id(value: str) -> bool:
    """Ids are opaque, but restricting their alphabet keeps them safe in URLs and files."""
    return bool(_ID.match(value or ""))


def _check_text(errors: list[FieldError], name: str, value: str) -> None:
    multiline = name in LONG_FIELDS
    limit = LONG_MAX if multiline else SHORT_LIMITS.get(name, SHORT_MAX)
    if len(value) > limit:
        errors.append(FieldError(name, f"ist zu lang ({len(value)} Zeichen, höchstens {limit})"))
    if _CONTROL.search(value) or (not multiline and _LINE_BREAK.search(value)):
        errors.append(FieldError(name, "enthält unzulässige Steuerzeichen"))


def _require(errors: list[FieldError], name: str, value: str) -> None:
    if not value:
        errors.append(FieldError(name, "ist ein Pflichtfeld"))


def _choice(
    errors: list[FieldError],
    name: str,
    value: str,
    allowed: tuple[str, ...],
    *,
    optional: bool = True,
) -> None:
    if value == "" and optional:
        return
    if value not in allowed:
        errors.append(FieldError(name, f"muss einer dieser Werte sein: {', '.join(allowed)}"))


def _date_order(
    errors: list[FieldError], start_name: str, start: date | None, end_name: str, end: date | None
) -> None:
    if _is_date(start) and _is_date(end) and end < start:
        errors.append(FieldError(end_name, f"liegt vor „{label(start_name)}“"))


def _contact_fields(errors: list[FieldError], obj: Any) -> None:
    if obj.email and (len(obj.email) > 254 or not _EMAIL.match(obj.email)):
        errors.append(FieldError("email", "ist keine gültige E-Mail-Adresse"))
    if obj.phone and not _PHONE.match(obj.phone):
        errors.append(FieldError("phone", "ist keine gültige Telefonnummer"))


def _is_date(value: object) -> TypeGuard[date]:
    return isinstance(value, date) and not isinstance(value, datetime)


def _check_dates(errors: list[FieldError], obj: Any) -> None:
    """Date fields hold dates, not datetimes: a datetime compares with no date (a 500 in
    every page that filters by day), so it is refused here whatever path it took."""
    for name, kind in field_kinds(type(obj)).items():
        value = getattr(obj, name)
        if kind == "date" and value is not None and not _is_date(value):
            errors.append(FieldError(name, "ist kein gültiges Datum"))


def _clean_fields(obj: N) -> N:
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in Node.META:
            continue
        if isinstance(value, str) or (value is None and f.type in ("str",)):
            changes[f.name] = clean_text(value, multiline=f.name in LONG_FIELDS)
            if f.name in NAME_FIELDS:
                changes[f.name] = name_form(changes[f.name])
    return dataclasses.replace(obj, **changes)


def _validate_actor(errors: list[FieldError], obj: Actor) -> None:
    _choice(errors, "kind", obj.kind, ACTOR_KINDS, optional=False)
    _choice(errors, "sponsorship", obj.sponsorship, SPONSORSHIPS)
    _contact_fields(errors, obj)
    if obj.postcode and not _POSTCODE.match(obj.postcode):
        errors.append(
            FieldError(
                "postcode",
                "muss fünfstellig sein (z. B. 54290) oder ein Länderkürzel tragen (z. B. L-6630)",
            )
        )
    if obj.website and not _URL.match(obj.website):
        errors.append(FieldError("website", "muss mit http:// oder https:// beginnen"))


def _validate_project(errors: list[FieldError], obj: Project) -> None:
    _choice(errors, "status", obj.status, PROJECT_STATUSES, optional=False)
    _date_order(errors, "start", obj.start, "end", obj.end)


def _validate_region(errors: list[FieldError], obj: Region) -> None:
    _choice(errors, "kind", obj.kind, REGION_KINDS, optional=False)


def _validate_stage(errors: list[FieldError], obj: Stage) -> None:
    order = obj.order
    if not isinstance(order, int) or isinstance(order, bool) or not (1 <= order <= 99):
        errors.append(FieldError("order", "muss eine ganze Zahl von 1 bis 99 sein"))


def _validate_alliance(errors: list[FieldError], obj: Alliance) -> None:
    if _is_date(obj.founded) and obj.founded > date.today():
        errors.append(FieldError("founded", "liegt in der Zukunft"))


def validate_node(obj: N) -> N:
    """Return a cleaned copy of ``obj`` or raise :class:`ValidationError` naming each field."""
    obj = _clean_fields(obj)
    errors: list[FieldError] = []
    if obj.id and not is_valid_id(obj.id):
        errors.append(FieldError("id", "enthält unzulässige Zeichen"))
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str) and f.name not in Node.META:
            _check_text(errors, f.name, value)
    _check_dates(errors, obj)
    if not isinstance(obj, Person) and hasattr(obj, "name"):
        _require(errors, "name", obj.name)
    check = _BY_KIND.get(type(obj))
    if check is not None:
        check(errors, obj)
    if errors:
        raise ValidationError(errors)
    return obj


def _validate_person(errors: list[FieldError], p: Person) -> None:
    _require(errors, "last_name", p.last_name)
    _contact_fields(errors, p)
    _choice(errors, "legal_basis", p.legal_basis, LEGAL_BASES)
    _choice(errors, "salutation", p.salutation, SALUTATIONS)
    today = date.today()
    for purpose in ("newsletter", "contact"):
        given = getattr(p, f"consent_{purpose}")
        when = getattr(p, f"consent_{purpose}_date")
        if not isinstance(given, bool):
            errors.append(FieldError(f"consent_{purpose}", "muss ja oder nein sein"))
        if given and when is None:
            errors.append(
                FieldError(
                    f"consent_{purpose}_date", "ist anzugeben, wenn eine Einwilligung vorliegt"
                )
            )
        if _is_date(when) and when > today:
            errors.append(FieldError(f"consent_{purpose}_date", "liegt in der Zukunft"))


_BY_KIND: dict[type, Callable[[list[FieldError], Any], None]] = {
    Person: _validate_person,
    Actor: _validate_actor,
    Project: _validate_project,
    Region: _validate_region,
    Stage: _validate_stage,
    Alliance: _validate_alliance,
}


def validate_link(link: Link) -> Link:
    """Return a cleaned copy of ``link`` or raise :class:`ValidationError`."""
    errors: list[FieldError] = []
    spec = LINK_TYPES.get(link.type)
    if spec is None:
        raise ValidationError([FieldError("type", "ist keine bekannte Beziehungsart")])
    changes: dict[str, Any] = {
        name: clean_text(getattr(link, name), multiline=name in LONG_FIELDS)
        for name in ("function", "role", "kind", "source", "note", "from_id", "to_id")
    }
    link = dataclasses.replace(link, **changes)
    for name in ("from_id", "to_id"):
        if not is_valid_id(getattr(link, name)):
            errors.append(FieldError(name, "ist keine gültige ID"))
    for name in ("function", "role", "kind", "source", "note"):
        _check_text(errors, name, getattr(link, name))
    _check_dates(errors, link)
    _date_order(errors, "since", link.since, "until", link.until)
    if spec.type == "COOPERATES_WITH":
        _choice(errors, "kind", link.kind, COOPERATION_KINDS, optional=False)
        if link.intensity is not None and link.intensity not in INTENSITIES:
            errors.append(
                FieldError("intensity", "muss 1 (lose), 2 (regelmäßig) oder 3 (eng) sein")
            )
        if link.from_id == link.to_id:
            errors.append(FieldError("to_id", "Ein Akteur kann nicht mit sich selbst kooperieren"))
    if spec.type == "PART_OF" and link.from_id == link.to_id:
        errors.append(FieldError("to_id", "kann nicht Teil von sich selbst sein"))
    if errors:
        raise ValidationError(errors)
    return link


def parse_date(value: Any, field_name: str) -> date | None:
    """Accept ISO (2024-03-01) and German (01.03.2024) dates; empty means none."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            d, m, y = (int(x) for x in text.split("."))
            return date(y, m, d)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(
            [FieldError(field_name, "ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)")]
        ) from exc
