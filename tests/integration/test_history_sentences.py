"""The history as people read it: every kind of entry the write path records, rendered on
the record pages, the instance's history and the start page, in German and English.

Each use case is run for real (create, update, delete, restore, merge, link, unlink, an
import with its folded entries and its undo, an erasure, a proposal and its rejection,
account changes); then no page may show a raw key (a snake_case word such as
``history_redacted``, a relationship type such as ``COOPERATES_WITH``, an action such as
``unlink`` or a model label such as ``TargetGroup``), and every relationship reads subject ·
verb · object the same way on both of its ends and once in the instance's history.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.admin import users
from netzwerk.graph.core import bulk
from netzwerk.graph.core.model import LINK_TYPES
from netzwerk.graph.operations import accounts
from netzwerk.graph.records import history
from netzwerk.web.records.display import LINK_PHRASES
from tests.conftest import PASSWORD, login, seed_small_graph
from tests.integration.test_english_pages import visible_text
from tests.integration.test_organisations import ORGS

SNAKE = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+(?![\w-])")
RAW_ACTIONS = re.compile(rf"(?<![\w-])({'|'.join((*history.ACTIONS, history.FOLDED))})(?![\w-])")
"""An action's key said as a word (not a part of an id such as ``import-3be2…``): German
pages never use these English words."""
MODEL_LABELS = re.compile(
    r"(?<![\w-])(Actor|Alliance|Project|Topic|Stage|TargetGroup|SavedView)(?![\w-])"
)
BY_LABEL = {
    "Actor": "actor",
    "Person": "person",
    "Alliance": "alliance",
    "Project": "project",
    "Topic": "topic",
    "Stage": "stage",
    "TargetGroup": "target_group",
    "Region": "region",
}
"""Which record of :func:`seed_small_graph` joins a relationship at an end of that label."""
PRESENT = {"COOPERATES_WITH", "WORKS_AT", "MEMBER_OF"}
"""Relationship types :func:`seed_small_graph` has already made."""


def _name(store: graph.Store, label: str, record_id: str) -> str:
    return history.resolve(store, [_probe(label, record_id)])[0].other_name


def _probe(label: str, record_id: str) -> history.Change:
    """A made-up link entry naming ``record_id`` as its other end, to read its name the
    way the history reads it."""
    return history.Change(
        action="link",
        label="Actor",
        record_id="probe",
        record_name="probe",
        changes={"link": {"type": "X", "other": record_id, "other_label": label}},
        id="probe",
        at=datetime.now(UTC),
        user="t",
    )


def _every_link(store: graph.Store, ids: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """One relationship of every type (those not there yet); (type, from, to, labels)."""
    made = []
    for lt in LINK_TYPES.values():
        source = next(label for label in lt.sources if label in BY_LABEL)
        target = next(
            label
            for label in lt.targets
            if label in BY_LABEL and (label != source or lt.type == "COOPERATES_WITH")
        )
        a, b = ids[BY_LABEL[source]], ids[BY_LABEL[target]]
        if lt.type == "COOPERATES_WITH":
            b = ids["other_actor"]
        if lt.type in PRESENT:
            made.append((lt.type, a, b, f"{source}>{target}"))
            continue
        fields: dict[str, Any] = {}
        for name, values in lt.choices:
            if name in lt.required:
                fields[name] = values[0]
        graph.create_link(
            store, graph.Link(type=lt.type, from_id=a, to_id=b, **fields), user="red-stadt"
        )
        made.append((lt.type, a, b, f"{source}>{target}"))
    return made


def _everything(store: graph.Store) -> dict[str, Any]:
    """Every action the write path records, once; the ids of the records they touched."""
    bulk.save_organisations(store, ORGS)
    users.create_user(store, "red-stadt", PASSWORD, role="editor", org="stadt")
    users.create_user(store, "red-kreis", PASSWORD, role="editor", org="kreis")
    users.create_user(store, "leitung", PASSWORD, role="admin")
    ids = seed_small_graph(store, user="red-stadt")
    links = _every_link(store, ids)
    actor = graph.get(store, graph.Actor, ids["actor"])
    actor = graph.update_record(
        store, dataclasses.replace(actor, town="Trier", kind="Kita"), user="red-stadt"
    )
    works_on = graph.links_of(store, "Actor", actor.id, ["WORKS_ON"])[0]
    graph.delete_link(store, "WORKS_ON", works_on.id, user="red-stadt")
    spare = graph.create_record(store, graph.Actor(name="Wegwerf-Schule"), user="red-stadt")
    graph.create_link(
        store,
        graph.Link(type="MEMBER_OF", from_id=spare.id, to_id=ids["alliance"]),
        user="red-stadt",
    )
    gone = graph.delete_record(store, graph.Actor, spare.id, user="red-stadt")
    operations.undo(store, gone.trash_id, user="red-stadt", role="editor")
    double = graph.create_record(
        store, graph.Actor(name="Grundschule Matrix (doppelt)"), user="red-stadt"
    )
    operations.merge_actors(store, actor.id, double.id, user="red-stadt")
    # an import: folded entries on each record, one summary; then undone
    table = imports.read_table(
        b"Name;Art;Ort\nLeseclub Nord;Verein;Trier\nGrundschule Matrix;Schule;Konz\n",
        "partner.csv",
    )
    plan = imports.dry_run(store, table, "partners", imports.guess(table.headers, "partners"))
    batch = operations.commit_import(store, plan, user="red-stadt").batch
    operations.undo_import(store, batch, user="red-stadt")
    again = operations.commit_import(
        store,
        imports.dry_run(store, table, "partners", imports.guess(table.headers, "partners")),
        user="red-stadt",
    ).batch
    # an erasure of a person who worked at the actor
    person = graph.create_record(
        store, graph.Person(first_name="Erika", last_name="Gelöscht"), user="red-stadt"
    )
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id=person.id, to_id=actor.id), user="red-stadt"
    )
    operations.erase_person(store, person.id, user="leitung")
    # a proposal from the other office, rejected
    current = graph.get(store, graph.Actor, actor.id)
    with pytest.raises(graph.ProposalSent) as sent:
        graph.update_record(store, dataclasses.replace(current, town="Konz"), user="red-kreis")
    operations.reject_proposal(store, sent.value.changeset, user="red-stadt")
    # accounts: a role changed, deactivated and back
    kreis = users.find_user(store, "red-kreis")
    assert kreis is not None
    accounts.change_role(store, kreis.id, "viewer", user="leitung")
    accounts.deactivate(store, kreis.id, user="leitung")
    accounts.reactivate(store, kreis.id, user="leitung")
    return {"ids": ids, "links": links, "batches": (batch, again)}


def _text(html: str) -> str:
    """The visible text of a page, runs of white space as one space."""
    return " ".join(" ".join(visible_text(html)).split())


def _raw(text: str, german: bool) -> list[str]:
    found = SNAKE.findall(text)
    if german:
        found += RAW_ACTIONS.findall(text) + MODEL_LABELS.findall(text)
    return found


def test_every_history_entry_reads_in_words(app, store: graph.Store) -> None:
    made = _everything(store)
    ids = made["ids"]
    recorded = {c.action for c in history.recent(store, limit=1000)}
    assert set(history.ACTIONS) - recorded <= {"export"}, recorded
    stored, _summary, _keys = store.driver.execute_query(
        "MATCH (c:Change) RETURN collect(DISTINCT c.action) AS actions", database_=store.database
    )
    assert history.FOLDED in stored[0]["actions"], "an import's folded entries are shown too"
    client = app.test_client()
    login(client, "leitung", PASSWORD)
    pages = [
        "/verwaltung/verlauf",
        "/",
        *(f"/aenderungen/{b}" for b in made["batches"]),
        f"/akteure/{ids['actor']}",
        f"/akteure/{ids['other_actor']}",
        f"/personen/{ids['person']}",
        f"/buendnisse/{ids['alliance']}",
        f"/projekte/{ids['project']}",
        f"/verwaltung/themen/{ids['topic']}",
        f"/verwaltung/bildungsstufen/{ids['stage']}",
        f"/verwaltung/zielgruppen/{ids['target_group']}",
        f"/verwaltung/regionen/{ids['region']}",
    ]
    problems = {}
    for lang in ("de", "en"):
        for path in pages:
            resp = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
            assert resp.status_code == 200, (path, resp.status_code)
            text = _text(resp.get_data(as_text=True))
            raw = _raw(text, german=lang == "de")
            if raw:
                problems[f"{lang} {path}"] = sorted(set(raw))
    assert not problems, f"raw keys in the history: {problems}"


def test_each_relationship_reads_subject_verb_object_on_both_ends(app, store) -> None:
    made = _everything(store)
    client = app.test_client()
    login(client, "leitung", PASSWORD)
    recent = _text(client.get("/verwaltung/verlauf?lang=de").get_data(as_text=True))
    urls = {
        "Actor": "/akteure/",
        "Person": "/personen/",
        "Alliance": "/buendnisse/",
        "Project": "/projekte/",
        "Topic": "/verwaltung/themen/",
        "Stage": "/verwaltung/bildungsstufen/",
        "TargetGroup": "/verwaltung/zielgruppen/",
        "Region": "/verwaltung/regionen/",
    }
    for link_type, a, b, labels in made["links"]:
        if link_type == "WORKS_ON":
            continue  # removed again above; its removal is checked like any entry
        source, target = labels.split(">")
        names = {"subject": _name(store, source, a), "object": _name(store, target, b)}
        sentence = str(LINK_PHRASES[link_type]) % names
        if LINK_TYPES[link_type].symmetric:  # stored in either direction: read either way
            turned = str(LINK_PHRASES[link_type]) % {
                "subject": names["object"],
                "object": names["subject"],
            }
        else:
            turned = sentence
        for label, record_id in ((source, a), (target, b)):
            html = client.get(urls[label] + record_id + "?lang=de").get_data(as_text=True)
            text = _text(html)
            assert sentence in text or turned in text, (link_type, label, sentence)
        if link_type not in PRESENT:  # made once by red-stadt: listed once
            count = recent.count(sentence) + (recent.count(turned) if turned != sentence else 0)
            assert count == 1, (link_type, sentence, count)
