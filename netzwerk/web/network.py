"""Netzwerkbilder mit pyvis/vis-network (issue 5)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("network", __name__)
