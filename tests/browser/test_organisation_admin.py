"""Organisations in headless Chromium, by keyboard: the instance admin creates an office;
the city's editor hands an actor to the district on its edit page and keeps it as a
co-owner. Screenshots at desktop and phone width.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.core import bulk
from netzwerk.graph.records import history, organisations
from tests.browser.conftest import screenshot, wait_replaced
from tests.browser.test_proposals import _login
from tests.conftest import PASSWORD
from tests.integration.test_organisations import ORGS

pytestmark = pytest.mark.browser

WIDTHS = (1366, 375)


def _enter(browser, element_id: str, text: str) -> None:
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def _press_enter_in(browser, element_id: str) -> None:
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, element_id).send_keys(Keys.ENTER)
    wait_replaced(browser, old)


def _shots(browser, name: str, anchor: str = "") -> None:
    for width in WIDTHS:
        browser.set_window_size(width, 900)
        if anchor:
            browser.execute_script(f"document.getElementById('{anchor}').scrollIntoView()")
        screenshot(browser, f"{name}-{width}")
    browser.set_window_size(1366, 900)


def test_admin_creates_an_office(browser, live_server: str, store: graph.Store) -> None:
    bulk.save_organisations(store, ORGS)
    users.create_user(store, "chef", PASSWORD, role="admin")
    _login(browser, live_server, "chef")
    browser.get(f"{live_server}/verwaltung/organisationen")
    _enter(browser, "o-name", "Verbandsgemeinde Konz")
    _enter(browser, "o-slug", "VG Konz")  # refused: the message stands at the field
    _press_enter_in(browser, "o-slug")
    error = browser.find_element(By.CSS_SELECTOR, ".has-error .errors").text
    assert "Kleinbuchstaben" in error
    assert browser.find_element(By.ID, "o-name").get_attribute("value") == ("Verbandsgemeinde Konz")
    _enter(browser, "o-slug", "vg-konz")
    _enter(browser, "o-recipient", "der Verbandsgemeinde Konz")
    _press_enter_in(browser, "o-recipient")
    table = browser.find_element(By.ID, "organisations").text
    assert "Verbandsgemeinde Konz" in table
    assert "vg-konz" in {o.slug for o in organisations.all_organisations(store)}
    _shots(browser, "organisations")


def test_editor_hands_an_actor_over(browser, live_server: str, store: graph.Store) -> None:
    bulk.save_organisations(store, ORGS)
    users.create_user(store, "redaktion-stadt", PASSWORD, role="editor", org="stadt")
    actor = graph.create_record(
        store,
        graph.Actor(name="Jugendzentrum Ehrang", kind="Verein/Initiative", town="Trier"),
        user="redaktion-stadt",
    )
    _login(browser, live_server, "redaktion-stadt")
    browser.get(f"{live_server}/akteure/{actor.id}/bearbeiten#organisation")
    _shots(browser, "record-owners", anchor="organisation")
    owner = browser.find_element(By.ID, "owner-org")
    owner.send_keys("Landkreis")  # a select takes typed letters, as a keyboard user does
    co = browser.find_element(By.CSS_SELECTOR, "#organisation input[name=co_orgs][value=stadt]")
    co.send_keys(Keys.SPACE)
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, "save-owners").send_keys(Keys.ENTER)
    wait_replaced(browser, old)
    notice = browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert "gehört jetzt Landkreis" in notice
    found = organisations.owners_of(store, "Actor", [actor.id])[actor.id]
    assert found == organisations.Owners("kreis", ("stadt",))
    entry = history.for_record(store, actor.id)[0]
    assert entry.changes["org"] == ["stadt", "kreis"]
