"""Schemathesis fuzzes every operation of the live service's OpenAPI schema (uvicorn on
127.0.0.1, SQLite and PostgreSQL) with data that fits the schema and data that does not, sent
with a till's token (an admin's for /v1/admin): not a single 5xx, and every answer conforms
to the schema (status codes, content types, bodies).

The operations are driven through `APIOperation.as_strategy` and Hypothesis directly:
schemathesis 4.32's own pytest loader (`from_fixture`) does not run under pytest 9.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok

if TYPE_CHECKING:
    from tests.sync.conftest import CentralServer

EXAMPLES = 40
"""Per operation and generation mode."""
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # 410 Gone is a documented answer to a well-formed cursor the feed no longer has.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "410", "429"]
            },
            # Unknown query parameters and headers are ignored, as HTTP services do; a request
            # that breaks a declared parameter or body is refused by FastAPI's validation.
            "negative_data_rejection": {"enabled": False},
        }
    }
)


def _fuzz(operation: Any, mode: GenerationMode, url: str, token: str) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(base_url=url, headers={"Authorization": f"Bearer {token}"})

    run()


def test_no_operation_answers_a_server_error(central_server: CentralServer) -> None:
    schema = schemathesis.openapi.from_url(
        f"{central_server.url}/openapi.json",
        config=CONFIG,
        headers={"Authorization": f"Bearer {central_server.till_token}"},
    )
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        operations += 1
        admin = operation.path.startswith("/v1/admin")
        token = central_server.admin_token if admin else central_server.till_token
        has_inputs = any(True for _ in operation.iter_parameters()) or bool(operation.body)
        modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if has_inputs else [])
        for mode in modes:
            try:
                _fuzz(operation, mode, central_server.url, token)
            except Exception as error:  # collect every operation's failure, then report all
                failures.append(f"{operation.label} ({mode.value}): {error}")

    assert operations >= 12
    assert not failures, "\n\n".join(failures)
