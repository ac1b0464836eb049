"""A survey's life: create it with its invitations, issue links, revoke one, close it.

Creating resolves the scope to actors (and, per person, to their current contact persons),
writes the survey with every invitation in one transaction and keeps a snapshot of the
network for the before/after comparison. Links are handed out separately
(:func:`links_of`): the first call issues them, every later one derives the same links again
(:mod:`.tokens`), so downloading twice, another format, mails and reminders never invalidate a
link a partner already holds; only :func:`renew_links` does, as an explicit step.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from netzwerk.graph.core.errors import FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.network import snapshot
from netzwerk.graph.records import visibility
from netzwerk.graph.surveys import compare, tokens
from netzwerk.graph.surveys.model import (
    MAX_ACTORS,
    MAX_DAYS_OPEN,
    Invite,
    Survey,
    from_props,
    invite_from,
    to_props,
    validate,
)


def scope_actors(store: Store, survey: Survey) -> list[dict[str, str]]:
    """The actors (id, name) the survey's scope selects today, by name (at most one more
    than :data:`MAX_ACTORS`, so the caller can tell "too many").

    The selection is the one filter's (:func:`netzwerk.graph.network.snapshot.select`, memberships
    and participations of today): a survey of the "MINT-Initiativkreis" asks exactly the
    actors its picture and its contact export show.
    """
    scope = survey.scope
    selected = snapshot.select(snapshot.current(store), scope.filter.on(date.today()))
    chosen = set(scope.actor_ids)
    found = [
        {"id": node, "name": str(data["name"])}
        for node, data in selected.nodes(data=True)
        if scope.kind != "actors" or node in chosen
    ]
    found.sort(key=lambda a: (a["name"].lower(), a["id"]))
    return found[: MAX_ACTORS + 1]


def create_survey(store: Store, survey: Survey, *, user: str) -> tuple[Survey, int]:
    """Validate and store a survey with one invitation per actor (or contact person).

    Returns the stored survey and the number of invitations. A scope that selects nobody is
    a :class:`ValidationError` (nothing is written).
    """
    survey = validate(survey)
    org = _asking_office(store, user)
    if survey.follows and not store.read("surveys/get", id=survey.follows, reader=org):
        raise ValidationError([FieldError("follows", N_("Diese frühere Befragung gibt es nicht"))])
    actors = scope_actors(store, survey)
    if not actors:
        raise ValidationError([FieldError("scope", N_("Die Auswahl enthält keinen Akteur"))])
    if len(actors) > MAX_ACTORS:
        raise ValidationError(
            [
                FieldError.said(
                    "scope",
                    N_("Die Auswahl enthält mehr als %(max_actors)s Akteure"),
                    max_actors=MAX_ACTORS,
                )
            ]
        )
    ids = [a["id"] for a in actors]
    pairs = _invitations(store, survey.per, ids, org)
    survey = dataclasses.replace(
        survey,
        id=f"survey-{uuid.uuid4().hex[:12]}",
        created_by=user,
        org=org,
        before=compare.snapshot(store, ids),
    )
    invites = [{"id": tokens.new_invite_id(), "actor_id": a, "person_id": p} for a, p in pairs]
    row = store.write("surveys/create", id=survey.id, props=to_props(survey), invites=invites)[0]
    return from_props(row["survey"]), int(row["invites"])


def _asking_office(store: Store, user: str) -> str:
    """The office a new survey belongs to: the reader's; for an instance admin (who reads
    as every office) the office of the account, the default one for a name without one."""
    reader = visibility.reader()
    if reader is not None:
        return reader
    rows = store.read("users/get_by_username", username=user)
    return str(rows[0]["user"].get("org") or DEFAULT_ORG) if rows else DEFAULT_ORG


def _invitations(store: Store, per: str, ids: list[str], org: str) -> list[tuple[str, str]]:
    """(actor id, person id or "") of each invitation: one per actor, one per contact
    person, or — ``per = "several"`` — one per contact person of an organisation with
    several and one per actor otherwise (so each colleague answers for themselves, and an
    organisation with one contact is not asked twice). Only persons of ``org``, the
    asking office, are invited: another office's contact persons are not its to ask."""
    if per == "actor":
        return [(a, "") for a in ids]
    persons: dict[str, list[str]] = {}
    for r in store.read("surveys/scope_persons", actor_ids=ids, reader=org):
        persons.setdefault(r["actor_id"], []).append(r["person_id"])
    if per == "person":
        pairs = [(a, p) for a in ids for p in persons.get(a, [])]
        if not pairs:
            raise ValidationError(
                [FieldError("per", N_("Die ausgewählten Akteure haben keine Ansprechpersonen"))]
            )
        return pairs
    return [
        pair
        for a in ids
        for pair in ([(a, p) for p in persons[a]] if len(persons.get(a, [])) > 1 else [(a, "")])
    ]


def get_survey(store: Store, survey_id: str) -> Survey:
    """The survey, if the reader's office asks it (another office's is not found)."""
    reader = visibility.reader()
    rows = store.read("surveys/get", id=survey_id, reader=reader) if is_valid_id(survey_id) else []
    if not rows:
        raise NotFoundError.said(
            N_("Befragung „%(survey_id)s“ wurde nicht gefunden."), survey_id=survey_id[:80]
        )
    return from_props(rows[0]["survey"])


@dataclass
class Listed:
    survey: Survey
    invites: int
    submitted: int


def list_surveys(store: Store) -> list[Listed]:
    return [
        Listed(from_props(r["survey"]), int(r["invites"]), int(r["submitted"]))
        for r in store.read("surveys/list", reader=visibility.reader())
    ]


def invites_of(store: Store, survey_id: str) -> list[Invite]:
    return [
        invite_from(r)
        for r in store.read("surveys/invites", survey_id=survey_id, reader=visibility.reader())
    ]


@dataclass
class Issued:
    """An invitation with its link token (derived again whenever it is shown, never stored)."""

    invite: Invite
    token: str


@dataclass
class Links:
    """The links of a survey that can be handed out, and how many cannot be shown again
    (issued before links were derived, or under another link key: only renewing helps)."""

    issued: list[Issued] = field(default_factory=list)
    lost: list[Invite] = field(default_factory=list)


def _chosen(store: Store, survey_id: str, invite_ids: list[str] | None) -> list[Invite]:
    survey = get_survey(store, survey_id)
    if not survey.is_open():
        raise ValidationError([FieldError("survey", N_("Die Befragung ist beendet"))])
    wanted = set(invite_ids or [])
    return [
        i
        for i in invites_of(store, survey_id)
        if not i.revoked and (i.id in wanted if invite_ids is not None else True)
    ]


def _store_hashes(tx: Tx, survey_id: str, rows: list[dict[str, Any]], *, renew: bool) -> None:
    if rows:
        tx.run("surveys/issue", survey_id=survey_id, rows=rows, renew=renew)


def links_of(store: Store, survey_id: str, invite_ids: list[str] | None = None) -> Links:
    """The links of the survey's invitations (all, or the given ones), issuing a first link
    where there is none yet and re-deriving the others: a second download, another format, a
    mail or a reminder hands out the very links given before. A closed survey hands out none.
    """
    chosen = _chosen(store, survey_id, invite_ids)
    key = tokens.link_key()
    first = [
        {"id": i.id, "hash": tokens.digest(tokens.derive(i.id, 0, key)), "generation": 0}
        for i in chosen
        if not i.issued
    ]
    store.transaction(lambda tx: _store_hashes(tx, survey_id, first, renew=False))
    stored = {r["id"]: r for r in store.read("surveys/link_hashes", survey_id=survey_id)}
    out = Links()
    for i in chosen:
        row = stored.get(i.id) or {}
        secret = tokens.derive(i.id, int(row.get("generation") or 0), key)
        if row.get("hash") and tokens.matches(secret, row["hash"]):
            out.issued.append(Issued(i, tokens.make(i.id, secret)))
        else:
            out.lost.append(i)
    return out


def renew_links(store: Store, survey_id: str, invite_ids: list[str] | None = None) -> Links:
    """New links for the invitations (all, or the given ones): the explicit step that makes
    the links handed out before stop working. Answers saved through them stay."""
    chosen = _chosen(store, survey_id, invite_ids)
    key = tokens.link_key()

    def work(tx: Tx) -> Links:
        current = {r["id"]: r for r in tx.run("surveys/link_hashes", survey_id=survey_id)}
        rows = []
        out = Links()
        for i in chosen:
            generation = int((current.get(i.id) or {}).get("generation") or 0) + 1
            secret = tokens.derive(i.id, generation, key)
            rows.append({"id": i.id, "hash": tokens.digest(secret), "generation": generation})
            out.issued.append(Issued(i, tokens.make(i.id, secret)))
        _store_hashes(tx, survey_id, rows, renew=True)
        return out

    return store.transaction(work)


def issue_links(store: Store, survey_id: str, invite_ids: list[str] | None = None) -> list[Issued]:
    """The links that can be handed out (see :func:`links_of`), without the lost ones."""
    return links_of(store, survey_id, invite_ids).issued


def holders(invites: list[Invite]) -> list[Invite]:
    """The invitations whose current link was handed out (downloaded or mailed): renewing
    them leaves these partners with a link that no longer opens."""
    return [i for i in invites if i.issued and not i.revoked]


def revoke(store: Store, survey_id: str, invite_id: str) -> None:
    get_survey(store, survey_id)  # another office's survey is not found, nor its links
    rows = (
        store.write("surveys/revoke", survey_id=survey_id, id=invite_id)
        if is_valid_id(invite_id)
        else []
    )
    if not rows:
        raise NotFoundError.said(N_("Diese Einladung gibt es nicht."))


def close_survey(store: Store, survey_id: str) -> Survey:
    """Close the survey (links stop working) and keep the network figures after it.

    A respondent's save locks the survey node and checks it is open in the same
    transaction (``surveys/save_answer``), and closing writes that node: a save either
    commits before the close or is refused after it, never stored behind it.
    """
    survey = get_survey(store, survey_id)
    ids: list[str] = list((survey.before or {}).get("actor_ids", []))
    after = compare.snapshot(store, ids)
    row = store.write("surveys/close", id=survey.id, after=json.dumps(after))[0]
    return from_props(row["survey"])


def reopen_survey(store: Store, survey_id: str, *, closes: date | None = None) -> Survey:
    """Undo a close: the links handed out open again (none is renewed). A survey whose
    closing date has passed needs a new one (today at the earliest, two years at most)."""
    survey = get_survey(store, survey_id)
    if survey.status != "closed":
        raise ValidationError([FieldError("survey", N_("Die Befragung läuft noch"))])
    new_closes = closes or survey.closes
    today = date.today()
    if new_closes is None or new_closes < today:
        raise ValidationError(
            [FieldError("closes", N_("Bitte ein neues Ende der Befragung angeben (ab heute)"))]
        )
    if new_closes > today + timedelta(days=MAX_DAYS_OPEN):
        raise ValidationError(
            [FieldError("closes", N_("liegt mehr als zwei Jahre in der Zukunft"))]
        )
    row = store.write("surveys/reopen", id=survey.id, closes=new_closes)[0]
    return from_props(row["survey"])


class LinkError(Exception):
    """A respondent's link does not (or no longer) work; ``state`` says why."""

    def __init__(self, state: str):
        self.state = state
        super().__init__(state)


@dataclass
class Access:
    """A verified link: the invitation, its survey and the link's hash (a save checks it is
    still the invitation's, so a link renewed meanwhile cannot save)."""

    invite: dict[str, Any]
    survey: Survey
    link_hash: str = ""


def check_link(store: Store, token: str, *, today: date | None = None) -> Access:
    """The invitation behind a link, or :class:`LinkError`: "invalid", "revoked", "ended"
    (the office closed the survey) or "closed" (its closing date has passed).

    Only a link whose secret matches learns that it was revoked or that the survey ended; a
    guessed one is just "invalid".
    """
    parsed = tokens.parse(token)
    rows = store.read("surveys/invite_by_id", id=parsed.invite_id) if parsed else []
    stored = rows[0]["invite"].get("hash") if rows else None
    if parsed is None or not tokens.matches(parsed.secret, stored):
        raise LinkError("invalid")
    invite, survey = rows[0]["invite"], from_props(rows[0]["survey"])
    if invite.get("revoked"):
        raise LinkError("revoked")
    if survey.status == "closed":
        raise LinkError("ended")
    if not survey.is_open(today):
        raise LinkError("closed")
    return Access(invite=invite, survey=survey, link_hash=str(invite.pop("hash")))
