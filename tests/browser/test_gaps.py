"""The gaps overview renders on the demo region in a real browser, without CSP errors."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed
from tests.browser.conftest import browser_login, publish, screenshot


def test_gaps_overview_on_demo_data(browser, live_server: str, store: graph.Store) -> None:
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


PAGES = {
    "overview": "/luecken?aufloesung=2#inseln",
    "report": "/bericht?von=2020-01-01",
    "structure": "/luecken/struktur",
    "metrics": "/luecken/kennzahlen?sort=effective_size",
    "change": "/luecken/veraenderung?von=2019-01-01",
    "suggestions": "/luecken/vorschlaege",
}


def test_measure_pages_and_pipeline_at_two_widths(
    browser, live_server: str, store: graph.Store
) -> None:
    seed.load(store)
    browser_login(browser, live_server, store, "editor")
    # move one suggestion to "angesprochen" through the page
    browser.get(live_server + "/luecken/vorschlaege")
    first = browser.find_element(By.CSS_SELECTOR, "#vorgeschlagen ~ table tbody tr")
    pair = first.find_element(By.CSS_SELECTOR, "td").text
    first.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys("Telefonat vereinbart")
    first.find_element(By.XPATH, ".//button[normalize-space()='Angesprochen']").click()
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".flash-success"))
    )
    contacted = browser.find_element(By.CSS_SELECTOR, "#angesprochen + table").text
    assert "Telefonat vereinbart" in contacted and pair.split(" – ")[0] in contacted
    for width in (1366, 1920):
        browser.set_window_size(width, 1000)
        for name, path in PAGES.items():
            browser.get(live_server + path)
            assert browser.find_element(By.CSS_SELECTOR, "h1").text
            screenshot(browser, f"{name}-{width}-top")  # what the first screen shows
            height = browser.execute_script("return document.body.scrollHeight")
            browser.set_window_size(width, min(max(height, 1000), 4000))
            shot = screenshot(browser, f"{name}-{width}")
            assert shot.stat().st_size > 30_000, name
            browser.set_window_size(width, 1000)
            csp = [
                e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]
            ]
            assert csp == [], (name, csp)
    browser.get(live_server + "/luecken/kennzahlen")
    header = browser.find_element(By.LINK_TEXT, "Kern")
    header.click()
    WebDriverWait(browser, 10).until(ec.url_contains("sort=core"))
    assert browser.find_element(By.CSS_SELECTOR, "th[aria-sort]").text.startswith("Kern")
    browser.set_window_size(1400, 1000)
