"""The undo's per-field decisions in Chromium: side by side, by keyboard, without axe findings."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.records import visibility
from tests.browser.conftest import browser_login, screenshot, wait_replaced
from tests.browser.test_accessibility import describe, run_axe
from tests.integration.test_changesets import NAMES, _actor, _undone_with_a_conflict
from tests.integration.test_organisations import offices

__all__ = ["offices"]  # the fixture, used by name

pytestmark = pytest.mark.browser


def test_undo_conflicts_are_decided_by_keyboard(
    browser, live_server: str, store: graph.Store
) -> None:
    batch, actor = _undone_with_a_conflict(store)
    browser_login(browser, live_server, store, "editor")
    browser.get(f"{live_server}/aenderungen/{batch}")
    row = browser.find_element(By.CSS_SELECTOR, "#undo-decide tbody tr")
    cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[2:4] == ["Konz", "Saarburg"], cells  # written by the import, stored now
    keep = row.find_element(By.CSS_SELECTOR, "input[value=keep]")
    assert keep.is_selected(), "behalten unless told otherwise"
    assert describe("aenderungen-entscheiden", run_axe(browser, "aenderungen-entscheiden")) == []
    screenshot(browser, "changeset-undo-decisions")
    keep.send_keys(Keys.ARROW_UP)  # radio group by keyboard: to "zurücksetzen"
    reset = row.find_element(By.CSS_SELECTOR, "input[value=reset]")
    assert reset.is_selected()
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "#undo-decide button[type=submit]").send_keys(Keys.ENTER)
    wait_replaced(browser, old)
    assert "1 Angaben zurückgesetzt" in browser.find_element(By.TAG_NAME, "body").text
    assert _actor(store, NAMES[0]).town == ""
    assert actor.version < _actor(store, NAMES[0]).version
    assert browser.find_elements(By.ID, "undo-decide") == []


def test_an_import_over_another_offices_record_reads_as_words_at_both_widths(
    browser, live_server: str, store: graph.Store, offices: dict[str, str]
) -> None:
    """The district imports a list naming the city's school: its changeset page names the
    owner and links the proposal sent to it, without axe findings at 1366 and 375 px."""
    table = imports.read_table(
        b"Name;Art;Telefon\r\nGrundschule Matrix;Schule;0651 4711\r\n", "partner.csv"
    )
    with visibility.reading_as("kreis"):
        plan = imports.dry_run(store, table, "partners", imports.guess(table.headers, "partners"))
    result = operations.commit_import(store, plan, user="red-kreis")
    (foreign,) = [c for c in result.conflicts if c["field"] == "org"]
    browser_login(browser, live_server, store, "red-kreis")
    for width in (1366, 375):
        browser.set_window_size(width, 900)
        browser.get(f"{live_server}/aenderungen/{result.batch}")
        row = browser.find_element(By.CSS_SELECTOR, "#konflikte tbody tr")
        cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
        assert cells[1] == "Eintrag einer anderen Organisation", cells
        assert cells[3].startswith("gehört: ") and "stadt" not in cells[3], cells
        assert (
            "ging als Vorschlag an die Organisation"
            in browser.find_element(By.ID, "konflikte").text
        )
        browser.execute_script("arguments[0].scrollIntoView()", row)
        name = f"changeset-foreign-{width}"
        assert describe(name, run_axe(browser, name)) == []
        screenshot(browser, name)
    link = row.find_element(By.LINK_TEXT, "als Vorschlag an sie gesandt")
    old = browser.find_element(By.TAG_NAME, "html")
    link.send_keys(Keys.ENTER)  # by keyboard to the proposal
    wait_replaced(browser, old)
    assert browser.current_url.endswith(f"/aenderungen/{foreign['proposed']}")
    browser.set_window_size(1366, 900)
