"""How the app sits in its deployment: secret key, the reverse proxy in front, the public address.

Behind a reverse proxy (nginx, Apache; ``deploy/`` has examples) the app sees the proxy as
client and plain HTTP as scheme. With ``NETZWERK_PROXY_HOPS=n`` Werkzeug's ``ProxyFix``
trusts the last *n* ``X-Forwarded-For/-Proto/-Host/-Prefix`` values, so secure cookies,
redirects and the login throttle see the real scheme and client; headers from further out
are ignored (a client cannot forge its address past a proxy that overwrites them). With no
proxy (0, the default) no forwarded header is believed.

Links that leave the page — survey invitations, the Bildungslandkarte's embed snippet, the
offline HTML — use ``NETZWERK_BASE_URL``. A page that a proxy may cache never takes its
address from the request's ``Host:`` header, which any client can set.
"""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any

from flask import Flask, Response, request, session, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from netzwerk import settings

log = logging.getLogger(__name__)


def configure(app: Flask) -> None:
    """Secret key, proxy trust and URL scheme from the settings (tests may preset the key)."""
    if not app.config.get("SECRET_KEY"):
        key = settings.secret_key()
        if not key:
            log.warning(
                "no NETZWERK_SECRET_KEY(_FILE): a random key is used, sessions end on restart"
            )
        app.config["SECRET_KEY"] = key or secrets.token_hex(32)
    hops = app.config.get("PROXY_HOPS", settings.proxy_hops())
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )
    if configured_url().startswith("https://"):
        app.config["PREFERRED_URL_SCHEME"] = "https"


def configure_logging() -> None:
    """Log lines for the journal (``NETZWERK_LOG_LEVEL``, default INFO): one access line per
    request (route, status, time; :mod:`netzwerk.web.metrics`) and warnings. The Neo4j
    driver stays at WARNING whatever the level: its debug lines carry query parameters,
    that is names and e-mail addresses."""
    level = os.environ.get("NETZWERK_LOG_LEVEL", "INFO").strip().upper() or "INFO"
    logging.basicConfig(
        level=level if level in logging.getLevelNamesMapping() else "INFO",
        format="%(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("neo4j").setLevel(logging.WARNING)


def configured_url() -> str:
    """``NETZWERK_BASE_URL`` without trailing slash, or "" (then links stay relative)."""
    return settings.base_url()


def public_url() -> str:
    """The configured public address, else this request's own (for pages nobody caches)."""
    return configured_url() or request.host_url.rstrip("/")


def external_url(endpoint: str, **values: Any) -> str:
    """An address to hand out (an embed snippet): ``NETZWERK_BASE_URL`` + the route, or the
    route alone when no base URL is configured — never built from the ``Host:`` header."""
    path = url_for(endpoint, **values)
    base = configured_url()
    if not base:
        return path
    return base + path[len(request.script_root) :]


def keep_private_with_session(resp: Response) -> Response:
    """A response marked ``public`` that carries or refreshes a session becomes private.

    A shared cache (the town's proxy) would otherwise keep the Set-Cookie of one visitor —
    an administrator's session, or the language choice of ``?lang=en`` — and hand it to the
    next. Runs last among the app's after-request functions, before Flask writes the cookie.
    """
    cache = resp.headers.get("Cache-Control", "")
    if "public" in cache and (session.modified or bool(session) or "Set-Cookie" in resp.headers):
        resp.headers["Cache-Control"] = "private, no-cache"
        resp.vary.add("Cookie")
    return resp
