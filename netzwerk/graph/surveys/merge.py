"""Two people on one link: how a save made from an older version joins the one stored since.

An organisation's link often reaches several colleagues. Each page carries the version of the
answer it showed and the answer as shown (the *base*); a save whose base is no longer the
stored version is not written over it. Instead the two are merged three-way, field by field,
like the editing conflict page: what only one side changed is kept, what both changed to the
same value is that value, and a field both changed differently is a :class:`Conflict` — the
page shows both values at the field and the respondent decides with the next save.

Lists are merged by identity, not by position: contact persons by id, partners by actor id
(or, for a name typed in, its case-folded name); a row one side added is kept, a row one side
removed goes unless the other side changed it; ticked vocabularies merge as sets.

References
----------
.. [1] S. Khanna, K. Kunal, B. C. Pierce, "A Formal Investigation of Diff3", FSTTCS 2007
   (the three-way merge rule applied here per field).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Path = tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed differently: ``mine`` is in the merged answer (the page
    shows it in the field), ``theirs`` is what the colleague saved meanwhile."""

    path: Path
    mine: Any
    theirs: Any


def _three(path: Path, base: Any, mine: Any, theirs: Any, out: list[Conflict]) -> Any:
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    out.append(Conflict(path, mine, theirs))
    return mine


def _set(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    b, m, t = set(base), set(mine), set(theirs)
    return sorted((t | (m - b)) - (b - m))


def partner_key(row: dict[str, Any]) -> str:
    """A partner row's identity across saves: the actor's id, else the typed name."""
    return str(row.get("actor_id") or "") or "name:" + str(row.get("name") or "").casefold()


def _rows(
    name: str,
    key_of: Any,
    base: list[dict[str, Any]],
    mine: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    out: list[Conflict],
) -> list[dict[str, Any]]:
    """Rows merged by identity, in the colleague's order with my new rows after them."""
    b = {key_of(r): r for r in base}
    m = {key_of(r): r for r in mine}
    t = {key_of(r): r for r in theirs}
    merged: list[dict[str, Any]] = []
    for key in list(t) + [k for k in m if k not in t]:
        in_b, in_m, in_t = key in b, key in m, key in t
        if in_m and in_t:
            base_row = b.get(key, {})
            fields = dict.fromkeys([*t[key], *m[key]])
            merged.append(
                {
                    f: _three((name, key, f), base_row.get(f), m[key].get(f), t[key].get(f), out)
                    for f in fields
                }
            )
        elif in_t:  # I removed it (keep it if they changed it since) or never had it
            if not in_b:
                merged.append(t[key])
            elif t[key] != b[key]:
                out.append(Conflict((name, key), None, t[key]))
                merged.append(t[key])
        elif not in_b:  # I added it
            merged.append(m[key])
        elif m[key] != b[key]:  # they removed it, I changed it: keep mine, ask
            out.append(Conflict((name, key), m[key], None))
            merged.append(m[key])
    return merged


def merge(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[Conflict]]:
    """The three-way merge of two answers saved from the same ``base``, and the conflicts."""
    out: list[Conflict] = []
    merged: dict[str, Any] = {
        "comment": _three(
            ("comment",),
            base.get("comment", ""),
            mine.get("comment", ""),
            theirs.get("comment", ""),
            out,
        )
    }
    if "master" in mine or "master" in theirs:
        bm, mm, tm = (a.get("master") or {} for a in (base, mine, theirs))
        master: dict[str, Any] = {}
        for f in dict.fromkeys([*tm, *mm]):
            if isinstance(mm.get(f, tm.get(f)), list):  # ticked vocabularies: sets
                master[f] = _set(bm.get(f) or [], mm.get(f) or [], tm.get(f) or [])
            else:
                master[f] = _three(("master", f), bm.get(f, ""), mm.get(f, ""), tm.get(f, ""), out)
        merged["master"] = master
    for name, key_of in (("contacts", lambda r: r.get("person_id")), ("partners", partner_key)):
        if name in mine or name in theirs:
            merged[name] = _rows(
                name,
                key_of,
                base.get(name) or [],
                mine.get(name) or [],
                theirs.get(name) or [],
                out,
            )
    return merged, out
