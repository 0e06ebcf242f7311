"""The in-process benchmarks of issue 9 (network, meetings, dashboard, roundtable): their own
database, Django set up in this process, pages asked through Django's test client.

``prepare_database`` is what each of them does before generating: refuse a database that is
not a benchmark's own, start from an empty one (``benchmarks.database.BenchDatabase``: the
SQLite files removed, a PostgreSQL database dropped and created again), set Django up with the
response cache off and static files served without a manifest, and migrate.
"""

import os
from pathlib import Path

from benchmarks.database import BenchDatabase, BenchDatabaseError


def is_bench_database(url: str) -> bool:
    """Generating empties the database: only one whose name says it is a benchmark's."""
    return "bench" in url


def prepare_database(url: str, *, keep: bool = False) -> None:
    """Set Django up on ``url`` (a benchmark's own database) and migrate it; unless ``keep``,
    empty the database first."""
    if not is_bench_database(url):
        raise SystemExit("Use a benchmark's own database (its name contains 'bench').")
    directory = Path(url.removeprefix("sqlite:///")).parent
    try:
        database = BenchDatabase(url=url, directory=directory)
    except BenchDatabaseError as error:
        raise SystemExit(str(error)) from None
    if database.vendor == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
    if not keep:
        database.recreate()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozkincs.config.settings")
    os.environ.setdefault("KOZKINCS_RESPONSE_CACHE", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    # Pages render without collected static files (no manifest), as in the tests.
    override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    ).enable()  # fmt: skip
    call_command("migrate", verbosity=0)


def import_gazetteer() -> None:
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("import_gazetteer", verbosity=0, stdout=quiet)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
