"""Every API operation, fuzzed from its OpenAPI description (schemathesis): no input finds a server
error, and every JSON error answer has the one shape {code, message, errors} (issue 18).

In-process through the WSGI app, inside each test's transaction (writes roll back). One module
per role (tests/fuzz/test_*.py) so pytest-xdist spreads the roles over its workers. Examples per
operation are bounded (ANTQ_FUZZ_EXAMPLES, default 2) to keep the suite fast; raise it for a
longer hunt, e.g. ANTQ_FUZZ_EXAMPLES=50 pytest tests/fuzz -n 2."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from antq.accounts.models import User
from antq.accounts.services import token_create
from antq.core.actor import Actor
from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
EXAMPLES = int(os.environ.get("ANTQ_FUZZ_EXAMPLES", "2"))
CONFORMANCE = [status_code_conformance, content_type_conformance, response_schema_conformance]


def headers_for(role: str) -> dict[str, str]:
    if role == "anonymous":
        return {}
    _token, secret = token_create(actor=Actor.of(User.objects.get(username=role)), name="fuzz", days=1)
    return {"Authorization": f"Bearer {secret}"}


def check(case: Any, response: Any, role: str) -> None:
    """No server error; the answer is what the OpenAPI description says (status documented, body
    of the documented schema and content type); JSON errors in the one shape."""
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} as {role}: {response.status_code} {response.text[:500]}\n"
        f"query={case.query!r} body={getattr(case, 'body', None)!r}"
    )
    content_type = response.headers.get("Content-Type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    if response.status_code >= 400 and content_type.startswith("application/json"):
        body = response.json()
        assert isinstance(body, dict) and set(body) == {"code", "message", "errors"} and body["message"], (
            f"{case.method} {case.formatted_path} as {role}: {body}"
        )
    case.validate_response(response, checks=CONFORMANCE)


OPERATIONS = [result.ok() for result in schema.get_all_operations()]


def fuzz_test(role: str) -> Callable[..., None]:
    """The test function for one role (each module assigns it to a test_ name): one pytest item
    per operation, with its own id, so pytest-xdist can spread and report them."""

    @pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
    def test(operation: Any) -> None:
        headers = headers_for(role)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            check(case, case.call(headers=headers), role)

        run()

    return test
