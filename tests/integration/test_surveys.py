"""Surveys against real Neo4j: scope, links, respondent view and answers, review through the
write path, progress, comparison, mail-merge list, SMTP, erasure."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import backup
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations.surveys import decide
from netzwerk.graph.personal import consent, privacy
from netzwerk.graph.records import history
from netzwerk.graph.surveys import compare, distribution, progress, respondent, review, tokens
from netzwerk.graph.surveys.lifecycle import scope_actors

TODAY = date.today()


def build(store: graph.Store) -> dict[str, str]:
    """An alliance of three actors; A has a consenting contact, B one without consent."""
    mk = graph.create_record
    al = mk(store, graph.Alliance(id="al", name="Bündnis Grundbildung"), user="t")
    mk(store, graph.Topic(id="t-mint", name="MINT"), user="t")
    mk(store, graph.Topic(id="t-alpha", name="Alphabetisierung"), user="t")
    for aid, name in (("a", "VHS Trier"), ("b", "Stadtbibliothek"), ("c", "Caritas")):
        mk(
            store,
            graph.Actor(id=aid, name=name, kind="Sonstige", email=f"{aid}@org.example"),
            user="t",
        )
        graph.create_link(store, graph.Link(type="MEMBER_OF", from_id=aid, to_id=al.id), user="t")
    mk(store, graph.Actor(id="x", name="Außenstehender Verein", kind="Sonstige"), user="t")
    mk(
        store,
        graph.Person(
            id="pa",
            first_name="Anna",
            last_name="Alt",
            title="Dr.",
            email="anna@a.example",
            consent_contact=True,
            consent_contact_date=date(2024, 1, 1),
            consent_contact_source="Formular",
        ),
        user="t",
    )
    mk(
        store,
        graph.Person(id="pb", first_name="Bernd", last_name="Bar", email="bernd@b.example"),
        user="t",
    )
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id="pa", to_id="a", function="Leitung"), user="t"
    )
    graph.create_link(store, graph.Link(type="WORKS_AT", from_id="pb", to_id="b"), user="t")
    graph.create_link(store, graph.Link(type="WORKS_ON", from_id="a", to_id="t-mint"), user="t")
    return {"alliance": al.id}


def new_survey(store: graph.Store, **kw: Any) -> sv.Survey:
    s = sv.Survey(
        title="Netzwerk 2025",
        intro="Bitte nennen Sie Ihre Partner.",
        closes=TODAY + timedelta(days=30),
        scope=sv.Scope("alliance", Filter(alliance="al")),
        **kw,
    )
    created, n = sv.create_survey(store, s, user="manager")
    assert n >= 1
    return created


def form(data: dict[str, Any]) -> MultiDict:
    md: MultiDict[str, Any] = MultiDict()
    for k, v in data.items():
        for item in v if isinstance(v, list) else [v]:
            md.add(k, item)
    return md


def save_from(
    store: graph.Store,
    access: sv.Access,
    view: respondent.View,
    data: dict[str, Any],
    *,
    submit: bool = True,
) -> tuple[dict[str, Any], list[Any]]:
    """Send ``data`` from a page loaded earlier (its version and answer as the base), as the
    form would; returns the parsed answer and the problems (nothing saved with problems)."""
    md = form(data)
    answer, errors = respondent.parse(md.get, md.getlist, view, access.survey.questions)
    if not errors:
        respondent.save(
            store,
            access.invite,
            answer,
            submit=submit,
            version=view.version,
            base=view.answer,
            link_hash=access.link_hash,
        )
    return answer, errors


def answer_as(
    store: graph.Store, token: str, data: dict[str, Any], *, submit: bool = True
) -> tuple[dict[str, Any], list[Any]]:
    access = sv.check_link(store, token)
    view = respondent.view(store, access.invite, access.survey.follows)
    return save_from(store, access, view, data, submit=submit)


def shown(
    store: graph.Store, s: sv.Survey, answer_id: str, keys: list[str]
) -> tuple[dict[str, str], int]:
    """What the review page shows of ``keys`` (fingerprints; unknown keys as sent) and the
    handed-in version, as the page's form carries them."""
    r = review.load_answer(store, answer_id)
    prints = {p.key: p.shown for p in review.proposals_for(store, s, r, review.vocab_names(store))}
    return {k: prints.get(k, "") for k in keys}, r.version


def decide_shown(store: graph.Store, s: sv.Survey, answer_id: str, keys: list[str], **kw: Any):
    """Decide as the review page would: on what it shows right now."""
    prints, version = shown(store, s, answer_id, keys)
    return decide(store, s, answer_id, prints, version=version, **kw)


def tokens_by_actor(issued: list[sv.Issued]) -> dict[str, str]:
    return {i.invite.actor_id: i.token for i in issued}


def test_scope_and_invites(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    assert [a["id"] for a in scope_actors(store, s)] == ["c", "b", "a"]  # by name
    invites = sv.invites_of(store, s.id)
    assert sorted(i.actor_id for i in invites) == ["a", "b", "c"]
    assert s.before and s.before["figures"]["actors"] == 3 and s.before["figures"]["isolated"] == 3
    per_person = new_survey(store, per="person")
    assert sorted(i.person_id for i in sv.invites_of(store, per_person.id)) == ["pa", "pb"]
    with pytest.raises(graph.ValidationError):
        sv.create_survey(store, sv.Survey(title="", closes=TODAY - timedelta(days=1)), user="m")
    with pytest.raises(graph.ValidationError) as err:
        sv.create_survey(
            store,
            sv.Survey(title="leer", closes=TODAY, scope=sv.Scope("actors", actor_ids=("zz",))),
            user="m",
        )
    assert "scope" in err.value.by_field()


def test_scope_is_the_one_filter_of_the_picture_and_the_export(store: graph.Store) -> None:
    """Every field of the one filter narrows a survey the way it narrows the picture: a
    region includes its sub-regions, stage and target group count, fields combine, and
    chosen actors are intersected with the filter."""
    build(store)
    mk, link = graph.create_record, graph.create_link
    mk(store, graph.Region(id="r-trier", name="Stadt Trier", kind="Stadt"), user="t")
    mk(store, graph.Region(id="r-ehrang", name="Ehrang", kind="Stadtteil"), user="t")
    mk(store, graph.Stage(id="st-prim", name="Primarstufe", order=2), user="t")
    mk(store, graph.TargetGroup(id="tg-el", name="Eltern"), user="t")
    mk(store, graph.Actor(id="s", name="Grundschule Ehrang", kind="Schule"), user="t")
    for kind, a, b in (
        ("PART_OF", "r-ehrang", "r-trier"),
        ("LOCATED_IN", "s", "r-ehrang"),
        ("COVERS", "s", "st-prim"),
        ("SERVES", "b", "tg-el"),
        ("ACTIVE_IN", "c", "r-trier"),
    ):
        link(store, graph.Link(type=kind, from_id=a, to_id=b), user="t")

    def asked(kind: str, flt: Filter, ids: tuple[str, ...] = ()) -> list[str]:
        survey = sv.Survey(scope=sv.Scope(kind, flt, ids))
        return sorted(a["id"] for a in scope_actors(store, survey))

    assert asked("region", Filter(region="r-trier")) == ["c", "s"]  # Ehrang lies in Trier
    assert asked("filter", Filter(stage="st-prim")) == ["s"]
    assert asked("filter", Filter(target_group="tg-el")) == ["b"]
    assert asked("filter", Filter(actor_kinds=("Schule",))) == ["s"]
    assert asked("filter", Filter(topic="t-mint", region="r-trier")) == []  # all must hold
    assert asked("alliance", Filter(alliance="al", topic="t-mint")) == ["a"]
    assert asked("actors", Filter(), ("s", "x", "gone")) == ["s", "x"]
    assert asked("actors", Filter(actor_kinds=("Schule",)), ("s", "x")) == ["s"]
    # the survey's page names the scope and opens the same selection in the picture
    made, _n = sv.create_survey(
        store,
        sv.Survey(title="Primar", closes=TODAY, scope=sv.Scope("filter", Filter(stage="st-prim"))),
        user="m",
    )
    assert sv.get_survey(store, made.id).scope.filter == Filter(stage="st-prim")


def test_scope_of_a_form_keeps_only_the_chosen_section() -> None:
    everything = Filter(alliance="al", region="r", topic="t", actor_kinds=("Schule",))
    assert sv.Scope.of("alliance", everything).filter == Filter(alliance="al")
    assert sv.Scope.of("filter", everything).filter == Filter(topic="t", actor_kinds=("Schule",))
    assert sv.Scope.of("region", everything, ("a",)) == sv.Scope("region", Filter(region="r"))
    assert sv.Scope.of("actors", everything, ("a",)) == sv.Scope("actors", Filter(), ("a",))


def test_scope_json_round_trip_and_surveys_stored_before(store: graph.Store) -> None:
    scope = sv.Scope(
        "filter", Filter(topic="t", stage="s", target_group="g", actor_kinds=("Schule", "Kita"))
    )
    assert sv.Scope.from_json(scope.to_json()) == scope
    # the shape written before the filter was unified still opens
    old = '{"kind": "filter", "alliance": "", "project": "", "region": "r", "topic": "t", '
    old += '"kinds": ["Schule"], "actor_ids": []}'
    assert sv.Scope.from_json(old) == sv.Scope(
        "filter", Filter(region="r", topic="t", actor_kinds=("Schule",))
    )
    assert sv.Scope.from_json('{"kind": "actors", "actor_ids": ["a"]}').actor_ids == ("a",)
    assert sv.Scope.from_json("[]") == sv.Scope()


def test_links_are_hashed_expire_and_can_be_revoked(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    issued = sv.issue_links(store, s.id)
    again_all = sv.issue_links(store, s.id)
    assert len(issued) == 3 and [i.token for i in again_all] == [i.token for i in issued]
    token = tokens_by_actor(issued)["a"]
    dump = json.dumps(backup.dump(store))
    assert token.split(".")[1] not in dump, "the secret is never stored"
    assert tokens.digest(token.split(".")[1]) in dump
    assert sv.check_link(store, token).invite["actor_id"] == "a"
    inv, secret = token.split(".")
    for forged in (
        f"{inv}.{'A' * 43}",
        f"{inv}.{secret[:-1]}",
        f"inv-{'0' * 20}.{secret}",
        token + "x",
        "",
        "../../etc/passwd",
        "x" * 10_000,
    ):
        with pytest.raises(sv.LinkError) as err:
            sv.check_link(store, forged)
        assert err.value.state == "invalid"
    with pytest.raises(sv.LinkError) as err:
        sv.check_link(store, token, today=TODAY + timedelta(days=31))
    assert err.value.state == "closed"
    # renewing replaces the old link
    again = sv.renew_links(store, s.id, invite_ids=[issued[0].invite.id]).issued
    with pytest.raises(sv.LinkError):
        sv.check_link(store, issued[0].token)
    assert sv.check_link(store, again[0].token)
    sv.revoke(store, s.id, again[0].invite.id)
    with pytest.raises(sv.LinkError) as err:
        sv.check_link(store, again[0].token)
    assert err.value.state == "revoked"
    sv.close_survey(store, s.id)
    untouched = next(i.token for i in issued if i.invite.id != again[0].invite.id)
    with pytest.raises(sv.LinkError) as err:
        sv.check_link(store, untouched)
    assert err.value.state == "ended"
    with pytest.raises(graph.ValidationError):
        sv.renew_links(store, s.id)


def test_a_link_sees_only_its_own_actor(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    toks = tokens_by_actor(sv.issue_links(store, s.id))
    view = respondent.view(store, sv.check_link(store, toks["a"]).invite)
    assert [c["id"] for c in view.contacts] == ["pa"]
    assert view.actor["id"] == "a" and view.vocab["topics"] == {"t-mint"}
    assert "VHS Trier" not in view.directory and "Stadtbibliothek" in view.directory
    blob = json.dumps(view.__dict__, default=str)
    assert "bernd" not in blob.lower(), "another actor's contact leaks"


def _walk(store: graph.Store) -> tuple[sv.Survey, dict[str, str]]:
    build(store)
    s = new_survey(store)
    toks = tokens_by_actor(sv.issue_links(store, s.id))
    _ans, errors = answer_as(
        store,
        toks["a"],
        {
            "street": "Domfreihof 1b",
            "topics": ["t-mint", "t-alpha"],
            "c0_id": "pa",
            "c0_here": "ja",
            "c0_function": "Fachbereichsleitung",
            "rows": "2",
            "p0_name": "Stadtbibliothek",
            "p0_kind": "Projektpartnerschaft",
            "p0_intensity": "3",
            "p0_since": "2019",
            "p0_value": "3",
            "p0_trust": "2",
            "p0_note": "<script>alert(1)</script>",
            "p1_name": "Lesepaten e.V.",
            "p1_kind": "Gemeinsames Angebot",
        },
    )
    assert errors == []
    _ans, errors = answer_as(
        store,
        toks["b"],
        {
            "c0_id": "pb",
            "c0_consent": "1",
            "rows": "1",
            "p0_name": "vhs trier",
            "p0_kind": "Informationsaustausch",
            "p0_intensity": "2",
        },
    )
    assert errors == []
    return s, toks


def test_review_pairs_and_accepts_through_the_write_path(store: graph.Store) -> None:
    s, _toks = _walk(store)
    q = {r.actor_id: r for r in review.queue(store, s)}
    a, b = q["a"], q["b"]
    kinds_a = {p.key: p for p in a.pending}
    assert set(kinds_a) == {
        "field:street",
        "vocab_add:WORKS_ON:t-alpha",
        "function:pa",
        "coop_new:b",
        next(k for k in kinds_a if k.startswith("actor_new:")),
    }
    coop = kinds_a["coop_new:b"]
    assert coop.pair == "confirmed" and coop.other and coop.other["kind"] == "Informationsaustausch"
    assert {p.key for p in b.pending} == {"coop_new:a", "consent:pb"}
    before = backup.checksum(store)
    # rejecting changes no record
    out = decide_shown(store, s, a.id, ["field:street"], accept=False, user="manager")
    assert out.rejected == ["field:street"]
    assert graph.get(store, graph.Actor, "a").street == ""
    assert backup.checksum(store) != before  # the decision itself is kept ...
    assert "field:street" not in {p.key for p in review.queue(store, s)[0].pending} | {
        p.key for r in review.queue(store, s) for p in r.pending
    }
    # accepting goes through the write path: link, source, respondent in the note, history
    out = decide_shown(
        store,
        s,
        a.id,
        ["coop_new:b", "function:pa", "vocab_add:WORKS_ON:t-alpha"],
        accept=True,
        user="manager",
    )
    assert sorted(out.applied) == ["coop_new:b", "function:pa", "vocab_add:WORKS_ON:t-alpha"]
    link = graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])[0]
    assert link.source == "Befragung Netzwerk 2025" and link.intensity == 3
    assert link.since == date(2019, 1, 1)
    assert (link.value, link.trust) == (3, 2), "value and trust are data, not note text"
    assert "Gemeldet von VHS Trier" in link.note and "Wert" not in link.note
    assert "<script>alert(1)</script>" in link.note
    entry = next(
        e
        for e in history.for_record(store, "a")
        if e.link and e.action == "link" and e.link["type"] == "COOPERATES_WITH"
    )
    assert entry.user == "manager" and "Antwort von VHS Trier" in entry.changes["survey"][1]
    # the partner's own proposal of the same cooperation is gone (already a record)
    assert "coop_new:a" not in {p.key for p in review.load_answer(store, b.id).proposals} or all(
        p.key != "coop_new:a"
        for r in review.queue(store, s)
        if r.actor_id == "b"
        for p in r.pending
    )
    # consent from the survey was given by whoever held the organisation's link: ledger with
    # the survey's wording and who gave it, but pending until the person confirms it
    decide_shown(store, s, b.id, ["consent:pb"], accept=True, user="manager")
    rec = consent.for_person(store, "pb")[0]
    assert rec.source == "Befragung Netzwerk 2025" and rec.wording == s.consent_wording
    assert rec.status == "pending" and rec.given_by
    assert graph.get(store, graph.Person, "pb").consent_contact is False
    # a new actor proposal creates the actor and the cooperation in one step
    new_key = next(k for k in kinds_a if k.startswith("actor_new:"))
    decide_shown(store, s, a.id, [new_key], accept=True, user="manager")
    names = {
        lk.to_name if lk.from_id == "a" else lk.from_name
        for lk in graph.links_of(store, "Actor", "a", ["COOPERATES_WITH"])
    }
    assert names == {"Stadtbibliothek", "Lesepaten e.V."}
    # an answer cannot be decided under another survey (its title would become the source)
    other = new_survey(store)
    with pytest.raises(graph.NotFoundError):
        decide_shown(store, other, a.id, ["field:street"], accept=True, user="manager")
    # deciding the same key twice is skipped, unknown keys too
    again = decide_shown(store, s, a.id, ["coop_new:b", "nope"], accept=True, user="manager")
    assert again.applied == [] and sorted(again.skipped) == ["coop_new:b", "nope"]


def test_progress_close_and_comparison(store: graph.Store) -> None:
    s, _toks = _walk(store)
    p = progress.progress(store, s.id)
    assert (p.total.invited, p.total.answered) == (3, 2)
    assert [m["actor_name"] for m in p.missing] == ["Caritas"]
    a = next(r for r in review.queue(store, s) if r.actor_id == "a")
    decide_shown(store, s, a.id, ["coop_new:b"], accept=True, user="manager")
    closed = sv.close_survey(store, s.id)
    cmp = compare.compare(store, closed.before or {}, closed.after or {})
    assert cmp.added == [("Stadtbibliothek", "VHS Trier")] and cmp.removed == []
    rows = {title: (b, a) for title, b, a in cmp.rows}
    assert rows["befragte Akteure ohne Kooperation"] == (3, 1)


def test_hostile_answers_are_refused_or_kept_verbatim(store: graph.Store) -> None:
    build(store)
    s = new_survey(store)
    toks = tokens_by_actor(sv.issue_links(store, s.id))
    before = backup.checksum(store)
    cases: list[dict[str, Any]] = [
        {"c0_id": "pb"},  # another actor's contact person
        {"rows": "1", "p0_id": "x", "p0_name": "egal"},  # a partner row we never showed
        {"rows": "1", "p0_name": "VHS Trier", "p0_kind": "Gremienarbeit"},  # itself
        {"rows": "1", "p0_name": "Neu", "p0_note": "x" * 10_000},
        {"rows": "1", "p0_name": "Neu", "p0_since": "2999"},
        {"rows": "1", "p0_name": "Neu", "p0_intensity": "9"},
        {"rows": "1", "p0_name": "Neu", "p0_kind": "'; DROP"},
        {"topics": ["t-mint", "actor-forged"]},
        {"street": "a\x00b"},
        {"comment": "y" * 6_000},
    ]
    for data in cases:
        _answer, errors = answer_as(store, toks["a"], data)
        assert errors, data
    assert backup.checksum(store) == before, "refused answers store nothing"
    _answer, errors = answer_as(
        store, toks["a"], {"street": '=HYPERLINK("http://evil.example")', "rows": "999"}
    )
    assert errors == []
    saved = respondent.view(store, sv.check_link(store, toks["a"]).invite).answer
    assert saved and saved["master"]["street"].startswith("=HYPERLINK")


def test_mail_merge_respects_consent_and_neutralises(store: graph.Store) -> None:
    build(store)
    graph.update_record(
        store,
        graph.get(store, graph.Actor, "b").__class__(
            **{**graph.get(store, graph.Actor, "b").__dict__, "name": "=cmd|' /C calc'!A0"}
        ),
        user="t",
    )
    s = new_survey(store)
    issued = sv.issue_links(store, s.id)
    data, rows, left_out = distribution.mail_merge(
        store, s, issued, base_url="https://netzwerk.example/", fmt="csv", user="manager"
    )
    text = data.decode("utf-8-sig")
    assert left_out == 1  # Bernd has no consent
    assert "bernd@" not in text and "anna@a.example" in text
    assert "Guten Tag Dr. Anna Alt," in text and "Sehr geehrte Damen und Herren," in text
    assert "'=cmd" in text and "https://netzwerk.example/b/inv-" in text
    assert {r.email for r in rows} == {"anna@a.example", "b@org.example", "c@org.example"}
    report = privacy.person_report(store, "pa")
    assert any(e["format"] == "befragung-csv" for e in report["exports"])
    xlsx, _rows, _n = distribution.mail_merge(
        store, s, issued, base_url="https://x.example", fmt="xlsx", user="manager"
    )
    assert xlsx[:2] == b"PK"


def test_erasure_removes_invitations_answers_and_mentions(store: graph.Store) -> None:
    build(store)
    per_person = new_survey(store, per="person")
    toks = {i.invite.person_id: i.token for i in sv.issue_links(store, per_person.id)}
    answer_as(store, toks["pa"], {"c0_id": "pa", "c0_function": "Geheimfunktion", "rows": "0"})
    actor_survey = new_survey(store)
    tok_a = tokens_by_actor(sv.issue_links(store, actor_survey.id))["a"]
    answer_as(store, tok_a, {"c0_id": "pa", "c0_function": "Zweite Geheimfunktion"})
    report = privacy.person_report(store, "pa")
    assert len(report["surveys"]["invites"]) == 1 and len(report["surveys"]["answers"]) == 2
    counts = operations.erase_person(store, "pa", user="admin")
    assert counts["survey"] == 3  # own invitation + own answer + one mention rewritten
    dump = json.dumps(backup.dump(store), ensure_ascii=False)
    assert "Geheimfunktion" not in dump
    left = store.read("surveys/person_data", id="pa")[0]
    assert left["invites"] == [] and left["answers"] == []
    remaining = respondent.view(store, sv.check_link(store, tok_a).invite).answer
    assert remaining is not None and remaining["contacts"] == []


def test_one_link_per_contact_where_an_organisation_has_several(store: graph.Store) -> None:
    build(store)
    graph.create_record(store, graph.Person(id="pc", first_name="Cem", last_name="Cay"), user="t")
    graph.create_link(store, graph.Link(type="WORKS_AT", from_id="pc", to_id="a"), user="t")
    s = new_survey(store, per="several")
    invites = sv.invites_of(store, s.id)
    assert sorted((i.actor_id, i.person_id) for i in invites) == [
        ("a", "pa"),
        ("a", "pc"),
        ("b", ""),  # one contact person: one link for the organisation
        ("c", ""),  # none: the organisation's address
    ]
    toks = {i.invite.person_id or i.invite.actor_id: i.token for i in sv.issue_links(store, s.id)}
    own = respondent.view(store, sv.check_link(store, toks["pc"]).invite)
    assert [c["id"] for c in own.contacts] == ["pc"]  # each colleague answers for themselves
    whole = respondent.view(store, sv.check_link(store, toks["b"]).invite)
    assert [c["id"] for c in whole.contacts] == ["pb"]
