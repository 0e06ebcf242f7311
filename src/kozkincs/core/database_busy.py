"""A clear "busy, try again" answer when the database stays locked beyond its timeout.

A long write (an import, a restore) can hold the database's write lock longer than a request
waits for it (``KOZKINCS_DATABASE_TIMEOUT``): SQLite then raises "database is locked",
PostgreSQL cancels the statement with ``lock_not_available`` (its ``lock_timeout``). The
transaction is rolled back, so nothing of the request was saved. Instead of a 500 the visitor
gets 503 with ``Retry-After`` and the page ``503.html`` in their language; under ``/api/v1/``
the API's error middleware turns it into JSON (``api/middleware.py``).

One mechanism for every view: :class:`DatabaseBusyMiddleware` answers the exception a view
raised, so no view or service needs its own ``try``.
"""

import logging

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

RETRY_AFTER_SECONDS = 10
# PostgreSQL's SQLSTATE for lock_timeout (and NOWAIT): "lock_not_available".
POSTGRESQL_LOCK_NOT_AVAILABLE = "55P03"
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked")

logger = logging.getLogger(__name__)


def is_database_busy(error: BaseException) -> bool:
    """Whether ``error`` says the database stayed locked beyond the timeout."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) == POSTGRESQL_LOCK_NOT_AVAILABLE:
        return True
    message = str(error).lower()
    return any(text in message for text in SQLITE_BUSY_MESSAGES)


class DatabaseBusyMiddleware:
    """Answer a view's "database is locked" with 503, ``Retry-After`` and a translated page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        logger.warning(
            "The database stayed locked: %s %s answered 503 (%s)",
            request.method,
            request.path,
            exception,
        )
        context = {"retry_after": RETRY_AFTER_SECONDS, "method": request.method}
        response = render(request, "503.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
