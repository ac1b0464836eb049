"""The organisation filter chosen on the gap page by an editor of the city: the partners
of the district, then the links across the border, kept in the picture; the region's
report with its chapter on the border; at a desk's and a phone's width, with no axe
violation on these pages."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed, users
from netzwerk.graph.network.filters import ACROSS
from tests.browser.conftest import screenshot, submit
from tests.browser.test_accessibility import AXE, describe, run_axe
from tests.browser.test_network import wait_ready
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _login_city(browser, base: str, store: graph.Store) -> None:
    users.create_user(store, "red-stadt", PASSWORD, role="editor", org="stadt-trier")
    browser.get(f"{base}/anmelden")
    browser.find_element(By.ID, "username").send_keys("red-stadt")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.url_changes(f"{base}/anmelden"))


def test_choosing_the_organisation_filter(browser, live_server: str, store: graph.Store) -> None:
    assert AXE.exists(), "axe-core fehlt: `npm ci` (make test) installiert es"
    seed.load(store)
    _login_city(browser, live_server, store)
    violations: list[str] = []
    for width in (1366, 375):
        browser.set_window_size(width, 1000)
        browser.get(live_server + "/luecken")
        choice = Select(browser.find_element(By.NAME, "organisation"))
        options = [o.text for o in choice.options]
        assert options[:2] == ["ganze Region", "unsere Partner (Stadt Trier)"], options
        choice.select_by_visible_text("Partner: Landkreis Trier-Saarburg")
        form = browser.find_element(By.CSS_SELECTOR, "form.gap-filter")
        submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "organisation=kreis-trier-saarburg" in browser.current_url
        body = browser.find_element(By.TAG_NAME, "main").text
        assert "im Ausschnitt" in body
        screenshot(browser, f"organisation-filter-{width}")
        violations += describe(f"luecken-partner-{width}", run_axe(browser, f"org-{width}"))

        browser.get(live_server + "/netzwerk")
        wait_ready(browser)
        Select(browser.find_element(By.ID, "f-organisation")).select_by_value(ACROSS)
        form = browser.find_element(By.ID, "network-filter")
        submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        wait_ready(browser)
        assert f"organisation={ACROSS}" in browser.current_url
        chosen = Select(browser.find_element(By.ID, "f-organisation")).first_selected_option
        assert chosen.text == "Verbindungen über die Grenze"
        screenshot(browser, f"organisation-grenze-{width}")
        violations += describe(f"netzwerk-grenze-{width}", run_axe(browser, f"grenze-{width}"))
        browser.get(live_server + "/bericht")
        border = browser.find_element(By.ID, "report-border")
        assert "Verbindungen über die Grenze" in border.text
        browser.execute_script("arguments[0].scrollIntoView()", border)
        screenshot(browser, f"organisation-bericht-{width}")
        violations += describe(f"bericht-{width}", run_axe(browser, f"bericht-grenze-{width}"))
    browser.set_window_size(1400, 1000)
    assert violations == []
