"""The one way a view answers with a file to save: :func:`attachment`.

A file name may hold any letter (a survey titled "Łódź 中文 Umfrage", an alliance with an
umlaut). HTTP headers are Latin-1, and a WSGI server such as waitress refuses a header it
cannot encode, so a name written into ``Content-Disposition`` by hand turns into a 500.
Flask's ``send_file(download_name=…)`` writes an ASCII ``filename`` and, when the name needs
more, the RFC 5987 ``filename*=UTF-8''…`` form every browser reads; it also quotes what
would break the header.

The body is always UTF-8 when it is text: werkzeug adds ``charset=utf-8`` to a ``text/…``
type itself, so a type given with its charset is reduced to the bare type first (otherwise
the header said ``charset=utf-8; charset=utf-8``).

References
----------
.. [1] RFC 6266, Use of the Content-Disposition Header Field in HTTP, section 4.3.
.. [2] RFC 5987, Character Set and Language Encoding for HTTP Header Field Parameters.
"""

from __future__ import annotations

import io

from flask import Response, send_file


def attachment(
    body: bytes | str, name: str, mimetype: str, *, headers: dict[str, str] | None = None
) -> Response:
    """``body`` as an attachment called ``name``, never kept in a shared cache.

    Exports hold personal data or a state of the network that is stale the next minute,
    so the answer is ``Cache-Control: private, no-store``; ``headers`` adds others (a
    Content-Security-Policy for a file that could run script when opened from here).
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    resp = send_file(
        io.BytesIO(data),
        mimetype=mimetype.split(";", 1)[0].strip(),
        as_attachment=True,
        download_name=name,
        conditional=False,
        etag=False,
    )
    resp.headers["Cache-Control"] = "private, no-store"
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp
