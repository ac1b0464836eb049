"""A no-op marker for German titles the graph layer hands to pages.

The graph layer knows nothing of Flask, so it cannot translate; it marks its titles with
:func:`N_` instead, ``make translations`` extracts them (``-k N_``), and the pages translate
the value with ``_(title)``. One place states each title: no second list in the web layer.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Return ``text`` unchanged; marks it for extraction into the catalogue."""
    return text
