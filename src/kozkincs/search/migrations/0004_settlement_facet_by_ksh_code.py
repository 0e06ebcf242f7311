"""Settlement facet values become KSH codes (the identifier the ``settlement`` filter takes).

The ``settlement=<database id>`` lines of every search document are rewritten in place, so no
rebuild is needed, and a new data version (logged as "everything changed") makes every process
reload its in-memory index and every cached answer miss.
"""

import secrets

from django.db import migrations, models

CHUNK = 5000


def _rewritten(lines: str, mapping: dict) -> str:
    rows = set()
    for line in filter(None, lines.split("\n")):
        name, _, value = line.partition("=")
        if name == "settlement":
            value = mapping.get(value)
            if value is None:
                continue
        rows.add((name, value))
    return "\n".join(f"{name}={value}" for name, value in sorted(rows))


def _rewrite(apps, mapping: dict) -> None:
    SearchDocument = apps.get_model("search", "SearchDocument")
    documents = SearchDocument.objects.only("record_id", "facet_lines").order_by("record_id")
    changed = []
    for document in documents.iterator(chunk_size=CHUNK):
        lines = _rewritten(document.facet_lines, mapping)
        if lines != document.facet_lines:
            document.facet_lines = lines
            changed.append(document)
        if len(changed) >= CHUNK:
            SearchDocument.objects.bulk_update(changed, ["facet_lines"])
            changed = []
    SearchDocument.objects.bulk_update(changed, ["facet_lines"])
    _new_version(apps)


def _new_version(apps) -> None:
    SearchState = apps.get_model("search", "SearchState")
    SearchChange = apps.get_model("search", "SearchChange")
    state = SearchState.objects.filter(pk=1).first()
    if state is None:
        return
    previous_token = state.token
    state.version += 1
    state.token = secrets.randbits(62)
    state.save()
    SearchChange.objects.create(
        version=state.version, previous_token=previous_token, record_id=None
    )


def settlement_ids_to_codes(apps, schema_editor):
    Settlement = apps.get_model("gazetteer", "Settlement")
    codes = {str(pk): code for pk, code in Settlement.objects.values_list("pk", "ksh_code")}
    _rewrite(apps, codes)


def settlement_codes_to_ids(apps, schema_editor):
    Settlement = apps.get_model("gazetteer", "Settlement")
    ids = {code: str(pk) for pk, code in Settlement.objects.values_list("pk", "ksh_code")}
    _rewrite(apps, ids)


class Migration(migrations.Migration):
    dependencies = [
        ("gazetteer", "0002_county_seat_capital_district_name_folded"),
        ("search", "0003_in_memory_facets"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="facet_lines",
            field=models.TextField(
                blank=True,
                help_text=(
                    "One name=value per line: catalog (key), settlement (the KSH code of every "
                    "settlement of the record), priority (strategy priority numbers) and the "
                    "catalog's facet fields (vocabulary keys, true/false, years): the values "
                    "the filters take."
                ),
                verbose_name="facet values",
            ),
        ),
        migrations.RunPython(settlement_ids_to_codes, settlement_codes_to_ids),
    ]
