"""The tables of the demo region, read from ``seed/data/*.toml`` into typed records.

Why data files: what the demo region consists of (actors, alliances, projects, names, the
planted gaps) is what a reviewer from an education office reads and corrects, so it lives
apart from the code that wires it, with comments saying why. TOML because it allows those
comments and native dates, and ``tomllib`` reads it without a dependency. Each table row
becomes a frozen dataclass, so an unknown or missing field stops the run here, naming the
file and the row, instead of as a ``KeyError`` in the middle of the draw.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
T = TypeVar("T")


def read(name: str, folder: Path = DATA_DIR) -> dict[str, Any]:
    """One data file as parsed TOML (``name`` without ``.toml``)."""
    with (folder / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def records(cls: type[T], rows: list[dict[str, Any]], where: str) -> list[T]:
    """Rows of a table as ``cls`` instances; a wrong field names the file and the row."""
    out = []
    for i, row in enumerate(rows, start=1):
        try:
            out.append(cls(**row))
        except TypeError as exc:
            raise ValueError(f"{where}, row {i} ({row.get('name', row)}): {exc}") from exc
    return out


@dataclass(frozen=True)
class Profile:
    """What an actor of a profile works on and how strongly it attracts cooperation."""

    topics: list[str]
    stages: list[str]
    target_groups: list[str]
    hub_weight: float
    extra_topics: list[str] = field(default_factory=list)
    scope: str = "local"
    city_wide: bool = False


@dataclass(frozen=True)
class ActorSpec:
    """One actor as written in ``actors.toml``, before ids and addresses are assigned."""

    name: str
    kind: str
    sponsorship: str
    where: str
    profile: str
    key: str = ""
    short: str = ""
    tag: str = "core"
    street: str = ""
    postcode: str = ""
    scope: str = ""
    notes: str = ""
    exists_since: date | None = None


@dataclass(frozen=True)
class Draw:
    """Which actors an alliance or project may draw as further members (all must hold)."""

    side: str = ""
    located: str = ""
    vg: str = ""
    kinds: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    any_of: list[Draw] = field(default_factory=list)
    count: int = 0

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Draw:
        """Nested ``any_of`` conditions become ``Draw`` records too."""
        return cls(**{**raw, "any_of": [cls.parse(sub) for sub in raw.get("any_of", [])]})


@dataclass(frozen=True)
class Group:
    """Fields alliances and projects share: classification and where they work."""

    key: str
    name: str
    description: str
    topics: list[str]
    stages: list[str]
    target_groups: list[str]
    active_in: list[str]


@dataclass(frozen=True)
class AllianceSpec(Group):
    """An alliance with its coordinators, fixed members and the rule for the rest."""

    short: str
    founded: date
    coordinators: list[str]
    members: list[str]
    size: int
    draw: Draw


@dataclass(frozen=True)
class ProjectSpec(Group):
    """A project with its Träger, Förderer, fixed partners and drawn partners."""

    start: date
    funding_programme: str
    status: str
    traeger: list[str]
    end: date | None = None
    part_of: str | None = None
    foerderer: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    draw: Draw | None = None


@dataclass(frozen=True)
class CoopKind:
    """How one kind of cooperation is drawn and what it records."""

    weight: float
    intensity: list[int]
    notes: list[str]
    source: str = ""
    source_share: float = 0.0


@dataclass(frozen=True)
class Component:
    """A planted separate component: actors tagged ``tag`` cooperate only among themselves."""

    tag: str
    chords: int


@dataclass(frozen=True)
class Cluster:
    """A planted cluster hanging on the main network by its ``bridge`` actor only."""

    tag: str
    bridge: str
    chords: int


@dataclass(frozen=True)
class Transition:
    """A planted weak transition between two adjacent stages, limited per VG."""

    lower: str
    upper: str
    limits: dict[str, int]


@dataclass(frozen=True)
class Tables:
    """Everything in ``seed/data``, parsed."""

    dataset: dict[str, Any]
    vocabularies: dict[str, list[dict[str, Any]]]
    regions: dict[str, Any]
    profiles: dict[str, Profile]
    actors: list[ActorSpec]
    abbreviations: list[list[str]]
    cooperations: dict[str, Any]
    coop_kinds: dict[str, CoopKind]
    alliances: list[AllianceSpec]
    member_roles: dict[str, int]
    projects: list[ProjectSpec]
    persons: dict[str, Any]
    components: list[Component]
    clusters: list[Cluster]
    transition: Transition
    uncovered: list[dict[str, Any]]

    def ids(self, table: str, prefix: str) -> dict[str, str]:
        """Key -> id of a vocabulary (``topic-<slug>``, ``stage-<key>``, ``tg-<key>``)."""
        return {
            row["key"]: prefix + row.get("slug", row["key"]) for row in self.vocabularies[table]
        }

    @property
    def today(self) -> date:
        """The fixed "today" of the draw (not ``date.today()``, so runs are repeatable)."""
        return self.dataset["reference_date"]


def load(folder: Path = DATA_DIR) -> Tables:
    """Read and type every data file."""
    coops = read("cooperations", folder)
    alliances = read("alliances", folder)
    gaps = read("gaps", folder)
    actors = read("actors", folder)
    return Tables(
        dataset=read("dataset", folder),
        vocabularies=read("vocabularies", folder),
        regions=read("regions", folder),
        profiles={k: Profile(**v) for k, v in read("profiles", folder).items()},
        actors=records(ActorSpec, actors["actors"], "actors.toml"),
        abbreviations=actors["abbreviations"],
        cooperations=coops,
        coop_kinds={k: CoopKind(**v) for k, v in coops["kinds"].items()},
        alliances=records(
            AllianceSpec,
            [{**a, "draw": Draw.parse(a["draw"])} for a in alliances["alliances"]],
            "alliances.toml",
        ),
        member_roles=alliances["member_roles"],
        projects=records(
            ProjectSpec,
            [
                {**p, "draw": Draw.parse(p["draw"]) if "draw" in p else None}
                for p in read("projects", folder)["projects"]
            ],
            "projects.toml",
        ),
        persons=read("persons", folder),
        components=records(Component, gaps["components"], "gaps.toml"),
        clusters=records(Cluster, gaps["clusters"], "gaps.toml"),
        transition=Transition(**gaps["transition"]),
        uncovered=gaps["uncovered"],
    )
