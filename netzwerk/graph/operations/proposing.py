"""How a change to another office's record becomes a proposal instead of a write.

Called by :func:`netzwerk.graph.operations.records.update_record` inside its transaction when
the acting user's organisation does not own the record (:mod:`.ownership`); deciding the
proposal is :mod:`.proposals`.
"""

from __future__ import annotations

import uuid

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import NotFoundError, ProposalSent, overtaken
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import N
from netzwerk.graph.core.store import Tx
from netzwerk.graph.core.validation import validate_node
from netzwerk.graph.operations.ownership import Verdict
from netzwerk.graph.records import changesets, history
from netzwerk.graph.records.organisations import recipient


def stored_in(tx: Tx, cls: type[N], record_id: str) -> N:
    rows = tx.run("nodes/get", {"label": cls.LABEL}, id=record_id, reader=None)
    if not rows:
        raise NotFoundError.said(
            N_("%(kind)s „%(record_id)s“ wurde nicht gefunden."),
            kind=cls.TITLE,
            record_id=record_id[:80],
        )
    return codec.from_store(cls, rows[0]["node"])


def propose_update_in(tx: Tx, obj: N, *, user: str, verdict: Verdict) -> ProposalSent | None:
    """Store ``obj`` (a record read earlier, changed) as a proposal to its owner.

    Returns the notice for the proposer, or None when the change changes nothing. The
    version rule of a save holds: a proposal made from an outdated form is a conflict.
    """
    cls = type(obj)
    obj = validate_node(obj)
    current = stored_in(tx, cls, obj.id)
    if current.version != obj.version:
        raise overtaken(
            N_(
                "%(kind)s „%(display_name)s“ wurde inzwischen geändert (Version "
                "%(version)s, Ihre Version %(own_version)s). Ihr Vorschlag wurde nicht "
                "gesendet."
            ),
            current,
            obj.version,
            kind=cls.TITLE,
            display_name=current.display_name,
        )
    changes = history.diff(current, obj)
    if not changes:
        return None
    owner = verdict.owner_of(obj.id)
    cs_id = f"proposal-{uuid.uuid4().hex[:16]}"
    item = {
        "r": codec.to_json(obj),
        "f": list(changes),
        "b": {name: old for name, (old, _new) in changes.items()},
    }
    changesets.create_in(
        tx,
        cs_id,
        kind="proposal",
        title=f"{cls.TITLE}: {current.display_name}",
        source=current.display_name,
        author=user,
        parts=[(1, {"op": "nodes", "label": cls.LABEL, "items": [item]})],
        to_org=owner,
        from_org=verdict.user_org,
    )
    history.record_entry_in(
        tx, history.node_entry("propose", current, {"proposal": [None, cs_id]}), user=user
    )
    to = recipient(tx, owner)
    return ProposalSent(
        f"Ihre Änderung wurde {to} als Vorschlag geschickt.",
        recipient=to,
        changeset=cs_id,
        label=cls.LABEL,
        record_id=obj.id,
    )
