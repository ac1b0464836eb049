"""Pure logic of search, duplicate check, login throttling and form conversion."""

from __future__ import annotations

import re
from datetime import date

import pytest

from netzwerk import graph
from netzwerk.graph.records import duplicates, search
from tests.conftest import HOSTILE_STRINGS


def test_escape_lucene_escapes_every_operator() -> None:
    assert search.escape_lucene('a+b-c:"d"') == 'a\\+b\\-c\\:\\"d\\"'
    assert search.escape_lucene("(x)*?~^[]{}!&|/\\") == "".join(
        "\\" + ch for ch in "(x)*?~^[]{}!&|/\\" if ch != "x"
    ).replace("\\(\\)", "\\(x\\)")


def test_terms_fold_umlauts_and_drop_syntax() -> None:
    assert search.terms("Müller-Straße  GYMNASIUM") == ["muller", "strasse", "gymnasium"]
    assert search.terms('"); MATCH (n) //') == ["match", "n"]
    assert search.terms("   ") == []


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_hostile_input_yields_only_escaped_word_prefixes(text: str) -> None:
    q = search.lucene_query(text)
    if q is None:
        assert search.terms(text) == []
        return
    words = set(search.terms(text))
    words |= {
        w for t in list(words) for long in search.ABBREVIATIONS.get(t, ()) for w in long.split()
    }
    skeleton = re.sub(r"\\.", "x", q)  # an escaped character is data, never syntax
    assert set(re.sub(r"[\w ]", "", skeleton)) <= set("()*^"), "only our own syntax"
    tokens = set(re.findall(r"[^\s()*^]+", q.replace("^3", ""))) - {"AND", "OR"}
    assert {t.replace("\\", "") for t in tokens} <= words


def test_lucene_query_any_term_and_limit() -> None:
    assert search.lucene_query("vhs trier", any_term=True) == (
        "((vhs*^3 OR *vhs*) OR (volkshochschule*^3 OR *volkshochschule*)) OR (trier*^3 OR *trier*)"
    )
    assert search.lucene_query("ab", prefix=True) == "ab*"
    assert len((search.lucene_query("a " * 50) or "").split(" AND ")) == search.MAX_TERMS


def test_filters_map_kind_and_status_to_one_dynamic_key() -> None:
    assert search.Filters(kind="Schule").params()["choice_field"] == "kind"
    p = search.Filters(status="laufend").params()
    assert (p["choice_field"], p["choice"]) == ("status", "laufend")


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("VHS Trier", "Volkshochschule Trier e.V.", True),
        ("Volkshochschule Trier", "Volkshochschule Triier", True),
        ("Caritasverband Trier e. V.", "caritasverband trier", True),
        ("Grundschule Ehrang", "Handwerkskammer Trier", False),
        ("Kita St. Paulin", "Kita St. Matthias", False),
    ],
)
def test_similarity_of_names(a: str, b: str, alike: bool) -> None:
    assert (duplicates.similarity(a, b) >= duplicates.THRESHOLD) is alike


def test_normalise_and_website_host() -> None:
    assert duplicates.normalise("Die VHS Trier gGmbH") == "volkshochschule trier"
    assert duplicates.website_host("https://www.vhs-trier.de/kurse") == "vhs-trier.de"
    assert duplicates.website_host("") == ""


def test_login_throttle_locks_after_five_failures_and_unlocks() -> None:
    from netzwerk.web.auth import LoginThrottle

    t = LoginThrottle(max_failures=5, window_s=900, lock_s=900)
    for i in range(4):
        t.failed("Anna", "1.2.3.4", now=100.0 + i)
    assert t.locked_for("anna", "1.2.3.4", now=104.0) == 0
    t.failed("anna", "1.2.3.4", now=105.0)
    assert t.locked_for("ANNA", "1.2.3.4", now=106.0) > 800
    assert t.locked_for("anna", "5.6.7.8", now=106.0) == 0  # other address unaffected
    assert t.locked_for("anna", "1.2.3.4", now=105.0 + 901) == 0
    t.failed("bob", "1.2.3.4", now=1.0)
    t.succeeded("bob", "1.2.3.4")
    assert t.locked_for("bob", "1.2.3.4", now=2.0) == 0


def test_apply_data_converts_and_collects_errors() -> None:
    from netzwerk.web import forms

    specs = forms.node_fields("Project")
    p = forms.apply_data(
        graph.Project(), specs, {"name": "X", "start": "01.02.2024", "status": "laufend"}
    )
    assert p.start == date(2024, 2, 1) and p.name == "X"
    with pytest.raises(graph.ValidationError) as err:
        forms.apply_data(graph.Project(), specs, {"start": "kein Datum", "bogus": 1}, strict=True)
    assert set(err.value.by_field()) == {"start", "bogus", "name"}  # domain rules too
    link = forms.apply_data(
        graph.Link(type="COOPERATES_WITH", from_id="a", to_id="b"),
        forms.link_fields("COOPERATES_WITH"),
        {"intensity": "3", "kind": "Verweisberatung"},
        partial=True,
    )
    assert link.intensity == 3


def test_conflict_rows_list_only_differences() -> None:
    from netzwerk.web import forms

    specs = forms.node_fields("Actor")
    theirs = graph.Actor(name="A", town="Trier")
    mine = graph.Actor(name="A", town="Konz")
    rows, taken = forms.conflict_rows(specs, theirs, mine)
    assert [(str(r.label), r.theirs, r.mine, r.clash) for r in rows] == [
        ("Ort", "Trier", "Konz", True)
    ]
    assert taken == []


def test_conflict_rows_with_base_separate_own_changes_from_the_colleagues() -> None:
    from netzwerk.web import forms

    specs = forms.node_fields("Actor")
    base = graph.Actor(name="A", town="Trier", email="alt@x.de", street="Weg 1")
    theirs = graph.Actor(name="A", town="Trier", email="neu@x.de", street="Weg 2")
    mine = graph.Actor(name="A", town="Konz", email="alt@x.de", street="Weg 3")
    rows, taken = forms.conflict_rows(specs, theirs, mine, base)
    assert [(str(r.label), r.clash) for r in rows] == [("Straße", True), ("Ort", False)]
    assert [str(t) for t in taken] == ["E-Mail"]
    merged = forms.merged(specs, theirs, mine, base)
    assert (merged.town, merged.email, merged.street) == ("Konz", "neu@x.de", "Weg 3")


@pytest.mark.parametrize(
    ("a", "b"),
    [("Grundschule Ehrang", "Grundschule Feyen"), ("VHS Trier", "VHS Konz")],
)
def test_generic_words_alone_do_not_make_a_duplicate(a: str, b: str) -> None:
    assert duplicates.similarity(a, b) < duplicates.THRESHOLD
