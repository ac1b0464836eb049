"""Validation rules, without a database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from netzwerk.graph.core import fields, validation
from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.model import Actor, Link, Person, Project, Stage


def fields_of(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(exc.value.by_field())


def test_actor_requires_name_and_known_kind() -> None:
    with pytest.raises(ValidationError) as exc:
        validation.validate_node(Actor(name="  ", kind="Raumschiff"))
    assert fields_of(exc) == {"name", "kind"}
    assert "Pflichtfeld" in exc.value.by_field()["name"][0]


def test_cleaning_strips_and_normalises_unicode() -> None:
    decomposed = "Mu\u0308ller"  # "Müller" typed with a combining diaeresis
    actor = validation.validate_node(Actor(name=f"  {decomposed} ", kind="Schule"))
    assert actor.name == "Müller"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "kein-at-zeichen"),
        ("email", "a@b"),
        ("postcode", "5429"),
        ("website", "javascript:alert(1)"),
        ("phone", "ruf mich an"),
    ],
)
def test_actor_contact_fields_rejected(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        given: dict[str, Any] = {field: value}
        validation.validate_node(Actor(name="VHS", kind="Schule", **given))
    assert fields_of(exc) == {field}


def test_valid_actor_passes() -> None:
    actor = Actor(
        name="Volkshochschule Trier",
        kind="VHS/Weiterbildung",
        postcode="54290",
        email="info@vhs.example",
        website="https://www.vhs.example",
        phone="0651 718-0",
    )
    assert validation.validate_node(actor) == actor


def test_control_characters_and_line_breaks_in_names_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        validation.validate_node(Actor(name="Zeile\neins", kind="Schule", town="a\x00b"))
    assert fields_of(exc) == {"name", "town"}


def test_line_breaks_allowed_in_notes() -> None:
    actor = validation.validate_node(Actor(name="A", kind="Schule", notes="eins\r\nzwei"))
    assert actor.notes == "eins\nzwei"


def test_length_limit_names_the_field() -> None:
    validation.validate_node(Actor(name="x" * fields.SHORT_MAX, kind="Schule"))
    with pytest.raises(ValidationError) as exc:
        validation.validate_node(Actor(name="x" * (fields.SHORT_MAX + 1), kind="Schule"))
    assert "zu lang" in exc.value.by_field()["name"][0]


def test_person_consent_needs_date() -> None:
    with pytest.raises(ValidationError) as exc:
        validation.validate_node(Person(last_name="Beispiel", consent_newsletter=True))
    assert fields_of(exc) == {"consent_newsletter_date"}


def test_project_end_before_start() -> None:
    with pytest.raises(ValidationError) as exc:
        validation.validate_node(Project(name="P", start=date(2024, 5, 1), end=date(2023, 1, 1)))
    assert fields_of(exc) == {"end"}


def test_stage_order_range() -> None:
    with pytest.raises(ValidationError):
        validation.validate_node(Stage(name="x", order=0))
    assert validation.validate_node(Stage(name="x", order=3)).order == 3


def test_cooperation_rules() -> None:
    with pytest.raises(ValidationError) as exc:
        validation.validate_link(
            Link(
                type="COOPERATES_WITH",
                from_id="a",
                to_id="a",
                kind="Freundschaft",
                intensity=7,
                since=date(2024, 1, 1),
                until=date(2023, 1, 1),
            )
        )
    assert fields_of(exc) == {"to_id", "kind", "intensity", "until"}


def test_unknown_link_type() -> None:
    with pytest.raises(ValidationError) as exc:
        validation.validate_link(Link(type="LOVES", from_id="a", to_id="b"))
    assert fields_of(exc) == {"type"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024-03-01", date(2024, 3, 1)), ("1.3.2024", date(2024, 3, 1)), ("", None)],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert validation.parse_date(text, "since") == expected


def test_parse_date_error_names_field() -> None:
    with pytest.raises(ValidationError) as exc:
        validation.parse_date("31.02.2024", "since")
    assert fields_of(exc) == {"since"}
