"""The ``N_`` marker for German sentences the pages translate, below every package.

It lives at the top of the package so that modules the graph package itself imports (the
connection settings) can mark their sentences too; ``netzwerk.graph.core.i18n`` is where the
graph layer takes it from.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Return ``text`` unchanged; marks it for extraction into the catalogue."""
    return text
