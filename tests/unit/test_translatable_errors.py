"""Every message the graph layer shows a user can be said in the reader's language.

The graph layer knows nothing of Flask, so it cannot translate; it keeps the German template
(marked ``N_``, extracted into the catalogue) and its values, and the pages translate them.
An error built from an f-string or a plain literal loses its template: an English page would
show it in German. This test walks ``netzwerk/graph`` and names every such place.
"""

from __future__ import annotations

import ast
import importlib
import pickle
import pkgutil
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import netzwerk.graph
from netzwerk.graph.core import validation
from netzwerk.graph.core.errors import FieldError, GraphError, ValidationError, not_found
from netzwerk.graph.core.i18n import N_, Listed, Said
from netzwerk.graph.core.model import ACTOR_KINDS, Actor, Link, Project

ROOT = Path(__file__).resolve().parents[2]
GRAPH = ROOT / "netzwerk" / "graph"

# Places that build a GraphError from a value no user reads in a page, with the reason.
ALLOWED: dict[str, str] = {
    "netzwerk/graph/operations/proposing.py:ProposalSent": "the page says the notice itself, "
    "from the recipient the error carries (web proposal_sent)",
}


def _error_classes() -> set[str]:
    """The names of GraphError and every subclass the graph layer defines."""
    for info in pkgutil.walk_packages(netzwerk.graph.__path__, "netzwerk.graph."):
        importlib.import_module(info.name)
    found, todo = set(), [GraphError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    # ValidationError is built from FieldErrors, never from a sentence
    return found - {ValidationError.__name__}


def _called(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_marked(node: ast.expr) -> bool:
    """``N_("…")``: a literal template the catalogue holds."""
    return (
        isinstance(node, ast.Call)
        and _called(node) == "N_"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _is_sentence(node: ast.expr) -> bool:
    """A message written in place: an f-string, a literal, or text glued together."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_sentence(node.left) or _is_sentence(node.right)
    return isinstance(node, ast.Call) and _called(node) in {"format", "join"}


def _constant(node: ast.expr) -> bool:
    """``GONE`` or ``module.GONE``: a sentence written once, elsewhere."""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return bool(name) and name.lstrip("_").isupper()


def _message(node: ast.Call, position: int) -> ast.expr | None:
    for kw in node.keywords:
        if kw.arg == "message":
            return kw.value
    return node.args[position] if len(node.args) > position else None


def _is_logger(node: ast.expr) -> bool:
    """``log.error("…", x)``: a line for the operator's log, not a row's reason."""
    return isinstance(node, ast.Name) and "log" in node.id.lower()


def _collected(node: ast.Call) -> str:
    """Why a message collected rather than raised loses its template, or "".

    A refused row's reason (``row.error(field, …)``, ``errors.setdefault(field,
    []).append(…)``) and a cell error of the indicator import (``CellError(line, column,
    …)``) may be an ``N_`` literal (the pages pass it through the catalogue) or a
    :class:`Said`; a warning or reading (``….warnings.append(…)``, ``….readings.append(…)``)
    is said with the pages' ``say`` filter, which translates only a :class:`Said`.
    """
    func = node.func
    name = _called(node)
    if name == "error" and isinstance(func, ast.Attribute) and not _is_logger(func.value):
        message = _message(node, 1)
    elif name == "CellError":
        message = _message(node, 2)
    elif name == "append" and isinstance(func, ast.Attribute) and node.args:
        owner = func.value
        if isinstance(owner, ast.Attribute) and owner.attr in {"warnings", "readings"}:
            if _is_sentence(node.args[0]) or _is_marked(node.args[0]):
                return f"{owner.attr} get a sentence that is not a Said(N_(…), …)"
            return ""
        if not (isinstance(owner, ast.Call) and _called(owner) == "setdefault"):
            return ""
        message = node.args[0]
    else:
        return ""
    if message is not None and _is_sentence(message) and not _is_marked(message):
        return f"{name} with a sentence: use N_(…) or Said(N_(…), …)"
    return ""


def _problem(node: ast.Call, errors: set[str]) -> str:
    """Why this call loses its template, or "" when it keeps it (or is not an error)."""
    if why := _collected(node):
        return why
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "said":
        owner = func.value
        if isinstance(owner, ast.Name) and (owner.id in errors or owner.id == "FieldError"):
            message = _message(node, 1 if owner.id == "FieldError" else 0)
            if message is None or (_is_sentence(message) and not _is_marked(message)):
                return "said() with a sentence that is not marked N_(…)"
        return ""
    name = _called(node)
    if name == Said.__name__:
        message = _message(node, 0)
        if message is not None and _is_sentence(message) and not _is_marked(message):
            return "Said with a sentence that is not marked N_(…)"
        return ""
    if name == FieldError.__name__:
        message = _message(node, 1)
        if message is not None and _is_sentence(message) and not _is_marked(message):
            return "FieldError with a sentence: use N_(…) or FieldError.said(…)"
        return ""
    if name in errors:
        message = _message(node, 0)
        if message is not None and (_is_sentence(message) or _is_marked(message)):
            return f"{name} with a sentence: use {name}.said(N_(…), …)"
        if message is not None and _constant(message):
            return f"{name} with a sentence kept in a constant: use {name}.said(CONSTANT)"
    return ""


def _offences() -> list[str]:
    errors = _error_classes()
    out = []
    for path in sorted(GRAPH.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or f"{where}:{_called(node)}" in ALLOWED:
                continue
            if why := _problem(node, errors):
                out.append(f"{where}:{node.lineno}: {why}: {ast.unparse(node)[:90]}")
    return out


def test_graph_errors_keep_their_template() -> None:
    """No GraphError or FieldError in ``netzwerk/graph`` is built from a German sentence
    that the pages could not translate."""
    offences = _offences()
    assert offences == [], f"{len(offences)} messages cannot be translated:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ('raise NotFoundError(f"Akteur „{x}“ fehlt.")', True),
        ('raise NotFoundError("Akteur fehlt.")', True),
        ('raise NotFoundError(N_("Akteur fehlt."))', True),
        ('raise NotFoundError.said("Akteur %(x)s fehlt.", x=x)', True),
        ('raise NotFoundError.said(N_("Akteur %(x)s fehlt."), x=x)', False),
        ('errors.append(FieldError("name", "ist leer"))', True),
        ('errors.append(FieldError("name", f"ist {n} lang"))', True),
        ('errors.append(FieldError("name", N_("ist leer")))', False),
        ('errors.append(FieldError.said("name", N_("ist %(n)s lang"), n=n))', False),
        ('errors.append(FieldError.said("name", "ist %(n)s lang", n=n))', True),
        ("raise ConflictError(message, current)", False),
        ("raise NotFoundError(GONE)", True),
        ("raise NotFoundError(share_links.GONE)", True),
        ("raise NotFoundError.said(GONE)", False),
        ('row.warnings.append(Said(f"Zeile {n}"))', True),
        ('row.warnings.append(Said(N_("Zeile %(n)s"), n=n))', False),
        ('raise ValueError(f"unknown {x!r}")', False),
        ('row.error("id", f"„{rid}“ gibt es nicht")', True),
        ('row.error("id", "hier ist nur ein Eintrag möglich")', True),
        ('row.error("id", N_("hier ist nur ein Eintrag möglich"))', False),
        ('row.error("id", Said(N_("„%(v)s“ gibt es nicht"), v=rid))', False),
        ('row.error("id", erasures.message(at))', False),
        ('errors.setdefault(f, []).append("muss ja oder nein sein")', True),
        ('errors.setdefault(f, []).append(N_("muss ja oder nein sein"))', False),
        ('CellError(line, "", f"kein Jahr in „{cell}“")', True),
        ('CellError(line, "", "keine Region angegeben")', True),
        ('CellError(line, "", N_("keine Region angegeben"))', False),
        ('CellError(line, column, message=f"{x} ist keine Zahl")', True),
        ('row.warnings.append(f"ähnlich wie „{other}“")', True),
        ('row.warnings.append(N_("Sitz bleibt"))', True),
        ('row.readings.append(f"{label}: {note}")', True),
        ("plan.warnings.append(warning)", False),
        ('row.readings.append(Said(N_("%(a)s → %(b)s"), a=a, b=b))', False),
        ('names.append(f"{v} ({lab})")', False),
        ('log.error("Import %s abgebrochen", uid)', False),
    ],
)
def test_the_walk_tells_kept_from_lost(source: str, bad: bool) -> None:
    """The checker itself: it must flag a lost template and pass a kept one."""
    errors = _error_classes()
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
    assert any(_problem(call, errors) for call in calls) is bad


def _templates() -> set[str]:
    """Every ``N_`` template in ``netzwerk/graph``."""
    out = set()
    for path in GRAPH.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _is_marked(node):
                out.add(node.args[0].value)  # type: ignore[attr-defined]
    return out


def test_every_template_has_its_english() -> None:
    """A template without a translation is said in German on an English page."""
    from babel.messages.pofile import read_po

    with (ROOT / "netzwerk/web/translations/en/LC_MESSAGES/messages.po").open("rb") as fh:
        catalogue = read_po(fh)
    english = {m.id: m.string for m in catalogue if m.id and not isinstance(m.id, tuple)}
    missing = sorted(t for t in _templates() if not english.get(t))
    assert missing == [], "without English: " + "\n".join(missing)


def _page(locale: str) -> Any:
    """A request of a Flask app with the project's catalogue, in ``locale``."""
    from flask import Flask
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(
        app,
        locale_selector=lambda: locale,
        default_translation_directories=str(ROOT / "netzwerk/web/translations"),
    )
    return app.test_request_context("/")


INVALID = [
    Actor(name="", kind="Schule", postcode="1", email="x@", website="www.example.org"),
    Actor(name="x" * 6000, kind="Schloss"),
    Project(name="P", start=date(2025, 1, 2), end=date(2024, 1, 1)),
]


@pytest.mark.parametrize("record", INVALID, ids=["form", "limits", "dates"])
def test_validation_is_said_in_german_as_before_and_in_english(record: Any) -> None:
    """German pages show exactly ``str(err)``; English ones the same messages translated,
    each at its field (labels of kinds and fields translated too)."""
    from netzwerk.web.said import said, said_by_field

    with pytest.raises(ValidationError) as caught:
        validation.validate_node(record)
    err = caught.value
    with _page("de"):
        assert said(err) == str(err)
        assert said_by_field(err) == err.by_field()
    with _page("en"):
        english = said(err)
        by_field = said_by_field(err)
    assert english.startswith("Please check your input – ")
    assert by_field.keys() == err.by_field().keys()
    for field, messages in by_field.items():
        assert messages != err.by_field()[field], (field, messages)
        # a list of accepted values names them as stored (German), not as sentences
        assert not any(_GERMAN.search(m.split(": ")[0]) for m in messages), messages


_GERMAN = re.compile(r"\b(ist|muss|liegt|enthält|höchstens|Zeichen)\b|[äöüß]")


@given(kind=st.sampled_from(["Akteur", "Projekt", "Bündnis"]), key=st.text(max_size=100))
def test_not_found_says_the_kind_and_key_in_either_language(kind: str, key: str) -> None:
    """The record's kind is translated with the sentence; the key is shown as it is."""
    from netzwerk.web.said import said

    err = not_found(kind, key)
    with _page("de"):
        assert said(err) == str(err)
    with _page("en"):
        english = said(err)
    assert english.endswith("was not found.") and key[:80] in english
    assert kind not in english.replace(key[:80], "")


@given(n=st.integers(), value=st.text(max_size=40))
def test_a_said_sentence_is_its_german_text_and_survives_the_spool(n: int, value: str) -> None:
    """A dry run's plan waits in the spool as a pickle: its sentences keep their template."""
    said = Said(
        N_("%(label)s: „%(value)s“ weicht von Zeile %(line)s ab"), label="PLZ", value=value, line=n
    )
    assert said == f"PLZ: „{value}“ weicht von Zeile {n} ab"
    again = pickle.loads(pickle.dumps(said))
    assert isinstance(again, Said) and again == said
    assert (again.template, again.params) == (said.template, said.params)


_WORDS = st.text(st.characters(categories=["L"]), min_size=1, max_size=30)


@given(kind=_WORDS.filter(lambda t: t not in ACTOR_KINDS))
def test_a_list_of_choices_is_said_word_by_word(kind: str) -> None:
    """The accepted values of a choice are vocabulary: the German sentence lists them as
    before, an English page lists their English words (and "or" before the last label)."""
    from netzwerk.web.said import said_by_field

    with pytest.raises(ValidationError) as caught:
        validation.validate_node(Actor(name="Grundschule Nord", kind=kind))
    german = caught.value.by_field()["kind"]
    assert german == ["muss einer dieser Werte sein: " + ", ".join(ACTOR_KINDS)]
    with _page("en"):
        english = said_by_field(caught.value)["kind"]
    assert english[0].startswith("must be one of these values: School, Day-care centre, ")
    assert not _GERMAN.search(english[0]), english


def test_the_intensity_choices_are_said_with_their_labels() -> None:
    """A choice with labels: "1 (lose), 2 (regelmäßig) oder 3 (eng)" – in English too."""
    from netzwerk.web.said import said_by_field

    link = Link(type="COOPERATES_WITH", from_id="a", to_id="b", intensity=7)
    with pytest.raises(ValidationError) as caught:
        validation.validate_link(link)
    assert caught.value.by_field()["intensity"] == [
        "muss 1 (lose), 2 (regelmäßig) oder 3 (eng) sein"
    ]
    with _page("en"):
        assert said_by_field(caught.value)["intensity"] == [
            "must be 1 (loose), 2 (regular) or 3 (close)"
        ]


@given(
    words=st.lists(st.text(max_size=20), max_size=5),
    last=st.sampled_from(["", "oder"]),
    sep=st.sampled_from([", ", "; "]),
)
def test_a_listed_value_is_its_german_text_and_survives_the_spool(
    words: list[str], last: str, sep: str
) -> None:
    listed = Listed(words, last=last, sep=sep)
    if last and len(words) > 1:
        assert listed == sep.join(words[:-1]) + f" {last} " + words[-1]
    else:
        assert listed == sep.join(words)
    again = pickle.loads(pickle.dumps(Said(N_("muss %(listed)s sein"), listed=listed)))
    assert again == f"muss {listed} sein"
    kept = again.params["listed"]
    assert isinstance(kept, Listed)
    assert (kept.items, kept.last, kept.sep) == (tuple(words), last, sep)


@pytest.mark.parametrize("external", [False, True], ids=["local", "external"])
def test_the_database_unavailable_page_says_what_to_check_in_english(external: bool) -> None:
    """The 503's sentence comes from the connection settings (below the graph package); the
    store keeps it as a template, so an English page says it in English."""
    import neo4j

    from netzwerk import settings
    from netzwerk.graph.core.errors import DatabaseUnavailableError
    from netzwerk.graph.core.store import Store
    from netzwerk.web.said import said

    conn = settings.ConnectionSettings(
        uri="bolt://127.0.0.1:9", user="neo4j", password="x", database="neo4j", external=external
    )
    driver = neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password))
    store = Store(driver, conn.database, conn=conn)
    try:
        with pytest.raises(DatabaseUnavailableError) as caught:
            store.check()
    finally:
        store.close()
    assert str(caught.value) == conn.unreachable_message()
    with _page("de"):
        assert said(caught.value) == conn.unreachable_message()
    with _page("en"):
        english = said(caught.value)
    assert "cannot be reached" in english or "is not running" in english, english
    assert not _GERMAN.search(english), english
