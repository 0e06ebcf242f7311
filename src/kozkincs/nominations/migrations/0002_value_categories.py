"""The nine categories of values set by the Hungarikum law (2012. évi XXX. törvény, 1. §)."""

from django.db import migrations

CATEGORIES = [
    ("agriculture-food", "agrár- és élelmiszergazdaság", "agriculture and food economy",
     "Land- und Lebensmittelwirtschaft", ""),
    ("health-lifestyle", "egészség és életmód", "health and lifestyle",
     "Gesundheit und Lebensweise", ""),
    ("built-environment", "épített környezet", "built environment", "Gebaute Umwelt",
     "built-values"),
    ("industry-technology", "ipari és műszaki megoldások", "industrial and technical solutions",
     "Industrielle und technische Lösungen", "built-values"),
    ("cultural-heritage", "kulturális örökség", "cultural heritage", "Kulturerbe", "traditions"),
    ("nationality", "nemzetiséghez kapcsolódó érték", "value of a national minority",
     "Wert einer Nationalität", "traditions"),
    ("sport", "sport", "sport", "Sport", ""),
    ("natural-environment", "természeti környezet", "natural environment", "Natürliche Umwelt",
     "natural-values"),
    ("tourism-hospitality", "turizmus és vendéglátás", "tourism and hospitality",
     "Tourismus und Gastgewerbe", ""),
]  # fmt: skip


def add(apps, schema_editor):
    ValueCategory = apps.get_model("nominations", "ValueCategory")
    for position, (key, hu, en, de, catalog) in enumerate(CATEGORIES, start=1):
        ValueCategory.objects.update_or_create(
            key=key,
            defaults={"name": hu, "name_en": en, "name_de": de, "position": position,
                      "catalog": catalog},
        )  # fmt: skip


def remove(apps, schema_editor):
    apps.get_model("nominations", "ValueCategory").objects.filter(
        key__in=[c[0] for c in CATEGORIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
