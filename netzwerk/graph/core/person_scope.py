"""Which named queries may read persons without the reader's organisation.

Each office is its own data controller: a reader sees only the persons of their own
organisation (``records/visibility``). That rule used to live in each query that remembered
it, and a new query that forgot it leaked another office's contact persons. Here it is one
rule checked where every query is loaded (:func:`netzwerk.graph.core.queries.render`): a
query whose text, with its placeholders filled, touches persons — the label ``Person`` or a
relationship type that ends at a person (``WORKS_AT``, ``CONTACT_FOR``) or a field only a
person has (:data:`PERSON_FIELDS`) — must declare the
``$reader`` parameter (and filter by it), or be named in :data:`UNSCOPED` with the reason it
may read every person. The check runs on the rendered text, so a generic query
(``nodes/get`` with ``__LABEL__``) is checked for the label it is actually run with;
``tests/unit/test_person_scope.py`` walks every file with all placeholders set to ``Person``.

:data:`UNSCOPED` is short and reviewed: the write path (its use cases check ownership inside
their transaction before they write), schema upgrades and maintenance that run for the
whole instance, and counts from the count store that name nobody.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from netzwerk.graph.core.model import NODE_CLASSES, Person

PERSON_TYPES: tuple[str, ...] = ("Person", "WORKS_AT", "CONTACT_FOR")
"""The label of persons and the relationship types that reach a person."""

_SHARED_NAMES = ("title", "function")
"""Person fields whose names other things carry too (a survey's title, a WORKS_AT's
function): reading them says nothing about persons."""
PERSON_FIELDS: tuple[str, ...] = tuple(
    sorted(
        {f.name for f in dataclasses.fields(Person)}
        - {f.name for cls in NODE_CLASSES if cls is not Person for f in dataclasses.fields(cls)}
        - set(_SHARED_NAMES)
    )
)
"""The fields only a person has (names, consent, legal basis): a query reading one of them
reads persons even when it reaches them without their label (``-[r]-(m)`` with the types
as a parameter)."""

_PERSON = re.compile(
    r"[:|]\s*`?(?:" + "|".join(PERSON_TYPES) + r")\b|\.(?:" + "|".join(PERSON_FIELDS) + r")\b"
)
_READER = re.compile(r"\$reader\b")
_COMMENT = re.compile(r"//[^\n]*")

WHOLE_AREAS: dict[str, str] = {
    "schema": "constraints and indexes, run once per start for the whole database",
    "migrations": "data upgrades, run once per database for every record",
    "bulk": "seed, import and restore loads: batched writes of the write path",
    "backup": "backup and restore of the whole instance, an instance admin's work",
}
"""Query folders that work on the whole instance, with the reason."""

UNSCOPED: dict[str, str] = {
    # the write path: ownership is checked in the use case's transaction before these run
    "nodes/create": "write path: creates the record the use case was given",
    "nodes/update": "write path: the use case checked ownership in this transaction",
    "nodes/delete": "write path: the use case checked ownership in this transaction",
    "nodes/restore": "write path: undo of the acting office's own deletion",
    "links/create": "write path: the link use case checked both ends' owners",
    "links/update": "write path: the link use case checked both ends' owners",
    "links/delete": "write path: the link use case checked both ends' owners",
    "links/restore_many": "write path: undo of a changeset or deletion",
    "merge/absorb_link": "write path: the merge use case checked both actors' owners",
    "merge/move_link": "write path: the merge use case checked both actors' owners",
    "merge/links_of": "write path: the relationships a merge moves, by id into its history",
    "imports/current_nodes": "write path: the changeset runner's three-way base read",
    "imports/current_links": "write path: the changeset runner's three-way base read",
    "imports/delete_nodes": "write path: rollback of a changeset's own records",
    "imports/delete_links": "write path: rollback of a changeset's own links",
    "imports/delete_untouched_nodes": "write path: undo of a changeset's own untouched records",
    "imports/delete_untouched_links": "write path: undo of a changeset's own untouched links",
    "imports/revert_nodes": "write path: undo by value of a changeset",
    "imports/revert_links": "write path: undo by value of a changeset",
    "imports/write_links": "write path: the changeset runner writes its journal",
    "imports/links_between": "write path: the changeset runner finds existing links",
    "imports/node_links": "write path: undo checks the links a changeset wrote",
    "consent/create": "write path: a consent record of a person the use case holds",
    "consent/create_review": "write path: a Löschkonzept review of a person",
    "consent/take_pending": "write path: the person's own confirmation link",
    "consent/read_pending": "the confirmation page of the person's own link, no login",
    "surveys/contact_roles": "write path: the survey review's accept ends contact roles",
    "organisations/check": "ownership check: reads only org and co_orgs of named records",
    "organisations/owners": "ownership check: reads only org and co_orgs of named records",
    "organisations/link_ends": "ownership check: reads only org and co_orgs of link ends",
    "organisations/set_owners": "write path: the handover checked the owner in this transaction",
    # the data subject's rights and erasure: by id, after the caller found the person
    "privacy/erase_person": "write path: erasure of one person under Art. 17",
    "privacy/person_links": "Auskunft of one person the caller already found by id",
    # counts from the count store, naming nobody
    "stats/counts": "count store totals for the status and metrics pages",
}
"""Queries that may read persons of every organisation, each with the reason."""


class UnscopedPersonQuery(RuntimeError):
    """A query touches persons but neither filters by ``$reader`` nor is allowed to."""


def code_of(text: str) -> str:
    """``text`` without its ``//`` comments (the header names persons in prose)."""
    return _COMMENT.sub("", text)


def reads_persons(text: str) -> bool:
    """Does the query touch persons (their label or a relationship that reaches one)?"""
    return bool(_PERSON.search(code_of(text)))


def declares_reader(text: str) -> bool:
    """Does the query take the reader's organisation as ``$reader``?"""
    return bool(_READER.search(code_of(text)))


def allowed(name: str) -> bool:
    """Is ``name`` allowed to read every person (whole-instance area or :data:`UNSCOPED`)?"""
    return name in UNSCOPED or name.split("/", 1)[0] in WHOLE_AREAS


@cache
def _unscoped(name: str, text: str) -> bool:
    # cached: the texts are the shipped files with whitelisted placeholders, a few hundred
    return not allowed(name) and reads_persons(text) and not declares_reader(text)


def check(name: str, text: str) -> None:
    """Refuse to run ``name`` if it reads persons without ``$reader`` and is not allowed."""
    if not _unscoped(name, text):
        return
    raise UnscopedPersonQuery(
        f"query {name!r} reads persons but takes no $reader: filter by the reader's "
        "organisation (see nodes/get.cypher) or add it with a reason to "
        "netzwerk.graph.core.person_scope.UNSCOPED"
    )
