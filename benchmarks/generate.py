"""Build (or reuse) the benchmark database: ``python -m benchmarks.generate``.

Run it with ``DATABASE_URL`` pointing at the benchmark's own database (a SQLite file in the
benchmark directory, or a PostgreSQL database whose name contains ``bench``; see
``benchmarks/database.py``) and ``KOZKINCS_VAR_DIR`` at the benchmark directory
(``benchmarks.run`` does both), never at the portal's own data. Steps: (re)create the
database, migrate, import the 3,178 settlements (``kozkincs import_gazetteer``), create the
records with ``record_bulk_create`` and write their stored API JSON (the task worker,
``kozkincs db_worker --batch``, timed), rebuild the search index (``kozkincs
rebuild_search_index``, timed), collect static files, count plain matches for the stemming
probe, build the Datasette peer's SQLite copy (``benchmarks/peer.py``), write the request
paths of every case and ``bench.json``.

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


def _timed(command: str, **options) -> float:
    from django.core.management import call_command

    started = time.monotonic()
    call_command(command, **options)
    return time.monotonic() - started


def cpu_seconds() -> float:
    """CPU time used so far by this process and, on PostgreSQL, by its server backend (read
    from ``/proc``: the server runs on this machine). On a busy machine the wall time of a
    step says little; its CPU time is what a quiet machine's wall time will be close to."""
    from django.db import connection

    total = time.process_time()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass  # a server on another machine: this process's time only
    return total


def _settle() -> None:
    """SQLite: fold the WAL into the database file, so its size is the data's, not the
    history's. PostgreSQL: ``VACUUM ANALYZE`` (statistics and visibility map, as autovacuum
    would give a portal that has run for a while)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("VACUUM ANALYZE")


def _published_count() -> int:
    from django.db import DatabaseError

    from kozkincs.catalog.models import Record

    try:
        return Record.objects.filter(status=Record.Status.PUBLISHED).count()
    except DatabaseError:  # no tables yet
        return -1


def _reusable(arguments: argparse.Namespace, previous: dict, database, data_fp: str) -> bool:
    if arguments.regenerate or previous.get("data") != data_fp or not database.exists():
        return False
    if previous.get("database") != database.label:
        return False
    return _published_count() == arguments.records


def _datasette_peer(arguments: argparse.Namespace, metadata: dict, data_fp: str) -> None:
    """Build the Datasette peer's SQLite copy of the records unless an identical one exists."""
    from benchmarks import peer

    if arguments.no_datasette:
        metadata.pop("datasette", None)
        return
    peer_fp = fingerprint((), extra=(Path(peer.__file__),), salt=data_fp)
    path = arguments.directory / "datasette" / f"{peer.DATABASE_NAME}.db"
    previous = metadata.get("datasette") or {}
    if previous.get("fingerprint") == peer_fp and path.exists():
        print(f"Reusing the Datasette peer's database {path}.")
        return
    built = peer.datasette_database_build(path)
    metadata["datasette"] = {
        "fingerprint": peer_fp, "path": str(path), "records": built.records,
        "build_seconds": built.seconds, "size_bytes": built.size_bytes,
    }  # fmt: skip


def build(arguments: argparse.Namespace, previous: dict, database) -> dict:
    """Create or refresh the database; returns the new ``bench.json`` content."""
    from django.db import connections

    from benchmarks.dataset import dataset_create
    from benchmarks.paths import case_paths, case_paths_write
    from benchmarks.queries import STEMMING_PROBES

    generator = tuple(Path(__file__).parent / name for name in GENERATOR_FILES)
    salt = f"{arguments.records}:{arguments.seed}"
    data_fp = fingerprint(DATA_SOURCES, extra=generator, salt=salt)
    index_fp = fingerprint(INDEX_SOURCES)
    reuse = _reusable(arguments, previous, database, data_fp)
    if not reuse:
        connections.close_all()
        database.recreate()
    _timed("migrate", verbosity=0)
    metadata = dict(previous) if reuse else {}
    if reuse:
        print(f"Reusing {database.label} ({arguments.records:,} records, seed {arguments.seed}).")
    else:
        print(
            f"Generating {arguments.records:,} records (seed {arguments.seed}) in {database.label}"
        )
        _timed("import_gazetteer", verbosity=0)
        cpu = cpu_seconds()
        report = dataset_create(records=arguments.records, seed=arguments.seed)
        cpu = cpu_seconds() - cpu
        print(
            f"Created {report.records:,} records in {report.seconds:.1f} s "
            f"({report.records / report.seconds:,.0f} records/s; CPU {cpu:.1f} s, "
            f"{cpu / report.records * 1000:.2f} ms per record)."
        )
        # record_bulk_create queued the stored API JSON for the task worker: write it now,
        # so the record cases read stored bodies, not the live rendering of missing ones.
        json_seconds = json_cpu = None
        if arguments.no_stored_json:
            print("Stored API JSON not written (--no-stored-json): records are rendered live.")
        else:
            json_cpu = cpu_seconds()
            json_seconds = _timed("db_worker", batch=True, startup_delay=False, verbosity=0)
            json_cpu = cpu_seconds() - json_cpu
            print(f"Stored the records' API JSON in {json_seconds:.1f} s (CPU {json_cpu:.1f} s).")
        metadata.update(
            create_seconds=report.seconds, create_cpu_seconds=cpu, settlements=report.settlements,
            stored_json_seconds=json_seconds, stored_json_cpu_seconds=json_cpu,
        )  # fmt: skip
    rebuild = not reuse or previous.get("index") != index_fp
    if rebuild and arguments.no_index_rebuild and not reuse:
        # record_bulk_create's listener indexed every record in its transaction already; the
        # rebuild only measures how long a rebuild takes (long at a million records). A reused
        # database whose search code changed is rebuilt all the same.
        metadata.update(index_seconds=None, index_cpu_seconds=None, index_built_at="")
        metadata["plain_counts"] = plain_counts(STEMMING_PROBES)
    elif rebuild:
        cpu = cpu_seconds()
        metadata["index_seconds"] = _timed("rebuild_search_index")
        metadata["index_cpu_seconds"] = cpu_seconds() - cpu
        metadata["index_built_at"] = time.strftime("%Y-%m-%d %H:%M")
        metadata["plain_counts"] = plain_counts(STEMMING_PROBES)
    if rebuild or database.vendor == "sqlite":
        _settle()
    _timed("collectstatic", interactive=False, verbosity=0)
    metadata.update(data=data_fp, index=index_fp, database=database.label)
    _datasette_peer(arguments, metadata, data_fp)
    started = time.monotonic()
    paths = case_paths(seed=arguments.seed)
    metadata["paths_seconds"] = time.monotonic() - started
    print(f"Request paths of every case written in {metadata['paths_seconds']:.1f} s.")
    metadata.update(
        records=arguments.records, seed=arguments.seed, reused=reuse,
        paths=case_paths_write(arguments.directory, paths), vendor=database.vendor,
    )  # fmt: skip
    return metadata


def main(argv: list[str] | None = None) -> int:
    from benchmarks.database import BenchDatabase, BenchDatabaseError, default_url

    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--directory", type=Path, default=Path("var/bench"))
    parser.add_argument("--database-url", default="", help="default: BENCH_DATABASE_URL or SQLite")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--no-datasette", action="store_true", help="skip the peer's database")
    parser.add_argument(
        "--no-index-rebuild", action="store_true",
        help="keep the index written while the records were created (no timed rebuild)",
    )  # fmt: skip
    parser.add_argument(
        "--no-stored-json", action="store_true",
        help="leave the stored API JSON unwritten: the record cases render every record live "
        "(for 1,000,000 records, whose stored JSON takes hours here)",
    )  # fmt: skip
    arguments = parser.parse_args(argv)
    if arguments.records < 1:
        parser.error("--records must be at least 1")
    arguments.directory = arguments.directory.resolve()
    url = arguments.database_url or default_url(arguments.directory)
    try:
        database = BenchDatabase(url=url, directory=arguments.directory)
    except BenchDatabaseError as error:
        parser.error(str(error))
    if os.environ.get("DATABASE_URL") != url:
        parser.error(f"set DATABASE_URL={url} (the benchmark never uses the portal's data)")
    arguments.directory.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozkincs.config.settings")
    import django

    django.setup()
    metadata_path = arguments.directory / "bench.json"
    previous = json.loads(metadata_path.read_text()) if metadata_path.exists() else {}
    metadata = build(arguments, previous, database)
    metadata_path.write_text(json.dumps(metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
