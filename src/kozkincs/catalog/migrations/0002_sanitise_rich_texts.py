"""Sanitise the long texts stored before they were sanitised on save.

The descriptions become HTML of the rich-text allowlist (plain text is escaped and split into
paragraphs), the summaries plain text, and the values of every catalog field whose type is a
rich text are cleaned again by that type. Running it twice changes nothing.

It uses the project's own cleaning functions (``text_column_clean``, the field types), so the
stored texts are exactly what a save through the services stores today.
"""

from django.core.exceptions import ValidationError
from django.db import migrations

BATCH = 500


def _clean_values(record, definition) -> bool:
    from kozkincs.catalog.fields import field_type

    changed = False
    for fdef in definition.fields if definition else []:
        kind = field_type(fdef.type)
        if not kind.rich_text or fdef.key not in (record.values or {}):
            continue
        try:
            cleaned = kind.clean(record.values[fdef.key], field=fdef, catalog=definition)
        except ValidationError:
            continue  # e.g. now over its max_length: left as it is, already sanitised on save
        if cleaned != record.values[fdef.key]:
            record.values = {**record.values, fdef.key: cleaned}
            changed = True
    return changed


def sanitise_stored_texts(apps, schema_editor):
    from kozkincs.catalog.record_data import (
        PLAIN_TEXT_COLUMNS,
        RICH_TEXT_COLUMNS,
        text_column_clean,
    )
    from kozkincs.catalog.registry import catalog_get

    record_model = apps.get_model("catalog", "Record")
    columns = (*RICH_TEXT_COLUMNS, *PLAIN_TEXT_COLUMNS)
    ids = list(record_model.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        records = record_model.objects.filter(pk__in=ids[start : start + BATCH]).only(
            "id", "catalog", "values", *columns
        )
        changed = []
        for record in records:
            dirty = _clean_values(record, catalog_get(record.catalog))
            for column in columns:
                cleaned = text_column_clean(column, getattr(record, column))
                if cleaned != getattr(record, column):
                    setattr(record, column, cleaned)
                    dirty = True
            if dirty:
                changed.append(record)
        record_model.objects.bulk_update(changed, [*columns, "values"])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(sanitise_stored_texts, migrations.RunPython.noop, elidable=True),
    ]
