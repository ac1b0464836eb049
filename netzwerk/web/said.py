"""The graph layer's error messages in the reader's language.

The graph layer cannot translate (it knows nothing of Flask); its errors keep their German
template (marked ``N_``) and values (:meth:`GraphError.said`, :meth:`FieldError.said`), and
these functions say them through the catalogue. German pages get exactly ``str(err)``; an
error without a template (text from a library, a message composed elsewhere) stays German.
"""

from __future__ import annotations

from flask_babel import gettext as _

from netzwerk.graph.core.errors import FieldError, GraphError, ValidationError
from netzwerk.graph.core.i18n import Listed, Said

TRANSLATED = frozenset({"kind", "label", "reason"})
"""Values that are German titles or reasons the catalogue holds (a record kind, a field's label):
translated with the sentence. Every other value (a name, a number, an id) is kept."""


def _value(key: str, value: object) -> object:
    if isinstance(value, Said):
        return say(value)
    if isinstance(value, Listed):
        return _listed(value)
    return _(value) if key in TRANSLATED and isinstance(value, str) and value else value


def _word(word: str) -> str:
    if isinstance(word, Listed):
        return _listed(word)
    if isinstance(word, Said):
        return str(say(word))
    return str(_(word)) if word else word


def _listed(value: Listed) -> str:
    """Each word of a list in the reader's language (a word the catalogue lacks, such as a
    number or a value an office added, as it is), joined as the German was."""
    words = [_word(w) for w in value.items]
    if value.last and len(words) > 1:
        return f"{value.sep.join(words[:-1])} {_(value.last)} {words[-1]}"
    return value.sep.join(words)


def _values(params: dict[str, object]) -> dict[str, object]:
    return {k: _value(k, v) for k, v in params.items()}


def say(value: object) -> object:
    """A :class:`Said` sentence in the reader's language (its values too, where they are
    sentences or titles); anything else as it is. The pages' ``say`` filter."""
    if isinstance(value, Said):
        return str(_(value.template, **_values(value.params)))
    return value


def field_said(err: FieldError) -> str:
    """The message at one field in the reader's language."""
    if err.template:
        return str(_(err.template, **_values(dict(err.params))))
    return str(_(err.message)) if err.message else ""


def said_by_field(err: ValidationError) -> dict[str, list[str]]:
    """Like :meth:`ValidationError.by_field`, each message in the reader's language."""
    out: dict[str, list[str]] = {}
    for e in err.errors:
        out.setdefault(e.field, []).append(field_said(e))
    return out


def said(err: GraphError) -> str:
    """An error's sentence in the reader's language where the graph kept its template
    (names of kinds translated too), else its German text."""
    if isinstance(err, ValidationError):
        return (
            str(_("Bitte Eingaben prüfen"))
            + " – "
            + "; ".join(f"{e.field}: {field_said(e)}" for e in err.errors)
        )
    if not err.message:
        return str(err)
    return str(_(err.message, **_values(err.params)))
