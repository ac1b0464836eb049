"""Validation of records before they reach the store.

Pure functions, so that the web forms, the JSON API and the importer share one set of rules
and tests need no database. A record is cleaned (surrounding white space stripped, Unicode
NFC-normalised so "ü" typed on a Mac and on Windows compare equal; names NFKC and without
invisible format characters) and then checked; all
problems are collected, so a form can show every message at its field at once.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeGuard

from netzwerk.graph.core.codec import field_kinds
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.fields import FieldInfo, field_table
from netzwerk.graph.core.i18n import N_, Listed, Said
from netzwerk.graph.core.model import (
    DATA_CLASSES,
    LINK_TYPES,
    NODE_CLASSES,
    Actor,
    Alliance,
    Link,
    N,
    Node,
    Person,
    Project,
    Region,
)
from netzwerk.graph.core.values import name_form

NAME_FIELDS = frozenset({"name", "short_name", "title", "first_name", "last_name"})
"""Stored in their name form (:func:`netzwerk.graph.core.values.name_form`): what is
compared must be what is kept, or a pasted invisible character makes a look-alike."""
SOURCE_MAX = field_table(Person)["consent_contact_source"].max_length
"""Where a consent came from: the consent ledger keeps it with the same limit as the person."""


def _field_labels() -> dict[str, str]:
    """Every field's German label, from the model's field table (one label per name)."""
    labels: dict[str, str] = {}
    for cls in (*NODE_CLASSES, *DATA_CLASSES, Link):
        labels.update({name: info.label for name, info in field_table(cls).items()})
    return labels | {
        "from_id": N_("von"),
        "to_id": N_("zu"),
        "type": N_("Beziehungsart"),
        "id": N_("ID"),
        # The keys of a survey answer's history note: which survey, whose answer.
        "survey": N_("Befragung"),
        "respondent": N_("Antwort von"),
        # A survey's texts, changed after it was created.
        "intro": N_("Einleitung"),
        "consent_wording": N_("Wortlaut der Einwilligung"),
    }


FIELD_LABELS: dict[str, str] = _field_labels()
"""Field name → German label, for messages and tables that name a field of any kind."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\r\n\t]")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")
_POSTCODE = re.compile(r"^(\d{5}|[A-Z]{1,2}-\d{4,5})$")
_PHONE = re.compile(r"^\+?[0-9 ()/.\-]{3,40}$")
_AGS = re.compile(r"^\d{2,12}$")
_URL = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$", re.IGNORECASE)
ID_MAX = 128
"""Ids are at most this long (URLs, file names and the API's schema alike)."""
_ID = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_.:\-]{{0,{ID_MAX - 1}}}$")


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


def _check_text(errors: list[FieldError], name: str, value: str, info: FieldInfo) -> None:
    limit = info.max_length
    if len(value) > limit:
        errors.append(
            FieldError.said(
                name,
                N_("ist zu lang (%(n)s Zeichen, höchstens %(limit)s)"),
                n=len(value),
                limit=limit,
            )
        )
    if _CONTROL.search(value) or (not info.multiline and _LINE_BREAK.search(value)):
        errors.append(FieldError(name, N_("enthält unzulässige Steuerzeichen")))


def _require(errors: list[FieldError], name: str, value: str) -> None:
    if not value:
        errors.append(FieldError(name, N_("ist ein Pflichtfeld")))


def _choice(
    errors: list[FieldError],
    name: str,
    value: Any,
    info: FieldInfo,
) -> None:
    if value in ("", None) and not info.required:
        return
    if value in info.choices:
        return
    # the values and labels are vocabulary the pages say in the reader's language
    if info.choice_labels:
        named = [
            Said(N_("%(value)s (%(label)s)"), value=v, label=lab)
            for v, lab in zip(info.choices, info.choice_labels, strict=True)
        ]
        listed = Listed(named, last=N_("oder"))
        errors.append(FieldError.said(name, N_("muss %(listed)s sein"), listed=listed))
    else:
        values = Listed(str(v) for v in info.choices)
        errors.append(
            FieldError.said(name, N_("muss einer dieser Werte sein: %(values)s"), values=values)
        )


def _date_order(
    errors: list[FieldError], start_name: str, start: date | None, end_name: str, end: date | None
) -> None:
    if _is_date(start) and _is_date(end) and end < start:
        errors.append(
            FieldError.said(end_name, N_("liegt vor „%(label)s“"), label=label(start_name))
        )


def _check_format(errors: list[FieldError], name: str, value: str, info: FieldInfo) -> None:
    """E-mail, phone and web address by their widget, wherever such a field is declared."""
    if not value:
        return
    if info.widget == "email" and not _EMAIL.match(value):
        errors.append(FieldError(name, N_("ist keine gültige E-Mail-Adresse")))
    elif info.widget == "tel" and not _PHONE.match(value):
        errors.append(FieldError(name, N_("ist keine gültige Telefonnummer")))
    elif info.widget == "url" and not _URL.match(value):
        errors.append(FieldError(name, N_("muss mit http:// oder https:// beginnen")))


def _check_int(errors: list[FieldError], name: str, value: Any, info: FieldInfo) -> None:
    low, high = info.minimum, info.maximum
    if value is None and not info.required:
        return
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or (low is not None and value < low)
        or (high is not None and value > high)
    ):
        errors.append(
            FieldError.said(
                name, N_("muss eine ganze Zahl von %(low)s bis %(high)s sein"), low=low, high=high
            )
        )


def _check_decimal(errors: list[FieldError], name: str, value: Any, info: FieldInfo) -> None:
    if value is None and not info.required:
        return
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        errors.append(FieldError(name, N_("muss eine Zahl sein")))


def _check_field(errors: list[FieldError], name: str, value: Any, info: FieldInfo) -> None:
    """The rules the field table states: length, required, choices, format, range."""
    if isinstance(value, str) and value:  # an empty text is never too long nor malformed
        _check_text(errors, name, value, info)
        _check_format(errors, name, value, info)
    if info.widget == "select" and info.choices:
        _choice(errors, name, value, info)
    elif info.widget == "int":
        _check_int(errors, name, value, info)
    elif info.widget == "decimal":
        _check_decimal(errors, name, value, info)
    elif info.required and info.widget != "bool" and not value:
        _require(errors, name, value)


def _is_date(value: object) -> TypeGuard[date]:
    return isinstance(value, date) and not isinstance(value, datetime)


def _check_dates(errors: list[FieldError], obj: Any) -> None:
    """Date fields hold dates, not datetimes: a datetime compares with no date (a 500 in
    every page that filters by day), so it is refused here whatever path it took."""
    for name, kind in field_kinds(type(obj)).items():
        value = getattr(obj, name)
        if kind == "date" and value is not None and not _is_date(value):
            errors.append(FieldError(name, N_("ist kein gültiges Datum")))


def _clean_fields(obj: N) -> N:
    changes: dict[str, Any] = {}
    cls: type = type(obj)  # Hashable for the cache
    for name, multiline, is_name, text_typed in _text_plan(cls):
        value = getattr(obj, name)
        if isinstance(value, str) or (value is None and text_typed):
            cleaned = clean_text(value, multiline=multiline) if value else ""
            if is_name and cleaned:
                cleaned = name_form(cleaned)
            if cleaned is not value:
                changes[name] = cleaned
    return dataclasses.replace(obj, **changes) if changes else obj


@functools.cache
def _text_plan(cls: type) -> tuple[tuple[str, bool, bool, bool], ...]:
    """Per class, the fields :func:`_clean_fields` may clean: name, multiline, stored in its
    name form, typed ``str`` (None becomes ""). An import validates 10,000 records; asking
    each record's field list and table anew was a third of its dry run."""
    table = field_table(cls)
    return tuple(
        (
            f.name,
            (info := table.get(f.name)) is not None and info.multiline,
            f.name in NAME_FIELDS,
            f.type in ("str",),
        )
        for f in dataclasses.fields(cls)
        if f.name not in Node.META
    )


def _validate_actor(errors: list[FieldError], obj: Actor) -> None:
    if obj.postcode and not _POSTCODE.match(obj.postcode):
        errors.append(
            FieldError(
                "postcode",
                N_(
                    "muss fünfstellig sein (z. B. 54290) oder ein Länderkürzel tragen (z. "
                    "B. L-6630)"
                ),
            )
        )


def _validate_region(errors: list[FieldError], obj: Region) -> None:
    if obj.ags and not _AGS.match(obj.ags):
        errors.append(
            FieldError("ags", N_("muss aus 2 bis 12 Ziffern bestehen (z. B. 07211000 für Trier)"))
        )


def _validate_project(errors: list[FieldError], obj: Project) -> None:
    _date_order(errors, "start", obj.start, "end", obj.end)


def _validate_alliance(errors: list[FieldError], obj: Alliance) -> None:
    if _is_date(obj.founded) and obj.founded > date.today():
        errors.append(FieldError("founded", N_("liegt in der Zukunft")))


def validate_node(obj: N) -> N:
    """Return a cleaned copy of ``obj`` or raise :class:`ValidationError` naming each field."""
    obj = _clean_fields(obj)
    errors: list[FieldError] = []
    if obj.id and not is_valid_id(obj.id):
        errors.append(FieldError("id", N_("enthält unzulässige Zeichen")))
    for name, info in field_table(type(obj)).items():
        _check_field(errors, name, getattr(obj, name), info)
    _check_dates(errors, obj)
    check = _BY_KIND.get(type(obj))
    if check is not None:
        check(errors, obj)
    if errors:
        raise ValidationError(errors)
    return obj


def _validate_person(errors: list[FieldError], p: Person) -> None:
    today = date.today()
    for purpose in ("newsletter", "contact"):
        given = getattr(p, f"consent_{purpose}")
        when = getattr(p, f"consent_{purpose}_date")
        if not isinstance(given, bool):
            errors.append(FieldError(f"consent_{purpose}", N_("muss ja oder nein sein")))
        if given and when is None:
            errors.append(
                FieldError(
                    f"consent_{purpose}_date", N_("ist anzugeben, wenn eine Einwilligung vorliegt")
                )
            )
        if _is_date(when) and when > today:
            errors.append(FieldError(f"consent_{purpose}_date", N_("liegt in der Zukunft")))


_BY_KIND: dict[type, Callable[[list[FieldError], Any], None]] = {
    Person: _validate_person,
    Actor: _validate_actor,
    Project: _validate_project,
    Alliance: _validate_alliance,
    Region: _validate_region,
}


def validate_link(link: Link) -> Link:
    """Return a cleaned copy of ``link`` or raise :class:`ValidationError`."""
    errors: list[FieldError] = []
    spec = LINK_TYPES.get(link.type)
    if spec is None:
        raise ValidationError([FieldError("type", N_("ist keine bekannte Beziehungsart"))])
    table = field_table(Link)
    changes: dict[str, Any] = {
        name: clean_text(getattr(link, name), multiline=info.multiline)
        for name, info in table.items()
        if info.widget not in ("date", "select")
    }
    changes.update(from_id=clean_text(link.from_id), to_id=clean_text(link.to_id))
    link = dataclasses.replace(link, **changes)
    for name in ("from_id", "to_id"):
        if not is_valid_id(getattr(link, name)):
            errors.append(FieldError(name, N_("ist keine gültige ID")))
    for name, info in table.items():
        value = getattr(link, name)
        if isinstance(value, str):
            _check_text(errors, name, value, info)
    _check_dates(errors, link)
    _date_order(errors, "since", link.since, "until", link.until)
    for name, info in spec.field_table().items():
        # The link's own choices bind (intensity); those a type offers its form bind only where
        # it requires the field: imports and surveys bring roles of their own ("Sprecherin").
        if info.widget == "select" and (info.required or table[name].choices):
            _choice(errors, name, getattr(link, name), info)
    if spec.type == "COOPERATES_WITH" and link.from_id == link.to_id:
        errors.append(FieldError("to_id", N_("Ein Akteur kann nicht mit sich selbst kooperieren")))
    if spec.type == "PART_OF" and link.from_id == link.to_id:
        errors.append(FieldError("to_id", N_("kann nicht Teil von sich selbst sein")))
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
            [FieldError(field_name, N_("ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)"))]
        ) from exc
