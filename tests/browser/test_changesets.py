"""The undo's per-field decisions in Chromium: side by side, by keyboard, without axe findings."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from netzwerk import graph
from tests.browser.conftest import browser_login, screenshot, wait_replaced
from tests.browser.test_accessibility import describe, run_axe
from tests.integration.test_changesets import NAMES, _actor, _undone_with_a_conflict

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
