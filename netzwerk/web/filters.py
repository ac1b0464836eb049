"""The shared filter of network pictures and gap analyses, read from the query string.

Parameters: ``alliance``, ``project``, ``topic``, ``stage``, ``target_group``, ``region``
(ids), ``kind`` and ``coop_kind`` (repeatable), ``as_of`` (YYYY-MM-DD; default today).
Bad values never cause an error page: each is dropped with a German message saying why,
and the rest of the filter still applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from netzwerk import graph
from netzwerk.graph.network import NetworkFilter, Vocabulary
from netzwerk.graph.validation import is_valid_id

ID_FIELDS = {
    "alliance": _l("Bündnis"),
    "project": _l("Projekt"),
    "topic": _l("Thema"),
    "stage": _l("Bildungsstufe"),
    "target_group": _l("Zielgruppe"),
    "region": _l("Region"),
}
PARAMS = (*ID_FIELDS, "kind", "coop_kind", "as_of")


@dataclass
class ParsedFilter:
    flt: NetworkFilter
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    """What the form shows (the accepted values; ``as_of`` as ISO text)."""

    def query(self, **extra: Any) -> str:
        """The filter as a query string (for links that keep it), plus ``extra``."""
        items: list[tuple[str, str]] = []
        for key in ID_FIELDS:
            if self.values.get(key):
                items.append((key, self.values[key]))
        items += [("kind", k) for k in self.values.get("kind", ())]
        items += [("coop_kind", k) for k in self.values.get("coop_kind", ())]
        if self.values.get("as_of"):
            items.append(("as_of", self.values["as_of"]))
        items += [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
        return urlencode(items)


def parse(args: MultiDict[str, str], vocab: Vocabulary | None = None) -> ParsedFilter:
    """A :class:`NetworkFilter` from query parameters, with messages for what was dropped.

    With ``vocab`` given, ids must also exist (an unknown region is reported, not silently
    giving an empty result).
    """
    errors: list[str] = []
    values: dict[str, Any] = {}
    known: dict[str, dict[str, str]] = {}
    if vocab is not None:
        known = {
            "alliance": vocab.alliances,
            "project": vocab.projects,
            "topic": vocab.topics,
            "stage": vocab.stages,
            "target_group": vocab.target_groups,
            "region": vocab.regions,
        }
    for key, title in ID_FIELDS.items():
        value = (args.get(key) or "").strip()
        if not value:
            continue
        if not is_valid_id(value) or (vocab is not None and value not in known[key]):
            errors.append(
                _(
                    "%(field)s: „%(value)s“ ist unbekannt und wurde ignoriert.",
                    field=title,
                    value=value[:60],
                )
            )
            continue
        values[key] = value
    kinds = [k for k in args.getlist("kind") if k]
    bad = [k for k in kinds if k not in graph.ACTOR_KINDS]
    if bad:
        errors.append(
            _("Akteursart „%(value)s“ ist unbekannt und wurde ignoriert.", value=bad[0][:60])
        )
    values["kind"] = [k for k in kinds if k in graph.ACTOR_KINDS]
    coop = [k for k in args.getlist("coop_kind") if k]
    bad = [k for k in coop if k not in graph.COOPERATION_KINDS]
    if bad:
        errors.append(
            _("Kooperationsart „%(value)s“ ist unbekannt und wurde ignoriert.", value=bad[0][:60])
        )
    values["coop_kind"] = [k for k in coop if k in graph.COOPERATION_KINDS]
    as_of = date.today()
    raw = (args.get("as_of") or "").strip()
    if raw:
        try:
            as_of = date.fromisoformat(raw)
            if not 1900 <= as_of.year <= 2200:
                raise ValueError(raw)
            values["as_of"] = as_of.isoformat()
        except ValueError:
            errors.append(
                _(
                    "Stichtag „%(value)s“ ist kein gültiges Datum (JJJJ-MM-TT); es gilt heute.",
                    value=raw[:40],
                )
            )
            as_of = date.today()
    flt = NetworkFilter(
        alliance=values.get("alliance", ""),
        project=values.get("project", ""),
        topic=values.get("topic", ""),
        stage=values.get("stage", ""),
        target_group=values.get("target_group", ""),
        region=values.get("region", ""),
        actor_kinds=tuple(values["kind"]),
        cooperation_kinds=tuple(values["coop_kind"]),
        as_of=as_of,
    )
    return ParsedFilter(flt, errors, values)


def choices(vocab: Vocabulary) -> dict[str, list[tuple[str, str]]]:
    """Options for the filter form's selects, sorted as a reader expects."""

    def sort(d: dict[str, str]) -> list[tuple[str, str]]:
        return sorted(d.items(), key=lambda kv: kv[1].casefold())

    regions = []
    from netzwerk.graph.analysis import region_rows

    for row in region_rows(vocab):
        regions.append((row.id, ("— " if row.level else "") + row.name))
    return {
        "alliance": sort(vocab.alliances),
        "project": sort(vocab.projects),
        "topic": sort(vocab.topics),
        "stage": [(s, vocab.stages[s]) for s in vocab.stages_in_order()],
        "target_group": sort(vocab.target_groups),
        "region": regions,
        "kind": [(k, k) for k in graph.ACTOR_KINDS],
        "coop_kind": [(k, k) for k in graph.COOPERATION_KINDS],
    }
