"""The full-text part of the index, which differs per database (see search/fulltext.py)."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_fulltext USING fts5("
    "name, summary, description, attributes, tokenize='ascii', prefix='2 3')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_fulltext"
POSTGRESQL_CREATE = [
    "ALTER TABLE search_searchdocument ADD COLUMN document tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_doc_fulltext ON search_searchdocument USING gin (document)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_doc_fulltext",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS document",
]


def statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRESQL_CREATE if create else POSTGRESQL_DROP
    if vendor == "sqlite":
        return [SQLITE_CREATE if create else SQLITE_DROP]
    raise NotImplementedError(f"the search index does not support the {vendor} database")


def create_fulltext(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)
    apps.get_model("search", "SearchState").objects.update_or_create(pk=1, defaults={"version": 0})


def drop_fulltext(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_fulltext, drop_fulltext)]
