"""Where a form may send the user back to: :func:`safe_target`, the one open-redirect guard.

A ``next`` parameter comes from the request, so anyone can write a link that logs a user in
(or saves a record) and then sends them to another site that looks like this one. Only a
path on this site is followed; anything else goes to the view's own fallback.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_target(target: str | None, fallback: str) -> str:
    """``target`` if it is a same-site path (``/akteure/…``), else ``fallback``.

    Browsers read ``/\\host`` as ``//host`` and drop tabs and newlines before resolving,
    so targets with a backslash or a control character are refused like ``//host`` and
    ``https://host``; a malformed URL (an unclosed ``[``) is never safe either.
    """
    if not target:
        return fallback
    try:
        parts = urlsplit(target)
    except ValueError:
        return fallback
    if any(c == "\\" or ord(c) < 0x20 or c == "\x7f" for c in target):
        return fallback
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target
