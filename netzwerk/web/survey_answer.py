"""The respondent's page of a survey: ``/b/<link>``, no account needed.

The link is the only credential, so every request checks it again (hash, constant time,
survey open, not revoked) and shows only that invitation's own actor. The form is plain HTML:
the core answers work without JavaScript (partner names are searched with the browser's own
``<datalist>``; "Weitere Zeilen" asks the server for more rows). Answers can be saved and
continued later through the same link, and handed in; until the survey closes a handed-in
answer can still be corrected. An invalid, revoked or expired link gets a German page and
never any data. Responses are not cached and send no referrer (the link is in the URL).
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from netzwerk.graph import surveys as sv
from netzwerk.graph.core.model import COOPERATION_KINDS, INTENSITIES, SCALE
from netzwerk.graph.surveys import model, respondent
from netzwerk.graph.surveys.merge import partner_key
from netzwerk.web.extensions import get_store
from netzwerk.web.said import field_said

bp = Blueprint("survey_answer", __name__)

MESSAGES = {
    "invalid": (
        _l("Dieser Link ist ungültig"),
        _l(
            "Bitte prüfen Sie, ob der Link vollständig kopiert wurde. Falls Sie eine neuere "
            "Einladung oder Erinnerung erhalten haben, gilt nur der Link daraus."
        ),
    ),
    "revoked": (
        _l("Dieser Link wurde zurückgezogen"),
        _l(
            "Das Bildungsbüro hat diesen Link zurückgezogen. Bitte wenden Sie sich an das "
            "Bildungsbüro, wenn Sie trotzdem teilnehmen möchten."
        ),
    ),
    "closed": (
        _l("Die Befragung ist beendet"),
        _l("Die Frist dieser Befragung ist abgelaufen. Vielen Dank für Ihr Interesse."),
    ),
    "ended": (
        _l("Die Befragung ist abgeschlossen"),
        _l(
            "Das Bildungsbüro hat die Befragung abgeschlossen; Antworten werden nicht mehr "
            "gespeichert. Vielen Dank für Ihr Interesse."
        ),
    ),
}
MAX_BASE = 500_000
"""Largest answer-as-shown a form may send back (sixty partners with long notes fit)."""


def _private(resp: Any, status: int = 200) -> Any:
    out = make_response(resp, status)
    out.headers["Cache-Control"] = "no-store"
    out.headers["Referrer-Policy"] = "no-referrer"
    out.headers["X-Robots-Tag"] = "noindex, nofollow"
    return out


def _rows(v: respondent.View, answer: dict[str, Any] | None, extra: int) -> list[dict[str, Any]]:
    """Partner rows to show: the saved answer (or our known partners), then empty rows."""
    if answer and answer.get("partners") is not None:
        rows = [dict(p) for p in answer["partners"]]
    else:
        rows = respondent.start_rows(v)
    known = {p["id"] for p in v.partners}
    for r in rows:
        r["existing"] = bool(r.get("existing") and r.get("actor_id") in known)
        r["since"] = _shown_date(str(r.get("since") or ""))
        until = str(r.get("until") or "")
        r["until_shown"] = f"{until[5:7]}.{until[:4]}" if len(until) == 10 else until
    rows += [{} for _ in range(max(respondent.EMPTY_ROWS, extra))]
    return rows[: respondent.MAX_PARTNERS]


def _shown_date(iso: str) -> str:
    """A stored date as the form shows it: a bare year for 1 January, else TT.MM.JJJJ."""
    if len(iso) != 10 or iso[4] != "-":
        return iso
    return iso[:4] if iso.endswith("-01-01") else f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


def _contacts(v: respondent.View, answer: dict[str, Any] | None) -> list[dict[str, Any]]:
    given = {c["person_id"]: c for c in (answer or {}).get("contacts", [])}
    return [
        {
            **c,
            "answer": given.get(
                c["id"],
                {"still_here": True, "function": "", "consent": bool(c.get("consent_contact"))},
            ),
        }
        for c in v.contacts
    ]


def _base(raw: str | None) -> dict[str, Any]:
    """The answer as the page showed it (sent back with the form), or nothing if unusable."""
    try:
        data = json.loads(raw or "{}") if len(raw or "") <= MAX_BASE else {}
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def _version(raw: str | None) -> int:
    text = (raw or "0")[:12]
    return int(text) if text.isdigit() else -1


def field_anchor(name: str) -> str:
    """The id of the input an error's field name belongs to (the alert links to it)."""
    if name in respondent.MASTER_FIELDS:
        return f"m-{name}"
    if name in respondent.VOCABS:
        return f"v-{name}"
    if re.fullmatch(r"[cp]\d+_\w+", name):
        return name.replace("_", "-", 1)
    return name


def _shown(value: Any) -> str:
    if value is None:
        return _("(entfernt)")
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return ", ".join(str(x) for x in value) or "–"
    if isinstance(value, dict):
        return str(value.get("name") or "–")
    return str(value) if value != "" else "–"


ROW_DETAILS = ("kind", "intensity", "since", "value", "trust", "note", "until")


def row_error(errors: dict[str, Any], i: int) -> bool:
    """Whether a partner row's collapsed details hold a field with an error (then they open)."""
    return any(f"p{i}_{name}" in errors for name in ROW_DETAILS)


def _first_empty(answer: dict[str, Any] | None) -> int:
    """The first new partner row after "Weitere Zeilen": it gets the focus (no JavaScript)."""
    return len((answer or {}).get("partners") or [])


CONTACT_FIELDS = {"still_here": "here", "function": "function", "consent": "consent"}


def conflict_fields(
    v: respondent.View, merged: dict[str, Any], conflicts: list[Any]
) -> dict[str, list[str]]:
    """Each conflict as a message at its form field: what the colleague saved meanwhile."""
    contacts = [c["id"] for c in v.contacts]
    partners = [partner_key(r) for r in merged.get("partners") or []]
    out: dict[str, list[str]] = {}
    for c in conflicts:
        head, *rest = c.path
        name = "comment"
        if head == "master":
            name = rest[0]
        elif head == "contacts" and rest[0] in contacts:
            name = f"c{contacts.index(rest[0])}_{CONTACT_FIELDS.get(rest[-1], 'function')}"
        elif head == "partners" and rest[0] in partners:
            i = partners.index(rest[0])
            name = f"p{i}_{rest[1]}" if len(rest) > 1 else f"p{i}_name"
        out.setdefault(name, []).append(
            _("Inzwischen von jemand anderem gespeichert: %(v)s", v=_shown(c.theirs))
        )
    return out


def _page(
    access: sv.Access,
    v: respondent.View,
    answer: Any,
    errors: Any,
    extra: int = 0,
    *,
    version: int | None = None,
    base: dict[str, Any] | None = None,
    conflict: bool = False,
) -> str:
    token = request.view_args["token"] if request.view_args else ""
    master = (answer or {}).get("master") or {
        **v.actor,
        **{k: sorted(s) for k, s in v.vocab.items()},
    }
    return render_template(
        "surveys/respond.html",
        token=token,
        survey=access.survey,
        actor=v.actor,
        view=v,
        master=master,
        contacts=_contacts(v, answer),
        partners=_rows(v, answer, extra),
        comment=(answer or {}).get("comment", ""),
        errors=errors,
        anchor=field_anchor,
        row_error=row_error,
        focus_row=_first_empty(answer) if extra else -1,
        conflict=conflict,
        version=v.version if version is None else version,
        base_json=json.dumps(
            (v.answer or respondent.initial_answer(v, access.survey.questions))
            if base is None
            else base,
            ensure_ascii=False,
        ),
        coop_kinds=COOPERATION_KINDS,
        intensities=INTENSITIES,
        scale=SCALE,
        wave_statuses=model.WAVE_STATUSES,
        vocab_titles={
            "topics": _("Themen"),
            "stages": _("Bildungsstufen"),
            "target_groups": _("Zielgruppen"),
            "regions": _("Regionen, in denen Sie aktiv sind"),
        },
    )


@bp.route("/b/<token>", methods=["GET", "POST"])
def answer(token: str) -> ResponseReturnValue:
    store = get_store()
    try:
        access = sv.check_link(store, token)
    except sv.LinkError as err:
        title, text = MESSAGES[err.state]
        return _private(
            render_template("surveys/link_error.html", title=title, text=text),
            404 if err.state == "invalid" else 410,
        )
    v = respondent.view(store, access.invite, access.survey.follows)
    if request.method == "GET":
        return _private(_page(access, v, v.answer, {}))
    parsed, errors = respondent.parse(
        request.form.get, request.form.getlist, v, access.survey.questions
    )
    action = request.form.get("action", "save")
    version, base = _version(request.form.get("version")), _base(request.form.get("base"))
    if action == "more":  # more empty partner rows, without JavaScript; nothing is saved
        page = _page(
            access, v, parsed, {}, extra=2 * respondent.EMPTY_ROWS, version=version, base=base
        )
        return _private(page)
    if errors:
        by_field: dict[str, list[str]] = {}
        for e in errors:
            by_field.setdefault(e.field, []).append(field_said(e))
        return _private(_page(access, v, parsed, by_field, version=version, base=base), 400)
    try:
        respondent.save(
            store,
            access.invite,
            parsed,
            submit=action == "submit",
            version=version,
            base=base,
            link_hash=access.link_hash,
        )
    except respondent.LateSave as late:
        title, text = MESSAGES[late.state]
        page = render_template("surveys/link_error.html", title=title, text=text)
        return _private(page, 404 if late.state == "invalid" else 410)
    except respondent.AnswerConflict as c:
        fields = conflict_fields(v, c.merged, c.conflicts)
        page = _page(access, v, c.merged, fields, version=c.version, base=c.theirs, conflict=True)
        return _private(page, 409)
    if action == "submit":
        flash(
            _(
                "Vielen Dank! Ihre Antwort ist abgegeben. Bis zum Ende der Befragung können "
                "Sie sie über denselben Link noch ändern."
            ),
            "success",
        )
    else:
        flash(_("Gespeichert. Sie können später über denselben Link weitermachen."), "success")
    return redirect(url_for("survey_answer.answer", token=token))
