"""The consent ledger and the Löschkonzept review in Chromium (with screenshots)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from netzwerk import graph
from netzwerk.graph.operations.consent import record_consent
from netzwerk.graph.personal.consent import Consent
from tests.browser.conftest import browser_login, screenshot
from tests.browser.test_survey import _submit

pytestmark = pytest.mark.browser


def test_record_a_consent_and_review(browser, live_server: str, store: graph.Store) -> None:
    p = graph.create_record(
        store, graph.Person(id="p-eva", first_name="Eva", last_name="Muster"), user="t"
    )
    other = graph.create_record(store, graph.Person(first_name="Otto", last_name="Alt"), user="t")
    record_consent(
        store,
        Consent(
            person_id=other.id,
            date=date.today() - timedelta(days=300),
            expires=date.today() + timedelta(days=20),
            source="Netzwerktreffen 2025",
            wording="Ich bin einverstanden, eingeladen zu werden.",
        ),
        user="admin",
    )
    browser_login(browser, live_server, store, "admin")
    browser.get(f"{live_server}/personen/{p.id}")
    _submit(browser, browser.find_element(By.ID, "consent-link"))
    Select(browser.find_element(By.ID, "c-purpose")).select_by_value("newsletter")
    browser.execute_script(
        "document.getElementById('c-date').value = arguments[0]", date.today().isoformat()
    )
    browser.find_element(By.ID, "c-source").send_keys("Anmeldung Fachtag")
    browser.find_element(By.ID, "c-wording").send_keys("Ich möchte den Newsletter erhalten.")
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "#consent-form button"))
    ledger = browser.find_element(By.ID, "consent-ledger").text
    assert "Anmeldung Fachtag" in ledger and "Ich möchte den Newsletter erhalten." in ledger
    assert graph.get(store, graph.Person, p.id).consent_newsletter is True
    for width in (1366, 1920):
        browser.set_window_size(width, 900)
        screenshot(browser, f"consent-person-{width}")
    browser.get(f"{live_server}/datenschutz/einwilligungen")
    assert "Otto Alt" in browser.find_element(By.ID, "expiring").text
    for width in (1366, 1920):
        browser.set_window_size(width, 900)
        screenshot(browser, f"consent-review-{width}")
    browser.set_window_size(1400, 1000)
    row = browser.find_element(By.CSS_SELECTOR, "#expiring tbody tr")
    _submit(browser, row.find_element(By.CSS_SELECTOR, "button[value=keep]"))
    assert not browser.find_elements(By.ID, "expiring")


def test_a_person_confirms_a_consent_by_keyboard(
    browser, live_server: str, store: graph.Store
) -> None:
    import hashlib

    from selenium.webdriver.common.keys import Keys

    from netzwerk.graph.operations.consent import record_pending_consent

    p = graph.create_record(
        store, graph.Person(first_name="Pia", last_name="Muster", email="pia@example.org"), user="t"
    )
    pending = record_pending_consent(
        store,
        Consent(
            person_id=p.id,
            date=date.today(),
            source="Befragung 2025",
            wording="Ich bin mit der Kontaktaufnahme einverstanden.",
        ),
        given_by="VHS Trier (Max Kollege) über den Befragungslink der Einrichtung",
        how="Befragung",
        user="manager",
    )
    secret = "geheimnis-fuer-den-browsertest-1234"
    store.write(
        "consent/set_confirmation",
        id=pending.id,
        hash=hashlib.sha256(secret.encode()).hexdigest(),
        expires=date.today() + timedelta(days=30),
        sent=True,
    )
    browser.get(f"{live_server}/einwilligung/{pending.id}.{secret}")
    details = browser.find_element(By.ID, "confirm-details").text
    assert "Max Kollege" in details and "Kontaktaufnahme einverstanden" in details
    screenshot(browser, "consent-confirm")
    button = browser.find_element(By.CSS_SELECTOR, "#confirm-form button[value=confirm]")
    button.send_keys(Keys.ENTER)  # reachable and usable by keyboard
    result = WebDriverWait(browser, 30).until(
        ec.presence_of_element_located((By.ID, "confirm-result"))
    )
    assert "bestätigt" in result.text
    assert graph.get(store, graph.Person, p.id).consent_contact is True
