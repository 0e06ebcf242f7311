"""The import case of ``make bench``: a CSV of N rows into one catalog, the dry run and the
import, each timed in a fresh process with its peak memory (``ru_maxrss``).

    python -m benchmarks.imports [--rows 100000] [--directory var/bench/imports]
                                 [--database-url postgres://…/kozkincs_bench_imports]
                                 [--phases dry-run,import]

The targets (issue 10) at 100,000 rows: dry run ≤ 15 s, import ≤ 30 s, peak ≤ 300 MB. The
import queues the stored API JSON of the new records for the task worker; a third process
times the worker writing it (``db_worker --batch``), which has no target of its own. The peer,
in the same run: sqlite-utils loading the same file into a table of a new SQLite database and
giving it an FTS5 index (``sqlite-utils insert --csv`` and ``enable-fts``, as Datasette's
documentation does it), which checks no value, matches no settlement and keeps no history; it
is skipped when sqlite-utils is not installed (it comes with the ``bench`` extra). The
database is its own (a SQLite file in the directory, or a PostgreSQL database whose name
contains "bench"), recreated on each run with the gazetteer imported; the CSV (Windows-1250,
semicolons, Hungarian numbers and dates, settlements by name) is generated with a fixed seed.
See docs/how-to/run-the-benchmarks.md.
"""

import argparse
import csv
import importlib.util
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.database import BenchDatabase
from benchmarks.run import bench_environment

CATALOG = "built-values"
TARGETS = {"dry-run": 15.0, "import": 30.0}
PHASES = (*TARGETS, "worker", "peer")
MEMORY_TARGET_MB = 300
PEERS = {"peer": "sqlite-utils insert --csv + enable-fts, no validation, history or matching"}
HEADER = ["Név", "Település", "Típus", "Építés ideje", "Cím", "Helyrajzi szám (hrsz.)",
          "Leírás (magyar)"]  # fmt: skip
KINDS = ["templom", "kápolna", "malom", "kastély, kúria", "múzeumépület", "zsinagóga"]


def _write_csv(path: Path, rows: int, settlements: list[str], seed: int) -> None:
    chance = random.Random(seed)
    with open(path, "w", encoding="windows-1250", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for number in range(rows):
            year = chance.randint(1200, 1990)
            name = f"{chance.choice(KINDS).split(',')[0].capitalize()} {number}"
            writer.writerow([
                name, chance.choice(settlements),
                chance.choice(KINDS), f"{year}-{year + chance.randint(1, 30)}",
                f"Fő utca {chance.randint(1, 200)}.", f"{chance.randint(1, 9999)}/{number % 7}",
                f"Műemlék épület, {year}. évi, {chance.randint(1, 999)} négyzetméter.",
            ])  # fmt: skip


def _phase(phase: str, path: Path) -> dict:
    """Run in the child process: one dry run or one import, timed."""
    import django

    django.setup()
    from kozkincs.catalog.registry import catalog_get
    from kozkincs.imports.plan import ImportOptions, import_plan
    from kozkincs.imports.services import import_batch_apply, import_batch_create

    started, cpu_started = time.monotonic(), time.process_time()
    if phase == "peer":
        counts = _peer(path)
    elif phase == "dry-run":
        plan = import_plan(
            definition=catalog_get(CATALOG), path=path, options=ImportOptions(), keep_rows=False
        )  # as the preview reads it: counts and problems
        counts = plan.counts()
    elif phase == "import":
        batch = import_batch_create(catalog=CATALOG, source=path, file_name=path.name)
        import_batch_apply(batch=batch)
        counts = batch.counts
    else:
        from django.core.management import call_command
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")))
    seconds = time.monotonic() - started
    cpu = time.process_time()  # the whole process, Django's start-up included
    cpu_phase = cpu - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "phase": phase,
        "seconds": seconds,
        "cpu": cpu,
        "cpu_phase": cpu_phase,
        "peak_mb": peak_mb,
        "counts": counts,
    }


def _peer(path: Path) -> dict:
    """sqlite-utils' CSV import and full-text index of ``path``, through its command line
    (in this process, so that its time and memory are this process's)."""
    from sqlite_utils import Database
    from sqlite_utils.cli import cli

    database = path.with_name("peer.sqlite3")
    database.unlink(missing_ok=True)
    insert = ["insert", str(database), "records", str(path), "--csv", "--delimiter", ";",
              "--encoding", "cp1250"]  # fmt: skip
    cli.main(insert, standalone_mode=False)
    cli.main(["enable-fts", str(database), "records", *HEADER], standalone_mode=False)
    return {"rows": Database(database)["records"].count}


def _prepare(env: dict, rows: int, directory: Path, seed: int) -> Path:
    kozkincs = [sys.executable, "-m", "kozkincs"]
    subprocess.run([*kozkincs, "migrate", "--verbosity", "0"], env=env, check=True)
    subprocess.run([*kozkincs, "import_gazetteer"], env=env, check=True, capture_output=True)
    names = subprocess.run(
        [*kozkincs, "shell", "-c",
         "from kozkincs.gazetteer.selectors import home_region_get, region_settlements;"
         "print('\\n'.join('=' + s.name for s in region_settlements(region=home_region_get())))"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.split("\n")  # fmt: skip
    path = directory / f"import-{rows}.csv"
    _write_csv(path, rows, [name[1:] for name in names if name.startswith("=")], seed)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--directory", type=Path, default=Path("var/bench/imports"))
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--phases", default=",".join(PHASES),
        help=f"the phases to run, comma separated, in this order (default: {','.join(PHASES)}; "
        "the worker needs the import before it; the peer is sqlite-utils)",
    )  # fmt: skip
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.phase:
        print(json.dumps(_phase(arguments.phase, arguments.file)))
        return
    phases = [phase for phase in PHASES if phase in arguments.phases.split(",")]
    unknown = set(arguments.phases.split(",")) - set(PHASES)
    if unknown or not phases:
        parser.error(f"--phases: choose among {', '.join(PHASES)} (got {arguments.phases!r})")
    directory = arguments.directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    url = arguments.database_url or f"sqlite:///{directory / 'bench.sqlite3'}"
    BenchDatabase(url=url, directory=directory).recreate()
    env = bench_environment(directory, response_cache=False, database_url=url)
    path = _prepare(env, arguments.rows, directory, arguments.seed)
    load = os.getloadavg()
    print(f"CSV import of {arguments.rows} rows into {CATALOG} ({url.split(':')[0]}), "
          f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")  # fmt: skip
    if "peer" in phases and importlib.util.find_spec("sqlite_utils") is None:
        phases.remove("peer")
        print("  peer     not installed (sqlite-utils comes with the bench extra)")
    for phase in phases:
        command = [sys.executable, "-m", "benchmarks.imports", "--phase", phase, "--file",
                   str(path)]  # fmt: skip
        output = subprocess.run(command, env=env, capture_output=True, text=True)
        if output.returncode:
            sys.exit(f"{phase} failed:\n{output.stderr}")
        result = json.loads(output.stdout.strip().splitlines()[-1])
        scaled = result["seconds"] * 100_000 / arguments.rows
        target = (
            f"target {TARGETS[phase]:.0f} s"
            if phase in TARGETS
            else PEERS.get(phase, "stored API JSON")
        )
        memory_target = f" (target {MEMORY_TARGET_MB} MB)" if phase in TARGETS else ""
        print(
            f"  {phase:<8} {result['seconds']:6.1f} s, CPU {result['cpu']:.1f} s "
            f"({result['cpu_phase']:.1f} s after start-up) "
            f"(x{100_000 / arguments.rows:g} = {scaled:.0f} s at 100,000; {target}), peak "
            f"{result['peak_mb']:.0f} MB{memory_target}, {result['counts']}"
        )


if __name__ == "__main__":
    main()
