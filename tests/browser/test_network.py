"""The network picture in headless Chromium: node count, filter, click, hostile names."""

from __future__ import annotations

import time

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph.admin import seed
from tests.browser.conftest import browser_login, publish, screenshot, submit
from tests.conftest import HOSTILE_STRINGS


def wait_ready(browser, timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        state = browser.execute_script(
            "return window.netzwerkBild && [netzwerkBild.ready, netzwerkBild.error || '']"
        )
        if state and state[1]:
            raise AssertionError(f"picture failed: {state[1]}")
        if state and state[0]:
            return
        time.sleep(0.1)
    raise AssertionError("network picture not ready")


def node_dom_position(browser, node_id: str) -> tuple[float, float]:
    return browser.execute_script(
        "const n = netzwerkBild.network; const p = n.getPositions([arguments[0]])[arguments[0]];"
        "const d = n.canvasToDOM(p); return [d.x, d.y];",
        node_id,
    )


def move_to_node(browser, node_id: str) -> ActionChains:
    box = browser.find_element(By.ID, "network")
    # the whole canvas in view first: a pointer moved there while the page scrolls misses
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    x, y = node_dom_position(browser, node_id)
    size = box.size
    return ActionChains(browser).move_to_element_with_offset(
        box, int(x - size["width"] / 2), int(y - size["height"] / 2)
    )


def test_network_of_the_demo_region(browser, live_server: str, store: graph.Store) -> None:
    seed.load(store)
    actors = graph.counts(store).nodes["Actor"]
    browser_login(browser, live_server, store, "viewer")
    browser.get(live_server + "/netzwerk")
    wait_ready(browser)
    assert browser.execute_script("return netzwerkBild.nodeCount") == actors
    assert browser.find_element(By.ID, "network").get_attribute("data-nodes") == str(actors)
    assert browser.find_elements(By.CSS_SELECTOR, "#network canvas")
    legend = browser.find_element(By.ID, "network-legend").text
    assert "Schule" in legend and "Kooperationsvereinbarung" in legend
    publish(screenshot(browser, "network"), "network.png")

    # a filter changes the count
    browser.find_element(By.CSS_SELECTOR, "#f-region option[value='region-stadt-trier']").click()
    # wait for the new page, not the old picture
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#network-filter button[type=submit]"))
    wait_ready(browser)
    city = browser.execute_script("return netzwerkBild.nodeCount")
    assert 0 < city < actors
    assert "region=region-stadt-trier" in browser.current_url

    # search highlights a node
    browser.find_element(By.ID, "network-q").send_keys("KBM Trier\n")
    selected = browser.execute_script("return netzwerkBild.network.getSelectedNodes()")
    assert "actor-kbm-trier" in selected
    assert "Treffer" in browser.find_element(By.ID, "network-status").text

    # clicking a node selects it in place: the panel shows it, its page is one link away
    browser.execute_script(
        "netzwerkBild.network.moveTo({scale: 1.5, position: "
        "netzwerkBild.network.getPositions(['actor-kbm-trier'])['actor-kbm-trier']})"
    )
    time.sleep(0.3)
    x, y = node_dom_position(browser, "actor-kbm-trier")
    target = browser.execute_script(
        "return netzwerkBild.network.getNodeAt({x: arguments[0], y: arguments[1]})", x, y
    )
    assert target  # the node (or one drawn over it) is under the pointer
    move_to_node(browser, target).click().perform()
    panel = WebDriverWait(browser, 10).until(
        ec.visibility_of_element_located((By.ID, "network-panel"))
    )
    assert browser.execute_script("return netzwerkBild.selected") == target
    assert "/netzwerk" in browser.current_url  # still in the picture
    name = browser.execute_script("return netzwerkBild.byId[arguments[0]].name", target)
    assert name in panel.text
    browser.find_element(By.ID, "panel-open").click()
    deadline = time.monotonic() + 10
    while "/akteure/" not in browser.current_url and time.monotonic() < deadline:
        time.sleep(0.1)
    assert browser.current_url.endswith(f"/akteure/{target}")

    # ego and alliance views draw too
    browser.get(live_server + "/netzwerk/ego/actor-kbm-trier")
    wait_ready(browser)
    partners = browser.execute_script("return netzwerkBild.data.counts.partners")
    assert browser.execute_script("return netzwerkBild.nodeCount") == partners + 1
    publish(screenshot(browser, "ego"), "ego.png")
    browser.get(live_server + "/netzwerk/buendnisse")
    wait_ready(browser)
    classes = browser.execute_script(
        "return [...new Set(netzwerkBild.data.nodes.map(n => n.cls))].sort()"
    )
    assert classes == ["actor", "alliance", "project"]
    publish(screenshot(browser, "alliances"), "alliances.png")


@pytest.mark.parametrize("name", [HOSTILE_STRINGS[5], HOSTILE_STRINGS[4]])
def test_hostile_names_show_as_text(
    browser, live_server: str, store: graph.Store, name: str
) -> None:
    a = graph.create_record(store, graph.Actor(name=name, kind="Schule"), user="test")
    b = graph.create_record(store, graph.Actor(name="Partner", kind="Kita"), user="test")
    graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id=a.id, to_id=b.id, kind="Gremienarbeit"),
        user="test",
    )
    browser_login(browser, live_server, store, "viewer")
    browser.get(live_server + "/netzwerk")
    browser.execute_script(
        "window.__pwned = false; window.alert = () => { window.__pwned = true; };"
    )
    wait_ready(browser)
    move_to_node(browser, a.id).perform()  # hover: vis-network shows the tooltip
    deadline = time.monotonic() + 5
    tip = ""
    while time.monotonic() < deadline and name not in tip:
        tip = browser.execute_script(
            "const t = document.querySelector('div.vis-tooltip'); return t ? t.textContent : ''"
        )
        time.sleep(0.1)
    assert name in tip  # shown as text, tags and all
    assert (
        browser.execute_script(
            "return document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip script').length"
        )
        == 0
    )
    assert browser.execute_script("return window.__pwned") is False
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
