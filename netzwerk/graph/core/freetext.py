"""Free text from people outside the record forms (consent wording, survey answers): is it
acceptable, and in what cleaned form?

The record forms check their fields in :mod:`netzwerk.graph.core.validation`; consent records and
survey answers have their own fields and limits but the same rules: NFC-normalised and
stripped, no control characters (line breaks only where the field is multi-line), a length
limit — each problem a German message at the field, never a silent cut.
"""

from __future__ import annotations

import re
from typing import Any

from netzwerk.graph.core.errors import FieldError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.validation import clean_text

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def checked(
    errors: list[FieldError], name: str, raw: Any, limit: int, *, multiline: bool = False
) -> str:
    """``raw`` cleaned; problems are appended to ``errors`` (non-text counts as empty)."""
    text = clean_text(raw if isinstance(raw, str) else "", multiline=multiline)
    if len(text) > limit:
        errors.append(
            FieldError.said(name, N_("ist zu lang (höchstens %(limit)s Zeichen)"), limit=limit)
        )
        text = text[:limit]
    if (_CONTROL_MULTILINE if multiline else _CONTROL).search(text):
        errors.append(FieldError(name, N_("enthält unzulässige Steuerzeichen")))
        text = _CONTROL.sub(" ", text)
    return text
