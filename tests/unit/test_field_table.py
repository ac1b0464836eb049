"""The model's field table drives every place that lists fields.

Adding a field to a kind is one line in :mod:`netzwerk.graph.core.model` (plus its English
label): these tests check that validation, the forms, the OpenAPI description, the import
headers, the workbook columns, the visibility table and the seed builder each cover exactly
the model's fields, so a hand-written list that falls behind fails here.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netzwerk.graph.admin import seed
from netzwerk.graph.core import model, validation
from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.fields import SHORT_MAX, FieldInfo, described, field_table
from netzwerk.graph.core.model import DATA_CLASSES, LINK_TYPES, NODE_CLASSES, Link, Node
from netzwerk.graph.core.values import fold
from netzwerk.graph.imports import fields as import_fields
from netzwerk.graph.records import visibility
from netzwerk.graph.workbook import sheets
from netzwerk.web import forms, openapi

RECORD_FIELDS = {cls.LABEL: list(field_table(cls)) for cls in NODE_CLASSES}


def _domain_fields(cls: type[Node]) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name not in Node.META]


@pytest.mark.parametrize("cls", [*NODE_CLASSES, *DATA_CLASSES, Link], ids=lambda c: c.__name__)
def test_every_domain_field_is_in_the_table(cls: type[Any]) -> None:
    ends = {"type", "from_id", "to_id", "id", "created", "updated", "version"}
    names = [f.name for f in dataclasses.fields(cls) if f.name not in ends and f.compare]
    assert list(field_table(cls)) == names


def test_a_name_has_one_label_everywhere() -> None:
    seen: dict[str, str] = {}
    for cls in (*NODE_CLASSES, *DATA_CLASSES, Link):
        for name, info in field_table(cls).items():
            assert seen.setdefault(name, info.label) == info.label, name
    assert {k: v for k, v in validation.FIELD_LABELS.items() if k in seen} == seen
    # Besides the fields: a relationship's ends and type, an id, the keys of a survey
    # answer's history note (which survey, whose answer) and a survey's texts' history.
    assert set(validation.FIELD_LABELS) - set(seen) == {
        "from_id",
        "to_id",
        "type",
        "id",
        "survey",
        "respondent",
        "intro",
        "consent_wording",
    }


def test_forms_cover_exactly_the_model_fields() -> None:
    assert {label: [s.name for s in specs] for label, specs in forms.NODE_FIELDS.items()} == (
        RECORD_FIELDS
    )
    for label, specs in forms.NODE_FIELDS.items():
        table = field_table(model.LABELS[label])
        for s in specs:
            info = table[s.name]
            assert (s.kind, s.required, s.max_length) == (
                info.widget,
                info.required,
                info.max_length,
            )
            assert [v for v, _ in s.choices if v] == [str(c) for c in info.choices]
            offers_blank = bool(info.choices) and not info.required and info.blank
            assert ("", "–") in s.choices if offers_blank else ("", "–") not in s.choices
    assert {t: tuple(s.name for s in specs) for t, specs in forms.LINK_FIELDS.items()} == {
        t: lt.fields for t, lt in LINK_TYPES.items() if lt.fields
    }


def test_openapi_schemas_take_fields_and_limits_from_the_table() -> None:
    schemas = openapi.spec()["components"]["schemas"]
    for cls in NODE_CLASSES:
        props = schemas[f"{cls.LABEL}Create"]["properties"]
        table = field_table(cls)
        assert list(props) == list(table)
        for name, info in table.items():
            if info.widget not in ("date", "select", "bool", "int"):
                assert props[name]["maxLength"] == info.max_length, (cls.LABEL, name)
        required = schemas[f"{cls.LABEL}Create"]["required"]
        assert set(required) == {n for n, i in table.items() if i.required and i.widget != "select"}
    link = schemas["LinkCreate"]["properties"]
    assert set(link) - {"type", "from_id", "to_id"} == set(field_table(Link))
    assert link["from_id"]["maxLength"] == validation.ID_MAX


@pytest.mark.parametrize(
    ("kind", "cls", "extra"),
    [
        ("actors", model.Actor, set()),
        ("persons", model.Person, {"full_name", "organisation"}),
    ],
)
def test_import_headers_come_from_the_model(kind: str, cls: type[Node], extra: set[str]) -> None:
    table = field_table(cls)
    assert set(import_fields.FIELDS[kind]) == set(table) | extra
    for name, info in table.items():
        assert info.headers, f"{cls.LABEL}.{name} has no import header"
        for header in info.headers:
            assert import_fields.SYNONYMS[kind][fold(header)] == name, (name, header)
        assert import_fields.FIELDS[kind][name] == info.label


def test_cooperation_import_headers_come_from_the_link() -> None:
    table = field_table(Link)
    own = set(import_fields.FIELDS["cooperations"]) - {"from_actor", "to_actor", "cooperation_kind"}
    assert own <= set(LINK_TYPES["COOPERATES_WITH"].fields)
    for name in own:
        for header in table[name].headers:
            assert import_fields.SYNONYMS["cooperations"][fold(header)] == name


def test_a_partner_list_carries_the_actor_and_the_consent_fields() -> None:
    person = field_table(model.Person)
    consent = {n for n, i in person.items() if i.group == "consent"}
    assert consent and consent <= set(import_fields.FIELDS["partners"])
    assert set(field_table(model.Actor)) <= set(import_fields.FIELDS["partners"])


def test_workbook_columns_are_the_model_fields() -> None:
    for spec in sheets.SHEETS:
        fields = [c.field for c in spec.columns if c.field in validation.FIELD_LABELS]
        fields = [f for f in fields if f not in ("id", "from_id", "to_id", "type")]
        if spec.label in model.LABELS:
            table = field_table(model.LABELS[spec.label])
            assert fields == list(table), spec.title
            for c in spec.columns:
                if c.field in table:
                    assert (c.header, c.help) == (table[c.field].label, table[c.field].help)
        elif spec.label == "COOPERATES_WITH":
            assert tuple(fields) == LINK_TYPES["COOPERATES_WITH"].fields
        else:
            wanted = {f for t in sheets.MEMBERSHIP_TYPES for f in LINK_TYPES[t].fields}
            assert set(fields) == wanted


def test_visibility_follows_the_restricted_flag() -> None:
    for cls in NODE_CLASSES:
        flagged = {n for n, i in field_table(cls).items() if i.restricted}
        assert set(visibility.restricted(cls.LABEL)) == flagged
    assert {"email", "phone", "notes", "legal_basis"} <= set(visibility.restricted("Person"))
    assert visibility.restricted("Actor") == ()


def _sample(info: FieldInfo) -> Any:
    """A valid value for a field, as the dataset's JSON would hold it."""
    if info.choices:
        return info.choices[-1]
    return {
        "date": "2020-02-03",
        "bool": True,
        "int": info.minimum or 1,
        "email": "info@example.org",
        "tel": "0651 123",
        "url": "https://example.org",
    }.get(info.widget, f"Wert {info.widget}")


def test_the_seed_builder_takes_every_field_the_data_gives() -> None:
    def row(cls: type[Node], row_id: str) -> dict[str, Any]:
        return {"id": row_id} | {n: _sample(i) for n, i in field_table(cls).items()}

    data: dict[str, Any] = {
        "topics": [row(model.Topic, "t1")],
        "stages": [row(model.Stage, "s1")],
        "target_groups": [row(model.TargetGroup, "g1")],
        "regions": [row(model.Region, "r1")],
        "actors": [row(model.Actor, "a1"), row(model.Actor, "a2")],
        "alliances": [row(model.Alliance, "b1")],
        "projects": [row(model.Project, "p1")],
        "persons": [row(model.Person, "x1")],
        "cooperations": [
            {"id": "c1", "a": "a1", "b": "a2"}
            | {n: _sample(i) for n, i in LINK_TYPES["COOPERATES_WITH"].field_table().items()}
        ],
    }
    nodes, links = seed.build(data)
    assert {type(n) for n in nodes} == set(NODE_CLASSES)
    for node in nodes:
        for name, info in field_table(type(node)).items():
            value = getattr(node, name)
            expected = _sample(info)
            if info.widget == "date":
                expected = date.fromisoformat(expected)
            assert value == expected, (node.LABEL, name)
    (coop,) = links
    assert coop.intensity == 3 and coop.since == date(2020, 2, 3)


@dataclasses.dataclass(kw_only=True)
class _ActorWithCapacity(model.Actor):
    """An actor with one more field, declared as a model field is: one line."""

    places: int = described(0, "Plätze", widget="int", required=True, minimum=1, maximum=500)


@dataclasses.dataclass(kw_only=True)
class _ActorWithOptionalCapacity(model.Actor):
    places: int | None = described(None, "Plätze", widget="int", minimum=1, maximum=500)


def test_an_optional_number_may_be_empty() -> None:
    actor = _ActorWithOptionalCapacity(name="Kita Regenbogen", kind="Kita")
    assert validation.validate_node(actor).places is None
    with pytest.raises(ValidationError):
        validation.validate_node(_ActorWithCapacity(name="Kita Regenbogen", kind="Kita"))


@given(st.integers(min_value=-1000, max_value=1000))
def test_a_new_field_is_validated_by_its_table_entry(places: int) -> None:
    actor = _ActorWithCapacity(name="Kita Sonnenschein", kind="Kita", places=places)
    if 1 <= places <= 500:
        assert validation.validate_node(actor).places == places
    else:
        with pytest.raises(ValidationError) as caught:
            validation.validate_node(actor)
        assert [e.field for e in caught.value.errors] == ["places"]


def test_length_limits_come_from_the_table() -> None:
    source = field_table(model.Person)["consent_contact_source"]
    too_long = "x" * (source.max_length + 1)
    with pytest.raises(ValidationError) as caught:
        validation.validate_node(model.Person(last_name="Ney", consent_contact_source=too_long))
    assert [e.field for e in caught.value.errors] == ["consent_contact_source"]
    assert source.max_length < SHORT_MAX
