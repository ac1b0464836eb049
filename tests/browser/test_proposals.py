"""Across the border in headless Chromium: the district proposes, the city decides.

An editor of the Landkreis changes a city actor's town in the ordinary form: nothing is
written, the notice says the change went to the city as a proposal. The city's editor finds
it on the Änderungspakete page, sees the proposed value and accepts it. The actor's history,
read by either office, names both: the proposal by the district's editor, the change by the
city's editor with "vorgeschlagen von".
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.core import bulk
from tests.browser.conftest import screenshot, submit
from tests.conftest import PASSWORD
from tests.integration.test_organisations import ORGS

pytestmark = pytest.mark.browser


def _login(browser, base: str, name: str) -> None:
    browser.delete_all_cookies()
    browser.get(f"{base}/anmelden")
    browser.find_element(By.ID, "username").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def _history(browser) -> str:
    return str(browser.find_element(By.ID, "history").get_attribute("textContent"))


def test_district_proposes_city_accepts(browser, live_server: str, store: graph.Store) -> None:
    bulk.save_organisations(store, ORGS)
    users.create_user(store, "redaktion-stadt", PASSWORD, role="editor", org="stadt")
    users.create_user(store, "redaktion-kreis", PASSWORD, role="editor", org="kreis")
    actor = graph.create_record(
        store,
        graph.Actor(name="Grundschule Olewig", kind="Schule", town="Trier"),
        user="redaktion-stadt",
    )

    _login(browser, live_server, "redaktion-kreis")
    browser.get(f"{live_server}/akteure/{actor.id}/bearbeiten")
    town = browser.find_element(By.ID, "f-town")
    town.clear()
    town.send_keys("Trier-Olewig")
    submit(browser, browser.find_element(By.ID, "save"))
    notice = browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "Ihre Änderung wurde der Stadt Trier als Vorschlag geschickt." in notice
    assert graph.get(store, graph.Actor, actor.id).town == "Trier"
    assert "redaktion-kreis" in _history(browser)
    screenshot(browser, "proposal-sent")

    _login(browser, live_server, "redaktion-stadt")
    browser.get(f"{live_server}/aenderungen")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Grundschule Olewig")
    submit(browser, link)
    assert "Trier-Olewig" in browser.find_element(By.ID, "vorschlag").text
    screenshot(browser, "proposal-review")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#proposal-accept button"))
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".flash")))
    assert "Vorschlag angenommen" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert graph.get(store, graph.Actor, actor.id).town == "Trier-Olewig"

    for name in ("redaktion-stadt", "redaktion-kreis"):  # both offices read both names
        _login(browser, live_server, name)
        browser.get(f"{live_server}/akteure/{actor.id}")
        text = _history(browser)
        assert "redaktion-stadt" in text and "redaktion-kreis" in text, name
        assert "vorgeschlagen von" in text, name
