"""Every route × every role × every method, checked against ONE table of who may do what.

The table :data:`ACCESS` names, per endpoint, the least role that may use each method. The
test walks ``app.url_map``: a route without an entry fails the test, so a new page cannot
slip in without someone deciding who may see it. URL parameters are filled with real ids of
a small seeded graph, so the views run to the end (a 404 would hide a missing role check).

Roles are ordered: anonymous < viewer < viewer with the contacts grant < editor < admin.
Expected answers:

* anonymous on a protected page: 302 to the login page (HTML) or 401 (``/api/``);
* a logged-in user below the least role: 403;
* a user with the role: not 401/403 and never 5xx — also for a POST without valid data
  (then 400, 302 or 200);
* a method the route does not have: 405.

The second part checks contact data: a viewer without the grant never sees a person's
e-mail or phone on any page, list, API answer or export; one with the grant does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import pypdfium2
import pytest
from werkzeug.routing import Rule
from werkzeug.routing.converters import AnyConverter

from tests.conftest import SEED_EMAIL, SEED_PHONE, csrf_token

PUBLIC, VIEWER, CONTACTS, EDITOR, ADMIN = "public", "viewer", "contacts", "editor", "admin"
LEVEL = {PUBLIC: 0, VIEWER: 1, CONTACTS: 2, EDITOR: 3, ADMIN: 4}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Access:
    """Least role per HTTP method; a method missing here must answer 405."""

    get: str | None = None
    post: str | None = None
    put: str | None = None
    patch: str | None = None
    delete: str | None = None
    vocab: Access | None = field(default=None)
    """Overrides for URLs whose slug/kind is a vocabulary (topics, stages, …): admin only."""

    def need(self, method: str) -> str | None:
        return getattr(self, method.lower())


RW_EDITOR = Access(get=EDITOR, post=EDITOR, vocab=Access(get=ADMIN, post=ADMIN))

# THE table. Keep it in the order of the blueprints; a new route needs a line here.
ACCESS: dict[str, Access] = {
    # health, static, login
    "health.index": Access(get=VIEWER),
    "health.healthz": Access(get=PUBLIC),
    "accessibility.statement": Access(get=PUBLIC),
    "metrics.metrics": Access(get=PUBLIC),
    "static": Access(get=PUBLIC),
    "auth.login": Access(get=PUBLIC, post=PUBLIC),
    "auth.logout": Access(post=PUBLIC),
    "auth.account": Access(get=VIEWER, post=VIEWER),
    "auth.revoke": Access(post=VIEWER),
    # the second step of a login (a pending login or a logged-in user), directory login
    "twofactor.code": Access(get=PUBLIC, post=PUBLIC),
    "twofactor.setup": Access(get=PUBLIC, post=PUBLIC),
    "oidc.start": Access(get=PUBLIC),
    "oidc.callback": Access(get=PUBLIC),
    # records (vocabularies under /verwaltung/… are read by all, written by admins)
    "records.index": Access(get=VIEWER),
    "records.detail": Access(get=VIEWER),
    "records.create": RW_EDITOR,
    "records.edit": RW_EDITOR,
    "records.delete": RW_EDITOR,
    "records.merge_view": Access(get=EDITOR, post=EDITOR),
    "records.duplicate_check": Access(get=VIEWER),
    "records.undo": Access(post=EDITOR),
    "records.link_create": Access(post=EDITOR),
    "records.person_at_actor": Access(post=EDITOR),
    "search.page": Access(get=VIEWER),
    "records.link_edit": Access(get=EDITOR, post=EDITOR),
    "records.link_delete": Access(post=EDITOR),
    "records.owners": Access(post=EDITOR, vocab=Access(post=ADMIN)),
    "records.suggestions": Access(get=VIEWER),
    # administration
    "admin.index": Access(get=ADMIN),
    "admin.users_list": Access(get=ADMIN, post=ADMIN),
    "admin.user_edit": Access(get=ADMIN, post=ADMIN),
    "organisations.index": Access(get=ADMIN, post=ADMIN),
    "organisations.edit": Access(get=ADMIN, post=ADMIN),
    "admin.trash_list": Access(get=ADMIN),
    "admin.recent": Access(get=ADMIN),
    "admin.tokens": Access(get=ADMIN),
    "admin.token_revoke": Access(post=ADMIN),
    "admin.tokens_revoke_all": Access(post=ADMIN),
    "admin.two_factor_reset": Access(post=ADMIN),
    # JSON API
    "api.openapi": Access(get=PUBLIC),
    "api.me": Access(get=VIEWER),
    "api.list_records": Access(get=VIEWER),
    "api.create_record": Access(post=EDITOR, vocab=Access(post=ADMIN)),
    "api.get_record": Access(get=VIEWER),
    "api.patch_record": Access(patch=EDITOR, vocab=Access(patch=ADMIN)),
    "api.put_record": Access(put=EDITOR, vocab=Access(put=ADMIN)),
    "api.delete_record": Access(delete=EDITOR, vocab=Access(delete=ADMIN)),
    "api.record_history": Access(get=VIEWER),
    "api.merge_actor": Access(post=EDITOR),
    "api.actor_duplicates": Access(get=VIEWER),
    "api.create_link": Access(post=EDITOR),
    "api.get_link": Access(get=VIEWER),
    "api.patch_link": Access(patch=EDITOR),
    "api.delete_link": Access(delete=EDITOR),
    "api.suggest": Access(get=VIEWER),
    "api.restore": Access(post=EDITOR),
    "api.list_accounts": Access(get=ADMIN),
    "api.create_account": Access(post=ADMIN),
    "api.patch_account": Access(patch=ADMIN),
    "api.reset_two_factor": Access(post=ADMIN),
    "api.revoke_tokens": Access(delete=ADMIN),
    "api.revoke_token": Access(delete=VIEWER),
    # gap analyses
    "gaps.overview_page": Access(get=VIEWER),
    "gaps.coverage_page": Access(get=VIEWER),
    "gaps.transitions_page": Access(get=VIEWER),
    "gaps.suggestions_page": Access(get=VIEWER),
    "gaps.suggestions_json": Access(get=VIEWER),
    "gaps.export": Access(get=VIEWER),
    "gaps.report_page": Access(get=VIEWER),
    "gaps.report_download": Access(get=VIEWER),
    "gaps.report_document": Access(get=VIEWER),
    "gaps.report_picture": Access(get=VIEWER),
    "gaps.contact": Access(post=EDITOR),
    "gaps.agree": Access(post=EDITOR),
    "gaps.dismiss": Access(post=EDITOR),
    "gaps.restore": Access(post=EDITOR),
    "measures.structure_page": Access(get=VIEWER),
    "measures.metrics_page": Access(get=VIEWER),
    "measures.metrics_export": Access(get=VIEWER),
    "measures.change_page": Access(get=VIEWER),
    "indicators.page": Access(get=VIEWER),
    "indicators.check": Access(post=EDITOR),
    "indicators.commit": Access(post=EDITOR),
    "measures.value_trust_page": Access(get=VIEWER),
    # network pictures
    "network.page": Access(get=VIEWER),
    "network.data": Access(get=VIEWER),
    "network.download": Access(get=VIEWER),
    "network.alliances": Access(get=VIEWER),
    "network.alliance_data": Access(get=VIEWER),
    "network.alliance_download": Access(get=VIEWER),
    "network.ego": Access(get=VIEWER),
    "network.ego_data": Access(get=VIEWER),
    "network.ego_download": Access(get=VIEWER),
    "picture_exports.cooperation": Access(post=VIEWER),
    "picture_exports.alliances": Access(post=VIEWER),
    "picture_exports.ego": Access(post=VIEWER),
    # saved views: everyone keeps their own; sharing publishes, so editors only
    "saved_views.index": Access(get=VIEWER),
    "saved_views.save": Access(post=VIEWER),
    "saved_views.open_view": Access(get=VIEWER),
    "saved_views.open_gaps": Access(get=VIEWER),
    "saved_views.open_contacts": Access(get=CONTACTS),
    "saved_views.repin": Access(post=VIEWER),
    "saved_views.rename": Access(post=VIEWER),
    "saved_views.confirm_delete": Access(get=VIEWER),
    "saved_views.delete": Access(post=VIEWER),
    "saved_views.share": Access(post=EDITOR),
    "saved_views.revoke": Access(post=EDITOR),
    # shared links and the Bildungslandkarte are public by design (no personal data)
    "shared.page": Access(get=PUBLIC, post=PUBLIC),
    "shared.data": Access(get=PUBLIC),
    "shared.slide": Access(get=PUBLIC),
    "shared.slide_data": Access(get=PUBLIC),
    "shared.pdf": Access(get=PUBLIC),
    # presentations: anyone logged in may look at them and print them, editors make them
    "presentations.index": Access(get=VIEWER),
    "presentations.create": Access(post=EDITOR),
    "presentations.edit": Access(get=VIEWER),
    "presentations.save": Access(post=EDITOR),
    "presentations.delete": Access(post=EDITOR),
    "presentations.share": Access(post=EDITOR),
    "presentations.show_first": Access(get=VIEWER),
    "presentations.show": Access(get=VIEWER),
    "presentations.data": Access(get=VIEWER),
    "presentations.pdf": Access(get=VIEWER),
    "public.page": Access(get=PUBLIC),
    "public.embed": Access(get=PUBLIC),
    "public.data": Access(get=PUBLIC),
    "public.settings": Access(get=ADMIN, post=ADMIN),
    # contacts: export needs the contacts grant; import edits; privacy is for admins
    "contact_export.page": Access(get=CONTACTS),
    "contact_export.download": Access(post=CONTACTS),
    "contact_export.log": Access(get=ADMIN),
    "imports.page": Access(get=EDITOR),
    "imports.upload": Access(post=EDITOR),
    "imports.mapping": Access(get=EDITOR),
    "imports.dry_run": Access(post=EDITOR),
    "imports.preview": Access(get=EDITOR),
    "imports.start": Access(post=EDITOR),
    "changesets.index": Access(get=EDITOR),
    "changesets.detail": Access(get=EDITOR),
    "changesets.detail_json": Access(get=EDITOR),
    "changesets.undo": Access(post=EDITOR),
    "changesets.decide": Access(post=EDITOR),
    "changesets.accept": Access(post=EDITOR),
    "changesets.reject": Access(post=EDITOR),
    "imports.values": Access(get=EDITOR),
    "imports.values_save": Access(post=EDITOR),
    "imports.review": Access(post=EDITOR),
    "imports.differences": Access(post=EDITOR),
    "imports.reread": Access(post=EDITOR),
    "imports.workbook_download": Access(post=EDITOR),
    "imports.workbook_template": Access(get=EDITOR),
    "uploads_admin.pending": Access(get=ADMIN),
    "uploads_admin.clear": Access(post=ADMIN),
    "privacy.page": Access(get=ADMIN),
    "privacy.person_report": Access(get=ADMIN),
    "privacy.person_report_json": Access(get=ADMIN),
    "privacy.person_erase": Access(post=ADMIN),
    "privacy.backup_download": Access(get=ADMIN),
    "privacy.graphml_download": Access(get=ADMIN),
    # consent ledger (contact data) and the Löschkonzept review
    "consent.person": Access(get=CONTACTS, post=EDITOR),
    "consent.review_page": Access(get=ADMIN),
    "consent.review": Access(post=ADMIN),
    "consent.send_confirmations": Access(post=ADMIN),
    "consent_confirm.confirm": Access(get=PUBLIC, post=PUBLIC),
    # surveys: progress is read by viewers, everything else is editing; the respondent's
    # page is public (the personal link is the credential)
    "surveys.index": Access(get=VIEWER, post=EDITOR),
    "surveys.detail": Access(get=VIEWER),
    "surveys.links": Access(post=EDITOR),
    "surveys.mails": Access(post=EDITOR),
    "surveys.revoke": Access(post=EDITOR),
    "surveys.close": Access(post=EDITOR),
    "surveys.reopen": Access(post=EDITOR),
    "surveys.renew": Access(get=EDITOR, post=EDITOR),
    "surveys.review_page": Access(get=EDITOR),
    "surveys.decide_view": Access(post=EDITOR),
    "surveys.compare_page": Access(get=VIEWER),
    "surveys.waves_page": Access(get=VIEWER),
    "surveys.texts": Access(post=EDITOR),
    "survey_answer.answer": Access(get=PUBLIC, post=PUBLIC),
}

VOCAB_VALUES = {
    *("themen", "bildungsstufen", "zielgruppen", "regionen"),
    *("topics", "stages", "target-groups", "regions"),
}
SLUG_SEED = {
    "akteure": "actor",
    "personen": "person",
    "buendnisse": "alliance",
    "projekte": "project",
    "themen": "topic",
    "bildungsstufen": "stage",
    "zielgruppen": "target_group",
    "regionen": "region",
    "actors": "actor",
    "persons": "person",
    "alliances": "alliance",
    "projects": "project",
    "topics": "topic",
    "stages": "stage",
    "target-groups": "target_group",
    "regions": "region",
}
ROLES: list[tuple[str, str | None, bool]] = [
    ("anonymous", None, False),
    ("viewer", "viewer", False),
    ("contacts", "viewer", True),
    ("editor", "editor", False),
    ("admin", "admin", False),
]


@dataclass
class Target:
    """One concrete URL and, per method it serves, the endpoint behind it."""

    url: str
    endpoints: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """method -> (endpoint, whether the URL is a vocabulary's)"""

    def need(self, method: str) -> str | None:
        if method not in self.endpoints:
            return None
        endpoint, vocab = self.endpoints[method]
        access = ACCESS[endpoint]
        if vocab and access.vocab is not None:
            access = access.vocab
        return access.need(method)

    def endpoint(self, method: str) -> str:
        return self.endpoints.get(method, ("-", False))[0]


PARAM = re.compile(r"<(?:[^<>]*:)?(\w+)>")


def _fill(rule: Rule, seed: dict[str, str]) -> Iterator[tuple[str, bool]]:
    """Concrete URLs for a rule: every option of an ``any`` converter, ids from the seed."""
    choices: list[list[str]] = []
    names = list(rule.arguments)
    for name in names:
        conv = rule._converters[name]
        if isinstance(conv, AnyConverter):
            choices.append(sorted(conv.items))
        else:
            choices.append([""])  # filled below, may depend on the slug
    for combo in product(*choices):
        values = dict(zip(names, combo, strict=True))
        slug = values.get("slug") or values.get("kind") or ""
        fixed = {
            "node_id": seed[SLUG_SEED.get(slug, "actor")],
            "type_name": seed["link_type"],
            "link_id": seed["link"],
            "entry_id": seed["trash"],
            "user_id": seed["user"],
            "token_id": seed["token"],
            "person_id": seed["person"],
            "actor_id": seed["actor"],
            "uid": "unbekannt",
            "view_id": "unbekannt",
            "token": "unbekannt",
            "cs_id": "unbekannt",
            "org_slug": "unbekannt",
            "fmt": "csv",
            "filename": "css/netzwerk.css",
            "survey_id": "unbekannt",
            "invite_id": "unbekannt",
            "answer_id": "unbekannt",
            "presentation_id": seed["presentation"],
            "number": "1",
        }
        for name in names:
            if not values[name]:
                assert name in fixed, f"no value for URL parameter <{name}> of {rule.rule}"
                values[name] = fixed[name]
        url = PARAM.sub(r"{\1}", rule.rule).format(**values)  # rules hold no braces
        yield url, slug in VOCAB_VALUES


def targets(app: Any, seed: dict[str, str]) -> list[Target]:
    by_url: dict[str, Target] = {}
    for rule in app.url_map.iter_rules():
        for url, vocab in _fill(rule, seed):
            target = by_url.setdefault(url, Target(url))
            for method in set(rule.methods or ()) - {"HEAD", "OPTIONS"}:
                target.endpoints[method] = (rule.endpoint, vocab)
    return list(by_url.values())


def send(client: Any, method: str, url: str, token: str | None) -> Any:
    """One request as a browser/API client would send it, with a valid CSRF token."""
    headers = {"X-CSRFToken": token} if token else {}
    if url.startswith("/api/"):
        body: dict[str, Any] = {"json": {}} if method in WRITE_METHODS else {}
        return client.open(url, method=method, headers=headers, **body)
    data = {"csrf_token": token} if token and method in WRITE_METHODS else None
    return client.open(url, method=method, data=data, headers=headers)


def test_every_route_has_an_entry(app: Any) -> None:
    endpoints = {r.endpoint for r in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(ACCESS))
    assert not missing, f"routes without an entry in ACCESS (decide who may use them): {missing}"
    stale = sorted(set(ACCESS) - endpoints)
    assert not stale, f"entries in ACCESS for routes that no longer exist: {stale}"


def test_table_agrees_with_decorators(app: Any) -> None:
    """The view's ``@require_role`` is the floor the table relies on (defence in depth)."""
    for endpoint, view in app.view_functions.items():
        declared = getattr(view, "required_role", None)
        access = ACCESS[endpoint]
        needs = [access.need(m) for m in ("GET", "POST", "PUT", "PATCH", "DELETE")]
        least = min((LEVEL[n] for n in needs if n), default=0)
        if declared is None:
            assert least == LEVEL[PUBLIC], f"{endpoint} has no @require_role but needs a role"
        else:
            assert LEVEL[declared] <= least or (declared == VIEWER and least == LEVEL[CONTACTS]), (
                f"{endpoint}: @require_role({declared!r}) is above the table ({needs})"
            )
            assert least != LEVEL[PUBLIC], f"{endpoint} is public in the table but declares a role"


@pytest.mark.parametrize("who", [r[0] for r in ROLES])
def test_access_matrix(who: str, app: Any, make_client: Any, seeded: dict[str, str]) -> None:  # noqa: C901 (complexity 13: lower, never raise)
    name, role, contacts = next(r for r in ROLES if r[0] == who)
    client = make_client(role, contacts=contacts)
    level = {"anonymous": 0, "viewer": 1, "contacts": 2, "editor": 3, "admin": 4}[name]
    token = csrf_token(client)
    all_targets = targets(app, seeded)
    # Reads first, then writes (which may delete seeded records), logout last of all.
    order = [(t, "GET") for t in all_targets] + [
        (t, m)
        for t in sorted(all_targets, key=lambda t: t.endpoint("POST") == "auth.logout")
        for m in WRITE_METHODS
        if m in t.endpoints or m == "POST"
    ]
    failures: list[str] = []
    checked = 0
    for t, method in order:
        need = t.need(method)
        resp = send(client, method, t.url, token)
        status = resp.status_code
        checked += 1
        where = f"{who} {method} {t.url} ({t.endpoint(method)}, needs {need}) -> {status}"
        if status >= 500:
            failures.append(where + ": server error")
        elif need is None:
            if status != 405:
                failures.append(where + ": expected 405")
        elif LEVEL[need] <= level:
            if status in (401, 403):
                failures.append(where + ": allowed role refused")
            elif method in WRITE_METHODS and status not in (200, 201, 204, 302, 400, 404, 409):
                failures.append(where + ": expected 200/302/400/404/409 for a bare write")
        elif level == 0:
            if t.url.startswith("/api/"):
                if status != 401:
                    failures.append(where + ": expected 401")
            elif status != 302 or "/anmelden" not in resp.headers.get("Location", ""):
                failures.append(where + ": expected redirect to the login page")
        elif status != 403:
            failures.append(where + ": expected 403")
    assert checked > 150
    assert not failures, "\n".join(failures)


def _bodies(client: Any, urls: list[str]) -> dict[str, str]:
    out = {}
    for url in urls:
        resp = client.get(url)
        assert resp.status_code < 500, (url, resp.status_code)
        out[url] = _pdf_text(resp.data) if resp.mimetype == "application/pdf" else resp.text
    return out


def _pdf_text(data: bytes) -> str:
    """The words of a PDF (a presentation's print), so they are checked like a page's."""
    doc = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


PHONE_DIGITS = "".join(c for c in SEED_PHONE if c.isdigit())


def _shows_contact(text: str) -> bool:
    digits = "".join(c for c in text if c.isdigit())
    return SEED_EMAIL in text or SEED_PHONE in text or PHONE_DIGITS[2:] in digits


def test_viewer_without_grant_never_sees_contact_data(
    app: Any, make_client: Any, seeded: dict[str, str]
) -> None:
    """Every GET a viewer may use, plus the export attempt: no e-mail, no phone anywhere."""
    viewer = make_client("viewer")
    urls = [
        t.url
        for t in targets(app, seeded)
        if t.need("GET") in (VIEWER, PUBLIC) and t.endpoint("GET") != "static"
    ]
    assert any(seeded["person"] in u for u in urls)
    leaks = [url for url, text in _bodies(viewer, urls).items() if _shows_contact(text)]
    assert not leaks, f"contact data shown to a viewer without the grant: {leaks}"
    token = csrf_token(viewer)
    resp = viewer.post(
        "/kontakte/export",
        data={"csrf_token": token, "purpose": "contact", "format": "csv"},
    )
    assert resp.status_code == 403
    assert not _shows_contact(resp.get_data(as_text=True))
    # Searching by words of the address finds nothing (and hits would carry no contact data).
    found = viewer.get("/api/v1/persons?q=" + SEED_EMAIL.split("@")[0]).get_json()
    assert not any(_shows_contact(str(item)) for item in found.get("items", []))


def test_viewer_with_grant_sees_contact_data(
    app: Any, make_client: Any, seeded: dict[str, str]
) -> None:
    client = make_client("viewer", contacts=True)
    person = seeded["person"]
    for url in (
        f"/personen/{person}",
        "/personen",
        f"/api/v1/persons/{person}",
        "/api/v1/persons",
    ):
        text = client.get(url).get_data(as_text=True)
        assert SEED_EMAIL in text, url
    detail = client.get(f"/personen/{person}").get_data(as_text=True)
    assert _shows_contact(detail.replace(SEED_EMAIL, ""))  # the phone too
    token = csrf_token(client)
    resp = client.post(
        "/kontakte/export",
        data={"csrf_token": token, "purpose": "contact", "format": "csv"},
    )
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert SEED_EMAIL in resp.get_data(as_text=True)
