"""The English UI is complete: catalogue checks, and real pages in both languages.

German is the default; ``?lang=en`` switches to English and sticks in the session. A page
that shows German words in English mode means a string was not wrapped in ``_()`` or not
translated; run ``make translations`` and fill in the new entries.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "netzwerk/web/translations/en/LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def _po():
    with open(CATALOGUE / "messages.po", "rb") as fh:
        return read_po(fh)


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_catalogue_has_no_untranslated_or_fuzzy_entries() -> None:
    catalog = _po()
    untranslated = [m.id for m in catalog if m.id and not all(_strings(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert len(catalog) > 500  # the whole UI, not an empty file that passes trivially
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy entries, e.g. {fuzzy[:5]}"


def test_translations_keep_their_placeholders() -> None:
    """A lost ``%(n)s`` would raise KeyError or show a wrong figure in English only."""
    wrong = [
        m.id
        for m in _po()
        if m.id
        and all(_strings(m))
        and sorted(PLACEHOLDER.findall(" ".join(_ids(m))))
        != sorted(PLACEHOLDER.findall(" ".join(_strings(m))))
    ]
    assert wrong == []


def test_compiled_catalogue_matches_po() -> None:
    """The app reads the .mo: a .po edited without ``pybabel compile`` changes nothing."""

    def key(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    with open(CATALOGUE / "messages.mo", "rb") as fh:
        compiled = {key(m.id): key(m.string) for m in read_mo(fh) if m.id}
    source = {key(m.id): key(m.string) for m in _po() if m.id and all(_strings(m)) and not m.fuzzy}
    assert compiled == source


def test_every_wrapped_string_is_in_the_catalogue() -> None:
    """Strings wrapped in code or templates after the last ``make translations`` fail here."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = {
        "_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "_l": None,
        "lazy_gettext": None,
        "N_": None,
    }
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"{filename}:{lineno}")
    assert len(found) > 500
    catalog = _po()
    missing = {m: where for m, where in found.items() if catalog.get(m) is None}
    assert missing == {}, "run `make translations` and translate: " + repr(list(missing)[:5])


def test_graph_titles_shown_on_pages_are_translated() -> None:
    """Titles the graph layer defines in German (it cannot import Flask) are marked with
    ``i18n.N_`` where they are defined; a renamed title must not silently stay German."""
    from netzwerk import graph
    from netzwerk.graph.analysis import tables
    from netzwerk.graph.core import validation
    from netzwerk.graph.formats import FORMATS
    from netzwerk.graph.imports import mapping, plan
    from netzwerk.graph.personal import contacts

    titles = [
        *mapping.KINDS.values(),
        *(t for fields in mapping.FIELDS.values() for t in fields.values()),
        *plan.ACTIONS.values(),
        *contacts.PURPOSES.values(),
        *contacts.REASONS.values(),
        *FORMATS.values(),
        *validation.FIELD_LABELS.values(),
        *graph.VOCABULARY_VALUES,
        *tables.SECTIONS.values(),
    ]
    catalog = _po()
    missing = [t for t in titles if catalog.get(t) is None or not catalog.get(t).string]
    assert missing == []


# (path, English words, German words): headings and labels that only one language has.
PAGES: list[tuple[str, list[str], list[str]]] = [
    ("/", ["Overview", "Cooperation", "Database:"], ["Übersicht", "Datenbank:"]),
    ("/akteure", ["Actors", "Create new"], ["Akteure", "Neu anlegen"]),
    (
        "/luecken",
        ["Cooperation gaps", "Key figures", "Reference date", "Key actors"],
        ["Kooperationslücken", "Kennzahlen", "Stichtag", "Schlüsselakteure"],
    ),
    (
        "/luecken/uebergaenge",
        ["Educational transitions", "not connected"],
        ["Bildungsübergänge", "unverbunden"],
    ),
    (
        "/kontakte",
        ["Contact lists", "Purpose of the export", "Getting in touch"],
        ["Kontaktlisten", "Zweck des Exports", "Kontaktaufnahme"],
    ),
    (
        "/datenschutz",
        ["Data protection", "Data access report and erasure", "Download backup"],
        ["Datenschutz", "Auskunft", "Sicherung herunterladen"],
    ),
    ("/netzwerk", ["Cooperation network"], ["Kooperationsnetz"]),
    ("/praesentationen", ["Presentations", "New presentation"], ["Neue Präsentation"]),
    (
        "/praesentationen/{presentation}",
        ["Show (full screen)", "Text of slide 1", "Move slide 1 up", "Add slide"],
        ["Zeigen (Vollbild)", "Text zur Folie 1", "Folie hinzufügen"],
    ),
    (
        "/praesentationen/{presentation}/zeigen/1",
        ["Slide 1 of 1", "Left/right arrow keys"],
        ["Folie 1 von 1", "Pfeiltasten"],
    ),
]


def test_pages_in_english_and_german(make_client, seeded: dict[str, str]) -> None:
    english = make_client("admin")
    german = make_client("admin")
    assert english.get("/?lang=en").status_code == 200
    for page, en_words, de_words in PAGES:
        path = page.format(**seeded)
        en = english.get(path)  # no parameter: the choice sticks in the session
        de = german.get(path)
        assert en.status_code == de.status_code == 200, path
        en_html, de_html = en.get_data(as_text=True), de.get_data(as_text=True)
        assert '<html lang="en"' in en_html and '<html lang="de"' in de_html, path
        for word in en_words:
            assert word in en_html, (path, word)
            assert word not in de_html, (path, word)
        for word in de_words:
            assert word in de_html, (path, word)
            assert word not in en_html, (path, word)


def test_messages_from_views_follow_the_language(make_client, seeded: dict[str, str]) -> None:
    """Filter warnings are built in Python (filters.py), not in a template."""
    client = make_client("admin")
    html = client.get("/luecken?lang=en&as_of=kaputt&kind=Raumschiff").get_data(as_text=True)
    assert "is not a valid date (YYYY-MM-DD)" in html
    assert "Actor kind “Raumschiff” is unknown and was ignored." in html
    assert "ist unbekannt" not in html
    html = client.get("/luecken?lang=de&as_of=kaputt").get_data(as_text=True)
    assert "ist kein gültiges Datum (JJJJ-MM-TT)" in html
