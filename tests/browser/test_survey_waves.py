"""A two-wave survey in Chromium at phone width (375 px): a partner rates a tie in the first
wave, starts the second from what it stated, ends and changes ties with one click each (no
JavaScript needed), and the office sees the change on the wave page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from selenium.webdriver.common.by import By

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.network.filters import Filter
from tests.browser.conftest import browser_login, publish, screenshot, submit
from tests.browser.test_accessibility import AXE, describe, run_axe

pytestmark = pytest.mark.browser
ALLIANCE = "alliance-alpha-trier"
PHONE = (375, 812)


def _survey(store: graph.Store, title: str, follows: str = "") -> sv.Survey:
    made, _n = sv.create_survey(
        store,
        sv.Survey(
            title=title,
            closes=date.today() + timedelta(days=28),
            scope=sv.Scope("alliance", Filter(alliance=ALLIANCE)),
            follows=follows,
        ),
        user="editor",
    )
    return made


def _link_with_partners(store: graph.Store, survey: sv.Survey) -> tuple[str, str]:
    """The link of an invited actor that has stored cooperations, and its actor id."""
    for issued in sv.issue_links(store, survey.id):
        row = store.read("surveys/respondent_actor", id=issued.invite.actor_id, reader=survey.org)[
            0
        ]
        if row["partners"]:
            return issued.token, issued.invite.actor_id
    raise AssertionError("the seed has an alliance member with cooperations")


def _fits(browser) -> None:
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0] + 1, "the partner's page fits a phone"


def _row_of(browser, name: str) -> str:
    """The row prefix ("p3") of the partner row showing ``name`` in its name field."""
    field = browser.find_element(By.CSS_SELECTOR, f'input[value="{name}"][name$="_name"]')
    return str(field.get_attribute("name")).removesuffix("_name")


def _choose(browser, name: str, value: str) -> None:
    browser.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').click()


def test_a_two_wave_survey_at_phone_width(browser, live_server: str, store: graph.Store) -> None:
    if not AXE.exists():
        pytest.fail("axe-core fehlt: `make axe` (oder `npm ci --omit=dev`) installiert es.")
    seed_mod.load(store)
    first = _survey(store, "Netzwerkbefragung 2025")
    token, actor_id = _link_with_partners(store, first)
    browser.set_window_size(*PHONE)
    try:
        # wave one: a new partner, rated on the 1–4 scales (radio groups, keyboard usable)
        browser.get(f"{live_server}/b/{token}")
        new = browser.find_element(
            By.CSS_SELECTOR, 'input[name$="_name"][list="actor-names"][value=""]'
        )
        row = str(new.get_attribute("name")).removesuffix("_name")
        new.send_keys("Sternwarte Trier")
        browser.find_element(By.CSS_SELECTOR, f"#{row}-details summary").click()
        _choose(browser, f"{row}_value", "4")
        _choose(browser, f"{row}_trust", "3")
        _fits(browser)
        submit(browser, browser.find_element(By.ID, "submit"))
        assert "abgegeben" in browser.find_element(By.CSS_SELECTOR, ".flash").text
        sv.close_survey(store, first.id)

        # wave two starts from what was stated: the stored ties and the observatory
        second = _survey(store, "Netzwerkbefragung 2026", follows=first.id)
        token2 = next(
            i.token for i in sv.issue_links(store, second.id) if i.invite.actor_id == actor_id
        )
        browser.get(f"{live_server}/b/{token2}")
        assert browser.find_element(By.ID, "wave-hint").is_displayed()
        carried = _row_of(browser, "Sternwarte Trier")
        checked = browser.find_element(By.CSS_SELECTOR, f'input[name="{carried}_status"]:checked')
        assert checked.get_attribute("value") == "weiter"
        value = browser.find_element(By.CSS_SELECTOR, f'input[name="{carried}_value"]:checked')
        assert value.get_attribute("value") == "4", "the rating stated last time is kept"
        _choose(browser, f"{carried}_status", "beendet")
        _choose(browser, "p0_status", "geaendert")
        browser.find_element(By.CSS_SELECTOR, "#p0-details summary").click()
        _choose(browser, "p0_trust", "2")
        _fits(browser)
        assert describe("befragung-welle", run_axe(browser, "befragung-welle")) == []
        browser.execute_script("document.getElementById('p0-status').scrollIntoView()")
        publish(screenshot(browser, "survey-wave-375"), "survey-wave.png")
        submit(browser, browser.find_element(By.ID, "submit"))
        assert "abgegeben" in browser.find_element(By.CSS_SELECTOR, ".flash").text

        # the office: what changed since the last wave
        browser_login(browser, live_server, store, "viewer")
        browser.get(f"{live_server}/befragungen/{second.id}/wellen")
        assert browser.find_element(By.ID, "count-ended").text == "1"
        assert browser.find_element(By.ID, "count-changed").text == "1"
        ended = browser.find_element(By.ID, "wave-list-ended").text
        assert "Sternwarte Trier" in ended
        _fits(browser)
        assert describe("befragung-wellen", run_axe(browser, "befragung-wellen")) == []
        browser.execute_script("document.getElementById('wave-counts-title').scrollIntoView()")
        publish(screenshot(browser, "survey-waves-page-375"), "survey-waves-page.png")
    finally:
        browser.set_window_size(1400, 1000)
