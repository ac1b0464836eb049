"""What the analysis pages share: the filter, the cached report, the community resolution
and the comparison with an earlier day, read from the query string.

Used by the blueprints :mod:`netzwerk.web.gaps` and :mod:`netzwerk.web.measures`; knows
nothing of routes.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import Any

from flask import request
from flask_babel import gettext as _

from netzwerk.graph.analysis import change, communities, source
from netzwerk.graph.analysis._util import vocab as vocab_of
from netzwerk.graph.analysis.scope import of_selection
from netzwerk.graph.network import snapshot
from netzwerk.web import filters
from netzwerk.web.extensions import get_store

SHOW = 12  # rows per list on the overview; the rest is in the downloads


def resolution(errors: list[str]) -> float | None:
    """The community resolution from ``?aufloesung=`` (None: suited to the network's size);
    a bad value is reported in ``errors`` and ignored."""
    raw = (request.args.get("aufloesung") or "").strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not communities.MIN_RESOLUTION <= value <= communities.MAX_RESOLUTION:
        errors.append(
            _(
                "Auflösung „%(value)s“: bitte eine Zahl von %(lo)s bis %(hi)s; es gilt der "
                "Standardwert.",
                value=raw[:20],
                lo=communities.MIN_RESOLUTION,
                hi=int(communities.MAX_RESOLUTION),
            )
        )
        return None
    return value


def load() -> tuple[filters.ParsedFilter, source.Loaded, Any]:
    """The shared filter, the filtered graph and its cached gap report (also used by the
    pages of :mod:`netzwerk.web.measures`)."""
    store = get_store()
    snap = snapshot.current(store)
    parsed = filters.parse(request.args, snap.vocabulary)
    data, rep = source.report(store, parsed.flt, resolution=resolution(parsed.errors))
    return parsed, data, rep


def context(parsed: filters.ParsedFilter, data: source.Loaded, rep: Any) -> dict[str, Any]:
    """What every analysis template gets: filter, graph, vocabulary, report, helpers."""
    g = data.graph
    v = vocab_of(g)

    def name(n: Any) -> str:
        return str(g.nodes[n].get("name", n)) if n in g else str(n)

    return {
        "f": parsed,
        "choices": filters.choices(data.snapshot.vocabulary),
        "g": g,
        "v": v,
        "rep": rep,
        "scope": of_selection(data.snapshot, data.flt, g),
        "name": name,
        "show": SHOW,
        "profiles": data.profiles,
        "resolution": request.args.get("aufloesung", ""),
    }


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def earlier_day(later: date, errors: list[str]) -> date:
    """The earlier day of a comparison from ``?von=`` (default: one year before)."""
    raw = (request.args.get("von") or "").strip()
    default = _year_before(later)
    if not raw:
        return default
    try:
        day = date.fromisoformat(raw)
        if not 1900 <= day.year <= 2200:
            raise ValueError(raw)
    except ValueError:
        errors.append(
            _("Vergleichstag „%(value)s“ ist kein gültiges Datum (JJJJ-MM-TT).", value=raw[:40])
        )
        return default
    if day >= later:
        errors.append(_("Der Vergleichstag muss vor dem Stichtag liegen."))
        return default
    return day


def change_context() -> dict[str, Any]:
    """Everything the change page and the report's change section show."""
    parsed, data, rep = load()
    later = parsed.flt.as_of or date.today()
    earlier = earlier_day(later, parsed.errors)
    before_data, before_rep = source.report(
        get_store(), replace(parsed.flt, as_of=earlier), resolution=resolution([])
    )
    ch = change.compare((earlier, before_data.graph, before_rep), (later, data.graph, rep))
    names = {
        **{v: d.get("name", v) for v, d in before_data.graph.nodes(data=True)},
        **{v: d.get("name", v) for v, d in data.graph.nodes(data=True)},
    }
    return {
        "change": ch,
        "names": names,
        "von": earlier.isoformat(),
        "before_graph": before_data.graph,
        **context(parsed, data, rep),
    }
