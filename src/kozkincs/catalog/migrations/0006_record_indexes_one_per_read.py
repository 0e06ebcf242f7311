"""One index per kind of read of records, and none on the versions' columns that no read
filters by: the indexes Django adds for ``db_index`` (on PostgreSQL two per text column, one
of them for ``LIKE``) cost every insert and served no query. See ``Record.Meta.indexes``."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_record_first_versions"),
        ("gazetteer", "0003_historicalsettlement"),
        ("strategy", "0003_goals_measures_indicators"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalrecord",
            name="catalog",
            field=models.CharField(max_length=64, verbose_name="catalog"),
        ),
        migrations.AlterField(
            model_name="historicalrecord",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="created by",
            ),
        ),
        migrations.AlterField(
            model_name="historicalrecord",
            name="settlement",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="gazetteer.settlement",
                verbose_name="settlement",
            ),
        ),
        migrations.AlterField(
            model_name="historicalrecord",
            name="slug",
            field=models.SlugField(db_index=False, max_length=255, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="historicalrecord",
            name="status",
            field=models.CharField(
                choices=[("draft", "draft"), ("published", "published"), ("archived", "archived")],
                default="draft",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="historicalrecord",
            name="updated_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="updated by",
            ),
        ),
        migrations.AlterField(
            model_name="record",
            name="catalog",
            field=models.CharField(max_length=64, verbose_name="catalog"),
        ),
        migrations.AlterField(
            model_name="record",
            name="slug",
            field=models.SlugField(db_index=False, max_length=255, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="record",
            name="status",
            field=models.CharField(
                choices=[("draft", "draft"), ("published", "published"), ("archived", "archived")],
                default="draft",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddIndex(
            model_name="record",
            index=models.Index(fields=["status"], name="record_status"),
        ),
        migrations.AddIndex(
            model_name="record",
            index=models.Index(
                fields=["slug"], name="record_slug", opclasses=["varchar_pattern_ops"]
            ),
        ),
    ]
