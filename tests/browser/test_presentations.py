"""Presentations in Chromium: made and reordered by keyboard, shown full screen with the
arrow keys and Esc, on a phone without sideways scrolling, shared by link; axe on each page,
screenshots at 1366, 1920 and 375 px."""

from __future__ import annotations

from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import presentations
from tests.browser.conftest import browser_login, publish, screenshot, submit, wait_replaced
from tests.browser.test_accessibility import AXE, describe, run_axe
from tests.browser.test_network import wait_ready

WIDTHS = (1366, 1920, 375)


def _axe(browser: webdriver.Chrome, name: str) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core fehlt: `make axe` (oder `npm ci --omit=dev`) installiert es.")
    return describe(name, run_axe(browser, name))


def _no_sideways_scroll(browser: webdriver.Chrome) -> bool:
    return bool(
        browser.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1"
        )
    )


def _screens(
    browser: webdriver.Chrome, name: str, *, picture: bool = False, readme: str = ""
) -> None:
    """Screenshots at each width (a phone's height at 375 px), the page never wider than
    the window; the picture drawn again for each size first. ``readme``: the 1366 px one
    is the README's picture of that name."""
    for width in WIDTHS:
        browser.set_window_size(width, 900 if width > 400 else 812)
        if picture:
            wait_ready(browser)
        browser.execute_script("window.scrollTo(0, 0)")
        shot = screenshot(browser, f"{name}-{width}")
        if readme and width == 1366:
            publish(shot, readme)
        assert _no_sideways_scroll(browser), (name, width)
    browser.set_window_size(1366, 900)


def _order(store: graph.Store, pid: str) -> list[str]:
    p = graph.get(store, Presentation, pid)
    return [s.view.name if s.view else "-" for s in presentations.shown(store, p)]


def _press(browser: webdriver.Chrome, key: str) -> None:
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.TAG_NAME, "body").send_keys(key)
    wait_replaced(browser, old)


@pytest.fixture
def demo(store: graph.Store) -> dict[str, Any]:
    seed.load(store)
    views = [
        sharing.save_view(
            store,
            name=name,
            owner="editor",
            flt=flt,
            colour=colour,
            size=size,
        )
        for name, flt, colour, size in (
            ("Die ganze Region", Filter(), "region", "degree"),
            ("Schulen und Kitas", Filter(actor_kinds=("Schule", "Kita")), "kind", "betweenness"),
            ("Vermittler", Filter(), "brokerage_role", "betweenness"),
        )
    ]
    return {"store": store, "views": views}


def test_make_reorder_by_keyboard_show_and_share(
    browser: webdriver.Chrome, live_server: str, demo: dict[str, Any]
) -> None:
    store, views = demo["store"], demo["views"]
    browser.set_window_size(1366, 900)
    browser_login(browser, live_server, store, "editor")
    findings: list[str] = []

    browser.get(f"{live_server}/praesentationen")
    browser.find_element(By.ID, "f-name").send_keys("Steuerungsgruppe März")
    submit(browser, browser.find_element(By.CSS_SELECTOR, ".pr-new button[type=submit]"))
    pid = browser.current_url.rstrip("/").split("/")[-1]
    for v in views:
        Select(browser.find_element(By.ID, "f-add_view")).select_by_value(v.id)
        submit(browser, browser.find_element(By.CSS_SELECTOR, "button[value=add]"))
    assert _order(store, pid) == ["Die ganze Region", "Schulen und Kitas", "Vermittler"]

    # texts typed, then slide 3 moved up by keyboard: the texts stay, the page opens there
    browser.find_element(By.ID, "f-text_1").send_keys(
        "Die Region hat 170 Akteure.\n\nDrei Bündnisse tragen die meisten Kooperationen."
    )
    browser.find_element(By.ID, "f-text_3").send_keys("Wer vermittelt zwischen den Gruppen?")
    up = browser.find_element(By.CSS_SELECTOR, "button[value='up-3']")
    old = browser.find_element(By.TAG_NAME, "html")
    up.send_keys(Keys.ENTER)
    wait_replaced(browser, old)
    assert browser.current_url.endswith("#folie-2")
    assert _order(store, pid) == ["Die ganze Region", "Vermittler", "Schulen und Kitas"]
    assert "Wer vermittelt" in (
        browser.find_element(By.ID, "f-text_2").get_attribute("value") or ""
    )
    screenshot(browser, "praesentation-verschoben")  # opened at the moved slide
    findings += _axe(browser, "praesentation-bearbeiten")
    browser.execute_script("window.location.hash = ''")
    _screens(browser, "praesentation-bearbeiten", readme="presentation-edit.png")

    # shown: picture as the view draws it, text beside it; arrow keys and Esc
    submit(browser, browser.find_element(By.ID, "show"))
    wait_ready(browser)
    assert "Folie 1 von 3" in browser.page_source
    assert "Drei Bündnisse" in browser.find_element(By.CSS_SELECTOR, ".pr-text").text
    findings += _axe(browser, "praesentation-zeigen")
    _screens(browser, "praesentation-zeigen", picture=True, readme="presentation-show.png")
    _press(browser, Keys.ARROW_RIGHT)
    assert browser.current_url.endswith(f"/praesentationen/{pid}/zeigen/2")
    wait_ready(browser)
    legend = browser.find_element(By.ID, "network-legend").text
    assert "Vermittlungsrolle" in legend  # the view's colouring, kept
    _press(browser, Keys.ARROW_LEFT)
    assert browser.current_url.endswith("/zeigen/1")
    _press(browser, Keys.ESCAPE)
    assert browser.current_url.endswith(f"/praesentationen/{pid}")

    # shared: the same slides without the application around them
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#share-form button[type=submit]"))
    url = browser.find_element(By.ID, "share-url").get_attribute("value")
    assert url and "/geteilt/" in url
    browser.delete_all_cookies()
    browser.get(url)
    wait_ready(browser)
    assert browser.current_url.endswith("/folie/1") and not browser.find_elements(By.ID, "leave")
    findings += _axe(browser, "praesentation-geteilt")
    _screens(browser, "praesentation-geteilt", picture=True)
    _press(browser, Keys.ARROW_RIGHT)
    assert browser.current_url.endswith("/folie/2")

    assert findings == [], "axe-core findet Verstöße:\n" + "\n".join(findings)


def _two_slides(store: graph.Store, views: list[Any], name: str) -> Presentation:
    """A presentation of the first two views, the first with a text."""
    slides = [presentations.Slide(views[0].id, "Einführung."), presentations.Slide(views[1].id, "")]
    return sharing.save_presentation(store, Presentation(name=name), slides, user="editor")


def _enter(browser: webdriver.Chrome, element: Any) -> None:
    """Press Enter on ``element`` (a link or button) and wait for the next page."""
    old = browser.find_element(By.TAG_NAME, "html")
    element.send_keys(Keys.ENTER)
    wait_replaced(browser, old)


def test_the_list_and_a_slide_without_its_view(
    browser: webdriver.Chrome, live_server: str, demo: dict[str, Any]
) -> None:
    store, views = demo["store"], demo["views"]
    p = _two_slides(store, views, "Bildungskonferenz 2027")
    sharing.delete_view(store, views[1].id, user="editor")
    browser.set_window_size(1366, 900)
    browser_login(browser, live_server, store, "editor")
    findings: list[str] = []
    browser.get(f"{live_server}/praesentationen")
    findings += _axe(browser, "praesentationen")
    _screens(browser, "praesentationen")
    browser.get(f"{live_server}/praesentationen/{p.id}/zeigen/2")
    note = browser.find_element(By.CSS_SELECTOR, ".pr-gone").text
    assert note == presentations.VIEW_GONE
    findings += _axe(browser, "praesentation-folie-ohne-ansicht")
    _screens(browser, "praesentation-folie-ohne-ansicht")
    assert findings == [], "axe-core findet Verstöße:\n" + "\n".join(findings)


def test_deleting_a_view_shown_on_a_slide_asks_first(
    browser: webdriver.Chrome, live_server: str, demo: dict[str, Any]
) -> None:
    """The views page names the presentation; "Löschen …" opens the question, reached and
    confirmed by keyboard; the slide then says its view is gone."""
    store, views = demo["store"], demo["views"]
    p = _two_slides(store, views, "Steuerungsgruppe März")
    browser.set_window_size(1366, 900)
    browser_login(browser, live_server, store, "editor")
    findings: list[str] = []
    browser.get(f"{live_server}/ansichten")
    used = browser.find_element(By.ID, f"used-{views[1].id}")
    assert "Steuerungsgruppe März" in used.text and "Folie 2" in used.text
    findings += _axe(browser, "ansichten-mit-praesentationen")
    _screens(browser, "ansichten-mit-praesentationen")

    _enter(browser, browser.find_element(By.CSS_SELECTOR, f"a[href$='/{views[1].id}/loeschen']"))
    uses = browser.find_element(By.ID, "view-uses")
    assert "Steuerungsgruppe März – Folie 2" in uses.text
    assert str(presentations.VIEW_GONE) in browser.find_element(By.TAG_NAME, "main").text
    findings += _axe(browser, "ansicht-loeschen")
    _screens(browser, "ansicht-loeschen")

    _enter(browser, browser.find_element(By.ID, "confirm-delete"))
    assert browser.current_url.endswith("/ansichten")
    assert "Steuerungsgruppe März" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(f"{live_server}/praesentationen/{p.id}/zeigen/2")
    assert browser.find_element(By.CSS_SELECTOR, ".pr-gone").text == presentations.VIEW_GONE
    assert findings == [], "axe-core findet Verstöße:\n" + "\n".join(findings)
