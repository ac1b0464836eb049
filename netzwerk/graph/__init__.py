"""Store access and analysis for netzwerk; knows nothing of Flask.

Everything the web layer, the CLI and the tests may use is importable from here::

    from netzwerk import graph
    with graph.connect() as store:
        vhs = graph.Actor(name="Volkshochschule Trier", kind="VHS/Weiterbildung")
        vhs = graph.create_record(store, vhs, user="cli")
"""

from netzwerk.graph.admin.stats import Counts, ServerInfo, counts, is_empty, server_info
from netzwerk.graph.core.bulk import LoadResult, merge_links, merge_nodes, wipe
from netzwerk.graph.core.errors import (
    ConflictError,
    DatabaseAuthError,
    DatabaseUnavailableError,
    FieldError,
    ForbiddenError,
    GraphError,
    NotFoundError,
    ProposalSent,
    ValidationError,
)
from netzwerk.graph.core.model import (
    ACTOR_KINDS,
    COOPERATION_KINDS,
    INTENSITIES,
    LABELS,
    LINK_TYPES,
    SCALE,
    SPONSORSHIPS,
    VOCABULARY_VALUES,
    Actor,
    Alliance,
    Link,
    LinkType,
    Node,
    Person,
    Project,
    Region,
    Stage,
    TargetGroup,
    Topic,
)
from netzwerk.graph.core.schema import apply as apply_schema
from netzwerk.graph.core.store import Store, connect, quiet_driver_retries
from netzwerk.graph.core.values import Page
from netzwerk.graph.operations import (
    create_link,
    create_record,
    delete_link,
    delete_record,
    merge_actors,
    undo,
    update_link,
    update_record,
)
from netzwerk.graph.records.links import get_link, links_of, list_links
from netzwerk.graph.records.nodes import get, get_many, list_nodes
from netzwerk.graph.records.trash import Deleted

__all__ = [
    "ACTOR_KINDS",
    "COOPERATION_KINDS",
    "INTENSITIES",
    "LABELS",
    "LINK_TYPES",
    "SCALE",
    "SPONSORSHIPS",
    "VOCABULARY_VALUES",
    "Actor",
    "Alliance",
    "ConflictError",
    "Counts",
    "DatabaseAuthError",
    "DatabaseUnavailableError",
    "Deleted",
    "FieldError",
    "ForbiddenError",
    "GraphError",
    "Link",
    "LinkType",
    "LoadResult",
    "Node",
    "NotFoundError",
    "Page",
    "Person",
    "Project",
    "ProposalSent",
    "Region",
    "ServerInfo",
    "Stage",
    "Store",
    "TargetGroup",
    "Topic",
    "ValidationError",
    "apply_schema",
    "connect",
    "counts",
    "create_link",
    "create_record",
    "delete_link",
    "delete_record",
    "get",
    "get_link",
    "get_many",
    "is_empty",
    "links_of",
    "list_links",
    "list_nodes",
    "merge_actors",
    "merge_links",
    "merge_nodes",
    "quiet_driver_retries",
    "server_info",
    "undo",
    "update_link",
    "update_record",
    "wipe",
]
