"""The gazetteer and the demo entries of every shipped catalog, loaded once for a test class."""

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import transaction

from kozkincs.catalog.demo import DemoReport, load_demo


@contextmanager
def demo_database(django_db_blocker) -> Iterator[DemoReport]:
    """Import the gazetteer and load the demo inside an outer transaction, rolled back after
    the ``with`` block; each test of the class runs in a savepoint of it (pytest-django's
    ``db``), so tests cannot see each other's changes."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("import_gazetteer", stdout=StringIO())
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
