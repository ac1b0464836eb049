"""Names with zero-width or other invisible format characters.

A name pasted with a zero-width space, a byte-order mark or a right-to-left override did not
match the stored actor and created a look-alike. Names are stored NFKC-normalised without
format characters (Unicode category Cf), and every comparison form drops them too.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph.core.validation import validate_node
from netzwerk.graph.core.values import fold
from netzwerk.graph.records import duplicates, search

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u202c"]


def test_a_name_is_stored_without_format_characters_and_nfkc() -> None:
    actor = validate_node(
        graph.Actor(name="\ufeffVolks\u200bhoch\u00adschule \u202eTrier\u202c", kind="Schule")
    )
    assert actor.name == "Volkshochschule Trier"
    wide = validate_node(graph.Actor(name="ＶＨＳ Trier", kind="Schule"))
    assert wide.name == "VHS Trier"
    person = validate_node(
        graph.Person(first_name="E\u200dva", last_name="Mü\u2060ller", legal_basis="Einwilligung")
    )
    assert (person.first_name, person.last_name) == ("Eva", "Müller")


def test_notes_keep_what_was_typed() -> None:
    """Only names are normalised this far; free text keeps its characters (NFC)."""
    actor = validate_node(graph.Actor(name="A", kind="Schule", notes="x\u200by ﬁ"))
    assert actor.notes == "x\u200by ﬁ"


@given(
    st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=1, max_size=20),
    st.lists(st.tuples(st.integers(0, 20), st.sampled_from(INVISIBLE)), max_size=5),
)
def test_invisible_characters_never_change_the_comparison_form(
    name: str, inserts: list[tuple[int, str]]
) -> None:
    dirty = name
    for at, ch in inserts:
        dirty = dirty[:at] + ch + dirty[at:]
    assert fold(dirty) == fold(name)
    assert search.index_fold(dirty) == search.index_fold(name)
    assert duplicates.normalise(dirty) == duplicates.normalise(name)
    stored = validate_node(graph.Actor(name=dirty, kind="Schule")).name
    if stored:
        assert not any(unicodedata.category(c) == "Cf" for c in stored)
