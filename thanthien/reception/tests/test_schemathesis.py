"""Property-based API check (schemathesis): no input makes the reception API or Open311 answer
with a server error, and JSON errors keep the project's shape. Marked ``api_fuzz``; a few
examples per operation keep it fast. (schemathesis' pytest plugin does not run under pytest 9,
so each operation's strategy is driven with hypothesis directly.)"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from thanthien.config.wsgi import application

pytestmark = [pytest.mark.api_fuzz, pytest.mark.django_db, pytest.mark.urls("thanthien.reception.tests.urls")]

FUZZ = settings(
    max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Like Django's test client: the WSGI app must not close the test's database connection
    at the end of each request (it would on PostgreSQL)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _operations(path: str, path_regex: str = ".*"):
    schema = schemathesis.openapi.from_wsgi(path, application).include(path_regex=path_regex)
    return [result.ok() for result in schema.get_all_operations()]


def _fuzz(operation) -> None:
    @given(case=operation.as_strategy())
    @FUZZ
    def run(case):
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error])
        content_type = response.headers.get("Content-Type", [""])
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        if response.status_code >= 400 and content_type.startswith("application/json"):
            assert "error" in response.json(), (operation.label, response.text)

    run()


def test_reception_api_has_no_server_error(commune_a, officer_a):
    operations = _operations("/api/v1/openapi.json", "^/api/v1/reception/")
    assert len(operations) >= 5
    for operation in operations:
        _fuzz(operation)


def test_open311_has_no_server_error(commune_a):
    operations = _operations("/open311/v2/openapi.json")
    assert {op.label.split(" ")[0] for op in operations} == {"GET", "POST"} and len(operations) == 5
    for operation in operations:
        _fuzz(operation)
