"""What a survey is: its settings, scope, questions and the invitations of its partners.

A :class:`Survey` asks the actors of a scope (an alliance's members, a project's partners,
a region, a filter, or chosen actors) about themselves. Each actor — or, with ``per =
"person"``, each of its contact persons — gets one :class:`Invite`: a personal link whose
secret is never stored (only its hash, see :mod:`netzwerk.graph.surveys.tokens`). Surveys,
invitations and answers are bookkeeping nodes referring to records by id; what an answer
proposes becomes a record only when a network manager accepts it
(:mod:`netzwerk.graph.operations.surveys`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from netzwerk.graph.core import codec, freetext
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import ACTOR_KINDS, DEFAULT_ORG
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.network.filters import ID_FIELDS, Filter

QUESTIONS: dict[str, str] = {
    "master": N_("Stammdaten bestätigen oder korrigieren"),
    "contacts": N_("Ansprechpersonen und ihre Einwilligung bestätigen"),
    "partners": N_("Kooperationspartner nennen"),
}
SCOPE_KINDS: dict[str, str] = {
    "alliance": N_("Mitglieder eines Bündnisses"),
    "project": N_("Beteiligte eines Projekts"),
    "region": N_("Akteure einer Region"),
    "filter": N_("Akteure nach Art, Thema, Bildungsstufe oder Zielgruppe"),
    "actors": N_("ausgewählte Akteure"),
}
PER: dict[str, str] = {
    "actor": N_("ein Link je Akteur"),
    "person": N_("ein Link je Ansprechperson"),
    "several": N_(
        "ein Link je Ansprechperson, wo eine Einrichtung mehrere hat; sonst einer je Akteur"
    ),
}
COOP_FIELDS = ("kind", "intensity", "value", "trust", "since")
"""The fields of a cooperation an answer may set or change (beside its note)."""
WAVE_STATUSES: dict[str, str] = {
    "weiter": N_("besteht weiter"),
    "beendet": N_("beendet"),
    "geaendert": N_("geändert"),
}
"""What a partner says, one click each, about a cooperation of the last wave."""
STATUSES: dict[str, str] = {"open": N_("läuft"), "closed": N_("abgeschlossen")}

DEFAULT_CONSENT_WORDING = (
    "Ich bin damit einverstanden, dass das Bildungsbüro meinen Namen, meine Funktion und meine "
    "dienstlichen Kontaktdaten speichert, um mich zu Netzwerktreffen einzuladen und zur "
    "Netzwerkarbeit zu kontaktieren. Ich kann die Einwilligung jederzeit widerrufen."
)
MAX_TITLE, MAX_INTRO, MAX_WORDING = 200, 5_000, 5_000
MAX_DAYS_OPEN = 730
MAX_ACTORS = 5_000


SCOPE_FIELDS: dict[str, tuple[str, ...]] = {
    "alliance": ("alliance",),
    "project": ("project",),
    "region": ("region",),
    "filter": ("topic", "stage", "target_group", "actor_kinds"),
    "actors": (),
}
"""The fields of the one filter each kind of scope is chosen by (the survey form offers
these; at least one of them must be set)."""


@dataclass(frozen=True)
class Scope:
    """Which actors a survey asks: the one :class:`~netzwerk.graph.network.filters.Filter` of the
    picture, gap pages and contact export (every set field must hold; memberships on the
    day the survey is created), or — ``kind = "actors"`` — chosen actors by id.

    ``kind`` says how the scope was chosen (its title on the survey's page, the required
    field); the filter may combine more (``netzwerk survey create --alliance … --kind …``).
    """

    kind: str = "actors"
    filter: Filter = field(default_factory=Filter)
    actor_ids: tuple[str, ...] = ()

    @classmethod
    def of(cls, kind: str, flt: Filter, actor_ids: tuple[str, ...] = ()) -> Scope:
        """The scope a form chose: only the fields of ``kind`` (the other sections of the
        form may still hold values the user did not pick)."""
        keep = SCOPE_FIELDS.get(kind, ())
        narrowed = Filter(**{name: getattr(flt, name) for name in keep})
        return cls(kind, narrowed, tuple(actor_ids) if kind == "actors" else ())

    def to_json(self) -> str:
        data = {"kind": self.kind, "filter": self.filter.describe(), "actor_ids": self.actor_ids}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> Scope:
        """Read what :meth:`to_json` wrote, and the scope of surveys stored before the
        filter was unified (``alliance``, ``project``, ``region``, ``topic``, ``kinds`` at
        the top level)."""
        data = json.loads(text or "{}")
        if not isinstance(data, dict):
            data = {}
        described = data.get("filter")
        if not isinstance(described, dict):
            described = {
                **{k: data[k] for k in ("alliance", "project", "region", "topic") if k in data},
                "actor_kinds": data.get("kinds") or [],
            }
        ids = data.get("actor_ids")
        return cls(
            kind=str(data.get("kind") or "actors"),
            filter=Filter.from_description(described),
            actor_ids=tuple(str(i) for i in ids) if isinstance(ids, list) else (),
        )


@dataclass
class Survey:
    id: str = ""
    title: str = ""
    intro: str = ""
    closes: date | None = None
    status: str = "open"
    scope: Scope = field(default_factory=Scope)
    questions: tuple[str, ...] = tuple(QUESTIONS)
    per: str = "actor"
    consent_wording: str = DEFAULT_CONSENT_WORDING
    follows: str = ""
    """The survey this one is the next wave of ("" for a first survey): partners start from
    the cooperations they stated there, and the wave page shows what changed."""
    created: datetime | None = None
    created_by: str = ""
    org: str = DEFAULT_ORG
    """The office that asks: only its contact persons get links and only its users see the
    survey, its answers and its review queue (each office is its persons' data controller)."""
    closed_at: datetime | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None

    @property
    def source(self) -> str:
        """The provenance written on every record the survey's answers change."""
        return f"Befragung {self.title}"[:500]

    def is_open(self, today: date | None = None) -> bool:
        today = today or date.today()
        return self.status == "open" and self.closes is not None and today <= self.closes

    def asks(self, question: str) -> bool:
        return question in self.questions


def validate(s: Survey, *, today: date | None = None) -> Survey:
    """A cleaned copy of a new survey, or :class:`ValidationError` (German, per field)."""
    today = today or date.today()
    errors: list[FieldError] = []
    title = freetext.checked(errors, "title", s.title, MAX_TITLE)
    if not title:
        errors.append(FieldError("title", N_("ist anzugeben")))
    intro, wording = checked_texts(errors, s.intro, s.consent_wording, tuple(s.questions))
    if not isinstance(s.closes, date):
        errors.append(FieldError("closes", N_("ist anzugeben")))
    elif s.closes < today:
        errors.append(FieldError("closes", N_("liegt in der Vergangenheit")))
    elif s.closes > today + timedelta(days=MAX_DAYS_OPEN):
        errors.append(FieldError("closes", N_("liegt mehr als zwei Jahre in der Zukunft")))
    questions = tuple(q for q in QUESTIONS if q in s.questions)
    if not questions or len(questions) != len(set(s.questions)):
        errors.append(FieldError("questions", N_("Bitte mindestens eine bekannte Frage wählen")))
    if s.per not in PER:
        errors.append(FieldError("per", N_("ist keine bekannte Wahl")))
    if s.follows and not is_valid_id(s.follows):
        errors.append(FieldError("follows", N_("ist keine gültige Auswahl")))
    errors += _scope_errors(s.scope)
    if errors:
        raise ValidationError(errors)
    return Survey(
        **{
            **s.__dict__,
            "title": title,
            "intro": intro,
            "consent_wording": wording,
            "questions": questions,
        }
    )


def checked_texts(
    errors: list[FieldError], intro: str, wording: str, questions: tuple[str, ...]
) -> tuple[str, str]:
    """The introduction and consent wording cleaned, problems added to ``errors`` (when a
    survey is created, and when its texts are changed later)."""
    intro = freetext.checked(errors, "intro", intro, MAX_INTRO, multiline=True)
    wording = freetext.checked(errors, "consent_wording", wording, MAX_WORDING, multiline=True)
    if "contacts" in questions and not wording:
        errors.append(
            FieldError("consent_wording", N_("ist anzugeben, wenn nach Einwilligung gefragt wird"))
        )
    return intro, wording


def _scope_errors(scope: Scope) -> list[FieldError]:
    errors = []
    flt = scope.filter
    if scope.kind not in SCOPE_KINDS:
        errors.append(FieldError("scope", N_("ist keine bekannte Auswahl")))
    for name in ID_FIELDS:
        value = getattr(flt, name)
        if value and not is_valid_id(value):
            errors.append(FieldError(name, N_("ist keine gültige Auswahl")))
    if any(k not in ACTOR_KINDS for k in flt.actor_kinds):
        errors.append(FieldError("filter", N_("enthält eine unbekannte Akteursart")))
    if len(scope.actor_ids) > MAX_ACTORS or not all(is_valid_id(a) for a in scope.actor_ids):
        errors.append(FieldError("actors", N_("enthält ungültige Kennungen")))
    chosen = (
        bool(scope.actor_ids)
        if scope.kind == "actors"
        else any(getattr(flt, name) for name in SCOPE_FIELDS.get(scope.kind, ()))
    )
    if scope.kind in SCOPE_KINDS and not chosen:
        errors.append(FieldError(scope.kind, N_("Bitte die Auswahl für die Befragung treffen")))
    return errors


def to_props(s: Survey) -> dict[str, Any]:
    """Stored properties of a survey (scope and snapshots as JSON text)."""
    return {
        "title": s.title,
        "intro": s.intro,
        "closes": s.closes,
        "status": s.status,
        "scope": s.scope.to_json(),
        "questions": list(s.questions),
        "per": s.per,
        "consent_wording": s.consent_wording,
        "follows": s.follows,
        "created_by": s.created_by,
        "org": s.org,
        "before": json.dumps(s.before, ensure_ascii=False) if s.before is not None else None,
    }


def from_props(p: dict[str, Any]) -> Survey:
    return Survey(
        id=p["id"],
        title=p.get("title") or "",
        intro=p.get("intro") or "",
        closes=codec.coerce("date", p.get("closes")),
        status=p.get("status") or "open",
        scope=Scope.from_json(p.get("scope")),
        questions=tuple(p.get("questions") or ()),
        per=p.get("per") or "actor",
        consent_wording=p.get("consent_wording") or "",
        follows=p.get("follows") or "",
        created=codec.coerce("datetime", p.get("created")),
        created_by=p.get("created_by") or "",
        org=p.get("org") or DEFAULT_ORG,
        closed_at=codec.coerce("datetime", p.get("closed_at")),
        before=json.loads(p["before"]) if p.get("before") else None,
        after=json.loads(p["after"]) if p.get("after") else None,
    )


@dataclass
class Invite:
    """One personal link: for an actor, or for one of its contact persons."""

    id: str
    survey_id: str
    actor_id: str
    person_id: str = ""
    actor_name: str = ""
    person_name: str = ""
    issued_at: datetime | None = None
    sent_at: datetime | None = None
    reminded_at: datetime | None = None
    revoked: bool = False
    answered: bool = False
    submitted_at: datetime | None = None

    @property
    def issued(self) -> bool:
        return self.issued_at is not None


def invite_from(row: dict[str, Any]) -> Invite:
    p = row["invite"]
    return Invite(
        id=p["id"],
        survey_id=p["survey_id"],
        actor_id=p["actor_id"],
        person_id=p.get("person_id") or "",
        actor_name=row.get("actor_name") or "",
        person_name=row.get("person_name") or "",
        issued_at=codec.coerce("datetime", p.get("issued_at")),
        sent_at=codec.coerce("datetime", p.get("sent_at")),
        reminded_at=codec.coerce("datetime", p.get("reminded_at")),
        revoked=bool(p.get("revoked")),
        answered=bool(row.get("answered")),
        submitted_at=codec.coerce("datetime", row.get("submitted_at")),
    )
