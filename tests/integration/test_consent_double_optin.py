"""Consent given for someone else is pending until the person confirms it (double opt-in).

Whoever held an organisation's survey link could tick consent for every contact person, and
accepted it became an opt-in that put them on mailing lists. Now such a consent is a
*pending* ledger record (who gave it, how, when); the person gets a mail with a
confirmation link (tested against a local SMTP server), and only their confirmation makes
it count.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.message import EmailMessage

import pytest

from netzwerk import graph
from netzwerk.graph.operations import consent as consent_ops
from netzwerk.graph.personal import confirmation, consent, privacy
from netzwerk.graph.personal.consent import Consent
from netzwerk.graph.surveys import mail
from tests.conftest import csrf_token
from tests.integration import test_survey_mail
from tests.integration.test_survey_mail import Inbox

BASE = "https://netzwerk.example"
smtp = test_survey_mail.smtp  # the local SMTP server (aiosmtpd) the survey mail tests start


def _person(store: graph.Store, email: str = "pia@example.org") -> graph.Person:
    return graph.create_record(
        store,
        graph.Person(
            first_name="Pia", last_name="Pending", email=email, legal_basis="Einwilligung"
        ),
        user="redaktion",
    )


def _pending(store: graph.Store, person_id: str) -> Consent:
    return consent_ops.record_pending_consent(
        store,
        Consent(
            person_id=person_id,
            purpose="contact",
            type="opt-in",
            date=date.today(),
            source="Befragung Netzwerk 2025",
            wording="Ich bin mit der Kontaktaufnahme einverstanden.",
        ),
        given_by="Link der Einrichtung VHS Trier, ausgefüllt von Max Kollege",
        how="Befragung",
        user="manager",
    )


def _token(msg: EmailMessage) -> str:
    match = re.search(re.escape(BASE) + r"/einwilligung/(\S+)", msg.get_content())
    assert match, msg.get_content()
    return match.group(1)


def test_pending_consent_counts_for_nothing_until_confirmed(
    app, store: graph.Store, smtp: tuple[Inbox, mail.SmtpSettings]
) -> None:
    inbox, settings = smtp
    person = _person(store)
    rec = _pending(store, person.id)
    assert rec.status == "pending" and rec.given_by.startswith("Link der Einrichtung")
    assert rec.how == "Befragung" and rec.recorded_by == "manager"
    assert graph.get(store, graph.Person, person.id).consent_contact is False
    ledger = consent.for_person(store, person.id)
    assert consent.current(ledger, "contact") is None  # pending is no current will

    sent = confirmation.send_pending(store, settings, base_url=BASE)
    assert (sent.sent, sent.error) == (1, "")
    assert confirmation.send_pending(store, settings, base_url=BASE).sent == 0  # once only
    (msg,) = inbox.messages
    assert msg["To"].addresses[0].addr_spec == "pia@example.org"
    body = msg.get_content()
    assert "Max Kollege" in body and "Ich bin mit der Kontaktaufnahme einverstanden." in body
    token = _token(msg)

    anon = app.test_client()
    page = anon.get(f"/einwilligung/{token}")
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    # opening the link (a mail scanner does that) changes nothing; only the button does
    assert graph.get(store, graph.Person, person.id).consent_contact is False
    answer = anon.post(
        f"/einwilligung/{token}",
        data={"csrf_token": csrf_token(anon, f"/einwilligung/{token}"), "answer": "confirm"},
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    assert "bestätigt" in answer.get_data(as_text=True)
    stored = graph.get(store, graph.Person, person.id)
    assert stored.consent_contact is True and stored.consent_contact_source.startswith("Befragung")
    (done,) = consent.for_person(store, person.id)
    assert done.status == "confirmed" and done.confirmed_at is not None
    report = privacy.person_report(store, person.id)
    assert report["consents"][0]["given_by"].startswith("Link der Einrichtung")
    assert report["consents"][0]["status"] == "confirmed"

    again = anon.get(f"/einwilligung/{token}")
    assert again.status_code == 404  # a used link is gone
    assert (
        anon.get("/einwilligung/consent-0000000000000000.falsch-falsch-falsch").status_code == 404
    )


def test_the_person_can_decline_and_links_expire(
    app, store: graph.Store, smtp: tuple[Inbox, mail.SmtpSettings], monkeypatch
) -> None:
    inbox, settings = smtp
    pia = _person(store)
    _pending(store, pia.id)
    confirmation.send_pending(store, settings, base_url=BASE)
    anon = app.test_client()
    token = _token(inbox.messages[0])
    no = anon.post(
        f"/einwilligung/{token}",
        data={"csrf_token": csrf_token(anon, f"/einwilligung/{token}"), "answer": "decline"},
    )
    assert no.status_code == 200
    assert graph.get(store, graph.Person, pia.id).consent_contact is False
    assert consent.for_person(store, pia.id)[0].status == "declined"

    ole = _person(store, "ole@example.org")
    _pending(store, ole.id)
    confirmation.send_pending(store, settings, base_url=BASE)
    late = _token(inbox.messages[1])
    real_today = date.today()
    monkeypatch.setattr(
        confirmation, "today", lambda: real_today + timedelta(days=confirmation.VALID_DAYS + 1)
    )
    with pytest.raises(graph.NotFoundError):
        confirmation.answer(store, late, confirm=True)
    assert graph.get(store, graph.Person, ole.id).consent_contact is False


def test_a_person_without_address_is_not_written_to(
    store: graph.Store, smtp: tuple[Inbox, mail.SmtpSettings]
) -> None:
    inbox, settings = smtp
    person = graph.create_record(
        store, graph.Person(last_name="Ohnemail", legal_basis="Einwilligung"), user="r"
    )
    _pending(store, person.id)
    result = confirmation.send_pending(store, settings, base_url=BASE)
    assert (result.sent, result.no_address) == (0, 1) and inbox.messages == []
