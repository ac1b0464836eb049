"""Property-based fuzzing of the picture/gap filter parser: any query string yields a
filter plus messages, never an exception, and only known values pass through."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.web import filters
from tests.conftest import HOSTILE_CORPUS

value = st.one_of(
    st.text(max_size=200),
    st.sampled_from(HOSTILE_CORPUS),
    st.sampled_from([*graph.ACTOR_KINDS, *graph.COOPERATION_KINDS, "2024-02-30", "actor-1"]),
    st.dates().map(date.isoformat),
)
pairs = st.lists(st.tuples(st.sampled_from([*filters.PARAMS, "x", ""]), value), max_size=12)


@settings(max_examples=300, deadline=None)
@given(items=pairs)
def test_parse_never_fails_and_keeps_only_known_values(items: list[tuple[str, str]]) -> None:
    parsed = filters.parse(MultiDict(items))
    flt = parsed.flt
    assert set(flt.actor_kinds) <= set(graph.ACTOR_KINDS)
    assert set(flt.cooperation_kinds) <= set(graph.COOPERATION_KINDS)
    assert flt.as_of is not None and 1900 <= flt.as_of.year <= 2200
    for key in filters.ID_FIELDS:
        chosen = getattr(flt, key)
        assert chosen == "" or validation.is_valid_id(chosen)
    assert all(isinstance(m, str) and len(m) < 400 for m in parsed.errors)
    # The query string it writes back parses to the same filter (links keep the filter).
    again = filters.parse(MultiDict(_pairs(parsed.query())))
    assert again.flt == flt


def _pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)
