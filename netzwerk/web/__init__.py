"""Flask application for netzwerk (app factory as in the Flask tutorial).

The app holds one :class:`netzwerk.graph.Store` (the Neo4j driver pools connections and is
thread-safe) and reaches the data only through ``netzwerk.graph``. If Neo4j is down, pages
answer 503 with a German message; the driver reconnects by itself once it is back.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from flask import (
    Flask,
    Response,
    flash,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from netzwerk import graph
from netzwerk.graph.admin import login_settings
from netzwerk.graph.records import search, visibility
from netzwerk.web import (
    accessibility,
    admin,
    api,
    api_accounts,  # noqa: F401 - adds the account routes to the API blueprint
    auth,
    changesets,
    consent,
    consent_confirm,
    contact_export,
    deployment,
    exports,
    gaps,
    health,
    import_wizard,
    indicators,
    measures,
    metrics,
    network,
    oidc,
    organisations,
    presentations,
    privacy,
    public,
    records,
    saved_views,
    search_page,
    shared,
    survey_answer,
    surveys,
    twofactor,
    uploads_admin,
)
from netzwerk.web.extensions import babel, csrf, get_store
from netzwerk.web.kinds import record_url
from netzwerk.web.said import said, say

__all__ = ["create_app", "get_store", "warm_up"]
LANGUAGES = ("de", "en")


def _locale() -> str:
    """German unless the user chose English (``?lang=en`` sticks in the session)."""
    if not has_request_context():  # e.g. a CLI command in an app context
        return "de"
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
    return session.get("lang") or "de"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.config.from_mapping(
        DEBUG=False,  # never from FLASK_DEBUG: debug mode shows tracebacks and internals
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Behind HTTPS set NETZWERK_SECURE_COOKIES=1; off by default for http://127.0.0.1.
        SESSION_COOKIE_SECURE=os.environ.get("NETZWERK_SECURE_COOKIES") == "1",
        REMEMBER_COOKIE_SECURE=os.environ.get("NETZWERK_SECURE_COOKIES") == "1",
        REMEMBER_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_NAME="netzwerk_session",
        # Spreadsheet imports may be up to 20 MB (netzwerk.graph.imports.reader.MAX_BYTES);
        # the import view answers larger files with its own German message. Plain form
        # fields stay limited by Flask's MAX_FORM_MEMORY_SIZE (500 kB).
        MAX_CONTENT_LENGTH=21 * 1024 * 1024,
        JSON_SORT_KEYS=False,
        BABEL_DEFAULT_LOCALE="de",
        WTF_CSRF_TIME_LIMIT=None,
    )
    if test_config:
        app.config.update(test_config)
    deployment.configure(app)
    # Directory login, OpenID Connect and the second-factor policy (docs/ACCOUNTS.md).
    app.config.setdefault(auth.CONFIG_KEY, login_settings.from_env())

    # Neo4j reports "label does not exist yet" notices (e.g. no trash entry so far) as
    # warnings; they are expected in a young database and would only clutter the log.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    graph.quiet_driver_retries()  # the 503 page and the log say it in German
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.filters["say"] = say
    auth.login_manager.init_app(app)
    oidc.init_app(app, app.config[auth.CONFIG_KEY])
    for module in (
        health,
        accessibility,
        auth,
        twofactor,
        oidc,
        records,
        search_page,
        admin,
        organisations,
        network,
        exports,
        saved_views,
        presentations,
        shared,
        public,
        gaps,
        measures,
        indicators,
        contact_export,
        import_wizard,
        changesets,
        privacy,
        consent,
        consent_confirm,
        surveys,
        survey_answer,
        uploads_admin,
    ):
        app.register_blueprint(module.bp)
    app.register_blueprint(api.bp, url_prefix="/api/v1")
    api.init_app(app)
    _register_errors(app)
    metrics.init_app(app)

    @app.before_request
    def _read_as_organisation() -> None:
        # Persons of other organisations stay out of every page, list and download. Health,
        # metrics and static files read no person and must answer while Neo4j is down
        # (finding the logged-in user asks the database).
        if request.endpoint in ("health.healthz", "metrics.metrics", "static"):
            return
        visibility.set_reader(auth.reader_org())

    @app.teardown_request
    def _read_as_instance(_exc: BaseException | None) -> None:
        # The thread serves the next request (or a test goes on) reading as nobody's office.
        visibility.set_reader(None)

    @app.after_request
    def security_headers(resp: Response) -> Response:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for old browsers
        resp.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            "form-action 'self'",
        )
        return deployment.keep_private_with_session(resp)

    return app


def warm_up(app: Flask) -> threading.Thread:
    """Compile every template and open the database connections in the background, so the
    first visitor after a start does not wait for what every later one gets from caches."""

    def work() -> None:
        for name in app.jinja_env.list_templates(extensions=["html"]):
            app.jinja_env.get_template(name)
        with app.app_context():
            try:
                store = get_store()
                graph.counts(store)
                # every label the search page asks for: its plan takes seconds to compile
                for label in search.INDEX_OF:
                    search.search(store, graph.LABELS[label], search.Filters(), limit=25)
            except graph.GraphError:  # the database may still be starting: pages say so
                logging.getLogger(__name__).info("warm-up without database")

    thread = threading.Thread(target=work, name="warm-up", daemon=True)
    thread.start()
    return thread


def proposal_sent(err: graph.ProposalSent) -> ResponseReturnValue:
    """A change to another organisation's record was sent to it as a proposal: the form
    returns to the record with the notice, the API answers 202 with the proposal's id."""
    message = _("Ihre Änderung wurde %(to)s als Vorschlag geschickt.", to=err.recipient)
    if request.path.startswith("/api/"):
        return jsonify(proposal=err.changeset, message=message, status=202), 202
    flash(message, "info")
    return redirect(record_url(err.label, err.record_id))


def _register_errors(app: Flask) -> None:
    messages = {
        400: (_l("Ungültige Anfrage"), _l("Die Anfrage konnte nicht verarbeitet werden.")),
        401: (_l("Anmeldung erforderlich"), _l("Bitte melden Sie sich an.")),
        403: (_l("Kein Zugriff"), _l("Sie haben keine Berechtigung für diese Seite.")),
        404: (_l("Nicht gefunden"), _l("Diese Seite oder dieser Datensatz existiert nicht.")),
        405: (
            _l("Methode nicht erlaubt"),
            _l("Diese Adresse kann so nicht aufgerufen werden."),
        ),
        409: (_l("Konflikt"), _l("Der Datensatz wurde inzwischen geändert.")),
        413: (_l("Zu groß"), _l("Die gesendeten Daten sind zu groß.")),
        429: (
            _l("Zu viele Anfragen"),
            _l("Bitte warten Sie einen Moment und versuchen Sie es dann erneut."),
        ),
        500: (
            _l("Interner Fehler"),
            _l("Etwas ist schiefgegangen. Bitte später erneut versuchen."),
        ),
        503: (
            _l("Datenbank nicht erreichbar"),
            _l(
                "Die Datenbank (Neo4j) ist gerade nicht erreichbar. Bitte in einigen "
                "Augenblicken erneut versuchen."
            ),
        ),
    }

    def page(code: int, detail: str | None = None) -> tuple[str | Response, int]:
        title, text = messages[code]
        if request.path.startswith("/api/"):
            return jsonify(error=str(detail or text), status=code), code
        return render_template("error.html", code=code, title=title, text=detail or text), code

    for code in messages:
        app.register_error_handler(code, lambda e, code=code: page(code))
    # One German line saying what is wrong and which setting to check (never the URI).
    app.register_error_handler(graph.DatabaseUnavailableError, lambda e: page(503, said(e)))
    app.register_error_handler(
        CSRFError,
        lambda e: page(400, str(_l("Das Formular ist abgelaufen oder ungültig. Bitte neu laden."))),
    )
    app.register_error_handler(graph.NotFoundError, lambda e: page(404, said(e)))
    app.register_error_handler(graph.ForbiddenError, lambda e: page(403, said(e)))
    app.register_error_handler(graph.ValidationError, lambda e: page(400, said(e)))
    app.register_error_handler(graph.ConflictError, lambda e: page(409, said(e)))
    app.register_error_handler(graph.ProposalSent, proposal_sent)
