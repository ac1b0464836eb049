"""The one filter of network pictures, gap analyses, contact exports and saved views.

Every page that narrows the network down asks the same question (which actors, which
links, on which day), so there is one filter type and one set of query parameter names.
A view saved on the picture therefore opens the gap pages and the contact export with the
same selection. The web layer reads the parameters (:mod:`netzwerk.web.filters`); the
choices of the filter forms come from :mod:`netzwerk.graph.network.choices`.

Query parameters (English, like the API): ``alliance``, ``project``, ``topic``, ``stage``,
``target_group``, ``region`` (ids), ``organisation`` (an organisation's slug, or
:data:`ACROSS`), ``kind`` and ``coop_kind`` (repeatable), ``as_of``
(a date), ``function`` (contact export only). The German names the picture pages used
before (``buendnis``, ``stufe``, ``stichtag``, ``art``, …) are read as aliases, so old
bookmarks keep working (:func:`canonical_pairs`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS

if TYPE_CHECKING:  # the snapshot's vocabulary is built on the filter, not the other way
    from netzwerk.graph.network.snapshot import Vocabulary

ID_FIELDS = ("alliance", "project", "topic", "stage", "target_group", "region", "organisation")
"""Fields holding the id of one vocabulary node; their parameter has the same name. An
organisation is named by its slug."""

ACROSS = "grenze"
"""The ``organisation`` value that selects the links across the border: those whose two
ends belong to different organisations (an organisation's slug is never this word)."""

PLURAL = {
    "alliance": "alliances",
    "project": "projects",
    "topic": "topics",
    "stage": "stages",
    "target_group": "target_groups",
    "region": "regions",
    "organisation": "organisations",
}
"""Id field -> the attribute that lists its records, in the snapshot's vocabulary and in the
filter forms' choices alike."""

TITLES = {
    "alliance": N_("Bündnis"),
    "project": N_("Projekt"),
    "topic": N_("Thema"),
    "stage": N_("Bildungsstufe"),
    "target_group": N_("Zielgruppe"),
    "region": N_("Region"),
    "organisation": N_("Netzwerk"),
}
"""German names of the id fields (forms, messages); the pages translate them."""

PARAM_OF = {
    **{name: name for name in ID_FIELDS},
    "actor_kinds": "kind",
    "cooperation_kinds": "coop_kind",
    "as_of": "as_of",
    "function": "function",
}
"""Filter field -> query parameter."""

LEGACY_PARAMS = {
    "buendnis": "alliance",
    "projekt": "project",
    "thema": "topic",
    "stufe": "stage",
    "zielgruppe": "target_group",
    "art": "kind",
    "kooperation": "coop_kind",
    "stichtag": "as_of",
    "funktion": "function",
    # how a picture is drawn
    "farbe": "colour",
    "groesse": "size",
    "gruppierung": "group",
    "gemeinschaft": "community",
    "alle": "all",
    "tiefe": "depth",
    "projekte": "projects",
    "mehrfach": "multi",
}
"""German parameter names of the picture pages before the filters were unified."""

MAX_KINDS = 40  # more repeats of ``kind`` than there are kinds is not a filter but noise
MAX_FUNCTION = 200


@dataclass(frozen=True)
class Filter:
    """What part of the network to look at. Empty fields do not filter.

    Node filters keep an actor only if it matches all of them; ``region`` includes the
    region's sub-regions (a filter on "Stadt Trier" keeps actors of every Stadtteil) and
    matches where an actor is located or active. ``as_of`` keeps only cooperations and
    memberships that existed on that day (since ≤ day ≤ until; open ends count as open).
    ``function`` (a case-insensitive part of a person's function, e.g. "leitung") only
    narrows contact exports; pictures and analyses ignore it.

    ``organisation`` keeps the partners of one office: actors it owns or co-owns. Set to
    :data:`ACROSS` it keeps the links across the border instead (ends owned by different
    organisations) and the actors at their ends: what two offices share.
    """

    alliance: str = ""
    project: str = ""
    topic: str = ""
    stage: str = ""
    target_group: str = ""
    region: str = ""
    organisation: str = ""
    actor_kinds: tuple[str, ...] = ()
    cooperation_kinds: tuple[str, ...] = ()
    as_of: date | None = None
    function: str = ""

    def is_empty(self) -> bool:
        return self == Filter()

    def key(self) -> tuple[Any, ...]:
        """A hashable identity, for caches of layouts and analyses."""
        return (
            self.alliance,
            self.project,
            self.topic,
            self.stage,
            self.target_group,
            self.region,
            self.organisation,
            tuple(sorted(self.actor_kinds)),
            tuple(sorted(self.cooperation_kinds)),
            self.as_of,
            self.function,
        )

    def describe(self) -> dict[str, Any]:
        """The set fields only, JSON-ready (``as_of`` as ISO text): the export log and saved
        views store this; :meth:`from_description` reads it back."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in ("", (), [], None):
                continue
            out[f.name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_description(cls, data: Mapping[str, Any]) -> Filter:
        """The filter :meth:`describe` wrote; unknown keys and malformed values are dropped
        (a stored view must open even if the program has changed since)."""
        values: dict[str, Any] = {}
        for name in ID_FIELDS:
            if isinstance(data.get(name), str):
                values[name] = data[name]
        for name in ("actor_kinds", "cooperation_kinds"):
            items = data.get(name)
            if isinstance(items, list | tuple):
                values[name] = tuple(str(k) for k in items if isinstance(k, str))[:MAX_KINDS]
        raw = data.get("as_of")
        if isinstance(raw, str):
            with contextlib.suppress(ValueError):
                values["as_of"] = date.fromisoformat(raw)
        if isinstance(data.get("function"), str):
            values["function"] = data["function"][:MAX_FUNCTION]
        return cls(**values)

    def params(self, *, with_date: bool = True) -> list[tuple[str, str]]:
        """The filter as query parameters (the one vocabulary), e.g. for a link."""
        items: list[tuple[str, str]] = []
        for name in ID_FIELDS:
            if getattr(self, name):
                items.append((name, getattr(self, name)))
        items += [("kind", k) for k in self.actor_kinds]
        items += [("coop_kind", k) for k in self.cooperation_kinds]
        if with_date and self.as_of:
            items.append(("as_of", self.as_of.isoformat()))
        if self.function:
            items.append(("function", self.function))
        return items

    def on(self, day: date | None) -> Filter:
        """The same filter on another day."""
        return replace(self, as_of=day)


def canonical_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[list[tuple[str, str]], bool]:
    """Query pairs with German legacy names renamed to the one vocabulary, and whether any
    was renamed. Where both spellings are given, the English one wins."""
    pairs = list(pairs)
    given = {k for k, _ in pairs}
    out: list[tuple[str, str]] = []
    renamed = False
    for key, value in pairs:
        new = LEGACY_PARAMS.get(key)
        if new is None:
            out.append((key, value))
            continue
        renamed = True
        if new not in given:
            out.append((new, value))
    return out, renamed


def parse_day(text: str) -> date | None:
    """``2024-05-31`` (date input, links) or ``31.05.2024`` (typed); None if neither, or
    outside 1900–2200 (no picture of the year 9999)."""
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        return day if 1900 <= day.year <= 2200 else None
    return None


def by_names(
    vocab: Vocabulary,
    given: Mapping[str, str],
    *,
    kinds: Iterable[str] = (),
    cooperation_kinds: Iterable[str] = (),
    function: str = "",
    as_of: date | None = None,
) -> Filter:
    """The filter of a command line or a notebook, which name records by id or by their
    (case-insensitive) name, e.g. ``{"alliance": "MINT-Initiativkreis"}``.

    An unknown name or kind raises :class:`ValidationError` with a German message per
    field: a typing error must not widen the selection to everyone or narrow it to no one.
    """
    ids: dict[str, str] = dict.fromkeys(ID_FIELDS, "")
    errors: list[FieldError] = []
    for name, value in given.items():
        if name not in ID_FIELDS:
            raise TypeError(f"unknown filter field: {name}")
        found = vocab.id_of(name, value) if value else ""
        if found is None:
            errors.append(
                FieldError.said(
                    name,
                    N_("%(kind)s „%(value)s“ gibt es nicht."),
                    kind=TITLES[name],
                    value=value,
                )
            )
        ids[name] = found or ""
    kinds, cooperation_kinds = tuple(kinds), tuple(cooperation_kinds)
    for field_name, title, listed, allowed in (
        ("kind", N_("Akteursart"), kinds, ACTOR_KINDS),
        ("coop_kind", N_("Kooperationsart"), cooperation_kinds, COOPERATION_KINDS),
    ):
        errors += [
            FieldError.said(
                field_name, N_("%(kind)s „%(value)s“ gibt es nicht."), kind=title, value=k
            )
            for k in listed
            if k not in allowed
        ]
    if errors:
        raise ValidationError(errors)
    return Filter(
        **ids,
        actor_kinds=kinds,
        cooperation_kinds=cooperation_kinds,
        as_of=as_of,
        function=function,
    )
