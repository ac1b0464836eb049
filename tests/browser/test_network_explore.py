"""Exploring the picture in headless Chromium on the demo region: labels that never overlap,
a colour per kind, select, focus, pin, save a view, open it shared, export SVG/PDF/PNG."""

from __future__ import annotations

import re
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.sharing import saved_views
from tests.browser.conftest import browser_login, publish, screenshot, submit
from tests.browser.test_network import move_to_node, node_dom_position, wait_ready

EXPORT = """
const form = document.getElementById('network-export');
const body = new FormData(form);
body.set('format', arguments[0]);
body.set('paper', 'A3');
const done = arguments[arguments.length - 1];
fetch(form.action, {method: 'POST', body: body, credentials: 'same-origin'})
  .then(r => r.arrayBuffer().then(b => [r.status, r.headers.get('content-type'),
        new TextDecoder('latin1').decode(new Uint8Array(b).slice(0, 200000))]))
  .then(done, e => done(String(e)));
"""


def zoom_to(browser, node_id: str) -> None:
    browser.execute_script(
        "netzwerkBild.network.moveTo({scale: 1.6, position: "
        "netzwerkBild.network.getPositions([arguments[0]])[arguments[0]]})",
        node_id,
    )
    time.sleep(0.3)


def _resize(browser, width: int, height: int = 1000) -> None:
    browser.set_window_size(width, height)


def test_explore_save_share_and_export(browser, live_server: str, store: graph.Store) -> None:
    seed.load(store)
    browser_login(browser, live_server, store, "editor")
    for width in (1366, 1920):
        _resize(browser, width)
        browser.get(live_server + "/netzwerk")
        wait_ready(browser)
        time.sleep(0.3)
        # labels: as many as fit, none on top of another, none cut off at the edge
        shown, overlaps, inside = browser.execute_script(
            "netzwerkBild.network.redraw(); const c = document.querySelector('#network canvas');"
            "return [netzwerkBild.labels.length, netzwerkBild.labelOverlaps(),"
            " netzwerkBild.labels.every(b => b.x >= 0 && b.y >= 0 &&"
            " b.x + b.w <= c.clientWidth && b.y + b.h <= c.clientHeight)]"
        )
        assert shown >= 40, shown
        assert overlaps == 0
        assert inside
        screenshot(browser, f"network-{width}")
    # a distinct colour per actor kind, the same in picture and legend
    colours = browser.execute_script(
        "const s = netzwerkBild.data.styles.nodes; return Object.keys(s)"
        ".filter(k => k.startsWith('kind:')).map(k => s[k].color)"
    )
    assert len(colours) >= 10 and len(set(colours)) == len(colours)
    legend = browser.find_element(By.ID, "network-legend").text
    assert "Schule" in legend and "Stiftung" in legend

    # select: the actor and its partners stay, the panel names them
    _resize(browser, 1366)
    browser.get(live_server + "/netzwerk")
    wait_ready(browser)
    browser.execute_script("netzwerkBild.select('actor-kbm-trier', true)")
    panel = browser.find_element(By.ID, "network-panel")
    assert "Kommunales Bildungsmanagement der Stadt Trier" in panel.text
    options = panel.find_elements(By.CSS_SELECTOR, "#panel-steps option")
    assert [o.text for o in options] == ["1 Schritt", "2 Schritte", "3 Schritte"]
    partners = browser.execute_script("return netzwerkBild.adjacency['actor-kbm-trier'].length")
    highlighted = browser.execute_script("return Object.keys(netzwerkBild.highlight).length")
    assert highlighted == partners + 1
    assert browser.execute_script("return netzwerkBild.labelOverlaps()") == 0
    publish(screenshot(browser, "network-selected"), "network-selected.png")

    # double-click focuses two steps around an actor
    browser.execute_script("netzwerkBild.clear(); netzwerkBild.network.fit({animation: false})")
    zoom_to(browser, "actor-vhs-trier")
    move_to_node(browser, "actor-vhs-trier").double_click().perform()
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return !!netzwerkBild.focused"))
    focus = browser.execute_script("return netzwerkBild.focused")
    steps = browser.execute_script("return Object.values(netzwerkBild.highlight)")
    assert focus["steps"] == 2 and max(steps) == 2
    screenshot(browser, "network-focus")

    # drag pins an actor where it is dropped
    browser.execute_script("netzwerkBild.clear()")
    zoom_to(browser, "actor-vhs-trier")
    under = browser.execute_script(
        "const p = netzwerkBild.network.canvasToDOM(netzwerkBild.network.getPositions("
        "['actor-vhs-trier'])['actor-vhs-trier']); return netzwerkBild.network.getNodeAt(p)"
    )
    assert under == "actor-vhs-trier"
    x0, y0 = node_dom_position(browser, "actor-vhs-trier")
    move_to_node(browser, "actor-vhs-trier").click_and_hold().move_by_offset(40, 30).pause(
        0.2
    ).move_by_offset(40, 30).release().perform()
    WebDriverWait(browser, 5).until(
        lambda b: b.execute_script("return !!netzwerkBild.pins['actor-vhs-trier']")
    )
    x1, y1 = node_dom_position(browser, "actor-vhs-trier")
    assert abs(x1 - x0) > 40 and abs(y1 - y0) > 30
    assert browser.find_element(By.ID, "pin-count").text == "1"

    # save the view (filter, colouring and the pin), then open it again
    browser.get(live_server + "/netzwerk?region=region-stadt-trier&colour=community")
    wait_ready(browser)
    zoom_to(browser, "actor-vhs-trier")
    move_to_node(browser, "actor-vhs-trier").click_and_hold().move_by_offset(60, 0).pause(
        0.2
    ).move_by_offset(30, 0).release().perform()
    WebDriverWait(browser, 5).until(
        lambda b: b.execute_script("return !!netzwerkBild.pins['actor-vhs-trier']")
    )
    pinned_at = browser.execute_script("return netzwerkBild.pins['actor-vhs-trier']")
    browser.find_element(By.ID, "view-name").send_keys("Stadt nach Gemeinschaft")
    submit(browser, browser.find_element(By.ID, "view-save-button"))
    wait_ready(browser)
    assert "view=" in browser.current_url and "colour=community" in browser.current_url
    node = browser.execute_script(
        "return netzwerkBild.data.nodes.find(n => n.id === 'actor-vhs-trier')"
    )
    assert node["pinned"] and [round(node["x"]), round(node["y"])] == pinned_at
    (saved,) = saved_views.views_for(store, "editor")
    assert saved.filter.region == "region-stadt-trier" and saved.colour == "community"

    # export: SVG and PDF from the server, PNG drawn in the browser
    status, kind, svg = browser.execute_async_script(EXPORT, "svg")
    assert status == 200 and kind.startswith("image/svg+xml")
    assert "Stadt nach Gemeinschaft" in svg and "Region: Stadt Trier" in svg and "Legende" in svg
    status, kind, pdf = browser.execute_async_script(EXPORT, "pdf")
    assert status == 200 and kind == "application/pdf" and pdf.startswith("%PDF")
    browser.execute_script(
        "document.getElementById('export-format').value = 'png';"
        "document.getElementById('export-format').dispatchEvent(new Event('change'));"
        "document.getElementById('export-width').value = '1920';"
    )
    browser.find_element(By.ID, "network-export-button").click()
    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return netzwerkBild.exported || netzwerkBild.error")
    )
    exported = browser.execute_script("return netzwerkBild.exported")
    assert exported["width"] == 1920 and exported["bytes"] > 20_000

    # share it and open the link logged out: organisations, no application menu
    browser.get(live_server + "/ansichten")
    details = browser.find_element(By.CSS_SELECTOR, "details.nw-share")
    details.find_element(By.TAG_NAME, "summary").click()
    details.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    url = (
        WebDriverWait(browser, 10)
        .until(ec.visibility_of_element_located((By.ID, "share-url")))
        .get_attribute("value")
    )
    assert url and re.search(r"/geteilt/share-[0-9a-f]{16}\.", url)
    publish(screenshot(browser, "views"), "views.png")
    browser.delete_all_cookies()
    browser.get(url)
    wait_ready(browser)
    assert browser.execute_script("return netzwerkBild.nodeCount") > 20
    assert not browser.find_elements(By.CSS_SELECTOR, "nav.mainnav")
    browser.execute_script("netzwerkBild.select('actor-kbm-trier', true)")
    assert not browser.find_elements(By.ID, "panel-open")  # no link into the application
    publish(screenshot(browser, "shared"), "shared.png")
    ActionChains(browser).reset_actions()
