"""Searching, filtering, sorting and paging the record lists, and autocomplete.

Search uses the full-text indexes of the schema (``search_records``, which includes the
street address and postcode of actors, ``search_persons``, ``search_vocabulary``), whose
``standard-folding`` analyzer makes
"muller" find "Müller". User input never reaches Lucene's query syntax unescaped: it is split
into words, each word is folded like the index folds it (wildcard terms are not analysed by
Lucene, so "Mül*" would otherwise find nothing), escaped, and turned into a prefix term.

Search must not be an oracle for fields the caller may not read: persons are searched in
``search_persons`` (with e-mail) only for callers with the contacts grant
(``contacts=True``), everyone else searches ``search_persons_names`` (names and function).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core.codec import from_store
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS, N, Node
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.values import Page, window, without_format
from netzwerk.graph.records import visibility

LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
MAX_QUERY = 200
"""Longer input is cut: nobody types more into a search box, and Lucene has clause limits."""
MAX_TERMS = 8

INDEX_OF: dict[str, str] = {
    "Actor": "search_records",
    "Alliance": "search_records",
    "Project": "search_records",
    "Person": "search_persons",
    "Topic": "search_vocabulary",
    "Stage": "search_vocabulary",
    "TargetGroup": "search_vocabulary",
    "Region": "search_vocabulary",
}
PUBLIC_INDEX_OF: dict[str, str] = {**INDEX_OF, "Person": "search_persons_names"}
"""The indexes for callers without the contacts grant: no contact data in any of them."""


def _index(label: str, contacts: bool) -> str:
    return (INDEX_OF if contacts else PUBLIC_INDEX_OF)[label]


SORT_FIELDS: dict[str, tuple[str, ...]] = {
    "Actor": ("name", "kind", "town", "updated", "created"),
    "Person": ("last_name", "first_name", "function", "updated", "created"),
    "Alliance": ("name", "founded", "updated", "created"),
    "Project": ("name", "start", "end", "status", "updated", "created"),
    "Topic": ("name", "updated"),
    "Stage": ("order", "name"),
    "TargetGroup": ("name", "updated"),
    "Region": ("name", "kind"),
}
FILTERS: tuple[str, ...] = (
    "kind",
    "status",
    "topic",
    "stage",
    "target_group",
    "region",
    "alliance",
    "actor",
)


def escape_lucene(text: str) -> str:
    """Backslash-escape every character Lucene's query parser treats as syntax."""
    out = "".join("\\" + ch if ch in LUCENE_SPECIAL else ch for ch in text)
    # AND/OR/NOT are operators only in upper case; the folded terms are lower case anyway.
    return out


def index_fold(text: str) -> str:
    """Lower-case and strip accents the way the full-text index's ASCII folding does
    (ü→u, ß→ss), so a typed word meets the indexed one. Not
    :func:`netzwerk.graph.core.values.fold`, the comparison form of names (ü→ue)."""
    text = unicodedata.normalize("NFKD", without_format(text).lower().replace("ß", "ss"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def terms(text: str | None) -> list[str]:
    """The folded words of a search input (letters and digits only, at most 8)."""
    if not text:
        return []
    words = re.findall(r"\w+", index_fold(str(text)[:MAX_QUERY]))
    return [w for w in words if w][:MAX_TERMS]


ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "vhs": ("volkshochschule",),
    "kvhs": ("kreisvolkshochschule",),
    "bbs": ("berufsbildende schule",),
    "igs": ("integrierte gesamtschule",),
    "kita": ("kindertagesstatte", "kindergarten"),
    "ihk": ("industrie handelskammer",),
    "hwk": ("handwerkskammer",),
    "jmd": ("jugendmigrationsdienst",),
    "afa": ("agentur arbeit",),
    "ba": ("agentur arbeit",),
}
"""Abbreviations offices write for the names they search: "VHS" finds every Volkshochschule
(folded like the index folds, words of a long form must all match)."""
INFIX_MIN = 3
"""Words this long also match inside a word: German compounds ("Kreisvolkshochschule" for
"volkshochschule", "Grundschule" for "schule"); prefix matches rank first."""


def _term(word: str, prefix: bool) -> str:
    w = escape_lucene(word)
    if not prefix:
        return w
    if len(word) < INFIX_MIN:
        return f"{w}*"
    return f"({w}*^3 OR *{w}*)"


def _with_abbreviations(word: str, prefix: bool) -> str:
    options = [_term(word, prefix)]
    for long in ABBREVIATIONS.get(word, ()):
        parts = [_term(w, prefix) for w in long.split()]
        options.append(parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")")
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


def lucene_query(text: str | None, *, any_term: bool = False, prefix: bool = True) -> str | None:
    """A safe Lucene query for user input, or None when there is nothing to search for.

    All words must match (``AND``) unless ``any_term``; every word matches as a prefix
    (``Gymn`` → Gymnasium, so results appear while typing) and, from three letters on,
    inside a compound word; known abbreviations match their long form too.
    """
    words = terms(text)
    if not words:
        return None
    parts = [_with_abbreviations(w, prefix) for w in words]
    return (" OR " if any_term else " AND ").join(parts)


@dataclass
class Filters:
    """What a list is narrowed to; every value is an id or a choice, or None."""

    q: str | None = None
    kind: str | None = None
    status: str | None = None
    topic: str | None = None
    stage: str | None = None
    target_group: str | None = None
    region: str | None = None
    alliance: str | None = None
    actor: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        """Query parameters; kind and status share one dynamic-key filter in Cypher."""
        out = {name: (getattr(self, name) or None) for name in FILTERS[2:]}
        field_name, value = ("status", self.status) if self.status else ("kind", self.kind)
        out.update(choice_field=field_name, choice=value or None)
        return out


@dataclass
class Hit:
    """One record of a list with the counts shown beside it."""

    node: Node
    cooperations: int = 0
    members: int = 0
    persons: int = 0
    actors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


def search(
    store: Store,
    cls: type[N],
    filters: Filters | None = None,
    *,
    order_by: str | None = None,
    descending: bool = False,
    skip: int = 0,
    limit: int = 25,
    contacts: bool = False,
) -> Page[Hit]:
    """A page of records of ``cls`` matching ``filters``.

    With a search text and no explicit ``order_by`` the best matches come first. The text
    matches persons' e-mail addresses only with ``contacts`` (the caller may read them).
    Raises :class:`ValidationError` for an unknown sort field.
    """
    label = cls.LABEL
    if LABELS.get(label) is not cls:
        raise TypeError(f"{cls!r} is not a node kind")
    filters = filters or Filters()
    allowed = SORT_FIELDS[label]
    q = lucene_query(filters.q)
    by_score = q is not None and not order_by
    order = order_by or allowed[0]
    if order not in allowed:
        raise ValidationError(
            [
                FieldError.said(
                    "sort",
                    N_("unbekanntes Sortierfeld „%(order)s“ (erlaubt: %(values)s)"),
                    order=order,
                    values=", ".join(allowed),
                )
            ]
        )
    skip, limit = window(skip, limit, 500)
    rows = store.read(
        "records/search",
        {"label": label, "order": order},
        q=q,
        index=_index(label, contacts),
        by_score=by_score,
        descending=bool(descending),
        skip=skip,
        limit=limit,
        reader=visibility.reader(),
        **filters.params(),
    )
    row: dict[str, Any] = rows[0] if rows else {"total": 0, "items": []}
    hits = [
        Hit(
            node=from_store(cls, item),
            cooperations=item.get("_cooperations", 0),
            members=item.get("_members", 0),
            persons=item.get("_persons", 0),
            actors=[a for a in item.get("_actors", []) if a],
            topics=sorted(t for t in item.get("_topics", []) if t),
        )
        for item in row["items"]
    ]
    return Page(items=hits, total=int(row["total"]), skip=skip, limit=limit)


@dataclass
class Suggestion:
    """One autocomplete entry: enough to show and to link, never contact data."""

    id: str
    label: str
    name: str
    hint: str = ""


def suggest(
    store: Store, text: str | None, labels: list[str], limit: int = 10, *, contacts: bool = False
) -> list[Suggestion]:
    """Records of ``labels`` whose words start with what was typed, best first (persons'
    e-mail addresses count only with ``contacts``, as in :func:`search`)."""
    wanted = [lb for lb in labels if lb in LABELS]
    q = lucene_query(text)
    if not wanted or q is None:
        return []
    out: list[Suggestion] = []
    for index in dict.fromkeys(_index(lb, contacts) for lb in wanted):
        rows = store.read(
            "records/suggest",
            index=index,
            q=q,
            labels=wanted,
            limit=min(max(1, limit), 50),
            reader=visibility.reader(),
        )
        out += [
            Suggestion(
                id=r["id"], label=r["label"], name=r["name"] or r["id"], hint=r["hint"] or ""
            )
            for r in rows
        ]
    return out[:limit]
