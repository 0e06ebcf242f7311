"""Give every record already published when the OAI-PMH repository arrives its item, dated
by its last change (to the second)."""

from django.db import migrations

BATCH_SIZE = 1000


def create_items(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    OaiItem = apps.get_model("opendata", "OaiItem")
    rows = Record.objects.filter(status="published").order_by("pk")
    items = [
        OaiItem(record_id=pk, catalog=catalog, datestamp=updated.replace(microsecond=0))
        for pk, catalog, updated in rows.values_list("id", "catalog", "updated_at").iterator()
    ]
    OaiItem.objects.bulk_create(items, batch_size=BATCH_SIZE, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_initial"), ("catalog", "0001_initial")]

    operations = [migrations.RunPython(create_items, migrations.RunPython.noop)]
