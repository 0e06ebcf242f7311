"""Insert many rows of one model through the database driver: ``COPY`` on PostgreSQL,
``executemany`` on SQLite.

For the bulk writes of an import (records' versions, their many-to-many rows and relations,
the search documents): Django's ``bulk_create`` builds a model instance per row and passes each
value through its SQL compiler, which at an import of 100,000 records is most of the write's
CPU time (figures in docs/explanation/performance.md). Here the caller gives tuples of
attribute values; each value is prepared for the database by its field
(``Field.get_db_prep_save``, as ``bulk_create`` does), except a value whose type the driver
stores exactly as the field would (text in a text column, an integer in an integer or
foreign-key column, a float in a float column, a boolean in a boolean column, ``None``).
Values are prepared a column at a time: a column whose values are all of such types (told
by the set of their types, computed without a Python call per value) is passed on as it is,
so only the columns that need it (JSON, timestamps) cost a call per value. On PostgreSQL a
JSON column's values are written as JSON text by msgspec, which the server parses into
``jsonb`` (Django's ``Jsonb`` wrapper would run ``json.dumps`` per value through psycopg).

Like ``bulk_create``, no signals are sent and ``save()`` is not called; unlike it, the new
primary keys are not returned, so this is for rows that nothing reads back by their own id.
Public APIs only: ``connection.cursor()`` (on PostgreSQL its psycopg cursor's ``copy``, which
Django's cursor passes through), the model ``_meta`` API, ``Field.get_db_prep_save``. On
PostgreSQL, COPY writes a 100,000-row import's records, versions, links and index documents
2.6 times faster than an INSERT per row (figures in docs/explanation/performance.md).
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import batched
from typing import Any

import msgspec
from django.db import connection
from django.db.models import Model

_json_encode = msgspec.json.encode
ROWS_PER_CALL = 2000
BULK_PAGE_CACHE_KIB = 16 * 1024
"""SQLite's page cache for a bulk write (:func:`bulk_page_cache`); its default is 2 MiB."""

_STORED_AS_GIVEN = {
    "CharField": (str,),
    "SlugField": (str,),
    "TextField": (str,),
    "BooleanField": (bool,),
    "FloatField": (float, int),
    "IntegerField": (int,),
    "BigIntegerField": (int,),
    "SmallIntegerField": (int,),
    "PositiveIntegerField": (int,),
    "PositiveSmallIntegerField": (int,),
    "PositiveBigIntegerField": (int,),
    "AutoField": (int,),
    "BigAutoField": (int,),
    "ForeignKey": (int,),
    "OneToOneField": (int,),
}
"""Per ``get_internal_type()``: the exact value types the driver stores as the field would."""


def _given_types(field) -> frozenset[type] | None:
    """The value types the driver stores exactly as ``field`` would (``None`` included), or
    ``None``: every value is prepared by the field."""
    given = _STORED_AS_GIVEN.get(field.get_internal_type())
    if given and field.get_internal_type() in ("ForeignKey", "OneToOneField"):
        # The value is the target's key: stored as given if that key is an integer column.
        target = field.target_field.get_internal_type()
        if target not in ("AutoField", "BigAutoField", "SmallAutoField", "IntegerField"):
            given = None
    return frozenset((*given, type(None))) if given else None


def _preparer(field) -> Callable[[Any], Any]:
    """The function preparing ``field``'s values. Besides the values stored as given, it
    prepares the same object once in a row (the timestamp shared by a whole batch) and an
    empty list or dict once."""
    prepare = field.get_db_prep_save
    if (
        connection.vendor == "postgresql"
        and field.get_internal_type() == "JSONField"
        and field.encoder is None
    ):
        # COPY gives the server each value as JSON text, which it parses into ``jsonb``:
        # the text msgspec writes instead of the psycopg wrapper Django prepares, whose
        # ``json.dumps`` per value cost about 4 % of an import's time.
        prepare = _json_text
    given = _given_types(field)
    if given:
        return lambda value: (
            value if type(value) in given else prepare(value, connection=connection)
        )
    last: list[Any] = [object(), None]  # the latest value and its prepared form
    empty: dict[type, Any] = {}

    def prepared(value: Any) -> Any:
        if value is last[0]:
            return last[1]
        if type(value) in (list, dict) and not value:
            if type(value) not in empty:
                empty[type(value)] = prepare(value, connection=connection)
            return empty[type(value)]
        last[0], last[1] = value, prepare(value, connection=connection)
        return last[1]

    return prepared


def _json_text(value: Any, **_how: Any) -> str | None:
    """A JSON field's value as the text ``jsonb`` reads; ``None`` stays SQL NULL (as Django
    stores it). Called as ``get_db_prep_save`` is (``connection=``), which it does not need."""
    return None if value is None else _json_encode(value).decode()


def _prepared_rows(
    batch: Sequence[Sequence[Any]],
    preparers: list[Callable[[Any], Any]],
    given: list[frozenset[type] | None],
) -> list[tuple]:
    """``batch`` with each value prepared for the database, a column at a time."""
    columns = list(zip(*batch, strict=True))
    if len(columns) != len(preparers):
        raise ValueError(f"rows of {len(columns)} values for {len(preparers)} columns")
    for index, column in enumerate(columns):
        types = given[index]
        if types is None or not types.issuperset(map(type, column)):
            columns[index] = tuple(map(preparers[index], column))
    return list(zip(*columns, strict=True))


def copy_rows(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL: write ``rows`` (values already prepared, in the order of ``columns``) into
    ``table`` with one COPY, which the server reads as one stream instead of executing an
    INSERT per row (the driver adapts each value as it would a parameter). Names are quoted
    by the caller."""
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def rows_insert(model: type[Model], attnames: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (tuples of values of the fields whose ``attname`` is in ``attnames``,
    in that order) into ``model``'s table; returns how many. Fields left out take their
    database default (an automatic primary key); a field with a Python-side default must be
    given."""
    fields_by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [fields_by_attname[name] for name in attnames]
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), [quote(field.column) for field in fields]
    preparers = [_preparer(field) for field in fields]
    given = [_given_types(field) for field in fields]
    batches = (_prepared_rows(batch, preparers, given) for batch in batched(rows, ROWS_PER_CALL))
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A COPY per batch, each batch prepared before its COPY starts: a value refused in
            # Python leaves the transaction usable, as with ``executemany``.
            for batch in batches:
                copy_rows(cursor, table, columns, batch)
                written += len(batch)
            return written
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        for batch in batches:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


@contextmanager
def bulk_page_cache(kib: int = BULK_PAGE_CACHE_KIB) -> Iterator[None]:
    """On SQLite, this connection's page cache is ``kib`` KiB while the block runs, then what
    it was (elsewhere nothing changes).

    A bulk write inserts into the records, their versions, links and index tables at once:
    with SQLite's default cache of 2 MiB their pages keep being dropped and read again, and
    dirty pages spilled to the log before the commit. 16 MiB took a 100,000-row import from
    30.6-31.7 s to about 29.5 s (its peak memory from 268 to 279 MB; 32 MiB gained 0.3 s more
    for 18 MB). A per-connection setting (``PRAGMA cache_size``), raised only here: a web
    worker's connections keep the default, and so their memory."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-kib:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous):d}")
