"""No query reads persons without the reader's organisation unless it is allowed to.

The walk reads every shipped ``cypher/**/*.cypher`` with all placeholders set to ``Person``
(the worst label a generic query may be run with) and fails on a person-reading query that
neither declares ``$reader`` nor is on the reviewed allow-list; the loader refuses the same
queries at run time.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netzwerk.graph.core import person_scope, queries
from netzwerk.graph.core.model import LABELS, LINK_TYPES

_PLACEHOLDER = re.compile(r"__[A-Z]+__")


def _as_person(name: str) -> str:
    return _PLACEHOLDER.sub("Person", queries.load(name))


def test_every_person_reading_query_takes_the_reader_or_is_allowed() -> None:
    names = queries.names()
    assert len(names) > 100
    unscoped = [
        name
        for name in names
        if person_scope.reads_persons(_as_person(name))
        and not person_scope.declares_reader(_as_person(name))
        and not person_scope.allowed(name)
    ]
    assert unscoped == [], f"queries reading persons without $reader: {unscoped}"


def test_every_query_declaring_the_reader_filters_persons_by_it() -> None:
    """``$reader`` named only in a comment, or never compared, would pass the walk."""
    for name in queries.names():
        code = person_scope.code_of(queries.load(name))
        if person_scope.declares_reader(code):
            assert "$reader IS NULL" in code, f"{name} takes $reader but never tests it"


def test_the_allow_list_names_existing_queries_with_a_reason() -> None:
    names = set(queries.names())
    for name, reason in person_scope.UNSCOPED.items():
        assert name in names, f"{name} is allowed but does not exist"
        assert len(reason) > 20, name
    areas = {n.split("/", 1)[0] for n in names}
    assert set(person_scope.WHOLE_AREAS) <= areas


def test_the_allow_list_stays_short() -> None:
    """Growing it is a decision for review, not a way around the walk."""
    assert len(person_scope.UNSCOPED) <= 40


def test_the_loader_refuses_a_generic_query_run_for_persons() -> None:
    """``links/list`` is fine for actors' memberships and would have listed every person's
    employer; it takes the reader, so both render, and a query that forgot it does not."""
    assert "MEMBER_OF" in queries.render("links/list", type="MEMBER_OF")
    assert "WORKS_AT" in queries.render("links/list", type="WORKS_AT")
    with pytest.raises(person_scope.UnscopedPersonQuery, match="reads persons"):
        person_scope.check("records/new_list", "MATCH (p:Person) RETURN p.email")
    person_scope.check("records/new_list", "MATCH (a:Actor) RETURN a.email")
    person_scope.check("nodes/update", "MATCH (p:Person {id: $id}) SET p += $props")


@given(
    label=st.sampled_from(sorted(LABELS)),
    type_=st.sampled_from(sorted(LINK_TYPES)),
    spaces=st.text(alphabet=" \t\n", max_size=3),
)
def test_reads_persons_sees_every_way_to_name_a_person(label: str, type_: str, spaces: str) -> None:
    node = f"MATCH (n:{spaces}{label}) RETURN n"
    link = f"MATCH (a)-[r:{spaces}{type_}]->(b) RETURN r"
    either = f"MATCH (n:Actor|{label}) RETURN n"
    assert person_scope.reads_persons(node) is (label == "Person")
    assert person_scope.reads_persons(link) is (type_ in ("WORKS_AT", "CONTACT_FOR"))
    assert person_scope.reads_persons(either) is (label == "Person")
    assert not person_scope.reads_persons(f"// MATCH (n:Person)\n{node.replace(label, 'X')}")


def test_a_person_field_reached_without_the_label_reads_persons() -> None:
    """``-[r]-(m)`` with the types as a parameter reaches persons without naming them."""
    generic = "MATCH (a:Actor {id: $id})-[r]-(m) WHERE type(r) IN $types RETURN m."
    assert person_scope.reads_persons(generic + "last_name")
    assert person_scope.reads_persons(generic + "consent_contact_date")
    assert not person_scope.reads_persons(generic + "name")
    assert not person_scope.reads_persons("MATCH (s:Survey) RETURN s.title")
    assert "email" not in person_scope.PERSON_FIELDS, "actors have e-mail addresses too"
