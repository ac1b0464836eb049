"""Records in the browser: lists, detail pages, forms, links, merge, undo and history.

All four record kinds (and the vocabularies under /verwaltung) share these views; what
differs per kind is declared in :mod:`netzwerk.web.kinds` and :mod:`netzwerk.web.forms`.
Every change goes through ``netzwerk.graph`` and is written to the history. Saves carry the
version that was read, so a colleague's change is never overwritten silently: the form comes
back with both values side by side.
"""

from netzwerk.web.records import detail, display, edit, links, lists, lookup
from netzwerk.web.records.blueprint import bp

__all__ = ["bp", "detail", "display", "edit", "links", "lists", "lookup"]
