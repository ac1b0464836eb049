"""Survey invitations and reminders over SMTP, against a local aiosmtpd server the test
starts (no mail leaves the machine)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.personal import privacy
from netzwerk.graph.surveys import mail, respondent
from tests.integration.test_surveys import answer_as, build, new_survey


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, mail.SmtpSettings]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, mail.SmtpSettings(host="127.0.0.1", port=port, sender="buero@example.org")
    finally:
        controller.stop()


def _link(msg: EmailMessage) -> str:
    body = msg.get_content()
    match = re.search(r"https://netzwerk\.example/b/(\S+)", body)
    assert match, body
    return match.group(1)


def test_invitations_and_reminders(store: graph.Store, smtp: tuple[Inbox, Any]) -> None:
    inbox, settings = smtp
    build(store)
    s = new_survey(store)
    result = mail.send_invitations(
        store, s.id, settings, base_url="https://netzwerk.example", user="manager"
    )
    assert (result.sent, result.left_out, result.error) == (3, 1, "")
    to = sorted(m["To"] for m in inbox.messages)
    assert any("anna@a.example" in t for t in to) and not any("bernd" in t for t in to)
    anna = next(m for m in inbox.messages if "anna@" in m["To"])
    assert "Guten Tag Dr. Anna Alt," in anna.get_content()
    assert anna["Subject"] == "Befragung „Netzwerk 2025“"
    links = {m["To"]: _link(m) for m in inbox.messages}
    for token in links.values():
        assert sv.check_link(store, token)
    assert any(
        e["format"] == "befragung-mail" for e in privacy.person_report(store, "pa")["exports"]
    )
    # nothing new to send a second time
    again = mail.send_invitations(store, s.id, settings, base_url="https://x", user="m")
    assert again.sent == 0
    # A answers; B saves a draft; the reminder goes to B and C with the same links
    token_a = next(t for k, t in links.items() if "anna@" in k)
    token_b = next(t for k, t in links.items() if "b@org" in k)
    answer_as(store, token_a, {"comment": "fertig"})
    answer_as(store, token_b, {"comment": "Entwurf B"}, submit=False)
    inbox.messages.clear()
    reminded = mail.send_invitations(
        store, s.id, settings, base_url="https://netzwerk.example", user="m", reminder=True
    )
    assert reminded.sent == 2
    assert all(m["Subject"].startswith("Erinnerung:") for m in inbox.messages)
    new_b = next(_link(m) for m in inbox.messages if "b@org" in m["To"])
    assert new_b == token_b, "a reminder never re-issues the link"
    view = respondent.view(store, sv.check_link(store, new_b).invite)
    assert view.answer and view.answer["comment"] == "Entwurf B"
    marked = {i.actor_id: i for i in sv.invites_of(store, s.id)}
    assert marked["b"].reminded_at and not marked["a"].reminded_at


def test_unreachable_server_is_a_german_message(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    dead = mail.SmtpSettings(host="127.0.0.1", port=_free_port(), sender="x@example.org", timeout=2)
    result = mail.send_invitations(store, s.id, dead, base_url="https://x", user="m")
    assert result.sent == 0 and "nicht erreichbar" in result.error
    assert all(i.sent_at is None for i in sv.invites_of(store, s.id))


def test_office_signature_privacy_notice_and_one_mail_per_address(
    store: graph.Store, smtp: tuple[Inbox, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, settings = smtp
    monkeypatch.setenv("NETZWERK_OFFICE_NAME", "Stadt Trier – Bildungsbüro")
    monkeypatch.setenv("NETZWERK_OFFICE_SIGNATURE", "Eva Muster\\nBildungsbüro Trier")
    monkeypatch.setenv("NETZWERK_PRIVACY_CONTACT", "datenschutz@trier.example")
    build(store)
    # a second consenting contact of VHS Trier shares Anna's address
    graph.create_record(
        store,
        graph.Person(
            id="pc",
            first_name="Carl",
            last_name="Co",
            email="anna@a.example",
            consent_contact=True,
            consent_contact_date=date(2024, 1, 1),
            consent_contact_source="Formular",
        ),
        user="t",
    )
    graph.create_link(store, graph.Link(type="WORKS_AT", from_id="pc", to_id="a"), user="t")
    s = new_survey(store)
    result = mail.send_invitations(
        store, s.id, settings, base_url="https://netzwerk.example", user="manager"
    )
    to_anna = [m for m in inbox.messages if "anna@a.example" in m["To"]]
    assert result.sent == 3 and len(to_anna) == 1, "one mail per address and invitation"
    body = to_anna[0].get_content().replace("\r\n", "\n")
    assert "Eva Muster\nBildungsbüro Trier" in body and "Ihr Bildungsbüro" not in body
    assert "Datenschutz:" in body and "datenschutz@trier.example" in body
    assert "Stadt Trier" in str(to_anna[0]["From"])
