"""Survey waves against real Neo4j: a survey that follows an earlier one starts each partner
from what it stated there, takes "besteht weiter / beendet / geändert" per tie, and the
wave-to-wave comparison names new, ended and changed ties."""

from __future__ import annotations

import re

import pytest

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import backup
from netzwerk.graph.surveys import respondent, review, waves
from tests.integration.test_surveys import (
    answer_as,
    build,
    decide_shown,
    new_survey,
    tokens_by_actor,
)


def _first_wave(store: graph.Store) -> sv.Survey:
    """Wave one: VHS names the library (accepted, value 3) and a new observatory (not
    decided); the library answers too."""
    build(store)
    s = new_survey(store)
    toks = tokens_by_actor(sv.issue_links(store, s.id))
    _a, errors = answer_as(
        store,
        toks["a"],
        {
            "rows": "2",
            "p0_name": "Stadtbibliothek",
            "p0_kind": "Projektpartnerschaft",
            "p0_value": "3",
            "p1_name": "Sternwarte Trier",
            "p1_kind": "Gemeinsames Angebot",
            "p1_trust": "2",
        },
    )
    assert errors == []
    _b, errors = answer_as(store, toks["b"], {"rows": "1", "p0_name": "Caritas"})
    assert errors == []
    mine = next(r for r in review.queue(store, s) if r.actor_id == "a")
    decide_shown(store, s, mine.id, ["coop_new:b"], accept=True, user="manager")
    return sv.close_survey(store, s.id)


def test_a_wave_starts_from_the_last_statements(store: graph.Store) -> None:
    first = _first_wave(store)
    second = new_survey(store, follows=first.id)
    assert sv.get_survey(store, second.id).follows == first.id
    toks = tokens_by_actor(sv.issue_links(store, second.id))
    access = sv.check_link(store, toks["a"])
    v = respondent.view(store, access.invite, access.survey.follows)
    assert v.wave
    start = respondent.initial_answer(v, access.survey.questions)["partners"]
    assert [(r["name"], r["existing"], r["status"]) for r in start] == [
        ("Stadtbibliothek", True, "weiter"),
        ("Sternwarte Trier", False, "weiter"),
    ]
    assert start[0]["value"] == 3 and start[1]["trust"] == 2  # stored, and as stated
    # a first survey starts from the stored cooperations only, without statuses
    plain = respondent.view(store, access.invite)
    assert not plain.wave and all("status" not in r for r in respondent.start_rows(plain))

    # one click each: changed (with a new value), ended, and a new partner
    _ans, errors = answer_as(
        store,
        toks["a"],
        {
            "rows": "3",
            "p0_id": "b",
            "p0_status": "geaendert",
            "p0_value": "4",
            "p1_name": "Sternwarte Trier",
            "p1_status": "beendet",
            "p2_name": "Lesepaten e.V.",
        },
    )
    assert errors == []
    mine = next(r for r in review.queue(store, second) if r.actor_id == "a")
    kinds = {p.key: p for p in mine.pending}
    assert kinds["coop_update:b"].new == {"value": 4}
    assert not any("Sternwarte" in p.subject for p in mine.pending), "an ended tie adds nothing"
    assert any(p.kind == "actor_new" and p.subject == "Lesepaten e.V." for p in mine.pending)

    found = waves.compare_waves(store, second, first)
    assert [(t.change, t.actor, t.partner) for t in found.ties] == [
        ("new", "VHS Trier", "Lesepaten e.V."),
        ("ended", "VHS Trier", "Sternwarte Trier"),
        ("changed", "VHS Trier", "Stadtbibliothek"),
    ]
    assert found.counts == {"new": 1, "ended": 1, "changed": 1}
    assert found.only_one == ["Stadtbibliothek"]  # answered wave one only: not compared


def test_ties_confirmed_unchanged_continue_and_unnamed_ones_end(store: graph.Store) -> None:
    first = _first_wave(store)
    second = new_survey(store, follows=first.id)
    toks = tokens_by_actor(sv.issue_links(store, second.id))
    # the library keeps its tie; VHS confirms the library and drops the observatory's name
    _a, errors = answer_as(store, toks["a"], {"rows": "2", "p0_id": "b", "p0_status": "weiter"})
    assert errors == []
    _b, errors = answer_as(
        store, toks["b"], {"rows": "2", "p0_id": "a", "p1_name": "Caritas", "p1_status": "weiter"}
    )
    assert errors == []
    found = waves.compare_waves(store, second, first)
    assert sorted((t.change, t.actor, t.partner) for t in found.ties) == [
        ("continued", "Stadtbibliothek", "Caritas"),
        ("continued", "VHS Trier", "Stadtbibliothek"),
        ("ended", "VHS Trier", "Sternwarte Trier"),
        ("new", "Stadtbibliothek", "VHS Trier"),
    ]


def test_wave_input_is_checked(store: graph.Store) -> None:
    first = _first_wave(store)
    with pytest.raises(graph.ValidationError) as err:
        new_survey(store, follows="survey-gibtsnicht")
    assert "follows" in err.value.by_field()
    with pytest.raises(graph.ValidationError):
        new_survey(store, follows="../x")
    second = new_survey(store, follows=first.id)
    toks = tokens_by_actor(sv.issue_links(store, second.id))
    plain = tokens_by_actor(sv.issue_links(store, new_survey(store).id))
    before = backup.checksum(store)
    for token, data in (
        (toks["a"], {"rows": "1", "p0_id": "b", "p0_status": "vielleicht"}),
        (toks["a"], {"rows": "1", "p0_id": "b", "p0_status": "weiter" * 10}),
        (plain["a"], {"rows": "1", "p0_id": "b", "p0_status": "beendet"}),  # not a wave
    ):
        _ans, errors = answer_as(store, token, data)
        assert [(e.field, e.message) for e in errors] == [
            ("p0_status", "ist keine gültige Auswahl")
        ]
    assert backup.checksum(store) == before


def test_wave_pages(store: graph.Store, make_client) -> None:
    """The create form offers the earlier survey; the partner's page shows the three choices
    per tie without JavaScript; the wave page counts and lists the change."""
    from tests.integration.test_surveys_web import _create, _links, page_state

    first = _first_wave(store)
    editor = make_client("editor")
    form = editor.get("/befragungen").get_data(as_text=True)
    assert f'<option value="{first.id}"' in form and 'name="follows"' in form
    second_id = _create(editor, follows=first.id, title="Netzwerk 2026")
    detail = editor.get(f"/befragungen/{second_id}").get_data(as_text=True)
    assert 'id="survey-follows"' in detail and "Netzwerk 2025" in detail
    token = _links(editor, second_id)["VHS Trier"]
    anon = make_client(None)
    html = anon.get(f"/b/{token}").get_data(as_text=True)
    assert 'id="wave-hint"' in html and "<script" not in html
    assert html.count('name="p0_status"') == 3 and html.count('name="p1_status"') == 3
    assert 'value="Sternwarte Trier"' in html and "(in der letzten Befragung genannt)" in html
    sent = {
        **page_state(anon, token),
        "rows": "2",
        "p0_id": "b",
        "p0_status": "beendet",
        "p1_name": "Sternwarte Trier",
        "p1_status": "weiter",
        "action": "submit",
    }
    assert anon.post(f"/b/{token}", data=sent).status_code == 302
    again = anon.get(f"/b/{token}").get_data(as_text=True)
    assert re.search(r'name="p0_status" value="beendet" checked', again)
    viewer = make_client("viewer")
    page = viewer.get(f"/befragungen/{second_id}/wellen").get_data(as_text=True)
    assert re.search(r'id="count-ended">1<', page) and re.search(r'id="count-continued">1<', page)
    assert "Stadtbibliothek" in page and "Sternwarte Trier" in page
    assert viewer.get(f"/befragungen/{first.id}/wellen").status_code == 404  # a first wave


def test_cli_creates_the_next_wave(store: graph.Store) -> None:
    from click.testing import CliRunner

    from netzwerk.cli import main
    from tests.conftest import found
    from tests.integration.test_surveys_web import CLOSES

    first = _first_wave(store)
    args = ["survey", "create", "--title", "Welle 2", "--closes", CLOSES, "--alliance", "al"]
    out = CliRunner().invoke(
        main, [*args, "--follows", first.id, "--per-person-if-several"], catch_exceptions=False
    )
    assert out.exit_code == 0, out.output
    made = sv.get_survey(store, found(r"(survey-[0-9a-f]+)", out.output))
    assert (made.follows, made.per) == (first.id, "several")
    out = CliRunner().invoke(main, [*args, "--follows", "survey-nope"])
    assert out.exit_code == 1 and "frühere Befragung gibt es nicht" in out.output
