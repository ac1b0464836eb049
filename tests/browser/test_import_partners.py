"""The partner-list import in Chromium: the office's partner list (cp1252 CSV, then the
same as XLSX) with hostile cells — map values, review matches, commit — and everything is
on the pages."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.admin import users
from tests.browser.conftest import browser_login, screenshot, submit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

CITY, CITY_EDITOR = "stadt-trier", "redaktion-stadt"

HEADER = [
    "Name", "Art", "Straße", "PLZ", "Ort", "E-Mail", "Telefon", "Themen", "Bündnis", "Rolle",
    "Ansprechperson", "Funktion",
]  # fmt: skip
HOSTILE_NAME = '=HYPERLINK("http://evil.example","klick")'
ROWS = [
    [
        "Leseclub Ehrang", "Verein", "Kyllstraße 2", "54293", "Trier", "info@leseclub.example",
        "0651 123", "Alphabetisierung, Digitalisierung",
        "Trierer Bündnis für Alphabetisierung und Grundbildung", "Mitglied",
        "Dr. Eva Schmidt\nJan O'Brien", "Leitung\n<script>alert(1)</script>",
    ],
    [
        HOSTILE_NAME, "Kindertagesstätte", "", "54290", "Trier", "", "", "Frühe Bildung",
        "", "", "", "",
    ],
    [
        "Jugendmigrationsdienst Trier", "Beratung", "", "54290", "Trier", "", "", "Integration",
        "", "", "", "",
    ],
    ["Haus der Jugend", "Jugendhaus", "", "54292", "Trier", "", "", "", "", "", "", ""],
]  # fmt: skip


def _csv() -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([HEADER, *ROWS])
    return out.getvalue().encode("cp1252")


def _xlsx() -> bytes:
    wb = Workbook()
    ws = wb.worksheets[0]
    for row in [HEADER, *ROWS]:
        ws.append(row)
    ws["A3"].data_type = "s"  # typed as text in Excel, as an office's list would hold it
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _submit(browser, selector: str) -> None:
    submit(browser, browser.find_element(By.CSS_SELECTOR, selector), 30)


def _upload(browser, base: str, path: Path) -> None:
    browser.get(f"{base}/import")
    browser.find_element(By.ID, "i-file").send_keys(str(path))
    _submit(browser, "form.ct-card button[type=submit]")
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "mapping-form")))
    _submit(browser, "#mapping-form button[type=submit]")


def _shots(browser, name: str) -> None:
    for width in (1366, 1920):
        browser.set_window_size(width, 1400)
        screenshot(browser, f"{name}-{width}")
    browser.set_window_size(1400, 1000)


def test_partner_list_in_one_pass_then_again_as_xlsx(
    browser, live_server: str, store: graph.Store, tmp_path: Path
) -> None:
    seed_mod.load(store)
    # an editor of the city's office: sees the city's persons, never the district's
    users.create_user(store, CITY_EDITOR, PASSWORD, role="editor", org=CITY, contacts=True)
    browser_login(browser, live_server, store, CITY_EDITOR)
    browser.get(f"{live_server}/import")
    assert browser.find_element(By.ID, "workbook-template").is_displayed()
    _shots(browser, "import-upload")
    data = tmp_path / "partnerliste.csv"
    data.write_bytes(_csv())
    _upload(browser, live_server, data)

    # values: the proposals are shown; the unknown "Jugendhaus" is mapped by hand
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "values-form")))
    table = browser.find_element(By.ID, "values-kind").text
    assert "Kindertagesstätte" in table and "übliches Synonym" in table
    row = browser.find_element(By.XPATH, "//table[@id='values-kind']//tr[th/label='Jugendhaus']")
    Select(row.find_element(By.TAG_NAME, "select")).select_by_visible_text("Verein/Initiative")
    kita = browser.find_element(
        By.XPATH, "//table[@id='values-kind']//tr[th/label='Kindertagesstätte']"
    )
    assert Select(kita.find_element(By.TAG_NAME, "select")).first_selected_option.text == "Kita"
    _shots(browser, "import-values")
    _submit(browser, "#values-form button[type=submit]")

    # review: the Jugendmigrationsdienst has another postcode than the stored one
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "review-form")))
    assert browser.find_element(By.ID, "import-start").get_attribute("disabled")
    review = browser.find_element(By.ID, "review-0")
    assert "gleicher Name, andere PLZ (54292)" in review.text
    _shots(browser, "import-review")
    review.find_element(By.CSS_SELECTOR, "input[type=radio]").click()  # the same entry
    _submit(browser, "#review-form button.primary")
    counts = {
        el.get_attribute("data-count"): el.text
        for el in browser.find_elements(By.CSS_SELECTOR, "#dry-run-counts [data-count]")
    }
    assert counts["review"] == "0" and counts["error"] == "0", counts
    # the stored postcode differs: listed, kept unless ticked — tick it
    differences = browser.find_element(By.ID, "differences-form")
    assert "54292" in differences.text and "54290" in differences.text
    _shots(browser, "import-differences")
    box = differences.find_element(By.CSS_SELECTOR, "input[value$=':postcode']")
    box.click()
    _submit(browser, "#differences-form button.primary")
    counts = {
        el.get_attribute("data-count"): el.text
        for el in browser.find_elements(By.CSS_SELECTOR, "#dry-run-counts [data-count]")
    }
    assert counts["create"] == "3" and counts["update"] == "1", counts
    changes = browser.find_element(By.ID, "row-changes").text
    assert "54292 → 54290" in changes and "Dr. Eva Schmidt" in changes
    _shots(browser, "import-preview")
    _submit(browser, "#import-start")
    WebDriverWait(browser, 60).until(
        ec.text_to_be_present_in_element((By.ID, "job-state"), "Fertig")
    )

    # the pages: actor with contact persons, topics, membership and seat
    actors = {a.name: a for a in graph.list_nodes(store, graph.Actor, limit=500).items}
    club = actors["Leseclub Ehrang"]
    assert actors["Haus der Jugend"].kind == "Verein/Initiative"
    assert actors[HOSTILE_NAME].kind == "Kita", "a formula-looking name is kept as text"
    browser.get(f"{live_server}/akteure/{club.id}")
    contacts = browser.find_element(By.ID, "sec-contact_for-in").text
    assert "Schmidt" in contacts and "O'Brien" in contacts
    topics = browser.find_element(By.ID, "sec-works_on-out").text
    assert "Alphabetisierung & Grundbildung" in topics and "Digitale Bildung" in topics
    member = browser.find_element(By.ID, "sec-member_of-out").text
    assert (
        "Trierer Bündnis für Alphabetisierung und Grundbildung" in member and "Mitglied" in member
    )
    seat = graph.links_of(store, "Actor", club.id, ["LOCATED_IN"])[0].to_name
    assert seat in browser.find_element(By.ID, "sec-located_in-out").text
    assert "<script>" in browser.find_element(By.ID, "sec-works_at-in").text, "shown as text"
    _shots(browser, "import-actor-page")
    browser.get(f"{live_server}/akteure/{actors[HOSTILE_NAME].id}")
    assert HOSTILE_NAME in browser.find_element(By.TAG_NAME, "h1").text

    # the same list as XLSX: found again, nothing changes
    before = graph.counts(store)
    xlsx = tmp_path / "partnerliste.xlsx"
    xlsx.write_bytes(_xlsx())
    _upload(browser, live_server, xlsx)
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "dry-run-counts")))
    assert browser.find_elements(By.ID, "nothing-to-import"), "re-import changes nothing"
    assert not browser.find_elements(By.ID, "review-form")
    assert graph.counts(store) == before
