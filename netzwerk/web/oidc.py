"""Login through the office's OpenID Connect service (Keycloak, Entra ID, Authentik …).

The authorization code flow with PKCE (Authlib's Flask client): the login page's button
sends the browser to the service, which sends it back to ``/anmelden/oidc/antwort`` with a
code; netzwerk exchanges the code for tokens at the service (server to server), checks the
ID token's signature, issuer, audience and nonce against the service's published keys, and
reads the login name and the groups from it (or from the userinfo endpoint when the ID
token does not carry the groups). The groups map to a role like the LDAP directory's; the
account is created or brought up to date through the write path
(:func:`netzwerk.graph.operations.accounts.sign_in_from_directory`).

Logging out of netzwerk ends the session at the service too (RP-initiated logout): the ID
token of the login is kept in the session, and :func:`end_session_url` sends the browser to
the service's ``end_session_endpoint`` (from its discovery document) with that token as
``id_token_hint`` and the login page as ``post_logout_redirect_uri``. Otherwise the next
person at a shared office computer would be logged in again by a click on the button. A
service without that endpoint (or out of reach) leaves the logout local.

References
----------
.. [1] Sakimura, N. et al. (2014). OpenID Connect Core 1.0, section 3.1 (Authorization
   Code Flow) and 3.1.3.7 (ID Token Validation).
.. [2] Sakimura, N., Bradley, J. and Agarwal, N. (2015). Proof Key for Code Exchange by
   OAuth Public Clients. RFC 7636.
.. [3] Jones, M. et al. (2022). OpenID Connect RP-Initiated Logout 1.0, section 2.
"""

from __future__ import annotations

from typing import Any

from authlib.common.urls import add_params_to_uri
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from requests import RequestException

from netzwerk import graph
from netzwerk.graph.admin.login_settings import LoginSettings, OidcSettings
from netzwerk.graph.operations import accounts
from netzwerk.web import auth
from netzwerk.web.extensions import get_store
from netzwerk.web.said import said

bp = Blueprint("oidc", __name__)
_REGISTRY = "authlib.integrations.flask_client"
NEXT = "_oidc_next"


def init_app(app: Flask, settings: LoginSettings) -> None:
    """Register the login service's client on ``app`` (one registry per app)."""
    if settings.oidc is None:
        return
    oauth = OAuth(app)
    oauth.register(
        "oidc",
        client_id=settings.oidc.client_id,
        client_secret=settings.oidc.client_secret or None,
        server_metadata_url=settings.oidc.metadata_url,
        client_kwargs={"scope": settings.oidc.scope, "code_challenge_method": "S256"},
    )


def _client() -> tuple[Any, OidcSettings]:
    settings = auth.login_config().oidc
    oauth = current_app.extensions.get(_REGISTRY)
    if settings is None or oauth is None:
        abort(404)
    return oauth.create_client("oidc"), settings


@bp.get("/anmelden/oidc")
def start() -> ResponseReturnValue:
    client, _settings = _client()
    session[NEXT] = request.args.get("next") or ""
    try:
        return client.authorize_redirect(url_for("oidc.callback", _external=True))
    except (OAuthError, RequestException, ValueError):
        return _failed(_("Der Anmeldedienst ist gerade nicht erreichbar."))


def _failed(message: str) -> ResponseReturnValue:
    """Back to the login page with the reason (the service's own page is gone by now)."""
    flash(message, "error")
    return redirect(url_for("auth.login"))


def _claims(client: Any, settings: OidcSettings) -> tuple[dict[str, Any], str]:
    """The checked claims of the login and its ID token (kept for the logout)."""
    token = client.authorize_access_token()
    claims = dict(token.get("userinfo") or {})
    if settings.groups_claim not in claims or settings.username_claim not in claims:
        claims = {**dict(client.userinfo(token=token)), **claims}
    return claims, str(token.get("id_token") or "")


@bp.get("/anmelden/oidc/antwort")
def callback() -> ResponseReturnValue:
    client, settings = _client()
    try:
        claims, id_token = _claims(client, settings)
    except OAuthError:
        return _failed(_("Die Anmeldung beim Anmeldedienst ist fehlgeschlagen."))
    except (RequestException, ValueError):
        return _failed(_("Der Anmeldedienst ist gerade nicht erreichbar."))
    username = str(claims.get(settings.username_claim) or "")
    raw_groups = claims.get(settings.groups_claim) or []
    groups = [str(g) for g in raw_groups] if isinstance(raw_groups, list) else [str(raw_groups)]
    claim = auth.login_config().roles.claim("oidc", username, str(claims.get("name") or ""), groups)
    if claim is None:
        return _failed(
            _("Ihr Konto ist keiner netzwerk-Gruppe zugeordnet. Bitte wenden Sie sich an die IT.")
        )
    try:
        user = accounts.sign_in_from_directory(get_store(), claim)
    except (graph.ForbiddenError, graph.ValidationError) as err:
        return _failed(said(err))
    target = str(session.pop(NEXT, "") or "") or None
    response = auth.begin(user, target)  # a fresh session (the service did the second factor)
    if id_token:
        session[auth.OIDC_ID_TOKEN] = id_token
    return response


def end_session_url(id_token: str) -> str | None:
    """Where the browser ends its session at the login service, then comes back to the
    login page; None when the service offers no logout (or cannot be asked)."""
    settings = auth.login_config().oidc
    oauth = current_app.extensions.get(_REGISTRY)
    if settings is None or oauth is None or not id_token:
        return None
    try:
        metadata = oauth.create_client("oidc").load_server_metadata()
    except (OAuthError, RequestException, ValueError):
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not isinstance(endpoint, str) or not endpoint.startswith(("https://", "http://")):
        return None
    params = [
        ("id_token_hint", id_token),
        ("post_logout_redirect_uri", url_for("auth.login", _external=True)),
        ("client_id", settings.client_id),
    ]
    return str(add_params_to_uri(endpoint, params))
