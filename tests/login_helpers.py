"""The app as an office configures its login (directory, login service, second-factor policy)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netzwerk import graph
from netzwerk.graph.admin.login_settings import LoginSettings


def app_with_login(store: graph.Store, spool: Path, settings: LoginSettings) -> Any:
    from netzwerk.web import create_app

    return create_app(
        {
            "TESTING": True,
            "STORE": store,
            "SECRET_KEY": "test",
            "SPOOL_DIR": spool,
            "NETZWERK_LOGIN": settings,
        }
    )
