"""Setting up and using the second factor in a real browser, with the keyboard only: the
QR code shows (CSP allows it as an image), the key is there as text, the code field has
the focus, Enter submits, the backup codes are listed."""

from __future__ import annotations

import time
from typing import Any

import pyotp
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.admin.login_settings import LoginSettings
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.login_helpers import app_with_login


@pytest.fixture
def app(store: graph.Store, tmp_path: Any) -> Any:
    """The app with the strictest policy: every account needs a second factor."""
    return app_with_login(store, tmp_path, LoginSettings(two_factor="everyone"))


def _password_by_keyboard(browser: Any, base: str) -> None:
    browser.get(f"{base}/anmelden")
    browser.switch_to.active_element.send_keys("zweifach")  # the name field has the focus
    browser.switch_to.active_element.send_keys(Keys.TAB, PASSWORD, Keys.ENTER)


def test_set_up_and_log_in_with_the_keyboard(
    browser: Any, live_server: str, store: graph.Store
) -> None:
    users.create_user(store, "zweifach", PASSWORD, role="viewer")
    _password_by_keyboard(browser, live_server)
    WebDriverWait(browser, 10).until(ec.url_contains("/anmelden/zweiter-faktor"))
    qr = browser.find_element(By.CSS_SELECTOR, "img.totp-qr")
    assert qr.get_attribute("alt")
    assert browser.execute_script("return arguments[0].naturalWidth", qr) > 100
    secret = browser.find_element(By.ID, "totp-key").text.replace(" ", "")
    screenshot(browser, "twofactor-setup")
    field = browser.find_element(By.ID, "code")
    field.send_keys(pyotp.TOTP(secret).now(), Keys.ENTER)
    WebDriverWait(browser, 10).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".backup-codes"))
    )
    codes = browser.find_elements(By.CSS_SELECTOR, ".backup-codes code")
    assert len(codes) == 10
    screenshot(browser, "twofactor-backup-codes")

    browser.delete_all_cookies()
    _password_by_keyboard(browser, live_server)
    WebDriverWait(browser, 10).until(ec.url_contains("/anmelden/code"))
    assert browser.switch_to.active_element.get_attribute("id") == "code"
    next_step = pyotp.TOTP(secret).at(time.time() + 30)  # the setup code's step is used up
    browser.switch_to.active_element.send_keys(next_step, Keys.ENTER)
    WebDriverWait(browser, 10).until(ec.url_changes(f"{live_server}/anmelden/code"))
    browser.get(f"{live_server}/konto")
    assert "Eingerichtet" in browser.find_element(By.TAG_NAME, "main").text
