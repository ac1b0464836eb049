"""Links are handed out once and shown again: a second download, another format, mails
(also when the mail server fails halfway) and reminders carry the links of the first list;
only renewing, an explicit step, makes them stop working."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.surveys import distribution, mail, tokens
from tests.integration.test_survey_mail import Inbox, _free_port, _link, smtp  # noqa: F401
from tests.integration.test_surveys import answer_as, build, new_survey

BASE = "https://netzwerk.example"


def _csv_links(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    col = rows[0].index("Link")
    return sorted(r[col].rsplit("/b/", 1)[1] for r in rows[1:])


def _xlsx_links(data: bytes) -> list[str]:
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    found = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    return sorted(v.rsplit("/b/", 1)[1] for v in found if "/b/inv-" in v)


def _download(store: graph.Store, s: sv.Survey, fmt: str) -> bytes:
    data, _rows, _left = distribution.mail_merge(
        store, s, sv.links_of(store, s.id).issued, base_url=BASE, fmt=fmt, user="manager"
    )
    return data


def test_every_link_of_the_first_download_keeps_working(
    store: graph.Store,
    smtp: tuple[Inbox, Any],  # noqa: F811
) -> None:
    inbox, settings = smtp
    build(store)
    s = new_survey(store)
    first = _xlsx_links(_download(store, s, "xlsx"))
    assert len(set(first)) == 3
    # a partner saves halfway through the first link
    answer_as(store, first[0], {"comment": "halb fertig"}, submit=False)
    # mails with a server that refuses the connection: nothing sent, nothing re-issued
    dead = mail.SmtpSettings(host="127.0.0.1", port=_free_port(), sender="x@example.org", timeout=2)
    failed = mail.send_invitations(store, s.id, dead, base_url=BASE, user="manager")
    assert failed.sent == 0 and failed.error
    # the list again, as CSV this time; then the mails and a reminder go out
    assert _csv_links(_download(store, s, "csv")) == first
    sent = mail.send_invitations(store, s.id, settings, base_url=BASE, user="manager")
    assert sent.sent == 3
    reminded = mail.send_invitations(
        store, s.id, settings, base_url=BASE, user="manager", reminder=True
    )
    assert reminded.sent == 3
    assert sorted({_link(m) for m in inbox.messages}) == first
    for token in first:
        assert sv.check_link(store, token).survey.id == s.id


def test_renewing_is_explicit_and_only_then_old_links_stop(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    first = {i.invite.id: i.token for i in sv.links_of(store, s.id).issued}
    holders = sv.holders(sv.invites_of(store, s.id))
    assert {i.id for i in holders} == set(first)
    renewed = {i.invite.id: i.token for i in sv.renew_links(store, s.id).issued}
    assert set(renewed) == set(first) and not set(renewed.values()) & set(first.values())
    for old in first.values():
        with pytest.raises(sv.LinkError) as err:
            sv.check_link(store, old)
        assert err.value.state == "invalid"
    # and the renewed links are the ones shown from now on
    assert {i.invite.id: i.token for i in sv.links_of(store, s.id).issued} == renewed


def test_a_link_under_another_key_is_reported_not_handed_out(
    store: graph.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Links issued with a lost key (or before links were derived) cannot be shown again;
    they are counted, never replaced silently by links that would not open."""
    build(store)
    s = new_survey(store)
    before = sv.links_of(store, s.id).issued
    monkeypatch.setenv("NETZWERK_LINK_KEY", "ein-anderer-schluessel")
    found = sv.links_of(store, s.id)
    assert found.issued == [] and len(found.lost) == 3
    for i in before:
        assert sv.check_link(store, i.token)  # still working: nothing was re-issued


def test_link_key_file_is_private_and_stable(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETZWERK_LINK_KEY", raising=False)
    monkeypatch.setenv("NETZWERK_HOME", str(tmp_path))
    key = tokens.link_key()
    path = tokens._key_file()
    assert path.stat().st_mode & 0o777 == 0o600 and tokens.link_key() == key
    secret = tokens.derive("inv-" + "0" * 20, 0, key)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", secret)
    assert tokens.parse(tokens.make("inv-" + "0" * 20, secret)) is not None
    assert secret != tokens.derive("inv-" + "0" * 20, 1, key)
