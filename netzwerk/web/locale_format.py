"""Days, moments and yes/no as the page's language writes them (Babel's formats).

German pages write 07.12.2026 and 07.12.2026 10:05 as offices do; English pages Babel's
medium format (Dec 7, 2026). Tables, detail pages, history and conflict lists all call
these, so no page keeps a German date under English.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _


def german() -> bool:
    return str(get_locale() or "de").startswith("de")


def moment(value: datetime | None) -> str:
    """A moment: 07.12.2026 10:05 in German (local time), Babel's medium in English."""
    if value is None:
        return "–"
    return str(format_datetime(value, "dd.MM.yyyy HH:mm" if german() else "medium"))


def day(value: date | datetime | None) -> str:
    """A day: 07.12.2026 in German, Babel's medium in English."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return moment(value)
    return str(format_date(value, "dd.MM.yyyy" if german() else "medium"))


def yes_no(value: bool) -> str:
    return str(_("ja") if value else _("nein"))
