"""The one query-string parser of the shared filter (pictures, gap pages, contact export).

Parameters are those of :mod:`netzwerk.graph.network.filters`: ``alliance``, ``project``, ``topic``,
``stage``, ``target_group``, ``region`` (ids), ``organisation`` (a slug, or ``grenze``),
``kind`` and ``coop_kind`` (repeatable),
``as_of`` (YYYY-MM-DD or TT.MM.JJJJ; default today), ``function``. The German names of
older picture URLs (``buendnis``, ``stichtag``, ``art``, …) are read as aliases; pages
redirect such URLs to the current names (:func:`legacy_redirect`).

Bad values never cause an error page: each is dropped with a German message saying why,
and the rest of the filter still applies. A contact export must not silently widen to
everyone when a value is wrong, so it parses ``strict``: unknown ids are kept (they select
nobody) and the export's own check reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from netzwerk import graph
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.network import filters as graph_filters
from netzwerk.graph.network.choices import filter_choices
from netzwerk.graph.network.filters import (
    MAX_FUNCTION,
    MAX_KINDS,
    Filter,
    canonical_pairs,
    parse_day,
)
from netzwerk.graph.network.snapshot import ACROSS_TITLE, Vocabulary
from netzwerk.web.auth import reader_org

TITLES = {name: _l(title) for name, title in graph_filters.TITLES.items()}
ID_FIELDS = {name: TITLES[name] for name in graph_filters.ID_FIELDS}
PARAMS = (*ID_FIELDS, "kind", "coop_kind", "as_of", "function")


@dataclass
class ParsedFilter:
    flt: Filter
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    """What the form shows (the accepted values; ``as_of`` as ISO text, only if given)."""

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
        if self.values.get("function"):
            items.append(("function", self.values["function"]))
        items += [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
        return urlencode(items)


def canonical_args(args: MultiDict[str, str]) -> MultiDict[str, str]:
    """``args`` with legacy German names renamed (see :data:`filters.LEGACY_PARAMS`)."""
    pairs, _renamed = canonical_pairs(args.items(multi=True))
    return MultiDict(pairs)


def legacy_redirect() -> str | None:
    """The current URL with legacy parameter names renamed, or None if there were none."""
    pairs, renamed = canonical_pairs(request.args.items(multi=True))
    if not renamed:
        return None
    query = urlencode(pairs)
    return request.path + (f"?{query}" if query else "")


def parse(
    args: MultiDict[str, str],
    vocab: Vocabulary | None = None,
    *,
    dated: bool = True,
    strict: bool = False,
) -> ParsedFilter:
    """A :class:`Filter` from query parameters, with messages for what was dropped.

    With ``vocab`` given, ids must also exist (an unknown region is reported, not silently
    giving an empty result). ``dated=False`` leaves ``as_of`` empty (the contact export
    lists today's contacts). ``strict`` keeps wrong values instead of dropping them.
    """
    args = canonical_args(args)
    errors: list[str] = []
    values: dict[str, Any] = {}
    for key, title in ID_FIELDS.items():
        value = (args.get(key) or "").strip()[:128]
        if not value:
            continue
        if not is_valid_id(value) or (vocab is not None and value not in vocab.names_of(key)):
            errors.append(
                _(
                    "%(field)s: „%(value)s“ ist unbekannt und wurde ignoriert.",
                    field=title,
                    value=value[:60],
                )
            )
            if not strict:
                continue
        values[key] = value
    values["kind"] = _listed(args, "kind", graph.ACTOR_KINDS, strict, errors)
    values["coop_kind"] = _listed(args, "coop_kind", graph.COOPERATION_KINDS, strict, errors)
    function = (args.get("function") or "").strip()
    if function:
        values["function"] = function[: MAX_FUNCTION + 1 if strict else MAX_FUNCTION]
    as_of = date.today() if dated else None
    raw = (args.get("as_of") or "").strip()
    if raw and dated:
        day = parse_day(raw)
        if day is None:
            errors.append(
                _(
                    "Stichtag „%(value)s“ ist kein gültiges Datum (JJJJ-MM-TT); es gilt heute.",
                    value=raw[:40],
                )
            )
        else:
            as_of = day
            values["as_of"] = day.isoformat()
    flt = Filter(
        alliance=values.get("alliance", ""),
        project=values.get("project", ""),
        topic=values.get("topic", ""),
        stage=values.get("stage", ""),
        target_group=values.get("target_group", ""),
        region=values.get("region", ""),
        organisation=values.get("organisation", ""),
        actor_kinds=tuple(values["kind"]),
        cooperation_kinds=tuple(values["coop_kind"]),
        as_of=as_of,
        function=values.get("function", ""),
    )
    return ParsedFilter(flt, errors, values)


def _listed(
    args: MultiDict[str, str], key: str, allowed: tuple[str, ...], strict: bool, errors: list[str]
) -> list[str]:
    given = [k[:128] for k in args.getlist(key) if k][:MAX_KINDS]
    bad = [k for k in given if k not in allowed]
    if bad:
        message = (
            _("Akteursart „%(value)s“ ist unbekannt und wurde ignoriert.", value=bad[0][:60])
            if key == "kind"
            else _(
                "Kooperationsart „%(value)s“ ist unbekannt und wurde ignoriert.",
                value=bad[0][:60],
            )
        )
        errors.append(message)
    return given if strict else [k for k in given if k in allowed]


def choices(vocab: Vocabulary) -> dict[str, list[tuple[str, str]]]:
    """Options for the filter form's selects, keyed by parameter (the one builder)."""
    out = filter_choices(vocab).by_param()
    out["organisation"] = network_options(out["organisation"], reader_org())
    return out


def network_options(orgs: list[tuple[str, str]], own: str | None) -> list[tuple[str, str]]:
    """The organisation filter's options after "ganze Region": the reader's own office
    first ("unsere Partner"), every other office by name, then the links across the
    border; nothing on an instance of one office."""
    if not orgs:
        return []
    mine = [(slug, _("unsere Partner (%(name)s)", name=name)) for slug, name in orgs if slug == own]
    others = [(slug, _("Partner: %(name)s", name=name)) for slug, name in orgs if slug != own]
    return [*mine, *others, (graph_filters.ACROSS, _(ACROSS_TITLE))]
