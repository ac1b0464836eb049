"""JSON-API unter /api/v1 (issue 4)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__)
