"""The admin's token screen in a real browser: lists every account's tokens, revokes one."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import users
from tests.browser.conftest import browser_login, screenshot
from tests.conftest import PASSWORD


def test_admin_sees_and_revokes_tokens(browser, live_server: str, store: graph.Store) -> None:
    for name, role in (("anna.schmidt", "editor"), ("bernd.auswertung", "viewer")):
        account = users.create_user(store, name, PASSWORD, role=role)
        users.create_token(store, account.id, f"Skript von {name}")
        users.create_token(store, account.id, "Excel-Abfrage Kontaktlisten")
    browser_login(browser, live_server, store, "admin")
    for width in (1366, 1920):
        browser.set_window_size(width, 900)
        browser.get(live_server + "/verwaltung/tokens")
        rows = browser.find_elements(By.CSS_SELECTOR, "#token-list tbody tr")
        assert len(rows) == 4
        assert screenshot(browser, f"admin-tokens-{width}").stat().st_size > 1000
    first = browser.find_element(By.CSS_SELECTOR, "#token-list tbody tr button")
    first.click()
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".flash")))
    assert "widerrufen" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#token-list tbody tr")) == 3
