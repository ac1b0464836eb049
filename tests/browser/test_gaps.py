"""The gaps overview renders on the demo region in a real browser, without CSP errors."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from netzwerk import graph
from netzwerk.graph import seed
from tests.browser.conftest import browser_login, publish, screenshot


def test_gaps_overview_on_demo_data(browser, live_server: str, store: graph.Store) -> None:  # type: ignore[no-untyped-def]
    seed.load(store)
    browser_login(browser, live_server, store, "viewer")
    browser.get(live_server + "/luecken")
    findings = browser.find_elements(By.CSS_SELECTOR, "#befunde li")
    assert len(findings) >= 5
    assert "Hermeskeil" in browser.find_element(By.ID, "fragil").text
    csp = [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert csp == []
    browser.set_window_size(1400, 2400)
    path = screenshot(browser, "gaps")
    assert path.stat().st_size > 50_000
    publish(path, "gaps.png")
    browser.set_window_size(1400, 1000)
