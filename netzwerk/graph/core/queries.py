"""Load named Cypher from the ``cypher/`` folder shipped inside the package.

Queries are files so that they can be read, reviewed and profiled as Cypher, not as Python
strings. A name is the path below ``cypher/`` without the suffix, e.g. ``nodes/create``.
Some generic queries contain placeholders such as ``__LABEL__``; they are filled only from the
fixed whitelists in :mod:`netzwerk.graph.core.model`, never from user input, because labels and
relationship types cannot be Cypher parameters.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from netzwerk.graph.core import person_scope

_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")
_PLACEHOLDER = re.compile(r"__([A-Z]+)__")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\|[A-Za-z_][A-Za-z0-9_]*)*$")


@cache
def load(name: str) -> str:
    """Return the text of ``cypher/<name>.cypher``; raises KeyError for an unknown name."""
    if not _NAME.match(name):
        raise KeyError(f"invalid query name {name!r}")
    node = resources.files("netzwerk.cypher")
    for part in name.split("/")[:-1]:
        node = node.joinpath(part)
    node = node.joinpath(name.split("/")[-1] + ".cypher")
    if not node.is_file():
        raise KeyError(f"no query named {name!r}")
    return node.read_text(encoding="utf-8")


def render(name: str, **idents: str) -> str:
    """Fill ``__LABEL__``-style placeholders with whitelisted identifiers.

    Each value must look like a Cypher identifier (or ``A|B`` label disjunction); callers pass
    only constants from the model, and the check is a second line of defence. A query that,
    so filled, reads persons without the reader's organisation is refused
    (:mod:`netzwerk.graph.core.person_scope`).
    """
    text = load(name)
    for key, value in idents.items():
        if not _IDENT.match(value):
            raise ValueError(f"not an identifier: {value!r}")
        text = text.replace(f"__{key.upper()}__", value)
    left = _PLACEHOLDER.findall(text)
    if left:
        raise ValueError(f"query {name!r} still has placeholders {left}")
    person_scope.check(name, text)
    return text


def names() -> list[str]:
    """All query names, for tests that check every file parses and is documented."""
    out: list[str] = []

    def walk(node: resources.abc.Traversable, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir() and not child.name.startswith("__"):
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".cypher"):
                out.append(prefix + child.name.removesuffix(".cypher"))

    walk(resources.files("netzwerk.cypher"), "")
    return sorted(out)
