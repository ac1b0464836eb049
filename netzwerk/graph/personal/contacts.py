"""Contact lists: which persons a filter selects, consent per purpose, dedupe, export log.

A contact export is personal data leaving the system, so three rules apply here rather than
in each caller (web page, CLI): every export names a *purpose* and keeps only persons whose
consent or legal basis covers it (DSGVO Art. 6), the same person appears once however many
matching actors or alliances lead to them, and every export is logged with the ids of the
persons it contained (so an Auskunft can say who received whose data). The export with its
log entry is one use case of the write path
(:func:`netzwerk.graph.operations.exports.export_contacts`), so no caller can forget the log.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from netzwerk.graph import formats
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import ACTOR_KINDS, DEFAULT_ORG
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.values import slug
from netzwerk.graph.formats import ContactRow
from netzwerk.graph.network.filters import ACROSS, ID_FIELDS, Filter
from netzwerk.graph.personal import consent
from netzwerk.graph.records import visibility

PURPOSES: dict[str, str] = {
    "contact": N_("Kontaktaufnahme (Netzwerkarbeit, Einladungen)"),
    "newsletter": N_("Newsletter / Rundschreiben / Serienbrief"),
}
"""Export purposes and their German titles; each has its own consent rule."""

REASONS: dict[str, str] = {
    "no_newsletter_consent": N_("keine Einwilligung in den Newsletter"),
    "no_contact_basis": N_(
        "weder Einwilligung zur Kontaktaufnahme noch Rechtsgrundlage „öffentliche Aufgabe“"
    ),
}
"""Why a person was left out of an export, in German."""


ContactFilter = Filter
"""The one filter (:class:`netzwerk.graph.network.filters.Filter`); ``function`` is matched
case-insensitively as a substring of the person's function or of the function at an
employer (so "leitung" finds "Schulleitung"); ``organisation`` keeps the persons working
at an office's partners, across the border those at actors with a current link to another
office's actor; ``as_of`` and ``target_group`` do not apply."""


def _select_params(flt: Filter) -> dict[str, Any]:
    """Parameters of ``contacts/select`` for a filter."""
    org = {
        "alliance": flt.alliance or None,
        "project": flt.project or None,
        "topic": flt.topic or None,
        "stage": flt.stage or None,
        "region": flt.region or None,
    }
    others = bool(
        flt.actor_kinds or org["topic"] or org["stage"] or org["region"] or flt.organisation
    )
    across = flt.organisation == ACROSS
    return {
        **org,
        "organisation": None if across or not flt.organisation else flt.organisation,
        "across": across,
        "default": DEFAULT_ORG,
        "kinds": list(flt.actor_kinds),
        "function": flt.function.strip().lower(),
        "actor_filters": others or bool(org["alliance"] or org["project"]),
        "only_org_filters": not others,
        "reader": visibility.reader(),
    }


def check_filter(flt: ContactFilter) -> ContactFilter:
    """Reject malformed filter values with German messages (ids are checked for shape only)."""
    errors: list[FieldError] = []
    id_shape = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")
    for name in ("alliance", "project", "topic", "stage", "region", "organisation"):
        value = getattr(flt, name)
        if value and not id_shape.match(value):
            errors.append(FieldError(name, N_("ist keine gültige Auswahl")))
    for kind in flt.actor_kinds:
        if kind not in ACTOR_KINDS:
            errors.append(
                FieldError.said(
                    "actor_kinds", N_("„%(value)s“ ist keine Akteursart"), value=kind[:50]
                )
            )
    if len(flt.function) > 200:
        errors.append(FieldError("function", N_("ist zu lang (höchstens 200 Zeichen)")))
    if errors:
        raise ValidationError(errors)
    return flt


@dataclass
class Selection:
    """The persons an export would contain, and who was left out for which reason."""

    purpose: str
    rows: list[ContactRow] = field(default_factory=list)
    matched: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    left_out_rows: list[tuple[ContactRow, str]] = field(default_factory=list)
    """Who was left out and the reason's key, so someone can ask them for their consent."""

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())

    def left_out_named(self) -> list[tuple[ContactRow, str]]:
        """(row, German reason) of everyone left out, by name."""
        rows = sorted(self.left_out_rows, key=lambda p: (p[0].last_name, p[0].first_name))
        return [(row, REASONS[key]) for row, key in rows]

    def reasons(self) -> list[tuple[str, int]]:
        """(German reason, count) for the page and CLI."""
        return [(REASONS[k], n) for k, n in self.left_out.items() if n]


def _consent_ok(person: dict[str, Any], purpose: str, today: date) -> str | None:
    """None if the purpose is covered (an expired consent is none), else the reason's key."""
    if consent.allowed(person, purpose, today):
        return None
    return "no_newsletter_consent" if purpose == "newsletter" else "no_contact_basis"


def _row(person: dict[str, Any], orgs: list[dict[str, Any]], functions: list[str]) -> ContactRow:
    address = (
        next((o for o in orgs if o.get("street")), None)
        or next((o for o in orgs if o.get("town")), None)
        or {}
    )
    names: list[str] = []
    for o in orgs:
        if o and o.get("name") and o["name"] not in names:
            names.append(o["name"])
    function = person.get("function") or ", ".join(dict.fromkeys(functions))
    return ContactRow(
        person_id=person["id"],
        title=person.get("title") or "",
        form_of_address=person.get("salutation") or "",
        first_name=person.get("first_name") or "",
        last_name=person.get("last_name") or "",
        function=function,
        organisations=names,
        email=person.get("email") or "",
        phone=person.get("phone") or "",
        street=address.get("street", ""),
        postcode=address.get("postcode", ""),
        town=address.get("town", ""),
    )


def _dedupe_key(row: ContactRow) -> tuple[str, str, str]:
    """Two person records with the same e-mail and name are the same human being."""
    return (row.email.strip().lower(), row.first_name.strip().lower(), row.last_name.lower())


def dedupe(rows: list[ContactRow]) -> tuple[list[ContactRow], int]:
    """Merge rows of the same person (same e-mail and name), joining their organisations.

    Rows without an e-mail are kept apart: a shared name alone is no proof of identity.
    """
    out: list[ContactRow] = []
    seen: dict[tuple[str, str, str], ContactRow] = {}
    merged = 0
    for row in rows:
        key = _dedupe_key(row)
        if key[0] and key in seen:
            first = seen[key]
            for org in row.organisations:
                if org not in first.organisations:
                    first.organisations.append(org)
            merged += 1
            continue
        if key[0]:
            seen[key] = row
        out.append(row)
    return out, merged


def select(
    store: Store, flt: ContactFilter, purpose: str, *, today: date | None = None
) -> Selection:
    """The contact list for ``flt`` and ``purpose``: one query, consent checked in Python."""
    if purpose not in PURPOSES:
        raise ValidationError([FieldError("purpose", N_("Bitte einen Zweck des Exports wählen"))])
    check_filter(flt)
    today = today or date.today()
    result = Selection(purpose=purpose, left_out={k: 0 for k in REASONS})
    rows: list[ContactRow] = []
    for rec in store.read("contacts/select", **_select_params(flt)):
        result.matched += 1
        reason = _consent_ok(rec["person"], purpose, today)
        if reason:
            result.left_out[reason] += 1
            row = _row(rec["person"], rec["orgs"], rec["functions"])
            result.left_out_rows.append((row, reason))
            continue
        rows.append(_row(rec["person"], rec["orgs"], rec["functions"]))
    result.rows, result.duplicates = dedupe(rows)
    return result


EXTENSIONS = {
    "csv": "csv",
    "xlsx": "xlsx",
    "ods": "ods",
    "vcf3": "vcf",
    "vcf4": "vcf",
    "serienbrief": "csv",
}
MIMETYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "vcf": "text/vcard",
}


def render(rows: list[ContactRow], fmt: str, *, delimiter: str = ";") -> bytes:
    """The file content of an export in format ``fmt`` (a key of ``formats.FORMATS``)."""
    if fmt == "csv":
        return formats.write_csv(rows, delimiter=delimiter)
    if fmt == "xlsx":
        return formats.write_xlsx(rows)
    if fmt == "ods":
        return formats.write_ods(rows)
    if fmt in ("vcf3", "vcf4"):
        return formats.write_vcards(rows, version="3.0" if fmt == "vcf3" else "4.0")
    if fmt == "serienbrief":
        return formats.write_mailmerge(rows, delimiter=delimiter)
    raise ValidationError([FieldError("format", N_("ist kein bekanntes Exportformat"))])


REFERENCES = ID_FIELDS
"""Filter fields that hold a record id (shown by the record's name)."""


def filter_names(store: Store, filters: list[dict[str, Any]]) -> dict[str, str]:
    """id → name of every record the given filters (``ContactFilter.describe()``) refer to."""
    ids = sorted({str(f[k]) for f in filters for k in REFERENCES if f.get(k)})
    if not ids:
        return {}
    return {r["id"]: r["name"] or r["id"] for r in store.read("contacts/names", ids=ids)}


def filename(
    fmt: str,
    purpose: str,
    flt: ContactFilter | None = None,
    names: dict[str, str] | None = None,
    now: datetime | None = None,
) -> str:
    """A file name that says what was exported and when, to the second, so a second
    download (another filter, or the same one later) never overwrites the first.

    >>> filename("xlsx", "contact", ContactFilter(alliance="a1", actor_kinds=("Schule",)),
    ...          {"a1": "MINT-Initiativkreis"}, datetime(2025, 3, 4, 9, 30, 5))
    'kontakte-kontakt-mint-initiativkreis-schule-2025-03-04-093005.xlsx'
    """
    now = now or datetime.now()
    stem = "serienbrief" if fmt == "serienbrief" else f"kontakte-{PURPOSE_SLUGS[purpose]}"
    described = (flt or ContactFilter()).describe()
    parts = []
    for key, value in described.items():
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            parts.append(slug((names or {}).get(str(v), str(v)) if key in REFERENCES else str(v)))
    what = "-".join(p for p in parts if p)[:80].strip("-")
    return f"{stem}{'-' + what if what else ''}-{now:%Y-%m-%d-%H%M%S}.{EXTENSIONS[fmt]}"


PURPOSE_SLUGS = {"contact": "kontakt", "newsletter": "newsletter"}


@dataclass
class ExportLogEntry:
    id: str
    at: datetime
    user: str
    purpose: str
    format: str
    filter: dict[str, Any]
    count: int
    left_out: int = 0

    @property
    def purpose_title(self) -> str:
        return PURPOSES.get(self.purpose, self.purpose)

    @property
    def format_title(self) -> str:
        return formats.FORMATS.get(self.format, self.format)


def entry_from_row(props: dict[str, Any]) -> ExportLogEntry:
    return ExportLogEntry(
        id=props["id"],
        at=props["at"],
        user=props["user"],
        purpose=props["purpose"],
        format=props["format"],
        filter=json.loads(props.get("filter") or "{}"),
        count=int(props.get("count") or 0),
        left_out=int(props.get("left_out") or 0),
    )


def check_format(fmt: str) -> None:
    """Refuse an unknown export format before anything is selected or logged."""
    if fmt not in formats.FORMATS:
        raise ValidationError([FieldError("format", N_("ist kein bekanntes Exportformat"))])


def export_log(
    store: Store, *, org: str | None = None, skip: int = 0, limit: int = 100
) -> tuple[list[ExportLogEntry], int]:
    """The newest exports (of the accounts of the organisation ``org``, if given)."""
    rows = store.read(
        "contacts/list_exports",
        org=org,
        default=DEFAULT_ORG,
        skip=max(0, skip),
        limit=min(max(1, limit), 1000),
    )
    total = rows[0]["total"] if rows else 0
    return [entry_from_row(r["log"]) for r in rows], total


def exports_of_person(store: Store, person_id: str) -> list[ExportLogEntry]:
    rows = store.read("contacts/exports_of_person", person_id=person_id)
    return [entry_from_row(r["log"]) for r in rows]
