"""Log in, log out, and the role check every view uses.

Views declare what they need with :func:`require_role`::

    @bp.get("/akteure")
    @require_role("viewer")
    def actors(): ...

``viewer`` < ``editor`` < ``admin``. Anonymous visitors are sent to the login page (HTML) or
get 401 (JSON API); logged-in users without the role get 403.

A login checks the password of a local account, else the office's LDAP directory
(:mod:`netzwerk.graph.admin.directory`), or arrives from the OpenID Connect service
(:mod:`netzwerk.web.oidc`); :func:`begin` then asks for the second factor where it is set up
or required (:mod:`netzwerk.web.twofactor`) before :func:`finish` starts the session.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from netzwerk import graph
from netzwerk.graph.admin import directory, login_settings, twofactor, users
from netzwerk.graph.operations import accounts
from netzwerk.web.extensions import get_store
from netzwerk.web.redirects import safe_target
from netzwerk.web.said import said

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Bitte melden Sie sich an.")
login_manager.login_message_category = "info"

F = TypeVar("F", bound=Callable[..., Any])
SESSION_NONCE = "_nonce"
PENDING = "_pending_login"
"""A login whose password was right and whose second factor is still due: account id,
where to go afterwards and when it began (it expires after :data:`PENDING_S`)."""
PENDING_S = 300
OIDC_ID_TOKEN = "_oidc_id_token"
"""The ID token of a login through OpenID Connect, sent back to the service at logout."""
CONFIG_KEY = "NETZWERK_LOGIN"


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
    # An unreachable database must surface as 503, not as "logged out": only a missing
    # account (deleted meanwhile) ends the session.
    try:
        user = users.get_user(get_store(), user_id)
    except graph.NotFoundError:
        return None
    except graph.DatabaseUnavailableError:
        if g.get("db_down"):  # rendering the 503 page itself: show it as anonymous
            return None
        g.db_down = True
        raise
    # A session from before the last logout (or password change) carries an old nonce:
    # signed cookies stay valid when copied, so this is what makes logging out final.
    if not user.session_nonce or session.get(SESSION_NONCE) != user.session_nonce:
        return None
    return WebUser(user)


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

        # A function attribute (mypy types no such thing), read by the access-matrix tests.
        wrapped.__dict__["required_role"] = role
        return cast(F, wrapped)

    return decorate


def current_username() -> str:
    """Login name of the user of this request (for history, logs and ownership)."""
    return str(current_user.user.username)


def current_org() -> str | None:
    """The organisation (slug) of the user of this request; None for an instance admin,
    who sees every organisation's proposals and persons."""
    user = current_user.user
    return None if user.role == "admin" else str(user.org)


def reader_org() -> str | None:
    """Whose persons this request may read: the logged-in user's organisation; None (every
    person) for an instance admin and for pages without a login (the share link's, the
    public map's and the survey's pages never show other persons)."""
    return current_org() if current_user.is_authenticated else None


def can_see_contacts() -> bool:
    """Whether the current user may see persons' e-mail addresses and phone numbers."""
    return bool(current_user.is_authenticated and current_user.can_see_contacts)


class LoginForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Passwort"), validators=[DataRequired(), Length(max=1024)])


class LoginThrottle:
    """Lock a username+address pair after repeated failed logins (guessing protection), and
    an address that fails with many different names (password spraying).

    Kept in memory: the app runs as one waitress process, and a restart forgetting the
    counters is harmless. The same answer is given for existing and unknown names, so the
    lock reveals nothing about which accounts exist.

    Memory is bounded (``max_entries`` pairs and addresses) without letting a flood unlock
    anyone: when the table is full, expired entries go first, then the oldest entries that
    are *not* locked; a locked entry is never evicted before its lock ends. If every entry
    is locked, further failures cannot be counted, so every name and address not in the
    table is refused until a lock ends (fail closed) — an attacker can never clear a lock by
    adding names, and the table never grows beyond ``max_entries``.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window_s: float = 900.0,
        lock_s: float = 900.0,
        *,
        max_names_per_address: int = 50,
        max_entries: int = 100_000,
    ):
        self.max_failures, self.window_s, self.lock_s = max_failures, window_s, lock_s
        self.max_names_per_address = max_names_per_address
        self.max_entries = max_entries
        self._failures: OrderedDict[tuple[str, str], list[float]] = OrderedDict()
        self._saturated_until = 0.0
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()
            self._saturated_until = 0.0

    def __len__(self) -> int:
        return len(self._failures)

    def _locked_until(self, times: list[float], limit: int) -> float:
        if len(times) < limit:
            return 0.0
        last = times[-1]
        in_window = [t for t in times if last - t < self.window_s]
        return last + self.lock_s if len(in_window) >= limit else 0.0

    def _recent(self, key: tuple[str, str], now: float) -> list[float]:
        times = [t for t in self._failures.get(key, []) if now - t < self.window_s + self.lock_s]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def _limit(self, key: tuple[str, str]) -> int:
        return self.max_names_per_address if key[0] == "*" else self.max_failures

    def locked_for(self, username: str, address: str, now: float | None = None) -> float:
        """Seconds the pair (or the whole address) is still locked (0 if it may try)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            wait = 0.0
            keys = ((username.strip().lower(), address), ("*", address))
            for key in keys:
                until = self._locked_until(self._recent(key, now), self._limit(key))
                wait = max(wait, until - now)
            if now < self._saturated_until and not any(k in self._failures for k in keys):
                wait = max(wait, self._saturated_until - now)
            return max(0.0, wait)

    def _make_room(self, now: float) -> bool:
        """Free one slot without unlocking anybody; False if every entry is locked."""
        for key in list(self._failures)[:1000]:  # oldest first (LRU order)
            if not self._recent(key, now):
                return True  # expired and dropped
        for key in list(self._failures):
            if self._locked_until(self._failures[key], self._limit(key)) <= now:
                del self._failures[key]
                return True
        return False

    def _count(self, key: tuple[str, str], now: float) -> bool:
        times = self._recent(key, now)
        full = key not in self._failures and len(self._failures) >= self.max_entries
        if full and not self._make_room(now):
            return False
        times.append(now)
        self._failures[key] = times[-max(self._limit(key), 1) :]
        self._failures.move_to_end(key)
        return True

    def failed(self, username: str, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            counted = self._count((username.strip().lower(), address), now)
            spray = ("*", address)
            if counted:
                # Each new failing name from the address counts once against the address.
                times = self._failures.get((username.strip().lower(), address), [])
                if len(times) == 1:
                    self._count(spray, now)
            else:
                # Table full of locks: refuse untracked names until a lock ends.
                self._saturated_until = now + self.lock_s

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username.strip().lower(), address), None)


throttle = LoginThrottle()


def login_config() -> login_settings.LoginSettings:
    """This instance's login settings (read from the environment by ``create_app``)."""
    return cast(login_settings.LoginSettings, current_app.config[CONFIG_KEY])


def _password_login(name: str, password: str) -> users.User | None:
    """The account whose password this is: a local account, else the LDAP directory's.

    A local account is never checked against the directory (nor taken over by it), so the
    emergency admin works while the directory is down.
    """
    user = users.authenticate(get_store(), name, password)
    ldap = login_config().ldap
    if user is not None or ldap is None:
        return user
    known = users.find_user(get_store(), name)
    if known is not None and known.source != "ldap":
        return None
    claim = directory.authenticate(ldap, login_config().roles, name, password)
    if claim is None:
        return None
    return accounts.sign_in_from_directory(get_store(), claim)


def fresh_session() -> None:
    """A new session (no fixation) that keeps the language the reader chose, so a login
    begun in English goes on in English."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def begin(user: users.User, target: str | None) -> ResponseReturnValue:
    """After the password (or the login service): the second factor if due, else logged in.

    Accounts signing in through OpenID Connect bring the login service's own multi-factor
    check; local and LDAP accounts use netzwerk's TOTP where set up or required.
    """
    needs = user.source != "oidc" and (
        user.two_factor or twofactor.required(login_config().two_factor, user)
    )
    if not needs:
        return finish(user, target)
    fresh_session()
    session[PENDING] = {"id": user.id, "next": target or "", "at": time.time()}
    if user.two_factor:
        return redirect(url_for("twofactor.code"))
    return redirect(url_for("twofactor.setup"))


def pending_user() -> users.User | None:
    """The account of a login waiting for its second factor (None if none, or expired)."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_S:
        return None
    try:
        user = users.get_user(get_store(), str(pending.get("id", "")))
    except graph.NotFoundError:
        return None
    return user if user.active else None


def log_in(user: users.User) -> None:
    """Start ``user``'s session: a fresh one (no fixation), carrying the account's nonce."""
    fresh_session()
    login_user(WebUser(user))
    session[SESSION_NONCE] = users.session_nonce(get_store(), user.id)


def finish(user: users.User, target: str | None = None) -> ResponseReturnValue:
    """Log ``user`` in and go to ``target`` (same site only)."""
    log_in(user)
    return redirect(safe_target(target, url_for("health.index")))


def _refused(form: LoginForm, message: str, status: int) -> ResponseReturnValue:
    flash(message, "error")
    return render_template("auth/login.html", form=form, oidc=login_config().oidc), status


@bp.route("/anmelden", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        name, address = form.username.data or "", request.remote_addr or "-"
        wait = throttle.locked_for(name, address)
        if wait > 0:
            return _refused(form, too_many(wait), 429)
        try:
            user = _password_login(name, form.password.data or "")
        except directory.DirectoryUnavailableError:
            return _refused(
                form,
                _("Das Verzeichnis ist gerade nicht erreichbar. Bitte später erneut versuchen."),
                503,
            )
        except graph.ForbiddenError as err:
            return _refused(form, said(err), 403)
        if user is None:
            throttle.failed(name, address)
            return _refused(form, _("Benutzername oder Passwort ist falsch."), 401)
        throttle.succeeded(name, address)
        return begin(user, request.args.get("next"))
    return render_template("auth/login.html", form=form, oidc=login_config().oidc)


def too_many(wait: float) -> str:
    return _(
        "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in "
        "%(minutes)d Minuten erneut.",
        minutes=max(1, round(wait / 60)),
    )


@bp.post("/abmelden")
def logout() -> ResponseReturnValue:
    """End the session here and, after a login through OpenID Connect, at the service."""
    from netzwerk.web import oidc  # it builds on this module

    id_token = str(session.get(OIDC_ID_TOKEN) or "")
    if current_user.is_authenticated:
        # Invalidate this cookie and any copy of it (see load_user).
        users.session_nonce(get_store(), current_user.user.id, rotate=True)
    logout_user()
    fresh_session()
    flash(_("Sie wurden abgemeldet."), "info")
    return redirect(oidc.end_session_url(id_token) or url_for("auth.login"))


# --- own account: API tokens -------------------------------------------------------------------
class TokenForm(FlaskForm):
    name = StringField(_l("Bezeichnung"), validators=[DataRequired(), Length(max=100)])


@bp.route("/konto", methods=["GET", "POST"])
@require_role("viewer")
def account() -> ResponseReturnValue:
    """The user's own page: role, and personal API tokens (created here, shown once)."""
    store = get_store()
    form = TokenForm()
    secret = None
    status = 200
    if request.method == "POST":
        if form.validate():
            secret, _token = users.create_token(store, current_user.user.id, form.name.data or "")
            form.name.data = ""
        else:
            status = 400
    return (
        render_template(
            "auth/account.html",
            form=form,
            secret=secret,
            tokens=users.list_tokens(store, current_user.user.id),
            role_title=users.ROLE_TITLES,
            policy_requires=twofactor.required(login_config().two_factor, current_user.user),
        ),
        status,
    )


@bp.post("/konto/tokens/<token_id>/widerrufen")
@require_role("viewer")
def revoke(token_id: str) -> ResponseReturnValue:
    accounts.revoke_token(
        get_store(), token_id, user=current_username(), owner_id=current_user.user.id
    )
    flash(_("Das Token wurde widerrufen."), "success")
    return redirect(url_for("auth.account"))
