"""A whole survey in Chromium: create, export the links, answer as two partners (one naming
the other), review, accept; the cooperation appears as confirmed with its source; rejected
answers change nothing; a revoked or expired link shows a German page and no data."""

from __future__ import annotations

import csv
import io
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.surveys.lifecycle import scope_actors
from tests.browser.conftest import browser_login, publish, screenshot, submit

pytestmark = pytest.mark.browser
ALLIANCE = "alliance-alpha-trier"


def _submit(browser, button) -> None:
    submit(browser, button, 20)


def _shots(browser, name: str, widths=(1366, 1920), height: int = 1400) -> None:
    try:
        for w in widths:
            browser.set_window_size(w, height)
            shot = screenshot(browser, f"{name}-{w}")
            if w == widths[0] and not name.endswith("-b"):
                publish(shot, f"{name}.png")
    finally:
        browser.set_window_size(1400, 1000)


def _pair(store: graph.Store, survey: sv.Survey) -> tuple[dict[str, str], dict[str, str]]:
    """Two surveyed actors that do not cooperate yet."""
    actors = scope_actors(store, survey)
    for a in actors:
        partners = {
            lk.to_id if lk.from_id == a["id"] else lk.from_id
            for lk in graph.links_of(store, "Actor", a["id"], ["COOPERATES_WITH"])
        }
        for b in actors:
            if b["id"] != a["id"] and b["id"] not in partners:
                return a, b
    raise AssertionError("no pair without cooperation in the alliance")


def _links_from_download(browser, folder: Path) -> dict[str, str]:
    deadline = time.time() + 20
    while time.time() < deadline:
        files = [p for p in folder.glob("*.csv") if p.stat().st_size > 0]
        if files:
            break
        time.sleep(0.2)
    assert files, "the link list was not downloaded"
    rows = list(csv.reader(io.StringIO(files[0].read_text("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Akteur", "Anrede"]
    col = rows[0].index("Link")
    return {r[0]: r[col] for r in rows[1:]}


def _answer(browser, link: str, partner: str, street: str, name: str) -> None:
    browser.get(link)
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.ID, "survey-form")))
    street_input = browser.find_element(By.ID, "m-street")
    street_input.clear()
    street_input.send_keys(street)
    rows = browser.find_elements(By.CSS_SELECTOR, "input[list=actor-names]")
    rows[0].send_keys(partner)
    row_id = rows[0].get_attribute("id").removesuffix("-name")
    browser.find_element(By.CSS_SELECTOR, f"#{row_id}-details summary").click()
    Select(browser.find_element(By.ID, f"{row_id}-kind")).select_by_visible_text(
        "Projektpartnerschaft"
    )
    Select(browser.find_element(By.ID, f"{row_id}-intensity")).select_by_value("3")
    browser.find_element(By.ID, f"{row_id}-since").send_keys("2021")
    browser.execute_script("window.scrollTo(0, 0)")
    _shots(browser, f"survey-answer-{name}", widths=(1366, 390), height=2200)
    _submit(browser, browser.find_element(By.ID, "submit"))
    assert "Vielen Dank" in browser.find_element(By.CSS_SELECTOR, ".flash").text


def test_a_whole_survey(browser, live_server: str, store: graph.Store, tmp_path: Path) -> None:
    seed_mod.load(store)
    browser_login(browser, live_server, store, "editor")
    browser.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    # create
    browser.get(f"{live_server}/befragungen")
    browser.find_element(By.ID, "s-title").send_keys("Netzwerkbefragung 2025")
    browser.find_element(By.ID, "s-intro").send_keys(
        "Mit wem arbeiten Sie zusammen? Ihre Angaben helfen, Lücken im Netzwerk zu schließen."
    )
    closes = (date.today() + timedelta(days=28)).isoformat()
    browser.execute_script("document.getElementById('s-closes').value = arguments[0]", closes)
    Select(browser.find_element(By.NAME, "alliance")).select_by_value(ALLIANCE)
    _shots(browser, "survey-create", height=1500)
    _submit(browser, browser.find_element(By.ID, "create-survey"))
    assert browser.find_element(By.ID, "survey-title").text == "Netzwerkbefragung 2025"
    survey = sv.list_surveys(store)[0].survey
    a, b = _pair(store, survey)
    # export the links
    Select(browser.find_element(By.ID, "l-format")).select_by_value("csv")
    browser.find_element(By.ID, "download-links").click()
    links = _links_from_download(browser, tmp_path)
    assert len(links) >= len(scope_actors(store, survey))
    # answer as two partners, A naming B and B naming A
    _answer(browser, links[a["name"]], b["name"], "Neue Straße 1", "a")
    _answer(browser, links[b["name"]], a["name"], "Falsche Straße 9", "b")
    # progress page
    browser.get(f"{live_server}/befragungen/{survey.id}")
    assert "2 von" in browser.find_element(By.ID, "response-rate").text
    _shots(browser, "survey-progress", height=1600)
    # review: confirmed pair; accept A's answer, reject B's
    browser.get(f"{live_server}/befragungen/{survey.id}/auswertung")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".sv-confirmed")) == 2
    # partners we showed and the respondent left as they were propose no change
    assert not browser.find_elements(By.CSS_SELECTOR, "tr.sv-coop_update")
    _shots(browser, "survey-review", height=1300)
    answers = browser.find_elements(By.CSS_SELECTOR, "section.sv-answer")
    index = next(
        i for i, s in enumerate(answers) if a["name"] in s.find_element(By.TAG_NAME, "h2").text
    )
    accept = answers[index].find_element(By.CSS_SELECTOR, "button[value=accept_all]")
    _submit(browser, accept)
    answers = browser.find_elements(By.CSS_SELECTOR, "section.sv-answer")
    other = next(s for s in answers if b["name"] in s.find_element(By.TAG_NAME, "h2").text)
    _submit(browser, other.find_element(By.CSS_SELECTOR, "button[value=reject]"))
    assert graph.get(store, graph.Actor, a["id"]).street == "Neue Straße 1"
    assert graph.get(store, graph.Actor, b["id"]).street != "Falsche Straße 9"
    coop = [
        lk
        for lk in graph.links_of(store, "Actor", a["id"], ["COOPERATES_WITH"])
        if b["id"] in (lk.from_id, lk.to_id)
    ]
    assert len(coop) == 1 and coop[0].source == "Befragung Netzwerkbefragung 2025"
    assert coop[0].intensity == 3 and coop[0].since == date(2021, 1, 1)
    browser.get(f"{live_server}/akteure/{a['id']}")
    assert "Befragung Netzwerkbefragung 2025" in browser.page_source
    # revoke B's link: a German page, no data
    invite = next(i for i in sv.invites_of(store, survey.id) if i.actor_id == b["id"])
    sv.revoke(store, survey.id, invite.id)
    browser.delete_all_cookies()
    browser.get(links[b["name"]])
    text = browser.find_element(By.ID, "link-error").text
    assert "zurückgezogen" in text and b["name"] not in browser.page_source
    _shots(browser, "survey-link-revoked", widths=(1366,), height=700)
    # close: every link now says the survey is over; comparison lists the new pair
    sv.close_survey(store, survey.id)
    browser.get(links[a["name"]])
    assert "abgeschlossen" in browser.find_element(By.ID, "link-error").text
    assert a["name"] not in browser.page_source
    browser_login(browser, live_server, store, "editor")
    browser.get(f"{live_server}/befragungen/{survey.id}/vergleich")
    added = browser.find_element(By.ID, "added").text
    assert a["name"] in added and b["name"] in added
    _shots(browser, "survey-compare", height=1000)
