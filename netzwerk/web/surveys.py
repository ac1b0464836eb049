"""Befragungen for network managers: create, distribute links, follow progress,
review the answers, close, compare the network before and after.

Reading a survey's progress is open to every viewer (names of contact persons and their
addresses in the reminder list only with the contacts grant); everything that writes or
hands out links is for editors. The respondents' own pages are in
:mod:`netzwerk.web.survey_answer`.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS, INTENSITIES
from netzwerk.graph.core.validation import parse_date
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.choices import filter_choices
from netzwerk.graph.operations.surveys import change_texts, decide
from netzwerk.graph.records import history
from netzwerk.graph.surveys import compare, distribution, mail, model, progress, review, waves
from netzwerk.web import deployment, filters
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.downloads import attachment
from netzwerk.web.extensions import get_store
from netzwerk.web.said import said, said_by_field

bp = Blueprint("surveys", __name__)


def _options() -> dict[str, Any]:
    store = get_store()
    return {
        "filters": filter_choices(snapshot.vocabulary(store)),
        "actors": store.read("surveys/actor_directory", limit=5000),
        "kinds": ACTOR_KINDS,
        "scope_kinds": model.SCOPE_KINDS,
        "questions": model.QUESTIONS,
        "per": model.PER,
    }


def _form_survey(form: Any) -> sv.Survey:
    errors: list[graph.FieldError] = []
    try:
        closes = parse_date(form.get("closes", "")[:20], "closes")
    except graph.ValidationError as exc:
        errors += exc.errors
        closes = None
    kind = form.get("scope", "")[:20]
    # the one filter parser; strict keeps a wrong value so that validation names it
    flt = filters.parse(form, dated=False, strict=True).flt
    scope = sv.Scope.of(kind, flt, tuple(form.getlist("actor_ids")[: model.MAX_ACTORS + 1]))
    survey = sv.Survey(
        title=form.get("title", "")[:1000],
        intro=form.get("intro", "")[:10_000],
        closes=closes,
        scope=scope,
        questions=tuple(form.getlist("questions")[:10]),
        per=form.get("per", "actor")[:20],
        consent_wording=form.get("consent_wording", "")[:10_000],
        follows=form.get("follows", "")[:100],
    )
    try:
        model.validate(survey)
    except graph.ValidationError as exc:
        errors += [e for e in exc.errors if e.field != "closes" or not errors]
    if errors:
        raise graph.ValidationError(errors)
    return survey


@bp.route("/befragungen", methods=["GET", "POST"])
@require_role("viewer")
def index() -> ResponseReturnValue:
    store = get_store()
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        if not current_user.has_role("editor"):
            abort(403)
        try:
            created, n = sv.create_survey(
                store, _form_survey(request.form), user=current_username()
            )
        except graph.ValidationError as exc:
            errors, status = said_by_field(exc), 400
        else:
            flash(_("Befragung angelegt: %(n)s Einladungen.", n=n), "success")
            return redirect(url_for("surveys.detail", survey_id=created.id))
    return render_template(
        "surveys/list.html",
        surveys=sv.list_surveys(store),
        form=request.form,
        errors=errors,
        default_wording=model.DEFAULT_CONSENT_WORDING,
        **_options(),
    ), status


@bp.get("/befragungen/<survey_id>")
@require_role("viewer")
def detail(survey_id: str) -> ResponseReturnValue:
    return _detail(sv.get_survey(get_store(), survey_id))


@bp.post("/befragungen/<survey_id>/texte")
@require_role("editor")
def texts(survey_id: str) -> ResponseReturnValue:
    """Change the introduction and consent wording; answers handed in keep theirs."""
    survey = sv.get_survey(get_store(), survey_id)
    try:
        change_texts(
            get_store(),
            survey.id,
            intro=request.form.get("intro", "")[:10_000],
            consent_wording=request.form.get("consent_wording", "")[:10_000],
            user=current_username(),
        )
    except graph.ValidationError as exc:
        return _detail(survey, said_by_field(exc), request.form), 400
    flash(_("Einleitung und Wortlaut gespeichert."), "success")
    return redirect(url_for("surveys.detail", survey_id=survey.id) + "#texts")


def _detail(survey: sv.Survey, errors: dict[str, list[str]] | None = None, form: Any = None) -> str:
    store = get_store()
    flt = survey.scope.filter
    vocab = snapshot.vocabulary(store)
    scope_parts = [
        (filters.TITLES[name], vocab.names_of(name).get(getattr(flt, name), getattr(flt, name)))
        for name in filters.ID_FIELDS
        if getattr(flt, name)
    ]
    if flt.actor_kinds:
        scope_parts.append((_("Akteursart"), ", ".join(_(k) for k in flt.actor_kinds)))
    return render_template(
        "surveys/detail.html",
        survey=survey,
        scope_parts=scope_parts,
        scope_query=urlencode(flt.params(with_date=False)),
        progress=progress.progress(store, survey.id),
        invites=sv.invites_of(store, survey.id),
        smtp=mail.SmtpSettings.from_env() is not None,
        show_contacts=can_see_contacts(),
        scope_kinds=model.SCOPE_KINDS,
        questions=model.QUESTIONS,
        previous=_previous(survey),
        errors=errors or {},
        form=form or {"intro": survey.intro, "consent_wording": survey.consent_wording},
        changes=history.for_record(store, survey.id),
    )


def _previous(survey: sv.Survey) -> sv.Survey | None:
    """The wave the survey follows (None for a first survey, or one deleted since)."""
    try:
        return sv.get_survey(get_store(), survey.follows) if survey.follows else None
    except graph.NotFoundError:
        return None


def _download(survey: sv.Survey, found: sv.Links, fmt: str) -> ResponseReturnValue:
    """The mail-merge list of ``found`` as a download (RFC 5987 file name, not cached)."""
    store = get_store()
    if found.lost:
        flash(
            _(
                "%(n)s früher ausgegebene Links können nicht erneut angezeigt werden (vor "
                "dieser Version ausgegeben oder mit anderem Link-Schlüssel). Sie fehlen in der "
                "Liste; „Links neu ausstellen“ erzeugt neue.",
                n=len(found.lost),
            ),
            "warning",
        )
    if not found.issued:
        flash(_("Es gibt keinen Link, der ausgegeben werden kann."), "warning")
        return redirect(url_for("surveys.detail", survey_id=survey.id))
    data, _rows, _left = distribution.mail_merge(
        store,
        survey,
        found.issued,
        base_url=deployment.public_url(),
        fmt=fmt,
        user=current_username(),
    )
    return attachment(data, distribution.filename(survey, fmt), distribution.FORMATS[fmt])


def _format() -> str:
    fmt = request.form.get("format", "csv")
    return fmt if fmt in distribution.FORMATS else "csv"


@bp.post("/befragungen/<survey_id>/links")
@require_role("editor")
def links(survey_id: str) -> ResponseReturnValue:
    """The links handed out so far (and first links where none is out yet): downloading
    again or in another format gives the same links, never new ones."""
    survey = sv.get_survey(get_store(), survey_id)
    try:
        found = sv.links_of(get_store(), survey.id)
    except graph.ValidationError as exc:
        flash(said(exc), "error")
        return redirect(url_for("surveys.detail", survey_id=survey.id))
    return _download(survey, found, _format())


@bp.route("/befragungen/<survey_id>/links/erneuern", methods=["GET", "POST"])
@require_role("editor")
def renew(survey_id: str) -> ResponseReturnValue:
    """Renewing links is its own step: the page names who holds the current links, and only
    a ticked confirmation renews them (then the list of the new links is downloaded)."""
    store = get_store()
    survey = sv.get_survey(store, survey_id)
    holders = sv.holders(sv.invites_of(store, survey.id))
    if request.method == "POST" and request.form.get("confirm") == "1":
        try:
            found = sv.renew_links(store, survey.id)
        except graph.ValidationError as exc:
            flash(said(exc), "error")
            return redirect(url_for("surveys.detail", survey_id=survey.id))
        return _download(survey, found, _format())
    status = 200
    if request.method == "POST":
        flash(_("Bitte bestätigen Sie, dass die bisherigen Links ungültig werden."), "error")
        status = 400
    return render_template(
        "surveys/renew.html",
        survey=survey,
        holders=holders,
        show_contacts=can_see_contacts(),
    ), status


@bp.post("/befragungen/<survey_id>/mails")
@require_role("editor")
def mails(survey_id: str) -> ResponseReturnValue:
    store = get_store()
    survey = sv.get_survey(store, survey_id)
    settings = mail.SmtpSettings.from_env()
    if settings is None:
        flash(_("Es ist kein Mailserver eingerichtet (NETZWERK_SMTP_HOST)."), "error")
        return redirect(url_for("surveys.detail", survey_id=survey.id))
    try:
        result = mail.send_invitations(
            store,
            survey.id,
            settings,
            base_url=deployment.public_url(),
            user=current_username(),
            reminder=request.form.get("reminder") == "1",
        )
    except graph.ValidationError as exc:
        flash(said(exc), "error")
        return redirect(url_for("surveys.detail", survey_id=survey.id))
    flash(
        _(
            "%(sent)s Mails versandt; %(left)s Ansprechpersonen ohne Einwilligung ausgelassen, "
            "%(none)s Einladungen ohne Adresse.",
            sent=result.sent,
            left=result.left_out,
            none=result.no_address,
        ),
        "success" if not result.error else "warning",
    )
    if result.error:
        flash(result.error, "error")
    return redirect(url_for("surveys.detail", survey_id=survey.id))


@bp.post("/befragungen/<survey_id>/einladungen/<invite_id>/zurueckziehen")
@require_role("editor")
def revoke(survey_id: str, invite_id: str) -> ResponseReturnValue:
    sv.revoke(get_store(), survey_id, invite_id)
    flash(_("Der Link wurde zurückgezogen."), "success")
    return redirect(url_for("surveys.detail", survey_id=survey_id))


@bp.post("/befragungen/<survey_id>/schliessen")
@require_role("editor")
def close(survey_id: str) -> ResponseReturnValue:
    """Close after a ticked confirmation (no JavaScript needed); reopening undoes it."""
    if request.form.get("confirm") != "1":
        flash(
            _(
                "Bitte bestätigen Sie das Abschließen; danach werden keine Antworten mehr "
                "gespeichert."
            ),
            "error",
        )
        return redirect(url_for("surveys.detail", survey_id=survey_id) + "#close-form")
    survey = sv.close_survey(get_store(), survey_id)
    flash(
        _(
            "Die Befragung ist abgeschlossen; die Links gelten nicht mehr. „Wieder öffnen“ "
            "macht das rückgängig."
        ),
        "success",
    )
    return redirect(url_for("surveys.compare_page", survey_id=survey.id))


@bp.post("/befragungen/<survey_id>/wieder-oeffnen")
@require_role("editor")
def reopen(survey_id: str) -> ResponseReturnValue:
    """Reopen a closed survey; the links handed out work again (a new end date if the old
    one has passed)."""
    closes = None
    try:
        if request.form.get("closes"):
            closes = parse_date(request.form.get("closes", "")[:20], "closes")
        sv.reopen_survey(get_store(), survey_id, closes=closes)
    except graph.ValidationError as exc:
        flash(said(exc), "error")
    else:
        flash(_("Die Befragung läuft wieder; die ausgegebenen Links gelten wieder."), "success")
    return redirect(url_for("surveys.detail", survey_id=survey_id))


@bp.get("/befragungen/<survey_id>/auswertung")
@require_role("editor")
def review_page(survey_id: str) -> ResponseReturnValue:
    store = get_store()
    survey = sv.get_survey(store, survey_id)
    return render_template(
        "surveys/review.html",
        survey=survey,
        answers=review.queue(store, survey),
        describe=review.describe,
        intensities=INTENSITIES,
        coop_kinds=COOPERATION_KINDS,
    )


@bp.post("/befragungen/<survey_id>/auswertung/<answer_id>")
@require_role("editor")
def decide_view(survey_id: str, answer_id: str) -> ResponseReturnValue:
    """Decide on the proposals the page showed: each carries the fingerprint of its values
    and the form the handed-in version, so what changed since is refused, not applied."""
    store = get_store()
    survey = sv.get_survey(store, survey_id)
    action = request.form.get("action", "")
    if action not in ("accept", "reject", "accept_all", "reject_all"):
        abort(400)
    prints = dict(
        entry[:300].split("|", 1) for entry in request.form.getlist("shown")[:500] if "|" in entry
    )
    chosen = (
        prints
        if action.endswith("_all")
        else {k[:200]: prints.get(k[:200], "") for k in request.form.getlist("key")[:500]}
    )
    version = request.form.get("version", "")
    try:
        out = decide(
            store,
            survey,
            answer_id,
            chosen,
            accept=action.startswith("accept"),
            user=current_username(),
            version=int(version) if version.isdigit() else -1,
        )
    except (graph.ValidationError, graph.ConflictError) as exc:
        flash(said(exc), "error")
        return redirect(
            url_for("surveys.review_page", survey_id=survey.id) + f"#answer-{answer_id}"
        )
    message = _(
        "%(a)s übernommen, %(r)s abgelehnt, %(s)s inzwischen erledigt.",
        a=len(out.applied),
        r=len(out.rejected),
        s=len(out.skipped),
    )
    if out.changeset:
        message += " " + _(
            "Das Übernommene lässt sich unter „Änderungspakete“ rückgängig machen "
            "(Kennung %(id)s).",
            id=out.changeset,
        )
    flash(message, "success")
    return redirect(url_for("surveys.review_page", survey_id=survey.id) + f"#answer-{answer_id}")


@bp.get("/befragungen/<survey_id>/vergleich")
@require_role("viewer")
def compare_page(survey_id: str) -> ResponseReturnValue:
    store = get_store()
    survey = sv.get_survey(store, survey_id)
    after = survey.after or compare.snapshot(store, (survey.before or {}).get("actor_ids", []))
    return render_template(
        "surveys/compare.html",
        survey=survey,
        cmp=compare.compare(store, survey.before or {}, after),
        live=survey.after is None,
        today=date.today(),
    )


@bp.get("/befragungen/<survey_id>/wellen")
@require_role("viewer")
def waves_page(survey_id: str) -> ResponseReturnValue:
    """What changed since the wave the survey follows: new, ended and changed ties."""
    store = get_store()
    survey = sv.get_survey(store, survey_id)
    previous = _previous(survey)
    if previous is None:
        abort(404)
    return render_template(
        "surveys/waves.html",
        survey=survey,
        found=waves.compare_waves(store, survey, previous),
        changes=waves.CHANGES,
        describe=review.describe,
    )
