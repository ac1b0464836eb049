"""The second factor in the browser: the code step of a login, setting TOTP up, and the
backup codes shown once.

A login whose password was right but whose second factor is due waits in the session
(:data:`netzwerk.web.auth.PENDING`) for at most five minutes; only this blueprint reads it.
Wrong codes count in the same throttle as wrong passwords, so six digits cannot be guessed.
Setting up works for that waiting login (when the policy requires a second factor and the
account has none yet) and for a logged-in user from "Mein Konto".
"""

from __future__ import annotations

import segno
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from netzwerk import graph
from netzwerk.graph.admin import twofactor, users
from netzwerk.graph.operations import accounts
from netzwerk.web import auth
from netzwerk.web.extensions import get_store
from netzwerk.web.said import said, said_by_field

bp = Blueprint("twofactor", __name__)
SETUP_SECRET = "_totp_setup"


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=64)])


def _pending_or_login() -> ResponseReturnValue:
    flash(_("Bitte melden Sie sich erneut an."), "info")
    return redirect(url_for("auth.login"))


def _target() -> str | None:
    pending = session.get(auth.PENDING)
    return str(pending.get("next") or "") or None if isinstance(pending, dict) else None


@bp.route("/anmelden/code", methods=["GET", "POST"])
def code() -> ResponseReturnValue:
    """The second step of a login: a code from the authenticator app, or a backup code."""
    user = auth.pending_user()
    if user is None or not user.two_factor:
        return _pending_or_login()
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("auth/code.html", form=form), 400 if form.errors else 200
    key, address = f"2fa:{user.username}", request.remote_addr or "-"
    wait = auth.throttle.locked_for(key, address)
    if wait > 0:
        flash(auth.too_many(wait), "error")
        return render_template("auth/code.html", form=form), 429
    if not twofactor.verify(get_store(), user, form.code.data or ""):
        auth.throttle.failed(key, address)
        form.code.errors = [_("Der Code ist falsch oder wurde schon benutzt.")]
        return render_template("auth/code.html", form=form), 401
    auth.throttle.succeeded(key, address)
    return auth.finish(user, _target())


def _setup_user() -> users.User | None:
    if current_user.is_authenticated:
        return users.get_user(get_store(), current_user.user.id)
    return auth.pending_user()


def _qr(uri: str) -> str:
    """The otpauth address as an SVG QR code in a data: URL (no inline markup: CSP)."""
    return str(segno.make(uri, error="m").svg_data_uri(scale=5, border=2))


@bp.route("/anmelden/zweiter-faktor", methods=["GET", "POST"])
def setup() -> ResponseReturnValue:
    """Set up TOTP: scan (or type) the key, confirm with one code, get the backup codes."""
    user = _setup_user()
    if user is None:
        return _pending_or_login()
    # The key stays the same until it is confirmed (a reload must not invalidate a scan); it
    # lives in the signed session, which only this browser holds, and is shown on the page.
    secret = str(session.get(SETUP_SECRET) or "")
    if not secret:
        secret = session[SETUP_SECRET] = twofactor.new_secret()
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            codes = accounts.enable_two_factor(
                get_store(), user.id, secret, form.code.data or "", user=user.username
            )
        except graph.ValidationError as err:
            form.code.errors = said_by_field(err).get("code", [said(err)])
            status = 400
        else:
            session.pop(SETUP_SECRET, None)
            onward = url_for("auth.account")
            if not current_user.is_authenticated:  # the login that waited for it ends here
                auth.log_in(users.get_user(get_store(), user.id))
                onward = url_for("health.index")
            return render_template("auth/backup_codes.html", codes=codes, onward=onward)
    elif request.method == "POST":
        status = 400
    uri = twofactor.provisioning_uri(secret, user.username)
    return (
        render_template(
            "auth/twofactor_setup.html",
            form=form,
            qr=_qr(uri),
            uri=uri,
            key=twofactor.grouped(secret),
            required=not current_user.is_authenticated,
        ),
        status,
    )
