"""Schemathesis over the OpenAPI schema of the JSON API: odd input gets a 4xx, never a 5xx.

Bounded: a few examples per operation (positive and negative data: huge ids, NUL and
control characters, wrong types, over-long values), against the ASGI app in-process,
authenticated as the station head of the site fixture."""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

EXAMPLES = 25


@pytest.mark.slow
def test_no_server_error_on_any_generated_request(site) -> None:
    from broadcast.api.app import create_app

    app = create_app()
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {site['tokens']['truongdai']}"}
    errors: list[str] = []
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15  # the whole API, not an empty schema

    for operation, mode in itertools.product(operations, schemathesis.GenerationMode):
        if operation.method.upper() == "POST" and operation.path.endswith("/renders"):
            continue  # starts background renders; covered by tests of its own

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case) -> None:
            nonlocal calls
            calls += 1
            response = case.call(headers=headers)
            if response.status_code >= 500:
                errors.append(
                    f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200} -> "
                    f"{response.status_code} {response.text[:200]}"
                )

        try:
            run()
        except Unsatisfiable:
            assert mode == schemathesis.GenerationMode.NEGATIVE  # nothing to get wrong (no parameters)
    print(f"schemathesis: {len(operations)} operations, {calls} requests, {len(errors)} server errors")
    assert calls >= len(operations) * 2 * 5
    assert not errors, "\n".join(errors[:20])
