"""A no-op marker for German titles the graph layer hands to pages.

The graph layer knows nothing of Flask, so it cannot translate; it marks its titles with
:func:`N_` instead, ``make translations`` extracts them (``-k N_``), and the pages translate
the value with ``_(title)``. One place states each title: no second list in the web layer.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Return ``text`` unchanged; marks it for extraction into the catalogue."""
    return text


class Said(str):
    """A German sentence that keeps its ``N_`` template and values.

    It *is* the German text (``Said(N_("Zeile %(n)s"), n=3) == "Zeile 3"``), so lists,
    joins, the CLI and stored plans use it as any string; a page that meets one says it
    in the reader's language (``web/said.say``). For the messages the graph layer collects
    rather than raises: an import's warnings and readings, a field's reason.
    """

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, /, **params: object) -> Said:
        said = super().__new__(cls, template % params if params else template)
        said.template, said.params = template, params
        return said

    def __reduce__(self) -> tuple[object, ...]:
        # pickled with its template (a dry run's plan waits in the spool as a pickle)
        return (_said, (self.template, self.params))


def _said(template: str, params: dict[str, object]) -> Said:
    return Said(template, **params)
