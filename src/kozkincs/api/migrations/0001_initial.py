"""The stored public JSON of the records, filled for every published record."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    # The representation is the API's current one (fields, relations, photos, JSON-LD), so the
    # current code renders it; a later change of that code is brought in by
    # ``kozkincs check_index --repair``.
    from kozkincs.api.stored_records import representations_write
    from kozkincs.catalog.selectors import record_public_ids

    representations_write(record_ids=record_public_ids())


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalog", "0003_record_history_change_messages"),
        ("gazetteer", "0002_county_seat_capital_district_name_folded"),
        ("media", "0001_initial"),
        ("strategy", "0002_the_five_priorities"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordRepresentation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                ("body", models.TextField(verbose_name="JSON")),
                (
                    "etag",
                    models.CharField(
                        help_text="A digest of the JSON, sent as the answer's ETag.",
                        max_length=32,
                        verbose_name="entity tag",
                    ),
                ),
                (
                    "record",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.record",
                        verbose_name="record",
                    ),
                ),
            ],
            options={
                "verbose_name": "stored record representation",
                "verbose_name_plural": "stored record representations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("record", "language"), name="unique_record_representation"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
