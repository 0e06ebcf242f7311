"""Build (or reuse) the benchmark database: ``python -m benchmarks.generate``.

Run it with ``DATABASE_URL`` and ``KOZKINCS_VAR_DIR`` pointing at the benchmark directory
(``benchmarks.run`` does so), never at the portal's own data. Steps: migrate, import the 3,178
settlements (``kozkincs import_gazetteer``), create the records with ``record_bulk_create``,
rebuild the search index (``kozkincs rebuild_search_index``, timed), collect static files,
count plain matches for the stemming probe, write the request paths of every case and
``bench.json``.

A database built for the same record count, seed and code (the fingerprint of the catalog,
gazetteer and generator code; the search code separately) is reused; when only the search
code changed, only the index is rebuilt.
"""

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGE = REPOSITORY / "src" / "kozkincs"
# The code that decides what the generated rows contain: models, migrations, the write path
# and the catalog definitions. Admin, forms, selectors and templates are left out on purpose:
# changing them must not cost a ten-minute regeneration.
DATA_SOURCES = (
    "catalog/models.py", "catalog/migrations/*.py", "catalog/services.py",
    "catalog/record_data.py", "catalog/record_values.py", "catalog/fields/*.py",
    "catalog/identifiers.py", "catalog/periods.py", "catalog/definitions.py",
    "catalog/registry.py", "catalog/definitions/*.yaml",
    "gazetteer/models.py", "gazetteer/migrations/*.py", "gazetteer/importing.py",
    "gazetteer/datafiles.py", "gazetteer/names.py", "gazetteer/data/*",
    "strategy/models.py", "strategy/migrations/*.py",
)  # fmt: skip
INDEX_SOURCES = ("search/**/*.py",)
GENERATOR_FILES = ("dataset.py", "texts.py", "values.py", "words.py")


def fingerprint(patterns: tuple[str, ...], *, extra: tuple[Path, ...] = (), salt: str = "") -> str:
    """A hash of the files matching ``patterns`` under the package (and ``extra``)."""
    digest = hashlib.sha256(salt.encode())
    files = sorted({path for pattern in patterns for path in PACKAGE.glob(pattern)} | set(extra))
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def plain_counts(queries: tuple[str, ...]) -> dict[str, int]:
    """Published records whose name, summary or description contain the query as a whole
    word, exactly as typed (case aside): what a search without stemming or folding finds."""
    from kozkincs.catalog.models import Record

    wanted = {query.lower(): query for query in queries}
    counts = dict.fromkeys(queries, 0)
    rows = Record.objects.filter(status=Record.Status.PUBLISHED).values_list(
        "name", "summary", "description"
    )
    for row in rows.iterator(chunk_size=5000):
        tokens = set(re.findall(r"\w+", " ".join(row).lower()))
        for token in tokens & wanted.keys():
            counts[wanted[token]] += 1
    return counts


def _remove_database(directory: Path) -> None:
    for path in directory.glob("bench.sqlite3*"):
        path.unlink()


def _timed(command: str, **options) -> float:
    from django.core.management import call_command

    started = time.monotonic()
    call_command(command, **options)
    return time.monotonic() - started


def _checkpoint() -> None:
    """Fold the WAL into the database file, so its size is the data's, not the history's."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def build(arguments: argparse.Namespace, previous: dict) -> dict:
    """Create or refresh the database; returns the new ``bench.json`` content."""
    from benchmarks.dataset import dataset_create
    from benchmarks.paths import case_paths, case_paths_write
    from benchmarks.queries import STEMMING_PROBES

    generator = tuple(Path(__file__).parent / name for name in GENERATOR_FILES)
    salt = f"{arguments.records}:{arguments.seed}"
    data_fp = fingerprint(DATA_SOURCES, extra=generator, salt=salt)
    index_fp = fingerprint(INDEX_SOURCES)
    database = arguments.directory / "bench.sqlite3"
    reuse = not arguments.regenerate and database.exists() and previous.get("data") == data_fp
    if not reuse:
        _remove_database(arguments.directory)
    _timed("migrate", verbosity=0)
    metadata = dict(previous) if reuse else {}
    if reuse:
        print(f"Reusing {database} ({arguments.records:,} records, seed {arguments.seed}).")
    else:
        print(f"Generating {arguments.records:,} records (seed {arguments.seed}) in {database}")
        _timed("import_gazetteer", verbosity=0)
        report = dataset_create(records=arguments.records, seed=arguments.seed)
        print(f"Created {report.records:,} records in {report.seconds:.1f} s.")
        metadata.update(create_seconds=report.seconds, settlements=report.settlements)
    if not reuse or previous.get("index") != index_fp:
        metadata["index_seconds"] = _timed("rebuild_search_index")
        metadata["index_built_at"] = time.strftime("%Y-%m-%d %H:%M")
        metadata["plain_counts"] = plain_counts(STEMMING_PROBES)
    _timed("collectstatic", interactive=False, verbosity=0)
    paths = case_paths(seed=arguments.seed)
    _checkpoint()
    metadata.update(
        data=data_fp, index=index_fp, records=arguments.records, seed=arguments.seed,
        reused=reuse, paths=case_paths_write(arguments.directory, paths),
    )  # fmt: skip
    return metadata


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--directory", type=Path, default=Path("var/bench"))
    parser.add_argument("--regenerate", action="store_true")
    arguments = parser.parse_args(argv)
    if arguments.records < 1:
        parser.error("--records must be at least 1")
    arguments.directory = arguments.directory.resolve()
    expected = f"sqlite:///{arguments.directory / 'bench.sqlite3'}"
    if os.environ.get("DATABASE_URL") != expected:
        parser.error(f"set DATABASE_URL={expected} (the benchmark never uses the portal's data)")
    arguments.directory.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozkincs.config.settings")
    import django

    django.setup()
    metadata_path = arguments.directory / "bench.json"
    previous = json.loads(metadata_path.read_text()) if metadata_path.exists() else {}
    metadata = build(arguments, previous)
    metadata_path.write_text(json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
