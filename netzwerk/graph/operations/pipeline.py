"""The partner-suggestion pipeline (the only writes of the gap analyses).

A suggestion is a conversation starter, not a cooperation. It moves through

    vorgeschlagen → angesprochen → vereinbart
          ↘              ↘
           verworfen ←────┘   (and from verworfen back to vorgeschlagen)

*vorgeschlagen* is every pair the analysis suggests and nobody has acted on yet (no record);
an editor marks it *angesprochen* once the two have been contacted, and *vereinbart* once
they agreed to cooperate — only then is the cooperation created, dated as agreed, through
the single write path :func:`netzwerk.graph.operations.create_link` (history on both ends).
*verworfen* pairs are never suggested again until restored.

Each pair is stored once, smaller id first, as ``(:Actor)-[:SUGGESTION {status, by, at,
note, log, link_id}]->(:Actor)``; every step appends a line to ``log``. Steps check the
state under the database's lock (``cypher/analysis/suggestion_step.cypher``): a step that
does not fit the current state (someone else was faster) is refused with a German message.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime

from netzwerk.graph.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import COOPERATION_KINDS, Link
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.operations.links import create_link_in
from netzwerk.graph.records import visibility

DEFAULT_KIND = "Informationsaustausch"
NOTE_MAX = 500

STATES = ("vorgeschlagen", "angesprochen", "vereinbart", "verworfen")
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "angesprochen": ("vorgeschlagen",),
    "vereinbart": ("angesprochen",),
    "verworfen": ("vorgeschlagen", "angesprochen"),
    "vorgeschlagen": ("verworfen",),
}
"""Target state → the states a step to it may start from."""


@dataclass(frozen=True)
class Entry:
    """A pair in the pipeline."""

    a: str
    b: str
    a_name: str
    b_name: str
    status: str
    by: str
    at: datetime | None
    note: str = ""
    log: list[str] = field(default_factory=list)
    link_id: str | None = None


def _pair(a: str, b: str) -> tuple[str, str]:
    errors = []
    for field_name, value in (("a", a), ("b", b)):
        if not is_valid_id(value):
            errors.append(FieldError(field_name, N_("Bitte einen gültigen Akteur angeben.")))
    if not errors and a == b:
        errors.append(FieldError("b", N_("Ein Akteur kann nicht mit sich selbst kooperieren.")))
    if errors:
        raise ValidationError(errors)
    return (a, b) if a <= b else (b, a)


def _note(note: str) -> str:
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise ValidationError(
            [
                FieldError.said(
                    "note",
                    N_("Die Notiz darf höchstens %(note_max)s Zeichen lang sein."),
                    note_max=NOTE_MAX,
                )
            ]
        )
    return note


def pipeline(store: Store) -> list[Entry]:
    """Every pair with a state other than plain *vorgeschlagen*, latest change first."""
    return [
        Entry(**r) for r in store.read("analysis/suggestion_pipeline") if r["status"] != STATES[0]
    ]


def masked(entry: Entry) -> Entry:
    """The entry with e-mail addresses and phone numbers in its note and log masked, for
    readers without the contacts grant."""
    return dataclasses.replace(
        entry,
        note=visibility.mask_contacts(entry.note),
        log=[visibility.mask_contacts(line) for line in entry.log],
    )


def pipeline_pairs(store: Store) -> dict[tuple[str, str], str]:
    """Pair (smaller id first) → state, for pairs someone acted on; the analysis does not
    suggest them again as new."""
    return {(e.a, e.b): e.status for e in pipeline(store)}


def step(
    store: Store,
    a: str,
    b: str,
    status: str,
    *,
    by: str,
    note: str = "",
) -> tuple[str, str]:
    """Move the pair to ``status`` (not *vereinbart*: see :func:`agree`); returns the
    (previous, new) state. Raises ConflictError if the pair is not in a state the step
    may start from, NotFoundError if an actor does not exist."""
    a, b = _pair(a, b)
    if status not in ALLOWED_FROM:
        raise ValidationError(
            [FieldError.said("status", N_("„%(status)s“ ist kein Schritt."), status=status)]
        )
    allowed, note = ALLOWED_FROM[status], _note(note)
    before = store.transaction(
        lambda tx: _step_in(tx, a, b, status, allowed, by=by, note=note, link_id="")
    )
    return before, status


def _step_in(
    tx: Tx,
    a: str,
    b: str,
    status: str,
    allowed: tuple[str, ...],
    *,
    by: str,
    note: str,
    link_id: str,
) -> str:
    """One step inside a running transaction; returns the state before it. The step's
    query locks both actors first, so the state it checks cannot change underneath."""
    stamp = datetime.now().strftime("%d.%m.%Y %H:%M")
    rows = tx.run(
        "analysis/suggestion_step",
        a=a,
        b=b,
        by=by,
        allowed=list(allowed),
        status=status,
        note=note,
        entry=f"{stamp} {status} ({by})" + (f": {note}" if note else ""),
        link_id=link_id,
    )
    if not rows:
        raise NotFoundError.said(N_("Einer der beiden Akteure wurde nicht gefunden."))
    before: str = rows[0]["before"]
    if before not in allowed:
        raise ConflictError.said(
            N_(
                "Der Vorschlag ist „%(before)s“; der Schritt zu „%(status)s“ geht nur "
                "von „%(values)s“ aus. Bitte die Seite neu laden."
            ),
            before=before,
            status=status,
            values=" oder ".join(allowed),
        )
    return before


def agree(
    store: Store,
    a: str,
    b: str,
    *,
    by: str,
    kind: str = DEFAULT_KIND,
    since: date | None = None,
    note: str = "",
) -> Link:
    """*vereinbart*: create the cooperation (from ``since``, default today) through the
    single write path and record the step with the cooperation's id, in one transaction.

    The pair must be *angesprochen*. The step is written after the cooperation (it needs
    its id) and checks the state under the actors' lock; if someone moved the pair in the
    meantime, the step raises and the cooperation is rolled back with it: both or neither.
    """
    a, b = _pair(a, b)
    if kind not in COOPERATION_KINDS:
        raise ValidationError(
            [
                FieldError.said(
                    "kind", N_("„%(value)s“ ist keine bekannte Kooperationsart."), value=kind
                )
            ]
        )
    note = _note(note)
    current = pipeline_pairs(store).get((a, b), STATES[0])
    if current not in ALLOWED_FROM["vereinbart"]:
        raise ConflictError.said(
            N_(
                "Der Vorschlag ist „%(current)s“; vereinbart werden kann nur, wer "
                "angesprochen wurde."
            ),
            current=current,
        )
    cooperation = Link(
        type="COOPERATES_WITH",
        from_id=a,
        to_id=b,
        kind=kind,
        intensity=1,
        since=since or date.today(),
        source="Partnervorschlag",
        note=note,
    )

    def work(tx: Tx) -> Link:
        link = create_link_in(tx, cooperation, user=by)
        allowed = ALLOWED_FROM["vereinbart"]
        _step_in(tx, a, b, "vereinbart", allowed, by=by, note=note, link_id=link.id or "")
        return link

    return store.transaction(work)
