"""A Közkincs installation driven from the backup tests, each step in its own process.

``python -m tests.backups.installation seed|write|state`` with the installation's environment
(``KOZKINCS_VAR_DIR``, ``DATABASE_URL``, ``KOZKINCS_CATALOG_DIRS``): the tests run these and the
``kozkincs`` commands as separate processes against a real database file or server, as an
administrator and the portal would.

- ``seed``: migrate, then settlements, records (each pointing at the previous one), a draft
  and an uploaded file, all through the services.
- ``write STOP PROGRESS``: keep creating and publishing records through the catalog services
  until the file ``STOP`` exists; the number written so far is kept in the file ``PROGRESS``.
- ``state``: print what the database holds as JSON (counts, search results, the written
  records and their relations, the uploaded files).
"""

import hashlib
import json
import os
import sys
import time
from pathlib import Path

CATALOG = "backup-test"
WRITTEN_NAME = "Írás {number:05d}"
WRITE_LIMIT_SECONDS = 120


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozkincs.config.settings")
    import django

    django.setup()


def _create(name: str, *, previous, settlement, publish: bool = True):
    from kozkincs.catalog.services import record_create, record_publish

    values = {"previous": previous.pk} if previous is not None else {}
    record = record_create(
        catalog=CATALOG,
        data={
            "name": name,
            "summary": f"{name}: kápolna a faluban.",
            "settlement": settlement,
            "values": values,
        },
    )
    return record_publish(record=record) if publish else record


def seed() -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from kozkincs.gazetteer.models import County
    from kozkincs.gazetteer.services import settlement_create
    from tests.gazetteer.factories import ksh_code_for

    call_command("migrate", interactive=False, verbosity=0)
    county, _ = County.objects.get_or_create(code="20", defaults={"name": "Zala"})
    settlements = [
        settlement_create(
            ksh_code=ksh_code_for(8000 + number), name=name, county=county, lat=46.84, lon=16.84
        )
        for number, name in enumerate(["Mentésfalva", "Őrzőhegy", "Tárolószeg"])
    ]
    previous = None
    for number in range(8):
        previous = _create(
            f"Régi érték {number}", previous=previous, settlement=settlements[number % 3]
        )
    _create("Vázlat", previous=previous, settlement=settlements[0], publish=False)
    default_storage.save("photos/kapolna.jpg", ContentFile(b"\xff\xd8 not really a JPEG"))
    default_storage.save("documents/leiras.txt", ContentFile("Kápolna leírása.".encode()))


def write(stop: Path, progress: Path) -> None:
    from kozkincs.gazetteer.models import Settlement

    settlement = Settlement.objects.order_by("pk").first()
    previous, number = None, 0
    deadline = time.monotonic() + WRITE_LIMIT_SECONDS
    while not stop.exists() and time.monotonic() < deadline:
        number += 1
        previous = _create(
            WRITTEN_NAME.format(number=number), previous=previous, settlement=settlement
        )
        temporary = progress.with_suffix(".tmp")
        temporary.write_text(str(number), encoding="utf-8")
        temporary.replace(progress)


def state() -> dict:
    from django.conf import settings

    from kozkincs.catalog.models import Record, RecordRelation
    from kozkincs.gazetteer.models import Settlement
    from kozkincs.search.selectors import record_search

    written = Record.objects.filter(name__startswith="Írás ")
    media_root = Path(settings.MEDIA_ROOT)
    media = {
        str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }
    return {
        "counts": {
            "records": Record.objects.count(),
            "published_records": Record.objects.filter(status="published").count(),
            "relations": RecordRelation.objects.count(),
            "settlements": Settlement.objects.count(),
        },
        "search": {
            "all": record_search(query="", page_size=1).total,
            "kapolna": record_search(query="kápolna", page_size=1).total,
            "iras": record_search(query="írás", page_size=1).total,
        },
        "records": sorted(
            [record.name, record.status, record.version] for record in Record.objects.all()
        ),
        "written": {
            "names": sorted(written.values_list("name", flat=True)),
            "published": written.filter(status="published").count(),
            "links": sorted(
                [source, target]
                for source, target in RecordRelation.objects.filter(source__in=written).values_list(
                    "source__name", "target__name"
                )
            ),
        },
        "media": media,
    }


def main(arguments: list[str]) -> None:
    _setup()
    command = arguments[0]
    if command == "seed":
        seed()
    elif command == "write":
        write(Path(arguments[1]), Path(arguments[2]))
    elif command == "state":
        print(json.dumps(state(), ensure_ascii=False))

    else:
        raise SystemExit(f"unknown command: {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
