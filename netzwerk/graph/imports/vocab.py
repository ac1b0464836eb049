"""Value mapping: which list entry each written value means ("VHS" → "VHS/Weiterbildung").

Every distinct value of a list column (Art, Themen, Stufe, Bündnis, …) gets a
:class:`Proposal`: the user's earlier choice, the entry of the same (folded) name, a synonym
that offices commonly write, a similarly spelled entry, or "create new" where the list
allows it (alliances and projects always; topics and target groups for admins; stages,
regions and the fixed lists never). The user confirms or changes each in the "Werte
zuordnen" step; the choices are saved with the column mapping and proposed again next time.

A new actor's region comes from its postcode and town where that is known: the region most
stored actors with that postcode are located in (if they agree), else the region named like
the town ("Trier" → "Stadt Trier").
"""

from __future__ import annotations

import difflib
from collections import Counter

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import (
    ACTOR_KINDS,
    COOPERATION_KINDS,
    LEGAL_BASES,
    SPONSORSHIPS,
    Alliance,
    Node,
    Project,
    Region,
    Stage,
    TargetGroup,
    Topic,
)
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import validate_node
from netzwerk.graph.core.values import fold
from netzwerk.graph.imports import cells
from netzwerk.graph.imports.fields import VOCABULARY
from netzwerk.graph.imports.plan import NEW, Choices, ImportPlan, Proposal, stable_id

FIXED: dict[str, tuple[str, ...]] = {
    "actor_kind": ACTOR_KINDS,
    "sponsorship": SPONSORSHIPS,
    "legal_basis": LEGAL_BASES,
    "cooperation_kind": COOPERATION_KINDS,
}
HOW: dict[str, str] = {
    "gleich": N_("gleicher Name"),
    "Synonym": N_("übliches Synonym"),
    "ähnlich": N_("ähnlich geschrieben"),
    "gespeichert": N_("Ihre frühere Wahl"),
    "neu": N_("neu anlegen"),
    "unbekannt": N_("unbekannt"),
}
"""Why a value got its proposal, as the value step shows it."""
_LIST_CLASSES: dict[str, type[Topic | Stage | TargetGroup | Region | Alliance | Project]] = {
    cls.LABEL: cls for cls in (Topic, Stage, TargetGroup, Region, Alliance, Project)
}
"""The record kinds of :data:`VOCABULARY` (each has a ``name``)."""
CREATE_ROLE = {"Alliance": "editor", "Project": "editor", "Topic": "admin", "TargetGroup": "admin"}
"""Lists an import may add entries to, and the role that may (like the forms)."""

_SYN_TEXT: dict[str, dict[str, str]] = {
    "actor_kind": {
        "VHS/Weiterbildung": "VHS; Volkshochschule; Kreisvolkshochschule; KVHS; Weiterbildung; "
        "Erwachsenenbildung; Weiterbildungsträger; Bildungswerk",
        "Schule": "Grundschule; Gymnasium; Realschule; Realschule plus; IGS; Gesamtschule; "
        "Integrierte Gesamtschule; BBS; Berufsschule; Berufsbildende Schule; Förderschule; "
        "Hauptschule; Gemeinschaftsschule; Schulen; Allgemeinbildende Schule; "
        "Ganztagsschule; Schulträger; Kolleg; Abendgymnasium; Berufsbildende Schulen",
        "Kita": "Kindertagesstätte; Kindergarten; KiTa; Krippe; Kinderkrippe; Hort; "
        "Kindertageseinrichtung; Familienzentrum; Kitas; Kindertagespflege",
        "Hochschule": "Universität; Uni; Fachhochschule; FH; Hochschule für angewandte "
        "Wissenschaften",
        "Bibliothek": "Bücherei; Stadtbibliothek; Stadtbücherei; Mediathek; Bibliotheken; "
        "Öffentliche Bibliothek; Gemeindebücherei",
        "Verein/Initiative": "Verein; e.V.; eingetragener Verein; Initiative; Ehrenamt; "
        "Förderverein",
        "Kammer/Verband": "Kammer; IHK; HWK; Handwerkskammer; Industrie- und Handelskammer; "
        "Verband; Innung; Berufsverband; Arbeitgeberverband; Gewerkschaft; DGB",
        "Wohlfahrtsverband": "Wohlfahrtsverbände; Wohlfahrtspflege; freie Wohlfahrtspflege; "
        "Caritas; Caritasverband; Diakonie; Diakonisches Werk; AWO; Arbeiterwohlfahrt; DRK; "
        "Deutsches Rotes Kreuz; Rotes Kreuz; Paritätischer; Der Paritätische; "
        "Paritätischer Wohlfahrtsverband; ZWST; Johanniter; Malteser; Lebenshilfe; "
        "Sozialverband; Jugendhilfe",
        "Unternehmen": "Firma; Betrieb; GmbH; Wirtschaft",
        "Verwaltung": "Amt; Behörde; Stadtverwaltung; Kreisverwaltung; Kommune; Kommunal; "
        "Jugendamt; Schulamt; Sozialamt; Bildungsbüro; Ministerium; Landesamt; Rathaus",
        "Jobcenter/Agentur für Arbeit": "Jobcenter; Agentur für Arbeit; Arbeitsagentur",
        "Migrantenorganisation": "MSO; Migrantenselbstorganisation; Migrantenverein; MO; "
        "Migrantinnenorganisation",
        "Beratungsstelle": "Beratung; Jugendmigrationsdienst; Migrationsberatung; JMD; "
        "Erziehungsberatung; Schuldnerberatung; Bildungsberatung; Beratungszentrum",
        "Stiftung": "Stiftungen; Bürgerstiftung; gGmbH Stiftung",
        "Sonstige": "Sonstiges; Andere; anderes",
    },
    "sponsorship": {
        "öffentlich": "kommunal; staatlich; öffentlicher Träger; public",
        "frei": "freier Träger; frei-gemeinnützig; gemeinnützig; kirchlich",
        "privat": "private; privatwirtschaftlich; privater Träger",
    },
    "legal_basis": {
        "Einwilligung": "consent; Einverständnis",
        "öffentliche Aufgabe": "Art. 6 (1) e; Art. 6 Abs. 1 lit. e DSGVO; public task",
    },
    "cooperation_kind": {
        "Kooperationsvereinbarung": "Vereinbarung; Kooperationsvertrag; Vertrag",
        "Projektpartnerschaft": "Projekt; Projektpartner",
        "Informationsaustausch": "Austausch; Information",
        "Gemeinsames Angebot": "Angebot; gemeinsame Angebote",
        "Verweisberatung": "Verweis; Weitervermittlung; Vermittlung",
        "Gremienarbeit": "Gremium; Arbeitskreis; AK",
    },
    "Stage": {
        "frühkindlich": "Kita; Kindergarten; Elementarbereich; frühkindliche Bildung; frühe "
        "Bildung; Vorschule",
        "Primarstufe": "Grundschule; Primar; Primarbereich",
        "Sekundarstufe I": "Sek I; Sek 1; Sekundarstufe 1; Mittelstufe",
        "Sekundarstufe II": "Sek II; Sek 2; Sekundarstufe 2; Oberstufe; gymnasiale Oberstufe",
        "Berufliche Bildung": "Ausbildung; Berufsschule; duale Ausbildung; Berufsbildung",
        "Hochschule": "Studium; Universität",
        "Weiterbildung/Erwachsenenbildung": "Erwachsenenbildung; Weiterbildung",
    },
    "Topic": {
        "Alphabetisierung & Grundbildung": "Alpha; Alphabetisierung; Grundbildung; "
        "Literalität; Lesen und Schreiben; Alphabetisierung und Grundbildung; AlphaDekade",
        "Digitale Bildung": "Digitalisierung; Medienbildung; Medienkompetenz; digital; "
        "Medienpädagogik; digitale Medien; Digitales Lernen",
        "Integration/Neuzugewanderte": "Integration; Migration; Neuzugewanderte; Zuwanderung; "
        "Flucht; Geflüchtete; Zugewanderte; Flüchtlinge; Interkulturelle Bildung",
        "Übergang Schule–Beruf": "Berufsorientierung; Übergang Schule-Beruf; Übergang; "
        "BO; Berufswahl; Ausbildung; Übergangsmanagement; Berufseinstieg",
        "Frühkindliche Bildung": "frühe Bildung; Frühe Hilfen; Elementarbildung",
        "MINT": "Mathematik; Naturwissenschaften; Technik; Informatik; STEM; Naturwissenschaft",
        "Bildung für nachhaltige Entwicklung": "BNE; Nachhaltigkeit; Umweltbildung; "
        "Klimabildung; nachhaltige Entwicklung; Globales Lernen; SDG",
        "Sprachförderung": "Sprache; Sprachbildung; Deutsch als Zweitsprache; DaZ; DaF; "
        "Leseförderung; Lesen; Lesekompetenz; Vorlesen; Sprachkurs; Sprachkurse",
        "Kulturelle Bildung": "Kultur; Kunst; Musik; Theater; Kulturarbeit; ästhetische Bildung",
        "Inklusion": "inklusive Bildung; Teilhabe; Behinderung; Förderbedarf",
        "Demokratiebildung": "Demokratie; politische Bildung; Partizipation; Beteiligung",
        "Bildungsberatung": "Bildungsberatung; Lernberatung; Weiterbildungsberatung",
        "Ganztag": "Ganztagsschule; Ganztagsbetreuung; Ganztagsangebot; Nachmittagsbetreuung; "
        "OGS; offener Ganztag",
        "Elternarbeit": "Eltern; Elternbildung; Familienbildung; Bildungspartnerschaft",
    },
    "TargetGroup": {
        "Kinder": "Kind; Kids; Schülerinnen und Schüler; Schüler",
        "Jugendliche": "Jugend; junge Menschen; junge Erwachsene",
        "Eltern": "Familien; Erziehungsberechtigte; Mütter; Väter",
        "Erwachsene mit Grundbildungsbedarf": "gering Literalisierte; funktionale "
        "Analphabeten; Erwachsene; Grundbildungsbedarf",
        "Senior:innen": "Senioren; Seniorinnen; ältere Menschen; 60+",
        "Neuzugewanderte": "Geflüchtete; Zugewanderte; Migrantinnen und Migranten; Migranten",
        "Lehrkräfte": "Lehrer; Lehrerinnen; Lehrerinnen und Lehrer; Pädagogen",
        "Menschen mit Behinderung": "Behinderte; Menschen mit Beeinträchtigung",
        "Arbeitsuchende": "Arbeitslose; Langzeitarbeitslose; Arbeitssuchende",
    },
}
SYNONYMS: dict[str, dict[str, str]] = {
    lst: {fold(s): target for target, text in table.items() for s in text.split(";")}
    for lst, table in _SYN_TEXT.items()
}
"""Per list: folded written value → the entry's name (resolved to an id when stored)."""
_REGION_WORDS = {
    "stadt",
    "landkreis",
    "kreis",
    "verbandsgemeinde",
    "vg",
    "gemeinde",
    "kreisfreie",
    "verbandsfreie",
    "kreisangehoerige",
}


def region_key(name: str) -> str:
    """A region's name as compared: folded, without the words that only say its kind
    ("Stadt Trier" and "Trier, kreisfreie Stadt" are both "trier")."""
    return " ".join(w for w in fold(name).split() if w not in _REGION_WORDS)


class Vocabulary:
    """The list entries of one dry run, the proposals made so far, and new entries planned."""

    def __init__(self, store: Store, choices: Choices) -> None:
        self.choices = choices
        self.titles: dict[str, dict[str, str]] = {k: {v: v for v in vs} for k, vs in FIXED.items()}
        self.by_key: dict[str, dict[str, str]] = {
            k: {fold(v): v for v in vs} for k, vs in FIXED.items()
        }
        self.region_kind: dict[str, str] = {}
        for row in store.read("imports/vocabulary"):
            label, rid = row["label"], row["id"]
            self.titles.setdefault(label, {})[rid] = row["name"] or rid
            keys = self.by_key.setdefault(label, {})
            for text in (row["short_name"], row["name"]):
                if text:
                    keys.setdefault(fold(text), rid)
            if label == "Region":
                self.region_kind[rid] = row["kind"] or ""
        self.proposals: dict[str, dict[str, Proposal]] = {}
        self.created: dict[str, Node] = {}
        self._places: tuple[dict[str, Counter[str]], dict[str, Counter[str]]] | None = None
        self._regions: dict[tuple[str, str], str] = {}
        self._store = store

    def register(self, label: str, node_id: str, name: str) -> None:
        """Make a record planned by this import (a new row of a workbook's Themen sheet)
        known to the list cells read after it."""
        self.titles.setdefault(label, {})[node_id] = name
        self.by_key.setdefault(label, {}).setdefault(fold(name), node_id)

    # --- proposals --------------------------------------------------------------------------
    def can_create(self, lst: str) -> bool:
        need = CREATE_ROLE.get(lst)
        return need is not None and (need == "editor" or self.choices.role == "admin")

    def _propose(self, field_name: str, value: str, key: str) -> Proposal:
        lst = VOCABULARY[field_name]
        keys = self.by_key.get(lst, {})
        p = Proposal(field=field_name, value=value, key=key)
        chosen = self.choices.values.get(field_name, {}).get(key)
        if chosen is not None and (
            chosen == ""
            or chosen in self.titles.get(lst, {})
            or (chosen == NEW and self.can_create(lst))
        ):
            p.target, p.how = chosen, "gespeichert"
        elif value in self.titles.get(lst, {}) and lst not in FIXED:
            p.target, p.how = value, "gleich"
        elif key in keys:
            p.target, p.how = keys[key], "gleich"
        elif fold(SYNONYMS.get(lst, {}).get(key, "")) in keys:
            p.target, p.how = keys[fold(SYNONYMS[lst][key])], "Synonym"
        else:
            close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.8)
            words = set(key.split())
            inside = [k for k in keys if len(key) > 3 and (words <= set(k.split()))]
            if close or len(inside) == 1:
                p.target, p.how = keys[close[0] if close else inside[0]], "ähnlich"
            elif self.can_create(lst):
                p.target, p.how = NEW, "neu"
            else:
                p.how = "unbekannt"
        p.target_name = self.title(lst, p.target, value)
        return p

    def title(self, lst: str, target: str, value: str = "") -> str:
        if target == NEW:
            return value
        return self.titles.get(lst, {}).get(target, "")

    def _known(self, field_name: str, piece: str) -> bool:
        lst, key = VOCABULARY[field_name], fold(piece)
        return (
            key in self.by_key.get(lst, {})
            or key in SYNONYMS.get(lst, {})
            or key in self.choices.values.get(field_name, {})
        )

    def tokens(self, field_name: str, cell: str) -> list[str]:
        """The values of a cell: split on ";" and line breaks, and a piece that is no known
        value also on "," and "/" (so "VHS/Weiterbildung" and "Ehrang/Quint" stay whole)."""
        out: list[str] = []
        for piece in cells.pieces(cell):
            split = cells.words(piece)
            out += [piece] if len(split) < 2 or self._known(field_name, piece) else split
        return list(dict.fromkeys(out))

    def take(self, field_name: str, value: str) -> tuple[str, str]:
        """(target, title) for one value of a list column; target "" = not taken."""
        key = fold(value) or value
        seen = self.proposals.setdefault(field_name, {})
        p = seen.get(key)
        if p is None:
            p = seen[key] = self._propose(field_name, value, key)
        p.rows += 1
        target = p.target
        if target == NEW:
            target = self._create(VOCABULARY[field_name], p)
        return target, p.target_name

    def take_cell(self, field_name: str, cell: str) -> list[tuple[str, str, str]]:
        """(value, target, title) for each value of a multi-value cell."""
        return [(v, *self.take(field_name, v)) for v in self.tokens(field_name, cell)]

    def _create(self, label: str, p: Proposal) -> str:
        node_id = stable_id(label.lower(), p.key)
        if node_id not in self.created:
            try:
                node = validate_node(_LIST_CLASSES[label](id=node_id, name=p.value))
            except ValidationError:
                return ""
            self.created[node_id] = node
        return node_id

    def finish(self, plan: ImportPlan) -> None:
        """Hand the proposals, the choosable entries and new entries to the plan."""
        for field_name, props in self.proposals.items():
            plan.values[field_name] = sorted(props.values(), key=lambda p: (-p.rows, p.key))
            lst = VOCABULARY[field_name]
            entries = sorted(self.titles.get(lst, {}).items(), key=lambda kv: fold(kv[1]))
            plan.options[field_name] = [(NEW, "")] * self.can_create(lst) + entries
        used = {lk.to_id for lk in plan.links} | {lk.from_id for lk in plan.links}
        for node in self.created.values():
            if node.id in used:  # an entry only rows with errors asked for is not created
                plan.nodes.append(node)
                plan.node_rows.append(0)

    # --- regions from postcode and town -------------------------------------------------------
    def region_of(self, postcode: str, town: str) -> str:
        """The region a new actor is located in, where its postcode or town tells (else "")."""
        key = (postcode.strip(), fold(town))
        if key not in self._regions:
            self._regions[key] = self._region_of(*key)
        return self._regions[key]

    def _region_of(self, postcode: str, town: str) -> str:
        if self._places is None:
            by_code: dict[str, Counter[str]] = {}
            by_town: dict[str, Counter[str]] = {}
            for r in self._store.read("imports/places"):
                if r["postcode"]:
                    by_code.setdefault(r["postcode"], Counter())[r["region"]] += r["n"]
                if r["town"]:
                    by_town.setdefault(fold(r["town"]), Counter())[r["region"]] += r["n"]
            self._places = (by_code, by_town)
        by_code, by_town = self._places
        for counts in (by_code.get(postcode), None, by_town.get(town)):
            if counts is None:
                named = [
                    rid
                    for rid, name in self.titles.get("Region", {}).items()
                    if town and region_key(name) == town
                ]
                if len(named) == 1:
                    return named[0]
                continue
            region, n = counts.most_common(1)[0]
            if n >= 0.8 * sum(counts.values()):
                return region
        return ""


_KIND_ENDINGS = {
    "schule": "Schule",
    "gymnasium": "Schule",
    "bibliothek": "Bibliothek",
    "buecherei": "Bibliothek",
    "stiftung": "Stiftung",
    "kammer": "Kammer/Verband",
    "kindergarten": "Kita",
    "kita": "Kita",
    "beratungsstelle": "Beratungsstelle",
    "verein": "Verein/Initiative",
}
"""Endings of compound words that name a kind ("Förderschule", "Bürgerstiftung")."""


def kind_from_name(name: str) -> str:
    """The actor kind an organisation's name tells ("Grundschule Olewig" → Schule,
    "Caritasverband Trier e.V." → Wohlfahrtsverband), or "" if it tells none.

    Words and phrases of the name are looked up among the kinds and their synonyms, left to
    right (the first word usually says what it is), then compound endings.
    """
    words = fold(name).split()
    kinds = {fold(k): k for k in ACTOR_KINDS}
    synonyms = SYNONYMS["actor_kind"]
    for i in range(len(words)):
        for n in (3, 2, 1):
            phrase = " ".join(words[i : i + n])
            found = kinds.get(phrase) or synonyms.get(phrase)
            if found and found != "Sonstige":
                return found
    for w in words:
        for ending, kind in _KIND_ENDINGS.items():
            if w.endswith(ending):
                return kind
    return ""


def as_choices(plan_values: dict[str, list[Proposal]]) -> dict[str, dict[str, str]]:
    """The targets of a plan's proposals, to save with the mapping."""
    return {f: {p.key: p.target for p in ps} for f, ps in plan_values.items()}
