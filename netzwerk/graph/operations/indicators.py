"""Write an indicator import: the dry run's values as a changeset.

The changeset path of every import (:mod:`.imports`): stored before anything is applied,
applied resumably, merged three ways per field, undone by value with ``undo_import``. A file
whose dry run found problems is refused whole; a file that changes nothing (the same file
imported again) writes nothing at all, not even an empty changeset.
"""

from __future__ import annotations

from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store
from netzwerk.graph.indicators.plan import IndicatorPlan
from netzwerk.graph.operations.imports import CommitResult, ImportBlockedError, commit_import


def import_indicators(store: Store, dry: IndicatorPlan, *, user: str) -> CommitResult:
    """Apply the dry run ``dry`` as one changeset (see module docstring)."""
    if dry.blocking:
        raise ImportBlockedError.said(
            N_(
                "Der Import wurde nicht ausgeführt: %(n)s Fehler in der Datei "
                "(zuerst: %(errors)s). Bitte die Datei korrigieren."
            ),
            n=len(dry.errors),
            errors=dry.errors[0],
        )
    if not dry.plan.nodes:
        return CommitResult(state="unchanged")
    return commit_import(store, dry.plan, user=user)
