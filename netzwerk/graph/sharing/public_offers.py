"""What a citizen finds on the public Bildungslandkarte: the actors and offers that match a
topic, an education stage and a region, and how many match each other choice.

The public page answers one question — who offers what, for whom, near me — so it filters
by exactly three things, each one value of the shared vocabularies, with the meaning of the
network filter (:class:`netzwerk.graph.network.filters.Filter`: a region includes its
sub-regions and matches where an actor is placed or active). An actor without a region of
its own is placed where most actors with its postcode are (the postcode's centre of
gravity in the data, which needs no geodata). Actors come from the cached network snapshot;
what the page shows beyond it (address, website, the organisation's own e-mail and phone)
and the projects with their own topics and stages are read by two queries and cached with
the snapshot. Persons are never read.

A project (an offer) matches by its *own* topics and stages — counting it under what its
partners cover listed every project under every stage a partner school covers, or under
none — and by region where it is active or where a partner taking part is placed. Only
projects running on the day count: begun and not finished.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from netzwerk.graph.core.cache import Cache
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.network.snapshot import Snapshot, Vocabulary, active_on

PARAMS = ("topic", "stage", "region")
"""The query parameters of the public page (the shared filter's names)."""

UNKNOWN = {
    "topic": N_("Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste."),
    "stage": N_("Diese Bildungsstufe gibt es nicht. Bitte wählen Sie eine aus der Liste."),
    "region": N_("Diese Region gibt es nicht. Bitte wählen Sie eine aus der Liste."),
}
SEVERAL = {
    "topic": N_("Bitte wählen Sie nur ein Thema."),
    "stage": N_("Bitte wählen Sie nur eine Bildungsstufe."),
    "region": N_("Bitte wählen Sie nur eine Region."),
}

PLAIN_KINDS = {
    "Schule": N_("Schule"),
    "Kita": N_("Kindertagesstätte (Kita)"),
    "Hochschule": N_("Hochschule"),
    "VHS/Weiterbildung": N_("Volkshochschule oder Weiterbildung"),
    "Bibliothek": N_("Bibliothek"),
    "Verein/Initiative": N_("Verein oder Initiative"),
    "Kammer/Verband": N_("Kammer oder Verband"),
    "Unternehmen": N_("Unternehmen"),
    "Verwaltung": N_("Verwaltung"),
    "Jobcenter/Agentur für Arbeit": N_("Jobcenter oder Agentur für Arbeit"),
    "Stiftung": N_("Stiftung"),
    "Wohlfahrtsverband": N_("Wohlfahrtsverband"),
    "Migrantenorganisation": N_("Migrantenorganisation"),
    "Beratungsstelle": N_("Beratungsstelle"),
    "Sonstige": N_("Sonstige Einrichtung"),
}
"""Actor kinds as a citizen says them (the model's are short list entries)."""


@dataclass(frozen=True)
class Choice:
    """The three filters of the public page; empty fields do not filter."""

    topic: str = ""
    stage: str = ""
    region: str = ""

    def without(self, name: str) -> Choice:
        return replace(self, **{name: ""})

    def params(self, **changed: str) -> dict[str, str]:
        """The choice as query parameters, with ``changed`` fields replaced."""
        values = {name: getattr(self, name) for name in PARAMS} | changed
        return {k: v for k, v in values.items() if v}


def checked_choice(vocab: Vocabulary, given: Mapping[str, Sequence[str]]) -> Choice:
    """The choice the query names (every value of each parameter), or ValidationError with a
    German message per field: an unknown or repeated value is refused, not ignored, so a
    citizen never reads a list that silently means something else than the form shows."""
    values: dict[str, str] = {}
    errors: list[FieldError] = []
    for name in PARAMS:
        given_values = {v.strip() for v in given.get(name, ()) if v.strip()}
        if len(given_values) > 1:
            errors.append(FieldError(name, SEVERAL[name]))
        elif given_values:
            value = given_values.pop()
            if is_valid_id(value) and value in vocab.names_of(name):
                values[name] = value
            else:
                errors.append(FieldError(name, UNKNOWN[name]))
    if errors:
        raise ValidationError(errors)
    return Choice(**values)


@dataclass(frozen=True)
class Project:
    """A project as the public page needs it, with its own classifications."""

    id: str
    name: str
    description: str
    start: date | None
    end: date | None
    status: str
    topics: frozenset[str]
    stages: frozenset[str]
    active_in: tuple[str, ...]

    def running(self, day: date) -> bool:
        """Not finished, and begun (by its dates: a planned project whose start has come
        is an offer one can find, one marked finished is not, whatever its dates say)."""
        if self.status == "abgeschlossen" or (self.status == "geplant" and self.start is None):
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Sources:
    """What is read beyond the snapshot, once per state of the graph."""

    contacts: dict[str, dict[str, str]]
    projects: dict[str, Project]


_sources: Cache[tuple[Any, ...], Sources] = Cache(4)


def sources(store: Store, snap: Snapshot) -> Sources:
    """The actors' public fields and the projects (two queries, cached with the snapshot)."""

    def load() -> Sources:
        contacts = {row["id"]: row for row in store.read("views/public_actors")}
        projects = {
            row["id"]: Project(
                id=row["id"],
                name=row["name"] or row["id"],
                description=row["description"],
                start=row["start"],
                end=row["end"],
                status=row["status"],
                topics=frozenset(row["topics"]),
                stages=frozenset(row["stages"]),
                active_in=tuple(row["active_in"]),
            )
            for row in store.read("views/public_projects")
        }
        return Sources(contacts, projects)

    if not snap.fingerprint:  # a snapshot built by hand (tests): nothing to share it with
        return load()
    return _sources.get_or_compute((id(store), snap.fingerprint), load)


@dataclass(frozen=True)
class Offer:
    """One actor in the list: who it is, where, what it works on, how to reach it."""

    id: str
    name: str
    kind: str
    kind_label: str
    place: str
    place_kind: str
    street: str
    postcode: str
    town: str
    website: str
    email: str
    phone: str
    topics: tuple[str, ...]
    stages: tuple[str, ...]
    projects: tuple[str, ...]


@dataclass(frozen=True)
class ProjectOffer:
    id: str
    name: str
    description: str
    start: date | None
    end: date | None
    partners: tuple[str, ...]


@dataclass(frozen=True)
class Facet:
    """One value of a filter with what choosing it would list (the other filters kept)."""

    value: str
    name: str
    actors: int
    projects: int
    depth: int = 0
    kind: str = ""


@dataclass
class Result:
    choice: Choice
    total: int
    """How many actors match (``offers`` may be one page of them)."""
    offers: list[Offer]
    projects: list[ProjectOffer]
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    region_counts: dict[str, tuple[int, int]] = field(default_factory=dict)


def _postcode_regions(
    actors: Iterable[dict[str, Any]], contacts: Mapping[str, Any]
) -> dict[str, str]:
    """Postcode → the region most actors with that postcode are located in (ties: by id)."""
    counts: dict[str, Counter[str]] = {}
    for a in actors:
        code = contacts.get(a["id"], {}).get("postcode", "")
        if code and a["located_in"]:
            counts.setdefault(code, Counter())[a["located_in"]] += 1
    return {code: min(c, key=lambda r: (-c[r], r)) for code, c in counts.items() if c}


def placed(snap: Snapshot, src: Sources) -> list[dict[str, Any]]:
    """The snapshot's actors, each with ``located_in`` filled from its postcode where the
    record names no region (copies; the shared snapshot is never changed)."""
    by_code = _postcode_regions(snap.actors, src.contacts)
    out = []
    for a in snap.actors:
        if a["located_in"]:
            out.append(a)
            continue
        code = src.contacts.get(a["id"], {}).get("postcode", "")
        out.append({**a, "located_in": by_code.get(code)})
    return out


@dataclass(frozen=True)
class Facts:
    """What the three filters ask of an actor or a project: its topics and stages, and every
    region a region filter finds it in (where it is placed or active, and all their parents:
    a region includes its sub-regions, as in the network filter)."""

    topics: frozenset[str]
    stages: frozenset[str]
    regions: frozenset[str]

    def matches(self, choice: Choice) -> bool:
        return (
            (not choice.topic or choice.topic in self.topics)
            and (not choice.stage or choice.stage in self.stages)
            and (not choice.region or choice.region in self.regions)
        )

    def values(self, name: str) -> frozenset[str]:
        return {"topic": self.topics, "stage": self.stages, "region": self.regions}[name]


class _Regions:
    """Each place's region with its parents, computed once per page."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.known: dict[str, frozenset[str]] = {}

    def of(self, places: Iterable[str | None]) -> frozenset[str]:
        out: set[str] = set()
        for place in places:
            if place:
                if place not in self.known:
                    self.known[place] = frozenset(self.vocab.region_ancestors(place))
                out |= self.known[place]
        return frozenset(out)


def _project_places(actors: Iterable[dict[str, Any]], day: date) -> dict[str, set[str]]:
    """Project id → the regions of the actors taking part on the day."""
    places: dict[str, set[str]] = {}
    for a in actors:
        for m in a["projects"]:
            if active_on(m, day):
                where = places.setdefault(m["id"], set())
                where.update(p for p in (a["located_in"], *a["active_in"]) if p)
    return places


def _counts(items: Iterable[Facts], choice: Choice) -> dict[str, Counter[str]]:
    """Per filter: how many items each value would keep, the other two filters applied."""
    out: dict[str, Counter[str]] = {name: Counter() for name in PARAMS}
    rests = [(name, choice.without(name)) for name in PARAMS]
    for item in items:
        for name, rest in rests:
            if item.matches(rest):
                out[name].update(item.values(name))
    return out


def region_tree(vocab: Vocabulary) -> list[tuple[str, int]]:
    """Every region with its depth, parents before children, siblings by name."""
    children: dict[str, list[str]] = {}
    for rid in vocab.regions:
        children.setdefault(vocab.region_parent.get(rid, ""), []).append(rid)
    out: list[tuple[str, int]] = []
    seen: set[str] = set()

    def walk(parent: str, depth: int) -> None:
        for rid in sorted(children.get(parent, []), key=lambda r: vocab.regions[r].casefold()):
            if rid not in seen:
                seen.add(rid)
                out.append((rid, depth))
                walk(rid, depth + 1)

    walk("", 0)
    return out


def _facets(
    vocab: Vocabulary, actors: dict[str, Counter[str]], projects: dict[str, Counter[str]]
) -> dict[str, list[Facet]]:
    def facet(name: str, value: str, label: str, depth: int = 0, kind: str = "") -> Facet:
        return Facet(value, label, actors[name][value], projects[name][value], depth, kind)

    topics = sorted(vocab.topics.items(), key=lambda kv: kv[1].casefold())
    return {
        "topic": [facet("topic", k, v) for k, v in topics],
        "stage": [facet("stage", k, vocab.stages[k]) for k in vocab.stages_in_order()],
        "region": [
            facet("region", rid, vocab.regions[rid], depth, vocab.region_kind.get(rid, ""))
            for rid, depth in region_tree(vocab)
        ],
    }


def _offer(
    vocab: Vocabulary, a: dict[str, Any], contact: Mapping[str, str], projects: list[str]
) -> Offer:
    place = a["located_in"] or ""
    website = contact.get("website", "")
    return Offer(
        id=a["id"],
        name=a["name"],
        kind=a["kind"],
        kind_label=PLAIN_KINDS.get(a["kind"], a["kind"]),
        place=vocab.regions.get(place, ""),
        place_kind=vocab.region_kind.get(place, ""),
        street=contact.get("street", ""),
        postcode=contact.get("postcode", ""),
        town=contact.get("town", "") or a["town"],
        website=website if website.startswith(("https://", "http://")) else "",
        email=contact.get("email", ""),
        phone=contact.get("phone", ""),
        topics=tuple(
            sorted({vocab.topics[t] for t in a["topics"] if t in vocab.topics}, key=str.casefold)
        ),
        stages=tuple(vocab.stages[s] for s in vocab.stages_in_order() if s in a["stages"]),
        projects=tuple(sorted(projects, key=str.casefold)),
    )


def find(
    snap: Snapshot,
    src: Sources,
    choice: Choice,
    day: date,
    window: tuple[int, int] | None = None,
) -> Result:
    """The actors and running projects matching ``choice``, and the counts per filter value.

    ``window`` (skip, size) builds the list entries of one page only (``total`` counts all):
    a list of thousands is paged, and describing the ones not shown is wasted work."""
    vocab = snap.vocabulary
    regions = _Regions(vocab)
    actors = placed(snap, src)
    facts = [
        Facts(
            frozenset(a["topics"]),
            frozenset(a["stages"]),
            regions.of((a["located_in"], *a["active_in"])),
        )
        for a in actors
    ]
    places = _project_places(actors, day)
    running = {
        pid: Facts(p.topics, p.stages, regions.of((*p.active_in, *places.get(pid, ()))))
        for pid, p in src.projects.items()
        if p.running(day)
    }
    found_projects = {pid for pid, f in running.items() if f.matches(choice)}
    partners: dict[str, list[str]] = {pid: [] for pid in found_projects}
    matching = []
    for a, f in zip(actors, facts, strict=True):
        own = {m["id"] for m in a["projects"] if active_on(m, day)} & found_projects
        for pid in own:
            partners[pid].append(a["name"])
        if f.matches(choice):
            matching.append((a, own))
    matching.sort(key=lambda item: (item[0]["name"].casefold(), item[0]["id"]))
    skip, size = window or (0, len(matching))
    offers = [
        _offer(vocab, a, src.contacts.get(a["id"], {}), [src.projects[p].name for p in own])
        for a, own in matching[skip : skip + size]
    ]
    project_offers = sorted(
        (
            ProjectOffer(
                pid,
                src.projects[pid].name,
                src.projects[pid].description,
                src.projects[pid].start,
                src.projects[pid].end,
                tuple(sorted(partners[pid], key=str.casefold)),
            )
            for pid in found_projects
        ),
        key=lambda p: (p.name.casefold(), p.id),
    )
    actor_counts = _counts(facts, choice)
    project_counts = _counts(running.values(), choice)
    return Result(
        choice=choice,
        total=len(matching),
        offers=offers,
        projects=project_offers,
        facets=_facets(vocab, actor_counts, project_counts),
        region_counts={
            rid: (actor_counts["region"][rid], project_counts["region"][rid])
            for rid in vocab.regions
        },
    )
