"""Template helpers: field titles, record URLs and history values as readers expect them."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.graph.records import history
from netzwerk.web import forms
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
        return extra.get(name) or validation.label(name)

    return {
        "field_label": field_label,
        "record_url": record_url,
        "BY_LABEL": BY_LABEL,
        "link_title": history.link_title,
        "history_value": history_value,
    }


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")


def history_value(key: str, value: Any) -> str:
    """A value of a history entry as a reader expects it: German dates, ja/nein, words."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nein"))
    if key == "intensity" and isinstance(value, int) and value in graph.INTENSITIES:
        return str(_(graph.INTENSITIES[value]))
    if isinstance(value, list):
        return " ".join(history_value(key, v) for v in value)
    if isinstance(value, str):
        if m := _ISO_DAY.match(value):
            return f"{m[3]}.{m[2]}.{m[1]}"
        if m := _ISO_TIME.match(value):
            return f"{m[3]}.{m[2]}.{m[1]} {m[4]}:{m[5]}"
    return str(value)
