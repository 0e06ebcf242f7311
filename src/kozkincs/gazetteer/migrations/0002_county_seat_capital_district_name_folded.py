import unicodedata

import django.db.models.deletion
from django.db import migrations, models


def fold_name(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def fill_name_folded(apps, schema_editor):
    Settlement = apps.get_model("gazetteer", "Settlement")
    settlements = list(Settlement.objects.only("id", "name"))
    for settlement in settlements:
        settlement.name_folded = fold_name(settlement.name)
    Settlement.objects.bulk_update(settlements, ["name_folded"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("gazetteer", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="county",
            name="seat",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="gazetteer.settlement",
                verbose_name="seat",
            ),
        ),
        migrations.AddField(
            model_name="settlement",
            name="name_folded",
            field=models.CharField(
                db_index=True, default="", max_length=100, verbose_name="name without accents"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_folded, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="settlement",
            name="status",
            field=models.CharField(
                choices=[
                    ("főváros", "capital"),
                    ("fővárosi kerület", "district of the capital"),
                    ("megyei jogú város", "city with county rights"),
                    ("város", "town"),
                    ("nagyközség", "large village"),
                    ("község", "village"),
                ],
                max_length=30,
                verbose_name="legal status",
            ),
        ),
    ]
