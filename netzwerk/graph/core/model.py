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

from netzwerk.graph.core.fields import FieldInfo, described, field_table, synonyms
from netzwerk.graph.core.i18n import N_

ACTOR_KINDS: tuple[str, ...] = (
    N_("Schule"),
    N_("Kita"),
    N_("Hochschule"),
    N_("VHS/Weiterbildung"),
    N_("Bibliothek"),
    N_("Verein/Initiative"),
    N_("Kammer/Verband"),
    N_("Unternehmen"),
    N_("Verwaltung"),
    N_("Jobcenter/Agentur für Arbeit"),
    N_("Stiftung"),
    N_("Wohlfahrtsverband"),
    N_("Migrantenorganisation"),
    N_("Beratungsstelle"),
    N_("Sonstige"),
)
SPONSORSHIPS: tuple[str, ...] = (N_("öffentlich"), N_("frei"), N_("privat"))
SALUTATIONS: tuple[str, ...] = (N_("Frau"), N_("Herr"), N_("divers"))
"""How a person is addressed in letters; "divers" (and none) get the neutral greeting."""
PROJECT_STATUSES: tuple[str, ...] = (N_("geplant"), N_("laufend"), N_("abgeschlossen"))
REGION_KINDS: tuple[str, ...] = (
    N_("Region"),
    N_("Stadt"),
    N_("Stadtteil"),
    N_("Landkreis"),
    N_("Verbandsgemeinde"),
    N_("Ortsgemeinde"),
)
COOPERATION_KINDS: tuple[str, ...] = (
    N_("Kooperationsvereinbarung"),
    N_("Projektpartnerschaft"),
    N_("Informationsaustausch"),
    N_("Gemeinsames Angebot"),
    N_("Verweisberatung"),
    N_("Gremienarbeit"),
)
INTENSITIES: dict[int, str] = {1: N_("lose"), 2: N_("regelmäßig"), 3: N_("eng")}
SCALE: dict[int, str] = {1: N_("gar nicht"), 2: N_("wenig"), 3: N_("ziemlich"), 4: N_("sehr")}
"""The 1–4 answers of a cooperation's value and trust (PARTNER CPRM's anchors: not at all,
a small amount, a fair amount, a great deal); an even scale has no neutral middle."""
LEGAL_BASES: tuple[str, ...] = (N_("Einwilligung"), N_("öffentliche Aufgabe"))
MEMBER_ROLES: tuple[str, ...] = (
    N_("Mitglied"),
    N_("Koordination"),
    N_("Beirat"),
    N_("Kooperationspartner"),
)
PROJECT_ROLES: tuple[str, ...] = (N_("Träger"), N_("Partner"), N_("Förderer"))


_DOMAIN_FIELDS: dict[type, tuple[str, ...]] = {}


def _domain_fields(cls: type[Node]) -> tuple[str, ...]:
    """A kind's stored fields without bookkeeping (asked per record of a 40,000-record
    import: ``dataclasses.fields`` walks the class each time)."""
    names = _DOMAIN_FIELDS.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.name not in cls.META)
        _DOMAIN_FIELDS[cls] = names
    return names


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
        return {name: getattr(self, name) for name in _domain_fields(type(self))}

    @property
    def display_name(self) -> str:
        return str(getattr(self, "name", self.id))


_EMAIL_HEADERS = ("email", "e mail", "mail", "emailadresse", "e mail adresse", "e mail address")
_PHONE_HEADERS = synonyms(
    "telefon; tel; telefonnummer; phone; telephone; fon; telefon geschaeftlich; business phone; "
    "tel nr; telefon nr"
)
_NOTES_HEADERS = ("notizen", "notiz", "bemerkung", "bemerkungen", "anmerkung", "notes")
_NAME = N_("Name")
_SHORT = N_("Kurzname")
_DESCRIPTION = N_("Beschreibung")
_KIND_HELP = "Eine Art aus der Liste (siehe Blatt „Hinweise“)."


@dataclass(kw_only=True)
class Actor(Node):
    """An organisation of the education landscape."""

    LABEL: ClassVar[str] = "Actor"
    TITLE: ClassVar[str] = N_("Akteur")
    name: str = described(
        "",
        _NAME,
        required=True,
        headers=synonyms(
            "name; einrichtung; organisation; organization; institution; akteur; firma; "
            "unternehmen; schule; name der einrichtung; actor; bezeichnung; organisationsname; "
            "company; partner; kooperationspartner; label; partnerorganisation; einrichtungsname"
        ),
    )
    short_name: str = described(
        "", _SHORT, headers=("kurzname", "kuerzel", "abkuerzung", "short name", "abbreviation")
    )
    kind: str = described(
        "Sonstige",
        N_("Art"),
        widget="select",
        required=True,
        choices=ACTOR_KINDS,
        help=_KIND_HELP,
        headers=synonyms(
            "art; typ; kategorie; akteursart; type; kind; category; einrichtungsart; bereich; "
            "einrichtungstyp; art der einrichtung; sparte"
        ),
    )
    sponsorship: str = described(
        "",
        N_("Trägerschaft"),
        widget="select",
        choices=SPONSORSHIPS,
        headers=("traegerschaft", "sponsorship", "traegerart"),
    )
    sponsor: str = described(
        "",
        N_("Träger"),
        hint=N_("z. B. Caritasverband Trier e.V."),
        help="Der Träger der Einrichtung, z. B. „Caritasverband Trier e.V.“.",
        headers=synonyms(
            "traeger; traegerorganisation; traeger der einrichtung; sponsor; dachverband"
        ),
    )
    """The sponsoring body ("Träger") by name: "Caritasverband Trier e.V.", "Stadt Trier"."""
    street: str = described(
        "",
        N_("Straße"),
        headers=synonyms(
            "strasse; str; adresse; anschrift; street; address; strasse und hausnummer; "
            "strasse hausnummer; strasse hausnr; strasse nr; strasse und hausnr; hausanschrift; "
            "postanschrift; strasse geschaeftlich; business street"
        ),
    )
    postcode: str = described(
        "",
        N_("PLZ"),
        hint=N_("fünfstellig, z. B. 54290"),
        help="Fünfstellig, z. B. 54290.",
        headers=synonyms(
            "plz; postleitzahl; postcode; zip; zip code; postal code; postleitzahl geschaeftlich; "
            "business postal code"
        ),
    )
    town: str = described(
        "",
        N_("Ort"),
        headers=synonyms(
            "ort; stadt; gemeinde; town; city; wohnort; plz ort; plz und ort; ort geschaeftlich; "
            "business city"
        ),
    )
    website: str = described(
        "",
        N_("Webseite"),
        widget="url",
        hint=N_("mit https://"),
        help="Mit https:// oder http://.",
        headers=("webseite", "website", "homepage", "internet", "url", "web"),
    )
    email: str = described("", N_("E-Mail"), widget="email", headers=_EMAIL_HEADERS)
    phone: str = described("", N_("Telefon"), widget="tel", headers=_PHONE_HEADERS)
    notes: str = described(
        "",
        N_("Notizen"),
        widget="textarea",
        headers=(*_NOTES_HEADERS, "kommentar", "comment", "description", "beschreibung"),
    )


_SOURCE_MAX = 500
"""Where a consent came from ("Formular Netzwerktreffen 2024"): the consent ledger keeps it
with the same limit, so a person saved here can always be recorded there."""
_CONSENT = {"group": "consent", "restricted": True}
_BOOL_HELP = "ja oder nein; bei ja ist ein Datum nötig."


def _consent_given(label: str, headers: str) -> Any:
    """Whether a person consented to one purpose; each purpose has the same three fields."""
    return described(
        False, label, widget="bool", help=_BOOL_HELP, headers=synonyms(headers), **_CONSENT
    )


def _consent_date(label: str, headers: str) -> Any:
    """The day a purpose's consent was given (required when it was)."""
    return described(None, label, widget="date", headers=synonyms(headers), **_CONSENT)


def _consent_source(label: str, headers: str) -> Any:
    """Where a purpose's consent came from, within the ledger's limit."""
    return described("", label, limit=_SOURCE_MAX, headers=synonyms(headers), **_CONSENT)


@dataclass(kw_only=True)
class Person(Node):
    """A contact person; personal data, so consent is recorded per purpose."""

    LABEL: ClassVar[str] = "Person"
    TITLE: ClassVar[str] = N_("Person")
    salutation: str = described(
        "",
        N_("Anrede"),
        widget="select",
        choices=SALUTATIONS,
        help="Frau, Herr, divers (oder leer); für die Anrede in Briefen.",
        headers=("anrede", "salutation", "geschlecht anrede"),
    )
    """Frau, Herr, divers or empty (:data:`SALUTATIONS`); never guessed from a first name."""
    title: str = described("", N_("Titel"), headers=("titel", "title", "akademischer titel"))
    first_name: str = described(
        "",
        N_("Vorname"),
        headers=("vorname", "first name", "firstname", "given name", "rufname"),
    )
    last_name: str = described(
        "",
        N_("Nachname"),
        required=True,
        headers=synonyms(
            "nachname; familienname; last name; lastname; surname; family name; zuname"
        ),
    )
    function: str = described(
        "",
        N_("Funktion"),
        headers=synonyms(
            "funktion; position; rolle; function; job title; role; taetigkeit; aufgabe"
        ),
    )
    email: str = described(
        "", N_("E-Mail"), widget="email", headers=_EMAIL_HEADERS, restricted=True
    )
    phone: str = described(
        "",
        N_("Telefon"),
        widget="tel",
        headers=(*_PHONE_HEADERS, "mobil", "handy", "mobiltelefon", "mobile phone"),
        restricted=True,
    )
    consent_contact: bool = _consent_given(
        N_("Einwilligung Kontakt"),
        "einwilligung kontakt; kontakt einwilligung; consent contact; einwilligung",
    )
    consent_contact_date: date | None = _consent_date(
        N_("Datum Einwilligung Kontakt"),
        "datum einwilligung kontakt; datum einwilligung; consent contact date",
    )
    consent_contact_source: str = _consent_source(
        N_("Quelle Einwilligung Kontakt"),
        "quelle einwilligung kontakt; quelle einwilligung; consent contact source",
    )
    consent_newsletter: bool = _consent_given(
        N_("Einwilligung Newsletter"),
        "einwilligung newsletter; newsletter; consent newsletter; newsletter einwilligung",
    )
    consent_newsletter_date: date | None = _consent_date(
        N_("Datum Einwilligung Newsletter"),
        "datum einwilligung newsletter; newsletter datum; consent newsletter date",
    )
    consent_newsletter_source: str = _consent_source(
        N_("Quelle Einwilligung Newsletter"),
        "quelle einwilligung newsletter; newsletter quelle; consent newsletter source",
    )
    legal_basis: str = described(
        "",
        N_("Rechtsgrundlage"),
        widget="select",
        choices=LEGAL_BASES,
        help="Einwilligung oder öffentliche Aufgabe (oder leer).",
        headers=("rechtsgrundlage", "legal basis"),
        **_CONSENT,
    )
    notes: str = described(
        "", N_("Notizen"), widget="textarea", headers=_NOTES_HEADERS, restricted=True
    )

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)


@dataclass(kw_only=True)
class Alliance(Node):
    """A Bündnis, Netzwerk or Initiativkreis that actors are members of."""

    LABEL: ClassVar[str] = "Alliance"
    TITLE: ClassVar[str] = N_("Bündnis")
    name: str = described("", _NAME, required=True)
    short_name: str = described("", _SHORT)
    description: str = described("", _DESCRIPTION, widget="textarea")
    founded: date | None = described(None, N_("Gründung"), widget="date")


@dataclass(kw_only=True)
class Project(Node):
    """A time-bound project with a funding programme."""

    LABEL: ClassVar[str] = "Project"
    TITLE: ClassVar[str] = N_("Projekt")
    name: str = described("", _NAME, required=True)
    short_name: str = described("", _SHORT)
    description: str = described("", _DESCRIPTION, widget="textarea")
    start: date | None = described(None, N_("Beginn"), widget="date")
    end: date | None = described(None, N_("Ende"), widget="date")
    funding_programme: str = described("", N_("Förderprogramm"))
    status: str = described(
        "laufend", N_("Status"), widget="select", required=True, choices=PROJECT_STATUSES
    )


@dataclass(kw_only=True)
class Topic(Node):
    LABEL: ClassVar[str] = "Topic"
    TITLE: ClassVar[str] = N_("Thema")
    name: str = described("", _NAME, required=True)
    description: str = described("", _DESCRIPTION, widget="textarea")


@dataclass(kw_only=True)
class Stage(Node):
    """An education stage; ``order`` makes transitions between adjacent stages computable."""

    LABEL: ClassVar[str] = "Stage"
    TITLE: ClassVar[str] = N_("Bildungsstufe")
    name: str = described("", _NAME, required=True)
    order: int = described(
        0,
        N_("Reihenfolge"),
        widget="int",
        required=True,
        minimum=1,
        maximum=99,
        help="Reihenfolge der Stufe, 1 bis 99.",
    )


@dataclass(kw_only=True)
class TargetGroup(Node):
    LABEL: ClassVar[str] = "TargetGroup"
    TITLE: ClassVar[str] = N_("Zielgruppe")
    name: str = described("", _NAME, required=True)


@dataclass(kw_only=True)
class Region(Node):
    """A Stadt, Stadtteil, Landkreis or Verbandsgemeinde, nested with PART_OF."""

    LABEL: ClassVar[str] = "Region"
    TITLE: ClassVar[str] = N_("Region")
    name: str = described("", _NAME, required=True)
    kind: str = described(
        "Region", N_("Art"), widget="select", required=True, choices=REGION_KINDS, help=_KIND_HELP
    )
    ags: str = described(
        "",
        N_("Amtlicher Schlüssel"),
        limit=12,
        hint=N_("AGS oder Regionalschlüssel, z. B. 07211000 (Stadt Trier)"),
        help="Amtlicher Gemeindeschlüssel oder Regionalschlüssel, nur Ziffern, z. B. 07211000.",
    )
    """The official key (AGS, or the ARS/Verbandsschlüssel of a Verbandsgemeinde such as
    072355003 for Konz): indicator tables from official statistics name regions by it."""


QUALITY_MARKERS: dict[str, str] = {
    "e": N_("endgültig"),
    "p": N_("vorläufig"),
    "r": N_("berichtigt"),
    "s": N_("geschätzt"),
    "-": N_("nichts vorhanden (genau null)"),
    ".": N_("unbekannt oder geheim zu halten"),
    "x": N_("Tabellenfach gesperrt (Aussage nicht sinnvoll)"),
    "/": N_("keine Angabe (nicht sicher genug)"),
    "...": N_("Angabe fällt später an"),
}
"""The quality marks of official statistics (GENESIS): the first four qualify a value, the
others replace it (``-`` means the value is zero; the rest leave it unknown)."""


@dataclass(kw_only=True)
class Indicator(Node):
    """One value of Bildungsmonitoring: a measure of a region in a year, with its source.

    Written only by the indicator import (a changeset); its id is derived from region,
    measure and year, so importing a table again finds every value again.
    """

    LABEL: ClassVar[str] = "Indicator"
    TITLE: ClassVar[str] = N_("Indikator")
    region: str = described("", N_("Region"), required=True, limit=128)
    """The region's id."""
    measure: str = described("", N_("Merkmal"), required=True, limit=200)
    """The measure's code: the statistics' value code, with the characteristic's value code
    when a table splits a measure (``BEVSTD.ALT000B03``: population under 3)."""
    label: str = described("", N_("Bezeichnung"), required=True, limit=500)
    year: int = described(0, N_("Jahr"), widget="int", required=True, minimum=1900, maximum=2100)
    value: float | None = described(None, N_("Wert"), widget="decimal")
    unit: str = described("", N_("Einheit"), limit=100)
    source: str = described("", N_("Quelle"), limit=500)
    quality: str = described(
        "",
        N_("Qualität"),
        widget="select",
        choices=tuple(QUALITY_MARKERS),
        choice_labels=tuple(QUALITY_MARKERS.values()),
    )

    @property
    def display_name(self) -> str:
        return f"{self.label} {self.year}"


@dataclass(kw_only=True)
class Presentation(Node):
    """Saved views in an order, each with a text: what a network manager shows the
    Steuerungsgruppe or the Bildungskonferenz.

    ``slides`` is the ordered list as JSON text (``[{"view": id, "text": …}]``): the codec
    knows scalar kinds only, and the history then shows a reordering as one old → new value.
    Its rules (how many slides, how long a text, which views) are
    :mod:`netzwerk.graph.sharing.presentations`; reading is lenient, so a slide list
    written by an older version still opens.
    """

    LABEL: ClassVar[str] = "Presentation"
    TITLE: ClassVar[str] = N_("Präsentation")
    name: str = described("", _NAME, required=True, limit=120)
    slides: str = described("[]", N_("Folien"), widget="textarea", limit=400_000)


DEFAULT_ORG = "default"
"""The organisation of every record and user that names none: a single office's instance
runs wholly in it, and records written before organisations existed belong to it."""


@dataclass(kw_only=True)
class Organisation(Node):
    """An office that owns records (a Kommune's Bildungsbüro); users belong to one.

    Not a record kind of the network (no pages, pictures or exports list it): records and
    users name their organisation by ``slug`` in their ``org`` property. ``recipient`` is how
    a sentence addresses it ("der Stadt Trier", "dem Landkreis Trier-Saarburg").
    """

    LABEL: ClassVar[str] = "Organisation"
    TITLE: ClassVar[str] = N_("Organisation")
    name: str = described("", _NAME, required=True)
    slug: str = described("", N_("Kürzel"), required=True, hint=N_("z. B. stadt-trier"))
    recipient: str = described("", N_("Anrede im Satz"), hint=N_("z. B. der Stadt Trier"))


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
DATA_CLASSES: tuple[type[Node], ...] = (Indicator, Presentation)
"""Records without the generic form and list pages: indicators come from imports,
presentations have pages of their own (:mod:`netzwerk.web.presentations`)."""
LABELS: dict[str, type[Node]] = {cls.LABEL: cls for cls in (*NODE_CLASSES, *DATA_CLASSES)}
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
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per field of this type, the values a form offers (the model's field says the rest)."""
    required: tuple[str, ...] = ()

    @property
    def source_expr(self) -> str:
        return "|".join(self.sources)

    @property
    def target_expr(self) -> str:
        return "|".join(self.targets)

    def field_table(self) -> dict[str, FieldInfo]:
        """The fields of this type as forms and validation see them: the link's field table
        with this type's choices (a membership's role is one of the member roles)."""
        table = field_table(Link)
        choices = dict(self.choices)
        out: dict[str, FieldInfo] = {}
        for name in self.fields:
            info = table[name]
            if name in choices:
                info = dataclasses.replace(
                    info, widget="select", choices=choices[name], blank=False
                )
            out[name] = dataclasses.replace(info, required=name in self.required)
        return out


_DATED = ("since", "until")
_ALL_SUBJECTS = ("Actor", "Project", "Alliance")
LINK_TYPES: dict[str, LinkType] = {
    lt.type: lt
    for lt in (
        LinkType("WORKS_AT", ("Person",), ("Actor",), ("function", *_DATED), N_("arbeitet bei")),
        LinkType(
            "MEMBER_OF",
            ("Actor",),
            ("Alliance",),
            ("role", *_DATED),
            N_("Mitglied in"),
            choices=(("role", MEMBER_ROLES),),
        ),
        LinkType(
            "PARTICIPATES_IN",
            ("Actor",),
            ("Project",),
            ("role", *_DATED),
            N_("beteiligt an"),
            choices=(("role", PROJECT_ROLES),),
        ),
        LinkType(
            "COOPERATES_WITH",
            ("Actor",),
            ("Actor",),
            ("kind", "intensity", "value", "trust", *_DATED, "source", "note"),
            N_("kooperiert mit"),
            symmetric=True,
            choices=(("kind", COOPERATION_KINDS),),
            required=("kind",),
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
    role: str = described("", N_("Rolle"))
    function: str = described("", N_("Funktion"))
    kind: str = described("", N_("Art"), help=_KIND_HELP)
    intensity: int | None = described(
        None,
        N_("Intensität"),
        widget="select",
        choices=tuple(INTENSITIES),
        choice_labels=tuple(INTENSITIES.values()),
        help="1 (lose), 2 (regelmäßig) oder 3 (eng).",
        headers=("intensitaet", "intensity", "staerke"),
    )
    value: int | None = described(
        None,
        N_("Wert"),
        widget="select",
        choices=tuple(SCALE),
        choice_labels=tuple(SCALE.values()),
        hint=N_("Wie wertvoll ist die Kooperation für die Arbeit? 1 (gar nicht) bis 4 (sehr)"),
        help="1 (gar nicht), 2 (wenig), 3 (ziemlich) oder 4 (sehr) wertvoll.",
        headers=("wert", "value", "nutzen"),
    )
    trust: int | None = described(
        None,
        N_("Vertrauen"),
        widget="select",
        choices=tuple(SCALE),
        choice_labels=tuple(SCALE.values()),
        hint=N_("Wie sehr vertraut man einander? 1 (gar nicht) bis 4 (sehr)"),
        help="1 (gar nicht), 2 (wenig), 3 (ziemlich) oder 4 (sehr) Vertrauen.",
        headers=("vertrauen", "trust"),
    )
    since: date | None = described(
        None,
        N_("seit"),
        widget="date",
        help="Datum TT.MM.JJJJ.",
        headers=("seit", "beginn", "start", "since", "von datum", "ab"),
    )
    until: date | None = described(
        None,
        N_("bis"),
        widget="date",
        help="Datum TT.MM.JJJJ.",
        headers=("bis", "ende", "end", "until"),
    )
    source: str = described(
        "",
        N_("Quelle"),
        hint=N_("z. B. Netzwerktreffen 2024"),
        headers=("quelle", "herkunft", "source"),
    )
    note: str = described(
        "",
        N_("Notiz"),
        widget="textarea",
        headers=("notiz", "bemerkung", "note", "notes", "notizen"),
    )
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


def _vocabulary_values() -> frozenset[str]:
    tables = [field_table(cls) for cls in (*LABELS.values(), Link)]
    tables += [lt.field_table() for lt in LINK_TYPES.values()]
    # a coded choice (an indicator's quality mark "p") is shown by its label, not itself
    infos = [i for t in tables for i in t.values() if not i.choice_labels]
    return frozenset(c for i in infos for c in i.choices if isinstance(c, str))


VOCABULARY_VALUES: frozenset[str] = _vocabulary_values()
"""Every text value a select of the model offers as itself (actor kinds, sponsorship, roles,
cooperation kinds, …): German values that are stored as they are and translated where
they are shown (the pages' ``vocab`` filter), never in the graph layer."""
