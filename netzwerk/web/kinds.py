"""The record kinds of the web UI: URL path, titles, list columns and link sections.

One table instead of four copies of the same views: a new field or link section is one
line here. Labels and relationship types come from :mod:`netzwerk.graph.core.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from flask import request
from flask_babel import lazy_gettext as _l

from netzwerk import graph
from netzwerk.graph.core import model

API_SLUGS = {
    "Actor": "actors",
    "Person": "persons",
    "Alliance": "alliances",
    "Project": "projects",
    "Topic": "topics",
    "Stage": "stages",
    "TargetGroup": "target-groups",
    "Region": "regions",
}


@dataclass(frozen=True)
class Section:
    """A group of links on a detail page, e.g. an actor's alliances (MEMBER_OF, outgoing)."""

    type: str
    direction: str  # out | in | any
    title: Any
    others: tuple[str, ...]  # labels the other end may have (for autocomplete)
    add_label: Any = ""


@dataclass(frozen=True)
class Kind:
    slug: str
    cls: type[graph.Node]
    title: Any
    plural: Any
    sections: tuple[Section, ...]
    filters: tuple[str, ...] = ()
    vocabulary: bool = False

    @property
    def api_slug(self) -> str:
        """The English path segment of the JSON API (``/api/v1/actors``)."""
        return API_SLUGS[self.cls.LABEL]

    @property
    def label(self) -> str:
        return self.cls.LABEL

    @property
    def path(self) -> str:
        return f"verwaltung/{self.slug}" if self.vocabulary else self.slug

    @property
    def write_role(self) -> str:
        return model.write_role(self.label)

    def url(self, suffix: str = "") -> str:
        return f"{request.script_root}/{self.path}{suffix}"


def _vocab_sections() -> tuple[Section, ...]:
    return (
        Section("WORKS_ON", "out", _l("Themen"), ("Topic",), _l("Thema hinzufügen")),
        Section("COVERS", "out", _l("Bildungsstufen"), ("Stage",), _l("Bildungsstufe hinzufügen")),
        Section("SERVES", "out", _l("Zielgruppen"), ("TargetGroup",), _l("Zielgruppe hinzufügen")),
        Section("ACTIVE_IN", "out", _l("Aktiv in"), ("Region",), _l("Region hinzufügen")),
    )


ACTORS = Kind(
    "akteure",
    graph.Actor,
    _l("Akteur"),
    _l("Akteure"),
    (
        Section("WORKS_AT", "in", _l("Personen"), ("Person",), _l("Person hinzufügen")),
        Section("MEMBER_OF", "out", _l("Bündnisse"), ("Alliance",), _l("Zu Bündnis hinzufügen")),
        Section(
            "PARTICIPATES_IN", "out", _l("Projekte"), ("Project",), _l("An Projekt beteiligen")
        ),
        Section(
            "COOPERATES_WITH",
            "any",
            _l("Kooperationen"),
            ("Actor",),
            _l("Kooperation hinzufügen"),
        ),
        Section("CONTACT_FOR", "in", _l("Ansprechpersonen"), ("Person",), _l("Ansprechperson")),
        Section("LOCATED_IN", "out", _l("Sitz"), ("Region",), _l("Sitz festlegen")),
        *_vocab_sections(),
    ),
    filters=("kind", "topic", "stage", "region", "alliance"),
)
PERSONS = Kind(
    "personen",
    graph.Person,
    _l("Person"),
    _l("Personen"),
    (
        Section("WORKS_AT", "out", _l("Arbeitet bei"), ("Actor",), _l("Einrichtung hinzufügen")),
        Section(
            "CONTACT_FOR",
            "out",
            _l("Ansprechperson für"),
            ("Actor", "Alliance", "Project"),
            _l("Zuständigkeit hinzufügen"),
        ),
    ),
    filters=("alliance",),
)
ALLIANCES = Kind(
    "buendnisse",
    graph.Alliance,
    _l("Bündnis"),
    _l("Bündnisse"),
    (
        Section("MEMBER_OF", "in", _l("Mitglieder"), ("Actor",), _l("Mitglied hinzufügen")),
        Section("PART_OF", "in", _l("Projekte"), ("Project",), _l("Projekt zuordnen")),
        Section("CONTACT_FOR", "in", _l("Ansprechpersonen"), ("Person",), _l("Ansprechperson")),
        *_vocab_sections(),
    ),
    filters=("topic", "stage", "region"),
)
PROJECTS = Kind(
    "projekte",
    graph.Project,
    _l("Projekt"),
    _l("Projekte"),
    (
        Section("PARTICIPATES_IN", "in", _l("Beteiligte"), ("Actor",), _l("Beteiligte hinzufügen")),
        Section("PART_OF", "out", _l("Bündnis"), ("Alliance",), _l("Bündnis zuordnen")),
        Section("CONTACT_FOR", "in", _l("Ansprechpersonen"), ("Person",), _l("Ansprechperson")),
        *_vocab_sections(),
    ),
    filters=("status", "topic", "stage", "region", "alliance"),
)
_USERS = ("Actor", "Alliance", "Project")
TOPICS = Kind(
    "themen",
    graph.Topic,
    _l("Thema"),
    _l("Themen"),
    (Section("WORKS_ON", "in", _l("Wer arbeitet dazu"), _USERS),),
    vocabulary=True,
)
STAGES = Kind(
    "bildungsstufen",
    graph.Stage,
    _l("Bildungsstufe"),
    _l("Bildungsstufen"),
    (Section("COVERS", "in", _l("Wer deckt sie ab"), _USERS),),
    vocabulary=True,
)
TARGET_GROUPS = Kind(
    "zielgruppen",
    graph.TargetGroup,
    _l("Zielgruppe"),
    _l("Zielgruppen"),
    (Section("SERVES", "in", _l("Wer richtet sich an sie"), _USERS),),
    vocabulary=True,
)
REGIONS = Kind(
    "regionen",
    graph.Region,
    _l("Region"),
    _l("Regionen"),
    (
        Section("PART_OF", "out", _l("Gehört zu"), ("Region",), _l("Übergeordnete Region")),
        Section("PART_OF", "in", _l("Umfasst"), ("Region",), _l("Teilregion hinzufügen")),
        Section("LOCATED_IN", "in", _l("Sitz von"), ("Actor",)),
        Section("ACTIVE_IN", "in", _l("Aktiv hier"), _USERS),
    ),
    vocabulary=True,
)
KINDS: dict[str, Kind] = {
    k.slug: k
    for k in (ACTORS, PERSONS, ALLIANCES, PROJECTS, TOPICS, STAGES, TARGET_GROUPS, REGIONS)
}
BY_LABEL: dict[str, Kind] = {k.label: k for k in KINDS.values()}
MAIN = ("akteure", "personen", "buendnisse", "projekte")
VOCABULARIES = ("themen", "bildungsstufen", "zielgruppen", "regionen")


def record_url(label: str, node_id: str) -> str:
    """The detail page of a record (the one way to build it; the id quoted), ``#`` for a
    label without pages."""
    kind = BY_LABEL.get(label)
    if kind:
        return kind.url("/" + quote(str(node_id), safe=""))
    if label == "Presentation":  # pages of its own, not the records' (web/presentations)
        return "/praesentationen/" + quote(str(node_id), safe="")
    return "#"
