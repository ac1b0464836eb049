"""A survey's introduction and consent wording stay visible and editable after creation:
the history records each change, and answers handed in keep the wording they were given
under (their consents are recorded with it)."""

from __future__ import annotations

import pytest

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import backup
from netzwerk.graph.operations.surveys import change_texts
from netzwerk.graph.personal import consent
from netzwerk.graph.records import history
from netzwerk.graph.surveys import review
from tests.conftest import csrf_token
from tests.integration.test_surveys import (
    answer_as,
    build,
    decide_shown,
    new_survey,
    tokens_by_actor,
)

NEW = "Ich bin einverstanden, dass das Bildungsbüro meine Kontaktdaten für Einladungen nutzt."


def test_wording_changes_are_recorded_and_answers_keep_theirs(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    old = s.consent_wording
    toks = tokens_by_actor(sv.issue_links(store, s.id))
    # the library hands in a consent under the first wording
    _ans, errors = answer_as(store, toks["b"], {"c0_id": "pb", "c0_consent": "1"})
    assert errors == []
    changed = change_texts(
        store, s.id, intro="Neue Einleitung", consent_wording=NEW, user="manager"
    )
    assert (changed.intro, changed.consent_wording) == ("Neue Einleitung", NEW)
    assert sv.get_survey(store, s.id).consent_wording == NEW
    (entry,) = history.for_record(store, s.id)
    assert entry.user == "manager" and entry.action == "update"
    assert entry.changes == {
        "intro": ["Bitte nennen Sie Ihre Partner.", "Neue Einleitung"],
        "consent_wording": [old, NEW],
    }
    # saving the same texts again records nothing
    change_texts(store, s.id, intro="Neue Einleitung", consent_wording=NEW, user="manager")
    assert len(history.for_record(store, s.id)) == 1
    # VHS hands in after the change: its consent carries the new wording
    _ans, errors = answer_as(store, toks["a"], {"c0_id": "pa", "c0_consent": "1"})
    assert errors == []
    by_actor = {r.actor_id: r for r in review.queue(store, s)}
    shown = {
        r.actor_id: next(p for p in r.pending if p.kind == "consent").new for r in by_actor.values()
    }
    assert shown == {"b": old, "a": NEW}
    decide_shown(store, s, by_actor["b"].id, ["consent:pb"], accept=True, user="manager")
    decide_shown(store, s, by_actor["a"].id, ["consent:pa"], accept=True, user="manager")
    assert consent.for_person(store, "pb")[0].wording == old
    assert any(c.wording == NEW for c in consent.for_person(store, "pa"))


@pytest.mark.parametrize(
    ("intro", "wording", "field"),
    [
        ("ok", "", "consent_wording"),  # the survey asks for consent
        ("ok", "   ", "consent_wording"),
        ("a\x00b", "ok", "intro"),
        ("x" * 6_000, "ok", "intro"),
        ("ok", "y" * 6_000, "consent_wording"),
    ],
)
def test_bad_texts_get_a_german_message_and_write_nothing(
    store: graph.Store, intro: str, wording: str, field: str
) -> None:
    build(store)
    s = new_survey(store)
    before = backup.checksum(store)
    with pytest.raises(graph.ValidationError) as err:
        change_texts(store, s.id, intro=intro, consent_wording=wording, user="manager")
    assert field in err.value.by_field()
    assert backup.checksum(store) == before
    with pytest.raises(graph.NotFoundError):
        change_texts(store, "survey-nope", intro="a", consent_wording="b", user="m")


def test_texts_form_shows_errors_at_the_field_and_the_history(
    store: graph.Store, make_client
) -> None:
    build(store)
    s = new_survey(store)
    editor = make_client("editor")
    page = editor.get(f"/befragungen/{s.id}").get_data(as_text=True)
    assert 'id="texts-form"' in page and "Noch keine Änderungen aufgezeichnet." in page
    token = csrf_token(editor, f"/befragungen/{s.id}")
    bad = editor.post(
        f"/befragungen/{s.id}/texte",
        data={"csrf_token": token, "intro": "Getippt", "consent_wording": ""},
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'href="#t-consent_wording"' in html
    assert ">Getippt</textarea>" in html  # the typed value is kept
    good = editor.post(
        f"/befragungen/{s.id}/texte",
        data={"csrf_token": token, "intro": "Getippt", "consent_wording": NEW},
    )
    assert good.status_code == 302
    page = editor.get(f"/befragungen/{s.id}").get_data(as_text=True)
    assert "Wortlaut der Einwilligung" in page and "Einleitung" in page and NEW in page
    assert "1 Angaben" in page or "2 Angaben" in page
