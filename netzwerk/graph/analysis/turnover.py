"""Who and what came and went between two days: actors, cooperations and memberships.

The network's own dates (since/until of cooperations and memberships) rebuild it as it was
on any day (:mod:`netzwerk.graph.analysis.change`), but they miss what was only *recorded*:
a cooperation entered last month without a start date counts as always there, and a
deleted actor or relationship is gone from the data. The change history keeps both, so a
comparison joins the two sources:

* an **actor** is added when it was created (or restored) after the earlier day and still
  exists, ended when it was deleted since and not restored;
* a **cooperation** is added when it is active on the later day and was not on the earlier
  one, or was entered since; ended when it was active on the earlier day and is not on the
  later one, or was removed since;
* a **membership** the same way, per alliance; a membership ended and begun again within
  the two days is no change.

Pure: the two days' graphs, the current memberships and the history entries in, a
:class:`Turnover` out. Each relationship change is recorded on both ends; only the entry on
its start end (``direction == "out"``) is read, so each is counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import networkx as nx

from netzwerk.graph.network.snapshot import active_on

RECORD_ACTIONS = frozenset({"create", "delete", "restore"})
ADDED, REMOVED = frozenset({"create", "restore", "link"}), frozenset({"delete", "unlink"})


class Entry(Protocol):
    """What is read of a history entry (:class:`netzwerk.graph.records.history.Change`)."""

    action: str
    record_id: str
    record_name: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class Membership:
    """One alliance's joined and departed members (names, sorted)."""

    alliance: str
    joined: list[str]
    left: list[str]


@dataclass
class Turnover:
    earlier: date
    later: date
    actors_added: list[str] = field(default_factory=list)
    actors_ended: list[str] = field(default_factory=list)
    links_added: list[tuple[str, str]] = field(default_factory=list)
    links_ended: list[tuple[str, str]] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.actors_added
            or self.actors_ended
            or self.links_added
            or self.links_ended
            or self.memberships
        )


@dataclass(frozen=True)
class _Span:
    """What the entries of one record or relationship say: did it exist before the first
    and after the last of them, and its names."""

    before: bool
    after: bool
    ends: tuple[str, str]
    names: tuple[str, str]


def _spans(entries: Iterable[Entry], link_type: str | None) -> dict[str, _Span]:
    """Per record (``link_type`` None) or relationship id: existence before and after."""
    first: dict[str, Entry] = {}
    last: dict[str, Entry] = {}
    for e in entries:
        link = e.changes.get("link")
        if link_type is None:
            if e.action not in RECORD_ACTIONS or isinstance(link, dict):
                continue
            key = e.record_id
        else:
            if not isinstance(link, dict) or link.get("type") != link_type:
                continue
            if link.get("direction") != "out" or e.action not in ("link", "unlink"):
                continue
            key = str(link.get("id") or "")
        first.setdefault(key, e)
        last[key] = e
    out = {}
    for key, e in first.items():
        link = e.changes.get("link") or {}
        other = str(link.get("other", ""))
        other_name = str(link.get("other_name", "") or other)
        out[key] = _Span(
            before=e.action in REMOVED,
            after=last[key].action in ADDED,
            ends=(e.record_id, other),
            names=(e.record_name or e.record_id, other_name),
        )
    return out


def _ordered(names: Iterable[str]) -> list[str]:
    return sorted(set(names), key=str.casefold)


def _pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    tidy = {(min(a, b, key=str.casefold), max(a, b, key=str.casefold)) for a, b in pairs}
    return sorted(tidy, key=lambda p: (p[0].casefold(), p[1].casefold()))


def _edges(g: nx.Graph) -> dict[str, tuple[Any, Any]]:
    return {str(d["id"]): (u, v) for u, v, d in g.edges(data=True) if d.get("id")}


def _actors(
    spans: Mapping[str, _Span], later: nx.Graph, whole: bool
) -> tuple[list[str], list[str]]:
    added = [later.nodes[k].get("name", k) for k, s in spans.items() if s.after and k in later]
    ended = [s.names[0] for s in spans.values() if s.before and not s.after and whole]
    return _ordered(added), _ordered(ended)


def _links(
    spans: Mapping[str, _Span],
    graphs: tuple[nx.Graph, nx.Graph],
    names: Mapping[str, str],
    scope: set[str],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    before, after = _edges(graphs[0]), _edges(graphs[1])
    added = {k: after[k] for k in after.keys() - before.keys()}
    added |= {k: after[k] for k, s in spans.items() if not s.before and k in after}
    ended = {k: before[k] for k in before.keys() - after.keys()}
    named = {**names}
    for k, s in spans.items():
        if s.before and not s.after and k not in after and set(s.ends) <= scope:
            ended[k] = s.ends
            named.setdefault(s.ends[0], s.names[0])
            named.setdefault(s.ends[1], s.names[1])

    def show(pairs: Iterable[tuple[Any, Any]]) -> list[tuple[str, str]]:
        return _pairs((named.get(u, str(u)), named.get(v, str(v))) for u, v in pairs)

    return show(added.values()), show(ended.values())


def _memberships(
    spans: Mapping[str, _Span],
    days: tuple[date, date],
    held: Mapping[str, Sequence[Mapping[str, Any]]],
    scope: set[str],
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(actor, alliance) pairs that began and ended between the two days."""
    joined: set[tuple[str, str]] = set()
    left: set[tuple[str, str]] = set()
    for actor in scope:
        memberships = held.get(actor, ())
        on = [{m["id"] for m in memberships if active_on(dict(m), day)} for day in days]
        joined |= {(actor, a) for a in on[1] - on[0]}
        left |= {(actor, a) for a in on[0] - on[1]}
    for s in spans.values():
        if s.ends[0] not in scope:
            continue
        if s.after and not s.before:
            joined.add(s.ends)
        elif s.before and not s.after:
            left.add(s.ends)
    return joined - left, left - joined


def compare(
    earlier: tuple[date, nx.Graph],
    later: tuple[date, nx.Graph],
    entries: Sequence[Entry],
    memberships: Mapping[str, Sequence[Mapping[str, Any]]],
    alliances: Mapping[str, str],
    *,
    whole: bool = True,
) -> Turnover:
    """What came and went between the ``earlier`` and the ``later`` (day, filtered graph):
    ``entries`` are the history's entries between the two days (oldest first),
    ``memberships`` every actor's alliance memberships (``id`` of the alliance, ``since``,
    ``until``), ``alliances`` their names. Deleted actors can no longer be told apart by a
    filter: they are named only for the ``whole`` network.

    Examples
    --------
    >>> a = nx.Graph(); a.add_edge("s", "k", id="c1")
    >>> b = nx.Graph(); b.add_edge("s", "k", id="c1"); b.add_node("m", name="Museum")
    >>> class E:
    ...     def __init__(self, action, rid, name, changes=None):
    ...         self.action, self.record_id, self.record_name = action, rid, name
    ...         self.changes = changes or {}
    >>> new = E("link", "s", "Schule", {"link": {"type": "COOPERATES_WITH", "id": "c1",
    ...     "other": "k", "other_name": "Kita", "direction": "out"}})
    >>> t = compare((date(2025, 1, 1), a), (date(2026, 1, 1), b),
    ...             [E("create", "m", "Museum"), new], {}, {})
    >>> t.actors_added, t.links_added
    (['Museum'], [('k', 's')])
    """
    (day_a, g_a), (day_b, g_b) = earlier, later
    scope = {str(v) for v in (*g_a.nodes, *g_b.nodes)}
    names = {str(v): str(d.get("name", v)) for g in (g_a, g_b) for v, d in g.nodes(data=True)}
    added, ended = _actors(_spans(entries, None), g_b, whole)
    if whole:
        scope |= {k for k, s in _spans(entries, None).items() if s.before and not s.after}
    links = _links(_spans(entries, "COOPERATES_WITH"), (g_a, g_b), names, scope)
    joined, left = _memberships(_spans(entries, "MEMBER_OF"), (day_a, day_b), memberships, scope)
    by_alliance: dict[str, tuple[list[str], list[str]]] = {}
    for pairs, slot in ((joined, 0), (left, 1)):
        for actor, alliance in pairs:
            if alliance in alliances:
                by_alliance.setdefault(alliance, ([], []))[slot].append(names.get(actor, actor))
    return Turnover(
        day_a,
        day_b,
        added,
        ended,
        *links,
        memberships=sorted(
            (
                Membership(alliances[a], _ordered(j), _ordered(lf))
                for a, (j, lf) in by_alliance.items()
            ),
            key=lambda m: m.alliance.casefold(),
        ),
    )
