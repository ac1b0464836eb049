"""The public Bildungslandkarte as a citizen uses it: on a phone, a laptop and a large screen,
by mouse and by keyboard, without horizontal scrolling and without axe violations."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.operations import sharing
from tests.browser.conftest import SCREENSHOTS, publish, screenshot, wait_replaced
from tests.browser.test_accessibility import AXE, describe, run_axe

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (375, 812), "laptop": (1366, 900), "wide": (1920, 1080)}


@pytest.fixture
def sized(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The browser with its viewport set per test (reset afterwards: it is shared)."""
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _size(browser: webdriver.Chrome, width: int, height: int) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def _open_map(store: graph.Store) -> None:
    seed.load(store)
    sharing.save_public_map(
        store, enabled=True, title="Bildungslandkarte Trier", intro="Wer bietet was?", user="admin"
    )


def _no_sideways_scroll(browser: webdriver.Chrome, where: str) -> None:
    wide, inner = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )
    assert wide <= inner, f"{where}: {wide} px breit bei {inner} px Fenster"


def test_every_width_fits_and_shows_list_or_map(sized, live_server: str, store) -> None:
    _open_map(store)
    if not AXE.exists():
        pytest.fail("axe-core fehlt: `make axe` (oder `npm ci --omit=dev`) installiert es.")
    pages = {
        "start": "/bildungslandkarte",
        "karte": "/bildungslandkarte?ansicht=karte&topic=topic-mint&region=region-vg-konz",
        "fehler": "/bildungslandkarte?topic=%3Cscript%3E&region=x%27%22",
        "einbetten": "/bildungslandkarte/einbetten?stage=stage-primarstufe",
    }
    found: list[str] = []
    for size, (width, height) in WIDTHS.items():
        _size(sized, width, height)
        for name, path in pages.items():
            sized.get(live_server + path)
            assert sized.execute_script("return window.innerWidth") == width
            _no_sideways_scroll(sized, f"{name} bei {width} px")
            shot = screenshot(sized, f"landkarte-{name}-{width}")
            if name == "karte" and size != "wide":
                publish(shot, f"bildungslandkarte-{width}.png")
            maps = sized.find_elements(By.CSS_SELECTOR, ".lk-map")
            if maps and maps[0].is_displayed():  # the whole map, in a viewport tall enough
                _size(sized, width, 2400)
                maps[0].screenshot(str(SCREENSHOTS / f"landkarte-{name}-{width}-karte.png"))
                _size(sized, width, height)
            tiles = [
                t for t in sized.find_elements(By.CSS_SELECTOR, "a.lk-tile") if t.is_displayed()
            ]
            offers = sized.find_elements(By.CSS_SELECTOR, ".lk-offer")
            if name == "start":
                # a phone shows the list only; larger screens the map beside it
                assert (not tiles) if size == "phone" else len(tiles) >= 25
                assert offers and offers[0].is_displayed()
            if name == "karte":
                assert tiles, "the map is shown when asked for, also on a phone"
                current = sized.find_element(By.CSS_SELECTOR, "a.lk-tile.is-selected")
                assert "Konz" in (current.get_attribute("aria-label") or "")
            if name == "fehler":
                alert = sized.find_element(By.CSS_SELECTOR, ".lk-errors").text
                assert "Dieses Thema gibt es nicht" in alert and "Diese Region" in alert
            found += describe(
                f"landkarte-{name}-{width}", run_axe(sized, f"landkarte-{name}-{width}")
            )
    assert not found, "\n".join(found)


def _press_enter(browser: webdriver.Chrome, element: WebElement) -> None:
    """Enter on ``element`` (a link or button that loads a page); wait for the new page."""
    old = browser.find_element(By.TAG_NAME, "html")
    element.send_keys(Keys.ENTER)
    wait_replaced(browser, old)


def test_the_filters_and_the_tiles_work_by_keyboard(sized, live_server: str, store) -> None:
    _open_map(store)
    _size(sized, 1366, 900)
    sized.get(live_server + "/bildungslandkarte")
    topic = sized.find_element(By.ID, "lk-topic")
    topic.send_keys(Keys.ARROW_DOWN)  # first topic
    chosen = Select(topic).first_selected_option.get_attribute("value")
    assert chosen
    button = sized.find_element(By.CSS_SELECTOR, ".lk-filter button[type=submit]")
    topic.send_keys(Keys.TAB)
    assert sized.switch_to.active_element == sized.find_element(By.ID, "lk-stage")
    _press_enter(sized, button)
    assert parse_qs(urlparse(sized.current_url).query)["topic"] == [chosen]

    # Tab from the last view switch reaches the first tile; Enter filters by its region
    sized.get(live_server + "/bildungslandkarte?ansicht=karte")
    switch = sized.find_elements(By.CSS_SELECTOR, ".lk-views a")[-1]
    switch.send_keys(Keys.TAB)
    tile = sized.switch_to.active_element
    assert "lk-tile" in (tile.get_attribute("class") or ""), tile.get_attribute("outerHTML")
    name = (tile.get_attribute("aria-label") or "").split(":")[0]
    _press_enter(sized, tile)
    region = parse_qs(urlparse(sized.current_url).query)["region"][0]
    summary = sized.find_element(By.ID, "lk-summary").text
    assert name in summary, (region, summary)
    screenshot(sized, "landkarte-kachel-gewaehlt-1366")
