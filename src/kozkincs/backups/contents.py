"""What a database holds, read through a plain DB-API cursor inside the backup's snapshot.

The same queries run on the SQLite copy (``sqlite3``) and inside PostgreSQL's exported
snapshot (``psycopg``), so the manifest's counts describe exactly the data in the backup, not
the live database a moment later.
"""

from typing import Any

from kozkincs.backups.manifest import Counts
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.gazetteer.models import Settlement
from kozkincs.search.models import SearchDocument

MIGRATIONS_TABLE = "django_migrations"


def _table(model) -> str:
    return model._meta.db_table


def _count(cursor: Any, tables: set[str], table: str, condition: str = "") -> int:
    if table not in tables:
        return 0
    cursor.execute(f'SELECT COUNT(*) FROM "{table}"{condition}')
    return int(cursor.fetchone()[0])


def counts_read(cursor: Any, tables: set[str]) -> Counts:
    """Counts of records, relations, settlements and search documents; a table that does not
    exist (a database from before the app existed) counts as empty."""
    record_table = _table(Record)
    published = f" WHERE status = '{Record.Status.PUBLISHED.value}'"
    return Counts(
        records=_count(cursor, tables, record_table),
        published_records=_count(cursor, tables, record_table, published),
        relations=_count(cursor, tables, _table(RecordRelation)),
        settlements=_count(cursor, tables, _table(Settlement)),
        indexed_records=_count(cursor, tables, _table(SearchDocument)),
    )


def catalogs_read(cursor: Any, tables: set[str]) -> dict[str, int]:
    """``{catalog key: number of records}``: a restore needs every one of these defined."""
    if _table(Record) not in tables:
        return {}
    cursor.execute(f'SELECT catalog, COUNT(*) FROM "{_table(Record)}" GROUP BY catalog')
    return {catalog: int(count) for catalog, count in sorted(cursor.fetchall())}


def migrations_read(cursor: Any, tables: set[str]) -> dict[str, list[str]]:
    """``{app: [applied migration names, sorted]}``."""
    if MIGRATIONS_TABLE not in tables:
        return {}
    cursor.execute(f'SELECT app, name FROM "{MIGRATIONS_TABLE}" ORDER BY app, name')
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied
