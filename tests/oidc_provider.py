"""A small OpenID Connect provider for the login tests, built on Authlib's server side and
served on 127.0.0.1: discovery document, JWKS, authorization (code flow with PKCE and nonce),
token and userinfo endpoints, RS256-signed ID tokens, and RP-initiated logout.

It plays the office's Keycloak: the person who "logs in there" is :attr:`Provider.person`
(the tests set it; the provider consents at once), and :attr:`Provider.groups_in_id_token`
decides whether the groups come in the ID token or only from the userinfo endpoint.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import pytest
from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from flask import Blueprint, Flask, current_app, jsonify, redirect, request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

CLIENT_ID = "netzwerk"
CLIENT_SECRET = "oidc-Test-Geheimnis-1"


@dataclass
class Person:
    sub: str
    username: str
    name: str
    groups: list[str]


@dataclass
class Client(ClientMixin):
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str] = field(default_factory=list)

    def get_client_id(self) -> str:
        return CLIENT_ID

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: Any) -> str:
        words = scope.split() if isinstance(scope, str) else list(scope)
        return " ".join(s for s in words if s in ("openid", "profile", "email", "groups"))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, CLIENT_SECRET)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    redirect_uri: str
    scope: str
    nonce: str | None
    person: Person
    challenge: str
    challenge_method: str
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


@dataclass
class Provider:
    issuer: str
    client: Client
    key: RSAKey
    person: Person | None = None
    groups_in_id_token: bool = True
    codes: dict[str, Code] = field(default_factory=dict)
    tokens: dict[str, Person] = field(default_factory=dict)
    logout: bool = True
    """Whether discovery offers an ``end_session_endpoint`` (RP-initiated logout)."""
    ended: list[dict[str, Any]] = field(default_factory=list)
    """The ID tokens' claims of the sessions ended at ``/logout``, oldest first."""


def _provider() -> Provider:
    return cast(Provider, current_app.extensions["oidc_provider"])


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]  # noqa: RUF012

    def save_authorization_code(self, code: str, req: Any) -> None:
        data = req.payload.data
        _provider().codes[code] = Code(
            code=code,
            redirect_uri=req.payload.redirect_uri,
            scope=req.payload.scope,
            nonce=data.get("nonce"),
            person=req.user,
            challenge=data.get("code_challenge") or "",
            challenge_method=data.get("code_challenge_method") or "",
        )

    def query_authorization_code(self, code: str, client: Any) -> Code | None:
        return _provider().codes.get(code)

    def delete_authorization_code(self, authorization_code: Code) -> None:
        _provider().codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: Code) -> Person:
        return authorization_code.person


class Challenge(CodeChallenge):
    def get_authorization_code_challenge(self, authorization_code: Code) -> str:
        return authorization_code.challenge

    def get_authorization_code_challenge_method(self, authorization_code: Code) -> str:
        return authorization_code.challenge_method


class OpenID(OpenIDCode):
    def resolve_client_private_key(self, client: Any) -> RSAKey:
        return _provider().key

    def get_client_claims(self, client: Any) -> dict[str, Any]:
        return {"iss": _provider().issuer, "aud": [CLIENT_ID], "exp": int(time.time()) + 300}

    def get_client_algorithm(self, client: Any) -> str:
        return "RS256"

    def exists_nonce(self, nonce: str, req: Any) -> bool:
        return any(c.nonce == nonce for c in _provider().codes.values())

    def generate_user_info(self, user: Person, scope: str) -> UserInfo:
        info = UserInfo(sub=user.sub, preferred_username=user.username, name=user.name)
        if _provider().groups_in_id_token:
            info["groups"] = user.groups
        return info


bp = Blueprint("provider", __name__)


@bp.get("/.well-known/openid-configuration")
def discovery() -> Any:
    issuer = _provider().issuer
    logout = {"end_session_endpoint": f"{issuer}/logout?ui=de"} if _provider().logout else {}
    return jsonify(
        **logout,
        issuer=issuer,
        authorization_endpoint=f"{issuer}/authorize",
        token_endpoint=f"{issuer}/token",
        userinfo_endpoint=f"{issuer}/userinfo",
        jwks_uri=f"{issuer}/jwks",
        response_types_supported=["code"],
        subject_types_supported=["public"],
        id_token_signing_alg_values_supported=["RS256"],
        code_challenge_methods_supported=["S256"],
    )


@bp.get("/jwks")
def jwks() -> Any:
    return jsonify(keys=[_provider().key.as_dict(private=False)])


@bp.get("/authorize")
def authorize() -> Any:
    """The person is logged in at the provider already and consents at once."""
    server = current_app.extensions["oidc_server"]
    return server.create_authorization_response(grant_user=_provider().person)


@bp.post("/token")
def token() -> Any:
    return current_app.extensions["oidc_server"].create_token_response()


@bp.get("/userinfo")
def userinfo() -> Any:
    header = request.headers.get("Authorization", "")
    person = _provider().tokens.get(header.removeprefix("Bearer ").strip())
    if person is None:
        return jsonify(error="invalid_token"), 401
    return jsonify(
        sub=person.sub, preferred_username=person.username, name=person.name, groups=person.groups
    )


@bp.get("/logout")
def logout() -> Any:
    """RP-initiated logout: the hint must be an ID token this provider signed for the
    client, the way back one the client registered; then the session here ends."""
    provider = _provider()
    try:
        token = jwt.decode(request.args.get("id_token_hint", ""), provider.key)
    except JoseError:
        return jsonify(error="invalid id_token_hint"), 400
    back = request.args.get("post_logout_redirect_uri", "")
    if CLIENT_ID not in (token.claims.get("aud") or []) or (
        back and back not in provider.client.post_logout_redirect_uris
    ):
        return jsonify(error="invalid_request"), 400
    provider.ended.append(dict(token.claims))
    return redirect(back) if back else "Abgemeldet."


def _app(provider: Provider) -> Flask:
    app = Flask("oidc-provider")
    app.extensions["oidc_provider"] = provider

    def save_token(token: dict[str, Any], req: Any) -> None:
        provider.tokens[token["access_token"]] = req.user

    server = AuthorizationServer(
        app,
        query_client=lambda cid: provider.client if cid == CLIENT_ID else None,
        save_token=save_token,
    )
    server.register_grant(CodeGrant, [OpenID(require_nonce=True), Challenge(required=True)])
    app.extensions["oidc_server"] = server
    app.register_blueprint(bp)
    return app


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    """The provider on a free loopback port (plain http: AUTHLIB_INSECURE_TRANSPORT is set
    for the test session only; a real login service speaks https)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    provider = Provider(issuer="", client=Client(redirect_uris=[]), key=RSAKey.generate_key(2048))
    server = make_server("127.0.0.1", 0, _app(provider), threaded=True)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        thread.join(timeout=10)
        mp.undo()
