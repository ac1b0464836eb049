"""Answers that never overwrite each other: two people on one link, twelve parallel saves,
a save after closing, and a review that decides only on what it showed."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.operations.surveys import decide
from netzwerk.graph.surveys import respondent, review
from netzwerk.graph.surveys.merge import merge
from tests.integration.test_surveys import answer_as, build, new_survey, save_from, shown


def _load(store: graph.Store, token: str) -> tuple[sv.Access, respondent.View]:
    access = sv.check_link(store, token)
    return access, respondent.view(store, access.invite)


def _save(
    store: graph.Store,
    loaded: tuple[sv.Access, respondent.View],
    data: dict[str, Any],
    *,
    submit: bool = False,
) -> None:
    """Save ``data`` from a page loaded earlier (raises what the save raises)."""
    _answer, errors = save_from(store, *loaded, data, submit=submit)
    assert errors == []


def _token(store: graph.Store, s: sv.Survey, actor: str = "a") -> str:
    return next(i.token for i in sv.issue_links(store, s.id) if i.invite.actor_id == actor)


def test_second_person_on_a_link_is_told_and_gets_both_versions(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    token = _token(store, s)
    _save(store, _load(store, token), {"phone": "0651 1", "comment": "Start"})
    browser_a, browser_b = _load(store, token), _load(store, token)
    # A corrects the phone and names a new partner
    _save(
        store,
        browser_a,
        {"phone": "0651 999", "comment": "Start", "rows": "1", "p0_name": "Sternwarte Trier"},
    )
    # B, loaded before A saved, changes the street and the comment
    with pytest.raises(respondent.AnswerConflict) as conflict:
        _save(store, browser_b, {"phone": "0651 1", "street": "Neue Str. 1", "comment": "B"})
    c = conflict.value
    master = c.merged["master"]
    assert master["phone"] == "0651 999" and master["street"] == "Neue Str. 1"
    assert [p["name"] for p in c.merged["partners"]] == ["Sternwarte Trier"]
    assert c.merged["comment"] == "B" and c.conflicts == []
    stored = respondent.view(store, browser_a[0].invite).answer
    assert stored and stored["master"]["phone"] == "0651 999", "nothing was overwritten"
    # both changed the same field differently: shown for decision, not decided silently
    browser_c = _load(store, token)
    _save(store, _load(store, token), {"phone": "0651 2", "comment": "Start"})
    with pytest.raises(respondent.AnswerConflict) as both:
        _save(store, browser_c, {"phone": "0651 3", "comment": "Start"})
    (only,) = both.value.conflicts
    assert only.path == ("master", "phone") and (only.mine, only.theirs) == ("0651 3", "0651 2")
    # saving again from the merged page (its version) succeeds
    access, view = browser_c
    view.version, view.answer = both.value.version, both.value.theirs
    _save(store, (access, view), {"phone": "0651 3", "comment": "Start"})
    final = respondent.view(store, access.invite).answer
    assert final and final["master"]["phone"] == "0651 3"


def test_twelve_parallel_saves_on_one_link_lose_nothing_silently(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    token = _token(store, s)
    pages = [_load(store, token) for _ in range(12)]
    outcome: dict[int, str] = {}

    def save(n: int) -> None:
        try:
            _save(store, pages[n], {"comment": f"Person {n}"})
            outcome[n] = "saved"
        except respondent.AnswerConflict as c:
            assert c.merged["comment"] == f"Person {n}"  # the page keeps what n typed
            outcome[n] = "conflict"

    threads = [threading.Thread(target=save, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome) == list(range(12))
    saved = [n for n, state in outcome.items() if state == "saved"]
    assert len(saved) == 1, outcome
    stored = respondent.view(store, pages[0][0].invite)
    assert stored.answer and stored.answer["comment"] == f"Person {saved[0]}"
    assert stored.version == 1


def test_a_save_after_closing_is_refused_and_reopening_undoes_the_close(
    store: graph.Store,
) -> None:
    build(store)
    s = new_survey(store)
    token = _token(store, s)
    page = _load(store, token)  # loaded while open
    sv.close_survey(store, s.id)
    with pytest.raises(respondent.LateSave) as late:
        _save(store, page, {"comment": "zu spät"})
    assert late.value.state == "ended"
    assert respondent.view(store, page[0].invite).answer is None
    with pytest.raises(sv.LinkError) as err:
        sv.check_link(store, token)
    assert err.value.state == "ended", "the office closed it; the deadline has not passed"
    sv.reopen_survey(store, s.id)
    assert sv.check_link(store, token), "the links handed out open again"
    _save(store, _load(store, token), {"comment": "wieder offen"})
    with pytest.raises(graph.ValidationError):
        sv.reopen_survey(store, s.id)  # it is open


def test_a_save_through_a_renewed_or_revoked_link_is_refused(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    token = _token(store, s)
    page = _load(store, token)
    sv.renew_links(store, s.id)
    with pytest.raises(respondent.LateSave) as late:
        _save(store, page, {"comment": "alter Link"})
    assert late.value.state == "invalid"


def _submitted(store: graph.Store, s: sv.Survey) -> review.AnswerReview:
    return next(r for r in review.queue(store, s) if r.actor_id == "a")


def _handed_in_website(store: graph.Store, url: str) -> tuple[sv.Survey, str]:
    """A survey whose actor "a" handed in ``url`` as its website; its link."""
    build(store)
    s = new_survey(store)
    token = _token(store, s)
    answer_as(store, token, {"website": url})
    return s, token


def test_accept_is_refused_when_the_answer_changed_since_it_was_shown(
    store: graph.Store,
) -> None:
    s, token = _handed_in_website(store, "https://vhs-trier.de")
    r = _submitted(store, s)
    seen, version = shown(store, s, r.id, ["field:website"])
    # the respondent hands in another URL while the manager looks at the first one
    answer_as(store, token, {"website": "https://andere.example"})
    with pytest.raises(graph.ConflictError):
        decide(store, s, r.id, seen, accept=True, user="manager", version=version)
    assert graph.get(store, graph.Actor, "a").website == ""
    # "Alle übernehmen" sends what the page showed, too: refused the same way
    all_seen = {p.key: p.shown for p in r.pending}
    with pytest.raises(graph.ConflictError):
        decide(store, s, r.id, all_seen, accept=True, user="manager", version=version)
    # a fingerprint that no longer matches is refused even with the current version
    current = _submitted(store, s)
    with pytest.raises(graph.ConflictError):
        decide(store, s, r.id, seen, accept=True, user="manager", version=current.version)
    seen_now, version_now = shown(store, s, r.id, ["field:website"])
    decide(store, s, r.id, seen_now, accept=True, user="manager", version=version_now)
    assert graph.get(store, graph.Actor, "a").website == "https://andere.example"


def test_a_draft_saved_after_submitting_is_not_reviewed_as_submitted(
    store: graph.Store,
) -> None:
    s, token = _handed_in_website(store, "https://vhs-trier.de")
    answer_as(store, token, {"website": "https://entwurf.example"}, submit=False)
    r = _submitted(store, s)
    assert r.draft_after and r.answer["master"]["website"] == "https://vhs-trier.de"
    assert [p.new for p in r.pending if p.key == "field:website"] == ["https://vhs-trier.de"]
    seen, version = shown(store, s, r.id, ["field:website"])
    decide(store, s, r.id, seen, accept=True, user="manager", version=version)
    assert graph.get(store, graph.Actor, "a").website == "https://vhs-trier.de"


_value = st.sampled_from(["", "a", "b", "c"])
_answer = st.fixed_dictionaries(
    {
        "comment": _value,
        "master": st.fixed_dictionaries(
            {"phone": _value, "town": _value, "topics": st.lists(st.sampled_from("xyz"))}
        ),
        "partners": st.lists(
            st.fixed_dictionaries(
                {"actor_id": st.sampled_from(["p1", "p2", "p3"]), "note": _value}
            ),
            unique_by=lambda r: r["actor_id"],  # type: ignore[index]  # hypothesis infers Collection
            max_size=3,
        ),
    }
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared, loaded machine
@given(base=_answer, mine=_answer, theirs=_answer)
def test_merge_keeps_every_one_sided_change_and_reports_the_rest(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> None:
    merged, conflicts = merge(base, mine, theirs)
    clashing = {c.path for c in conflicts}
    for f in ("phone", "town"):
        b, m, t = base["master"][f], mine["master"][f], theirs["master"][f]
        got = merged["master"][f]
        if m == b:
            assert got == t
        elif t in (b, m):
            assert got == m
        else:
            assert ("master", f) in clashing and got == m
    if mine == base:
        assert merged["comment"] == theirs["comment"] and not conflicts
    # a partner only one side added is never lost
    b_ids = {p["actor_id"] for p in base["partners"]}
    for side in (mine, theirs):
        for p in side["partners"]:
            if p["actor_id"] not in b_ids:
                assert p["actor_id"] in {r["actor_id"] for r in merged["partners"]}
