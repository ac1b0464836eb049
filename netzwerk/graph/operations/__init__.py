"""The single write path: one function per use case, each one managed transaction.

Every change of the graph's records — from a form, the JSON API, the CLI, an import, an
undo — goes through a function of this package. Each runs in one managed transaction
(:meth:`netzwerk.graph.core.store.Store.transaction`) that writes the record, its history entries
and, for deletes, the trash snapshot together: all of it or nothing. Views, the API and the
CLI only parse input, call one of these and render the result (as indico's
``operations.py`` modules do).

Bulk loading of the demo region and of benchmarks (:mod:`netzwerk.graph.core.bulk`) is the one
exception: it writes no history, because it records no one's change.
"""

from netzwerk.graph.operations.changeset_watch import Watcher, resume
from netzwerk.graph.operations.erase import erase_person
from netzwerk.graph.operations.events import record_event
from netzwerk.graph.operations.exports import (
    export_contacts,
    export_workbook,
    log_contact_export,
)
from netzwerk.graph.operations.import_undo import UndoImportResult, undo_import
from netzwerk.graph.operations.imports import (
    CommitResult,
    ImportBlockedError,
    apply_changeset,
    commit_import,
    propose_import,
)
from netzwerk.graph.operations.indicators import import_indicators
from netzwerk.graph.operations.links import RemoveResult, create_link, delete_link, update_link
from netzwerk.graph.operations.mappings import save_import_mapping
from netzwerk.graph.operations.merge import MergeResult, merge_actors
from netzwerk.graph.operations.proposals import accept_proposal, reject_proposal
from netzwerk.graph.operations.records import (
    DeleteResult,
    create_record,
    delete_record,
    update_record,
)
from netzwerk.graph.operations.restore import restore_backup
from netzwerk.graph.operations.retention import purge_trash
from netzwerk.graph.operations.undo import UndoResult, check_role, undo
from netzwerk.graph.operations.undo_conflicts import decide_undo_conflicts

__all__ = [
    "CommitResult",
    "DeleteResult",
    "ImportBlockedError",
    "MergeResult",
    "RemoveResult",
    "UndoImportResult",
    "UndoResult",
    "Watcher",
    "accept_proposal",
    "apply_changeset",
    "check_role",
    "commit_import",
    "create_link",
    "create_record",
    "decide_undo_conflicts",
    "delete_link",
    "delete_record",
    "erase_person",
    "export_contacts",
    "export_workbook",
    "import_indicators",
    "log_contact_export",
    "merge_actors",
    "propose_import",
    "purge_trash",
    "record_event",
    "reject_proposal",
    "restore_backup",
    "resume",
    "save_import_mapping",
    "undo",
    "undo_import",
    "update_link",
    "update_record",
]
