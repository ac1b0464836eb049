"""Every page, for every role and without a login, passes axe-core's WCAG 2.2 A/AA rules.

BITV 2.0 asks for WCAG 2.1 AA; axe-core finds the violations a machine can find (names,
contrast, roles, landmarks). It comes from npm (``make test`` runs ``npm ci``), never from a
CDN, and is injected into each page after it loaded, so the CSP of the app does not matter.

The walk covers every page a role can reach: the page list names a URL for each HTML
endpoint, the access table of ``test_access_matrix`` says which roles may open it, and a
test fails when an endpoint is neither visited nor listed as not being a page. Each role
(reader, reader with the contacts grant, editor, admin) walks its pages in one browser;
a page whose body below the top bar renders exactly as one already checked (same DOM after
its scripts ran, CSRF tokens aside) is not checked again — its report names the page it
equals — while the top bar, the only part that differs by role, is checked on each role's
first page. One JSON report per page lands in ``build/axe/`` (``NETZWERK_AXE_DIR`` moves it);
the test fails listing every violation.

References
----------
.. [1] Deque Systems, "axe-core API", https://github.com/dequelabs/axe-core/blob/develop/doc/API.md
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest
import requests
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import seed, users
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import accounts, sharing
from netzwerk.graph.sharing.presentations import Slide
from tests.browser.conftest import submit
from tests.browser.test_network import wait_ready
from tests.conftest import PASSWORD
from tests.integration.test_access_matrix import ACCESS, LEVEL

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = Path(os.environ.get("NETZWERK_AXE_DIR") or ROOT / "build" / "axe")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ACTOR = "actor-kbm-trier"
PERSON = "person-0001"
ALLIANCE = "alliance-alpha-trier"


@dataclass(frozen=True)
class Role:
    """An account of one role; ``level`` orders it like the access table's roles."""

    name: str
    role: str
    contacts: bool
    level: int


ROLES = (
    Role("leserin", "viewer", False, LEVEL["viewer"]),
    Role("kontakte", "viewer", True, LEVEL["contacts"]),
    Role("redaktion", "editor", False, LEVEL["editor"]),
    Role("verwaltung", "admin", False, LEVEL["admin"]),
)

NOT_PAGES = {
    "static": "files",
    "health.healthz": "JSON for monitoring",
    "metrics.metrics": "Prometheus text",
    "oidc.start": "redirect to the login service (tested in test_login_oidc)",
    "oidc.callback": "redirect back from the login service",
    "changesets.detail_json": "JSON",
    "records.suggestions": "JSON for the name completion",
    "records.duplicate_check": "JSON for the duplicate warning of the form",
    "network.data": "JSON",
    "network.alliance_data": "JSON",
    "network.ego_data": "JSON",
    "network.alliance_download": "offline HTML file, the template of network.download",
    "network.ego_download": "offline HTML file, the template of network.download",
    "shared.data": "JSON",
    "shared.slide_data": "JSON",
    "shared.pdf": "PDF download of a shared presentation",
    "presentations.data": "JSON",
    "presentations.pdf": "PDF download",
    "public.data": "JSON",
    "gaps.export": "CSV/XLSX download",
    "gaps.report_download": "HTML file download of /bericht",
    "gaps.report_document": "PDF/DOCX download of /bericht",
    "gaps.report_picture": "SVG picture inside /bericht",
    "gaps.suggestions_json": "JSON",
    "measures.metrics_export": "CSV/XLSX download",
    "imports.workbook_template": "XLSX download",
    "privacy.backup_download": "JSON download",
    "privacy.graphml_download": "GraphML download",
    "privacy.person_report_json": "JSON download",
}
"""GET endpoints that answer something other than an HTML page, and why."""


def _logged_in_pages(ids: dict[str, str]) -> dict[str, str]:
    """A URL for every HTML page behind the login (which roles see it: the access table)."""
    pages = {
        "start": "/",
        "konto": "/konto",
        "zweiter-faktor-einrichten": "/anmelden/zweiter-faktor",
        "zusammenfuehren": f"/akteure/{ACTOR}/zusammenfuehren",
        "verknuepfung": f"/verknuepfungen/COOPERATES_WITH/{ids['link']}",
        "person-einwilligungen": f"/personen/{PERSON}/einwilligungen",
        "netzwerk": "/netzwerk",
        "netzwerk-buendnisse": "/netzwerk/buendnisse",
        "partner": f"/netzwerk/ego/{ACTOR}",
        "luecken": "/luecken",
        "luecken-partner": "/luecken?organisation=kreis-trier-saarburg",
        "netzwerk-grenze": "/netzwerk?organisation=grenze",
        "luecken-abdeckung": "/luecken/abdeckung",
        "luecken-struktur": "/luecken/struktur",
        "luecken-kennzahlen": "/luecken/kennzahlen",
        "luecken-uebergaenge": "/luecken/uebergaenge",
        "luecken-veraenderung": "/luecken/veraenderung?von=2019-01-01",
        "luecken-vorschlaege": "/luecken/vorschlaege",
        "luecken-indikatoren": "/luecken/indikatoren",
        "luecken-wert-vertrauen": "/luecken/wert-vertrauen",
        "bericht": "/bericht?von=2020-01-01",
        "suche": "/suche?q=Schule",
        "kontakte": "/kontakte",
        "kontakte-protokoll": "/kontakte/protokoll",
        "import": "/import",
        "aenderungen": "/aenderungen",
        "aenderung": f"/aenderungen/{ids['changeset']}",
        "befragungen": "/befragungen",
        "befragung": f"/befragungen/{ids['survey']}",
        "befragung-auswertung": f"/befragungen/{ids['survey']}/auswertung",
        "befragung-vergleich": f"/befragungen/{ids['survey']}/vergleich",
        "befragung-wellen": f"/befragungen/{ids['survey']}/wellen",
        "befragung-links-erneuern": f"/befragungen/{ids['survey']}/links/erneuern",
        "ansichten": "/ansichten",
        "ansicht": f"/ansichten/{ids['view']}",
        "ansicht-luecken": f"/ansichten/{ids['view']}/luecken",
        "ansicht-kontakte": f"/ansichten/{ids['view']}/kontakte",
        "ansicht-loeschen": f"/ansichten/{ids['view']}/loeschen",
        "praesentationen": "/praesentationen",
        "praesentation": f"/praesentationen/{ids['presentation']}",
        "praesentation-zeigen": f"/praesentationen/{ids['presentation']}/zeigen",
        "praesentation-folie-ohne-ansicht": f"/praesentationen/{ids['presentation']}/zeigen/2",
        "datenschutz": "/datenschutz",
        "datenschutz-einwilligungen": "/datenschutz/einwilligungen",
        "datenschutz-person": f"/datenschutz/person/{PERSON}",
        "verwaltung": "/verwaltung",
        "verwaltung-benutzer": "/verwaltung/benutzer",
        "verwaltung-benutzerin": f"/verwaltung/benutzer/{ids['user']}",
        "verwaltung-bildungslandkarte": "/verwaltung/bildungslandkarte",
        "verwaltung-papierkorb": "/verwaltung/papierkorb",
        "verwaltung-tokens": "/verwaltung/tokens",
        "verwaltung-verlauf": "/verwaltung/verlauf",
        "verwaltung-importe": "/verwaltung/importe",
        "verwaltung-organisationen": "/verwaltung/organisationen",
        "verwaltung-organisation": "/verwaltung/organisationen/kreis-trier-saarburg",
    }
    records = {
        "akteure": ACTOR,
        "personen": PERSON,
        "buendnisse": ALLIANCE,
        "projekte": "project-kitec-digital",
        "verwaltung/themen": "topic-mint",
        "verwaltung/bildungsstufen": "stage-primarstufe",
        "verwaltung/zielgruppen": "tg-kinder",
        "verwaltung/regionen": "region-stadt-trier",
    }
    for slug, record in records.items():
        name = slug.removeprefix("verwaltung/")
        pages[name] = f"/{slug}"
        pages[f"{name}-neu"] = f"/{slug}/neu"
        pages[f"{name}-eintrag"] = f"/{slug}/{record}"
        pages[f"{name}-bearbeiten"] = f"/{slug}/{record}/bearbeiten"
        pages[f"{name}-loeschen"] = f"/{slug}/{record}/loeschen"
    return pages


def _public_pages(store: graph.Store, ids: dict[str, str]) -> dict[str, str]:
    """Pages without a login: the share views, the Bildungslandkarte, a survey's page."""
    sharing.save_public_map(
        store, enabled=True, title="Bildungslandkarte Trier", intro="Wer macht was.", user="admin"
    )
    view = sharing.save_view(
        store, name="Geteilt", picture="cooperation", flt=Filter(), owner="admin"
    )
    _link, token = sharing.create_share_link(store, view, user="admin", days=5)
    _link, locked = sharing.create_share_link(
        store, view, user="admin", days=5, password="Kennwort-1234"
    )
    shown = graph.get(store, Presentation, ids["presentation"])
    _link, slides = sharing.create_share_link(store, shown, user="admin", days=5)
    return {
        "anmelden": "/anmelden",
        "barrierefreiheit": "/barrierefreiheit",
        "geteilt": f"/geteilt/{token}",
        "geteilt-kennwort": f"/geteilt/{locked}",
        "geteilt-praesentation": f"/geteilt/{slides}",
        "geteilt-folie-ohne-ansicht": f"/geteilt/{slides}/folie/2",
        "bildungslandkarte": "/bildungslandkarte",
        "bildungslandkarte-karte": "/bildungslandkarte?ansicht=karte&region=region-vg-konz",
        "bildungslandkarte-fehler": "/bildungslandkarte?topic=%3Cscript%3E&stage=x&stage=y",
        "bildungslandkarte-einbetten": "/bildungslandkarte/einbetten",
        "befragung-antwort": f"/b/{ids['answer']}",
        "befragung-ungueltig": "/b/unbekannt",
        "einwilligung-ungueltig": "/einwilligung/unbekannt",
        "nicht-gefunden": "/gibt-es-nicht",
    }


def _setup(store: graph.Store) -> dict[str, str]:
    """The demo region plus one of everything a page needs an id of; returns the ids."""
    seed.load(store)
    for r in ROLES:
        users.create_user(store, r.name, PASSWORD, role=r.role, contacts=r.contacts)
    # a changeset of persons only: the pictures' actors stay the demo region's, so the
    # layouts cached for them stay those the picture tests expect
    table = imports.read_table(b"Vorname;Nachname\nEva;Beispiel\n", "personen.csv")
    plan = imports.dry_run(store, table, "persons", imports.guess(table.headers, "persons"))
    changeset = operations.commit_import(store, plan, user="redaktion").batch
    survey, _n = sv.create_survey(
        store,
        sv.Survey(
            title="Netzwerkbefragung",
            intro="Mit wem arbeiten Sie zusammen?",
            closes=date.today() + timedelta(days=30),
            scope=sv.Scope("alliance", Filter(alliance=ALLIANCE)),
        ),
        user="redaktion",
    )
    view = sharing.save_view(
        store, name="Alle", picture="cooperation", flt=Filter(), owner="verwaltung", shared=True
    )
    gone = sharing.save_view(store, name="Weg", flt=Filter(), owner="verwaltung")
    shown = sharing.save_presentation(
        store,
        Presentation(name="Steuerungsgruppe"),
        [Slide(view.id, "Was wir sehen.\n\nWas wir tun."), Slide(gone.id, "Ohne Bild.")],
        user="redaktion",
    )
    sharing.delete_view(store, gone.id, user="verwaltung")
    link = graph.links_of(store, "Actor", ACTOR, ["COOPERATES_WITH"])[0]
    other = users.find_user(store, "leserin")
    assert other is not None
    return {
        "changeset": changeset,
        "survey": survey.id,
        "answer": sv.links_of(store, survey.id).issued[0].token,
        "view": view.id,
        "presentation": shown.id,
        "link": link.id,
        "user": other.id,
    }


CSRF = re.compile(r'(name="csrf_token"[^>]*value=")[^"]*"|(value=")[^"]*("[^>]*name="csrf_token")')


def fingerprint(browser: webdriver.Chrome) -> str:
    """The page as axe sees it below the top bar: the DOM after its scripts, tokens aside."""
    html: str = browser.execute_script(
        "var c = document.body.cloneNode(true);"
        "c.querySelectorAll('header.topbar').forEach(function (h) { h.remove(); });"
        "return c.outerHTML;"
    )
    return hashlib.sha256(CSRF.sub(r"\1\2-\3", html).encode()).hexdigest()


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
    write_report(name, result)
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def write_report(name: str, result: dict[str, Any]) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def describe(name: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per violated rule and page: the rule, its impact and where it hit."""
    return [
        f"{name}: {v['id']} ({v['impact']}, {len(v['nodes'])}×) "
        f"{'; '.join(' '.join(n['target'][-1:]) for n in v['nodes'][:3])}"
        for v in violations
    ]


@dataclass
class Walk:
    """What the walk checked: reports by fingerprint, findings, endpoints visited."""

    browser: webdriver.Chrome
    base: str
    app: Any
    checked: dict[str, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    endpoints: set[str] = field(default_factory=set)
    reports: int = 0
    axe_runs: int = 0

    def endpoint(self, path: str) -> str:
        adapter = self.app.url_map.bind("localhost")
        try:
            endpoint, _args = adapter.match(path.split("?")[0], method="GET")
        except Exception:
            return "-"
        return str(endpoint)

    def visit(self, name: str, path: str, *, always: bool = False) -> None:
        self.browser.get(self.base + path)
        self.endpoints.add(self.endpoint(path))
        self.check(name, always=always)

    def check(self, name: str, *, always: bool = False) -> None:
        """axe on the loaded page, unless a page that renders identically was checked."""
        if self.browser.find_elements(By.ID, "network"):
            wait_ready(self.browser)
        if not self.browser.title:
            self.found.append(f"{name}: no page title ({self.browser.current_url})")
        key = fingerprint(self.browser)
        self.reports += 1
        if key in self.checked and not always:
            same = self.checked[key]
            earlier = json.loads((REPORTS / f"{same}.json").read_text(encoding="utf-8"))
            write_report(name, {**earlier, "url": self.browser.current_url, "same_as": same})
            return
        self.checked.setdefault(key, name)
        self.axe_runs += 1
        self.found += describe(name, run_axe(self.browser, name))


def _login(browser: webdriver.Chrome, base: str, name: str) -> None:
    browser.get(f"{base}/anmelden")
    browser.find_element(By.ID, "username").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def _import_flow(walk: Walk) -> None:
    """The import wizard's steps (pages that exist only for an uploaded file)."""
    path = REPORTS / "partner.csv"
    path.write_bytes(b"Name;Art;Ort\nLeseclub Ehrang;Leseclub;Trier\n")
    walk.browser.get(f"{walk.base}/import")
    walk.browser.find_element(By.ID, "i-file").send_keys(str(path))
    submit(walk.browser, walk.browser.find_element(By.CSS_SELECTOR, "form.ct-card [type=submit]"))
    WebDriverWait(walk.browser, 10).until(ec.presence_of_element_located((By.ID, "mapping-form")))
    walk.endpoints.add("imports.mapping")
    walk.check("import-zuordnung")
    submit(walk.browser, walk.browser.find_element(By.CSS_SELECTOR, "#mapping-form [type=submit]"))
    if "/werte" in walk.browser.current_url:
        walk.endpoints.add("imports.values")
        walk.check("import-werte")
        submit(walk.browser, walk.browser.find_element(By.CSS_SELECTOR, "main form [type=submit]"))
    walk.endpoints.add("imports.preview")
    walk.check("import-vorschau")
    path.unlink()


def _offline_picture(walk: Walk) -> None:
    """The picture downloaded as one HTML file, opened from disk as its recipient would."""
    _login(walk.browser, walk.base, "redaktion")
    session = requests.Session()
    for cookie in walk.browser.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    resp = session.get(f"{walk.base}/netzwerk/bild.html", timeout=60)
    assert resp.status_code == 200, resp.text[:300]
    path = REPORTS / "bild.html"
    path.write_bytes(resp.content)
    walk.browser.get(path.as_uri())
    walk.endpoints.add("network.download")
    walk.check("netzwerk-download")
    path.unlink()
    walk.browser.delete_all_cookies()


def _two_factor_code(walk: Walk, store: graph.Store) -> None:
    """The code step of a login with a second factor."""
    account = users.create_user(store, "zweifach", PASSWORD, role="viewer")
    secret = pyotp.random_base32()
    accounts.enable_two_factor(store, account.id, secret, pyotp.TOTP(secret).now(), user="t")
    _login(walk.browser, walk.base, "zweifach")
    walk.endpoints.add("twofactor.code")
    walk.check("anmelden-code")
    walk.browser.delete_all_cookies()


def test_every_page_for_every_role_has_no_axe_violations(
    browser: webdriver.Chrome, live_server: str, store: graph.Store, app: Any
) -> None:
    if not AXE.exists():
        pytest.fail("axe-core fehlt: `make axe` (oder `npm ci --omit=dev`) installiert es.")
    shutil.rmtree(REPORTS, ignore_errors=True)
    ids = _setup(store)
    public = _public_pages(store, ids)
    walk = Walk(browser, live_server, app)
    for name, path in public.items():
        walk.visit(name, path)
    _two_factor_code(walk, store)
    pages = _logged_in_pages(ids)
    for role in ROLES:
        _login(browser, live_server, role.name)
        first = True
        for name, path in pages.items():
            need = ACCESS[walk.endpoint(path)].need("GET")
            if need is not None and LEVEL[need] <= role.level:
                walk.visit(f"{role.name}-{name}", path, always=first)
                first = False
        # the picture drawn with an actor selected: side panel and legend are filled by script
        browser.get(live_server + "/netzwerk")
        wait_ready(browser)
        browser.execute_script(f"netzwerkBild.select('{ACTOR}', true)")
        walk.check(f"{role.name}-netzwerk-auswahl")
        if role.role == "editor":
            _import_flow(walk)
        browser.delete_all_cookies()
    _offline_picture(walk)
    unvisited = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if "GET" in (r.methods or ())
        and r.endpoint not in walk.endpoints
        and r.endpoint not in NOT_PAGES
        and not r.endpoint.startswith("api.")
    }
    assert not unvisited, f"pages the walk does not visit: {sorted(unvisited)}"
    assert len(list(REPORTS.glob("*.json"))) == walk.reports
    print(f"axe: {walk.reports} pages, {walk.axe_runs} checked, the rest render identically")
    assert walk.found == [], "axe-core findet Verstöße:\n" + "\n".join(walk.found)
