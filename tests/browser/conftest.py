"""Browser tests: the real app served by waitress on loopback, driven by Debian's Chromium.

``make test`` installs ``chromium`` and ``chromium-driver`` from Debian; a test tool's own
browser download does not work on these machines. Screenshots land in ``build/screenshots``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import users
from tests.conftest import PASSWORD, waitress_server

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """Base URL of the app served by the production WSGI server in a thread."""
    with waitress_server(app, threads=4) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def _chrome() -> Iterator[webdriver.Chrome]:
    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.exit(
            "Chromium fehlt: `make test` installiert chromium und chromium-driver "
            "(apt-get install chromium chromium-driver).",
            returncode=3,
        )
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--lang=de-DE",
    ):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


@pytest.fixture
def browser(_chrome: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The shared Chromium with cookies cleared, so each test starts logged out."""
    _chrome.delete_all_cookies()
    yield _chrome
    _chrome.delete_all_cookies()


def browser_login(
    browser: webdriver.Chrome, base: str, store: graph.Store, role: str = "editor"
) -> None:
    """Create an account with ``role`` (if needed) and log in through the form."""
    if users.find_user(store, role) is None:
        users.create_user(store, role, PASSWORD, role=role)
    browser.get(f"{base}/anmelden")
    browser.find_element(By.ID, "username").send_keys(role)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(ec.url_changes(f"{base}/anmelden"))


def submit(browser: webdriver.Chrome, button: WebElement, timeout: float = 15) -> None:
    """Click ``button`` (something that loads a new page) and wait until the old page is gone.

    Waiting for the old ``<html>`` to go stale keeps later lookups off the page being
    replaced. ChromeDriver can answer "unhandled inspector error" instead of "stale element"
    while the old document is torn down; that answer means "not yet", so it is retried
    rather than failing the walk (seen once in CI on a loaded machine).
    """
    old = browser.find_element(By.TAG_NAME, "html")
    button.click()
    wait_replaced(browser, old, timeout)


def wait_replaced(browser: webdriver.Chrome, old: WebElement, timeout: float = 15) -> None:
    """Wait until ``old`` (an element of the page being left) is detached; see `submit`."""
    WebDriverWait(browser, timeout, ignored_exceptions=(WebDriverException,)).until(
        ec.staleness_of(old)
    )


def screenshot(browser: webdriver.Chrome, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    return path


def publish(path: Path, name: str) -> None:
    """Copy a screenshot into docs/img for the README, only when asked to.

    Tests must not change tracked files on every run; refresh the documentation pictures
    deliberately with ``NETZWERK_UPDATE_DOC_IMAGES=1 make test``.
    """
    import os

    if os.environ.get("NETZWERK_UPDATE_DOC_IMAGES") == "1":
        target = Path(__file__).resolve().parents[2] / "docs" / "img" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
