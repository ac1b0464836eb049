"""The one filter: its stored form, its query parameters, the German aliases, strict mode."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qsl, urlencode

import pytest
from flask import Flask
from flask_babel import Babel
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from netzwerk import graph
from netzwerk.graph.network.filters import LEGACY_PARAMS, Filter, canonical_pairs
from netzwerk.graph.personal import contacts
from netzwerk.web import filters
from tests.conftest import HOSTILE_CORPUS

ids = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
filters_st = st.builds(
    Filter,
    alliance=st.one_of(st.just(""), ids),
    region=st.one_of(st.just(""), ids),
    stage=st.one_of(st.just(""), ids),
    actor_kinds=st.lists(st.sampled_from(graph.ACTOR_KINDS), max_size=3, unique=True).map(tuple),
    cooperation_kinds=st.lists(st.sampled_from(graph.COOPERATION_KINDS), max_size=2).map(tuple),
    as_of=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))),
    function=st.text(max_size=30).map(str.strip),
)


def test_picture_and_contact_filters_are_one_type() -> None:
    assert Filter is Filter
    assert contacts.ContactFilter is Filter


@settings(max_examples=200, deadline=None)
@given(flt=filters_st)
def test_stored_form_reads_back_the_same_filter(flt: Filter) -> None:
    stored = json.loads(json.dumps(flt.describe()))  # as a saved view keeps it
    assert Filter.from_description(stored) == flt


@settings(max_examples=200, deadline=None)
@given(flt=filters_st)
def test_query_parameters_parse_back_to_the_same_filter(flt: Filter) -> None:
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        parsed = filters.parse(MultiDict(parse_qsl(urlencode(flt.params()))))
    expected = flt if flt.as_of else flt.on(date.today())
    assert parsed.flt == expected
    assert not parsed.errors


def test_stored_filters_from_older_versions_open_without_their_junk() -> None:
    flt = Filter.from_description(
        {"region": "r-1", "as_of": "2024-02-30", "actor_kinds": ["Schule", 3], "colour": "x"}
    )
    assert flt == Filter(region="r-1", actor_kinds=("Schule",))
    assert Filter.from_description({"alliance": 5, "actor_kinds": "Schule"}) == Filter()


def test_german_names_of_old_bookmarks_are_renamed() -> None:
    pairs, renamed = canonical_pairs(
        [("buendnis", "a-1"), ("art", "Schule"), ("art", "Kita"), ("x", "1"), ("stichtag", "d")]
    )
    assert renamed
    assert pairs == [
        ("alliance", "a-1"),
        ("kind", "Schule"),
        ("kind", "Kita"),
        ("x", "1"),
        ("as_of", "d"),
    ]
    assert canonical_pairs([("region", "r")]) == ([("region", "r")], False)
    # where both spellings are given, the current one wins
    assert canonical_pairs([("stufe", "old"), ("stage", "new")])[0] == [("stage", "new")]
    assert set(LEGACY_PARAMS.values()) >= {"alliance", "stage", "kind", "as_of", "coop_kind"}


def test_contact_exports_keep_wrong_values_instead_of_widening() -> None:
    app = Flask(__name__)
    Babel(app)
    args = MultiDict([("alliance", "<b>"), ("kind", "Raumschiff"), ("funktion", "Leitung")])
    with app.test_request_context():
        lenient = filters.parse(args)
        strict = filters.parse(args, dated=False, strict=True)
    assert lenient.flt.alliance == "" and lenient.flt.actor_kinds == ()
    assert strict.flt.alliance == "<b>" and strict.flt.actor_kinds == ("Raumschiff",)
    assert strict.flt.as_of is None and strict.flt.function == "Leitung"
    assert len(strict.errors) == 2
    with pytest.raises(graph.ValidationError) as refused:  # refused, not widened to everyone
        contacts.check_filter(strict.flt)
    assert {e.field for e in refused.value.errors} == {"alliance", "actor_kinds"}


@settings(max_examples=150, deadline=None)
@given(
    items=st.lists(
        st.tuples(
            st.sampled_from([*LEGACY_PARAMS, *filters.PARAMS]),
            st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE_CORPUS)),
        ),
        max_size=10,
    )
)
def test_old_and_new_names_never_fail(items: list[tuple[str, str]]) -> None:
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        parsed = filters.parse(MultiDict(items))
    assert set(parsed.flt.actor_kinds) <= set(graph.ACTOR_KINDS)
    assert parsed.flt.as_of is not None and 1900 <= parsed.flt.as_of.year <= 2200


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1)


@settings(max_examples=200, deadline=None)
@given(regions=st.dictionaries(ids, names, min_size=1, max_size=6), data=st.data())
def test_records_are_named_by_id_or_by_name_in_any_case(regions, data) -> None:
    """The filter of the CLI and the notebook: an id, or a name however it is cased, selects
    that record (the first of equal names); anything else is a German error, not everyone."""
    from netzwerk.graph.network import filters as graph_filters
    from netzwerk.graph.network.snapshot import Vocabulary

    vocab = Vocabulary(regions=regions)
    rid = data.draw(st.sampled_from(sorted(regions)))
    by_id = graph_filters.by_names(vocab, {"region": rid})
    assert by_id.region == rid and by_id.actor_kinds == () and by_id.as_of is None
    typed = data.draw(st.sampled_from([str.upper, str.lower, str.casefold, str.title]))
    name = typed(regions[rid])
    if name.casefold() == regions[rid].casefold():  # ß → SS and the like fold differently
        found = graph_filters.by_names(vocab, {"region": name}).region
        assert regions.get(found, found).casefold() == name.casefold() or found == name
    unknown = data.draw(names.filter(lambda s: vocab.id_of("region", s) is None))
    with pytest.raises(graph.ValidationError) as caught:
        graph_filters.by_names(vocab, {"region": unknown}, kinds=("Raumschiff",))
    assert caught.value.by_field() == {
        "region": [f"Region „{unknown}“ gibt es nicht."],
        "kind": ["Akteursart „Raumschiff“ gibt es nicht."],
    }
