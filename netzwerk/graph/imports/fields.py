"""What an import can fill: the kinds of file, their target fields, and the headers that mean
each field (German and English, compared folded, so "E-Mail", "e_mail" and "EMail" agree).

Tables only; :mod:`netzwerk.graph.imports.mapping` uses them to guess a file's kind and
columns. Titles are German and marked with :func:`N_` so the pages can translate them.
"""

from __future__ import annotations

import re

from netzwerk.graph.core.fields import field_table
from netzwerk.graph.core.fields import synonyms as _s
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Actor, Link, Person
from netzwerk.graph.core.validation import FIELD_LABELS
from netzwerk.graph.core.values import fold

KINDS: dict[str, str] = {
    "partners": N_("Partnerliste (Akteure mit Ansprechpersonen, Themen, Bündnissen)"),
    "actors": N_("Akteure (Organisationen)"),
    "persons": N_("Personen (Kontakte)"),
    "cooperations": N_("Kooperationen"),
    "workbook": N_("Arbeitsmappe (Export von netzwerk)"),
}
"""Import kinds by key; ``workbook`` is recognised by its sheets, never chosen for a table."""

TABLE_KINDS = ("partners", "actors", "persons", "cooperations")
"""The kinds a single table (CSV or one sheet) can hold."""

_ACTOR = tuple(field_table(Actor))
_PERSON = tuple(n for n, info in field_table(Person).items() if info.group != "consent")
_PERSON_EXTRA = {"last_name": "full_name", "function": "organisation"}
"""Import-only person fields, each placed after the model's field it goes with."""
_CONSENT = tuple(n for n, info in field_table(Person).items() if info.group == "consent")
_COOPERATION = ("intensity", "since", "until", "source", "note")
"""The cooperation's own fields an import fills (its kind is ``cooperation_kind``)."""
_LABELS = {
    "full_name": N_("Name (Vor- und Nachname)"),
    "organisation": N_("Organisation (Akteur)"),
    "from_actor": N_("Akteur 1"),
    "to_actor": N_("Akteur 2"),
    "cooperation_kind": N_("Art der Kooperation"),
    "topics": N_("Themen"),
    "stages": N_("Bildungsstufen"),
    "target_groups": N_("Zielgruppen"),
    "region": N_("Sitz (Region)"),
    "active_in": N_("Aktiv in (Regionen)"),
    "alliances": N_("Bündnisse"),
    "alliance_role": N_("Rolle im Bündnis"),
    "projects": N_("Projekte"),
    "project_role": N_("Rolle im Projekt"),
    "member_since": N_("seit (Mitgliedschaft, Projekt)"),
    "member_until": N_("bis (Mitgliedschaft, Projekt)"),
    "contact_name": N_("Ansprechperson (Name)"),
    "contact_salutation": N_("Anrede der Ansprechperson"),
    "contact_title": N_("Titel der Ansprechperson"),
    "contact_first_name": N_("Vorname der Ansprechperson"),
    "contact_last_name": N_("Nachname der Ansprechperson"),
    "contact_function": N_("Funktion der Ansprechperson"),
    "contact_email": N_("E-Mail der Ansprechperson"),
    "contact_phone": N_("Telefon der Ansprechperson"),
}
_ORDER: dict[str, tuple[str, ...]] = {
    "partners": (
        *_ACTOR,
        "topics",
        "stages",
        "target_groups",
        "region",
        "active_in",
        "alliances",
        "alliance_role",
        "projects",
        "project_role",
        "member_since",
        "member_until",
        "contact_name",
        "contact_salutation",
        "contact_title",
        "contact_first_name",
        "contact_last_name",
        "contact_function",
        "contact_email",
        "contact_phone",
        *_CONSENT,
    ),
    "actors": _ACTOR,
    "persons": (
        *(f for name in _PERSON for f in (name, _PERSON_EXTRA.get(name, "")) if f),
        *_CONSENT,
    ),
    "cooperations": ("from_actor", "to_actor", "cooperation_kind", *_COOPERATION),
}
FIELDS: dict[str, dict[str, str]] = {
    kind: {name: _LABELS.get(name) or FIELD_LABELS[name] for name in names}
    for kind, names in _ORDER.items()
}
"""Target fields per table kind with their German labels (shown in the mapping step)."""

REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "partners": (("name",),),
    "actors": (("name",),),
    "persons": (("last_name", "full_name"),),
    "cooperations": (("from_actor",), ("to_actor",), ("cooperation_kind",)),
}
"""Per kind, groups of fields of which at least one must be mapped."""

MULTI = frozenset({"topics", "stages", "target_groups", "active_in", "alliances", "projects"})
"""Fields whose cells may list several values ("MINT; Digitale Bildung")."""
VOCABULARY: dict[str, str] = {
    "kind": "actor_kind",
    "sponsorship": "sponsorship",
    "legal_basis": "legal_basis",
    "cooperation_kind": "cooperation_kind",
    "topics": "Topic",
    "stages": "Stage",
    "target_groups": "TargetGroup",
    "region": "Region",
    "active_in": "Region",
    "alliances": "Alliance",
    "projects": "Project",
}
"""Fields whose values come from a list: each distinct value is mapped to an entry in the
"Werte zuordnen" step. Keys with a capital are record labels, the others fixed lists."""


def _headers(cls: type, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The import headers the model declares for these fields of ``cls``."""
    table = field_table(cls)
    return {name: table[name].headers for name in names}


_EMAIL = field_table(Person)["email"].headers
_PHONE = field_table(Actor)["phone"].headers
_ACTOR_SYN = _headers(Actor, _ACTOR)
_CONSENT_SYN = _headers(Person, _CONSENT)


def _about_contact(*words: str) -> tuple[str, ...]:
    """ "E-Mail Ansprechperson", "Ansprechperson E-Mail", "E-Mail AP", … for each word."""
    who = ("ansprechperson", "ansprechpartner", "ansprechpartnerin", "kontaktperson", "ap")
    return tuple(f"{w} {p}" for w in words for p in who) + tuple(
        f"{p} {w}" for w in words for p in who
    )


_SYN: dict[str, dict[str, tuple[str, ...]]] = {
    "actors": _ACTOR_SYN,
    "partners": {
        **_ACTOR_SYN,
        "topics": _s(
            "themen; thema; themenfeld; themenfelder; schwerpunkt; schwerpunkte; "
            "handlungsfeld; handlungsfelder; topic; topics; arbeitsschwerpunkt; "
            "arbeitsschwerpunkte; themenschwerpunkte; tags; schlagworte"
        ),
        "stages": _s(
            "stufe; stufen; bildungsstufe; bildungsstufen; bildungsbereich; bildungsbereiche; "
            "bildungsphase; stage; stages"
        ),
        "target_groups": ("zielgruppe", "zielgruppen", "target group", "target groups"),
        "region": _s(
            "region; sitz; stadtteil; ortsteil; ortsbezirk; verbandsgemeinde; vg; sozialraum"
        ),
        "active_in": _s("aktiv in; taetigkeitsgebiet; einzugsgebiet; wirkungsbereich; regionen"),
        "alliances": _s(
            "buendnis; buendnisse; netzwerk; netzwerke; mitglied in; mitgliedschaft; "
            "mitgliedschaften; arbeitskreis; initiativkreis; gremium; gremien; alliance; "
            "alliances; netzwerk buendnis; netzwerke buendnisse; buendnis netzwerk; mitglied im"
        ),
        "alliance_role": ("rolle", "rolle im buendnis", "rolle buendnis", "role"),
        "projects": ("projekt", "projekte", "beteiligt an", "project", "projects"),
        "project_role": ("rolle im projekt", "projektrolle", "rolle projekt"),
        "member_since": _s(
            "seit; kooperation seit; mitglied seit; partner seit; dabei seit; zusammenarbeit "
            "seit; beginn; since; eintritt"
        ),
        "member_until": _s("bis; kooperation bis; mitglied bis; ausgeschieden; austritt; until"),
        "contact_name": (
            "ansprechperson",
            "ansprechpersonen",
            "ansprechpartner",
            "ansprechpartnerin",
            "ansprechpartner in",
            "kontaktperson",
            "kontakt",
            "contact",
            "contact person",
            *_about_contact("name"),
        ),
        "contact_title": ("titel", "akademischer titel", *_about_contact("titel")),
        "contact_salutation": ("anrede", *_about_contact("anrede")),
        "contact_first_name": ("vorname", *_about_contact("vorname")),
        "contact_last_name": ("nachname", *_about_contact("nachname")),
        "contact_function": ("funktion", "position", *_about_contact("funktion", "position")),
        "contact_email": ("contact email", *_about_contact(*_EMAIL)),
        "contact_phone": ("mobil", "handy", "durchwahl", *_about_contact(*_PHONE[:4])),
        **_CONSENT_SYN,
    },
    "persons": {
        **_headers(Person, _PERSON),
        "full_name": _s(
            "name; vollstaendiger name; full name; ansprechperson; ansprechpartner; "
            "ansprechpartnerin; kontakt; person"
        ),
        "organisation": _s(
            "organisation; einrichtung; institution; akteur; arbeitgeber; organization; "
            "company; firma; traeger; schule"
        ),
        **_CONSENT_SYN,
    },
    "cooperations": {
        "from_actor": _s(
            "akteur 1; akteur1; partner 1; partner1; von; from; organisation 1; einrichtung 1; "
            "actor 1; quelle akteur"
        ),
        "to_actor": _s(
            "akteur 2; akteur2; partner 2; partner2; zu; mit; to; organisation 2; "
            "einrichtung 2; actor 2; ziel akteur"
        ),
        "cooperation_kind": _s("art; art der kooperation; kooperationsart; kind; type; typ"),
        **_headers(Link, _COOPERATION),
    },
}

SYNONYMS: dict[str, dict[str, str]] = {
    kind: {fold(s): f for f, syns in fields.items() for s in syns} for kind, fields in _SYN.items()
}
"""Per table kind: folded header → field."""

CONTACT_HEADERS = frozenset(
    h for h, f in SYNONYMS["partners"].items() if f.startswith("contact_") and "name" in f
) - {"vorname", "nachname"}
"""Headers that name a contact person beside an organisation ("Ansprechperson")."""
PARTNER_ONLY = frozenset(h for h, f in SYNONYMS["partners"].items() if f in MULTI or f == "region")
"""Headers only a partner list has (Themen, Bündnis, Stufe, Region, …)."""

_GENDER = re.compile(r"(?<=\w{4}) (?:in|innen)\b")
"""A gender ending written apart: "Ansprechpartner/in", "Ansprechpartner*innen"."""


def header_keys(header: str) -> list[str]:
    """The folded forms of a header to look up, most literal first: as written, without a
    gender ending ("Ansprechpartner/in"), and for a two-line header joined as "Gruppe:
    Spalte" the group with the column either way round, then the column alone."""
    keys = [fold(header), _GENDER.sub("", fold(header))]
    if ":" in header:
        top, _, sub = header.partition(":")
        t, s = (_GENDER.sub("", fold(x)) for x in (top, sub))
        keys += [f"{t} {s}", f"{s} {t}", s]
    return [k for k in dict.fromkeys(keys) if k]


def header_field(header: str, kind: str = "") -> str:
    """The field a header means for ``kind`` (any kind if empty), or ""."""
    kinds = [kind] if kind else list(SYNONYMS)
    for key in header_keys(header):
        for k in kinds:
            if SYNONYMS[k].get(key):
                return SYNONYMS[k][key]
    return ""
