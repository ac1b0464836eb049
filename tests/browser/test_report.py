"""The Netzwerkbericht and the picture export form in a real browser: pictures load, no
sideways scrolling on a phone, no CSP errors; screenshots at 1366, 1920 and 375 px."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed
from tests.browser.conftest import browser_login, publish, screenshot

WIDEST = """
const out = [];
for (const el of document.querySelectorAll('main *')) {
  const r = el.getBoundingClientRect();
  if (r.right > window.innerWidth + 1) {
    out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
}
return out.slice(0, 8);
"""


def _loaded(driver: Any, img: Any) -> bool:
    return bool(
        driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img)
    )


def _at_three_widths(
    browser: Any, live_server: str, store: graph.Store, path: str
) -> Iterator[int]:
    """The demo region's ``path`` for a viewer, at each width screenshots are taken."""
    seed.load(store)
    browser_login(browser, live_server, store, "viewer")
    for width in (1366, 1920, 375):
        browser.set_window_size(width, 1000)
        browser.get(live_server + path)
        yield width


def _csp_errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if "Content Security" in e["message"]]


def test_report_page_with_pictures_at_three_widths(
    browser, live_server: str, store: graph.Store
) -> None:
    for width in _at_three_widths(browser, live_server, store, "/bericht"):
        pictures = browser.find_elements(By.CSS_SELECTOR, ".report-picture img")
        assert len(pictures) >= 4
        for img in pictures:  # lazy pictures load when they come into view
            browser.execute_script("arguments[0].scrollIntoView()", img)
            WebDriverWait(browser, 20).until(partial(_loaded, img=img))
        todo = browser.find_elements(By.CSS_SELECTOR, ".findings .todo")
        assert len(todo) >= 5 and todo[0].text.startswith("Was tun?")
        browser.execute_script("window.scrollTo(0, 0)")
        top = screenshot(browser, f"report-{width}-top")
        if width == 1366:
            publish(top, "report.png")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        wide = browser.execute_script(WIDEST)
        assert overflow <= 0, (width, overflow, wide)
        height = browser.execute_script("return document.body.scrollHeight")
        browser.set_window_size(width, min(max(height, 1000), 9000))
        shot = screenshot(browser, f"report-{width}")
        assert shot.stat().st_size > 50_000
        assert _csp_errors(browser) == [], width


def test_picture_export_form_offers_title_subtitle_and_print_layout(
    browser, live_server: str, store: graph.Store
) -> None:
    for width in _at_three_widths(browser, live_server, store, "/netzwerk"):
        more = browser.find_element(By.CSS_SELECTOR, ".nw-export-more summary")
        browser.execute_script("arguments[0].scrollIntoView()", more)
        more.click()
        title = browser.find_element(By.ID, "export-title")
        assert title.is_displayed() and title.get_attribute("value") == "Kooperationsnetz"
        panel = browser.find_element(By.CSS_SELECTOR, ".nw-export-panel")
        right = browser.execute_script("return arguments[0].getBoundingClientRect().left", panel)
        assert right >= 0, width  # the panel opens inside the window
        screenshot(browser, f"export-form-{width}")
        assert _csp_errors(browser) == [], width
