"""The domain model: node and relationship kinds as dataclasses, plus their whitelists.

Every stored node has a stable ``id``, ``created``/``updated`` timestamps and a ``version``
used for optimistic locking. Relationships carry the same bookkeeping so that a cooperation
or a membership can be edited and versioned like a record. The ``LABELS`` and ``LINK_TYPES``
tables are the only source of labels and relationship types that reach Cypher.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar

from netzwerk.graph.core.i18n import N_

ACTOR_KINDS: tuple[str, ...] = (
    "Schule",
    "Kita",
    "Hochschule",
    "VHS/Weiterbildung",
    "Bibliothek",
    "Verein/Initiative",
    "Kammer/Verband",
    "Unternehmen",
    "Verwaltung",
    "Jobcenter/Agentur für Arbeit",
    "Stiftung",
    "Wohlfahrtsverband",
    "Migrantenorganisation",
    "Beratungsstelle",
    "Sonstige",
)
SPONSORSHIPS: tuple[str, ...] = ("öffentlich", "frei", "privat")
SALUTATIONS: tuple[str, ...] = ("Frau", "Herr", "divers")
"""How a person is addressed in letters; "divers" (and none) get the neutral greeting."""
PROJECT_STATUSES: tuple[str, ...] = ("geplant", "laufend", "abgeschlossen")
REGION_KINDS: tuple[str, ...] = (
    "Region",
    "Stadt",
    "Stadtteil",
    "Landkreis",
    "Verbandsgemeinde",
    "Ortsgemeinde",
)
COOPERATION_KINDS: tuple[str, ...] = (
    "Kooperationsvereinbarung",
    "Projektpartnerschaft",
    "Informationsaustausch",
    "Gemeinsames Angebot",
    "Verweisberatung",
    "Gremienarbeit",
)
INTENSITIES: dict[int, str] = {1: N_("lose"), 2: N_("regelmäßig"), 3: N_("eng")}
LEGAL_BASES: tuple[str, ...] = ("Einwilligung", "öffentliche Aufgabe")
MEMBER_ROLES: tuple[str, ...] = ("Mitglied", "Koordination", "Beirat", "Kooperationspartner")
PROJECT_ROLES: tuple[str, ...] = ("Träger", "Partner", "Förderer")


@dataclass(kw_only=True)
class Node:
    """Fields every stored node has; subclasses add the domain fields."""

    LABEL: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""  # German name of the kind, for messages
    id: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    version: int = 0

    META: ClassVar[frozenset[str]] = frozenset({"id", "created", "updated", "version"})

    def properties(self) -> dict[str, Any]:
        """The domain fields as stored (without bookkeeping)."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name not in self.META
        }

    @property
    def display_name(self) -> str:
        return str(getattr(self, "name", self.id))


@dataclass(kw_only=True)
class Actor(Node):
    """An organisation of the education landscape."""

    LABEL: ClassVar[str] = "Actor"
    TITLE: ClassVar[str] = N_("Akteur")
    name: str = ""
    short_name: str = ""
    kind: str = "Sonstige"
    sponsorship: str = ""
    sponsor: str = ""
    """The sponsoring body ("Träger") by name: "Caritasverband Trier e.V.", "Stadt Trier"."""
    street: str = ""
    postcode: str = ""
    town: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(kw_only=True)
class Person(Node):
    """A contact person; personal data, so consent is recorded per purpose."""

    LABEL: ClassVar[str] = "Person"
    TITLE: ClassVar[str] = N_("Person")
    salutation: str = ""
    """Frau, Herr, divers or empty (:data:`SALUTATIONS`); never guessed from a first name."""
    title: str = ""
    first_name: str = ""
    last_name: str = ""
    function: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    consent_newsletter: bool = False
    consent_newsletter_date: date | None = None
    consent_newsletter_source: str = ""
    consent_contact: bool = False
    consent_contact_date: date | None = None
    consent_contact_source: str = ""
    legal_basis: str = ""

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)


@dataclass(kw_only=True)
class Alliance(Node):
    """A Bündnis, Netzwerk or Initiativkreis that actors are members of."""

    LABEL: ClassVar[str] = "Alliance"
    TITLE: ClassVar[str] = N_("Bündnis")
    name: str = ""
    short_name: str = ""
    description: str = ""
    founded: date | None = None


@dataclass(kw_only=True)
class Project(Node):
    """A time-bound project with a funding programme."""

    LABEL: ClassVar[str] = "Project"
    TITLE: ClassVar[str] = N_("Projekt")
    name: str = ""
    short_name: str = ""
    description: str = ""
    start: date | None = None
    end: date | None = None
    funding_programme: str = ""
    status: str = "laufend"


@dataclass(kw_only=True)
class Topic(Node):
    LABEL: ClassVar[str] = "Topic"
    TITLE: ClassVar[str] = N_("Thema")
    name: str = ""
    description: str = ""


@dataclass(kw_only=True)
class Stage(Node):
    """An education stage; ``order`` makes transitions between adjacent stages computable."""

    LABEL: ClassVar[str] = "Stage"
    TITLE: ClassVar[str] = N_("Bildungsstufe")
    name: str = ""
    order: int = 0


@dataclass(kw_only=True)
class TargetGroup(Node):
    LABEL: ClassVar[str] = "TargetGroup"
    TITLE: ClassVar[str] = N_("Zielgruppe")
    name: str = ""


@dataclass(kw_only=True)
class Region(Node):
    """A Stadt, Stadtteil, Landkreis or Verbandsgemeinde, nested with PART_OF."""

    LABEL: ClassVar[str] = "Region"
    TITLE: ClassVar[str] = N_("Region")
    name: str = ""
    kind: str = "Region"


NODE_CLASSES: tuple[type[Node], ...] = (
    Actor,
    Person,
    Alliance,
    Project,
    Topic,
    Stage,
    TargetGroup,
    Region,
)
LABELS: dict[str, type[Node]] = {cls.LABEL: cls for cls in NODE_CLASSES}
VOCABULARY_LABELS: frozenset[str] = frozenset({"Topic", "Stage", "TargetGroup", "Region"})
"""Shared vocabularies: lists every record uses, so only admins change them."""


def write_role(*labels: str) -> str:
    """The role needed to change records of these labels (or a link between them).

    Vocabularies are admin-only; a link is admin-only when both ends are vocabularies (a
    region's place in the region tree), while linking an actor to a topic is an edit.
    """
    return "admin" if labels and all(lb in VOCABULARY_LABELS for lb in labels) else "editor"


N = TypeVar("N", bound=Node)


@dataclass(frozen=True)
class LinkType:
    """One relationship type of the domain, with the labels it may join and its fields."""

    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    fields: tuple[str, ...]
    title: str
    symmetric: bool = False

    @property
    def source_expr(self) -> str:
        return "|".join(self.sources)

    @property
    def target_expr(self) -> str:
        return "|".join(self.targets)


_DATED = ("since", "until")
_ALL_SUBJECTS = ("Actor", "Project", "Alliance")
LINK_TYPES: dict[str, LinkType] = {
    lt.type: lt
    for lt in (
        LinkType("WORKS_AT", ("Person",), ("Actor",), ("function", *_DATED), N_("arbeitet bei")),
        LinkType("MEMBER_OF", ("Actor",), ("Alliance",), ("role", *_DATED), N_("Mitglied in")),
        LinkType(
            "PARTICIPATES_IN", ("Actor",), ("Project",), ("role", *_DATED), N_("beteiligt an")
        ),
        LinkType(
            "COOPERATES_WITH",
            ("Actor",),
            ("Actor",),
            ("kind", "intensity", *_DATED, "source", "note"),
            N_("kooperiert mit"),
            symmetric=True,
        ),
        LinkType(
            "CONTACT_FOR",
            ("Person",),
            ("Alliance", "Project", "Actor"),
            ("role",),
            N_("Ansprechperson für"),
        ),
        LinkType("PART_OF", ("Project", "Region"), ("Alliance", "Region"), (), N_("gehört zu")),
        LinkType("WORKS_ON", _ALL_SUBJECTS, ("Topic",), (), N_("arbeitet zum Thema")),
        LinkType("COVERS", _ALL_SUBJECTS, ("Stage",), (), N_("deckt Bildungsstufe ab")),
        LinkType("SERVES", _ALL_SUBJECTS, ("TargetGroup",), (), N_("richtet sich an")),
        LinkType("LOCATED_IN", ("Actor",), ("Region",), (), N_("hat Sitz in")),
        LinkType("ACTIVE_IN", _ALL_SUBJECTS, ("Region",), (), N_("ist aktiv in")),
    )
}


@dataclass(kw_only=True)
class Link:
    """A stored relationship between two nodes, addressed by its own stable ``id``.

    ``source`` is the provenance of a cooperation (e.g. "Netzwerktreffen 2024"), not an
    endpoint; endpoints are ``from_id`` and ``to_id``.
    """

    type: str
    from_id: str
    to_id: str
    id: str = ""
    function: str = ""
    role: str = ""
    kind: str = ""
    intensity: int | None = None
    since: date | None = None
    until: date | None = None
    source: str = ""
    note: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    version: int = 0
    from_name: str = field(default="", compare=False)
    to_name: str = field(default="", compare=False)

    @property
    def spec(self) -> LinkType:
        return LINK_TYPES[self.type]

    def properties(self) -> dict[str, Any]:
        """Only the fields this type has, so a WORKS_AT never stores an empty ``kind``."""
        return {name: getattr(self, name) for name in self.spec.fields}

    def active_on(self, day: date) -> bool:
        """Whether the link existed on ``day`` (open-ended when since/until are empty)."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )
