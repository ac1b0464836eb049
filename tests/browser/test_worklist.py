"""The start page as a worklist, the "Daten" menu by keyboard, the Auskunft, the contact
export's left-out list and the honest gap figures in Chromium, with screenshots at 1366,
1920 and 375 px (no sideways scrolling on a phone)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from netzwerk import graph
from netzwerk.graph.admin import seed
from tests.browser.conftest import SCREENSHOTS, browser_login, publish, screenshot

pytestmark = pytest.mark.browser

WIDTHS = (1366, 1920, 375)


def _shots(browser, name: str) -> None:
    """A screenshot per width; at each width the page must not scroll sideways."""
    for width in WIDTHS:
        browser.set_window_size(width, 1000)
        screenshot(browser, f"{name}-{width}")
        page = browser.execute_script("return document.documentElement.scrollWidth")
        view = browser.execute_script("return document.documentElement.clientWidth")
        assert page <= view + 1, f"{name} scrolls sideways at {width} px ({page} > {view})"
    browser.set_window_size(1400, 1000)


def test_empty_instance_shows_first_steps(browser, live_server: str, store: graph.Store) -> None:
    browser_login(browser, live_server, store, "admin")
    browser.get(f"{live_server}/")
    steps = browser.find_element(By.CSS_SELECTOR, ".first-steps").text
    assert "Partnerliste importieren" in steps and "Befragung anlegen" in steps
    _shots(browser, "start-empty")


def test_worklist_menu_report_export_and_figures(
    browser, live_server: str, store: graph.Store
) -> None:
    seed.load(store)
    club = graph.create_record(store, graph.Actor(name="Leseclub Trier-Nord"), user="anna")
    graph.create_link(
        store,
        graph.Link(type="MEMBER_OF", from_id=club.id, to_id="alliance-alpha-trier"),
        user="anna",
    )
    browser_login(browser, live_server, store, "admin")
    browser.get(f"{live_server}/")
    colleagues = browser.find_element(By.ID, "box-colleagues").text
    assert "Leseclub Trier-Nord ist Mitglied in" in colleagues
    assert "Leseclub Trier-Nord" in browser.find_element(By.ID, "box-isolated").text
    _shots(browser, "start-worklist")
    publish(SCREENSHOTS / "start-worklist-1366.png", "start.png")

    # the Daten menu opens by keyboard and its links are reached with Tab
    summary = browser.find_element(By.CSS_SELECTOR, "#data-menu > summary")
    summary.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "data-menu").get_attribute("open") is not None
    summary.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Import" and focused.get_attribute("href").endswith("/import")
    _shots(browser, "data-menu")

    browser.get(f"{live_server}/verwaltung/verlauf")
    history = browser.find_element(By.CSS_SELECTOR, ".history-list").text
    assert history.count("Leseclub Trier-Nord ist Mitglied in") == 1, "each change once"
    _shots(browser, "history-admin")
    browser.get(f"{live_server}/buendnisse/alliance-alpha-trier")
    assert (
        "Leseclub Trier-Nord ist Mitglied in"
        in browser.find_element(By.CSS_SELECTOR, ".history-list").text
    )
    browser.execute_script("document.querySelector('.history-list').scrollIntoView()")
    _shots(browser, "history-alliance")

    browser.get(f"{live_server}/personen/person-0001")
    browser.find_element(By.ID, "report-link").click()
    assert "Auskunft über gespeicherte Daten" in browser.find_element(By.TAG_NAME, "h1").text
    _shots(browser, "person-report")
    publish(SCREENSHOTS / "person-report-1366.png", "auskunft.png")
    _full_page(browser, "person-report-whole")

    browser.get(f"{live_server}/kontakte?purpose=newsletter")
    left_out = browser.find_element(By.ID, "left-out-persons")
    left_out.find_element(By.TAG_NAME, "summary").click()
    assert left_out.find_elements(By.CSS_SELECTOR, "tr.left-out")
    _shots(browser, "contacts-left-out")

    browser.get(f"{live_server}/luecken?alliance=alliance-mint-initiativkreis-trier")
    assert "im Ausschnitt" in browser.find_element(By.ID, "figure-actors").text
    _shots(browser, "gaps-filtered")

    browser.get(
        f"{live_server}/luecken/abdeckung?cell=region-trier-mitte-gartenfeld|stage-primarstufe"
    )
    drill = browser.find_element(By.ID, "drill").text
    assert "Verwaltung und Agenturen" in drill
    browser.execute_script("document.getElementById('drill').scrollIntoView()")
    _shots(browser, "coverage-drill")


def _full_page(browser, name: str) -> None:
    """The whole report page at 1366 px (tall), to look at every section at once."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1366, min(height + 100, 6000))
    screenshot(browser, name)
    browser.set_window_size(1400, 1000)
