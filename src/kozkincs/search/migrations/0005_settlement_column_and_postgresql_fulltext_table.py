"""Settlement names become searchable (a full-text column of their own, ranked after the name),
and PostgreSQL keeps its tokens in a narrow table ``search_fulltext`` like SQLite's FTS5 table:
a ``document`` tsvector of every column and a ``names`` tsvector of the name and settlement
columns, each with a GIN index, and a function ``search_fulltext_ids`` that reads the ids of
the hits through those indexes.

The full-text tables are created empty and the search documents are removed with them, so
``kozkincs check_index --repair`` (which ``prepare_portal`` runs at every start) indexes every
public record again. The data version moves on as "everything changed".
"""

import secrets

from django.db import migrations, models

SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS search_fulltext",
    "CREATE VIRTUAL TABLE search_fulltext USING fts5("
    "name, settlement, summary, description, attributes, tokenize='ascii', prefix='2 3')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fulltext",
    "CREATE VIRTUAL TABLE search_fulltext USING fts5("
    "name, summary, description, attributes, tokenize='ascii', prefix='2 3')",
]
POSTGRESQL_FORWARD = [
    "DROP INDEX IF EXISTS search_doc_fulltext",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS document",
    "CREATE TABLE search_fulltext ("
    "record_id bigint PRIMARY KEY, document tsvector NOT NULL, names tsvector NOT NULL)",
    "CREATE INDEX search_fulltext_document ON search_fulltext USING gin (document)",
    "CREATE INDEX search_fulltext_names ON search_fulltext USING gin (names)",
    # The ids matching a query in one column (at most max_rows of them; NULL: all), as one
    # text. A very common word makes the planner prefer reading the whole table, which costs
    # a decompressed tsvector per row; inside this function (only) it must use the GIN index.
    """CREATE FUNCTION search_fulltext_ids(query tsquery, in_column text, max_rows integer)
RETURNS text LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
DECLARE found text;
BEGIN
  IF in_column NOT IN ('document', 'names') THEN
    RAISE EXCEPTION 'unknown full-text column %', in_column;
  END IF;
  EXECUTE format(
    'SELECT string_agg(record_id::text, '','') FROM '
    '(SELECT record_id FROM search_fulltext WHERE %I @@ $1 LIMIT $2) AS hits',
    in_column
  ) INTO found USING query, max_rows;
  RETURN found;
END
$$""",
]
POSTGRESQL_BACKWARD = [
    "DROP FUNCTION IF EXISTS search_fulltext_ids(tsquery, text, integer)",
    "DROP TABLE IF EXISTS search_fulltext",
    "ALTER TABLE search_searchdocument ADD COLUMN document tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_doc_fulltext ON search_searchdocument USING gin (document)",
]


def _statements(vendor: str, forward: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRESQL_FORWARD if forward else POSTGRESQL_BACKWARD
    if vendor == "sqlite":
        return SQLITE_FORWARD if forward else SQLITE_BACKWARD
    raise NotImplementedError(f"the search index does not support the {vendor} database")


def _empty_the_index(apps) -> None:
    apps.get_model("search", "SearchDocument").objects.all().delete()
    state_model = apps.get_model("search", "SearchState")
    state, _created = state_model.objects.get_or_create(pk=1)
    previous = state.token
    state.version += 1
    state.token = secrets.randbits(62)
    state.save()
    apps.get_model("search", "SearchChange").objects.create(
        version=state.version, previous_token=previous, record_id=None
    )


def forward(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, forward=True):
        schema_editor.execute(sql, params=None)
    _empty_the_index(apps)


def backward(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, forward=False):
        schema_editor.execute(sql, params=None)
    _empty_the_index(apps)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_settlement_facet_by_ksh_code")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="approximate",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "The record has no coordinates of its own: lat and lon are its main "
                    "settlement's centre."
                ),
                verbose_name="approximate location",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
