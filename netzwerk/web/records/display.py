"""Template helpers: field titles, record URLs and history values as readers expect them."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.graph.records import history
from netzwerk.web import forms, locale_format
from netzwerk.web.kinds import BY_LABEL, record_url
from netzwerk.web.records.blueprint import bp


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    """Template helpers: field titles (translated) and record URLs."""
    extra = {
        "updated": _l("zuletzt geändert"),
        "created": _l("angelegt"),
        "link": _l("Verknüpfung"),
        "merged_from": _l("übernommen aus"),
        "merged_into": _l("zusammengeführt in"),
        "links_moved": _l("Verknüpfungen übernommen"),
        "links_already_present": _l("Verknüpfungen schon vorhanden"),
        "links_removed": _l("Verknüpfungen entfernt"),
        "links_restored": _l("Verknüpfungen wiederhergestellt"),
        "restored": _l("wiederhergestellt"),
        "trash": _l("Papierkorb"),
        "deleted_with": _l("gelöscht zusammen mit"),
        "links_not_restored": _l("Verknüpfungen nicht wiederhergestellt"),
        "suggestions_restored": _l("Partnervorschläge in Bearbeitung wiederhergestellt"),
        "suggestions_moved": _l("Partnervorschläge in Bearbeitung übernommen"),
        "import_undone": _l("Import rückgängig gemacht"),
        "history_redacted": _l("Verlaufseinträge unkenntlich gemacht"),
        "trash_removed": _l("aus dem Papierkorb entfernt"),
        "exports_swept": _l("Exportprotokolle bereinigt"),
        "consents_removed": _l("Einwilligungen gelöscht"),
        "survey_data_removed": _l("Befragungsdaten gelöscht"),
        "free_text_swept": _l("Freitexte bereinigt"),
        "removed": _l("Datensätze entfernt"),
        "reverted": _l("Datensätze zurückgesetzt"),
        "kept": _l("beibehalten (von anderen inzwischen geändert)"),
        "survey": _l("Befragung"),
        "respondent": _l("Antwort von"),
        "consent_pending": _l("Einwilligung ausstehend"),
        "consent_review": _l("Löschkonzept geprüft"),
        "snapshot": _l("Sicherungskopie"),
        "rows": _l("Zeilen"),
        "links_created": _l("Verbindungen neu"),
        "links_updated": _l("Verbindungen geändert"),
        "conflicts": _l("Konflikte"),
        "skipped_rows": _l("Zeilen übersprungen"),
        "org": _l("gehört der Organisation (nicht geändert)"),
        "proposal": _l("Vorschlag"),
        "proposed_by": _l("vorgeschlagen von"),
    }

    def field_label(label: str, name: str) -> Any:
        for specs in (forms.NODE_FIELDS.get(label, ()), *forms.NODE_FIELDS.values()):
            for spec in specs:
                if spec.name == name:
                    return spec.label
        for specs in forms.LINK_FIELDS.values():
            for spec in specs:
                if spec.name == name:
                    return spec.label
        # a model label (marked N_ where declared) said in the reader's language
        return extra.get(name) or _(validation.label(name))

    return {
        "field_label": field_label,
        "record_url": record_url,
        "BY_LABEL": BY_LABEL,
        "link_title": history.link_title,
        "history_value": history_value,
        "history_sentence": history_sentence,
        "record_title": record_title,
        "entry_url": entry_url,
    }


FIXED_NAMES = {
    history.ERASED: _l("[gelöscht]"),
    "Import rückgängig gemacht": _l("Import rückgängig gemacht"),
    history.ERASED_PERSON: _l(history.ERASED_PERSON),
    history.OTHER_PERSON: _l(history.OTHER_PERSON),
}
"""Record names the write path sets itself (not a user's text), translated when shown."""


def entry_url(c: history.Change) -> str:
    """Where the record of an entry is shown: its page, or for an import's summary the
    changeset's page; empty when there is none (a deleted kind, an account)."""
    if c.label == "Import":
        return url_for("changesets.detail", cs_id=c.record_id)
    url = record_url(c.label, c.record_id)
    return "" if url == "#" else url


def record_title(c: history.Change) -> str:
    """The name of the record an entry is about, as the page's language says it."""
    fixed = FIXED_NAMES.get(c.record_name)
    return str(fixed) if fixed is not None else c.record_name


LINK_PHRASES: dict[str, Any] = {
    "WORKS_AT": _l("%(subject)s arbeitet bei %(object)s"),
    "MEMBER_OF": _l("%(subject)s ist Mitglied in %(object)s"),
    "PARTICIPATES_IN": _l("%(subject)s ist beteiligt an %(object)s"),
    "COOPERATES_WITH": _l("%(subject)s kooperiert mit %(object)s"),
    "CONTACT_FOR": _l("%(subject)s ist Ansprechperson für %(object)s"),
    "PART_OF": _l("%(subject)s gehört zu %(object)s"),
    "WORKS_ON": _l("%(subject)s arbeitet zum Thema %(object)s"),
    "COVERS": _l("%(subject)s deckt die Bildungsstufe %(object)s ab"),
    "SERVES": _l("%(subject)s richtet sich an %(object)s"),
    "LOCATED_IN": _l("%(subject)s hat den Sitz in %(object)s"),
    "ACTIVE_IN": _l("%(subject)s ist aktiv in %(object)s"),
}
"""A relationship as a whole sentence, subject · verb · object: each language orders its
own words (the German particle of "deckt … ab" follows the object)."""


def _named(name: str, url: str) -> Markup:
    """A record's name, linked to its page where it has one (the name is escaped)."""
    if url and url != "#":
        return Markup('<a href="{}">{}</a>').format(url, name)
    return Markup("{}").format(name)


def history_sentence(c: history.Change) -> Markup | None:
    """The link of ``c`` as "Leseclub Trier-Nord ist Mitglied in Trierer Bündnis", whichever
    end's history shows it; ``None`` for an entry that is not about a link.

    An entry on the link's target end names the target as its record and the source as the
    other end, so the two are swapped back here: the sentence reads the same on both pages.
    """
    link = c.link
    if not link:
        return None
    here = _named(record_title(c), entry_url(c))
    other_label, other_id = str(link.get("other_label", "")), str(link.get("other", ""))
    if c.other_name in (ERASED_NAME, history.OTHER_PERSON):  # nothing to link to
        there = _named(str(_(c.other_name)), "")
    else:
        there = _named(c.other_name or other_id, record_url(other_label, other_id))
    first, second = (here, there) if link.get("direction") != "in" else (there, here)
    phrase = LINK_PHRASES.get(str(link.get("type")))
    if phrase is None:
        return Markup("{} {} {}").format(first, history.link_title(c), second)
    return Markup(escape(str(phrase))) % {"subject": first, "object": second}


ERASED_NAME = history.ERASED_PERSON


@bp.app_template_filter("datetime_de")
def datetime_de(value: datetime | None) -> str:
    """A moment as the page's language writes it: 07.12.2026 10:05 in German (local time)."""
    return locale_format.moment(value)


@bp.app_template_filter("date_de")
def date_de(value: date | datetime | None) -> str:
    """A day as the page's language writes it: 07.12.2026 in German."""
    return locale_format.day(value)


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")


@bp.app_template_filter("stored_value")
def stored_value(value: Any) -> str:
    """A stored value in its JSON form (ISO dates, booleans) as a reader expects it."""
    return history_value("", value)


def history_value(key: str, value: Any) -> str:
    """A value of a history entry as a reader expects it: German dates, ja/nein, words."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return locale_format.yes_no(value)
    if key == "intensity" and isinstance(value, int) and value in graph.INTENSITIES:
        return str(_(graph.INTENSITIES[value]))
    if key in ("value", "trust") and isinstance(value, int) and value in graph.SCALE:
        return f"{value} – {_(graph.SCALE[value])}"
    if isinstance(value, list):
        return " ".join(history_value(key, v) for v in value)
    if isinstance(value, str):
        return _text_value(value)
    return str(value)


def _text_value(value: str) -> str:
    """A stored text: an ISO day or moment in the page's format, a vocabulary value in its
    language, anything else as typed."""
    try:
        if _ISO_DAY.match(value):
            return date_de(date.fromisoformat(value))
        if _ISO_TIME.match(value):
            return datetime_de(datetime.fromisoformat(value))
    except ValueError:
        return value
    return vocab(value)


@bp.app_template_filter("vocab")
def vocab(value: Any) -> Any:
    """A value of the model's vocabularies (actor kind, sponsorship, role, cooperation kind,
    …) in the page's language; any other value (a name, a typed text) as it is. The values
    are stored in German, so filters and imports match them whatever the reader's language.
    """
    if isinstance(value, str) and value in graph.VOCABULARY_VALUES:
        return str(_(value))
    return value


@bp.app_template_filter("day")
def day(value: date | datetime | None) -> str:
    """The day of a date or moment, without the time: 07.12.2026 in German."""
    return locale_format.day(value.date() if isinstance(value, datetime) else value)
