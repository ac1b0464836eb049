"""Logging in through a real browser lands on the start page with the server version."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from netzwerk import graph
from tests.browser.conftest import browser_login, screenshot


def test_login_and_start_page(browser, live_server: str, store: graph.Store) -> None:
    browser.get(live_server + "/")
    assert "/anmelden" in browser.current_url
    browser_login(browser, live_server, store, "viewer")
    version = browser.find_element(By.ID, "server-version").text
    assert "5.26." in version
    assert screenshot(browser, "start").stat().st_size > 1000
