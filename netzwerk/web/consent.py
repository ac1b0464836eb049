"""Consent pages: a person's consent ledger, and the Löschkonzept review.

``/personen/<id>/einwilligungen`` lists every consent record of a person (with the wording
agreed to, expiry and who recorded it) and records a new one; it is personal data, so it
needs the contacts grant to read and an editor to write. ``/datenschutz/einwilligungen``
(admins) lists consents that expire within 60 days and persons without a legal basis for
longer than the configured time (``NETZWERK_LOESCHFRIST_TAGE``, default 365), each with a
one-click review; erasing goes through the Löschung of the Auskunft page.
"""

from __future__ import annotations

import os

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.operations.consent import record_consent, review_person
from netzwerk.graph.personal import confirmation, consent
from netzwerk.graph.records import nodes
from netzwerk.graph.surveys.mail import SmtpSettings
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.said import said, said_by_field

bp = Blueprint("consent", __name__)


def retention_days() -> int:
    """The Löschkonzept's time without a legal basis before review (config or environment)."""
    raw = current_app.config.get("CONSENT_RETENTION_DAYS") or os.environ.get(
        "NETZWERK_LOESCHFRIST_TAGE", ""
    )
    try:
        return min(max(int(raw), 1), 36500)
    except (TypeError, ValueError):
        return consent.DEFAULT_RETENTION_DAYS


@bp.route("/personen/<person_id>/einwilligungen", methods=["GET", "POST"])
@require_role("viewer")
def person(person_id: str) -> ResponseReturnValue:
    if not can_see_contacts():
        abort(403)
    store = get_store()
    who = nodes.get(store, graph.Person, person_id)
    errors: dict[str, list[str]] = {}
    form = dict.fromkeys(("date", "expires", "source", "wording"), "")
    form.update(purpose="contact", type="opt-in")
    status = 200
    if request.method == "POST":
        if not current_user.has_role("editor"):
            abort(403)
        form = {k: str(request.form.get(k, ""))[:6000] for k in form}
        try:
            record_consent(store, consent.parse(form, who.id), user=current_username())
        except graph.ValidationError as exc:
            errors, status = said_by_field(exc), 400
        else:
            flash(_("Die Einwilligung wurde erfasst."), "success")
            return redirect(url_for("consent.person", person_id=who.id))
    return render_template(
        "consent/person.html",
        person=who,
        records=consent.for_person(store, who.id),
        purposes=consent.PURPOSES,
        types=consent.TYPES,
        form=form,
        errors=errors,
    ), status


@bp.get("/datenschutz/einwilligungen")
@require_role("admin")
def review_page() -> ResponseReturnValue:
    store = get_store()
    days = retention_days()
    return render_template(
        "consent/review.html",
        expiring=consent.expiring(store),
        without=consent.without_basis(store, older_than_days=days),
        days=days,
        warning_days=consent.EXPIRY_WARNING_DAYS,
        outcomes=consent.REVIEW_OUTCOMES,
        unconfirmed=confirmation.unsent(store),
        can_mail=SmtpSettings.from_env() is not None,
    )


@bp.post("/datenschutz/einwilligungen/bestaetigen-lassen")
@require_role("admin")
def send_confirmations() -> ResponseReturnValue:
    """Mail the confirmation link of every consent given for someone else (double opt-in)."""
    settings = SmtpSettings.from_env()
    if settings is None:
        flash(_("Kein Mailserver eingerichtet (NETZWERK_SMTP_HOST)."), "error")
        return redirect(url_for("consent.review_page"))
    base = os.environ.get("NETZWERK_BASE_URL", "").strip() or request.host_url
    result = confirmation.send_pending(get_store(), settings, base_url=base)
    if result.error:
        flash(result.error, "error")
    flash(
        _(
            "%(sent)s Bestätigungsmails versandt, %(none)s Personen ohne E-Mail-Adresse.",
            sent=result.sent,
            none=result.no_address,
        ),
        "success",
    )
    return redirect(url_for("consent.review_page"))


@bp.post("/datenschutz/einwilligungen/pruefen")
@require_role("admin")
def review() -> ResponseReturnValue:
    person_id = str(request.form.get("person_id", ""))[:128]
    outcome = str(request.form.get("outcome", ""))[:40]
    consent_id = str(request.form.get("consent_id", ""))[:128]
    try:
        review_person(
            get_store(), person_id, outcome, user=current_username(), consent_id=consent_id
        )
    except graph.ValidationError as exc:
        flash(said(exc), "error")
        return redirect(url_for("consent.review_page"))
    flash(_("Die Prüfung wurde vermerkt."), "success")
    return redirect(url_for("consent.review_page"))
