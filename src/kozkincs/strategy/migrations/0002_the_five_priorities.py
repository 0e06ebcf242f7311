"""The five priorities of the micro-region's 2010 cultural strategy (see guides/domain.md)."""

from django.db import migrations

PRIORITIES = [
    {
        "number": 1,
        "name": "Kulturális közösségfejlesztés",
        "name_en": "Cultural community development",
        "name_de": "Kulturelle Gemeinschaftsentwicklung",
        "description": "A helyi közösségek megerősítése a kultúra eszközeivel.",
        "description_en": "Strengthening local communities through culture.",
        "description_de": "Stärkung der örtlichen Gemeinschaften mit den Mitteln der Kultur.",
    },
    {
        "number": 2,
        "name": "Kulturális örökség védelme",
        "name_en": "Protecting the cultural heritage",
        "name_de": "Schutz des kulturellen Erbes",
        "description": "A térség tárgyi és szellemi örökségének védelme.",
        "description_en": "Protecting the tangible and intangible heritage of the region.",
        "description_de": "Schutz des materiellen und immateriellen Erbes der Region.",
    },
    {
        "number": 3,
        "name": "Közművelődési és kulturális terek létrehozása, fejlesztése",
        "name_en": "Creating and developing community-culture spaces",
        "name_de": "Schaffung und Entwicklung von Räumen für Kultur und Bildung",
        "description": "Közösségi, közművelődési és kulturális terek kialakítása és fejlesztése.",
        "description_en": "Creating and improving spaces for community culture and the arts.",
        "description_de": "Schaffung und Verbesserung von Räumen für Gemeinschaftskultur.",
    },
    {
        "number": 4,
        "name": "Egész életen át tartó tanulás segítése egyenlő eséllyel",
        "name_en": "Lifelong learning with equal opportunity",
        "name_de": "Lebenslanges Lernen mit Chancengleichheit",
        "description": "Az egész életen át tartó tanulás támogatása, mindenki számára elérhetően.",
        "description_en": "Supporting lifelong learning, open to everyone on equal terms.",
        "description_de": "Förderung des lebenslangen Lernens, offen für alle.",
    },
    {
        "number": 5,
        "name": "Kultúra és turizmusfejlesztés kapcsolata",
        "name_en": "Linking culture and tourism development",
        "name_de": "Verbindung von Kultur und Tourismusentwicklung",
        "description": "A kulturális értékek bekapcsolása a térség turizmusának fejlesztésébe.",
        "description_en": "Bringing the region's cultural values into its tourism development.",
        "description_de": "Einbindung der kulturellen Werte in die Tourismusentwicklung.",
    },
]


def add_priorities(apps, schema_editor):
    StrategyPriority = apps.get_model("strategy", "StrategyPriority")
    for values in PRIORITIES:
        StrategyPriority.objects.update_or_create(number=values["number"], defaults=values)


def remove_priorities(apps, schema_editor):
    StrategyPriority = apps.get_model("strategy", "StrategyPriority")
    StrategyPriority.objects.filter(number__in=[p["number"] for p in PRIORITIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_priorities, remove_priorities),
    ]
