"""One pager for every list: huge, negative or odd page numbers never
answer 500; every list counts pages from 1."""

from __future__ import annotations

from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.personal import contacts
from netzwerk.web import paging

ODD_PAGES = [
    "92233720368547759",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "-1",
    "0",
    "NaN",
    "1e309",
    "x" * 10_000,
    "",
    "٣",  # an Arabic-Indic digit: int() reads it, it must stay in bounds too
]
LISTS = ["/verwaltung/verlauf", "/kontakte/protokoll", "/akteure", "/verwaltung/themen"]


@pytest.mark.parametrize("url", LISTS)
def test_odd_page_numbers_never_fail(make_client: Any, url: str) -> None:
    admin = make_client("admin")
    for value in ODD_PAGES:
        resp = admin.get(url, query_string={"seite": value})
        assert resp.status_code == 200, (url, value[:30], resp.status_code)


def test_the_contacts_log_counts_pages_from_one(make_client: Any, store: graph.Store) -> None:
    flt = contacts.ContactFilter()
    sel = contacts.select(store, flt, "contact")
    for _ in range(101):
        operations.log_contact_export(store, user="admin", flt=flt, selection=sel, fmt="csv")
    admin = make_client("admin")
    first = admin.get("/kontakte/protokoll").get_data(as_text=True)
    assert "Seite 1 von 2" in first and "seite=2" in first and "seite=0" not in first
    second = admin.get("/kontakte/protokoll?seite=2").get_data(as_text=True)
    assert "Seite 2 von 2" in second and "seite=1" in second
    assert second.count("<tr>") < first.count("<tr>")


def test_pager_bounds() -> None:
    p = paging.Pager.from_args({"seite": "92233720368547759"}, "/x", size=500)
    assert p.number == paging.MAX_PAGE and p.skip < 2**63
    assert paging.Pager.from_args({"seite": "-4"}, "/x", size=10).number == 1
    beyond = paging.Pager.from_args({"seite": "9", "q": "a b"}, "/x", size=10)
    beyond.total = 25
    assert beyond.prev_number == 3 and not beyond.has_next
    assert beyond.url(2) == "/x?q=a+b&seite=2"
