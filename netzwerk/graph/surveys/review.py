"""Answers become proposals: what each answer would change in the graph, as it is now.

Proposals are computed, never stored: an answer is compared with the actor's current data
each time, so a change a colleague made meanwhile (or an accepted proposal) simply makes
the proposal disappear. Only the review's decisions are kept on the answer. A new
cooperation named by both partners is *confirmed* (both rows are shown side by side);
named by one side only it is *one-sided*.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import INTENSITIES, SCALE
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id, label
from netzwerk.graph.records import duplicates, visibility
from netzwerk.graph.surveys.model import COOP_FIELDS, Survey
from netzwerk.graph.surveys.respondent import MASTER_FIELDS, VOCABS

KINDS: dict[str, str] = {
    "field": N_("Stammdaten"),
    "vocab_add": N_("Zuordnung hinzufügen"),
    "vocab_remove": N_("Zuordnung entfernen"),
    "left": N_("arbeitet nicht mehr dort"),
    "function": N_("Funktion"),
    "consent": N_("Einwilligung"),
    "coop_new": N_("neue Kooperation"),
    "coop_update": N_("Kooperation ändern"),
    "coop_end": N_("Kooperation beendet"),
    "actor_new": N_("neuer Akteur mit Kooperation"),
}
DEFAULT_KIND = "Informationsaustausch"


@dataclass
class Proposal:
    key: str
    kind: str
    subject: str
    old: Any = None
    new: Any = None
    data: dict[str, Any] = field(default_factory=dict)
    pair: str = ""
    """For new cooperations: "confirmed" (both sides named it) or "one-sided"."""
    other: dict[str, Any] | None = None
    """The partner's own row about the same cooperation, when it differs."""
    similar: list[str] = field(default_factory=list)
    """For a new actor: the same organisation as other answers name it ("VHS Trier:
    „Sternwarte Trier e. V.“"); accepting one turns the others into cooperations with it."""

    @property
    def kind_title(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def shown(self) -> str:
        """A fingerprint of what the review shows of this proposal: an accept carries it,
        and is refused if the proposal says something else by then."""
        seen = [self.kind, self.subject, self.old, self.new, self.data]
        text = json.dumps(seen, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass
class AnswerReview:
    id: str
    survey_id: str
    actor_id: str
    actor_name: str
    respondent: str
    """The respondent person's name, for the review page only (never written anywhere)."""
    submitted_at: Any
    answer: dict[str, Any]
    proposals: list[Proposal] = field(default_factory=list)
    decisions: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    """The version of the answer as handed in (what the review shows and decides on)."""
    respondent_id: str = ""
    """The respondent person's id (a personal link), recorded in the history by id."""
    draft_after: bool = False
    """A draft was saved after handing in: not part of what is reviewed until handed in."""
    wording: str = ""
    """The consent wording the respondent saw when handing in ("" for answers handed in
    before it was kept: then the survey's)."""

    def consent_wording(self, survey: Survey) -> str:
        """The wording a consent from this answer is recorded with."""
        return self.wording or survey.consent_wording

    @property
    def pending(self) -> list[Proposal]:
        return [p for p in self.proposals if p.key not in self.decisions]

    @property
    def rejected(self) -> list[Proposal]:
        return [
            p for p in self.proposals if self.decisions.get(p.key, {}).get("state") == "rejected"
        ]

    @property
    def by(self) -> str:
        """The respondent as named in notes and free text: the organisation only. The person
        is recorded by id in the history (:meth:`history_note`), so an erasure removes the
        name everywhere at once."""
        return self.actor_name

    def history_note(self, survey: Survey) -> dict[str, Any]:
        """The history keys of a change the answer made: the survey and, by id, the person
        who answered (named when the history is read, "gelöschte Person" once erased)."""
        note: dict[str, Any] = {"survey": [None, f"{survey.source} – Antwort von {self.by}"[:500]]}
        if self.respondent_id:
            note["respondent"] = [None, {"person": self.respondent_id}]
        return note


def _read(src: Store | Tx, name: str, **params: Any) -> list[dict[str, Any]]:
    return src.run(name, **params) if isinstance(src, Tx) else src.read(name, **params)


def vocab_names(src: Store | Tx) -> dict[str, str]:
    return {r["id"]: r["name"] or r["id"] for r in _read(src, "surveys/vocabularies")}


def _coop_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in (*COOP_FIELDS, "note")}


def _same(key: str, new: Any, old: Any) -> bool:
    """Whether an answered value says the same as the stored one; a bare year ("2019",
    stored as 1 January) agrees with any date of that year."""
    if key == "since" and old and str(new).endswith("-01-01"):
        return str(new)[:4] == str(old)[:4]
    return new == old


def _name_key(name: str) -> str:
    return hashlib.sha256(name.casefold().encode()).hexdigest()[:12]


def _vocab_proposals(
    master: dict[str, Any], have: dict[tuple[str, str], str], vocab: dict[str, str]
) -> list[Proposal]:
    """The topics, stages, target groups and regions an answer adds or takes away
    (``have``: (relationship, id) → the stored link's id)."""
    out = []
    for key, (rel, _lbl) in VOCABS.items():
        wanted = set(master.get(key, []))
        current = {vid for (r, vid) in have if r == rel}
        for kind, ids in (("vocab_add", wanted - current), ("vocab_remove", current - wanted)):
            for vid in sorted(ids):
                name, adding = vocab.get(vid, vid), kind == "vocab_add"
                data = {"rel": rel, "id": vid}
                if not adding:
                    data["link_id"] = have[(rel, vid)]
                old, new = (None, name) if adding else (name, None)
                out.append(Proposal(f"{kind}:{rel}:{vid}", kind, name, old, new, data))
    return out


def proposals_for(
    src: Store | Tx, survey: Survey, review: AnswerReview, vocab: dict[str, str]
) -> list[Proposal]:
    """Every change the answer asks for, measured against the actor as it is now."""
    rows = _read(src, "surveys/respondent_actor", id=review.actor_id, reader=survey.org)
    if not rows:
        return []
    now, ans, out = rows[0], review.answer, []
    actor = now["actor"]
    master = ans.get("master")
    if master and survey.asks("master"):
        for f in MASTER_FIELDS:
            new, old = master.get(f, ""), actor.get(f) or ""
            if new and new != old:
                out.append(Proposal(f"field:{f}", "field", label(f), old, new, {"field": f}))
        have = {(v["rel"], v["id"]): v["link_id"] for v in now["vocab"]}
        out += _vocab_proposals(master, have, vocab)
    contacts = {c["id"]: c for c in now["contacts"]}
    for c in ans.get("contacts", []) if survey.asks("contacts") else []:
        cur = contacts.get(c.get("person_id", ""))
        if cur is None:
            continue
        data = {"person_id": cur["id"], "link_id": cur["link_id"]}
        if not c.get("still_here", True):
            out.append(
                Proposal(f"left:{cur['id']}", "left", cur["name"], cur["function"], None, data)
            )
            continue
        if c.get("function") and c["function"] != cur["function"]:
            out.append(
                Proposal(
                    f"function:{cur['id']}",
                    "function",
                    cur["name"],
                    cur["function"],
                    c["function"],
                    {**data, "function": c["function"]},
                )
            )
        if c.get("consent") and cur.get("consent_source") != survey.source:
            # always recorded with this survey's wording, also over an older consent
            out.append(
                Proposal(
                    f"consent:{cur['id']}",
                    "consent",
                    cur["name"],
                    None,
                    review.consent_wording(survey),
                    data,
                )
            )
    partners = {p["id"]: p for p in now["partners"]}
    for p in ans.get("partners", []) if survey.asks("partners") else []:
        out += _partner_proposals(_known_by_now(src, p, review.actor_id), partners, survey.source)
    return out


def _known_by_now(src: Store | Tx, p: dict[str, Any], own: str) -> dict[str, Any]:
    """A partner typed by name that now has a stored actor of a similar name (another
    answer's "Sternwarte Trier" accepted before this "Sternwarte Trier e. V.", or an actor
    a colleague added): the answer's row names that actor, so one organisation is not
    created twice. The typed name stays in ``typed``."""
    name = str(p.get("name") or "")
    if p.get("actor_id") or not name:
        return p
    found = [c for c in duplicates.find_similar(src, name, limit=3) if c.actor.id != own]
    if not found or found[0].score < duplicates.THRESHOLD:
        return p
    return {**p, "actor_id": found[0].actor.id, "name": found[0].actor.name, "typed": name}


def _accepted_pair(p: dict[str, Any], cur: dict[str, Any]) -> list[Proposal]:
    """A new cooperation this answer names that the partner's answer already brought in
    (same survey as source): it stays this side's half of the pair, to be decided — its
    fields complete the stored cooperation, its note is added."""
    aid, fields = p["actor_id"], _coop_fields(p)
    since = codec.coerce("date", cur.get("since"))
    old = {**{k: cur.get(k) for k in COOP_FIELDS}, "since": since}
    return [
        Proposal(
            f"coop_new:{aid}",
            "coop_new",
            cur["name"],
            {k: v.isoformat() if isinstance(v, date) else v for k, v in old.items()},
            fields,
            {"partner_id": aid, "link_id": cur["link_id"], **fields},
        )
    ]


def _partner_proposals(
    p: dict[str, Any], partners: dict[str, Any], source: str = ""
) -> list[Proposal]:
    aid, fields = p.get("actor_id") or "", _coop_fields(p)
    cur = partners.get(aid)
    if cur is None and p.get("ended"):  # a tie stated last wave that is over: nothing to add
        return []
    if cur is not None and not p.get("existing") and source and cur.get("source") == source:
        return _accepted_pair(p, cur)
    if cur is not None and p.get("ended"):
        return [
            Proposal(
                f"coop_end:{aid}",
                "coop_end",
                cur["name"],
                None,
                None,
                {
                    "partner_id": aid,
                    "link_id": cur["link_id"],
                    "until": p.get("until"),
                    "note": p.get("note") or "",
                },
            )
        ]
    if cur is not None:
        since = codec.coerce("date", cur.get("since"))
        current = {**{k: cur.get(k) for k in COOP_FIELDS}, "since": since and since.isoformat()}
        changed = {
            k: p.get(k)
            for k in COOP_FIELDS
            if p.get(k) not in (None, "") and not _same(k, p.get(k), current[k])
        }
        if not changed:
            return []
        old = {k: current[k] for k in changed}
        return [
            Proposal(
                f"coop_update:{aid}",
                "coop_update",
                cur["name"],
                old,
                changed,
                {"partner_id": aid, "link_id": cur["link_id"], **fields},
            )
        ]
    if aid and is_valid_id(aid):
        typed = f" (genannt als „{p['typed']}“)" if p.get("typed") else ""
        return [
            Proposal(
                f"coop_new:{aid}",
                "coop_new",
                (p.get("name") or aid) + typed,
                None,
                fields,
                {"partner_id": aid, **fields},
            )
        ]
    name = p.get("name") or ""
    if not name:
        return []
    return [
        Proposal(
            f"actor_new:{_name_key(name)}",
            "actor_new",
            name,
            None,
            fields,
            {"name": name, **fields},
        )
    ]


def load_answer(src: Store | Tx, answer_id: str) -> AnswerReview:
    rows = (
        _read(src, "surveys/answer_by_id", id=answer_id, reader=visibility.reader())
        if is_valid_id(answer_id)
        else []
    )
    if not rows:
        raise NotFoundError.said(N_("Diese Antwort gibt es nicht."))
    return _review(rows[0])


def _review(row: dict[str, Any]) -> AnswerReview:
    """The handed-in answer (``submitted_data``; answers saved before it was kept apart
    have only ``data``) with its version."""
    a = row["answer"]
    version = int(a.get("version") or 0)
    handed_in = int(a.get("submitted_version") or version)
    return AnswerReview(
        id=a["id"],
        survey_id=a["survey_id"],
        actor_id=a["actor_id"],
        actor_name=row["actor_name"],
        respondent=row.get("person_name") or "",
        respondent_id=row.get("invite_person_id") or "",
        submitted_at=a.get("submitted_at"),
        answer=json.loads(a.get("submitted_data") or a.get("data") or "{}"),
        decisions=json.loads(a.get("decisions") or "{}"),
        version=handed_in,
        draft_after=a.get("submitted_at") is not None and version > handed_in,
        wording=a.get("submitted_wording") or "",
    )


def queue(store: Store, survey: Survey) -> list[AnswerReview]:
    """Every submitted answer with its proposals; new cooperations paired across answers."""
    reviews = [
        _review(r)
        for r in store.read(
            "surveys/answers", survey_id=survey.id, submitted_only=True, reader=survey.org
        )
    ]
    vocab = vocab_names(store)
    named: dict[tuple[str, str], dict[str, Any]] = {}
    for r in reviews:
        r.proposals = proposals_for(store, survey, r, vocab)
        for p in r.answer.get("partners", []):
            if p.get("actor_id"):
                named[(r.actor_id, p["actor_id"])] = p
    _mark_similar_new_actors(reviews)
    for r in reviews:
        for p in r.proposals:
            if p.kind != "coop_new":
                continue
            theirs = named.get((p.data["partner_id"], r.actor_id))
            p.pair = "confirmed" if theirs else "one-sided"
            if theirs and _coop_fields(theirs) != _coop_fields(p.data):
                p.other = _coop_fields(theirs)
    return reviews


def _mark_similar_new_actors(reviews: list[AnswerReview]) -> None:
    """New actors that several answers name alike are one organisation: each proposal lists
    how the others name it, so the manager accepts one (the others then propose the
    cooperation with it, :func:`_known_by_now`)."""
    news = [(r, p) for r in reviews for p in r.proposals if p.kind == "actor_new"]
    for _r, p in news:
        p.similar = [
            f"{other.actor_name}: „{q.subject}“"
            for other, q in news
            if q is not p and duplicates.similarity(p.subject, q.subject) >= duplicates.THRESHOLD
        ]


def describe(values: Any) -> str:
    """A proposal's values in German words (for pages and history notes)."""
    if not isinstance(values, dict):
        return "" if values is None else str(values)
    parts = []
    for k, v in values.items():
        if v in (None, "", False):
            continue
        if k == "intensity":
            v = f"{v} – {INTENSITIES.get(int(v), v)}"
        elif k in ("value", "trust"):
            v = f"{v} – {SCALE.get(int(v), v)}"
        elif k == "since":
            v = date.fromisoformat(str(v)).strftime("%d.%m.%Y")
        parts.append(f"{_WORDS.get(k, k)}: {v}")
    return "; ".join(parts)


_WORDS = {
    "kind": "Art",
    "intensity": "Intensität",
    "since": "seit",
    "value": "Wert",
    "trust": "Vertrauen",
    "note": "Anmerkung",
    "until": "beendet",
}
