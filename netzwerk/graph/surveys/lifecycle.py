"""A survey's life: create it with its invitations, issue links, revoke one, close it.

Creating resolves the scope to actors (and, per person, to their current contact persons),
writes the survey with every invitation in one transaction and keeps a snapshot of the
network for the before/after comparison. Links are issued separately
(:func:`issue_links`): the secret exists only in what that call returns, so the mail-merge
list or the mails are the only place it is ever written down.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from netzwerk.graph.core.errors import FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.network import snapshot
from netzwerk.graph.surveys import compare, tokens
from netzwerk.graph.surveys.model import (
    MAX_ACTORS,
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
    actors = scope_actors(store, survey)
    if not actors:
        raise ValidationError([FieldError("scope", "Die Auswahl enthält keinen Akteur")])
    if len(actors) > MAX_ACTORS:
        raise ValidationError(
            [FieldError("scope", f"Die Auswahl enthält mehr als {MAX_ACTORS} Akteure")]
        )
    ids = [a["id"] for a in actors]
    if survey.per == "person":
        pairs = [
            (r["actor_id"], r["person_id"])
            for r in store.read("surveys/scope_persons", actor_ids=ids)
        ]
        if not pairs:
            raise ValidationError(
                [FieldError("per", "Die ausgewählten Akteure haben keine Ansprechpersonen")]
            )
    else:
        pairs = [(a, "") for a in ids]
    survey = dataclasses.replace(
        survey,
        id=f"survey-{uuid.uuid4().hex[:12]}",
        created_by=user,
        before=compare.snapshot(store, ids),
    )
    invites = [{"id": tokens.new_invite_id(), "actor_id": a, "person_id": p} for a, p in pairs]
    row = store.write("surveys/create", id=survey.id, props=to_props(survey), invites=invites)[0]
    return from_props(row["survey"]), int(row["invites"])


def get_survey(store: Store, survey_id: str) -> Survey:
    rows = store.read("surveys/get", id=survey_id) if is_valid_id(survey_id) else []
    if not rows:
        raise NotFoundError(f"Befragung „{survey_id[:80]}“ wurde nicht gefunden.")
    return from_props(rows[0]["survey"])


@dataclass
class Listed:
    survey: Survey
    invites: int
    submitted: int


def list_surveys(store: Store) -> list[Listed]:
    return [
        Listed(from_props(r["survey"]), int(r["invites"]), int(r["submitted"]))
        for r in store.read("surveys/list")
    ]


def invites_of(store: Store, survey_id: str) -> list[Invite]:
    return [invite_from(r) for r in store.read("surveys/invites", survey_id=survey_id)]


@dataclass
class Issued:
    """An invitation with its freshly issued link token (shown once, never stored)."""

    invite: Invite
    token: str


def issue_in(tx: Tx, survey_id: str, invites: list[Invite]) -> list[Issued]:
    """New secrets for ``invites`` inside a transaction; old links of them stop working."""
    fresh = {i.id: tokens.new_secret() for i in invites if not i.revoked}
    rows = [{"id": k, "hash": tokens.digest(v)} for k, v in fresh.items()]
    done = {r["id"] for r in tx.run("surveys/issue", survey_id=survey_id, rows=rows)}
    return [Issued(i, tokens.make(i.id, fresh[i.id])) for i in invites if i.id in done]


def issue_links(
    store: Store, survey_id: str, *, reissue: bool = False, invite_ids: list[str] | None = None
) -> list[Issued]:
    """Links for the invitations that have none yet (all of them with ``reissue``, or the
    given ones): a closed survey issues none."""
    survey = get_survey(store, survey_id)
    if not survey.is_open():
        raise ValidationError([FieldError("survey", "Die Befragung ist beendet")])
    wanted = set(invite_ids or [])
    chosen = [
        i
        for i in invites_of(store, survey_id)
        if not i.revoked and (i.id in wanted if wanted else (reissue or not i.issued))
    ]
    return store.transaction(lambda tx: issue_in(tx, survey_id, chosen))


def revoke(store: Store, survey_id: str, invite_id: str) -> None:
    rows = (
        store.write("surveys/revoke", survey_id=survey_id, id=invite_id)
        if is_valid_id(invite_id)
        else []
    )
    if not rows:
        raise NotFoundError("Diese Einladung gibt es nicht.")


def close_survey(store: Store, survey_id: str) -> Survey:
    """Close the survey (links stop working) and keep the network figures after it."""
    survey = get_survey(store, survey_id)
    ids: list[str] = list((survey.before or {}).get("actor_ids", []))
    after = compare.snapshot(store, ids)
    row = store.write("surveys/close", id=survey.id, after=json.dumps(after))[0]
    return from_props(row["survey"])


class LinkError(Exception):
    """A respondent's link does not (or no longer) work; ``state`` says why."""

    def __init__(self, state: str):
        self.state = state
        super().__init__(state)


@dataclass
class Access:
    """A verified link: the invitation and its survey."""

    invite: dict[str, Any]
    survey: Survey


def check_link(store: Store, token: str, *, today: date | None = None) -> Access:
    """The invitation behind a link, or :class:`LinkError` ("invalid", "revoked", "closed").

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
    if not survey.is_open(today):
        raise LinkError("closed")
    invite.pop("hash", None)
    return Access(invite=invite, survey=survey)
