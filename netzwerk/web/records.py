"""Akteure, Personen, Bündnisse, Projekte: Listen, Detailseiten, Formulare, Verknüpfungen, Verlauf (issue 4)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("records", __name__)
