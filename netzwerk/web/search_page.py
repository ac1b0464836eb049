"""One search box for everything: /suche finds actors, persons, alliances, projects and
the vocabularies at once, grouped by kind, each group linking to its full list.

The same search as the lists (``graph.search``: prefix, inside compound words, known
abbreviations), and the same rule about hidden fields: persons match on contact data only
for those who may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from netzwerk.graph.records import search
from netzwerk.web.auth import can_see_contacts, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import KINDS, Kind

bp = Blueprint("search", __name__)
PER_KIND = 8


@dataclass
class Group:
    kind: Kind
    hits: list[search.Hit]
    total: int

    @property
    def more_url(self) -> str:
        return self.kind.url("?" + urlencode({"q": request.args.get("q", "")}))


@bp.get("/suche")
@require_role("viewer")
def page() -> Any:
    q = (request.args.get("q") or "").strip()[: search.MAX_QUERY]
    groups: list[Group] = []
    if search.terms(q):
        store, contacts = get_store(), can_see_contacts()
        for kind in KINDS.values():
            found = search.search(
                store, kind.cls, search.Filters(q=q), limit=PER_KIND, contacts=contacts
            )
            if found.total:
                groups.append(Group(kind, found.items, found.total))
    return render_template("search.html", q=q, groups=groups)
