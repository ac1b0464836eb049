"""The respondent's side: what one link may see, and reading what the respondent sent.

A link belongs to one actor, so :func:`view` reads that actor's own data only (master data,
classifications, current contact persons and partners); of other actors the page learns only
names, for the partner question. :func:`parse` turns the submitted form into an answer and
trusts nothing in it: a person id must be one of the actor's own contacts, a vocabulary id
one of the lists, a partner either a row we showed (by its position) or a name typed in —
matched to a known actor by name, otherwise kept as a proposal for a new actor. Texts are
limited in length and free of control characters; dates must be real and not in the future.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from netzwerk.graph.core import freetext
from netzwerk.graph.core.errors import FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import COOPERATION_KINDS, DEFAULT_ORG, INTENSITIES, SCALE
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import parse_date
from netzwerk.graph.surveys import waves
from netzwerk.graph.surveys.merge import merge as merge_answers
from netzwerk.graph.surveys.model import WAVE_STATUSES

MASTER_FIELDS = ("street", "postcode", "town", "website", "email", "phone")
VOCABS: dict[str, tuple[str, str]] = {
    "topics": ("WORKS_ON", "Topic"),
    "stages": ("COVERS", "Stage"),
    "target_groups": ("SERVES", "TargetGroup"),
    "regions": ("ACTIVE_IN", "Region"),
}
MAX_PARTNERS = 60
EMPTY_ROWS = 3
DIRECTORY_LIMIT = 10_000
SHORT, LONG = 300, 2_000
Get = Callable[[str], Any]


@dataclass
class View:
    """Everything a respondent's page shows, from the link's own actor only."""

    actor: dict[str, Any]
    vocab: dict[str, set[str]]
    contacts: list[dict[str, Any]]
    partners: list[dict[str, Any]]
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    directory: list[str] = field(default_factory=list)
    by_name: dict[str, str] = field(default_factory=dict)
    """Case-folded actor name → id, to match a typed partner name to a known actor."""
    answer: dict[str, Any] | None = None
    submitted: bool = False
    version: int = 0
    """The stored answer's version (0: none yet); the page sends it back with the save."""
    wave: bool = False
    """The survey follows an earlier one: each known tie is confirmed, ended or changed."""
    carried: list[dict[str, Any]] = field(default_factory=list)
    """Ties stated in the last wave that are not stored cooperations (rows to confirm)."""

    def contact(self, person_id: str) -> dict[str, Any] | None:
        return next((c for c in self.contacts if c["id"] == person_id), None)


def view(store: Store, invite: dict[str, Any], follows: str = "") -> View:
    """The page data of one invitation (its actor, vocabularies, saved answer); ``follows``
    is the survey's last wave, whose statements the partner starts from. The page lists the
    actor's contact persons of the asking office only (no other office's)."""
    asking = store.read("surveys/get", id=invite["survey_id"], reader=None)
    org = str(asking[0]["survey"].get("org") or DEFAULT_ORG) if asking else DEFAULT_ORG
    rows = store.read("surveys/respondent_actor", id=invite["actor_id"], reader=org)
    if not rows:
        raise NotFoundError.said(N_("Der befragte Akteur existiert nicht mehr."))
    row = rows[0]
    vocab: dict[str, set[str]] = {k: set() for k in VOCABS}
    rel_to_key = {rel: key for key, (rel, _label) in VOCABS.items()}
    for v in row["vocab"]:
        if v["rel"] in rel_to_key:
            vocab[rel_to_key[v["rel"]]].add(v["id"])
    options: dict[str, list[tuple[str, str]]] = {k: [] for k in VOCABS}
    label_to_key = {label: key for key, (_rel, label) in VOCABS.items()}
    for v in store.read("surveys/vocabularies"):
        options[label_to_key[v["label"]]].append((v["id"], v["name"] or v["id"]))
    own = invite["actor_id"]
    known = [r for r in store.read("surveys/actor_directory", limit=DIRECTORY_LIMIT) if r["name"]]
    by_name: dict[str, str] = {}
    for r in known:
        by_name.setdefault(str(r["name"]).casefold(), r["id"])
    saved = store.read("surveys/answer_of_invite", invite_id=invite["id"])
    answer = json.loads(saved[0]["answer"]["data"]) if saved else None
    carried = []
    if follows:
        stored = {p["id"] for p in row["partners"]}
        stored |= {"name:" + str(p["name"]).casefold() for p in row["partners"]}
        carried = waves.carried_rows(waves.last_wave(store, follows, own), stored)
    contacts = row["contacts"]
    if invite.get("person_id"):  # a personal link speaks for its own person only
        contacts = [c for c in contacts if c["id"] == invite["person_id"]]
    return View(
        actor=row["actor"],
        vocab=vocab,
        contacts=contacts,
        partners=row["partners"],
        options=options,
        directory=[r["name"] for r in known if r["id"] != own],
        by_name=by_name,
        answer=answer,
        submitted=bool(saved and saved[0]["answer"].get("submitted_at")),
        version=int(saved[0]["answer"].get("version") or 0) if saved else 0,
        wave=bool(follows),
        carried=carried,
    )


def _text(errors: list[FieldError], name: str, raw: Any, limit: int = SHORT) -> str:
    return freetext.checked(errors, name, raw, limit, multiline=limit > SHORT)


def _level(errors: list[FieldError], name: str, raw: Any, allowed: Any) -> int | None:
    """A choice of a numbered scale, exactly as the form's radio buttons and selects send it
    ("3"; not " 3", "+3" or "３", which ``int`` would take)."""
    if raw in (None, ""):
        return None
    text = str(raw)
    value = int(text) if re.fullmatch(r"[0-9]{1,3}", text) else -1
    if value not in allowed:
        errors.append(FieldError(name, N_("ist keine gültige Auswahl")))
        return None
    return value


def _since(errors: list[FieldError], name: str, raw: Any) -> str | None:
    text = str(raw or "").strip()[:20]
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        text = f"{text}-01-01"
    try:
        when = parse_date(text, name)
    except ValidationError:
        errors.append(FieldError(name, N_("Bitte ein Jahr (2019) oder ein Datum (TT.MM.JJJJ)")))
        return str(raw).strip()[:20]  # kept as typed, so the page shows it again
    if when is None or when > date.today() or when.year < 1900:
        errors.append(FieldError(name, N_("liegt in der Zukunft oder ist unplausibel")))
        return str(raw).strip()[:20]
    return when.isoformat()


def _ended_on(errors: list[FieldError], name: str, raw: Any) -> str | None:
    """When a tie ended, as the respondent knows it: "MM.JJJJ" or "JJJJ" (the last day of
    that month or year), never in the future."""
    text = str(raw or "").strip()[:20]
    if not text:
        return None
    month = re.fullmatch(r"(\d{1,2})[./](\d{4})", text)
    year = re.fullmatch(r"\d{4}", text)
    if month and 1 <= int(month.group(1)) <= 12:
        y, m = int(month.group(2)), int(month.group(1))
        last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)) if y >= 1900 else None
    elif year and int(text) >= 1900:
        last = date(int(text), 12, 31)
    else:
        errors.append(FieldError(name, N_("Bitte Monat und Jahr (03.2024) oder ein Jahr (2024)")))
        return text
    if last is None or last.replace(day=1) > date.today():
        errors.append(FieldError(name, N_("liegt in der Zukunft")))
        return text
    return min(last, date.today()).isoformat()


def _partners(
    get: Get, v: View, names: dict[str, str], errors: list[FieldError]
) -> list[dict[str, Any]]:
    try:
        rows = min(max(int(str(get("rows") or 0)), 0), MAX_PARTNERS)
    except ValueError:
        rows = 0
    known = {p["id"]: p for p in v.partners}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i in range(rows):
        f = f"p{i}"
        existing = str(get(f"{f}_id") or "")
        name = _text(errors, f"{f}_name", get(f"{f}_name"))
        if existing and existing not in known:
            errors.append(FieldError(f"{f}_name", N_("gehört nicht zu Ihren Kooperationen")))
            continue
        if existing:
            actor_id, name = existing, known[existing]["name"]
        elif not name:
            continue
        else:
            actor_id = names.get(name.casefold(), "")
        if actor_id == v.actor["id"]:
            errors.append(FieldError(f"{f}_name", N_("ist Ihre eigene Einrichtung")))
            continue
        key = actor_id or name.casefold()
        if key in seen:
            continue
        seen.add(key)
        kind = str(get(f"{f}_kind") or "")
        if kind and kind not in COOPERATION_KINDS:
            errors.append(FieldError(f"{f}_kind", N_("ist keine bekannte Art der Kooperation")))
            kind = ""
        status = _status(errors, f, get(f"{f}_status"), v.wave)
        out.append(
            {
                "actor_id": actor_id,
                "name": name,
                "existing": bool(existing),
                "ended": bool(existing and get(f"{f}_ended")) or status == "beendet",
                "until": _ended_on(errors, f"{f}_until", get(f"{f}_until")) if existing else None,
                "kind": kind,
                "intensity": _level(errors, f"{f}_intensity", get(f"{f}_intensity"), INTENSITIES),
                "since": _since(errors, f"{f}_since", get(f"{f}_since")),
                "value": _level(errors, f"{f}_value", get(f"{f}_value"), SCALE),
                "trust": _level(errors, f"{f}_trust", get(f"{f}_trust"), SCALE),
                "note": _text(errors, f"{f}_note", get(f"{f}_note"), LONG),
                **({"status": status} if v.wave else {}),
            }
        )
    return out


def _status(errors: list[FieldError], f: str, raw: Any, wave: bool) -> str:
    """A wave's "besteht weiter / beendet / geändert" of a row ("" for a new row)."""
    status = str(raw or "")[:20]
    if status and (not wave or status not in WAVE_STATUSES):
        errors.append(FieldError(f"{f}_status", N_("ist keine gültige Auswahl")))
        return ""
    return status


def parse(
    get: Get, getlist: Callable[[str], list[str]], v: View, questions: tuple[str, ...]
) -> tuple[dict[str, Any], list[FieldError]]:
    """The answer a form sent (``get``/``getlist`` read it) and the problems found.

    The answer keeps every valid part even when some fields are wrong, so the page can show
    the respondent's input again with the messages; the caller saves it only without errors.
    """
    errors: list[FieldError] = []
    answer: dict[str, Any] = {"comment": _text(errors, "comment", get("comment"), 5_000)}
    if "master" in questions:
        master: dict[str, Any] = {k: _text(errors, k, get(k)) for k in MASTER_FIELDS}
        for key in VOCABS:
            allowed = {i for i, _n in v.options.get(key, [])}
            chosen = [str(x)[:128] for x in getlist(key)[:500]]
            if any(c not in allowed for c in chosen):
                errors.append(FieldError(key, N_("enthält eine unbekannte Auswahl")))
            master[key] = sorted({c for c in chosen if c in allowed})
        answer["master"] = master
    if "contacts" in questions:
        contacts = []
        for i in range(min(len(v.contacts), 200)):
            pid = str(get(f"c{i}_id") or "")
            if not pid:
                continue
            if v.contact(pid) is None:
                errors.append(FieldError(f"c{i}_id", N_("ist keine Ihrer Ansprechpersonen")))
                continue
            contacts.append(
                {
                    "person_id": pid,
                    "still_here": get(f"c{i}_here") != "nein",
                    "function": _text(errors, f"c{i}_function", get(f"c{i}_function")),
                    "consent": bool(get(f"c{i}_consent")),
                }
            )
        answer["contacts"] = contacts
    if "partners" in questions:
        names: dict[str, str] = {}
        for r in v.partners:
            names.setdefault(str(r["name"]).casefold(), r["id"])
        answer["partners"] = _partners(get, v, v.by_name | names, errors)
    return answer, errors


def initial_answer(v: View, questions: tuple[str, ...]) -> dict[str, Any]:
    """The answer an untouched page would send (what is stored about the actor now): the
    base of a first save, so a colleague's first save and mine merge field by field."""
    answer: dict[str, Any] = {"comment": ""}
    if "master" in questions:
        answer["master"] = {
            **{k: v.actor.get(k) or "" for k in MASTER_FIELDS},
            **{k: sorted(v.vocab.get(k, set())) for k in VOCABS},
        }
    if "contacts" in questions:
        answer["contacts"] = [
            {
                "person_id": c["id"],
                "still_here": True,
                "function": "",
                "consent": bool(c.get("consent_contact")),
            }
            for c in v.contacts
        ]
    if "partners" in questions:
        answer["partners"] = start_rows(v)
    return answer


def start_rows(v: View) -> list[dict[str, Any]]:
    """The partner rows a page starts from: the stored cooperations and, in a wave, the
    ties of the last wave still to confirm (each "besteht weiter" until the partner says
    otherwise)."""
    wave = {"status": "weiter"} if v.wave else {}
    return [
        *(
            {
                "actor_id": p["id"],
                "name": p["name"],
                "existing": True,
                "ended": False,
                "until": None,
                "kind": p.get("kind") or "",
                "intensity": p.get("intensity"),
                "since": p["since"].isoformat() if p.get("since") else None,
                "value": p.get("value"),
                "trust": p.get("trust"),
                "note": "",
                **wave,
            }
            for p in v.partners
        ),
        *v.carried,
    ]


def new_answer_id() -> str:
    return f"answer-{uuid.uuid4().hex[:16]}"


class AnswerConflict(Exception):
    """Someone saved through the same link since this page was loaded: nothing was written.

    ``merged`` is both saves joined field by field (:func:`.merge.merge`), ``conflicts`` the
    fields both changed differently, ``version`` and ``theirs`` the stored answer the next
    save is based on.
    """

    def __init__(
        self, version: int, theirs: dict[str, Any], merged: dict[str, Any], conflicts: list[Any]
    ):
        self.version = version
        self.theirs = theirs
        self.merged = merged
        self.conflicts = conflicts
        super().__init__("inzwischen von jemand anderem gespeichert")


class LateSave(Exception):
    """The link stopped working between loading the page and saving (survey closed or
    past its date, link revoked or renewed); ``state`` is a :class:`LinkError` state."""

    def __init__(self, state: str):
        self.state = state
        super().__init__(state)


def _refusal(row: dict[str, Any], link_hash: str, today: date) -> str:
    if row["hash"] != link_hash:
        return "invalid"
    if row["revoked"]:
        return "revoked"
    if row["status"] == "closed":
        return "ended"
    closes = row["closes"].to_native() if hasattr(row["closes"], "to_native") else row["closes"]
    return "closed" if closes is None or closes < today else ""


def save(
    store: Store,
    invite: dict[str, Any],
    answer: dict[str, Any],
    *,
    submit: bool,
    version: int,
    base: dict[str, Any] | None,
    link_hash: str,
) -> dict[str, Any]:
    """Store a respondent's answer made from stored ``version`` (0: none yet) and ``base``
    (the answer as the page showed it); ``submit`` hands it in.

    One transaction locks the survey first, so a save and closing the survey are ordered:
    a save after the close (or through a link revoked or renewed meanwhile) raises
    :class:`LateSave`. A save from an older version raises :class:`AnswerConflict` with
    both versions merged, and writes nothing. Handing in keeps the handed-in answer apart
    (``submitted_data``): a draft saved later is not what the review sees. The persons and
    partners it names are kept as id lists, so the erasure and the review find them without
    reading every answer.
    """
    persons = {c["person_id"] for c in answer.get("contacts", [])}
    if invite.get("person_id"):
        persons.add(invite["person_id"])
    partners = {p["actor_id"] for p in answer.get("partners", []) if p.get("actor_id")}
    params = {"survey_id": invite["survey_id"], "invite_id": invite["id"]}

    def work(tx: Tx) -> dict[str, Any]:
        rows = tx.run("surveys/lock_answer", **params)
        state = _refusal(rows[0], link_hash, date.today()) if rows else "invalid"
        if state:
            raise LateSave(state)
        stored = rows[0]["answer"]
        current = int(stored["version"]) if stored else 0
        if current != version:
            theirs = json.loads(stored["data"]) if stored else {}
            merged, conflicts = merge_answers(base or {}, answer, theirs)
            raise AnswerConflict(current, theirs, merged, conflicts)
        row = tx.run(
            "surveys/save_answer",
            id=new_answer_id(),
            actor_id=invite["actor_id"],
            data=json.dumps(answer, ensure_ascii=False),
            person_ids=sorted(persons),
            partner_ids=sorted(partners),
            submit=submit,
            wording=rows[0]["wording"],
            **params,
        )[0]
        return dict(row["answer"])

    return store.transaction(work)
