"""Wrong credentials and an unreachable Neo4j give one clear German line each, in the CLI
and on the web's 503 page: no traceback, no English driver retry lines."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from typing import Any

import pytest

from netzwerk import graph, settings
from tests.conftest import PASSWORD, login

CLI = [sys.executable, "-c", "from netzwerk.cli import main; main()"]


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env}
    return subprocess.run(
        [*CLI, *args], env=full, capture_output=True, text=True, timeout=60, check=False
    )


def _wrong_password_env() -> dict[str, str]:
    # A user name of its own: Neo4j rate-limits failed logins per user, and the real user
    # must stay usable for the rest of the run.
    conn = settings.resolve()
    return {"NEO4J_URI": conn.uri, "NEO4J_USER": "netzwerk-falsch", "NEO4J_PASSWORD": "falsch-123"}


CASES = {
    "wrong password": (_wrong_password_env, ["NEO4J_USER", "NEO4J_PASSWORD", "lehnt"]),
    "unreachable": (lambda: {"NEO4J_URI": "bolt://127.0.0.1:9"}, ["NEO4J_URI", "nicht erreichbar"]),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", [["db", "status"], ["gaps", "report"], ["init"]])
def test_cli_says_one_german_line(case: str, command: list[str]) -> None:
    make_env, words = CASES[case]
    result = _cli(make_env(), *command)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Fehler: ")
    assert all(w in lines[0] for w in words), lines[0]
    assert "Traceback" not in result.stderr and "retried" not in result.stderr
    assert "falsch-123" not in result.stderr + result.stdout


@pytest.mark.parametrize("case", list(CASES))
def test_web_503_page_names_the_problem(
    case: str, app: Any, store: graph.Store, make_client: Any
) -> None:
    make_env, words = CASES[case]
    env = make_env()
    client = make_client("viewer")
    login(client, "viewer", PASSWORD)
    conn = dataclasses.replace(
        settings.resolve(),
        uri=env["NEO4J_URI"],
        user=env.get("NEO4J_USER", "neo4j"),
        password=env.get("NEO4J_PASSWORD", "x"),
        external=True,
    )
    bad = graph.connect(conn)
    app.config["STORE"] = bad
    app.extensions.pop("netzwerk_store", None)
    try:
        for _ in range(2):  # the second request fails fast (no retries), same message
            page = client.get("/akteure")
            assert page.status_code == 503
            text = page.get_data(as_text=True)
            assert all(w in text for w in words[:-1]), text[:2000]
            assert conn.uri not in text and "falsch-123" not in text
        health = client.get("/healthz")
        assert health.status_code == 503 and words[0] in health.json["message"]
    finally:
        bad.close()
