"""Consent ledger against real Neo4j: recording, derived fields, expiry in exports, the
Löschkonzept review, the Auskunft, the erasure and the pages."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.admin import backup
from netzwerk.graph.operations.consent import record_consent, review_person
from netzwerk.graph.personal import consent, contacts, privacy
from netzwerk.graph.personal.consent import Consent
from netzwerk.graph.personal.contacts import ContactFilter
from netzwerk.graph.records import history
from tests.conftest import HOSTILE_STRINGS, csrf_token

TODAY = date.today()


def _person(store: graph.Store, pid: str = "p-eva", **kw: Any) -> graph.Person:
    return graph.create_record(
        store,
        graph.Person(
            id=pid, first_name="Eva", last_name="Muster", email=f"{pid}@example.org", **kw
        ),
        user="test",
    )


def _consent(pid: str = "p-eva", **kw: Any) -> Consent:
    values: dict[str, Any] = {
        "person_id": pid,
        "purpose": "contact",
        "type": "opt-in",
        "date": TODAY - timedelta(days=10),
        "source": "Anmeldeformular Netzwerktreffen",
        "wording": "Ich bin einverstanden, dass das Bildungsbüro mich kontaktiert.",
    }
    values.update(kw)
    return Consent(**values)


def test_record_sets_derived_fields_history_and_keeps_the_ledger(store: graph.Store) -> None:
    _person(store)
    stored = record_consent(store, _consent(expires=TODAY + timedelta(days=400)), user="anna")
    assert stored.recorded_by == "anna" and stored.recorded_at is not None
    p = graph.get(store, graph.Person, "p-eva")
    assert p.consent_contact is True
    assert p.consent_contact_date == TODAY - timedelta(days=10)
    assert p.consent_contact_source == "Anmeldeformular Netzwerktreffen"
    entry = history.for_record(store, "p-eva")[0]
    assert entry.user == "anna" and "consent_record" in entry.changes
    assert entry.changes["consent_contact"] == [False, True]
    # a backdated opt-out is kept in the ledger but does not override the newer opt-in
    record_consent(
        store, _consent(type="opt-out", date=TODAY - timedelta(days=30), wording=""), user="anna"
    )
    assert graph.get(store, graph.Person, "p-eva").consent_contact is True
    ledger = consent.for_person(store, "p-eva")
    assert [c.type for c in ledger] == ["opt-in", "opt-out"]
    assert ledger[0].wording.startswith("Ich bin einverstanden")
    # a newer opt-out withdraws it
    record_consent(store, _consent(type="opt-out", date=TODAY, wording=""), user="anna")
    p = graph.get(store, graph.Person, "p-eva")
    assert p.consent_contact is False and p.consent_contact_date == TODAY


def test_person_form_changes_are_recorded_in_the_ledger(store: graph.Store) -> None:
    p = _person(
        store,
        consent_newsletter=True,
        consent_newsletter_date=date(2024, 3, 1),
        consent_newsletter_source="Messe",
    )
    ledger = consent.for_person(store, p.id)
    assert [(c.purpose, c.type, c.date, c.source) for c in ledger] == [
        ("newsletter", "opt-in", date(2024, 3, 1), "Messe")
    ]
    p.consent_newsletter = False
    graph.update_record(store, p, user="bert")
    ledger = consent.for_person(store, p.id)
    assert (ledger[0].type, ledger[0].date, ledger[0].recorded_by) == ("opt-out", TODAY, "bert")
    # a save that does not touch consent adds nothing
    p = graph.get(store, graph.Person, p.id)
    p.function = "Leitung"
    graph.update_record(store, p, user="bert")
    assert len(consent.for_person(store, p.id)) == 2


def test_export_honours_expiry(store: graph.Store) -> None:
    _person(store, "p-valid")
    _person(store, "p-expired")
    _person(store, "p-open")
    record_consent(store, _consent("p-valid", expires=TODAY + timedelta(days=1)), user="t")
    record_consent(store, _consent("p-expired", expires=TODAY - timedelta(days=1)), user="t")
    record_consent(store, _consent("p-open"), user="t")
    sel = contacts.select(store, ContactFilter(), "contact")
    assert sorted(r.person_id for r in sel.rows) == ["p-open", "p-valid"]
    assert sel.left_out["no_contact_basis"] == 1
    # an open-ended opt-in recorded after the expired one covers again
    record_consent(store, _consent("p-expired", date=TODAY), user="t")
    sel = contacts.select(store, ContactFilter(), "contact")
    assert "p-expired" in {r.person_id for r in sel.rows}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": TODAY + timedelta(days=1)}, "date"),
        ({"date": None}, "date"),
        ({"expires": TODAY - timedelta(days=20)}, "expires"),
        ({"type": "opt-out", "expires": TODAY}, "expires"),
        ({"purpose": "werbung"}, "purpose"),
        ({"type": "vielleicht"}, "type"),
        ({"source": "  "}, "source"),
        ({"source": "x" * 501}, "source"),
        ({"source": "a\x00b"}, "source"),
        ({"wording": "x" * 10_000}, "wording"),
    ],
)
def test_bad_consent_is_refused_and_nothing_written(
    store: graph.Store, changes: dict[str, Any], field: str
) -> None:
    _person(store)
    before = backup.checksum(store)
    with pytest.raises(graph.ValidationError) as err:
        record_consent(store, _consent(**changes), user="t")
    assert field in err.value.by_field()
    assert backup.checksum(store) == before


def test_hostile_text_is_stored_verbatim(store: graph.Store) -> None:
    _person(store)
    for text in HOSTILE_STRINGS[:14]:
        stored = record_consent(store, _consent(source=text[:500], wording=text), user="t")
        assert consent.for_person(store, "p-eva")[0].wording == stored.wording
        assert stored.wording == text.strip()


def test_missing_person_is_not_found(store: graph.Store) -> None:
    with pytest.raises(graph.NotFoundError):
        record_consent(store, _consent("p-nobody"), user="t")
    assert consent.for_person(store, "p-nobody") == []


def test_review_lists_expiring_and_persons_without_basis(store: graph.Store) -> None:
    _person(store, "p-soon")
    _person(store, "p-later")
    _person(store, "p-none")
    _person(store, "p-public", legal_basis="öffentliche Aufgabe")
    record_consent(store, _consent("p-soon", expires=TODAY + timedelta(days=30)), user="t")
    record_consent(store, _consent("p-later", expires=TODAY + timedelta(days=90)), user="t")
    soon = consent.expiring(store)
    assert [(e.consent.person_id, e.days_left) for e in soon] == [("p-soon", 30)]
    # nobody is without basis for long yet (they were recorded today) ...
    assert consent.without_basis(store, older_than_days=30) == []
    # ... but a year on, p-none (never consented) and p-soon (expired) are
    later = TODAY + timedelta(days=400)
    found = consent.without_basis(store, older_than_days=30, today=later)
    assert {w.person_id for w in found} == {"p-none", "p-soon", "p-later"}
    expired = next(w for w in found if w.person_id == "p-soon")
    assert expired.since == TODAY + timedelta(days=30)
    # one-click review: hidden from both lists, written to the person's history
    review_person(store, "p-none", "keep", user="admin")
    review_person(store, "p-soon", "asked", user="admin", consent_id=soon[0].consent.id)
    assert consent.expiring(store) == []
    found = consent.without_basis(store, older_than_days=30, today=later)
    assert "p-none" not in {w.person_id for w in found}
    assert "consent_review" in history.for_record(store, "p-none")[0].changes
    with pytest.raises(graph.ValidationError):
        review_person(store, "p-none", "vergessen", user="admin")


def test_auskunft_includes_ledger_and_erasure_removes_it(store: graph.Store) -> None:
    _person(store)
    _person(store, "p-other")
    record_consent(store, _consent(wording="Wortlaut Geheimklausel"), user="anna")
    record_consent(store, _consent("p-other"), user="anna")
    review_person(store, "p-eva", "keep", user="admin")
    report = privacy.person_report(store, "p-eva")
    json.dumps(report)
    assert [c["wording"] for c in report["consents"]] == ["Wortlaut Geheimklausel"]
    assert report["consents"][0]["recorded_by"] == "anna"
    assert report["consent_reviews"][0]["outcome"] == "keep"
    counts = operations.erase_person(store, "p-eva", user="admin")
    assert counts["consents"] == 2
    dump = json.dumps(backup.dump(store), ensure_ascii=False)
    assert "Geheimklausel" not in dump and '"p-eva@' not in dump
    assert consent.for_person(store, "p-eva") == []
    assert len(consent.for_person(store, "p-other")) == 1


def test_backup_round_trip_keeps_the_ledger(store: graph.Store) -> None:
    _person(store)
    record_consent(store, _consent(expires=TODAY + timedelta(days=5)), user="t")
    review_person(store, "p-eva", "keep", user="t")
    data = backup.dump(store)
    before = backup.checksum(store)
    graph.wipe(store)
    operations.restore_backup(store, data)
    assert backup.checksum(store) == before
    assert consent.for_person(store, "p-eva")[0].expires == TODAY + timedelta(days=5)


_records = st.lists(
    st.tuples(
        st.sampled_from(["contact", "newsletter"]),
        st.sampled_from(["opt-in", "opt-out"]),
        st.integers(min_value=0, max_value=60),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=_records)
def test_derived_fields_always_follow_the_current_record(
    store: graph.Store, records: list[tuple[str, str, int]]
) -> None:
    graph.wipe(store)
    _person(store)
    for purpose, kind, ago in records:
        record_consent(
            store,
            _consent(purpose=purpose, type=kind, date=TODAY - timedelta(days=ago), wording=""),
            user="t",
        )
    p = graph.get(store, graph.Person, "p-eva")
    ledger = consent.for_person(store, "p-eva")
    for purpose in consent.PURPOSES:
        cur = consent.current(ledger, purpose)
        if cur is None:
            assert getattr(p, f"consent_{purpose}") is False
        else:
            assert getattr(p, f"consent_{purpose}") == (cur.type == "opt-in")
            assert getattr(p, f"consent_{purpose}_date") == cur.date


# --- pages ------------------------------------------------------------------------------------
def test_consent_page_records_and_hides_from_viewers(store: graph.Store, make_client) -> None:
    _person(store)
    viewer = make_client("viewer")
    assert viewer.get("/personen/p-eva/einwilligungen").status_code == 403
    editor = make_client("editor")
    page = editor.get("/personen/p-eva/einwilligungen")
    assert page.status_code == 200 and "consent-form" in page.get_data(as_text=True)
    token = csrf_token(editor, "/personen/p-eva/einwilligungen")
    form = {
        "csrf_token": token,
        "purpose": "newsletter",
        "type": "opt-in",
        "date": (TODAY - timedelta(days=1)).isoformat(),
        "expires": (TODAY + timedelta(days=365)).isoformat(),
        "source": "Befragung 2025",
        "wording": "<script>alert(1)</script> Ich möchte den Newsletter.",
    }
    resp = editor.post("/personen/p-eva/einwilligungen", data=form)
    assert resp.status_code == 302
    html = editor.get("/personen/p-eva/einwilligungen").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ich möchte den Newsletter." in html
    assert graph.get(store, graph.Person, "p-eva").consent_newsletter is True
    bad = editor.post(
        "/personen/p-eva/einwilligungen", data={**form, "date": "31.02.2024", "source": ""}
    )
    assert bad.status_code == 400
    text = bad.get_data(as_text=True)
    assert "kein gültiges Datum" in text and "ist anzugeben" in text
    assert len(consent.for_person(store, "p-eva")) == 1
    reader = make_client("viewer", contacts=True)
    assert reader.get("/personen/p-eva/einwilligungen").status_code == 200
    token = csrf_token(reader, "/personen/p-eva/einwilligungen")
    assert reader.post("/personen/p-eva/einwilligungen", data=form).status_code in (400, 403)
    assert editor.get("/personen/p-nobody/einwilligungen").status_code == 404


def test_review_page_one_click(store: graph.Store, make_client) -> None:
    _person(store)
    record_consent(store, _consent(expires=TODAY + timedelta(days=3)), user="t")
    admin = make_client("admin")
    html = admin.get("/datenschutz/einwilligungen").get_data(as_text=True)
    assert "Eva Muster" in html and "noch 3 Tage" in html
    token = csrf_token(admin, "/datenschutz/einwilligungen")
    cid = consent.for_person(store, "p-eva")[0].id
    resp = admin.post(
        "/datenschutz/einwilligungen/pruefen",
        data={"csrf_token": token, "person_id": "p-eva", "consent_id": cid, "outcome": "asked"},
    )
    assert resp.status_code == 302
    html = admin.get("/datenschutz/einwilligungen").get_data(as_text=True)
    assert "noch 3 Tage" not in html
    resp = admin.post(
        "/datenschutz/einwilligungen/pruefen",
        data={"csrf_token": token, "person_id": "p-eva", "outcome": "<script>"},
    )
    assert resp.status_code == 302
    assert len(consent.reviews_of(store, "p-eva")) == 1
    resp = admin.post(
        "/datenschutz/einwilligungen/pruefen",
        data={"csrf_token": token, "person_id": "p-nobody", "outcome": "keep"},
    )
    assert resp.status_code == 404
    report = admin.get("/datenschutz/person/p-eva").get_data(as_text=True)
    assert "report-consents" in report and "Anmeldeformular Netzwerktreffen" in report
