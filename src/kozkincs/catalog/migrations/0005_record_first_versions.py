"""Give every record that existed before the history began one version ("history started"),
so its history page has a starting point to compare and revert to."""

from django.db import migrations
from django.utils import timezone

BATCH_SIZE = 1000


def _many(model, column, ids):
    found = {}
    rows = model.objects.filter(record_id__in=ids).order_by(column).values_list("record_id", column)
    for record_id, value in rows:
        found.setdefault(record_id, []).append(value)
    return found


def first_versions(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    Version = apps.get_model("catalog", "HistoricalRecord")
    Relation = apps.get_model("catalog", "RecordRelation")
    fields = [f.attname for f in Record._meta.concrete_fields]
    now = timezone.now()
    ids = list(
        Record.objects.exclude(pk__in=Version.objects.values("id")).values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        settlements = _many(Record.settlements.through, "settlement_id", batch)
        priorities = _many(Record.priorities.through, "strategypriority_id", batch)
        relations = {}
        for source, key, target in (
            Relation.objects.filter(source_id__in=batch)
            .order_by("source_id", "field_key", "position", "id")
            .values_list("source_id", "field_key", "target_id")
        ):
            relations.setdefault(source, {}).setdefault(key, []).append(target)
        Version.objects.bulk_create(
            Version(
                history_date=now, history_type="+", history_change_reason="history started",
                settlement_ids=settlements.get(record.pk, []),
                priority_ids=priorities.get(record.pk, []),
                relations=relations.get(record.pk, {}),
                **{name: getattr(record, name) for name in fields},
            )
            for record in Record.objects.filter(pk__in=batch)
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_historicalrecord")]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
