"""The public page of the double opt-in: a person confirms or declines a consent that
someone else gave for them (``/einwilligung/<token>`` from the confirmation mail).

Opening the page changes nothing (mail scanners open links); the buttons post the answer.
No login: the secret in the link is the proof. Like the survey pages, nothing is cached and
no referrer leaves the page.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, make_response, render_template, request
from flask.typing import ResponseReturnValue

from netzwerk import graph
from netzwerk.graph.personal import confirmation
from netzwerk.web.extensions import get_store

bp = Blueprint("consent_confirm", __name__)


def _private(html: str, status: int = 200) -> Any:
    out = make_response(html, status)
    out.headers["Cache-Control"] = "no-store"
    out.headers["Referrer-Policy"] = "no-referrer"
    out.headers["X-Robots-Tag"] = "noindex, nofollow"
    return out


def _gone() -> Any:
    return _private(render_template("consent/confirm.html", pending=None, answered=None), 404)


@bp.route(confirmation.PATH + "<token>", methods=["GET", "POST"])
def confirm(token: str) -> ResponseReturnValue:
    store = get_store()
    try:
        pending = confirmation.open_link(store, token)
    except graph.NotFoundError:
        return _gone()
    if request.method == "POST":
        choice = request.form.get("answer", "")
        if choice not in ("confirm", "decline"):
            html = render_template("consent/confirm.html", pending=pending, answered=None)
            return _private(html, 400)
        try:
            done = confirmation.answer(store, token, confirm=choice == "confirm")
        except graph.NotFoundError:
            return _gone()
        return _private(render_template("consent/confirm.html", pending=None, answered=done))
    return _private(render_template("consent/confirm.html", pending=pending, answered=None))
