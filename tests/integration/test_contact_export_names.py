"""Contact export rough edges: file names name the filter and the second, the
mail-merge list has an Anrede, the export log shows names instead of ids."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from werkzeug.http import parse_options_header

from netzwerk import graph
from tests.conftest import csrf_token


@pytest.fixture
def network(store: graph.Store) -> dict[str, str]:
    alliance = graph.create_record(store, graph.Alliance(name="MINT-Initiativkreis"), user="test")
    school = graph.create_record(
        store,
        graph.Actor(name="Grundschule Ost", kind="Schule", street="Weg 1", town="Trier"),
        user="test",
    )
    person = graph.create_record(
        store,
        graph.Person(
            first_name="Eva",
            last_name="Lang",
            email="eva.lang@beispiel.de",
            consent_contact=True,
            consent_contact_date=datetime.date(2024, 1, 1),
        ),
        user="test",
    )
    graph.create_link(
        store, graph.Link(type="MEMBER_OF", from_id=school.id, to_id=alliance.id), user="test"
    )
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id=person.id, to_id=school.id), user="test"
    )
    return {"alliance": alliance.id}


def _download(client: Any, **form: str) -> Any:
    data = {"csrf_token": csrf_token(client, "/kontakte"), "purpose": "contact", **form}
    resp = client.post("/kontakte/export", data=data)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return resp


def _name(resp: Any) -> str:
    kind, params = parse_options_header(resp.headers["Content-Disposition"])
    assert kind == "attachment"
    return str(params["filename"])


def test_file_names_name_the_filter(network: dict[str, str], make_client: Any) -> None:
    editor = make_client("editor")
    by_alliance = _name(_download(editor, format="xlsx", alliance=network["alliance"]))
    assert re.fullmatch(
        r"kontakte-kontakt-mint-initiativkreis-\d{4}-\d\d-\d\d-\d{6}\.xlsx", by_alliance
    )
    by_kind = _name(_download(editor, format="csv", kind="Schule"))
    assert "schule" in by_kind and by_kind != by_alliance
    assert network["alliance"] not in by_alliance


def test_mail_merge_has_a_salutation(network: dict[str, str], make_client: Any) -> None:
    text = _download(make_client("editor"), format="serienbrief").get_data(as_text=True)
    header, first = text.lstrip("\ufeff").splitlines()[:2]
    assert header.startswith("Anrede;Name;")
    assert first.startswith("Guten Tag Eva Lang;Eva Lang;")


def test_export_log_shows_names_not_ids(network: dict[str, str], make_client: Any) -> None:
    _download(make_client("editor"), format="csv", alliance=network["alliance"])
    log = make_client("admin").get("/kontakte/protokoll").get_data(as_text=True)
    assert "Bündnis: MINT-Initiativkreis" in log
    assert network["alliance"] not in log
