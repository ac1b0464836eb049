"""Log in, log out, and the role check every view uses.

Views declare what they need with :func:`require_role`::

    @bp.get("/akteure")
    @require_role("viewer")
    def actors(): ...

``viewer`` < ``editor`` < ``admin``. Anonymous visitors are sent to the login page (HTML) or
get 401 (JSON API); logged-in users without the role get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from netzwerk.graph import users
from netzwerk.web import get_store

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Bitte melden Sie sich an."
login_manager.login_message_category = "info"

F = TypeVar("F", bound=Callable[..., Any])


class WebUser(UserMixin):
    """Flask-Login's view of an account; the session stores the id and the version."""

    def __init__(self, user: users.User):
        self.user = user

    def get_id(self) -> str:
        return self.user.id

    @property
    def is_active(self) -> bool:
        return self.user.active

    def has_role(self, role: str) -> bool:
        return self.user.has_role(role)

    @property
    def can_see_contacts(self) -> bool:
        return self.user.can_see_contacts


@login_manager.user_loader
def load_user(user_id: str) -> WebUser | None:
    try:
        return WebUser(users.get_user(get_store(), user_id))
    except Exception:
        return None


def require_role(role: str) -> Callable[[F], F]:
    """Decorator: the view needs a logged-in user with at least ``role``."""
    if role not in users.ROLES:
        raise ValueError(role)

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                if request.path.startswith("/api/"):
                    abort(401)
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role  # type: ignore[attr-defined]
        return cast(F, wrapped)

    return decorate


def can_see_contacts() -> bool:
    """Whether the current user may see persons' e-mail addresses and phone numbers."""
    return bool(current_user.is_authenticated and current_user.can_see_contacts)


class LoginForm(FlaskForm):
    username = StringField("Benutzername", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Passwort", validators=[DataRequired(), Length(max=1024)])


def _safe_next(target: str | None) -> str:
    """Only same-site relative targets, so the login page is no open redirect."""
    if not target:
        return url_for("health.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("health.index")
    return target


@bp.route("/anmelden", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    form = LoginForm()
    if form.validate_on_submit():
        user = users.authenticate(get_store(), form.username.data or "", form.password.data or "")
        if user is None:
            flash(_("Benutzername oder Passwort ist falsch."), "error")
            return render_template("auth/login.html", form=form), 401
        session.clear()  # a fresh session on login (no fixation)
        login_user(WebUser(user))
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/abmelden")
def logout():  # type: ignore[no-untyped-def]
    logout_user()
    session.clear()
    flash(_("Sie wurden abgemeldet."), "info")
    return redirect(url_for("auth.login"))
