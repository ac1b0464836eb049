"""Deterministic generator for the "Bildungsregion Trier" demo data set.

Why a generator instead of hand-written JSON: the demo has to show what netzwerk is for
(finding cooperation gaps), so the cooperation network must have a known, reproducible
structure -- isolated actors, leaves, separate components, bridges, coverage holes and weak
stage transitions -- on top of a realistic-looking background made by preferential
attachment with locality.  Writing ~400 edges by hand would hide that intent; a seeded
generator keeps it explicit, reviewable and repeatable (``random.Random(2026)``).

Everything about *persons* is invented: names are drawn from common first/last name lists,
e-mail domains end in ``.example`` and phone numbers are random.  Organisations are real
public institutions of the region or plausible invented ones; all cooperations, memberships
and project roles are invented too.

Run from the repository root::

    python seed/generate.py

The JSON files are written next to this script into ``bildungsregion_trier/`` and a
self-check (referential integrity, uniqueness, gap facts) is printed.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SEED = 2026
OUT_DIR = Path(__file__).resolve().parent / "bildungsregion_trier"
# A fixed "today": using date.today() would make the output depend on the run date.
REFERENCE_DATE = date(2025, 11, 1)
PAST_LIMIT = date(2025, 6, 30)  # ended cooperations end before this day

Row = dict[str, Any]

# --------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------

TOPICS: list[tuple[str, str, str]] = [
    (
        "alpha",
        "Alphabetisierung & Grundbildung",
        "Lesen, Schreiben, Rechnen und alltagspraktische Grundkompetenzen für Erwachsene.",
    ),
    ("mint", "MINT", "Mathematik, Informatik, Naturwissenschaften und Technik."),
    (
        "digital",
        "Digitale Bildung",
        "Medienkompetenz, digitale Ausstattung und digitales Lehren und Lernen.",
    ),
    (
        "integration",
        "Integration/Neuzugewanderte",
        "Zugang neu zugewanderter Menschen zu Bildung, Ausbildung und Arbeit.",
    ),
    (
        "usb",
        "Übergang Schule–Beruf",
        "Berufsorientierung, Ausbildungsvorbereitung und Begleitung in Ausbildung.",
    ),
    (
        "fruehkindlich",
        "Frühkindliche Bildung",
        "Bildung, Betreuung und Erziehung von Kindern vor dem Schuleintritt.",
    ),
    (
        "beratung",
        "Bildungsberatung",
        "Trägerneutrale Beratung und Orientierung an Bildungsübergängen.",
    ),
    (
        "sprache",
        "Sprachförderung",
        "Deutsch als Zweitsprache, alltagsintegrierte Sprachbildung und Sprachkurse.",
    ),
    ("kultur", "Kulturelle Bildung", "Musik, Kunst, Theater, Literatur und Museumspädagogik."),
    ("inklusion", "Inklusion", "Gemeinsames Lernen und Teilhabe von Menschen mit Behinderung."),
    (
        "demokratie",
        "Demokratiebildung",
        "Politische Bildung, Beteiligung und Engagement im Gemeinwesen.",
    ),
    (
        "bne",
        "Bildung für nachhaltige Entwicklung",
        "Umwelt, Klima und globale Verantwortung im Sinne der Agenda 2030.",
    ),
]
TOPIC_SLUGS: dict[str, str] = {
    "alpha": "alphabetisierung-grundbildung",
    "integration": "integration-neuzugewanderte",
    "usb": "uebergang-schule-beruf",
    "fruehkindlich": "fruehkindliche-bildung",
    "beratung": "bildungsberatung",
    "sprache": "sprachfoerderung",
    "kultur": "kulturelle-bildung",
    "digital": "digitale-bildung",
    "demokratie": "demokratiebildung",
}

STAGES: list[tuple[str, str, int]] = [
    ("fruehkindlich", "frühkindlich", 1),
    ("primarstufe", "Primarstufe", 2),
    ("sekundarstufe-i", "Sekundarstufe I", 3),
    ("sekundarstufe-ii", "Sekundarstufe II", 4),
    ("berufliche-bildung", "Berufliche Bildung", 5),
    ("hochschule", "Hochschule", 6),
    ("weiterbildung", "Weiterbildung/Erwachsenenbildung", 7),
]

TARGET_GROUPS: list[tuple[str, str]] = [
    ("kinder", "Kinder"),
    ("jugendliche", "Jugendliche"),
    ("eltern", "Eltern"),
    ("erwachsene-grundbildung", "Erwachsene mit Grundbildungsbedarf"),
    ("neuzugewanderte", "Neuzugewanderte"),
    ("lehrkraefte", "Lehrkräfte"),
    ("fachkraefte", "Fachkräfte"),
    ("senioren", "Senior:innen"),
    ("menschen-mit-behinderung", "Menschen mit Behinderung"),
    ("arbeitsuchende", "Arbeitsuchende"),
]


def topic_id(key: str) -> str:
    """Map a short topic key to its stable id (ids are readable, keys are short)."""
    return "topic-" + TOPIC_SLUGS.get(key, key)


def stage_id(key: str) -> str:
    """Stable id of a stage."""
    return "stage-" + key


def tg_id(key: str) -> str:
    """Stable id of a target group."""
    return "tg-" + key


# --------------------------------------------------------------------------------------
# Regions, towns, streets
# --------------------------------------------------------------------------------------

# (name, slug, postcode, typical streets).  Postcodes follow the real Trier 5429x areas.
STADTTEILE: list[tuple[str, str, str, list[str]]] = [
    (
        "Trier-Mitte/Gartenfeld",
        "mitte-gartenfeld",
        "54290",
        [
            "Simeonstraße",
            "Fleischstraße",
            "Brotstraße",
            "Nagelstraße",
            "Christophstraße",
            "Ostallee",
            "Kornmarkt",
            "Glockenstraße",
            "Gartenfeldstraße",
        ],
    ),
    (
        "Trier-Nord",
        "nord",
        "54292",
        ["Paulinstraße", "Thebäerstraße", "Zurmaiener Straße", "Maarstraße", "Nordallee"],
    ),
    (
        "Trier-Süd",
        "sued",
        "54290",
        ["Saarstraße", "Kaiserstraße", "Südallee", "Matthiasstraße", "Medardstraße"],
    ),
    (
        "Ehrang/Quint",
        "ehrang-quint",
        "54293",
        ["Niederstraße", "Kyllstraße", "Oberstraße", "Quinter Straße", "Bahnhofstraße"],
    ),
    ("Pfalzel", "pfalzel", "54293", ["Residenzstraße", "Eltzstraße", "Am Moselufer"]),
    ("Biewer", "biewer", "54293", ["Biewerer Straße", "Im Biewertal", "Kirchstraße"]),
    (
        "Ruwer/Eitelsbach",
        "ruwer-eitelsbach",
        "54292",
        ["Ruwerer Straße", "Eitelsbacher Straße", "Kirchstraße"],
    ),
    (
        "Trier-West/Pallien",
        "west-pallien",
        "54294",
        ["Aachener Straße", "Hornstraße", "Luxemburger Straße", "Bonner Straße"],
    ),
    ("Euren", "euren", "54294", ["Eurener Straße", "Eisenbahnstraße", "Kirchenweg"]),
    ("Zewen", "zewen", "54294", ["Zewener Straße", "Kenner Weg", "Am Bahndamm"]),
    ("Olewig", "olewig", "54295", ["Olewiger Straße", "Kleeburger Weg", "Auf der Steinrausch"]),
    ("Kürenz", "kuerenz", "54295", ["Kürenzer Straße", "Avelsbacher Straße", "Domänenstraße"]),
    ("Tarforst", "tarforst", "54296", ["Kohlenstraße", "Im Treff", "Am Trimmelter Hof"]),
    ("Filsch", "filsch", "54296", ["Filscher Straße", "Zum Kapellchen"]),
    ("Irsch", "irsch", "54296", ["Irscher Straße", "Bergstraße", "Am Sportplatz"]),
    ("Kernscheid", "kernscheid", "54296", ["Kernscheider Hof", "Im Weinberg"]),
    (
        "Feyen/Weismark",
        "feyen-weismark",
        "54294",
        ["Pellinger Straße", "Im Schammat", "Castelnaustraße"],
    ),
    (
        "Heiligkreuz",
        "heiligkreuz",
        "54295",
        ["Arnulfstraße", "Rotbachstraße", "Heiligkreuzer Straße"],
    ),
    ("Mariahof", "mariahof", "54295", ["Am Mariahof", "Hermann-Löns-Straße", "Tannenweg"]),
]

VERBANDSGEMEINDEN: list[tuple[str, str]] = [
    ("Hermeskeil", "hermeskeil"),
    ("Konz", "konz"),
    ("Ruwer", "ruwer"),
    ("Saarburg-Kell", "saarburg-kell"),
    ("Schweich an der Römischen Weinstraße", "schweich"),
    ("Trier-Land", "trier-land"),
]

# Town -> (postcode, phone area code, VG slug).
TOWNS: dict[str, tuple[str, str, str]] = {
    "Hermeskeil": ("54411", "06503", "hermeskeil"),
    "Reinsfeld": ("54421", "06503", "hermeskeil"),
    "Gusenburg": ("54413", "06503", "hermeskeil"),
    "Züsch": ("54422", "06503", "hermeskeil"),
    "Konz": ("54329", "06501", "konz"),
    "Tawern": ("54456", "06501", "konz"),
    "Wasserliesch": ("54332", "06501", "konz"),
    "Pellingen": ("54331", "06588", "konz"),
    "Waldrach": ("54320", "06500", "ruwer"),
    "Kasel": ("54317", "0651", "ruwer"),
    "Osburg": ("54317", "06500", "ruwer"),
    "Saarburg": ("54439", "06581", "saarburg-kell"),
    "Kell am See": ("54427", "06589", "saarburg-kell"),
    "Zerf": ("54314", "06587", "saarburg-kell"),
    "Freudenburg": ("54450", "06582", "saarburg-kell"),
    "Schweich": ("54338", "06502", "schweich"),
    "Longuich": ("54340", "06502", "schweich"),
    "Föhren": ("54343", "06502", "schweich"),
    "Mehring": ("54346", "06502", "schweich"),
    "Trierweiler": ("54311", "0651", "trier-land"),
    "Igel": ("54298", "06501", "trier-land"),
    "Welschbillig": ("54298", "06506", "trier-land"),
    "Kordel": ("54306", "06505", "trier-land"),
}
VILLAGE_STREETS = [
    "Hauptstraße",
    "Schulstraße",
    "Kirchstraße",
    "Bahnhofstraße",
    "Am Sportplatz",
    "Gartenstraße",
    "Lindenstraße",
    "Mühlenweg",
    "Im Brühl",
    "Auf der Höhe",
    "Bergstraße",
    "Ringstraße",
    "Am Markt",
    "Feldstraße",
    "Wiesenweg",
    "Moselstraße",
    "Weinbergstraße",
]

REGION_TOP = "region-bildungsregion-trier"
REGION_STADT = "region-stadt-trier"
REGION_KREIS = "region-landkreis-trier-saarburg"
STADTTEIL_BY_SLUG = {slug: (name, pc, streets) for name, slug, pc, streets in STADTTEILE}


def stadtteil_region(slug: str) -> str:
    """Region id of a Trier Ortsbezirk (e.g. ``region-trier-euren``)."""
    return "region-trier-" + slug


def vg_region(slug: str) -> str:
    """Region id of a Verbandsgemeinde (e.g. ``region-vg-konz``)."""
    return "region-vg-" + slug


def build_regions() -> list[Row]:
    """Region tree: Bildungsregion > Stadt/Landkreis > Stadtteil/VG (parents first)."""
    rows: list[Row] = [
        {"id": REGION_TOP, "name": "Bildungsregion Trier", "kind": "Region", "part_of": None},
        {"id": REGION_STADT, "name": "Stadt Trier", "kind": "Stadt", "part_of": REGION_TOP},
        {
            "id": REGION_KREIS,
            "name": "Landkreis Trier-Saarburg",
            "kind": "Landkreis",
            "part_of": REGION_TOP,
        },
    ]
    for name, slug, _pc, _streets in STADTTEILE:
        rows.append(
            {
                "id": stadtteil_region(slug),
                "name": name,
                "kind": "Stadtteil",
                "part_of": REGION_STADT,
            }
        )
    for name, slug in VERBANDSGEMEINDEN:
        rows.append(
            {
                "id": vg_region(slug),
                "name": name,
                "kind": "Verbandsgemeinde",
                "part_of": REGION_KREIS,
            }
        )
    return rows


# --------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------

# Profile -> (topics, stages, target groups, optional extra topics, hub weight).
# The hub weight feeds preferential attachment: offices and big institutions attract
# many more cooperations than a village Kita, as in real networks.
PROFILES: dict[str, tuple[list[str], list[str], list[str], list[str], float]] = {
    "office": (
        ["beratung", "alpha", "mint", "digital", "integration", "usb"],
        [
            "fruehkindlich",
            "primarstufe",
            "sekundarstufe-i",
            "sekundarstufe-ii",
            "berufliche-bildung",
            "weiterbildung",
        ],
        ["kinder", "jugendliche", "eltern", "neuzugewanderte", "fachkraefte"],
        [],
        6.0,
    ),
    "verw": (
        ["digital", "inklusion"],
        ["primarstufe", "sekundarstufe-i", "sekundarstufe-ii"],
        ["lehrkraefte", "kinder", "jugendliche"],
        ["mint", "bne"],
        4.0,
    ),
    "vgv": (["digital"], ["primarstufe"], ["kinder", "lehrkraefte"], ["fruehkindlich"], 2.0),
    "jugendamt": (
        ["fruehkindlich", "inklusion", "sprache"],
        ["fruehkindlich", "primarstufe"],
        ["kinder", "eltern", "fachkraefte"],
        ["integration"],
        4.0,
    ),
    "add": (
        ["inklusion", "digital"],
        ["primarstufe", "sekundarstufe-i", "sekundarstufe-ii"],
        ["lehrkraefte"],
        ["demokratie"],
        3.0,
    ),
    "uni": (
        ["mint", "digital", "beratung"],
        ["hochschule", "weiterbildung"],
        ["jugendliche", "lehrkraefte", "fachkraefte"],
        ["bne", "integration", "inklusion"],
        6.0,
    ),
    "hs": (
        ["mint", "digital"],
        ["hochschule", "weiterbildung"],
        ["jugendliche", "fachkraefte"],
        ["bne", "usb"],
        5.0,
    ),
    "theol": (["demokratie", "kultur"], ["hochschule"], ["fachkraefte"], ["integration"], 1.5),
    "vhs": (
        ["alpha", "sprache", "integration", "digital"],
        ["weiterbildung"],
        ["erwachsene-grundbildung", "neuzugewanderte", "senioren"],
        ["kultur", "beratung"],
        6.0,
    ),
    "bib": (
        ["sprache", "digital", "kultur"],
        ["fruehkindlich", "primarstufe", "weiterbildung"],
        ["kinder", "eltern", "senioren"],
        ["alpha", "mint"],
        3.0,
    ),
    "kammer": (
        ["usb", "mint"],
        ["berufliche-bildung", "weiterbildung"],
        ["jugendliche", "fachkraefte"],
        ["integration", "digital"],
        5.0,
    ),
    "aa": (
        ["usb", "beratung", "integration"],
        ["sekundarstufe-i", "berufliche-bildung", "weiterbildung"],
        ["jugendliche", "arbeitsuchende"],
        ["alpha"],
        5.0,
    ),
    "jc": (
        ["usb", "integration", "alpha"],
        ["berufliche-bildung", "weiterbildung"],
        ["arbeitsuchende", "neuzugewanderte", "erwachsene-grundbildung"],
        ["sprache"],
        4.0,
    ),
    "jba": (
        ["usb", "beratung"],
        ["sekundarstufe-i", "sekundarstufe-ii", "berufliche-bildung"],
        ["jugendliche", "eltern"],
        [],
        3.0,
    ),
    "gs": (
        ["sprache"],
        ["primarstufe"],
        ["kinder", "eltern"],
        ["mint", "digital", "inklusion", "kultur", "bne"],
        1.6,
    ),
    "rs": (["usb"], ["sekundarstufe-i"], ["jugendliche"], ["mint", "digital", "inklusion"], 1.8),
    "gym": (
        ["mint"],
        ["sekundarstufe-i", "sekundarstufe-ii"],
        ["jugendliche"],
        ["digital", "kultur", "demokratie", "bne"],
        2.0,
    ),
    "igs": (
        ["inklusion", "usb"],
        ["sekundarstufe-i", "sekundarstufe-ii"],
        ["jugendliche"],
        ["mint", "digital", "demokratie"],
        2.0,
    ),
    "bbs": (
        ["usb", "digital"],
        ["sekundarstufe-ii", "berufliche-bildung"],
        ["jugendliche", "neuzugewanderte"],
        ["mint", "sprache"],
        2.5,
    ),
    "foerder": (
        ["inklusion"],
        ["primarstufe", "sekundarstufe-i"],
        ["kinder", "jugendliche", "menschen-mit-behinderung"],
        ["usb"],
        1.5,
    ),
    "kita": (
        ["fruehkindlich", "sprache"],
        ["fruehkindlich"],
        ["kinder", "eltern"],
        ["bne", "inklusion", "mint"],
        1.2,
    ),
    "verein": (
        ["demokratie"],
        ["primarstufe", "sekundarstufe-i"],
        ["kinder", "jugendliche"],
        ["kultur", "bne", "inklusion"],
        1.2,
    ),
    "lese": (
        ["sprache", "alpha"],
        ["primarstufe", "weiterbildung"],
        ["kinder", "erwachsene-grundbildung"],
        ["kultur"],
        1.5,
    ),
    "mintverein": (
        ["mint", "digital"],
        ["primarstufe", "sekundarstufe-i"],
        ["kinder", "jugendliche", "lehrkraefte"],
        ["bne"],
        2.0,
    ),
    "migr": (
        ["integration", "sprache"],
        ["weiterbildung"],
        ["neuzugewanderte", "eltern"],
        ["kultur", "demokratie"],
        1.2,
    ),
    "beratung": (
        ["beratung", "integration"],
        ["weiterbildung"],
        ["neuzugewanderte", "eltern", "jugendliche"],
        ["alpha", "usb"],
        2.5,
    ),
    "erzberatung": (
        ["beratung", "inklusion"],
        ["fruehkindlich", "primarstufe"],
        ["eltern", "kinder"],
        [],
        1.5,
    ),
    "gbz": (
        ["alpha", "beratung"],
        ["weiterbildung"],
        ["erwachsene-grundbildung"],
        ["digital"],
        2.5,
    ),
    "wohlfahrt": (
        ["integration", "beratung", "inklusion"],
        ["fruehkindlich", "weiterbildung"],
        ["eltern", "neuzugewanderte", "senioren", "menschen-mit-behinderung"],
        ["alpha", "sprache"],
        3.0,
    ),
    "firma": (["usb"], ["berufliche-bildung"], ["jugendliche", "fachkraefte"], ["mint"], 1.0),
    "firma-it": (["digital", "mint", "usb"], ["berufliche-bildung"], ["jugendliche"], [], 1.3),
    "stiftung": (
        ["kultur"],
        ["primarstufe", "sekundarstufe-i"],
        ["kinder", "jugendliche"],
        ["mint", "bne", "demokratie", "alpha"],
        1.4,
    ),
    "museum": (
        ["kultur"],
        ["primarstufe", "sekundarstufe-i", "weiterbildung"],
        ["kinder", "jugendliche", "senioren"],
        ["demokratie"],
        1.5,
    ),
    "medien": (["digital"], ["primarstufe", "sekundarstufe-i"], ["lehrkraefte"], ["mint"], 2.0),
    "kultur": (
        ["kultur", "demokratie"],
        ["sekundarstufe-i", "weiterbildung"],
        ["jugendliche", "erwachsene-grundbildung"],
        ["inklusion"],
        2.0,
    ),
    "bne": (
        ["bne"],
        ["primarstufe", "sekundarstufe-i"],
        ["kinder", "jugendliche"],
        ["demokratie", "mint"],
        1.3,
    ),
    "quartier": (
        ["demokratie", "integration"],
        ["fruehkindlich", "weiterbildung"],
        ["eltern", "neuzugewanderte"],
        ["sprache"],
        1.5,
    ),
    "mgh": (
        ["integration", "demokratie"],
        ["weiterbildung"],
        ["senioren", "eltern"],
        ["digital"],
        1.4,
    ),
    "bank": (["usb"], ["berufliche-bildung"], ["jugendliche"], ["digital"], 1.5),
}

# Where an actor works: "stadt", "kreis" or "region".  Used for locality weighting and
# active_in.  District bodies sit in the city (the Kreisverwaltung is in Trier) but work
# for the district, which is why scope and location are kept apart.
SCOPE_BY_PROFILE = {
    "office": "region",
    "uni": "region",
    "hs": "region",
    "kammer": "region",
    "aa": "region",
    "theol": "region",
    "museum": "region",
    "add": "region",
}


@dataclass
class ActorSpec:
    """One actor as written in the table below, before ids and addresses are assigned."""

    key: str | None
    name: str
    kind: str
    sponsorship: str
    where: str
    profile: str
    short: str = ""
    tag: str = "core"
    street: str = ""
    scope: str = ""
    postcode: str = ""
    notes: str = ""


@dataclass
class Actor:
    """A fully resolved actor plus the derived facts the generator needs for wiring."""

    id: str
    spec: ActorSpec
    row: Row
    area: str  # "stadt" or "kreis" by location
    scope: str  # "stadt", "kreis" or "region" by responsibility
    vg: str  # VG slug or Stadtteil slug
    weight: float
    topics: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)


def S(
    key: str | None, name: str, kind: str, spons: str, where: str, profile: str, **kw: str
) -> ActorSpec:
    """Short constructor so the actor table stays readable."""
    return ActorSpec(key, name, kind, spons, where, profile, **kw)


VW, SCH, KITA, HS = "Verwaltung", "Schule", "Kita", "Hochschule"
VHS, BIB, VER, KAM = "VHS/Weiterbildung", "Bibliothek", "Verein/Initiative", "Kammer/Verband"
UNT, JC, STI = "Unternehmen", "Jobcenter/Agentur für Arbeit", "Stiftung"
MIG = "Migrantenorganisation"
BER, SON = "Beratungsstelle", "Sonstige"
OE, FR, PR = "öffentlich", "frei", "privat"
KREIS_SITE = "Sitz in der Kreisverwaltung in Trier; zuständig für den Landkreis Trier-Saarburg."

# Actors that did not always exist: no link may start before this day.  The Bildungsbüro
# was set up at the beginning of 2019 (see the seed page), so a 2016 membership would be
# an obvious error to anyone from the region.
EXISTS_SINCE: dict[str, date] = {"actor-bildungsbuero-trier-saarburg": date(2019, 1, 1)}


def not_before(actor_id: str, day: date) -> date:
    """Move day forward to the actor's first day if needed."""
    return max(day, EXISTS_SINCE.get(actor_id, day))


# Tags shape the cooperation network (see build_cooperations):
#   core         normal actor in the main component
#   iso          no cooperation at all
#   leaf         exactly one cooperation
#   comp-osburg  small separate component (village triangle in VG Ruwer)
#   comp-migr    small separate component (migrant self-organisations)
#   herm/-bridge VG Hermeskeil cluster, reachable only through the bridge actor
#   west/-bridge Trier-West quarter cluster, reachable only through the bridge actor
ACTOR_SPECS: list[ActorSpec] = [
    # --- the two offices and public hubs ------------------------------------------------
    S(
        "kbm-trier",
        "Kommunales Bildungsmanagement der Stadt Trier",
        VW,
        OE,
        "mitte-gartenfeld",
        "office",
        short="KBM Trier",
        street="Am Augustinerhof 1",
        scope="stadt",
    ),
    S(
        "bildungsbuero-trier-saarburg",
        "Kommunales Bildungsbüro Landkreis Trier-Saarburg",
        VW,
        OE,
        "mitte-gartenfeld",
        "office",
        short="Bildungsbüro TR-SAB",
        street="Willy-Brandt-Platz 1",
        scope="kreis",
        notes=KREIS_SITE,
    ),
    S(
        "schulamt-trier",
        "Amt für Schulen und Sport der Stadt Trier",
        VW,
        OE,
        "mitte-gartenfeld",
        "verw",
        short="Schulamt Trier",
        street="Am Augustinerhof 1",
        scope="stadt",
    ),
    S(
        "jugendamt-trier",
        "Jugendamt der Stadt Trier",
        VW,
        OE,
        "mitte-gartenfeld",
        "jugendamt",
        short="Jugendamt Trier",
        scope="stadt",
    ),
    S(
        "kv-schulen-bildung",
        "Kreisverwaltung Trier-Saarburg – Abteilung 5 Schulen und Bildung",
        VW,
        OE,
        "mitte-gartenfeld",
        "verw",
        short="KV TR-SAB Abt. 5",
        street="Willy-Brandt-Platz 1",
        scope="kreis",
        notes=KREIS_SITE,
    ),
    S(
        "kreisjugendamt",
        "Kreisjugendamt Trier-Saarburg",
        VW,
        OE,
        "mitte-gartenfeld",
        "jugendamt",
        short="Kreisjugendamt",
        street="Willy-Brandt-Platz 1",
        scope="kreis",
        notes=KREIS_SITE,
    ),
    S(
        "add-trier",
        "Aufsichts- und Dienstleistungsdirektion Trier – Schulaufsicht",
        VW,
        OE,
        "sued",
        "add",
        short="ADD Schulaufsicht",
        street="Willy-Brandt-Platz 3",
        postcode="54290",
    ),
    S(
        "uni-trier",
        "Universität Trier",
        HS,
        OE,
        "tarforst",
        "uni",
        short="Uni Trier",
        street="Universitätsring 15",
    ),
    S(
        "hs-trier",
        "Hochschule Trier",
        HS,
        OE,
        "nord",
        "hs",
        short="HS Trier",
        street="Schneidershof",
        postcode="54293",
    ),
    S(
        "theol-fakultaet",
        "Theologische Fakultät Trier",
        HS,
        FR,
        "mitte-gartenfeld",
        "theol",
        short="ThF Trier",
        tag="leaf",
    ),
    S(
        "vhs-trier",
        "Volkshochschule Trier",
        VHS,
        OE,
        "mitte-gartenfeld",
        "vhs",
        short="VHS Trier",
        street="Domfreihof 1b",
        scope="stadt",
    ),
    S(
        "kvhs-trier-saarburg",
        "Kreisvolkshochschule Trier-Saarburg",
        VHS,
        OE,
        "mitte-gartenfeld",
        "vhs",
        short="KVHS TR-SAB",
        street="Willy-Brandt-Platz 1",
        scope="kreis",
        notes=KREIS_SITE + " Außenstellen in allen Verbandsgemeinden.",
    ),
    S(
        "stadtbibliothek-trier",
        "Stadtbibliothek Trier",
        BIB,
        OE,
        "mitte-gartenfeld",
        "bib",
        short="StaBi Trier",
        street="Weberbach 25",
        scope="stadt",
    ),
    S(
        "ihk-trier",
        "IHK Trier",
        KAM,
        OE,
        "nord",
        "kammer",
        short="IHK Trier",
        street="Herzogenbuscher Straße 12",
    ),
    S(
        "hwk-trier",
        "Handwerkskammer Trier",
        KAM,
        OE,
        "nord",
        "kammer",
        short="HWK Trier",
        street="Loebstraße 18",
    ),
    S(
        "aa-trier",
        "Agentur für Arbeit Trier",
        JC,
        OE,
        "nord",
        "aa",
        short="AA Trier",
        street="Dasbachstraße 9",
    ),
    S(
        "jobcenter-trier-stadt",
        "Jobcenter Trier Stadt",
        JC,
        OE,
        "nord",
        "jc",
        short="JC Trier Stadt",
        scope="stadt",
    ),
    S(
        "jobcenter-trier-saarburg",
        "Jobcenter Trier-Saarburg",
        JC,
        OE,
        "Konz",
        "jc",
        short="JC TR-SAB",
        scope="kreis",
    ),
    S(
        "jba-trier",
        "Jugendberufsagentur Trier",
        BER,
        OE,
        "nord",
        "jba",
        short="JBA Trier",
        scope="stadt",
    ),
    S(
        "kreismedienzentrum",
        "Kreismedienzentrum Trier-Saarburg",
        SON,
        OE,
        "mitte-gartenfeld",
        "medien",
        short="Kreismedienzentrum",
        scope="kreis",
        notes=KREIS_SITE,
    ),
    S(
        "landesmuseum",
        "Rheinisches Landesmuseum Trier",
        SON,
        OE,
        "mitte-gartenfeld",
        "museum",
        short="RLM Trier",
        street="Weimarer Allee 1",
        tag="leaf",
    ),
    S(
        "sparkasse-trier",
        "Sparkasse Trier",
        UNT,
        OE,
        "mitte-gartenfeld",
        "bank",
        short="Sparkasse",
        scope="region",
    ),
    S(
        "caritas-trier",
        "Caritasverband Trier e. V.",
        BER,
        FR,
        "mitte-gartenfeld",
        "wohlfahrt",
        short="Caritas Trier",
        scope="region",
    ),
    S(
        "diakonie-trier",
        "Diakonisches Werk Trier",
        BER,
        FR,
        "nord",
        "wohlfahrt",
        short="Diakonie Trier",
        scope="stadt",
    ),
    S(
        "awo-trier",
        "AWO Kreisverband Trier-Stadt e. V.",
        VER,
        FR,
        "west-pallien",
        "wohlfahrt",
        short="AWO Trier",
    ),
    S(
        "drk-trier-saarburg",
        "DRK-Kreisverband Trier-Saarburg e. V.",
        VER,
        FR,
        "nord",
        "wohlfahrt",
        short="DRK TR-SAB",
        scope="kreis",
    ),
    S("jmd-trier", "Jugendmigrationsdienst Trier", BER, FR, "nord", "beratung", short="JMD Trier"),
    S(
        "gbz-trier",
        "Grundbildungszentrum Trier",
        BER,
        OE,
        "nord",
        "gbz",
        short="GBZ Trier",
        scope="stadt",
    ),
    S(
        "multikulti-trier",
        "Multikulturelles Zentrum Trier e. V.",
        MIG,
        FR,
        "mitte-gartenfeld",
        "migr",
        short="MKZ Trier",
        scope="stadt",
    ),
    S(
        "tufa-trier",
        "Tuchfabrik Trier e. V. (Tufa)",
        SON,
        FR,
        "mitte-gartenfeld",
        "kultur",
        short="Tufa",
        street="Wechselstraße 4",
    ),
    S(
        "agenda21-trier",
        "Lokale Agenda 21 Trier e. V.",
        VER,
        FR,
        "mitte-gartenfeld",
        "bne",
        short="Agenda 21 Trier",
    ),
    S(
        "kinderschutzbund-trier",
        "Deutscher Kinderschutzbund Ortsverband Trier e. V.",
        VER,
        FR,
        "sued",
        "verein",
        short="DKSB Trier",
    ),
    S(
        "lesewelt-trier",
        "Lesewelt Trier e. V.",
        VER,
        FR,
        "mitte-gartenfeld",
        "lese",
        short="Lesewelt",
    ),
    S(
        "mint-werkstatt",
        "MINT-Werkstatt Trier e. V.",
        VER,
        FR,
        "tarforst",
        "mintverein",
        short="MINT-Werkstatt",
    ),
    S(None, "Erziehungs- und Familienberatungsstelle Trier", BER, FR, "sued", "erzberatung"),
    S(None, "Bürgerhaus Trier-Nord e. V.", VER, FR, "nord", "quartier"),
    S(None, "Jugendzentrum Ehrang", SON, OE, "ehrang-quint", "verein"),
    S(None, "Bürgerstiftung Trier", STI, FR, "mitte-gartenfeld", "stiftung"),
    S(None, "Moselstiftung für Bildung und Teilhabe", STI, PR, "sued", "stiftung", tag="leaf"),
    S(None, "Stiftung der Sparkasse Trier", STI, OE, "mitte-gartenfeld", "stiftung"),
    S(None, "Stiftung Porta Nigra Jugend", STI, PR, "nord", "stiftung", tag="iso"),
    S(
        None,
        "Beirat für Migration und Integration der Stadt Trier",
        SON,
        OE,
        "mitte-gartenfeld",
        "migr",
        short="Beirat Migration",
    ),
    S(None, "Syrisch-Deutscher Kulturverein Trier e. V.", MIG, FR, "nord", "migr"),
    S(
        None,
        "Deutsch-Türkischer Elternverein Trier e. V.",
        MIG,
        FR,
        "west-pallien",
        "migr",
        tag="west",
    ),
    S(None, "Lernhaus Trier-West e. V.", VER, FR, "west-pallien", "lese", tag="west"),
    S(
        None,
        "Quartiersmanagement Trier-West",
        SON,
        OE,
        "west-pallien",
        "quartier",
        tag="west-bridge",
    ),
    S(None, "Afrika-Forum Trier e. V.", MIG, FR, "west-pallien", "migr", tag="comp-migr"),
    S(None, "Ukrainische Gemeinschaft Trier e. V.", MIG, FR, "sued", "migr", tag="comp-migr"),
    S(None, "Interkultureller Frauentreff Trier e. V.", MIG, FR, "euren", "migr", tag="comp-migr"),
    S(None, "Polnischer Kulturverein Trier e. V.", MIG, FR, "kuerenz", "migr", tag="comp-migr"),
    S(None, "Bürgerverein Kernscheid e. V.", VER, FR, "kernscheid", "verein", tag="iso"),
    S(None, "Förderverein Dorfleben Filsch e. V.", VER, FR, "filsch", "verein", tag="leaf"),
    S(None, "Sportverein Eintracht Zewen e. V.", VER, FR, "zewen", "verein"),
    S(None, "Musikschule Trier-Olewig e. V.", VER, FR, "olewig", "kultur", tag="leaf"),
    # companies (invented)
    S(None, "Moselsoft GmbH", UNT, PR, "euren", "firma-it"),
    S(None, "Porta Digital Solutions GmbH", UNT, PR, "mitte-gartenfeld", "firma-it"),
    S(None, "Römer Elektrotechnik GmbH", UNT, PR, "zewen", "firma"),
    S(None, "Pflegedienst Moselblick GmbH", UNT, PR, "feyen-weismark", "firma", tag="iso"),
    S(None, "Stadtwerke Trier", UNT, OE, "nord", "firma", short="SWT"),
    S(None, "Ingenieurbüro Aula GmbH", UNT, PR, "heiligkreuz", "firma", tag="leaf"),
    # --- schools in Trier ----------------------------------------------------------------
    S(None, "Grundschule Trier-Nord", SCH, OE, "nord", "gs"),
    S(None, "Grundschule Trier-Süd", SCH, OE, "sued", "gs"),
    S(None, "Grundschule Trier-West", SCH, OE, "west-pallien", "gs"),
    S(None, "Grundschule Ehrang", SCH, OE, "ehrang-quint", "gs"),
    S(None, "Grundschule Pfalzel", SCH, OE, "pfalzel", "gs"),
    S(None, "Grundschule Biewer", SCH, OE, "biewer", "gs"),
    S(None, "Grundschule Ruwer", SCH, OE, "ruwer-eitelsbach", "gs"),
    S(None, "Grundschule Euren", SCH, OE, "euren", "gs"),
    S(None, "Grundschule Zewen", SCH, OE, "zewen", "gs"),
    S(None, "Grundschule Olewig", SCH, OE, "olewig", "gs"),
    S(None, "Grundschule Kürenz", SCH, OE, "kuerenz", "gs"),
    S(None, "Grundschule Tarforst", SCH, OE, "tarforst", "gs"),
    S(None, "Grundschule Irsch", SCH, OE, "irsch", "gs"),
    S(None, "Grundschule Feyen", SCH, OE, "feyen-weismark", "gs"),
    S(None, "Grundschule Heiligkreuz", SCH, OE, "heiligkreuz", "gs"),
    S(None, "Grundschule Mariahof", SCH, OE, "mariahof", "gs"),
    S(None, "Realschule plus Trier-Ehrang", SCH, OE, "ehrang-quint", "rs"),
    S(None, "Realschule plus Trier-Nord", SCH, OE, "nord", "rs"),
    S(None, "Balduin-Gymnasium Trier", SCH, OE, "mitte-gartenfeld", "gym"),
    S(None, "Konstantin-Gymnasium Trier", SCH, OE, "sued", "gym"),
    S(None, "Ausonius-Gymnasium Trier", SCH, OE, "nord", "gym"),
    S(None, "St.-Helena-Gymnasium Trier", SCH, FR, "heiligkreuz", "gym"),
    S(None, "Integrierte Gesamtschule Trier", SCH, OE, "kuerenz", "igs"),
    S(None, "Berufsbildende Schule Wirtschaft Trier", SCH, OE, "sued", "bbs", scope="region"),
    S(
        None,
        "Berufsbildende Schule Gewerbe und Technik Trier",
        SCH,
        OE,
        "nord",
        "bbs",
        scope="region",
    ),
    S(
        None,
        "Berufsbildende Schule Ernährung, Hauswirtschaft, Soziales Trier",
        SCH,
        OE,
        "mitte-gartenfeld",
        "bbs",
    ),
    S(None, "Förderzentrum Mariahof", SCH, OE, "mariahof", "foerder"),
    # --- Kitas in Trier (none in Kernscheid and Filsch: a coverage gap) -------------------
    S(None, "Städtische Kita Trier-Nord", KITA, OE, "nord", "kita"),
    S(None, "Kita St. Paulin", KITA, FR, "nord", "kita"),
    S(None, "Kita Regenbogen Trier-West", KITA, FR, "west-pallien", "kita", tag="west"),
    S(None, "Kita Arche Noah Ehrang", KITA, FR, "ehrang-quint", "kita"),
    S(None, "Kita Pfalzeler Spatzen", KITA, OE, "pfalzel", "kita"),
    S(None, "Kita Sonnenblume Zewen", KITA, FR, "zewen", "kita"),
    S(None, "Städtische Kita Olewig", KITA, OE, "olewig", "kita"),
    S(None, "Kinderhaus Kürenz", KITA, FR, "kuerenz", "kita"),
    S(None, "Kita Tarforst", KITA, OE, "tarforst", "kita"),
    S(None, "Kita St. Matthias", KITA, FR, "sued", "kita"),
    S(None, "Kita Feyen", KITA, OE, "feyen-weismark", "kita", tag="leaf"),
    S(None, "Kita Mariahof", KITA, FR, "mariahof", "kita"),
    S(None, "Kita Heiligkreuz", KITA, FR, "heiligkreuz", "kita"),
    S(None, "Kita Euren", KITA, OE, "euren", "kita"),
    S(None, "Kita Biewer", KITA, FR, "biewer", "kita"),
    # --- VG Konz ---------------------------------------------------------------------------
    S(None, "Verbandsgemeindeverwaltung Konz", VW, OE, "Konz", "vgv"),
    S(None, "Gymnasium Konz", SCH, OE, "Konz", "gym"),
    S(None, "Realschule plus Konz", SCH, OE, "Konz", "rs"),
    S(None, "Grundschule Konz-Karthaus", SCH, OE, "Konz", "gs"),
    S(None, "Grundschule Tawern", SCH, OE, "Tawern", "gs"),
    S(None, "Grundschule Wasserliesch", SCH, OE, "Wasserliesch", "gs", tag="leaf"),
    S(None, "Kita St. Nikolaus Konz", KITA, FR, "Konz", "kita"),
    S(None, "Kita Tawern", KITA, OE, "Tawern", "kita"),
    S(None, "Kita Pellingen", KITA, OE, "Pellingen", "kita", tag="leaf"),
    S(None, "Stadtbücherei Konz", BIB, OE, "Konz", "bib"),
    S(None, "Migrationsberatung Konz", BER, FR, "Konz", "beratung"),
    S(None, "Saar-Mosel Metallbau GmbH", UNT, PR, "Konz", "firma"),
    S(None, "Jugendtreff Konz e. V.", VER, FR, "Konz", "verein"),
    # --- VG Saarburg-Kell (weak Kita–Grundschule transition) ------------------------------
    S(None, "Verbandsgemeindeverwaltung Saarburg-Kell", VW, OE, "Saarburg", "vgv"),
    S(None, "Gymnasium Saarburg", SCH, OE, "Saarburg", "gym"),
    S(None, "Realschule plus Saarburg", SCH, OE, "Saarburg", "rs"),
    S(None, "Berufsbildende Schule Saarburg", SCH, OE, "Saarburg", "bbs"),
    S(None, "Grundschule Saarburg", SCH, OE, "Saarburg", "gs"),
    S(None, "Grundschule Kell am See", SCH, OE, "Kell am See", "gs"),
    S(None, "Grundschule Zerf", SCH, OE, "Zerf", "gs"),
    S(None, "Kita Saarburg-Beurig", KITA, FR, "Saarburg", "kita"),
    S(None, "Kita Kell am See", KITA, OE, "Kell am See", "kita"),
    S(None, "Kita Freudenburg", KITA, OE, "Freudenburg", "kita"),
    S(None, "Stadtbücherei Saarburg", BIB, OE, "Saarburg", "bib", tag="leaf"),
    S(None, "Erziehungsberatungsstelle Saarburg", BER, FR, "Saarburg", "erzberatung"),
    S(None, "Hochwald-Bau GmbH", UNT, PR, "Kell am See", "firma", tag="iso"),
    S(None, "Jugendförderverein Saar-Obermosel e. V.", VER, FR, "Saarburg", "verein"),
    # --- VG Hermeskeil (cluster behind one bridge; no Hochschule stage) --------------------
    S(
        None,
        "Verbandsgemeindeverwaltung Hermeskeil",
        VW,
        OE,
        "Hermeskeil",
        "vgv",
        tag="herm-bridge",
    ),
    S(None, "Gymnasium Hermeskeil", SCH, OE, "Hermeskeil", "gym", tag="herm"),
    S(None, "Integrierte Gesamtschule Hermeskeil", SCH, OE, "Hermeskeil", "igs", tag="herm"),
    S(None, "Berufsbildende Schule Hermeskeil", SCH, OE, "Hermeskeil", "bbs", tag="herm"),
    S(None, "Grundschule Hermeskeil", SCH, OE, "Hermeskeil", "gs", tag="herm"),
    S(None, "Grundschule Reinsfeld", SCH, OE, "Reinsfeld", "gs", tag="herm"),
    S(None, "Kita Hermeskeil", KITA, OE, "Hermeskeil", "kita", tag="herm"),
    S(None, "Kita Gusenburg", KITA, FR, "Gusenburg", "kita", tag="herm"),
    S(None, "Öffentliche Bücherei Hermeskeil", BIB, OE, "Hermeskeil", "bib", tag="herm"),
    S(None, "Hochwaldjugend e. V.", VER, FR, "Züsch", "verein", tag="herm"),
    # --- VG Ruwer (one village forms its own component) ----------------------------------
    S(None, "Verbandsgemeindeverwaltung Ruwer", VW, OE, "Waldrach", "vgv"),
    S(None, "Grundschule Waldrach", SCH, OE, "Waldrach", "gs"),
    S(None, "Realschule plus Ruwertal", SCH, OE, "Waldrach", "rs"),
    S(None, "Kita Waldrach", KITA, OE, "Waldrach", "kita"),
    S(None, "Grundschule Kasel", SCH, OE, "Kasel", "gs", tag="leaf"),
    S(None, "Kita Osburg", KITA, OE, "Osburg", "kita", tag="comp-osburg"),
    S(None, "Grundschule Osburg", SCH, OE, "Osburg", "gs", tag="comp-osburg"),
    S(
        None,
        "Heimat- und Kulturverein Osburg e. V.",
        VER,
        FR,
        "Osburg",
        "verein",
        tag="comp-osburg",
    ),
    S(None, "Ruwertaler Naturerlebnis e. V.", VER, FR, "Kasel", "bne"),
    # --- VG Schweich ----------------------------------------------------------------------
    S(None, "Verbandsgemeindeverwaltung Schweich", VW, OE, "Schweich", "vgv"),
    S(None, "Gymnasium Schweich", SCH, OE, "Schweich", "gym"),
    S(None, "Realschule plus Schweich", SCH, OE, "Schweich", "rs"),
    S(None, "Grundschule Schweich", SCH, OE, "Schweich", "gs"),
    S(None, "Grundschule Longuich", SCH, OE, "Longuich", "gs"),
    S(None, "Kita Schweich", KITA, FR, "Schweich", "kita"),
    S(None, "Kita Föhren", KITA, OE, "Föhren", "kita", tag="iso"),
    S(None, "Katholische öffentliche Bücherei Schweich", BIB, FR, "Schweich", "bib", tag="leaf"),
    S(None, "Mehrgenerationenhaus Schweich", SON, FR, "Schweich", "mgh"),
    S(None, "Föhrener Kunststofftechnik GmbH", UNT, PR, "Föhren", "firma"),
    S(
        None,
        "Deutsch-Syrischer Freundeskreis Schweich e. V.",
        MIG,
        FR,
        "Schweich",
        "migr",
        tag="iso",
    ),
    S(None, "Weingut Mehring Ausbildungsbetrieb GbR", UNT, PR, "Mehring", "firma", tag="leaf"),
    # --- VG Trier-Land ----------------------------------------------------------------------
    S(
        None,
        "Verbandsgemeindeverwaltung Trier-Land",
        VW,
        OE,
        "Trierweiler",
        "vgv",
        postcode="54311",
    ),
    S(None, "Grundschule Trierweiler", SCH, OE, "Trierweiler", "gs"),
    S(None, "Grundschule Welschbillig", SCH, OE, "Welschbillig", "gs"),
    S(None, "Grundschule Igel", SCH, OE, "Igel", "gs", tag="leaf"),
    S(None, "Kita Trierweiler", KITA, OE, "Trierweiler", "kita"),
    S(None, "Kita Welschbillig", KITA, FR, "Welschbillig", "kita"),
    S(None, "Ökologische Station Kordel e. V.", VER, FR, "Kordel", "bne", tag="iso"),
    S(None, "Sauertal Logistik GmbH", UNT, PR, "Igel", "firma", tag="iso"),
    S(None, "Lesepaten Trier-Land e. V.", VER, FR, "Trierweiler", "lese", tag="leaf"),
]

ABBREVIATIONS: list[tuple[str, str]] = [
    ("Verbandsgemeindeverwaltung", "VGV"),
    ("Berufsbildende Schule", "BBS"),
    ("Integrierte Gesamtschule", "IGS"),
    ("Realschule plus", "RS+"),
    ("Grundschule", "GS"),
    ("Gymnasium", "Gym."),
    ("Städtische Kita", "Kita"),
    ("Katholische öffentliche Bücherei", "KÖB"),
    ("Öffentliche Bücherei", "Bücherei"),
    ("Erziehungsberatungsstelle", "EB"),
    ("Erziehungs- und Familienberatungsstelle", "EFB"),
    (" e. V.", ""),
    (" GmbH", ""),
    (" GbR", ""),
    ("Ernährung, Hauswirtschaft, Soziales", "EHS"),
    ("Gewerbe und Technik", "GuT"),
]

TRANSLIT = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ı": "i",
        "ł": "l",
    }
)


def slugify(text: str) -> str:
    """ASCII slug for ids, domains and e-mail local parts (umlauts spelled out)."""
    text = unicodedata.normalize("NFKD", text.translate(TRANSLIT))
    text = text.encode("ascii", "ignore").decode().lower()
    out = "".join(ch if ch.isalnum() else "-" for ch in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def short_name(name: str) -> str:
    """Derive a short name the way offices abbreviate in their lists."""
    short = name
    for long, abbr in ABBREVIATIONS:
        short = short.replace(long, abbr)
    return short.strip()


def resolve_place(spec: ActorSpec) -> tuple[str, str, str, str, list[str], str]:
    """Return (region id, area, vg/stadtteil slug, postcode, street pool, phone code)."""
    if spec.where in STADTTEIL_BY_SLUG:
        _name, pc, streets = STADTTEIL_BY_SLUG[spec.where]
        return stadtteil_region(spec.where), "stadt", spec.where, pc, streets, "0651"
    pc, code, vg = TOWNS[spec.where]
    return vg_region(vg), "kreis", vg, pc, VILLAGE_STREETS, code


def build_actors(rng: random.Random) -> list[Actor]:
    """Resolve the actor table into rows with ids, addresses, vocabulary links."""
    actors: list[Actor] = []
    used_domains: set[str] = set()
    used_phones: set[str] = set()
    counter = 0
    for spec in ACTOR_SPECS:
        if spec.key:
            aid = "actor-" + spec.key
        else:
            counter += 1
            aid = f"actor-{counter:04d}"
        region, area, vg, pc, streets, code = resolve_place(spec)
        town = "Trier" if area == "stadt" else spec.where
        street = spec.street or f"{rng.choice(streets)} {rng.randint(1, 60)}"
        short = spec.short or short_name(spec.name)
        domain = slugify(short)
        if area == "kreis" and slugify(town) not in domain:
            domain += "-" + slugify(town)
        elif area == "stadt" and "trier" not in domain:
            domain += "-trier"
        while domain in used_domains:
            domain += "-" + str(rng.randint(2, 9))
        used_domains.add(domain)
        phone = ""
        while not phone or phone in used_phones:
            digits = 5 if code == "0651" else 4
            phone = f"{code} {rng.randint(10 ** (digits - 1), 10**digits - 1)}-0"
        used_phones.add(phone)

        topics_base, stages, tgs, extra, weight = PROFILES[spec.profile]
        topics = list(topics_base)
        for t in rng.sample(extra, k=min(len(extra), rng.choice([0, 1, 1, 2]))):
            if t not in topics:
                topics.append(t)
        if spec.kind == SCH and rng.random() < 0.25 and "digital" not in topics:
            topics.append("digital")

        scope = spec.scope or SCOPE_BY_PROFILE.get(spec.profile, "")
        if not scope:
            scope = "local"
        active_in = [region]
        if scope == "stadt":
            active_in = [REGION_STADT]
        elif scope == "kreis":
            active_in = [REGION_KREIS]
        elif scope == "region":
            active_in = [REGION_TOP]
        elif spec.profile in ("gym", "bbs", "igs") and area == "stadt":
            # secondary schools in the city draw pupils from all Stadtteile
            active_in = [region, REGION_STADT]
        row: Row = {
            "id": aid,
            "name": spec.name,
            "short_name": short,
            "kind": spec.kind,
            "sponsorship": spec.sponsorship,
            "street": street,
            "postcode": spec.postcode or pc,
            "town": town,
            "website": f"https://www.{domain}.example",
            "email": f"info@{domain}.example",
            "phone": phone,
            "notes": spec.notes,
            "located_in": region,
            "active_in": active_in,
            "topics": [topic_id(t) for t in topics],
            "stages": [stage_id(s) for s in stages],
            "target_groups": [tg_id(t) for t in tgs],
        }
        actors.append(Actor(aid, spec, row, area, scope, vg, weight, topics, list(stages)))
    return actors


# --------------------------------------------------------------------------------------
# Cooperations
# --------------------------------------------------------------------------------------

COOP_KINDS = [
    "Kooperationsvereinbarung",
    "Projektpartnerschaft",
    "Informationsaustausch",
    "Gemeinsames Angebot",
    "Verweisberatung",
    "Gremienarbeit",
]
COOP_NOTES: dict[str, list[str]] = {
    "Kooperationsvereinbarung": [
        "Schriftliche Vereinbarung, jährliche Überprüfung",
        "Praktikumsplätze für Schüler:innen vereinbart",
        "Nutzung von Räumen vereinbart",
    ],
    "Projektpartnerschaft": [
        "Gemeinsamer Förderantrag",
        "Partner im Projektverbund",
        "Übernahme von Sachkosten",
    ],
    "Informationsaustausch": [
        "Regelmäßiger Austausch im Arbeitskreis",
        "Austausch bei Bedarf, telefonisch",
        "Gegenseitige Einladung zu Veranstaltungen",
    ],
    "Gemeinsames Angebot": [
        "Gemeinsame Ferienangebote",
        "Gemeinsamer Elternabend",
        "Gemeinsame Fortbildung für Fachkräfte",
        "Lesepatenschaften",
    ],
    "Verweisberatung": [
        "Verweis bei Grundbildungsbedarf",
        "Gegenseitige Vermittlung von Ratsuchenden",
        "Lotsenfunktion für Neuzugewanderte",
    ],
    "Gremienarbeit": [
        "Gemeinsam im Bildungsbeirat",
        "Mitarbeit in der Steuerungsgruppe",
        "Arbeitskreis Schulträger",
    ],
}
# (source, earliest year it can describe -- a 2023 meeting cannot record a 2025 link)
COOP_SOURCES: list[tuple[str, int]] = [
    ("Netzwerktreffen 2022", 2022),
    ("Netzwerktreffen 2023", 2023),
    ("Netzwerktreffen 2024", 2024),
    ("Befragung 2024", 2024),
    ("Bildungskonferenz 2023", 2023),
    ("Kooperationsvertrag", 9999),
    ("Jahresgespräch", 9999),
    ("E-Mail-Korrespondenz", 9999),
    ("Projektbericht", 9999),
    ("Netzwerktreffen 2025", 2025),
]

# VGs where Kitas and Grundschulen (almost) never cooperate: a weak Bildungsübergang.
WEAK_TRANSITION_LIMIT = {"saarburg-kell": 0, "trier-land": 1}


def is_kita_gs_pair(a: Actor, b: Actor) -> bool:
    """True for a frühkindlich-only actor paired with a Primarstufe actor."""

    def early(x: Actor) -> bool:
        return x.stages == ["fruehkindlich"]

    return (early(a) and "primarstufe" in b.stages) or (early(b) and "primarstufe" in a.stages)


class CoopBuilder:
    """Collects undirected actor pairs and enforces the network's structural rules."""

    def __init__(self, actors: list[Actor], rng: random.Random) -> None:
        self.rng = rng
        self.by_id = {a.id: a for a in actors}
        self.pairs: list[tuple[str, str]] = []
        self.seen: set[frozenset[str]] = set()
        self.deg: Counter[str] = Counter()
        self.transitions: Counter[str] = Counter()

    def allowed(self, a: Actor, b: Actor) -> bool:
        """Reject self-loops, duplicates and links that would close a designed gap."""
        if a.id == b.id or frozenset((a.id, b.id)) in self.seen:
            return False
        if a.area == b.area == "kreis" and a.vg == b.vg and is_kita_gs_pair(a, b):
            limit = WEAK_TRANSITION_LIMIT.get(a.vg)
            if limit is not None and self.transitions[a.vg] >= limit:
                return False
        return True

    def add(self, a: Actor, b: Actor) -> bool:
        """Add the pair if allowed; returns whether it was added."""
        if not self.allowed(a, b):
            return False
        if a.area == b.area == "kreis" and a.vg == b.vg and is_kita_gs_pair(a, b):
            self.transitions[a.vg] += 1
        self.pairs.append((a.id, b.id))
        self.seen.add(frozenset((a.id, b.id)))
        self.deg[a.id] += 1
        self.deg[b.id] += 1
        return True

    def affinity(self, a: Actor, b: Actor) -> float:
        """How likely a and b cooperate: locality x shared topics/stages x attractiveness.

        Same Stadtteil/VG is strongly favoured, the same side of the city/district border
        moderately, cross-border links are rare unless one side works region-wide.
        """
        if a.row["located_in"] == b.row["located_in"]:
            loc = 5.0
        else:
            side_a = a.scope if a.scope in ("stadt", "kreis") else a.area
            side_b = b.scope if b.scope in ("stadt", "kreis") else b.area
            if "region" in (a.scope, b.scope):
                loc = 1.5
            elif side_a == side_b:
                loc = 1.6
            else:
                loc = 0.15
        shared_topics = len(set(a.topics) & set(b.topics))
        orders = {s: o for s, _n, o in STAGES}
        adj = any(abs(orders[x] - orders[y]) <= 1 for x in a.stages for y in b.stages)
        sim = 1.0 + 0.5 * shared_topics + (0.6 if adj else 0.0)
        return loc * sim * b.weight * (1.0 + self.deg[b.id]) ** 0.6

    def pick_partner(self, a: Actor, pool: list[Actor]) -> Actor | None:
        """Weighted choice of an allowed partner for a from pool."""
        cands = [b for b in pool if self.allowed(a, b)]
        if not cands:
            return None
        weights = [self.affinity(a, b) for b in cands]
        return self.rng.choices(cands, weights=weights, k=1)[0]

    def ring(self, members: list[Actor], chords: int) -> None:
        """Connect members in a cycle plus a few chords (a small, robust cluster)."""
        for i, a in enumerate(members):
            self.add(a, members[(i + 1) % len(members)])
        tries = 0
        while chords > 0 and tries < 200:
            tries += 1
            a, b = self.rng.sample(members, 2)
            if self.add(a, b):
                chords -= 1


def build_cooperations(
    actors: list[Actor], rng: random.Random, total: int = 400
) -> list[tuple[str, str]]:
    """Wire the cooperation graph: designed gaps first, realistic background after."""
    cb = CoopBuilder(actors, rng)
    tagged: dict[str, list[Actor]] = defaultdict(list)
    for a in actors:
        tagged[a.spec.tag].append(a)
    core = tagged["core"] + tagged["herm-bridge"] + tagged["west-bridge"]

    # small separate components
    cb.ring(tagged["comp-osburg"], chords=0)
    cb.ring(tagged["comp-migr"], chords=1)
    # clusters hanging on one articulation point each
    cb.ring(tagged["herm-bridge"] + tagged["herm"], chords=6)
    cb.ring(tagged["west-bridge"] + tagged["west"], chords=1)

    # the bridge actors need their own links into the core, or the clusters float away
    for a in tagged["herm-bridge"] + tagged["west-bridge"]:
        for _ in range(2):
            b = cb.pick_partner(a, [c for c in core if not c.spec.tag.endswith("bridge")])
            assert b is not None
            cb.add(a, b)
    # every core actor gets at least two partners ...
    order = list(core)
    rng.shuffle(order)
    for a in order:
        while cb.deg[a.id] < 2 + (1 if a.weight >= 4 else 0):
            b = cb.pick_partner(a, core)
            if b is None:
                break
            cb.add(a, b)
    # ... Kitas meet their local Grundschule, except where the transition is weak ...
    for a in core:
        if a.area != "kreis" or a.stages != ["fruehkindlich"]:
            continue
        schools = [
            b
            for b in core
            if b.vg == a.vg
            and b.area == "kreis"
            and "primarstufe" in b.stages
            and b.spec.profile == "gs"
        ]
        if schools and rng.random() < 0.85:
            cb.add(a, rng.choice(schools))
    # ... leaves exactly one ...
    for a in tagged["leaf"]:
        b = cb.pick_partner(a, core)
        assert b is not None
        cb.add(a, b)
    # ... and the rest by preferential attachment with locality.
    attempts = 0
    while len(cb.pairs) < total and attempts < 50_000:
        attempts += 1
        weights = [a.weight * (1.0 + cb.deg[a.id]) ** 0.5 for a in core]
        a = rng.choices(core, weights=weights, k=1)[0]
        b = cb.pick_partner(a, core)
        if b is not None:
            cb.add(a, b)
    return cb.pairs


def random_date(rng: random.Random, start: date, end: date) -> date:
    """Uniform random day in [start, end]."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def coop_rows(actors: list[Actor], pairs: list[tuple[str, str]], rng: random.Random) -> list[Row]:
    """Give each pair kind, intensity, dates, source and note.

    About 10 % of links between well-connected actors end in the past, so "as of date"
    views change; links of leaves and bridges never end, to keep the designed gaps stable.
    """
    by_id = {a.id: a for a in actors}
    deg: Counter[str] = Counter()
    for a, b in pairs:
        deg[a] += 1
        deg[b] += 1
    structural = {"leaf", "herm", "herm-bridge", "west", "west-bridge", "comp-osburg", "comp-migr"}
    rows: list[Row] = []
    years = list(range(2012, 2026))
    year_weights = [y - 2009 for y in years]  # more recent links are better documented
    for i, (ia, ib) in enumerate(pairs, start=1):
        a, b = by_id[ia], by_id[ib]
        kinds = {a.spec.kind, b.spec.kind}
        w = [2.0, 2.0, 4.0, 2.0, 0.5, 1.0]
        if kinds & {BER, JC}:
            w[4] += 5
        if kinds & {VW, KAM}:
            w[5] += 3
        if kinds <= {SCH, KITA}:
            w[3] += 2
            w[0] += 2
        if UNT in kinds:
            w[0] += 2
            w[1] += 1
        if STI in kinds:
            w[1] += 4
        kind = rng.choices(COOP_KINDS, weights=w, k=1)[0]
        if kind == "Kooperationsvereinbarung":
            intensity = rng.choices([1, 2, 3], weights=[1, 4, 4], k=1)[0]
        elif kind == "Informationsaustausch":
            intensity = rng.choices([1, 2, 3], weights=[5, 3, 1], k=1)[0]
        else:
            intensity = rng.choices([1, 2, 3], weights=[3, 4, 2], k=1)[0]
        year = rng.choices(years, weights=year_weights, k=1)[0]
        since = random_date(
            rng, date(year, 1, 1), min(date(year, 12, 31), REFERENCE_DATE - timedelta(days=30))
        )
        since = not_before(ib, not_before(ia, since))
        until: date | None = None
        can_end = (
            a.spec.tag not in structural
            and b.spec.tag not in structural
            and deg[ia] >= 3
            and deg[ib] >= 3
        )
        if can_end and rng.random() < 0.13 and since < date(2024, 1, 1):
            until = random_date(
                rng, since + timedelta(days=180), min(since + timedelta(days=5 * 365), PAST_LIMIT)
            )
        if kind == "Kooperationsvereinbarung" and rng.random() < 0.7:
            source = "Kooperationsvertrag"
        else:
            options = [s for s, y in COOP_SOURCES if y >= since.year and y != 9999]
            options += [s for s, y in COOP_SOURCES if y == 9999]
            source = rng.choice(options)
        note = rng.choice(COOP_NOTES[kind]) if rng.random() < 0.35 else ""
        if until is not None:
            note = (note + "; " if note else "") + "Kooperation beendet"
        rows.append(
            {
                "id": f"coop-{i:04d}",
                "a": ia,
                "b": ib,
                "kind": kind,
                "intensity": intensity,
                "since": since.isoformat(),
                "until": until.isoformat() if until else None,
                "source": source,
                "note": note,
            }
        )
    return rows


# --------------------------------------------------------------------------------------
# Alliances and projects
# --------------------------------------------------------------------------------------


@dataclass
class AllianceDef:
    """An alliance with fixed coordinators/members and a rule for further members."""

    key: str
    name: str
    short: str
    description: str
    founded: str
    topics: list[str]
    stages: list[str]
    tgs: list[str]
    active_in: list[str]
    coordinators: list[str]
    fixed: list[str]
    pick: Callable[[Actor], bool]
    size: int


def in_stadt(a: Actor) -> bool:
    """Actor located in the city of Trier."""
    return a.area == "stadt" and a.scope != "kreis"


def in_kreis(a: Actor) -> bool:
    """Actor located in or working for the district."""
    return a.area == "kreis" or a.scope == "kreis"


def has_topic(a: Actor, *topics: str) -> bool:
    """Actor works on any of the topics."""
    return bool(set(a.topics) & set(topics))


ALLIANCES: list[AllianceDef] = [
    AllianceDef(
        "alpha-trier",
        "Trierer Bündnis für Alphabetisierung und Grundbildung",
        "Alpha-Bündnis Trier",
        "Vom Kommunalen Bildungsmanagement initiiertes Bündnis, das Angebote für Erwachsene "
        "mit Grundbildungsbedarf bündelt, Multiplikator:innen sensibilisiert und Wege in "
        "Lern- und Beratungsangebote erleichtert.",
        "2016-09-08",
        ["alpha", "sprache", "beratung"],
        ["weiterbildung"],
        ["erwachsene-grundbildung", "eltern", "neuzugewanderte"],
        [REGION_STADT],
        ["kbm-trier"],
        [
            "vhs-trier",
            "gbz-trier",
            "stadtbibliothek-trier",
            "jobcenter-trier-stadt",
            "caritas-trier",
            "lesewelt-trier",
            "multikulti-trier",
            "aa-trier",
        ],
        lambda a: in_stadt(a) and has_topic(a, "alpha", "sprache", "beratung"),
        24,
    ),
    AllianceDef(
        "mint-initiativkreis-trier",
        "MINT-Initiativkreis Trier",
        "MINT-IK Trier",
        "Initiativkreis von Schulen, Hochschulen, Kammern, Unternehmen und Vereinen, der "
        "MINT-Angebote von der Kita bis zur Hochschule sichtbar macht und verzahnt.",
        "2014-03-01",
        ["mint", "digital"],
        ["primarstufe", "sekundarstufe-i", "sekundarstufe-ii", "hochschule"],
        ["kinder", "jugendliche", "lehrkraefte"],
        [REGION_STADT],
        ["kbm-trier", "hs-trier"],
        ["uni-trier", "ihk-trier", "hwk-trier", "mint-werkstatt"],
        lambda a: in_stadt(a) and has_topic(a, "mint", "digital"),
        28,
    ),
    AllianceDef(
        "mint-regionalpate-trier-saarburg",
        "MINT-Regionalpate Trier-Saarburg",
        "MINT-Regionalpate TR-SAB",
        "Regionale Patenschaft im Rahmen der MINT-Strategie des Landes: Das Bildungsbüro "
        "begleitet Programmschulen im Landkreis und vermittelt Vertiefungsangebote.",
        "2021-01-15",
        ["mint", "digital"],
        ["primarstufe", "sekundarstufe-i"],
        ["kinder", "jugendliche", "lehrkraefte"],
        [REGION_KREIS],
        ["bildungsbuero-trier-saarburg"],
        ["kreismedienzentrum", "kv-schulen-bildung", "hs-trier"],
        lambda a: a.area == "kreis" and a.spec.kind == SCH,
        16,
    ),
    AllianceDef(
        "uebergang-schule-beruf",
        "Netzwerk Übergang Schule–Beruf Region Trier",
        "Netzwerk ÜSB",
        "Zusammenschluss von Schulen, Arbeitsverwaltung, Kammern und Trägern zur "
        "abgestimmten Berufsorientierung und Begleitung junger Menschen in Ausbildung.",
        "2012-10-01",
        ["usb", "beratung"],
        ["sekundarstufe-i", "sekundarstufe-ii", "berufliche-bildung"],
        ["jugendliche", "eltern", "arbeitsuchende"],
        [REGION_TOP],
        ["aa-trier", "kbm-trier"],
        [
            "ihk-trier",
            "hwk-trier",
            "jobcenter-trier-stadt",
            "jobcenter-trier-saarburg",
            "jba-trier",
            "kvhs-trier-saarburg",
        ],
        lambda a: has_topic(a, "usb"),
        28,
    ),
    AllianceDef(
        "fruehe-bildung-trier-saarburg",
        "Netzwerk Frühe Bildung Trier-Saarburg",
        "Frühe Bildung TR-SAB",
        "Netzwerk der Kitas, Grundschulen und Beratungsstellen im Landkreis für gelingende "
        "Übergänge von der Kita in die Grundschule.",
        "2019-05-01",
        ["fruehkindlich", "sprache"],
        ["fruehkindlich", "primarstufe"],
        ["kinder", "eltern", "fachkraefte"],
        [REGION_KREIS],
        ["kreisjugendamt"],
        ["bildungsbuero-trier-saarburg"],
        lambda a: in_kreis(a) and ("fruehkindlich" in a.stages or a.spec.profile == "gs"),
        18,
    ),
    AllianceDef(
        "integration-durch-bildung",
        "Netzwerk Integration durch Bildung Region Trier",
        "Integration durch Bildung",
        "Stadt und Landkreis koordinieren gemeinsam Bildungsangebote für Neuzugewanderte und "
        "beziehen Migrantenorganisationen als Partner ein.",
        "2016-04-01",
        ["integration", "sprache"],
        ["weiterbildung", "berufliche-bildung"],
        ["neuzugewanderte", "eltern"],
        [REGION_TOP],
        ["kbm-trier", "bildungsbuero-trier-saarburg"],
        ["jmd-trier", "migrationsberatung-konz", "afrika-forum", "syrischer-freundeskreis"],
        lambda a: has_topic(a, "integration"),
        20,
    ),
]

# Some fixed members are generic (numbered) actors; refer to them by name.
NAMED_REFS = {
    "migrationsberatung-konz": "Migrationsberatung Konz",
    "afrika-forum": "Afrika-Forum Trier e. V.",
    "syrischer-freundeskreis": "Deutsch-Syrischer Freundeskreis Schweich e. V.",
}


@dataclass
class ProjectDef:
    """A project with its Träger, fixed partners and a rule for further partners."""

    key: str
    name: str
    description: str
    start: str
    end: str | None
    funding: str
    status: str
    part_of: str | None
    topics: list[str]
    stages: list[str]
    tgs: list[str]
    active_in: list[str]
    traeger: list[str]
    foerderer: list[str]
    partners: list[str]
    pick: Callable[[Actor], bool] | None
    n_pick: int


PROJECTS: list[ProjectDef] = [
    ProjectDef(
        "kitec-digital",
        "KiTec digital",
        "„Kinder entdecken Technik“: Grundschulen aus dem MINT-Regionalpaten-Programm "
        "erhalten Technikkisten mit digitalen Bausteinen und Fortbildungen für Lehrkräfte.",
        "2022-02-01",
        None,
        "MINT-Strategie Rheinland-Pfalz (Regionalpatenschaft)",
        "laufend",
        "alliance-mint-regionalpate-trier-saarburg",
        ["mint", "digital"],
        ["primarstufe"],
        ["kinder", "lehrkraefte"],
        [REGION_KREIS],
        ["bildungsbuero-trier-saarburg"],
        ["stiftung-sparkasse"],
        [],
        lambda a: a.area == "kreis" and a.spec.profile == "gs",
        7,
    ),
    ProjectDef(
        "it2school-ki",
        "IT2school – Künstliche Intelligenz",
        "Weiterführende Schulen erproben Unterrichtsmodule zu Grundlagen und Anwendungen "
        "Künstlicher Intelligenz; Lehrkräfte werden in Workshops begleitet.",
        "2022-08-01",
        "2026-07-31",
        "MINT-Strategie Rheinland-Pfalz (Regionalpatenschaft)",
        "laufend",
        "alliance-mint-regionalpate-trier-saarburg",
        ["mint", "digital"],
        ["sekundarstufe-i", "sekundarstufe-ii"],
        ["jugendliche", "lehrkraefte"],
        [REGION_KREIS],
        ["bildungsbuero-trier-saarburg"],
        ["moselsoft"],
        ["uni-trier"],
        lambda a: a.area == "kreis" and a.spec.profile in ("gym", "rs", "igs"),
        5,
    ),
    ProjectDef(
        "calliope-mini",
        "Calliope mini",
        "Ausstattung weiterführender Schulen im Landkreis mit Klassensätzen des "
        "Mikrocontrollers Calliope mini und Einführungsworkshops für Lehrkräfte.",
        "2021-03-01",
        "2023-12-31",
        "MINT-Strategie Rheinland-Pfalz (Regionalpatenschaft)",
        "abgeschlossen",
        "alliance-mint-regionalpate-trier-saarburg",
        ["mint", "digital"],
        ["sekundarstufe-i"],
        ["jugendliche", "lehrkraefte"],
        [REGION_KREIS],
        ["bildungsbuero-trier-saarburg", "kreismedienzentrum"],
        [],
        [],
        lambda a: a.area == "kreis" and a.spec.profile in ("gym", "rs", "igs"),
        5,
    ),
    ProjectDef(
        "knotenpunkte-grundbildung",
        "Knotenpunkte für Grundbildung",
        "Entwickelt mit starken Partnern alltagspraktische und familienorientierte Angebote "
        "für Menschen mit Grundbildungsbedarf und macht sie über Anlaufstellen zugänglich.",
        "2021-10-01",
        "2026-09-30",
        "BMBF – Nationale Dekade für Alphabetisierung und Grundbildung",
        "laufend",
        "alliance-alpha-trier",
        ["alpha", "sprache"],
        ["weiterbildung"],
        ["erwachsene-grundbildung", "eltern"],
        [REGION_STADT],
        ["kbm-trier"],
        [],
        [
            "vhs-trier",
            "gbz-trier",
            "stadtbibliothek-trier",
            "caritas-trier",
            "jobcenter-trier-stadt",
            "lesewelt-trier",
        ],
        lambda a: in_stadt(a) and a.spec.kind == KITA,
        2,
    ),
    ProjectDef(
        "digitalpakt-schule",
        "DigitalPakt Schule",
        "Das Bildungsbüro vernetzt die Schulträger im Landkreis zum Austausch über digitale "
        "Infrastruktur und unterstützt Schulen bei der Antragstellung.",
        "2019-05-17",
        "2024-05-16",
        "DigitalPakt Schule (Bund/Land Rheinland-Pfalz)",
        "abgeschlossen",
        None,
        ["digital"],
        ["primarstufe", "sekundarstufe-i", "sekundarstufe-ii", "berufliche-bildung"],
        ["lehrkraefte"],
        [REGION_KREIS],
        ["kv-schulen-bildung", "bildungsbuero-trier-saarburg"],
        [],
        ["kreismedienzentrum"],
        lambda a: a.area == "kreis" and a.spec.profile in ("vgv", "gym", "bbs", "rs"),
        10,
    ),
    ProjectDef(
        "bildungskoordination-neuzugewanderte",
        "Bildungskoordination für Neuzugewanderte",
        "Verbessert den Zugang Neuzugewanderter zu Bildungsangeboten in der Stadt Trier, "
        "erhebt Bildungsbedarfe und koordiniert die Angebote der Träger.",
        "2016-09-01",
        None,
        "BMBF – Kommunale Koordinierung der Bildungsangebote für Neuzugewanderte",
        "laufend",
        "alliance-integration-durch-bildung",
        ["integration", "sprache", "beratung"],
        ["weiterbildung", "berufliche-bildung"],
        ["neuzugewanderte"],
        [REGION_STADT],
        ["kbm-trier"],
        [],
        [
            "vhs-trier",
            "jmd-trier",
            "caritas-trier",
            "multikulti-trier",
            "jobcenter-trier-stadt",
            "aa-trier",
        ],
        lambda a: in_stadt(a) and a.spec.kind == MIG,
        2,
    ),
    ProjectDef(
        "koordination-neuzugewanderte-landkreis",
        "Koordination der Bildungsangebote für Neuzugewanderte im Landkreis",
        "Startprojekt des Bildungsbüros; seit März 2021 als Querschnittsaufgabe verstetigt.",
        "2019-01-01",
        "2021-02-28",
        "BMBF – Kommunale Koordinierung der Bildungsangebote für Neuzugewanderte",
        "abgeschlossen",
        "alliance-integration-durch-bildung",
        ["integration", "sprache"],
        ["weiterbildung"],
        ["neuzugewanderte"],
        [REGION_KREIS],
        ["bildungsbuero-trier-saarburg"],
        [],
        [
            "kvhs-trier-saarburg",
            "jobcenter-trier-saarburg",
            "migrationsberatung-konz",
            "syrischer-freundeskreis",
        ],
        None,
        0,
    ),
    ProjectDef(
        "lernen-vor-ort",
        "Lernen vor Ort – Grenzen-loser Bildungsraum Trier",
        "Bundesprogramm zum Aufbau eines kommunalen Bildungsmanagements; Grundlage war ein "
        "einstimmiger Stadtratsbeschluss, daraus entstand die Stabsstelle Lebenslanges "
        "Lernen.",
        "2010-01-01",
        "2015-08-31",
        "BMBF-Programm „Lernen vor Ort“ mit ESF-Mitteln",
        "abgeschlossen",
        None,
        ["beratung", "usb", "integration"],
        ["fruehkindlich", "primarstufe", "sekundarstufe-i", "berufliche-bildung", "weiterbildung"],
        ["kinder", "jugendliche", "eltern"],
        [REGION_STADT],
        ["kbm-trier"],
        ["buergerstiftung"],
        [
            "uni-trier",
            "vhs-trier",
            "ihk-trier",
            "hwk-trier",
            "aa-trier",
            "stadtbibliothek-trier",
            "caritas-trier",
        ],
        None,
        0,
    ),
    ProjectDef(
        "bildung-integriert",
        "Bildung integriert – datenbasiertes kommunales Bildungsmanagement",
        "Aufbau von Bildungsmonitoring und Bildungsmanagement im Landkreis; im April 2022 "
        "wurde das Bildungsbüro verstetigt.",
        "2019-01-01",
        "2022-03-31",
        "BMBF/ESF-Programm „Bildung integriert“",
        "abgeschlossen",
        None,
        ["beratung", "digital"],
        ["fruehkindlich", "primarstufe", "sekundarstufe-i", "weiterbildung"],
        ["fachkraefte"],
        [REGION_KREIS],
        ["bildungsbuero-trier-saarburg"],
        [],
        ["kv-schulen-bildung", "kreisjugendamt", "kvhs-trier-saarburg", "uni-trier"],
        None,
        0,
    ),
    ProjectDef(
        "uebergang-kita-grundschule-saarburg-kell",
        "Brücke Kita–Grundschule Saarburg-Kell",
        "Geplantes Vorhaben, das Kitas und Grundschulen der VG Saarburg-Kell in "
        "Tandems zusammenbringt, weil dort bislang kaum Kooperationen am Übergang bestehen.",
        "2026-02-01",
        "2027-07-31",
        "Landesmittel Rheinland-Pfalz (Antrag in Vorbereitung)",
        "geplant",
        "alliance-fruehe-bildung-trier-saarburg",
        ["fruehkindlich", "sprache"],
        ["fruehkindlich", "primarstufe"],
        ["kinder", "eltern", "fachkraefte"],
        [vg_region("saarburg-kell")],
        ["kreisjugendamt"],
        [],
        [],
        lambda a: a.vg == "saarburg-kell" and a.spec.profile in ("kita", "gs"),
        6,
    ),
]
NAMED_REFS.update(
    {
        "stiftung-sparkasse": "Stiftung der Sparkasse Trier",
        "moselsoft": "Moselsoft GmbH",
        "buergerstiftung": "Bürgerstiftung Trier",
    }
)


def ref(actors_by_key: dict[str, Actor], key: str) -> Actor:
    """Look up an actor by its slug key or by its registered name."""
    return actors_by_key[key]


def iso_day(text: str) -> date:
    """Parse YYYY-MM-DD."""
    return date.fromisoformat(text)


def build_alliances(actors: list[Actor], lookup: dict[str, Actor], rng: random.Random) -> list[Row]:
    """Memberships: coordinators, fixed members, then members drawn by the alliance rule."""
    rows: list[Row] = []
    for d in ALLIANCES:
        founded = iso_day(d.founded)
        members: list[Row] = []
        chosen: list[str] = []

        def since_for(coord: bool, founded: date = founded) -> date:
            if coord:
                return founded
            return random_date(
                rng, founded, min(REFERENCE_DATE, founded.replace(year=min(founded.year + 8, 2025)))
            )

        for key in d.coordinators:
            a = ref(lookup, key)
            chosen.append(a.id)
            members.append(
                {
                    "actor": a.id,
                    "role": "Koordination",
                    "since": not_before(a.id, since_for(True)).isoformat(),
                    "until": None,
                }
            )
        pool = [lookup[k] for k in d.fixed]
        extra = [a for a in actors if d.pick(a) and a.id not in chosen and a not in pool]
        rng.shuffle(extra)
        pool += extra[: max(0, d.size - len(chosen) - len(pool))]
        for a in pool:
            chosen.append(a.id)
            role = rng.choices(
                ["Mitglied", "Beirat", "Kooperationspartner"], weights=[7, 1, 2], k=1
            )[0]
            since = not_before(a.id, since_for(False))
            until = None
            if rng.random() < 0.06 and since < date(2022, 1, 1):
                until = random_date(rng, since + timedelta(days=365), date(2024, 12, 31))
            members.append(
                {
                    "actor": a.id,
                    "role": role,
                    "since": since.isoformat(),
                    "until": until.isoformat() if until else None,
                }
            )
        rows.append(
            {
                "id": "alliance-" + d.key,
                "name": d.name,
                "short_name": d.short,
                "description": d.description,
                "founded": d.founded,
                "topics": [topic_id(t) for t in d.topics],
                "stages": [stage_id(s) for s in d.stages],
                "target_groups": [tg_id(t) for t in d.tgs],
                "active_in": d.active_in,
                "members": members,
            }
        )
    return rows


def build_projects(actors: list[Actor], lookup: dict[str, Actor], rng: random.Random) -> list[Row]:
    """Participants: 1-2 Träger, optional Förderer, fixed and rule-drawn partners."""
    rows: list[Row] = []
    for d in PROJECTS:
        start = iso_day(d.start)
        end = iso_day(d.end) if d.end else None
        finished = d.status == "abgeschlossen"
        # (actor, role, may join after the start)
        wanted: list[tuple[Actor, str, bool]] = [(lookup[k], "Träger", False) for k in d.traeger]
        wanted += [(lookup[k], "Förderer", False) for k in d.foerderer]
        wanted += [(lookup[k], "Partner", True) for k in d.partners]
        if d.pick is not None:
            taken = {a.id for a, _r, _l in wanted}
            cands = [a for a in actors if d.pick(a) and a.id not in taken]
            rng.shuffle(cands)
            wanted += [(a, "Partner", True) for a in cands[: d.n_pick]]
        parts: list[Row] = []
        seen: set[str] = set()
        for a, role, late in wanted:
            if a.id in seen:
                continue
            seen.add(a.id)
            since = start
            if late and rng.random() < 0.3 and start < REFERENCE_DATE:
                horizon = min(end or REFERENCE_DATE, REFERENCE_DATE) - timedelta(days=60)
                if horizon > start:
                    since = random_date(rng, start, horizon)
            since = not_before(a.id, since)
            until = end if finished else None
            parts.append(
                {
                    "actor": a.id,
                    "role": role,
                    "since": since.isoformat(),
                    "until": until.isoformat() if until else None,
                }
            )
        rows.append(
            {
                "id": "project-" + d.key,
                "name": d.name,
                "description": d.description,
                "start": d.start,
                "end": d.end,
                "funding_programme": d.funding,
                "status": d.status,
                "part_of": d.part_of,
                "topics": [topic_id(t) for t in d.topics],
                "stages": [stage_id(s) for s in d.stages],
                "target_groups": [tg_id(t) for t in d.tgs],
                "active_in": d.active_in,
                "participants": parts,
            }
        )
    return rows


# --------------------------------------------------------------------------------------
# Persons (all fictional)
# --------------------------------------------------------------------------------------

FIRST_NAMES = [
    "Anna",
    "Maria",
    "Sabine",
    "Petra",
    "Claudia",
    "Andrea",
    "Stefanie",
    "Katharina",
    "Christina",
    "Laura",
    "Lena",
    "Sarah",
    "Nicole",
    "Sandra",
    "Birgit",
    "Monika",
    "Ursula",
    "Eva",
    "Franziska",
    "Miriam",
    "Johanna",
    "Hannah",
    "Lisa",
    "Carolin",
    "Melanie",
    "Simone",
    "Tanja",
    "Kerstin",
    "Heike",
    "Ines",
    "Aylin",
    "Olena",
    "Agnieszka",
    "Fatma",
    "Leila",
    "Elif",
    "Natalia",
    "Sophie",
    "Marie",
    "Judith",
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Markus",
    "Christian",
    "Frank",
    "Jürgen",
    "Peter",
    "Klaus",
    "Matthias",
    "Daniel",
    "Tobias",
    "Sebastian",
    "Jan",
    "Lukas",
    "Jonas",
    "Florian",
    "Martin",
    "Bernd",
    "Uwe",
    "Ralf",
    "Dirk",
    "Oliver",
    "Philipp",
    "Simon",
    "Johannes",
    "Georg",
    "Benedikt",
    "Felix",
    "Ahmet",
    "Mehmet",
    "Karim",
    "Omar",
    "Piotr",
    "Dmytro",
    "Luca",
    "Paul",
    "Alexander",
    "Tim",
]
LAST_NAMES = [
    "Müller",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Keller",
    "Vogel",
    "Friedrich",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Krämer",
    "Vogt",
    "Otto",
    "Jäger",
    "Sommer",
    "Groß",
    "Brandt",
    "Haas",
    "Heinrich",
    "Seidel",
    "Graf",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Engel",
    "Horn",
    "Busch",
    "Bergmann",
    "Sauer",
    "Arnold",
    "Pfeiffer",
    "Thielen",
    "Ternes",
    "Kirsch",
    "Mertes",
    "Lichter",
    "Bollig",
    "Schmitz",
    "Reinert",
    "Wallerich",
    "Thees",
    "Kremer",
    "Yılmaz",
    "Kaya",
    "Nowak",
    "Kowalski",
    "Petrenko",
    "Haddad",
    "Rossi",
    "Santos",
]
# Names of the real staff on the seed pages must never appear, not even partly.
FORBIDDEN_NAME_PARTS = {"julia", "schmitt", "yvonne", "mahler"}
assert not FORBIDDEN_NAME_PARTS & {n.lower() for n in FIRST_NAMES + LAST_NAMES}

FUNCTIONS: dict[str, list[str]] = {
    SCH: [
        "Schulleitung",
        "Stellvertretende Schulleitung",
        "Lehrkraft MINT",
        "Schulsozialarbeit",
        "Koordination Berufsorientierung",
        "Lehrkraft Deutsch als Zweitsprache",
    ],
    KITA: ["Kita-Leitung", "Stellvertretende Kita-Leitung", "Fachkraft Sprachförderung"],
    HS: [
        "Präsidium",
        "Professur",
        "Wissenschaftliche Mitarbeit",
        "Transferstelle",
        "Studienberatung",
    ],
    VHS: ["Leitung", "Fachbereichsleitung", "Programmplanung Grundbildung", "Kursleitung"],
    BIB: ["Bibliotheksleitung", "Leseförderung", "Sachbearbeitung"],
    VW: [
        "Abteilungsleitung",
        "Bildungskoordination",
        "Bildungsmonitoring",
        "Projektleitung",
        "Sachbearbeitung",
    ],
    JC: ["Bereichsleitung", "Berufsberatung", "Integrationsfachkraft", "Teamleitung"],
    KAM: ["Geschäftsführung Berufsbildung", "Ausbildungsberatung", "Projektleitung"],
    VER: ["Vorsitz", "Geschäftsführung", "Projektleitung", "Ehrenamtskoordination"],
    UNT: ["Geschäftsführung", "Ausbildungsleitung", "Personalabteilung"],
    STI: ["Vorstand", "Geschäftsführung", "Projektförderung"],
    MIG: ["Vorsitz", "Projektleitung", "Integrationslotse"],
    BER: ["Leitung der Beratungsstelle", "Beratung", "Migrationsberatung"],
    SON: ["Leitung", "Bildungsreferat", "Projektleitung"],
}
OFFICE_FUNCTIONS = [
    "Leitung",
    "Bildungskoordination",
    "Bildungsmonitoring",
    "Bildungskoordination Neuzugewanderte",
    "Projektleitung",
    "Schwerpunkt Digitale Bildung",
    "Sachbearbeitung",
]
PERSON_NOTES = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "Bevorzugt Kontakt per E-Mail",
    "Teilzeit, erreichbar Mo–Mi",
    "Vertretung über das Sekretariat",
    "Nimmt regelmäßig an Netzwerktreffen teil",
]
NEWSLETTER_SOURCES = [
    "Anmeldeformular Netzwerktreffen 2024",
    "Anmeldeformular Netzwerktreffen 2023",
    "Online-Anmeldung Newsletter",
    "Teilnehmerliste Bildungskonferenz 2023",
    "E-MAIL",
]
CONTACT_SOURCES = [
    "Gespräch beim Netzwerktreffen 2023",
    "Kooperationsvertrag",
    "Schriftliche Einwilligung",
    "E-MAIL",
    "Telefonat",
]


def person_count(a: Actor, rng: random.Random) -> int:
    """How many contacts an office keeps for an actor: more for big partners."""
    if a.spec.profile == "office":
        return 6
    if a.weight >= 5:
        return 3
    if a.weight >= 2.5:
        return rng.choice([2, 2, 3])
    return rng.choice([1, 1, 1, 1, 2])


def consent(
    rng: random.Random, p: float, sources: list[str], earliest: date
) -> tuple[bool, str | None, str]:
    """Random consent with a plausible date and provenance (or none).

    The date never precedes ``earliest`` (the start of the job), because consent is
    collected from someone already in the role.
    """
    if rng.random() >= p:
        return False, None, ""
    day = random_date(rng, max(date(2019, 1, 1), earliest), date(2025, 10, 15))
    source = rng.choice(sources)
    if source == "E-MAIL":
        source = f"E-Mail vom {day:%d.%m.%Y}"
    elif source == "Telefonat":
        source = f"Telefonat vom {day:%d.%m.%Y}"
    else:
        for year in range(2022, 2026):
            if str(year) in source and day.year != year:
                day = random_date(rng, date(year, 1, 15), date(year, 11, 30))
    return True, day.isoformat(), source


def build_office_staff(actors: list[Actor], persons: list[Row], rng: random.Random) -> list[Row]:
    """Two more colleagues per education office (assistance, clerical work).

    Added after everything else with a random generator of their own, so the rest of the
    demo region stays exactly as before; the offices are the partners a network manager
    knows best, so they also have the most contacts.
    """
    used = {(p["first_name"], p["last_name"]) for p in persons}
    n = len(persons)
    rows: list[Row] = []
    for a in actors:
        if a.spec.profile != "office":
            continue
        domain = a.row["website"].removeprefix("https://www.")
        base_phone = a.row["phone"].removesuffix("-0")
        for ext, function in ((91, "Assistenz der Leitung"), (92, "Sachbearbeitung")):
            while True:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if (first, last) not in used:
                    used.add((first, last))
                    break
            n += 1
            since = not_before(a.id, random_date(rng, date(2015, 1, 1), date(2025, 3, 31)))
            nl, nl_date, nl_src = consent(rng, 0.6, NEWSLETTER_SOURCES, since)
            ct, ct_date, ct_src = consent(rng, 0.85, CONTACT_SOURCES, since)
            rows.append(
                {
                    "id": f"person-{n:04d}",
                    "title": "",
                    "first_name": first,
                    "last_name": last,
                    "function": function,
                    "email": f"{slugify(first)}.{slugify(last)}@{domain}",
                    "phone": f"{base_phone}-{ext}",
                    "notes": "",
                    "consent_newsletter": nl,
                    "consent_newsletter_date": nl_date,
                    "consent_newsletter_source": nl_src,
                    "consent_contact": ct,
                    "consent_contact_date": ct_date,
                    "consent_contact_source": ct_src,
                    "legal_basis": "öffentliche Aufgabe",
                    "works_at": [
                        {
                            "actor": a.id,
                            "function": function,
                            "since": since.isoformat(),
                            "until": None,
                        }
                    ],
                    "contact_for": [],
                }
            )
    return rows


def build_persons(actors: list[Actor], rng: random.Random) -> list[Row]:
    """Invent contact persons; e-mails use the actor's .example domain."""
    rows: list[Row] = []
    used: set[tuple[str, str]] = set()
    n = 0
    for a in actors:
        domain = a.row["website"].removeprefix("https://www.")
        base_phone = a.row["phone"].removesuffix("-0")
        functions = OFFICE_FUNCTIONS if a.spec.profile == "office" else FUNCTIONS[a.spec.kind]
        exts = rng.sample(range(10, 90), 8)
        for i in range(person_count(a, rng)):
            while True:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if (first, last) not in used:
                    used.add((first, last))
                    break
            n += 1
            title = ""
            if a.spec.kind == HS:
                title = rng.choices(["", "Dr.", "Prof. Dr."], weights=[2, 3, 5], k=1)[0]
            elif rng.random() < 0.05:
                title = "Dr."
            function = functions[0] if i == 0 else rng.choice(functions[1:])
            since = not_before(a.id, random_date(rng, date(2006, 1, 1), date(2025, 3, 31)))
            nl, nl_date, nl_src = consent(rng, 0.6, NEWSLETTER_SOURCES, since)
            ct, ct_date, ct_src = consent(rng, 0.85, CONTACT_SOURCES, since)
            public = a.spec.sponsorship == OE and rng.random() < 0.8
            legal = "öffentliche Aufgabe" if public else "Einwilligung"
            rows.append(
                {
                    "id": f"person-{n:04d}",
                    "title": title,
                    "first_name": first,
                    "last_name": last,
                    "function": function,
                    "email": f"{slugify(first)}.{slugify(last)}@{domain}",
                    "phone": f"{base_phone}-{exts[i]}",
                    "notes": rng.choice(PERSON_NOTES),
                    "consent_newsletter": nl,
                    "consent_newsletter_date": nl_date,
                    "consent_newsletter_source": nl_src,
                    "consent_contact": ct,
                    "consent_contact_date": ct_date,
                    "consent_contact_source": ct_src,
                    "legal_basis": legal,
                    "works_at": [
                        {
                            "actor": a.id,
                            "function": function,
                            "since": since.isoformat(),
                            "until": None,
                        }
                    ],
                    "contact_for": [],
                }
            )
    # a few people wear two hats (e.g. teacher and club chair)
    by_id = {a.id: a for a in actors}
    second_roles = {
        VER: "Vorstandsmitglied (ehrenamtlich)",
        HS: "Lehrauftrag",
        VHS: "Kursleitung (nebenberuflich)",
        STI: "Kuratorium",
        MIG: "Beratendes Mitglied",
    }
    hosts = [a for a in actors if a.spec.kind in second_roles]
    for p in rng.sample(rows, 12):
        home = by_id[p["works_at"][0]["actor"]]
        cands = [h for h in hosts if h.id != home.id and h.area == home.area]
        host = rng.choice(cands)
        since = random_date(rng, date(2014, 1, 1), date(2024, 12, 31))
        until = None
        if rng.random() < 0.35:
            until = random_date(rng, since + timedelta(days=200), date(2025, 9, 30))
        p["works_at"].append(
            {
                "actor": host.id,
                "function": second_roles[host.spec.kind],
                "since": since.isoformat(),
                "until": until.isoformat() if until else None,
            }
        )
    return rows


def assign_contacts(
    persons: list[Row], alliances: list[Row], projects: list[Row], rng: random.Random
) -> None:
    """CONTACT_FOR links: coordinators for alliances, project leads, main contacts."""
    staff: dict[str, list[Row]] = defaultdict(list)
    for p in persons:
        staff[p["works_at"][0]["actor"]].append(p)

    def link(p: Row, target: str, role: str) -> None:
        if not any(c["target"] == target for c in p["contact_for"]):
            p["contact_for"].append({"target": target, "role": role})

    for al in alliances:
        for m in al["members"]:
            people = staff[m["actor"]]
            if m["role"] == "Koordination" and people:
                link(people[min(1, len(people) - 1)], al["id"], "Koordination")
        others = [m for m in al["members"] if m["role"] != "Koordination" and staff[m["actor"]]]
        for m in rng.sample(others, min(2, len(others))):
            link(staff[m["actor"]][0], al["id"], "Ansprechperson")
    for pr in projects:
        for part in pr["participants"]:
            people = staff[part["actor"]]
            if not people:
                continue
            if part["role"] == "Träger":
                link(people[-1], pr["id"], "Projektleitung")
            elif rng.random() < 0.4:
                link(people[0], pr["id"], "Ansprechperson")
    for actor_id, people in sorted(staff.items()):
        if rng.random() < 0.25:
            link(people[0], actor_id, "Hauptansprechperson")


# --------------------------------------------------------------------------------------
# Self-check and gap facts
# --------------------------------------------------------------------------------------


def components(nodes: Iterable[str], adj: dict[str, set[str]]) -> list[list[str]]:
    """Connected components by BFS, largest first."""
    seen: set[str] = set()
    comps: list[list[str]] = []
    for start in nodes:
        if start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            v = stack.pop()
            comp.append(v)
            for w in sorted(adj[v]):
                if w not in seen:
                    seen.add(w)
                    stack.append(w)
        comps.append(comp)
    return sorted(comps, key=len, reverse=True)


def articulation_points(nodes: list[str], adj: dict[str, set[str]]) -> list[str]:
    """Brute force (n is ~170): v is a cut vertex if removing it splits its component."""
    base = len(components(nodes, adj))
    cuts = []
    for v in nodes:
        if len(adj[v]) < 2:
            continue
        rest = [n for n in nodes if n != v]
        sub = {n: adj[n] - {v} for n in rest}
        if len(components(rest, sub)) > base:
            cuts.append(v)
    return cuts


def self_check(data: dict[str, Any], actors: list[Actor]) -> None:
    """Assert integrity and print counts plus the gap facts analyses should find."""
    ids: Counter[str] = Counter()
    for key in (
        "topics",
        "stages",
        "target_groups",
        "regions",
        "actors",
        "alliances",
        "projects",
        "persons",
        "cooperations",
    ):
        for row in data[key]:
            ids[row["id"]] += 1
    dupes = [i for i, c in ids.items() if c > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    known = set(ids)

    def exists(ref_id: str | None, prefix: str) -> None:
        assert ref_id is not None and ref_id in known and ref_id.startswith(prefix), ref_id

    seen_regions: set[str] = set()
    for r in data["regions"]:
        assert r["part_of"] is None or r["part_of"] in seen_regions, r
        seen_regions.add(r["id"])
    kinds = {
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
        "Migrantenorganisation",
        "Beratungsstelle",
        "Sonstige",
    }
    for a in data["actors"]:
        assert a["kind"] in kinds and a["sponsorship"] in {"öffentlich", "frei", "privat"}
        exists(a["located_in"], "region-")
        for r in a["active_in"]:
            exists(r, "region-")
        for t in a["topics"]:
            exists(t, "topic-")
        for s in a["stages"]:
            exists(s, "stage-")
        for t in a["target_groups"]:
            exists(t, "tg-")
        assert a["website"].endswith(".example") and a["email"].endswith(".example")
    assert {a["kind"] for a in data["actors"]} == kinds
    for key, rel in (("alliances", "members"), ("projects", "participants")):
        for row in data[key]:
            for t in row["topics"]:
                exists(t, "topic-")
            for s in row["stages"]:
                exists(s, "stage-")
            for t in row["target_groups"]:
                exists(t, "tg-")
            for r in row["active_in"]:
                exists(r, "region-")
            members = [m["actor"] for m in row[rel]]
            assert len(members) == len(set(members)), row["id"]
            for m in row[rel]:
                exists(m["actor"], "actor-")
    for al in data["alliances"]:
        assert 10 <= len(al["members"]) <= 40, al["id"]
        coords = sum(m["role"] == "Koordination" for m in al["members"])
        assert 1 <= coords <= 2, al["id"]
    for pr in data["projects"]:
        if pr["part_of"] is not None:
            exists(pr["part_of"], "alliance-")
        assert 1 <= sum(p["role"] == "Träger" for p in pr["participants"]) <= 2, pr["id"]
        assert pr["status"] in {"geplant", "laufend", "abgeschlossen"}
    for p in data["persons"]:
        full = f"{p['first_name']} {p['last_name']}".lower()
        assert not any(part in full for part in FORBIDDEN_NAME_PARTS), full
        for w in p["works_at"]:
            exists(w["actor"], "actor-")
        for c in p["contact_for"]:
            exists(c["target"], "")
            assert c["target"].split("-")[0] in {"actor", "alliance", "project"}
        assert p["legal_basis"] in {"Einwilligung", "öffentliche Aufgabe"}
    pairs: set[frozenset[str]] = set()
    for c in data["cooperations"]:
        exists(c["a"], "actor-")
        exists(c["b"], "actor-")
        assert c["a"] != c["b"], c
        pair = frozenset((c["a"], c["b"]))
        assert pair not in pairs, c
        pairs.add(pair)
        assert c["kind"] in COOP_KINDS and c["intensity"] in (1, 2, 3)
        assert c["until"] is None or c["until"] > c["since"]

    # ---- gap facts ----
    actor_ids = [a["id"] for a in data["actors"]]
    adj: dict[str, set[str]] = {i: set() for i in actor_ids}
    for c in data["cooperations"]:
        adj[c["a"]].add(c["b"])
        adj[c["b"]].add(c["a"])
    name = {a["id"]: a["short_name"] for a in data["actors"]}
    isolated = [i for i in actor_ids if not adj[i]]
    leaves = [i for i in actor_ids if len(adj[i]) == 1]
    comps = [c for c in components(actor_ids, adj) if len(c) > 1]
    cuts = articulation_points(actor_ids, adj)
    print("counts:")
    for key in (
        "topics",
        "stages",
        "target_groups",
        "regions",
        "actors",
        "alliances",
        "projects",
        "persons",
        "cooperations",
    ):
        print(f"  {key:15s} {len(data[key])}")
    print(f"  memberships     {sum(len(a['members']) for a in data['alliances'])}")
    print(f"  participations  {sum(len(p['participants']) for p in data['projects'])}")
    print(f"  works_at        {sum(len(p['works_at']) for p in data['persons'])}")
    print(f"  contact_for     {sum(len(p['contact_for']) for p in data['persons'])}")
    ended = sum(c["until"] is not None for c in data["cooperations"])
    print(f"  ended coops     {ended}")
    print("gap facts:")
    print(f"  isolated actors ({len(isolated)}): {', '.join(name[i] for i in isolated)}")
    print(f"  actors with exactly one cooperation: {len(leaves)}")
    print(f"  connected components (size>1): {len(comps)}, sizes {[len(c) for c in comps]}")
    for c in comps[1:]:
        print(f"    separate: {', '.join(sorted(name[i] for i in c))}")
    print(f"  articulation points: {len(cuts)}")
    by_actor = {a.id: a for a in actors}
    for v in cuts:
        if by_actor[v].spec.tag.endswith("bridge"):
            print(f"    designed bridge: {name[v]}")
    side = {a.id: a.area for a in actors}
    border = Counter()
    for c in data["cooperations"]:
        border["-".join(sorted((side[c["a"]], side[c["b"]])))] += 1
    print(f"  city/district by location: {dict(sorted(border.items()))}")
    located: dict[str, set[str]] = defaultdict(set)
    for a in data["actors"]:
        for s in a["stages"]:
            located[a["located_in"]].add(s)
    print(
        f"  VG Hermeskeil has stage-hochschule: "
        f"{'stage-hochschule' in located[vg_region('hermeskeil')]}"
    )
    empty_early = [
        r["name"]
        for r in data["regions"]
        if r["kind"] == "Stadtteil" and "stage-fruehkindlich" not in located[r["id"]]
    ]
    print(f"  Stadtteile without frühkindlich actor: {', '.join(empty_early)}")
    trans: Counter[str] = Counter()
    for c in data["cooperations"]:
        a, b = by_actor[c["a"]], by_actor[c["b"]]
        if a.area == b.area == "kreis" and a.vg == b.vg and is_kita_gs_pair(a, b):
            trans[a.vg] += 1
    print(
        f"  Kita–Grundschule links per VG: "
        f"{ {slug: trans[slug] for _n, slug in VERBANDSGEMEINDEN} }"
    )
    for al in data["alliances"]:
        members = {m["actor"] for m in al["members"]}
        lonely = [m for m in members if not adj[m] & members]
        print(
            f"  {al['short_name']}: {len(members)} members, "
            f"{len(lonely)} without cooperation to another member"
        )


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def write(name: str, payload: Any) -> None:
    """UTF-8, ensure_ascii=False, indent=1: diff-friendly and readable by humans."""
    path = OUT_DIR / name
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    """Generate all files and run the self-check."""
    rng = random.Random(SEED)
    actors = build_actors(rng)
    lookup: dict[str, Actor] = {a.spec.key: a for a in actors if a.spec.key}
    by_name = {a.spec.name: a for a in actors}
    for key, nm in NAMED_REFS.items():
        lookup[key] = by_name[nm]

    pairs = build_cooperations(actors, rng)
    data: dict[str, Any] = {
        "topics": [{"id": topic_id(k), "name": n, "description": d} for k, n, d in TOPICS],
        "stages": [{"id": stage_id(k), "name": n, "order": o} for k, n, o in STAGES],
        "target_groups": [{"id": tg_id(k), "name": n} for k, n in TARGET_GROUPS],
        "regions": build_regions(),
        "actors": [a.row for a in actors],
        "cooperations": coop_rows(actors, pairs, rng),
    }
    data["alliances"] = build_alliances(actors, lookup, rng)
    data["projects"] = build_projects(actors, lookup, rng)
    data["persons"] = build_persons(actors, rng)
    assign_contacts(data["persons"], data["alliances"], data["projects"], rng)
    data["persons"] += build_office_staff(actors, data["persons"], random.Random(SEED + 1))

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write(
        "meta.json",
        {
            "name": "Bildungsregion Trier",
            "_note": "Fiktive Demodaten – alle Personen sind erfunden.",
            "generated_by": "seed/generate.py",
            "random_seed": SEED,
        },
    )
    for key in (
        "topics",
        "stages",
        "target_groups",
        "regions",
        "actors",
        "alliances",
        "projects",
        "persons",
        "cooperations",
    ):
        write(f"{key}.json", data[key])
    self_check(data, actors)
    total = sum(p.stat().st_size for p in OUT_DIR.glob("*.json"))
    print(f"wrote {len(list(OUT_DIR.glob('*.json')))} files, {total / 1024:.0f} KiB")
    assert total < 1_000_000


if __name__ == "__main__":
    main()
