"""Value and trust (1–4) of a cooperation, from the partner's form to the stored cooperation
and the analysis: any answer on the scales round-trips as integers; anything else gets a
German message at its field and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import backup
from netzwerk.graph.analysis import value_trust
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.surveys import respondent, review
from tests.integration.test_surveys import (
    answer_as,
    build,
    decide_shown,
    new_survey,
    tokens_by_actor,
)

_rating = st.one_of(st.none(), st.sampled_from([1, 2, 3, 4]))
_hostile = st.one_of(
    st.integers().filter(lambda n: n not in (1, 2, 3, 4)).map(str),
    st.sampled_from(["hoch", "4.0", " 3", "1e0", "0x4", "２", "4; DROP", "\x00", "-1", "4 4"]),
    st.text(min_size=1, max_size=12).filter(lambda t: t not in ("1", "2", "3", "4")),
)


def _form(value: int | None, trust: int | None) -> dict[str, Any]:
    return {
        "rows": "1",
        "p0_name": "Stadtbibliothek",
        "p0_kind": "Projektpartnerschaft",
        "p0_value": "" if value is None else str(value),
        "p0_trust": "" if trust is None else str(trust),
    }


@pytest.fixture
def built(store: graph.Store) -> graph.Store:
    build(store)
    return store


def _survey(store: graph.Store) -> tuple[sv.Survey, dict[str, str]]:
    """A new survey of the alliance (each example answers and decides afresh)."""
    s = new_survey(store)
    return s, tokens_by_actor(sv.issue_links(store, s.id))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(value=_rating, trust=_rating)
def test_ratings_round_trip_as_integers_on_the_cooperation(
    built: graph.Store, value: Any, trust: Any
) -> None:
    store = built
    s, toks = _survey(store)
    for link in graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"]):
        graph.delete_link(store, "COOPERATES_WITH", link.id, user="t")
    answer, errors = answer_as(store, toks["a"], _form(value, trust))
    assert errors == []
    (row,) = answer["partners"]
    assert (row["value"], row["trust"]) == (value, trust)
    mine = next(r for r in review.queue(store, s) if r.actor_id == "a")
    decide_shown(store, s, mine.id, ["coop_new:b"], accept=True, user="manager")
    (link,) = graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])
    assert (link.value, link.trust) == (value, trust)
    assert "Wert" not in link.note and "Vertrauen" not in link.note
    # the next answer starts from what is stored, and changing a rating is a proposal
    view = respondent.view(store, sv.check_link(store, toks["a"]).invite)
    (shown,) = view.partners
    assert (shown["value"], shown["trust"]) == (value, trust)
    # the analysis reads the same integers off the filtered network
    g = snapshot.select(snapshot.current(store), Filter(alliance="al"))
    found = value_trust.value_trust(g)
    (tie,) = found.ties
    assert (tie.value, tie.trust) == (value, trust)
    expected = [r for r in (value, trust) if r is not None]
    assert found.rated == (1 if expected else 0)
    if value is not None:
        assert found.overall["value"].mean == value and found.by_actor["a"]["value"].count == 1


def test_a_changed_rating_is_proposed_and_applied(built: graph.Store) -> None:
    store = built
    graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH", from_id="a", to_id="b", kind="Gremienarbeit", value=2, trust=3
        ),
        user="t",
    )
    s, toks = _survey(store)
    view = respondent.view(store, sv.check_link(store, toks["a"]).invite)
    (p,) = view.partners
    _answer, errors = answer_as(
        store, toks["a"], {"rows": "1", "p0_id": p["id"], "p0_value": "4", "p0_trust": "3"}
    )
    assert errors == []
    mine = next(r for r in review.queue(store, s) if r.actor_id == "a")
    (proposal,) = [x for x in mine.pending if x.kind == "coop_update"]
    assert proposal.old == {"value": 2} and proposal.new == {"value": 4}
    assert review.describe(proposal.new) == "Wert: 4 – sehr"
    decide_shown(store, s, mine.id, [proposal.key], accept=True, user="manager")
    (link,) = graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])
    assert (link.value, link.trust, link.kind) == (4, 3, "Gremienarbeit")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(raw=_hostile, field=st.sampled_from(["value", "trust"]))
def test_hostile_ratings_get_a_german_message_and_write_nothing(
    built: graph.Store, raw: str, field: str
) -> None:
    store = built
    _s, toks = _survey(store)
    before = backup.checksum(store)
    data = {**_form(None, None), f"p0_{field}": raw}
    _answer, errors = answer_as(store, toks["a"], data)
    assert [(e.field, e.message) for e in errors] == [(f"p0_{field}", "ist keine gültige Auswahl")]
    assert backup.checksum(store) == before, "a refused answer stores nothing"


def test_hostile_ratings_through_the_write_path_are_refused(store: graph.Store) -> None:
    """The stored cooperation takes 1–4 only, whoever writes it (form, import, API)."""
    build(store)
    before = backup.checksum(store)
    for bad in (0, 5, -1):
        with pytest.raises(graph.ValidationError) as err:
            graph.create_link(
                store,
                graph.Link(
                    type="COOPERATES_WITH", from_id="a", to_id="b", kind="Gremienarbeit", trust=bad
                ),
                user="t",
            )
        assert "trust" in err.value.by_field()
    assert backup.checksum(store) == before


def test_value_trust_page_and_picture_colour(built: graph.Store, make_client) -> None:
    """The analysis page shows the matrix, the averages in German numbers and the ties; the
    picture colours lines by value or trust (actors keep their kind), and saved views keep
    the choice (the view tests go through every colour option)."""
    store = built
    for b, value, trust in (("b", 4, 3), ("c", 1, None)):
        graph.create_link(
            store,
            graph.Link(
                type="COOPERATES_WITH",
                from_id="a",
                to_id=b,
                kind="Gremienarbeit",
                value=value,
                trust=trust,
            ),
            user="t",
        )
    client = make_client("viewer")
    html = client.get("/luecken/wert-vertrauen?alliance=al").get_data(as_text=True)
    assert 'id="vt-matrix"' in html and "4/3" in html and "1/–" in html
    assert "<strong>2,5</strong> Wert im Mittel" in html  # (4 + 1) / 2, German decimals
    assert "<strong>3,0</strong> Vertrauen im Mittel" in html
    assert "2 von 2 Kooperationen bewertet" in html and "4 – sehr" in html
    report = client.get("/bericht?alliance=al").get_data(as_text=True)
    assert 'id="report-value-trust"' in report and "<dd>2,5</dd>" in report
    data = client.get("/netzwerk/daten.json?alliance=al&colour=value").get_json()
    colours = {frozenset((e["from"], e["to"])): e["color"] for e in data["edges"]}
    assert colours == {frozenset("ab"): "#364B9A", frozenset("ac"): "#DD3D2D"}
    assert {n["g"] for n in data["nodes"]} == {"kind:Sonstige"}
    titles = [block["title"] for block in data["legend"]]
    assert "Linienfarbe: Wert" in titles
    trust = client.get("/netzwerk/daten.json?alliance=al&colour=trust").get_json()
    legend = next(b for b in trust["legend"] if b["title"] == "Linienfarbe: Vertrauen")
    assert [i["label"] for i in legend["items"]] == ["3 – ziemlich (1)", "nicht bewertet (1)"]
