"""schemathesis against the JSON API's own OpenAPI description (/api/v1/openapi.json).

Every documented operation gets generated requests (bounded: 20 examples each) with an
editor's bearer token, straight through the WSGI app; the check is that the API never
answers with a server error, whatever the generated path, query and body contain.

The operations are driven by hand (``as_strategy`` + hypothesis) rather than through
schemathesis' pytest plugin, which does not work with pytest 9 yet.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from netzwerk import graph
from netzwerk.graph.admin import users
from tests.conftest import PASSWORD

pytestmark = pytest.mark.slow
EXAMPLES = 20


def test_api_never_answers_with_a_server_error(
    app: Any, seeded: dict[str, str], store: graph.Store
) -> None:
    editor = users.create_user(store, "schema-editor", PASSWORD, role="editor")
    secret, _token = users.create_token(store, editor.id, "schemathesis")
    headers = {"Authorization": f"Bearer {secret}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    results = list(schema.get_all_operations())
    assert all(isinstance(r, Ok) for r in results), "the OpenAPI description does not load"
    operations = [r.ok() for r in results if isinstance(r, Ok)]
    assert len(operations) >= 15, "the OpenAPI description lost operations"
    failures: list[str] = []
    calls = 0

    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            nonlocal calls
            calls += 1
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        try:
            run()
        except Exception as exc:  # collect all operations' failures, then report
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:2000])
    print(f"schemathesis: {len(operations)} operations, {calls} generated requests")
    assert calls >= len(operations) * 5
    assert not failures, "\n\n".join(failures)
