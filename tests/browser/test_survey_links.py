"""Survey links and answers in Chromium at phone width (375 px): the links of the first
download still open after a failed mailing and a second download; two tabs on one link are
told and keep both versions; closing asks for confirmation and can be undone."""

from __future__ import annotations

import io
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.network.filters import Filter
from tests.browser.conftest import browser_login, publish, screenshot, submit
from tests.integration.test_survey_mail import _free_port

pytestmark = pytest.mark.browser
ALLIANCE = "alliance-alpha-trier"
PHONE = (375, 812)


def _survey(store: graph.Store) -> sv.Survey:
    made, _n = sv.create_survey(
        store,
        sv.Survey(
            title="Netzwerkbefragung 2026",
            closes=date.today() + timedelta(days=28),
            scope=sv.Scope("alliance", Filter(alliance=ALLIANCE)),
        ),
        user="editor",
    )
    return made


def _downloaded(folder: Path, suffix: str, before: set[Path]) -> Path:
    deadline = time.time() + 20
    while time.time() < deadline:
        fresh = [p for p in folder.glob(f"*.{suffix}") if p not in before and p.stat().st_size]
        if fresh:
            return fresh[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} was downloaded")


def _xlsx_links(path: Path) -> set[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet is not None
    return {str(c.value) for row in sheet.iter_rows() for c in row if "/b/inv-" in str(c.value)}


def _csv_links(path: Path) -> set[str]:
    text = path.read_text("utf-8-sig")
    return {cell for line in text.splitlines() for cell in line.split(";") if "/b/inv-" in cell}


def _download(browser, live_server: str, survey: sv.Survey, fmt: str, folder: Path) -> Path:
    before = set(folder.iterdir())
    browser.get(f"{live_server}/befragungen/{survey.id}")
    Select(browser.find_element(By.ID, "l-format")).select_by_value(fmt)
    browser.find_element(By.ID, "download-links").click()
    return _downloaded(folder, fmt, before)


def test_links_survive_mailing_and_a_second_download_at_phone_width(
    browser, live_server: str, store: graph.Store, tmp_path: Path, monkeypatch
) -> None:
    seed_mod.load(store)
    survey = _survey(store)
    browser.set_window_size(*PHONE)
    try:
        browser_login(browser, live_server, store, "editor")
        browser.execute_cdp_cmd(
            "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
        )
        first = _xlsx_links(_download(browser, live_server, survey, "xlsx", tmp_path))
        assert len(first) >= 3
        # mails through a server that refuses: a German message, nothing re-issued
        monkeypatch.setenv("NETZWERK_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("NETZWERK_SMTP_PORT", str(_free_port()))
        monkeypatch.setenv("NETZWERK_SMTP_TLS", "none")
        browser.get(f"{live_server}/befragungen/{survey.id}")
        submit(browser, browser.find_element(By.ID, "send-mails"), 60)
        assert "nicht erreichbar" in browser.find_element(By.CSS_SELECTOR, ".flash-error").text
        screenshot(browser, "survey-mail-failed-375")
        again = _csv_links(_download(browser, live_server, survey, "csv", tmp_path))
        assert again == first
        browser.delete_all_cookies()
        for link in sorted(first):
            browser.get(link)
            assert browser.find_elements(By.ID, "survey-form"), link
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE[0] + 1, "the partner's page fits a phone"
    finally:
        browser.set_window_size(1400, 1000)


def test_two_tabs_on_one_link_and_closing_with_confirmation(
    browser, live_server: str, store: graph.Store
) -> None:
    seed_mod.load(store)
    survey = _survey(store)
    link = sv.issue_links(store, survey.id)[0]
    url = f"{live_server}/b/{link.token}"
    browser.set_window_size(*PHONE)
    first = browser.current_window_handle
    try:
        browser.get(url)
        browser.switch_to.new_window("tab")
        browser.get(url)
        phone = browser.find_element(By.ID, "m-phone")
        phone.clear()
        phone.send_keys("0651 999")
        submit(browser, browser.find_element(By.ID, "save"))
        assert "Gespeichert" in browser.find_element(By.CSS_SELECTOR, ".flash").text
        browser.close()
        browser.switch_to.window(first)
        comment = browser.find_element(By.ID, "comment")
        comment.send_keys("Von der zweiten Person")
        submit(browser, browser.find_element(By.ID, "save"))
        alert = browser.find_element(By.ID, "answer-conflict").text
        assert "inzwischen von jemand anderem gespeichert" in alert
        assert browser.find_element(By.ID, "m-phone").get_attribute("value") == "0651 999"
        assert "Von der zweiten Person" in browser.find_element(By.ID, "comment").text
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE[0] + 1
        publish(screenshot(browser, "survey-conflict-375"), "survey-conflict.png")
        submit(browser, browser.find_element(By.ID, "save"))
        assert "Gespeichert" in browser.find_element(By.CSS_SELECTOR, ".flash").text
        # closing needs the tick; reopening brings the links back
        browser_login(browser, live_server, store, "editor")
        browser.get(f"{live_server}/befragungen/{survey.id}")
        browser.execute_script("document.getElementById('close-confirm').required = false")
        submit(browser, browser.find_element(By.ID, "close-survey"))
        assert sv.get_survey(store, survey.id).is_open()
        browser.find_element(By.ID, "close-confirm").click()
        submit(browser, browser.find_element(By.ID, "close-survey"))
        assert not sv.get_survey(store, survey.id).is_open()
        browser.get(f"{live_server}/befragungen/{survey.id}")
        screenshot(browser, "survey-closed-375")
        submit(browser, browser.find_element(By.ID, "reopen-survey"))
        assert sv.get_survey(store, survey.id).is_open()
        browser.delete_all_cookies()
        browser.get(url)
        assert browser.find_elements(By.ID, "survey-form")
    finally:
        browser.set_window_size(1400, 1000)


def test_a_school_with_six_partners_reaches_submit_in_40_tabs(
    browser, live_server: str, store: graph.Store
) -> None:
    from selenium.webdriver.common.keys import Keys

    seed_mod.load(store)
    actors = store.read("surveys/actor_directory", limit=20)
    school, others = actors[0]["id"], [a["id"] for a in actors[1:]]
    have = {
        lk.to_id if lk.from_id == school else lk.from_id
        for lk in graph.links_of(store, "Actor", school, ["COOPERATES_WITH"])
    }
    for other in others:
        if len(have) >= 6:
            break
        if other not in have:
            graph.create_link(
                store,
                graph.Link(
                    type="COOPERATES_WITH", from_id=school, to_id=other, kind="Gremienarbeit"
                ),
                user="t",
            )
            have.add(other)
    made, _n = sv.create_survey(
        store,
        sv.Survey(
            title="Sechs Partner",
            closes=date.today() + timedelta(days=10),
            scope=sv.Scope("actors", actor_ids=(school,)),
        ),
        user="t",
    )
    (link,) = sv.issue_links(store, made.id)
    browser.set_window_size(*PHONE)
    try:
        browser.get(f"{live_server}/b/{link.token}")
        assert len(browser.find_elements(By.CSS_SELECTOR, ".sv-known")) == len(have) >= 6
        body = browser.find_element(By.TAG_NAME, "body")
        body.click()
        presses = 0
        while presses < 200:
            browser.switch_to.active_element.send_keys(Keys.TAB)
            presses += 1
            if browser.switch_to.active_element.get_attribute("id") == "submit":
                break
        print(f"Tab presses to submit: {presses}")
        assert presses <= 40, presses
        publish(screenshot(browser, "survey-partner-page-375"), "survey-partner-page.png")
        # "Weitere Zeilen" keeps the focus at the first new row
        first_empty = browser.find_element(By.CSS_SELECTOR, "input[list=actor-names]")
        first_empty.send_keys("Sternwarte Trier")
        submit(browser, browser.find_element(By.ID, "more-rows"))
        focused = browser.switch_to.active_element
        assert focused.get_attribute("list") == "actor-names" and not focused.get_attribute("value")
    finally:
        browser.set_window_size(1400, 1000)
