"""Every page, for every role, shows no German word in English.

The walk is the accessibility test's: its page list names a URL for every HTML endpoint
(``_logged_in_pages``/``_public_pages``), the access table says which role may open each,
and a page added later without an entry there fails that test — so a new page is checked
here as soon as it is walkable. Each page is asked for with ``?lang=en`` (the choice the
language switch makes), its visible text is read (text outside ``script``/``style``, the
``title``, the ``alt``, ``title``, ``aria-label``, ``placeholder`` attributes, button
labels and the ``data-`` sentences the scripts show), and a word fails the test when it is
German:

* it has an umlaut or ß, or
* it is a word of the German catalogue's message ids or of the model's vocabularies
  (actor kinds, sponsorship, roles, cooperation kinds, …) that no English translation uses.

What the office typed is data, not UI: every string stored on a record, an account, a
survey or a saved view is read from the database and cut out of the text first, so the
demo region's "Trierer Bündnis für Bildung" passes while "Schule" as an actor kind (a
vocabulary value, translated on display) does not. The report's downloads (CSV and XLSX
headers, the PDF's and DOCX's text) are checked the same way.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import io
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pyotp
import pypdfium2 as pdfium
import pytest

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.core.fields import field_table
from netzwerk.graph.core.model import LABELS, LINK_TYPES, VOCABULARY_VALUES, Link
from netzwerk.graph.sharing.public_tiles import lines_of
from netzwerk.web import auth
from tests.browser.test_accessibility import (
    ACTOR,
    NOT_PAGES,
    ROLES,
    _logged_in_pages,
    _public_pages,
    _setup,
)
from tests.conftest import PASSWORD, csrf_token, login
from tests.integration.test_access_matrix import ACCESS, LEVEL

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "netzwerk/web/translations/en/LC_MESSAGES/messages.po"
WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß]+")
UMLAUT = re.compile(r"[ÄÖÜäöüß]")
ADDRESS = re.compile(r"\w+=\"[^\"]*\"|(?<![\w/])/[\w/.?=&%-]+")
"""Attributes and paths inside shown code (an embedding snippet): not words."""
MARKUP = re.compile(r"<[^>]*>|%\(\w+\)[sdf]|\{\w+\}|&\w+;")
SHOWN_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder", "aria-description"})
SILENT = frozenset({"script", "style", "template"})
DATA_QUERY = """
CALL () {
  MATCH (n) WHERE NOT n:Change AND NOT n:ChangesetPart RETURN properties(n) AS props
  UNION ALL
  MATCH ()-[r]->() RETURN properties(r) AS props
}
UNWIND keys(props) AS key
WITH key, props[key] AS value
UNWIND CASE WHEN value IS :: LIST<ANY> THEN value ELSE [value] END AS item
WITH key, item WHERE item IS :: STRING AND NOT (key IN $fields AND item IN $values)
RETURN DISTINCT item
"""
"""Every string the office stored on records, links, accounts, surveys and views (names,
notes, addresses, a cooperation's source), for cutting out; not the history's entries, and
not a vocabulary's value in a field that offers it (an actor's kind: shown translated)."""


IMPORTED = ("Haus Nord", "Treffpunkt Ost", "Jugendhaus", "Trier", "Konz", "Treff West")
PARTNERS = (
    "Name;Art;PLZ;Ort\r\n"
    f"{IMPORTED[0]};{IMPORTED[2]};54290;{IMPORTED[3]}\r\n"
    f"{IMPORTED[1]};;54329;{IMPORTED[4]}\r\n"
    f"{IMPORTED[5]};;1;{IMPORTED[3]}\r\n"
)
"""The partner list the import wizard reads: one kind to confirm (a youth centre), one row
refused (its postcode)."""


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(MARKUP.sub(" ", text))}


def _joined(value: Any) -> str:
    """A catalogue entry's id or string; a plural's forms are a tuple."""
    return " ".join(value) if isinstance(value, list | tuple) else str(value or "")


@cache
def german_words() -> frozenset[str]:
    """Words of the German UI that English never uses: the catalogue's ids and the model's
    vocabularies, less every word of the English translations (``Name``, ``Status``, …
    are both)."""
    from babel.messages.pofile import read_po

    with open(CATALOGUE, "rb") as fh:
        catalogue = read_po(fh)
    german: set[str] = set()
    english: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        german |= _words(_joined(message.id))
        english |= _words(_joined(message.string))
    for value in VOCABULARY_VALUES:
        german |= _words(value)
    return frozenset(w for w in german - english if len(w) > 3)


def vocabulary_fields() -> set[str]:
    """The fields (of records and links) whose values are a vocabulary's."""
    tables = [field_table(cls) for cls in (*LABELS.values(), Link)]
    tables += [lt.field_table() for lt in LINK_TYPES.values()]
    return {name for t in tables for name, info in t.items() if info.choices}


def stored_strings(store: graph.Store) -> list[str]:
    """What the office typed (vocabulary values aside), longest first, for cutting out."""
    rows, _summary, _keys = store.driver.execute_query(
        DATA_QUERY,
        fields=sorted(vocabulary_fields()),
        values=sorted(VOCABULARY_VALUES),
        database_=store.database,
    )
    values = {str(r["item"]).strip() for r in rows}
    # the provenance a survey writes on what its answers change ("Befragung <title>")
    values |= {item.survey.source for item in sv.list_surveys(store)}
    # a region's name on a tile of the Bildungslandkarte, broken into lines
    regions, _summary, _keys = store.driver.execute_query(
        "MATCH (r:Region) RETURN r.name AS name", database_=store.database
    )
    values |= {line.strip() for r in regions for line in lines_of(str(r["name"]))}
    # a presentation's slide texts, stored as one JSON list on the record
    decks, _summary, _keys = store.driver.execute_query(
        "MATCH (p:Presentation) RETURN p.slides AS slides", database_=store.database
    )
    for deck in decks:
        for slide in json.loads(deck["slides"] or "[]"):
            values |= {part.strip() for part in str(slide.get("text", "")).split("\n")}
    return sorted((v for v in values if len(v) > 2 and WORD.search(v)), key=len, reverse=True)


def _said_by_script(name: str, value: str) -> bool:
    """A ``data-`` attribute holding a sentence the page's script shows (not JSON)."""
    return name.startswith("data-") and " " in value.strip() and value.lstrip()[:1] not in "{["


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes read out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.silent = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SILENT:
            self.silent += 1
        values = dict(attrs)
        self.parts += [
            v for k, v in attrs if v and (k in SHOWN_ATTRIBUTES or _said_by_script(k, v))
        ]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in SILENT and self.silent:
            self.silent -= 1

    def handle_data(self, data: str) -> None:
        if not self.silent and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


@dataclass
class Checker:
    """Finds German words in texts once the stored data is cut out of them."""

    data: list[str]
    markers: frozenset[str] = field(default_factory=german_words)

    def __post_init__(self) -> None:
        self.exact = set(self.data)
        self.ordered = sorted(self.data)
        self.by_word: dict[str, list[str]] = {}
        """Per word, the stored strings that hold it (longest first, as ``data``)."""
        for text in self.data:
            for word in {w.lower() for w in WORD.findall(text)}:
                self.by_word.setdefault(word, []).append(text)

    def _shortened(self, text: str) -> str:
        """``text`` without the stored strings a picture shortened ("Deutsch-Türkischer
        Elternve…"): the longest piece before an ellipsis that begins a stored string."""
        ordered = self.ordered
        for mark in reversed([m.start() for m in re.finditer("…", text)]):
            start = max(0, mark - 60)
            for k in range(start, mark - 3):
                piece = text[k:mark]
                i = bisect.bisect_left(ordered, piece)
                if i < len(ordered) and ordered[i].startswith(piece):
                    text = text[:k] + " " + text[mark + 1 :]
                    break
        return text

    def german(self, texts: Iterable[str]) -> dict[str, str]:
        """German words, each with the text it stood in (for finding its source); a word
        that stands only inside stored strings is data."""
        found: dict[str, str] = {}
        for text in texts:
            text = " ".join(ADDRESS.sub(" ", text).split())
            if not text or text in self.exact:
                continue
            if "…" in text:
                text = self._shortened(text)
            for word in WORD.findall(text):
                if not (UMLAUT.search(word) or word.lower() in self.markers):
                    continue
                rest = text
                for stored in self.by_word.get(word.lower(), ()):
                    rest = rest.replace(stored, " ")
                hit = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", rest)
                if hit:
                    found.setdefault(word, rest[max(0, hit.start() - 40) : hit.end() + 40])
        return found


def _pages(store: graph.Store, ids: dict[str, str]) -> Iterator[tuple[str, str, int]]:
    """(name, path, least level) of every page: public ones first, at level 0."""
    for name, path in _public_pages(store, ids).items():
        yield name, path, 0
    for name, path in _logged_in_pages(ids).items():
        yield name, path, -1


def _endpoint(app: Any, path: str) -> str:
    from werkzeug.exceptions import NotFound

    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(path.split("?")[0], method="GET")
    except NotFound:
        return "-"  # the not-found page
    return str(endpoint)


def _english(path: str) -> str:
    return path + ("&" if "?" in path else "?") + "lang=en"


@pytest.fixture
def region(store: graph.Store) -> dict[str, str]:
    """The demo region with one of everything a page needs (the accessibility walk's)."""
    return _setup(store)


def test_every_page_in_english_has_no_german_word(app, store, region) -> None:
    pages = list(_pages(store, region))
    checker = Checker(stored_strings(store))
    findings: dict[str, dict[str, str]] = {}
    seen: set[str] = set()
    visited = 0
    anonymous = app.test_client()
    for name, path, level in pages:
        if level == 0:
            resp = anonymous.get(_english(path))
            visited += 1
            seen.add(_endpoint(app, path))
            findings[name] = checker.german(visible_text(resp.get_data(as_text=True)))
    for role in ROLES:
        client = app.test_client()
        login(client, role.name, PASSWORD)
        for name, path, level in pages:
            if level == 0:
                continue
            endpoint = _endpoint(app, path)
            need = ACCESS[endpoint].need("GET")
            if need is None or LEVEL[need] > role.level:
                continue
            resp = client.get(_english(path))
            assert resp.status_code < 500, (role.name, path, resp.status_code)
            visited += 1
            seen.add(endpoint)
            html = resp.get_data(as_text=True)
            assert '<html lang="en"' in html or resp.status_code in (301, 302), (role.name, path)
            words = checker.german(visible_text(html))
            for word, text in words.items():
                findings.setdefault(name, {}).setdefault(word, text)
    unvisited = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if "GET" in (r.methods or ())
        and r.endpoint not in seen
        and r.endpoint not in NOT_PAGES
        and not r.endpoint.startswith("api.")
    }
    assert visited > 150
    report = {k: sorted(f"{w} («{t}»)" for w, t in v.items()) for k, v in findings.items() if v}
    print(f"english: {visited} page views, {len(seen)} endpoints")
    assert report == {}, "German on English pages:\n" + "\n".join(
        f"{k}: {', '.join(v)}" for k, v in sorted(report.items())
    )
    assert unvisited <= UNWALKED, sorted(unvisited - UNWALKED)


UNWALKED = frozenset(
    {
        "imports.mapping",
        "imports.values",
        "imports.preview",
        "network.download",
        "twofactor.code",
    }
)
"""Pages the accessibility walk reaches only through a browser flow (upload, code step);
``test_flows_in_english_have_no_german_word`` walks the import's and the code step's."""


def _csv_header(data: bytes) -> list[str]:
    """The header row, split on the separator of the reader's language (``;`` or ``,``)."""
    first = data.decode("utf-8-sig").splitlines()[0]
    dialect = csv.Sniffer().sniff(first, delimiters=";,")
    return next(csv.reader([first], dialect))


def _xlsx_headers(data: bytes) -> list[str]:
    """Sheet titles and each sheet's header row."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    out: list[str] = []
    for sheet in book.worksheets:
        out.append(sheet.title)
        for row in sheet.iter_rows(max_row=1, values_only=True):
            out += [str(c) for c in row if c is not None]
    return out


def _pdf_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    return [page.get_textpage().get_text_range() for page in pdf]


def _docx_text(data: bytes) -> list[str]:
    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [p.text for p in doc.paragraphs] + cells


def test_downloads_in_english_have_no_german_word(app, store, region) -> None:
    """The gap tables' and metric table's headers and sheet names, the report's PDF and
    DOCX text: what an English reader takes away from the pages."""
    client = app.test_client()
    login(client, "verwaltung", PASSWORD)
    assert client.get("/?lang=en").status_code == 200
    checker = Checker(stored_strings(store))

    def body(path: str) -> bytes:
        resp = client.get(path)
        assert resp.status_code == 200, (path, resp.status_code)
        return resp.get_data()

    texts = {
        "luecken.csv": _csv_header(body("/luecken/export.csv?section=isoliert")),
        "kennzahlen.csv": _csv_header(body("/luecken/kennzahlen.csv")),
        "luecken.xlsx": _xlsx_headers(body("/luecken/export.xlsx")),
        "kennzahlen.xlsx": _xlsx_headers(body("/luecken/kennzahlen.xlsx")),
        "bericht.pdf": _pdf_text(body("/bericht.pdf")),
        "bericht.docx": _docx_text(body("/bericht.docx")),
    }
    assert all(texts.values()), {k: len(v) for k, v in texts.items()}
    found = {name: checker.german(text) for name, text in texts.items()}
    report = {k: sorted(f"{w} («{t}»)" for w, t in v.items()) for k, v in found.items() if v}
    assert report == {}, "German in English downloads:\n" + "\n".join(
        f"{k}: {', '.join(v)}" for k, v in sorted(report.items())
    )


def test_german_pages_keep_their_german(app, store, region) -> None:
    """The translated values and sentences stay German for a German reader."""
    client = app.test_client()
    login(client, "verwaltung", PASSWORD)
    german = {
        "/akteure?lang=de": ["Schule", "Verwaltung"],
        f"/akteure/{ACTOR}": ["Verwaltung"],
        "/luecken": ["Akteure hängen an nur einer Kooperation", "Leiden-Verfahren"],
        "/luecken/struktur": ["Jobcenter/Agentur für Arbeit"],
    }
    english = ["School", "Administration", "hang on a single", "Leiden method"]
    for path, words in german.items():
        html = client.get(path).get_data(as_text=True)
        assert '<html lang="de"' in html, path
        for word in words:
            assert word in html, (path, word)
        for word in english:
            assert word not in html, (path, word)
    head = _csv_header(client.get("/luecken/export.csv?section=isoliert").get_data())
    assert head == ["Akteur", "Art", "Region", "ID"]


def _start_import(client: Any, preview_url: str) -> str:
    """Start the previewed import and wait for it; the changeset page's path."""
    token = csrf_token(client, preview_url)
    resp = client.post(
        preview_url.replace("/vorschau", "/start"), data={"csrf_token": token, "only_valid": "1"}
    )
    assert resp.status_code == 302, resp.status_code
    job = str(resp.headers["Location"])
    for _ in range(400):
        if client.get(job + ".json").get_json()["state"] != "running":
            return job
        time.sleep(0.05)
    raise AssertionError("the import did not finish")


def _import_steps(client: Any, store: graph.Store) -> Iterator[tuple[str, Any]]:
    """The import wizard, step by step (upload, mapping, a refused mapping, differing values,
    preview, result), then a colleague's change and the undo that leaves it: the changeset's
    conflicts."""
    token = csrf_token(client, "/import")
    yield "import: upload", client.get("/import")
    upload = client.post(
        "/import",
        data={"csrf_token": token, "kind": "", "file": (io.BytesIO(PARTNERS.encode()), "p.csv")},
        content_type="multipart/form-data",
    )
    mapping = str(upload.headers["Location"])
    yield "import: mapping", client.get(mapping)
    token = csrf_token(client, mapping)
    yield (
        "import: mapping refused",
        client.post(mapping, data={"csrf_token": token, "kind": "partners", "col0": "town"}),
    )
    columns = {f"col{i}": f for i, f in enumerate(["name", "kind", "postcode", "town"])}
    chosen = client.post(mapping, data={"csrf_token": token, "kind": "partners", **columns})
    values = str(chosen.headers["Location"])
    assert values.endswith("/werte"), values
    page = client.get(values)
    yield "import: values", page
    unknown = re.findall(r'<select id="(v-kind-\d)"', page.get_data(as_text=True))
    confirmed = client.post(
        values,
        data={"csrf_token": csrf_token(client, values), **dict.fromkeys(unknown, "Sonstige")},
    )
    preview = str(confirmed.headers["Location"])
    yield "import: preview", client.get(preview)
    result = _start_import(client, preview)
    yield "import: result", client.get(result)
    rows, _summary, _keys = store.driver.execute_query(
        "MATCH (a:Actor {name: $name}) RETURN a.id AS id",
        name=IMPORTED[0],
        database_=store.database,
    )
    assert rows, "the import wrote the partner list"
    actor = graph.get(store, graph.Actor, rows[0]["id"])
    graph.update_record(store, dataclasses.replace(actor, town="Schweich"), user="kollegin")
    undo = result + "/rueckgaengig"
    client.post(undo, data={"csrf_token": csrf_token(client, result)})
    page = client.get(result)
    yield "changeset: conflicts after an undo", page
    key = re.search(r'name="key-0" value="([^"]+)"', page.get_data(as_text=True))
    assert key, "the undo left the colleague's town for a decision"
    yield (
        "changeset: a decision refused",
        client.post(
            result + "/entscheiden",
            data={"csrf_token": csrf_token(client, result), "key-0": key.group(1), "choice-0": "?"},
        ),
    )


def _record_errors(client: Any, store: graph.Store) -> Iterator[tuple[str, Any]]:
    """A form refused at its fields (400) and a save a colleague overtook (409)."""
    token = csrf_token(client, "/akteure/neu")
    yield (
        "record: errors at the fields",
        client.post(
            "/akteure/neu",
            data={
                "csrf_token": token,
                "name": "",
                "kind": "Schule",
                "postcode": "1",
                "email": "x@",
            },
        ),
    )
    actor = graph.get(store, graph.Actor, ACTOR)
    graph.update_record(store, dataclasses.replace(actor, town="Konz"), user="kollegin")
    form = {"name": actor.name, "kind": actor.kind, "town": "Saarburg"}
    yield (
        "record: conflict",
        client.post(
            f"/akteure/{ACTOR}/bearbeiten",
            data={"csrf_token": token, "version": str(actor.version), **form},
        ),
    )


def _second_factor(app: Any) -> Iterator[tuple[str, Any]]:
    """Setting up a second factor (a wrong code at the field, the backup codes), then the
    code step of the next login (a wrong code refused)."""
    client = app.test_client()
    login(client, "leserin", PASSWORD)
    client.get("/?lang=en")
    setup = "/anmelden/zweiter-faktor"
    page = client.get(setup)
    yield "second factor: set up", page
    key = re.search(r'id="totp-key">([A-Z2-7 ]+)<', page.get_data(as_text=True))
    assert key, "the set-up page shows the key"
    secret = key.group(1).replace(" ", "")
    yield (
        "second factor: wrong code",
        client.post(setup, data={"csrf_token": csrf_token(client, setup), "code": "123"}),
    )
    yield (
        "second factor: backup codes",
        client.post(
            setup, data={"csrf_token": csrf_token(client, setup), "code": pyotp.TOTP(secret).now()}
        ),
    )
    later = app.test_client()
    later.get("/anmelden?lang=en")
    resp = later.post(
        "/anmelden",
        data={"username": "leserin", "password": PASSWORD, "csrf_token": csrf_token(later)},
    )
    assert str(resp.headers["Location"]).endswith("/anmelden/code"), resp.headers["Location"]
    yield "second factor: code", later.get("/anmelden/code")
    yield (
        "second factor: wrong code at login",
        later.post(
            "/anmelden/code",
            data={"csrf_token": csrf_token(later, "/anmelden/code"), "code": "000000"},
        ),
    )


def test_flows_in_english_have_no_german_word(app, store, region) -> None:
    """The pages no link opens, reached by doing what a user does: the import wizard's
    steps, the changeset's conflicts after an undo, the offline picture, a form's errors at
    its fields, the conflict page of a save a colleague overtook, and the second factor."""
    auth.throttle.reset()
    client = app.test_client()
    login(client, "verwaltung", PASSWORD)
    assert client.get("/?lang=en").status_code == 200
    responses = [
        *_import_steps(client, store),
        *_record_errors(client, store),
        ("offline picture", client.get("/netzwerk/bild.html")),
        *_second_factor(app),
    ]
    statuses = {name: resp.status_code for name, resp in responses}
    assert statuses["record: errors at the fields"] == 400, statuses
    assert statuses["record: conflict"] == 409, statuses
    assert statuses["import: mapping refused"] == 400, statuses
    assert statuses["second factor: wrong code"] == 400, statuses
    assert statuses["changeset: a decision refused"] == 400, statuses
    assert max(statuses.values()) < 500, statuses
    said = {name: resp.get_data(as_text=True) for name, resp in responses}
    # the graph layer's messages, said in English where the user reads them
    assert "is required" in said["record: errors at the fields"]
    assert "No column is mapped to" in said["import: mapping refused"]
    assert "Saarburg" in said["record: conflict"] and "Konz" in said["record: conflict"]
    assert "Schweich" in said["changeset: conflicts after an undo"]
    assert "must have five digits (e.g. 54290)" in said["import: preview"]
    assert "Please choose “reset” or “keep”" in said["changeset: a decision refused"]
    checker = Checker([*stored_strings(store), *IMPORTED])
    found: dict[str, dict[str, str]] = {}
    for name, resp in responses:
        html = resp.get_data(as_text=True)
        assert '<html lang="en"' in html, name
        found[name] = checker.german(visible_text(html))
    report = {k: sorted(f"{w} («{t}»)" for w, t in v.items()) for k, v in found.items() if v}
    assert report == {}, "German on English pages:\n" + "\n".join(
        f"{k}: {', '.join(v)}" for k, v in sorted(report.items())
    )
