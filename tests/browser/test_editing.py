"""A network manager's editing session in headless Chromium, end to end.

Log in → create an actor (past the duplicate warning) → add a person, an alliance membership
and a cooperation through autocomplete → see them on the detail page → save a stale form and
get the conflict page → merge a duplicate → read the history.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from netzwerk import graph
from tests.browser.conftest import browser_login, screenshot, submit, wait_replaced

pytestmark = pytest.mark.browser


def _submit(browser, by: str, value: str) -> None:
    """Click something that loads a new page and wait until the old page is gone, so no
    later lookup can grab an element of the page being replaced (a stale element)."""
    submit(browser, browser.find_element(by, value))


def _link_via_autocomplete(browser, section_id: str, typed: str, pick: str, **fields: str) -> None:
    section = browser.find_element(By.ID, section_id)
    section.find_element(By.CSS_SELECTOR, "details.add-link summary").click()
    box = section.find_element(By.CSS_SELECTOR, "input.ac-input")
    box.send_keys(typed)
    option = WebDriverWait(browser, 10).until(
        lambda d: next(
            (
                li
                for li in section.find_elements(By.CSS_SELECTOR, ".ac-list li[role=option]")
                if pick in li.text
            ),
            None,
        )
    )
    option.click()
    assert section.find_element(By.CSS_SELECTOR, "input[name=other_id]").get_attribute("value")
    for name, value in fields.items():
        element = section.find_element(By.NAME, name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.send_keys(value)
    section.find_element(By.CSS_SELECTOR, "form.linkform button[type=submit]").click()
    # the old page may already show a flash message: wait until it is really replaced
    wait_replaced(browser, section, 10)
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".flash")))


def test_editing_walkthrough(browser, live_server: str, store: graph.Store) -> None:
    dup = graph.create_record(
        store,
        graph.Actor(name="VHS Trier", kind="VHS/Weiterbildung", phone="0651 718-0"),
        user="test",
    )
    graph.create_record(
        store, graph.Actor(name="Grundschule Ehrang", kind="Schule", town="Trier"), user="test"
    )
    graph.create_record(store, graph.Alliance(name="MINT-Initiativkreis Trier"), user="test")
    graph.create_record(store, graph.Person(first_name="Anna", last_name="Becker"), user="test")
    browser_login(browser, live_server, store, "editor")

    # create an actor; the duplicate warning names "VHS Trier" and needs a confirmation
    browser.get(live_server + "/akteure/neu")
    browser.find_element(By.ID, "f-name").send_keys("Volkshochschule Trier")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("VHS/Weiterbildung")
    browser.find_element(By.ID, "f-town").send_keys("Trier")
    _submit(browser, By.ID, "save")
    warning = browser.find_element(By.ID, "duplicate-warning")
    assert "VHS Trier" in warning.text
    browser.find_element(By.ID, "confirm_duplicate").click()
    _submit(browser, By.ID, "save")
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "record-name")))
    assert browser.find_element(By.ID, "record-name").text == "Volkshochschule Trier"
    actor_id = browser.current_url.rsplit("/", 1)[1]
    assert (
        browser.find_element(By.ID, "ego-link")
        .get_attribute("href")
        .endswith(f"/netzwerk/ego/{actor_id}")
    )

    _link_via_autocomplete(browser, "sec-works_at-in", "Beck", "Anna Becker", function="Leitung")
    _link_via_autocomplete(
        browser, "sec-member_of-out", "MINT", "MINT-Initiativkreis Trier", role="Koordination"
    )
    _link_via_autocomplete(
        browser,
        "sec-cooperates_with-any",
        "Ehrang",
        "Grundschule Ehrang",
        kind="Verweisberatung",
        intensity="3",
        source="Netzwerktreffen 2024",
    )
    persons = browser.find_element(By.ID, "sec-works_at-in").text
    assert "Anna Becker" in persons and "Leitung" in persons
    assert "Koordination" in browser.find_element(By.ID, "sec-member_of-out").text
    coop = browser.find_element(By.ID, "sec-cooperates_with-any").text
    assert "Grundschule Ehrang" in coop and "Netzwerktreffen 2024" in coop and "eng" in coop

    # a colleague saves while the form is open: the save shows the conflict, keeps the input
    browser.get(f"{live_server}/akteure/{actor_id}/bearbeiten")
    current = graph.get(store, graph.Actor, actor_id)
    graph.update_record(store, graph.Actor(**{**current.__dict__, "town": "Konz"}), user="test")
    town = browser.find_element(By.ID, "f-town")
    town.clear()
    town.send_keys("Schweich")
    _submit(browser, By.ID, "save")
    conflict = browser.find_element(By.CSS_SELECTOR, ".conflict")
    assert "inzwischen gespeichert" in conflict.text
    assert "Konz" in conflict.text and "Schweich" in conflict.text
    assert browser.find_element(By.ID, "f-town").get_attribute("value") == "Schweich"
    screenshot(browser, "edit-conflict")

    # merge the duplicate "VHS Trier" into the new actor
    browser.get(f"{live_server}/akteure/{actor_id}/zusammenfuehren")
    _submit(browser, By.LINK_TEXT, "VHS Trier")
    _submit(browser, By.ID, "confirm-merge")
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "history")))
    assert "zusammengeführt" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Actor, dup.id)
    assert graph.get(store, graph.Actor, actor_id).phone == "0651 718-0"

    history = browser.find_element(By.ID, "history").text
    for word in ("angelegt", "verknüpft", "zusammengeführt"):
        assert word in history, word
    assert screenshot(browser, "actor-edited").stat().st_size > 10_000
