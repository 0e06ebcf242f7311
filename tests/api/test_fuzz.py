"""Schemathesis over every endpoint, in process against the WSGI application, with data present.

Checks that no request the OpenAPI document allows causes a server error and that every
answer matches the document. Bounded (``MAX_EXAMPLES`` per operation) to stay under a minute.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from kozkincs.api.tokens import api_token_create
from kozkincs.config.wsgi import application

MAX_EXAMPLES = 40


@contextmanager
def connection_kept_open():
    """What Django's test client does: a request must not close the test's connection (it
    holds the test transaction; closing it on PostgreSQL would lose the data)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.fuzz
@pytest.mark.django_db
def test_no_server_error_and_every_response_matches_the_schema(
    dataset, django_user_model, settings
):
    """The read operations and, with a moderator's token, the write operations."""
    settings.KOZKINCS_API_WRITE_RATE = "100000/min"
    moderator = django_user_model.objects.create_user("fuzz", password="x", is_staff=True)
    key = api_token_create(user=moderator, name="schemathesis", days=30)[1]
    with connection_kept_open():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 10
        for operation in operations:
            fuzz(operation, token=key)


def fuzz(operation, *, token: str) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # A real HTTP client decompresses gzip itself; schemathesis's WSGI client does not.
        case.call_and_validate(
            headers={"Accept-Encoding": "identity", "Authorization": f"Bearer {token}"},
            checks=[not_a_server_error, response_schema_conformance],
        )

    check()
