"""Verwaltung: user accounts, recent changes across the graph, trash, vocabularies.

Only admins get here. Vocabulary records themselves (topics, stages, target groups,
regions) use the generic record views under /verwaltung/<vocabulary> (see records.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import Length, Optional

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.operations import accounts
from netzwerk.graph.records import history, trash
from netzwerk.web import paging
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.forms import put_errors, save_form, select_choices, version_of
from netzwerk.web.kinds import KINDS, VOCABULARIES, record_url
from netzwerk.web.organisations import audited_org, organisation_choices, organisation_names

bp = Blueprint("admin", __name__)

ROLE_CHOICES = [
    ("viewer", _l("Lesen")),
    ("editor", _l("Bearbeiten")),
    ("admin", _l("Verwaltung")),
]


class UserForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[Length(max=64)])
    display_name = StringField(_l("Anzeigename"), validators=[Length(max=200)])
    role = SelectField(_l("Rolle"), choices=select_choices(ROLE_CHOICES), validate_choice=False)
    org = SelectField(_l("Organisation"), validate_choice=False)
    contacts = BooleanField(_l("darf Kontaktdaten sehen (auch mit Leserecht)"))
    active = BooleanField(_l("aktiv"), default=True)
    password = PasswordField(_l("Passwort (neu)"), validators=[Optional(), Length(max=1024)])
    version = HiddenField()


def _user_form(**kwargs: Any) -> UserForm:
    """The account form, its organisations as they are stored now."""
    form = UserForm(**kwargs)
    form.org.choices = organisation_choices(get_store())
    return form


def _version(raw: object) -> int:
    found = version_of({"version": raw})
    return -1 if found is None else found


@bp.get("/verwaltung")
@require_role("admin")
def index() -> ResponseReturnValue:
    return render_template("admin/index.html", vocabularies=[KINDS[s] for s in VOCABULARIES])


@bp.route("/verwaltung/benutzer", methods=["GET", "POST"])
@require_role("admin")
def users_list() -> ResponseReturnValue:
    store = get_store()
    form = _user_form()
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                created = accounts.create_account(
                    store,
                    form.username.data or "",
                    form.password.data or "",
                    user=current_username(),
                    role=form.role.data or "viewer",
                    org=form.org.data or DEFAULT_ORG,
                    display_name=form.display_name.data or "",
                    contacts=bool(form.contacts.data),
                )
                flash(_("Konto „%(name)s“ angelegt.", name=created.username), "success")
                return redirect(url_for("admin.users_list"))
            except graph.ValidationError as err:
                put_errors(form, err)
        status = 400
    return (
        render_template(
            "admin/users.html",
            form=form,
            accounts=users.list_users(store),
            roles=users.ROLE_TITLES,
            org_names=organisation_names(store),
        ),
        status,
    )


@bp.route("/verwaltung/benutzer/<user_id>", methods=["GET", "POST"])
@require_role("admin")
def user_edit(user_id: str) -> ResponseReturnValue:
    store = get_store()
    account = users.get_user(store, user_id)
    form = _user_form(
        data={
            "username": account.username,
            "display_name": account.display_name,
            "role": account.role,
            "org": account.org,
            "contacts": account.contacts,
            "active": account.active,
            "version": account.version,
        }
        if request.method == "GET"
        else None
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate():
            changed = users.User(
                **{
                    **account.__dict__,
                    "display_name": (form.display_name.data or "").strip() or account.username,
                    "role": form.role.data or "viewer",
                    "org": form.org.data or account.org,
                    "contacts": bool(form.contacts.data),
                    "active": bool(form.active.data),
                    # A forged or garbled version never saves (and never fails).
                    "version": _version(form.version.data),
                }
            )

            def save() -> str:
                saved = accounts.update_account(
                    store, changed, user=current_username(), password=form.password.data or None
                )
                return _("Konto „%(name)s“ gespeichert.", name=saved.username)

            answer = save_form(
                form,
                save,
                done=url_for("admin.users_list"),
                stale=_(
                    "Das Konto wurde inzwischen von jemand anderem geändert. Bitte "
                    "prüfen Sie den neuen Stand."
                ),
                again=url_for("admin.user_edit", user_id=user_id),
            )
            if answer is not None:
                return answer
    return render_template("admin/user_edit.html", form=form, account=account), status


@bp.get("/verwaltung/tokens")
@require_role("admin")
def tokens() -> ResponseReturnValue:
    """Every account's API tokens, to find and revoke one (e.g. of a colleague who left)."""
    store = get_store()
    who = (request.args.get("benutzer") or "").strip()[:64] or None
    return render_template(
        "admin/tokens.html",
        tokens=users.all_tokens(store, who),
        accounts=users.list_users(store),
        who=who or "",
    )


@bp.post("/verwaltung/tokens/<token_id>/widerrufen")
@require_role("admin")
def token_revoke(token_id: str) -> ResponseReturnValue:
    gone = accounts.revoke_token(get_store(), token_id, user=current_username())
    flash(
        _(
            "Das Token „%(name)s“ von %(user)s wurde widerrufen.",
            name=gone.token.name,
            user=gone.username,
        ),
        "success",
    )
    return redirect(url_for("admin.tokens", benutzer=request.form.get("benutzer") or None))


@bp.post("/verwaltung/benutzer/<user_id>/tokens/widerrufen")
@require_role("admin")
def tokens_revoke_all(user_id: str) -> ResponseReturnValue:
    store = get_store()
    account = users.get_user(store, user_id)
    n = accounts.revoke_all_tokens(store, account.id, user=current_username())
    flash(_("%(n)d Tokens von %(user)s widerrufen.", n=n, user=account.username), "success")
    return redirect(url_for("admin.tokens", benutzer=account.id))


@bp.post("/verwaltung/benutzer/<user_id>/zweiter-faktor/zuruecksetzen")
@require_role("admin")
def two_factor_reset(user_id: str) -> ResponseReturnValue:
    """A lost phone: remove the second factor; the next login sets it up again if required."""
    account = accounts.reset_two_factor(get_store(), user_id, user=current_username())
    flash(
        _("Der zweite Faktor von %(user)s wurde zurückgesetzt.", user=account.username), "success"
    )
    return redirect(url_for("admin.user_edit", user_id=account.id))


@bp.get("/verwaltung/verlauf")
@require_role("admin")
def recent() -> ResponseReturnValue:
    pager = paging.Pager.from_args(request.args, url_for("admin.recent"), size=100)
    who = (request.args.get("wer") or "").strip()[:64] or None
    store = get_store()
    org = audited_org(store)
    changes = history.recent(store, user=who, org=org, skip=pager.skip, limit=pager.size)
    pager.shown = len(changes)
    changes = history.once(changes)
    return render_template(
        "admin/history.html",
        changes=changes,
        pager=pager,
        who=who or "",
        org=org or "",
        org_names=organisation_names(store),
        show_record=True,
        record_url=record_url,
    )


@bp.get("/verwaltung/papierkorb")
@require_role("admin")
def trash_list() -> ResponseReturnValue:
    return render_template("admin/trash.html", entries=trash.entries(get_store(), limit=200))
