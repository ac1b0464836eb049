"""A no-op marker for German titles the graph layer hands to pages.

The graph layer knows nothing of Flask, so it cannot translate; it marks its titles with
:func:`N_` instead, ``make translations`` extracts them (``-k N_``), and the pages translate
the value with ``_(title)``. One place states each title: no second list in the web layer.
"""

from __future__ import annotations

from collections.abc import Iterable

from netzwerk.marks import N_ as N_


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


class Listed(str):
    """Words joined into one value of a sentence: vocabulary values or choice labels, each
    said in the reader's language (``web/said``), the last one after ``last`` ("oder").

    It *is* the German text (``Listed(["Schule", "Kita"]) == "Schule, Kita"``), like
    :class:`Said`, so the German sentence stays as it was; an item may itself be a
    :class:`Said` ("1 (lose)").
    """

    items: tuple[str, ...]
    last: str
    sep: str

    def __new__(cls, items: Iterable[str], /, last: str = "", sep: str = ", ") -> Listed:
        words = tuple(items)
        text = sep.join(words)
        if last and len(words) > 1:
            text = f"{sep.join(words[:-1])} {last} {words[-1]}"
        listed = super().__new__(cls, text)
        listed.items, listed.last, listed.sep = words, last, sep
        return listed

    def __reduce__(self) -> tuple[object, ...]:
        return (Listed, (self.items, self.last, self.sep))
