"""Kooperationslücken: Analysen, Bericht (issue 6)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("gaps", __name__)
