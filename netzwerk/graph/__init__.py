"""Store access and analysis for netzwerk; knows nothing of Flask.

Everything the web layer, the CLI and the tests may use is importable from here::

    from netzwerk import graph
    with graph.connect() as store:
        vhs = graph.Actor(name="Volkshochschule Trier", kind="VHS/Weiterbildung")
        vhs = graph.create(store, vhs)
"""

from netzwerk.graph.bulk import LoadResult, merge_links, merge_nodes, wipe
from netzwerk.graph.errors import (
    ConflictError,
    DatabaseUnavailableError,
    FieldError,
    GraphError,
    NotFoundError,
    ValidationError,
)
from netzwerk.graph.links import (
    create_link,
    delete_link,
    get_link,
    links_of,
    list_links,
    update_link,
)
from netzwerk.graph.model import (
    ACTOR_KINDS,
    COOPERATION_KINDS,
    INTENSITIES,
    LABELS,
    LINK_TYPES,
    SPONSORSHIPS,
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
from netzwerk.graph.nodes import (
    Deleted,
    Page,
    create,
    create_actor,
    create_alliance,
    create_person,
    create_project,
    delete,
    get,
    get_actor,
    get_alliance,
    get_many,
    get_person,
    get_project,
    list_nodes,
    restore,
    update,
)
from netzwerk.graph.schema import apply as apply_schema
from netzwerk.graph.stats import Counts, ServerInfo, counts, is_empty, server_info
from netzwerk.graph.store import Store, connect

__all__ = [
    "ACTOR_KINDS",
    "COOPERATION_KINDS",
    "INTENSITIES",
    "LABELS",
    "LINK_TYPES",
    "SPONSORSHIPS",
    "Actor",
    "Alliance",
    "ConflictError",
    "Counts",
    "DatabaseUnavailableError",
    "Deleted",
    "FieldError",
    "GraphError",
    "Link",
    "LinkType",
    "LoadResult",
    "Node",
    "NotFoundError",
    "Page",
    "Person",
    "Project",
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
    "create",
    "create_actor",
    "create_alliance",
    "create_link",
    "create_person",
    "create_project",
    "delete",
    "delete_link",
    "get",
    "get_actor",
    "get_alliance",
    "get_link",
    "get_many",
    "get_person",
    "get_project",
    "is_empty",
    "links_of",
    "list_links",
    "list_nodes",
    "merge_links",
    "merge_nodes",
    "restore",
    "server_info",
    "update",
    "update_link",
    "wipe",
]
