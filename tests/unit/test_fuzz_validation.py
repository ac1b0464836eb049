"""Property-based fuzzing of the validators: any input ends in a cleaned record or a
ValidationError with German field messages — never another exception, never a value
that breaks the invariants the store relies on."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.graph.core.errors import ValidationError
from tests.conftest import HOSTILE_CORPUS

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
text = st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE_CORPUS))
anything = st.one_of(
    text,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(),
    st.lists(st.integers(), max_size=3),
)


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name not in ("created", "updated")]


def _strategy(cls: type, name: str) -> st.SearchStrategy[object]:
    """Values of the field's declared type (the web layer converts to these first), with
    hostile content: the validators' contract is about content, not about types."""
    hint = str(next(f.type for f in dataclasses.fields(cls) if f.name == name))
    if "date" in hint:
        return st.one_of(st.none(), st.dates())
    if "bool" in hint:
        return st.booleans()
    if "int" in hint:
        return st.one_of(st.none(), st.integers()) if "None" in hint else st.integers()
    return text


@FUZZ
@given(
    cls=st.sampled_from([graph.Actor, graph.Person, graph.Alliance, graph.Project, graph.Topic]),
    data=st.data(),
)
def test_validate_node_total(cls: type, data: st.DataObject) -> None:
    values = {name: data.draw(_strategy(cls, name), label=name) for name in _fields(cls)}
    obj = cls(**values)
    try:
        cleaned = validation.validate_node(obj)
    except ValidationError as err:
        assert err.errors and all(e.field and e.message for e in err.errors)
        return
    for name in _fields(cls):
        value = getattr(cleaned, name)
        if isinstance(value, str):
            assert "\x00" not in value and len(value) <= 20_000
            assert value == value.strip()


@FUZZ
@given(value=anything)
def test_parse_date_total(value: object) -> None:
    try:
        parsed = validation.parse_date(value, "since")
    except ValidationError as err:
        assert err.errors[0].field == "since"
        return
    assert parsed is None or isinstance(parsed, date)


@FUZZ
@given(value=text)
def test_ids_are_safe_tokens(value: str) -> None:
    if validation.is_valid_id(value):
        assert value.isascii() and "/" not in value and " " not in value and len(value) < 200


@FUZZ
@given(
    type_name=st.one_of(st.sampled_from(sorted(graph.LINK_TYPES)), text),
    from_id=text,
    to_id=text,
    kind=text,
    intensity=st.one_of(st.none(), st.integers()),
    since=anything,
)
def test_validate_link_total(
    type_name: str, from_id: str, to_id: str, kind: str, intensity: int | None, since: object
) -> None:
    link = graph.Link(type=type_name, from_id=from_id, to_id=to_id, kind=kind, intensity=intensity)
    link.since = since  # type: ignore[assignment]  # deliberately any value: validation must refuse
    try:
        validation.validate_link(link)
    except ValidationError as err:
        assert err.errors
