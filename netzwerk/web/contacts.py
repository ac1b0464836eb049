"""Kontaktlisten, Import, Datenschutz (issue 7)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("contacts", __name__)
