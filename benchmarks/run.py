"""``make bench``: generate (or reuse) the dataset, serve it, load it with wrk, print the table.

    python -m benchmarks.run [--records 100000] [--seed 20240501] [--duration 10] [--runs 3]
                             [--cases a,b,c,d,e,f,g,c0,d0,r,j] [--connections 16] [--pin]
                             [--database-url postgres://…/kozkincs_bench] [--no-datasette]
                             [--no-exports] [--no-editing] [--imports]

The dataset lives in its own directory (``var/bench/`` by default) and its own database (a
SQLite file there, or a PostgreSQL database named ``…bench…``), never in the portal's.
Cases r and j run beside Datasette serving the same records (``benchmarks/peer.py``).
With the uncached server, every record is also exported as CSV and XLSX and timed
(``benchmarks/exports.py``) unless ``--no-exports``, and a logged-in editor's edit form,
pickers and saves are timed (``benchmarks/editing.py``) unless ``--no-editing``.
``--imports`` also times the CSV import of as many rows and its dry run, in a database of
their own (``benchmarks/imports.py``).
See docs/how-to/run-the-benchmarks.md.
"""

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

from benchmarks import peer
from benchmarks.cases import CASES, Case, parse_cases
from benchmarks.database import BenchDatabase, BenchDatabaseError, default_url
from benchmarks.editing import editing_facts, measure_editing
from benchmarks.exports import (
    export_facts,
    format_exports,
    measure_catalogue,
    measure_exports,
    measure_harvest,
)
from benchmarks.facts import dataset_facts, machine_facts, machine_info, software_facts
from benchmarks.measure import PAIR_TIMEOUT_S, WARM_UP_S, Load, Measurement
from benchmarks.queries import STEMMING_PROBES
from benchmarks.results import (
    CaseSummary,
    format_facts,
    format_memory,
    format_pairs,
    format_table,
    write_results,
)
from benchmarks.server import CpuPlan, MemorySampler, Server, cpu_plan

DEFAULT_RECORDS = 100_000
DEFAULT_SEED = 20240501
PROBE_PATH = "/api/v1/records?page_size=1"
DATASETTE_PROBE_PATH = "/-/versions.json"
WARM_PATH = "/api/v1/records?q=templom&page_size=1"
RESULTS = Path("var/bench/results")


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--records", type=int, default=DEFAULT_RECORDS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--cases", default=",".join(CASES), type=_cases_argument)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--directory", type=Path, default=None,
        help="default var/bench (SQLite) or var/bench/pg-<database> (PostgreSQL)",
    )  # fmt: skip
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="postgres://…/<name containing 'bench'> (default: BENCH_DATABASE_URL, else SQLite)",
    )  # fmt: skip
    parser.add_argument("--results", type=Path, default=RESULTS, help="where results-*.json go")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the dataset")
    parser.add_argument(
        "--no-datasette", action="store_true", help="measure r and j without the Datasette peer"
    )
    parser.add_argument(
        "--no-exports", action="store_true", help="skip the CSV and XLSX exports of every record"
    )
    parser.add_argument(
        "--no-editing", action="store_true",
        help="skip the authenticated cases (edit form, pickers, save)",
    )  # fmt: skip
    parser.add_argument(
        "--imports", action="store_true",
        help="also time the CSV import of --records rows and its dry run (benchmarks/imports.py)",
    )  # fmt: skip
    parser.add_argument(
        "--no-index-rebuild", action="store_true",
        help="after generating, skip the timed search index rebuild (for 1,000,000 records)",
    )  # fmt: skip
    parser.add_argument(
        "--no-stored-json", action="store_true",
        help="after generating, leave the stored record JSON unwritten (for 1,000,000 records)",
    )  # fmt: skip
    # The targets are for the whole 2-core machine: by default the server may use both cores
    # (wrk shares them). --pin gives the server one core and wrk the other, as quality.md
    # describes; on two cores that halves what the server can use.
    parser.add_argument(
        "--pin", action="store_true", help="taskset: servers on one core, wrk on another"
    )
    arguments = parser.parse_args(argv)
    for name in ("records", "duration", "runs", "connections"):
        if getattr(arguments, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if arguments.directory is None:
        arguments.directory = _default_directory(arguments.database_url)
    arguments.directory = arguments.directory.resolve()
    arguments.results = arguments.results.resolve()
    arguments.database_url = arguments.database_url or default_url(arguments.directory)
    try:
        arguments.database = BenchDatabase(
            url=arguments.database_url, directory=arguments.directory
        )
    except BenchDatabaseError as error:
        parser.error(str(error))
    return arguments


def startup_timeout(records: int) -> float:
    """Seconds a server may take to answer: each worker loads its search snapshot on its first
    request, which takes minutes at a million records."""
    return max(90.0, records / 2000)


def _default_directory(database_url: str) -> Path:
    if database_url.startswith(("postgres://", "postgresql://")):
        name = urllib.parse.urlsplit(database_url).path.strip("/") or "postgres"
        return Path("var/bench") / f"pg-{name}"
    return Path("var/bench")


def _cases_argument(text: str) -> list[Case]:
    try:
        return parse_cases(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def bench_environment(
    directory: Path, *, response_cache: bool, database_url: str = ""
) -> dict[str, str]:
    """The portal's production settings pointed at the benchmark's own database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KOZKINCS_") and key not in {"DATABASE_URL", "SECRET_KEY"}
    }
    env.update(
        DATABASE_URL=database_url or f"sqlite:///{directory / 'bench.sqlite3'}",
        KOZKINCS_VAR_DIR=str(directory),
        KOZKINCS_DEBUG="false",
        KOZKINCS_RESPONSE_CACHE="true" if response_cache else "false",
        # The authenticated cases use a session made in the database, without the login
        # form's second factor; the check itself costs one session read per request.
        KOZKINCS_MFA_REQUIRED="false",
        DJANGO_SETTINGS_MODULE="kozkincs.config.settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH")])),
    )
    return env


def measure_imports(rows: int) -> str:
    """The import case in its own process and database (``benchmarks/imports.py``)."""
    command = [sys.executable, "-m", "benchmarks.imports", "--rows", str(rows)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(output)
    return output.strip()


def datasette_available() -> bool:
    return bool(importlib.util.find_spec("datasette") and importlib.util.find_spec("sqlite_utils"))


def generate(arguments: argparse.Namespace) -> dict:
    """Run the generator in its own process (its settings point at the bench database)."""
    command = [
        sys.executable, "-m", "benchmarks.generate", "--records", str(arguments.records),
        "--seed", str(arguments.seed), "--directory", str(arguments.directory),
        "--database-url", arguments.database_url,
    ]  # fmt: skip
    if arguments.regenerate:
        command.append("--regenerate")
    if arguments.no_datasette:
        command.append("--no-datasette")
    if arguments.no_index_rebuild:
        command.append("--no-index-rebuild")
    if arguments.no_stored_json:
        command.append("--no-stored-json")
    env = bench_environment(
        arguments.directory, response_cache=True, database_url=arguments.database_url
    )
    subprocess.run(command, env=env, check=True)
    return json.loads((arguments.directory / "bench.json").read_text(encoding="utf-8"))


def stemming_hits(server: Server, plain_counts: dict[str, int]) -> list[dict]:
    """The API's hit count for each probe beside the plain whole-word count."""
    rows = []
    for query in STEMMING_PROBES:
        url = f"{server.base_url}/api/v1/records?page_size=1&q={urllib.parse.quote(query)}"
        with urllib.request.urlopen(url, timeout=30) as reply:
            total = json.load(reply)["total"]
        rows.append({"query": query, "search_hits": total, "plain_matches": plain_counts[query]})
    return rows


def _peer_server(arguments, metadata: dict, cpus: CpuPlan) -> Server | None:
    info = metadata.get("datasette")
    if arguments.no_datasette or not info:
        return None
    database = Path(info["path"])
    return Server(
        env={k: v for k, v in os.environ.items() if not k.startswith("KOZKINCS_")},
        cpus=cpus.server,
        log_path=arguments.directory / "datasette.log",
        command=lambda port: peer.datasette_command(port=port, database=database),
    )


def case_loads(
    case: Case, measurement: Measurement, *, kozkincs: tuple, datasette: tuple
) -> tuple[Load, Load | None] | None:
    """The load of ``case`` on Közkincs and, when it has one and the peer runs, on Datasette
    (with the checks of its search answers); ``None`` when the site has no such page."""
    paths_file = measurement.paths(case.paths_key)
    if paths_file is None:
        return None
    server, sampler = kozkincs
    wrk_timeout = PAIR_TIMEOUT_S if case.peer else 5
    load = Load(server=server, sampler=sampler, paths_file=paths_file, timeout_s=wrk_timeout)
    peer_server, peer_sampler = datasette
    if not case.peer or peer_server is None:
        return load, None
    checks = (peer.SEARCH_REQUIRED, peer.SEARCH_FORBIDDEN) if case.paths_key == "r" else ((), ())
    peer_load = Load(
        server=peer_server,
        sampler=peer_sampler,
        paths_file=measurement.paths(case.peer_paths_key),
        checks=checks,
        timeout_s=wrk_timeout,
    )
    return load, peer_load


def serve_and_measure(
    cases: list[Case], *, arguments: argparse.Namespace, metadata: dict, facts: dict
) -> list[CaseSummary]:
    cpus = cpu_plan(pin=arguments.pin)
    facts["pinning"] = f"servers cpus {cpus.server}, wrk cpus {cpus.load}" if cpus.load else "none"
    measurement = Measurement(arguments=arguments, metadata=metadata, cpus=cpus, facts=facts)
    peak_kib, hwm_kib = 0, 0
    for cached in (True, False):
        group = [case for case in cases if case.cached == cached]
        if not group:
            continue
        env = bench_environment(
            arguments.directory, response_cache=cached, database_url=arguments.database_url
        )
        server = Server(env=env, cpus=cpus.server, log_path=arguments.directory / "server.log")
        peer_server = (
            _peer_server(arguments, metadata, cpus) if any(c.peer for c in group) else None
        )
        with server:
            timeout = startup_timeout(arguments.records)
            server.start(probe_path=PROBE_PATH, timeout_s=timeout)
            sampler = MemorySampler(server.process.pid)
            sampler.start()
            print(f"Serving {server.base_url} (response cache {'on' if cached else 'off'})")
            warm = server.warm(WARM_PATH, timeout_s=timeout)
            facts[f"workers ready (cache {'on' if cached else 'off'})"] = f"after {warm:.1f} s"
            peer_sampler = None
            if peer_server is not None:
                peer_server.start(probe_path=DATASETTE_PROBE_PATH, timeout_s=timeout)
                peer_sampler = MemorySampler(peer_server.process.pid)
                peer_sampler.start()
                print(f"Datasette peer at {peer_server.base_url}")
            try:
                for case in group:
                    loads = case_loads(
                        case, measurement, kozkincs=(server, sampler),
                        datasette=(peer_server, peer_sampler),
                    )  # fmt: skip
                    if loads is None:
                        print(f"  ({case.key}) skipped: the site has no such page yet")
                        continue
                    measurement.case(case, *loads)
                if not cached:
                    facts["stemming"] = stemming_hits(server, metadata["plain_counts"])
                if not arguments.no_exports:
                    # The catalogue as the portal serves it (cache on) and as it is rendered
                    # on every request (cache off), each on workers that have not answered it.
                    facts.update(measure_catalogue(server, response_cache=cached))
                if not cached and not arguments.no_exports:
                    facts["exports"] = measure_exports(server, sampler)
                    facts.update(measure_harvest(server))
                if not cached and not arguments.no_editing:
                    facts["editing results"] = measure_editing(
                        server, duration_s=arguments.duration
                    )
            finally:
                if peer_server is not None:
                    peer_sampler.stop()
                    peer_server.stop()
            sampler.stop()
            peak_kib = max(peak_kib, sampler.peak_total_kib)
            hwm_kib = max([hwm_kib, *sampler.peak_hwm_kib.values()])
    facts["server peak RSS (all granian processes)"] = f"{peak_kib / 1024:.0f} MiB"
    facts["largest single process VmHWM"] = f"{hwm_kib / 1024:.0f} MiB"
    order = [key for case in cases for key in (case.key, case.peer_key)]
    return sorted(measurement.summaries, key=lambda summary: order.index(summary.case))


def print_stemming(rows: list[dict]) -> None:
    print("\nStemming and accent folding: hits of the search vs. a plain whole-word match")
    print(f"{'query':<16} {'search hits':>12} {'plain matches':>14}")
    for row in rows:
        print(f"{row['query']:<16} {row['search_hits']:>12,} {row['plain_matches']:>14,}")


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian package 'wrk'; `make bench` installs it).")
        return 2
    peers = any(case.peer for case in arguments.cases) and not arguments.no_datasette
    if peers and not datasette_available():
        print(
            "Datasette is not installed: `pip install -e '.[bench]'` (`make bench` does), "
            "or pass --no-datasette."
        )
        return 2
    metadata = generate(arguments)
    machine = machine_info(arguments.database)
    facts = {
        **machine_facts(machine),
        **software_facts(datasette=peers),
        **dataset_facts(metadata, arguments.database),
    }
    facts["load"] = (
        f"wrk, {arguments.connections} connections, {arguments.duration} s per run, "
        f"{arguments.runs} runs per case (median; peers interleaved), {WARM_UP_S} s warm-up"
    )
    facts["load average before the runs"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    started = time.monotonic()
    summaries = serve_and_measure(
        arguments.cases, arguments=arguments, metadata=metadata, facts=facts
    )
    facts["measuring time"] = f"{time.monotonic() - started:.0f} s"
    print()
    print(format_table(summaries))
    for block in (format_pairs(summaries), format_memory(summaries)):
        if block:
            print()
            print(block)
    print()
    stemming = facts.pop("stemming", None)
    exports = facts.pop("exports", None)
    if exports:
        print(format_exports(exports))
        print()
        facts.update(export_facts(exports))
    editing = facts.pop("editing results", None)
    if editing:
        facts.update(editing_facts(editing))
    print(format_facts({k: v for k, v in facts.items() if k not in ("exports", "editing")}))
    if stemming:
        print_stemming(stemming)
        facts["stemming"] = stemming
    if arguments.imports:
        facts["spreadsheet import"] = measure_imports(arguments.records)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = write_results(
        arguments.results / f"results-{stamp}.json",
        summaries=summaries,
        facts=facts,
        machine=machine,
    )
    print(f"\nResults written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
