"""The public page of the double opt-in: a person confirms or declines a consent that
someone else gave for them (``/einwilligung/<token>`` from the confirmation mail).

Opening the page changes nothing (mail scanners open links); the buttons post the answer.
No login: the secret in the link is the proof. Like the survey pages, nothing is cached and
no referrer leaves the page.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from netzwerk import graph
from netzwerk.graph.personal import confirmation
from netzwerk.web.extensions import get_store
from netzwerk.web.survey_answer import _private  # the same headers as the survey's page

bp = Blueprint("consent_confirm", __name__)


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
