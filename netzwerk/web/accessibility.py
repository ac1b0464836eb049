"""The accessibility statement ("Erklärung zur Barrierefreiheit") that BITV 2.0 § 7 asks of
every public body's web application: how far netzwerk meets the requirements, what is not
accessible yet, how the statement was made, whom to tell about a barrier, and where to turn
when that does not help. Public (no login): a barrier in the login page or a survey page must
be reportable too; every page's footer links here.

The contact is the running office's (:func:`netzwerk.settings.accessibility_contact`, from
the environment, described in docs/OPERATIONS.md); the feedback goes by e-mail (a ``mailto:``
link with a prepared subject), so no message is kept in netzwerk.

References
----------
.. [1] Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) § 7 and Anlage 2.
.. [2] Commission Implementing Decision (EU) 2018/1523, model accessibility statement.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from flask import Blueprint, current_app, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from netzwerk import settings

bp = Blueprint("accessibility", __name__)
CONFIG_KEY = "NETZWERK_A11Y"
REVIEWED = date(2026, 12, 7)
"""When the statement's findings were last checked against the software (with the release)."""
FEDERAL_ARBITRATION = (
    _l("Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)"),
    "https://www.schlichtungsstelle-bgg.de",
)


def contact() -> settings.AccessibilityContact:
    """The statement's contact (tests preset it in the app's config)."""
    found = current_app.config.get(CONFIG_KEY)
    if not isinstance(found, settings.AccessibilityContact):
        found = current_app.config[CONFIG_KEY] = settings.accessibility_contact()
    return found


@bp.get("/barrierefreiheit")
def statement() -> ResponseReturnValue:
    who = contact()
    subject = quote(_("Barriere in netzwerk"))
    arbitration = (who.arbitration, who.arbitration_url) if who.arbitration else None
    return render_template(
        "accessibility.html",
        contact=who,
        mailto=f"mailto:{who.email}?subject={subject}" if who.email else "",
        phone_uri="tel:" + "".join(c for c in who.phone if c.isdigit() or c == "+"),
        arbitration=arbitration or FEDERAL_ARBITRATION,
        federal=arbitration is None,
        reviewed=REVIEWED,
    )
