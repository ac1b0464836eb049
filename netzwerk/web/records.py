"""Records in the browser: lists, detail pages, forms, links and history (issue 4)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("records", __name__)
