"""Verwaltung: Benutzerkonten, Vokabulare, Änderungsverlauf (issue 4)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__)
