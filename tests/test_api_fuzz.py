"""The OpenAPI schema fuzzed (schemathesis strategies, run by hypothesis over ASGI): no query, path or body
makes the API answer 500 or show a stack trace.

Bounded: a few examples per operation, so the whole run stays within seconds. Each
operation gets its own hypothesis run (schemathesis's pytest plugin is not used: it does
not run under this pytest).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES = 12


@pytest.mark.slow
def test_no_operation_answers_a_server_error(web_app: Any) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15  # every endpoint of the API is in the schema

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def no_server_error(case: Any) -> None:
            response = case.call(headers={"authorization": "Bearer wrong-token"})
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
            assert "Traceback" not in response.text

        no_server_error()
