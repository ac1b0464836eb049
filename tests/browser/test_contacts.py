"""One walk through the contact export preview and the import dry run in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.admin import users
from netzwerk.graph.personal import contacts
from netzwerk.graph.records import visibility
from tests.browser.conftest import browser_login, publish, screenshot, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

CITY, CITY_EDITOR = "stadt-trier", "redaktion-stadt"


def test_export_preview_and_import_dry_run(
    browser, live_server: str, store: graph.Store, tmp_path: Path
) -> None:
    seed_mod.load(store)
    # an editor of the city's office: sees the city's persons, never the district's
    users.create_user(store, CITY_EDITOR, PASSWORD, role="editor", org=CITY, contacts=True)
    browser_login(browser, live_server, store, CITY_EDITOR)

    browser.get(f"{live_server}/kontakte")
    Select(browser.find_element(By.ID, "f-region")).select_by_value("region-stadt-trier")
    browser.find_element(By.CSS_SELECTOR, "input[name=purpose][value=newsletter]").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, ".ct-filter button[type=submit]"))
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "export-count")))
    with visibility.reading_as(CITY):
        expected = contacts.select(
            store, contacts.ContactFilter(region="region-stadt-trier"), "newsletter"
        )
    everyone = contacts.select(
        store, contacts.ContactFilter(region="region-stadt-trier"), "newsletter"
    )
    assert len(expected.rows) < len(everyone.rows), "the district's persons are left out"
    assert browser.find_element(By.ID, "export-count").text == str(len(expected.rows))
    assert browser.find_element(By.ID, "left-out-count").text == str(expected.left_out_total)
    assert expected.left_out_total > 0, "the demo data has persons without newsletter consent"
    assert "Einwilligung in den Newsletter" in browser.find_element(By.ID, "left-out-reasons").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#export-preview tbody tr")
    assert len(rows) == min(10, len(expected.rows))
    browser.set_window_size(1400, 1750)  # filter, figures, preview and download in one picture
    try:
        shot = screenshot(browser, "export")
    finally:
        browser.set_window_size(1400, 1000)
    publish(shot, "export.png")

    data = tmp_path / "partner.csv"
    data.write_bytes(
        (
            "Einrichtung;Art;PLZ;Ort;E-Mail\r\n"
            "Leseclub Ehrang;Verein/Initiative;54293;Trier;info@leseclub.example\r\n"
            "Leseclub Ehrang;Verein/Initiative;54293;Trier;\r\n"
            ";Schule;54290;Trier;\r\n"
        ).encode("cp1252")
    )
    browser.get(f"{live_server}/import")
    browser.find_element(By.ID, "i-file").send_keys(str(data))
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.ct-card button[type=submit]"))
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "mapping-form")))
    assert (
        Select(browser.find_element(By.ID, "col0")).first_selected_option.get_attribute("value")
        == "name"
    )
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#mapping-form button[type=submit]"))
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "dry-run-counts")))
    counts = {
        el.get_attribute("data-count"): el.text
        for el in browser.find_elements(By.CSS_SELECTOR, "#dry-run-counts [data-count]")
    }
    assert counts == {
        "create": "1",
        "update": "0",
        "unchanged": "0",
        "duplicate": "1",
        "review": "0",
        "skipped": "0",
        "error": "1",
    }
    assert "Pflichtfeld" in browser.find_element(By.ID, "row-errors").text
    screenshot(browser, "import-dry-run")
