"""Repair the admin history entries of records saved before the history named the changes.

The record form logged ``[{"changed": {}}]``, which Django's history page cannot show (it
expects the changed field names: ``KeyError: 'fields'``, a 500). Those entries did not record
what changed, so they now say that the record changed, in the viewer's language.
"""

import json

from django.db import migrations

UNKNOWN_CHANGE = "record"  # a msgid: the history page shows it translated


def repair_change_messages(apps, schema_editor):
    log_entry_model = apps.get_model("admin", "LogEntry")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    record_type = content_type_model.objects.filter(app_label="catalog", model="record").first()
    if record_type is None:
        return
    entries = log_entry_model.objects.filter(
        content_type=record_type, change_message__contains="changed"
    )
    for entry in entries.only("id", "change_message"):
        try:
            message = json.loads(entry.change_message)
        except ValueError:
            continue
        if not isinstance(message, list):
            continue
        broken = [
            part
            for part in message
            if isinstance(part, dict)
            and isinstance(part.get("changed"), dict)
            and "fields" not in part["changed"]
        ]
        if broken:
            for part in broken:
                part["changed"]["fields"] = [UNKNOWN_CHANGE]
            entry.change_message = json.dumps(message)
            entry.save(update_fields=["change_message"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_sanitise_rich_texts"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(repair_change_messages, migrations.RunPython.noop, elidable=True),
    ]
