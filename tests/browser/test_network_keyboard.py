"""The network picture without a mouse, in Chromium on the demo region, by keys only:
skip links, walking through actors and along their links, what the screen reader hears,
focus, pin, move and release, Escape from anywhere, and the picture as a table."""

from __future__ import annotations

import time
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed
from tests.browser.conftest import browser_login, screenshot
from tests.browser.test_network import wait_ready

pytestmark = pytest.mark.browser


def _active_id(browser: Any) -> str:
    return str(browser.execute_script("return document.activeElement.id || ''"))


def _press(browser: Any, *keys: str) -> None:
    ActionChains(browser).send_keys(*keys).perform()


def _tab_to(browser: Any, element_id: str, limit: int = 120) -> int:
    """Press Tab until ``element_id`` has the focus; returns how many presses it took."""
    for n in range(1, limit + 1):
        _press(browser, Keys.TAB)
        if _active_id(browser) == element_id:
            return n
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def _said(browser: Any) -> str:
    return str(browser.find_element(By.ID, "network-announce").text).strip()


def _state(browser: Any, expr: str) -> Any:
    return browser.execute_script(f"return netzwerkBild.{expr}")


def _names(browser: Any) -> dict[str, str]:
    return dict(
        browser.execute_script(
            "const out = {}; netzwerkBild.data.nodes.forEach(n => out[n.id] = n.name); return out"
        )
    )


def _shots(browser: Any, name: str) -> None:
    try:
        for width in (1366, 1920, 375):
            browser.set_window_size(width, 1100)
            time.sleep(0.2)
            screenshot(browser, f"{name}-{width}")
    finally:
        browser.set_window_size(1400, 1000)


def test_the_picture_by_keys_only(browser, live_server: str, store: graph.Store) -> None:
    seed.load(store)
    browser_login(browser, live_server, store, "viewer")
    browser.get(live_server + "/netzwerk")
    wait_ready(browser)
    # the first Tab reaches the skip link, which leads past the navigation to the content
    _press(browser, Keys.TAB)
    skip = browser.switch_to.active_element
    assert (skip.get_attribute("href") or "").endswith("#main") and skip.is_displayed()
    _tab_to(browser, "network")
    names, order = _names(browser), _state(browser, "keys.order")
    assert len(order) == _state(browser, "nodeCount") > 50

    # ← → walk the actors by name; the screen reader hears the actor and its partners
    _press(browser, Keys.ARROW_RIGHT)
    assert _state(browser, "selected") == order[0]
    _press(browser, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_LEFT)
    assert _state(browser, "selected") == order[1]
    _press(browser, Keys.END)
    assert _state(browser, "selected") == order[-1]
    _press(browser, Keys.HOME)
    first = order[0]
    partners = sorted(_state(browser, f"adjacency['{first}']"), key=lambda p: names[p])
    said = _said(browser)
    assert said.startswith(names[first]) and f"{len(partners)} Verbindungen" in said, said
    assert names[partners[0]] in said
    assert not browser.find_element(By.ID, "network-panel").get_attribute("hidden")

    # ↑ ↓ walk its links; Enter follows one
    _press(browser, Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    expected = partners[1 % len(partners)]
    assert _state(browser, "linkTo") == expected
    assert f"Verbindung {1 % len(partners) + 1} von {len(partners)}" in _said(browser)
    assert names[expected] in _said(browser)
    _press(browser, Keys.ENTER)
    assert _state(browser, "selected") == expected
    assert first in _state(browser, f"adjacency['{expected}']")
    assert _said(browser).startswith(names[expected])

    # F focuses on the surroundings; P pins; Alt + arrows move (pinned); P again releases
    _press(browser, "f")
    assert _state(browser, "focused.id") == expected
    home = _state(browser, f"network.getPositions(['{expected}'])['{expected}']")
    _press(browser, "p")
    assert _state(browser, f"pins['{expected}']") is not None
    assert "festgehalten" in _said(browser)
    assert browser.find_element(By.ID, "pin-count").text == "1"
    ActionChains(browser).key_down(Keys.ALT).send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).key_up(
        Keys.ALT
    ).perform()
    moved = _state(browser, f"pins['{expected}']")
    assert moved[0] > home["x"] + 5 and abs(moved[1] - home["y"]) < 2
    _shots(browser, "network-keyboard")
    _press(browser, "p")
    assert _state(browser, f"pins['{expected}']") is None
    back = _state(browser, f"network.getPositions(['{expected}'])['{expected}']")
    assert abs(back["x"] - home["x"]) < 2 and abs(back["y"] - home["y"]) < 2
    assert "wieder frei" in _said(browser)

    # Escape clears, on the canvas and from the side panel (the focus returns to the picture)
    _press(browser, Keys.ESCAPE)
    assert _state(browser, "selected") is None and _said(browser) == "Auswahl aufgehoben."
    assert browser.find_element(By.ID, "network-panel").get_attribute("hidden")
    _press(browser, Keys.ARROW_RIGHT)
    _press(browser, Keys.TAB)
    inside = browser.execute_script(
        "return document.getElementById('network-panel').contains(document.activeElement)"
    )
    assert inside, browser.execute_script("return document.activeElement.outerHTML.slice(0, 200)")
    _press(browser, Keys.ESCAPE)
    assert _state(browser, "selected") is None and _active_id(browser) == "network"

    # the same picture as a table: every actor, its kind, its partners as links to their rows
    _tab_to(browser, "network-table-toggle")
    _press(browser, Keys.ENTER)
    assert _active_id(browser) == "network-table-heading"
    rows = browser.find_elements(By.CSS_SELECTOR, "#network-table tbody tr")
    assert len(rows) == len(order)
    row = browser.find_element(By.XPATH, f"//tbody/tr[th//a[text()={_xpath(names[first])}]]")
    cells = row.find_elements(By.TAG_NAME, "td")
    assert cells[0].text  # the kind
    assert int(cells[1].text) == len(partners)
    linked = [a.text for a in cells[2].find_elements(By.TAG_NAME, "a")]
    assert linked == [names[p] for p in partners]
    _press(browser, Keys.TAB, Keys.TAB)  # the scrolling region, then the first row's name
    assert browser.switch_to.active_element.text == names[first]
    _press(browser, Keys.TAB, Keys.ENTER)  # its first partner: the focus goes to that row
    assert browser.switch_to.active_element.text == names[partners[0]]
    assert _state(browser, "selected") == partners[0]
    _shots(browser, "network-table")


def _xpath(text: str) -> str:
    """An XPath string literal for ``text`` (names may hold either quote)."""
    if "'" not in text:
        return f"'{text}'"
    parts = text.split("'")
    return "concat('" + "', \"'\", '".join(parts) + "')"


def test_every_picture_has_its_table_and_skip_link(
    browser, live_server: str, store: graph.Store
) -> None:
    seed.load(store)
    browser_login(browser, live_server, store, "viewer")
    for path in ("/netzwerk/buendnisse", "/netzwerk/ego/actor-kbm-trier"):
        browser.get(f"{live_server}{path}")
        wait_ready(browser)
        # the skip link above the picture opens the table
        link = browser.find_element(By.CSS_SELECTOR, "a.skip[href='#network-table']")
        browser.execute_script("arguments[0].focus()", link)
        _press(browser, Keys.ENTER)
        WebDriverWait(browser, 5).until(
            lambda b: b.find_element(By.ID, "network-table").is_displayed()
        )
        rows = browser.find_elements(By.CSS_SELECTOR, "#network-table tbody tr")
        assert len(rows) == _state(browser, "nodeCount") > 1, path
        edges = _state(browser, "data.edges.length")
        links = browser.find_elements(By.CSS_SELECTOR, "#network-table tbody td a")
        assert len(links) == 2 * edges, path  # every link listed at both of its ends
