"""Verwaltung › Organisationen: the instance admin creates and renames the offices.

Which office an account works for is set on the account's page (:mod:`.admin`), which
office owns a record on the record's edit page (:mod:`.records.owners`); both take their
choices from here.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import Length

from netzwerk import graph
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.operations import organisations as use_cases
from netzwerk.graph.records import organisations
from netzwerk.web.auth import current_org, current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.forms import put_errors, save_form, select_choices, version_of

bp = Blueprint("organisations", __name__)


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Length(max=200)])
    slug = StringField(_l("Kürzel"), validators=[Length(max=40)])
    recipient = StringField(_l("Anrede im Satz"), validators=[Length(max=200)])
    version = HiddenField()


def organisation_names(store: graph.Store) -> dict[str, str]:
    """slug → name of every stored organisation, and the default one (named „Bildungsbüro“
    unless stored) while it is in use: in a single office's instance, or while accounts
    still work for it. A region whose offices are all stored offers no nameless office."""
    names = {o.slug: o.name for o in organisations.all_organisations(store)}
    if DEFAULT_ORG in names:
        return names
    if not names or DEFAULT_ORG in organisations.account_counts(store):
        return {DEFAULT_ORG: _("Bildungsbüro"), **names}
    return names


def organisation_choices(store: graph.Store) -> list[Any]:
    return select_choices(list(organisation_names(store).items()))


def audited_org(store: graph.Store) -> str | None:
    """Whose audit a page shows: the user's own organisation, or for the instance admin the
    one chosen in the query parameter ``organisation`` (None: every organisation). An
    unknown slug shows every organisation rather than nothing."""
    own = current_org()
    if own is not None:
        return own
    chosen = (request.args.get("organisation") or "").strip()[:80]
    return chosen if chosen and chosen in organisation_names(store) else None


@bp.route("/verwaltung/organisationen", methods=["GET", "POST"])
@require_role("admin")
def index() -> ResponseReturnValue:
    store = get_store()
    form = OrganisationForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate():
            try:
                made = use_cases.create_organisation(
                    store,
                    form.slug.data or "",
                    form.name.data or "",
                    recipient=form.recipient.data or "",
                    user=current_username(),
                )
                flash(_("Organisation „%(name)s“ angelegt.", name=made.name), "success")
                return redirect(url_for("organisations.index"))
            except graph.ValidationError as err:
                put_errors(form, err)
    return (
        render_template(
            "admin/organisations.html",
            form=form,
            organisations=organisations.all_organisations(store),
            counts=organisations.account_counts(store),
        ),
        status,
    )


@bp.route("/verwaltung/organisationen/<org_slug>", methods=["GET", "POST"])
@require_role("admin")
def edit(org_slug: str) -> ResponseReturnValue:
    store = get_store()
    found = next((o for o in organisations.all_organisations(store) if o.slug == org_slug), None)
    if found is None:
        raise graph.NotFoundError(_("Diese Organisation wurde nicht gefunden."))
    form = OrganisationForm(
        data={"name": found.name, "recipient": found.recipient, "version": found.version}
        if request.method == "GET"
        else None
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate():
            version = version_of({"version": form.version.data})

            def save() -> str:
                saved = use_cases.rename_organisation(
                    store,
                    org_slug,
                    form.name.data or "",
                    recipient=form.recipient.data or "",
                    version=-1 if version is None else version,
                    user=current_username(),
                )
                return _("Organisation „%(name)s“ gespeichert.", name=saved.name)

            answer = save_form(
                form,
                save,
                done=url_for("organisations.index"),
                stale=_(
                    "Die Organisation wurde inzwischen von jemand anderem geändert. Bitte "
                    "prüfen Sie den neuen Stand."
                ),
                again=url_for("organisations.edit", org_slug=org_slug),
            )
            if answer is not None:
                return answer
    return render_template("admin/organisation_edit.html", form=form, org=found), status
