"""Every main page passes axe-core's WCAG 2.2 A/AA rules in the real browser.

BITV 2.0 asks for WCAG 2.1 AA; axe-core finds the violations a machine can find (names,
contrast, roles, landmarks). It comes from npm (``make test`` runs ``npm ci``), never from a
CDN, and is injected into each page after it loaded, so the CSP of the app does not matter.
One JSON report per page lands in ``build/axe/``; the test fails listing every violation.

References
----------
.. [1] Deque Systems, "axe-core API", https://github.com/dequelabs/axe-core/blob/develop/doc/API.md
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from tests.browser.conftest import browser_login
from tests.browser.test_network import wait_ready

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = ROOT / "build" / "axe"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PAGES = {
    "start": "/",
    "akteure": "/akteure",
    "personen": "/personen",
    "buendnisse": "/buendnisse",
    "projekte": "/projekte",
    "netzwerk": "/netzwerk",
    "netzwerk-buendnisse": "/netzwerk/buendnisse",
    "partner": "/netzwerk/ego/actor-kbm-trier",
    "luecken": "/luecken",
    "luecken-abdeckung": "/luecken/abdeckung",
    "luecken-struktur": "/luecken/struktur",
    "luecken-kennzahlen": "/luecken/kennzahlen",
    "luecken-uebergaenge": "/luecken/uebergaenge",
    "luecken-veraenderung": "/luecken/veraenderung?von=2019-01-01",
    "luecken-wert-vertrauen": "/luecken/wert-vertrauen",
    "luecken-vorschlaege": "/luecken/vorschlaege",
    "luecken-indikatoren": "/luecken/indikatoren",
    "bericht": "/bericht?von=2020-01-01",
    "suche": "/suche?q=Schule",
    "kontakte": "/kontakte",
    "import": "/import",
    "aenderungen": "/aenderungen",
    "befragungen": "/befragungen",
    "ansichten": "/ansichten",
    "verwaltung": "/verwaltung",
    "verwaltung-benutzer": "/verwaltung/benutzer",
    "verwaltung-bildungslandkarte": "/verwaltung/bildungslandkarte",
    "verwaltung-papierkorb": "/verwaltung/papierkorb",
    "verwaltung-tokens": "/verwaltung/tokens",
    "verwaltung-verlauf": "/verwaltung/verlauf",
    "verwaltung-importe": "/verwaltung/importe",
}

LIST_DETAILS = ("akteure", "personen", "buendnisse", "projekte")
"""Lists whose first entry's detail page is checked too."""


def run_axe(browser: webdriver.Chrome, name: str) -> list[dict[str, Any]]:
    """Inject axe-core into the loaded page, run it, keep the report; returns the violations."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
        " resultTypes: ['violations']})"
        ".then(r => done({url: r.url, violations: r.violations}), e => done({error: String(e)}));",
        TAGS,
    )
    assert "error" not in result, result
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(name: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per violated rule and page: the rule, its impact and where it hit."""
    return [
        f"{name}: {v['id']} ({v['impact']}, {len(v['nodes'])}×) "
        f"{'; '.join(' '.join(n['target'][-1:]) for n in v['nodes'][:3])}"
        for v in violations
    ]


def _public_pages(store: graph.Store) -> dict[str, str]:
    """The share view of a saved view and the Bildungslandkarte, switched on for the test."""
    sharing.save_public_map(
        store, enabled=True, title="Bildungslandkarte Trier", intro="Wer macht was.", user="admin"
    )
    view = sharing.save_view(
        store, name="Geteilt", picture="cooperation", flt=Filter(), owner="admin"
    )
    _link, token = sharing.create_share_link(store, view, user="admin", days=5)
    return {"geteilt": f"/geteilt/{token}", "bildungslandkarte": "/bildungslandkarte"}


def test_main_pages_have_no_axe_violations(
    browser: webdriver.Chrome, live_server: str, store: graph.Store
) -> None:
    if not AXE.exists():
        pytest.fail("axe-core fehlt: `make axe` (oder `npm ci --omit=dev`) installiert es.")
    shutil.rmtree(REPORTS, ignore_errors=True)
    seed.load(store)
    public = _public_pages(store)
    found: list[str] = []
    browser.get(live_server + "/anmelden")
    found += describe("anmelden", run_axe(browser, "anmelden"))
    for name, path in public.items():
        browser.get(live_server + path)
        found += describe(name, run_axe(browser, name))
    browser_login(browser, live_server, store, "admin")
    for name, path in PAGES.items():
        browser.get(live_server + path)
        assert browser.find_element(By.CSS_SELECTOR, "h1").text, path
        found += describe(name, run_axe(browser, name))
        if name in LIST_DETAILS:
            link = browser.find_element(By.CSS_SELECTOR, f"main table a[href^='/{name}/']")
            browser.get(link.get_attribute("href") or "")
            found += describe(f"{name}-detail", run_axe(browser, f"{name}-detail"))
    # the picture once drawn, with an actor selected: legend and side panel are filled by script
    browser.get(live_server + "/netzwerk")
    wait_ready(browser)
    browser.execute_script("netzwerkBild.select('actor-kbm-trier', true)")
    found += describe("netzwerk-auswahl", run_axe(browser, "netzwerk-auswahl"))
    checked = len(list(REPORTS.glob("*.json")))
    assert checked == len(PAGES) + len(LIST_DETAILS) + len(public) + 2
    assert found == [], "axe-core findet Verstöße:\n" + "\n".join(found)
