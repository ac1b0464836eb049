"""The survey review's decisions: accept or reject proposals of one answer, all or nothing.

Accepting applies each chosen proposal through the same transaction-level functions the
forms use (records, links, consent), so every accepted change has its history entry — with
the survey as ``source`` of cooperations, the responding organisation in the cooperation's
note, and in each history entry the survey and the respondent person by id (``respondent``,
named when read, so an erasure removes the name everywhere at once) — and a removed
classification goes to the trash like any other. Proposals are recomputed inside the
transaction, so one that a colleague's change made obsolete meanwhile is skipped, never
applied twice; a decision made on values the page no longer shows is refused. Rejecting
only notes the decision.

One accept (one proposal, or "Alle übernehmen") is an *Änderungspaket*
(:mod:`netzwerk.graph.records.changesets`), stored in the accept's own transaction: every
history entry and consent record written in it carries the changeset's id (``tx.batch``),
so :func:`~netzwerk.graph.operations.import_undo.undo_import` undoes it by value like an
import, consent ledger included, and opens its proposals again for a decision.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Actor, Link
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.operations.consent import record_in as record_consent_in
from netzwerk.graph.operations.consent import record_pending_in
from netzwerk.graph.operations.import_undo import AFTER_UNDO
from netzwerk.graph.operations.links import create_link_in, delete_link_in, update_link_in
from netzwerk.graph.operations.records import create_record_in, update_record_in
from netzwerk.graph.personal.consent import Consent
from netzwerk.graph.records import changesets, history, visibility
from netzwerk.graph.surveys import review as rv
from netzwerk.graph.surveys.model import Survey, checked_texts, from_props


@dataclass
class Decided:
    applied: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Keys no longer proposed (someone changed the record meanwhile) or unknown."""
    changeset: str = ""
    """The accept's changeset (its page offers the undo); empty for a rejection."""


COUNTED = {
    "field": ("updated",),
    "consent": ("updated",),
    "vocab_add": ("links_created",),
    "coop_new": ("links_created",),
    "actor_new": ("created", "links_created"),
    "vocab_remove": ("links_removed",),
}
"""What an accepted proposal counts as on the changeset's page (else: a changed link)."""


def _open_changeset_in(tx: Tx, survey: Survey, r: rv.AnswerReview, user: str) -> str:
    """Store the accept's changeset; every write after this in ``tx`` carries its id."""
    cs_id = f"survey-{uuid.uuid4().hex[:16]}"
    title = f"{r.actor_name} ({survey.title})"
    changesets.create_in(
        tx,
        cs_id,
        kind="survey",
        title=title,
        source=title,
        author=user,
        parts=[],
        context={"answer": r.id, "survey": survey.id},
    )
    tx.batch = cs_id
    return cs_id


def _close_changeset_in(tx: Tx, cs_id: str, applied: list[rv.Proposal]) -> None:
    tx.batch = ""
    counts: dict[str, int] = {}
    for p in applied:
        for name in COUNTED.get(p.kind, ("links_updated",)):
            counts[name] = counts.get(name, 0) + 1
    changesets.set_state_in(tx, cs_id, "applied", expect=("proposed",), counts=counts)


def _reopen_in(tx: Tx, cs: changesets.Changeset) -> None:
    """After an undo: the proposals the changeset accepted are open for a decision again."""
    try:
        r = rv.load_answer(tx, str(cs.context.get("answer", "")))
    except NotFoundError:
        return  # the answer is gone (the survey was deleted): nothing to open
    decisions = {k: d for k, d in r.decisions.items() if d.get("changeset") != cs.id}
    tx.run("surveys/set_decisions", id=r.id, decisions=json.dumps(decisions))


AFTER_UNDO["survey"] = _reopen_in


def _note(survey: Survey, by: str, row: dict[str, Any]) -> str:
    parts = [f"Gemeldet von {by} in der {survey.source}"]
    if row.get("note"):
        parts.append(str(row["note"]))
    return ". ".join(parts)[:5000]


def _coop(survey: Survey, a: str, b: str, row: dict[str, Any], by: str) -> Link:
    return Link(
        type="COOPERATES_WITH",
        from_id=a,
        to_id=b,
        kind=row.get("kind") or rv.DEFAULT_KIND,
        intensity=row.get("intensity"),
        value=row.get("value"),
        trust=row.get("trust"),
        since=codec.coerce("date", row.get("since")),
        source=survey.source,
        note=_note(survey, by, row),
    )


def consent_given_for_someone_else_in(tx: Tx, c: Consent, *, given_by: str, user: str) -> None:
    """Consent a colleague ticked for a contact person (an organisation's link).

    Such a consent stays pending until the person confirms it themselves (double opt-in,
    :func:`~netzwerk.graph.operations.consent.record_pending_in`); the ledger records who
    gave it and how.
    """
    record_pending_in(
        tx,
        c,
        given_by=f"{given_by} über den Befragungslink der Einrichtung",
        how="Befragung",
        user=user,
    )


def _end_tie(link: Link, d: dict[str, Any], by: str) -> None:
    """An ended cooperation: ended when the partner says (else yesterday, so it no longer
    counts as current today), never before it began; the partner's note is kept."""
    yesterday = date.today() - timedelta(days=1)
    until = min(codec.coerce("date", d.get("until")) or yesterday, yesterday)
    link.until = max(until, link.since) if link.since else until
    if d.get("note"):
        link.note = "\n".join(x for x in (link.note, f"Beendet laut {by}: {d['note']}") if x)[:5000]


def _end_contact_roles(tx: Tx, person_id: str, actor_id: str, *, user: str, note: Any) -> None:
    """A person who left is no longer the actor's contact: the contact roles for the actor
    go (through the write path, undoable from the trash), so every contact list drops them."""
    for row in tx.run("surveys/contact_roles", person_id=person_id, actor_id=actor_id):
        delete_link_in(tx, "CONTACT_FOR", row["id"], user=user, note=note)


def _change_link(
    tx: Tx, r: rv.AnswerReview, p: rv.Proposal, user: str, note: dict[str, Any]
) -> None:
    """A job (left, function) or a cooperation (ended, changed) the answer speaks of."""
    d = p.data
    kind = "WORKS_AT" if p.kind in ("left", "function") else "COOPERATES_WITH"
    rows = tx.run("links/get", {"type": kind}, id=d["link_id"], reader=None)
    if not rows:
        raise NotFoundError.said(N_("Die Verknüpfung gibt es nicht mehr."))
    link = codec.link_from_row(rows[0])
    if p.kind == "left":  # ended yesterday: not current today, off every contact list
        _end_tie(link, {}, r.by)
        _end_contact_roles(tx, d["person_id"], r.actor_id, user=user, note=note)
    elif p.kind == "coop_end":
        _end_tie(link, d, r.by)
    elif p.kind == "function":
        link.function = d["function"]
    else:
        link.kind = d.get("kind") or link.kind
        link.intensity = d.get("intensity") or link.intensity
        link.value = d.get("value") or link.value
        link.trust = d.get("trust") or link.trust
        link.since = codec.coerce("date", d.get("since")) or link.since
    update_link_in(tx, link, user=user, note=note)


def _complete_pair(tx: Tx, d: dict[str, Any], by: str, *, user: str, note: dict[str, Any]) -> None:
    """The second half of a pair: the partner's answer already created the cooperation;
    this side fills what is still empty and adds its note (nothing is overwritten)."""
    rows = tx.run("links/get", {"type": "COOPERATES_WITH"}, id=d["link_id"], reader=None)
    if not rows:
        raise NotFoundError.said(N_("Die Verknüpfung gibt es nicht mehr."))
    link = codec.link_from_row(rows[0])
    link.kind = link.kind or d.get("kind") or ""
    link.intensity = link.intensity or d.get("intensity")
    link.value = link.value or d.get("value")
    link.trust = link.trust or d.get("trust")
    link.since = link.since or codec.coerce("date", d.get("since"))
    if d.get("note"):
        link.note = "\n".join(x for x in (link.note, f"Laut {by}: {d['note']}") if x)[:5000]
    update_link_in(tx, link, user=user, note=note)


def _consent(tx: Tx, survey: Survey, r: rv.AnswerReview, person_id: str, user: str) -> None:
    day = codec.coerce("datetime", r.submitted_at)
    given = Consent(
        person_id=person_id,
        purpose="contact",
        type="opt-in",
        date=day.date() if day else date.today(),
        source=survey.source,
        wording=r.consent_wording(survey),
    )
    if r.respondent_id == person_id:  # the person ticked it on their own link
        record_consent_in(tx, given, user=user, note=f"angegeben von {r.by}")
    else:
        consent_given_for_someone_else_in(tx, given, given_by=r.by, user=user)


def _apply(tx: Tx, survey: Survey, r: rv.AnswerReview, p: rv.Proposal, user: str) -> None:
    note = r.history_note(survey)
    d = p.data
    if p.kind == "field":
        rows = tx.run("nodes/get", {"label": "Actor"}, id=r.actor_id, reader=None)
        if not rows:
            raise NotFoundError.said(N_("Der befragte Akteur existiert nicht mehr."))
        actor = codec.from_store(Actor, rows[0]["node"])
        update_record_in(
            tx, dataclasses.replace(actor, **{d["field"]: p.new}), user=user, note=note
        )
    elif p.kind == "vocab_add":
        create_link_in(
            tx, Link(type=d["rel"], from_id=r.actor_id, to_id=d["id"]), user=user, note=note
        )
    elif p.kind == "vocab_remove":
        delete_link_in(tx, d["rel"], d["link_id"], user=user, note=note)
    elif p.kind in ("left", "function", "coop_end", "coop_update"):
        _change_link(tx, r, p, user, note)
    elif p.kind == "consent":
        _consent(tx, survey, r, d["person_id"], user)
    elif p.kind == "coop_new" and d.get("link_id"):
        _complete_pair(tx, d, r.by, user=user, note=note)
    elif p.kind == "coop_new":
        create_link_in(
            tx, _coop(survey, r.actor_id, d["partner_id"], d, r.by), user=user, note=note
        )
    elif p.kind == "actor_new":
        actor = create_record_in(
            tx,
            Actor(
                name=d["name"], kind="Sonstige", notes=f"Vorgeschlagen von {r.by} ({survey.source})"
            ),
            user=user,
            note=note,
        )
        create_link_in(tx, _coop(survey, r.actor_id, actor.id, d, r.by), user=user, note=note)


def _check_shown(
    r: rv.AnswerReview, version: int, proposals: dict[str, rv.Proposal], shown: dict[str, str]
) -> None:
    """Refuse a decision made on a page that showed something else than what is there now:
    another handed-in version, or a proposal whose values changed since."""
    if r.version != version:
        raise ConflictError.said(
            N_(
                "Die Antwort wurde inzwischen erneut abgegeben. Bitte prüfen Sie die "
                "Vorschläge noch einmal; es wurde nichts übernommen."
            )
        )
    changed = [p.subject for key, p in proposals.items() if key in shown and shown[key] != p.shown]
    if changed:
        raise ConflictError.said(
            N_(
                "Diese Vorschläge sehen inzwischen anders aus als angezeigt: %(subjects)s. "
                "Bitte noch einmal prüfen; es wurde nichts übernommen."
            ),
            subjects=", ".join(changed)[:500],
        )


def decide(
    store: Store,
    survey: Survey,
    answer_id: str,
    shown: dict[str, str],
    *,
    accept: bool,
    user: str,
    version: int,
) -> Decided:
    """Accept (apply) or reject the proposals of one answer, in one transaction.

    ``shown`` maps each chosen proposal's key to the fingerprint the page showed
    (:attr:`~netzwerk.graph.surveys.review.Proposal.shown`), ``version`` is the handed-in
    version the page showed: a decision on values the manager never saw is refused
    (:class:`ConflictError`) and nothing is applied. "Alle übernehmen" sends every shown
    proposal, never what the answer says by now.
    """
    keys = list(shown)
    if not keys:
        raise ValidationError([FieldError("keys", N_("Bitte mindestens einen Vorschlag wählen"))])

    def work(tx: Tx) -> Decided:
        r = rv.load_answer(tx, answer_id)
        if r.survey_id != survey.id:
            raise NotFoundError.said(N_("Diese Antwort gehört nicht zu dieser Befragung."))
        if r.submitted_at is None:
            raise ValidationError(
                [FieldError("answer", N_("Die Antwort ist noch nicht abgegeben"))]
            )
        proposals = {p.key: p for p in rv.proposals_for(tx, survey, r, rv.vocab_names(tx))}
        _check_shown(r, version, proposals, shown)
        out = Decided()
        stamp = datetime.now(UTC).isoformat()
        todo = [p for k in dict.fromkeys(keys) if (p := proposals.get(k)) and k not in r.decisions]
        out.skipped = [k for k in dict.fromkeys(keys) if k not in {p.key for p in todo}]
        if accept and todo:
            out.changeset = _open_changeset_in(tx, survey, r, user)
        for p in todo:
            if accept:
                _apply(tx, survey, r, p, user)
                out.applied.append(p.key)
            else:
                out.rejected.append(p.key)
            r.decisions[p.key] = {
                "state": "accepted" if accept else "rejected",
                "user": user,
                "at": stamp,
                **({"changeset": out.changeset} if accept else {}),
            }
        if out.changeset:
            _close_changeset_in(tx, out.changeset, todo)
        tx.run("surveys/set_decisions", id=r.id, decisions=json.dumps(r.decisions))
        return out

    return store.transaction(work)


def change_texts(
    store: Store, survey_id: str, *, intro: str, consent_wording: str, user: str
) -> Survey:
    """Change a survey's introduction and consent wording after it was created, with a
    history entry (old → new) in the same transaction.

    Answers already handed in keep the wording they were given under (it is stored with
    the handed-in copy, ``surveys/save_answer``); their consents are recorded with it.
    """

    def work(tx: Tx) -> Survey:
        reader = visibility.reader()
        rows = tx.run("surveys/get", id=survey_id, reader=reader) if is_valid_id(survey_id) else []
        if not rows:
            raise NotFoundError.said(N_("Diese Befragung gibt es nicht."))
        survey = from_props(rows[0]["survey"])
        errors: list[FieldError] = []
        texts = checked_texts(errors, intro, consent_wording, survey.questions)
        if errors:
            raise ValidationError(errors)
        before = (survey.intro, survey.consent_wording)
        changes = {
            name: [old, new]
            for name, old, new in zip(("intro", "consent_wording"), before, texts, strict=True)
            if old != new
        }
        if not changes:
            return survey
        row = tx.run("surveys/set_texts", id=survey.id, intro=texts[0], consent_wording=texts[1])
        history.record_in(
            tx,
            user=user,
            action="update",
            label="Survey",
            record_id=survey.id,
            record_name=survey.title,
            changes=changes,
        )
        return from_props(row[0]["survey"])

    return store.transaction(work)
