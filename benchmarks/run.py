"""``make bench``: generate (or reuse) the dataset, serve it, load it with wrk, print the table.

    python -m benchmarks.run [--records 100000] [--seed 20240501] [--duration 10] [--runs 3]
                             [--cases a,b,c,d,e,f,g] [--connections 16] [--pin]

The dataset lives in its own directory (``var/bench/`` by default), never in the portal's
database. See docs/how-to/run-the-benchmarks.md.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

from benchmarks.cases import CASES, Case, parse_cases
from benchmarks.queries import STEMMING_PROBES
from benchmarks.results import CaseSummary, format_facts, format_table, write_results
from benchmarks.server import CpuPlan, MemorySampler, Server, cpu_plan
from benchmarks.wrk import WrkResult, wrk_command, wrk_run

DEFAULT_RECORDS = 100_000
DEFAULT_SEED = 20240501
WARM_UP_S = 3
PROBE_PATH = "/api/v1/records?page_size=1"


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--records", type=int, default=DEFAULT_RECORDS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--cases", default=",".join(CASES), type=_cases_argument)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--directory", type=Path, default=Path("var/bench"))
    parser.add_argument("--regenerate", action="store_true", help="rebuild the dataset")
    # The targets are for the whole 2-core machine: by default the server may use both cores
    # (wrk shares them). --pin gives the server one core and wrk the other, as quality.md
    # describes; on two cores that halves what the server can use.
    parser.add_argument(
        "--pin", action="store_true", help="taskset: server on one core, wrk on another"
    )
    arguments = parser.parse_args(argv)
    for name in ("records", "duration", "runs", "connections"):
        if getattr(arguments, name) < 1:
            parser.error(f"--{name} must be at least 1")
    arguments.directory = arguments.directory.resolve()
    return arguments


def _cases_argument(text: str) -> list[Case]:
    try:
        return parse_cases(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def bench_environment(directory: Path, *, response_cache: bool) -> dict[str, str]:
    """The portal's production settings pointed at the benchmark's own database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("KOZKINCS_") and key not in {"DATABASE_URL", "SECRET_KEY"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{directory / 'bench.sqlite3'}",
        KOZKINCS_VAR_DIR=str(directory),
        KOZKINCS_DEBUG="false",
        KOZKINCS_RESPONSE_CACHE="true" if response_cache else "false",
        DJANGO_SETTINGS_MODULE="kozkincs.config.settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH")])),
    )
    return env


def generate(arguments: argparse.Namespace) -> dict:
    """Run the generator in its own process (its settings point at the bench database)."""
    command = [
        sys.executable, "-m", "benchmarks.generate", "--records", str(arguments.records),
        "--seed", str(arguments.seed), "--directory", str(arguments.directory),
    ]  # fmt: skip
    if arguments.regenerate:
        command.append("--regenerate")
    env = bench_environment(arguments.directory, response_cache=True)
    subprocess.run(command, env=env, check=True)
    return json.loads((arguments.directory / "bench.json").read_text(encoding="utf-8"))


def measure_case(
    case: Case, *, server: Server, paths_file: Path, arguments: argparse.Namespace, cpus: CpuPlan
) -> CaseSummary:
    def command(duration: int) -> list[str]:
        return wrk_command(
            base_url=server.base_url,
            paths_file=paths_file,
            duration_s=duration,
            connections=arguments.connections,
            threads=cpus.load_threads,
            cpus=cpus.load,
        )

    wrk_run(command(WARM_UP_S), duration_s=WARM_UP_S)
    runs: list[WrkResult] = []
    for number in range(1, arguments.runs + 1):
        result = wrk_run(command(arguments.duration), duration_s=arguments.duration)
        print(
            f"  ({case.key}) run {number}: {result.requests_per_s:8.1f} req/s  "
            f"p50 {result.p50_ms:7.2f} ms  p99 {result.p99_ms:7.2f} ms  errors {result.errors}",
            flush=True,
        )
        runs.append(result)
    return CaseSummary(
        case=case.key, title=case.title, runs=runs, target=case.target, cached=case.cached
    )


def stemming_hits(server: Server, plain_counts: dict[str, int]) -> list[dict]:
    """The API's hit count for each probe beside the plain whole-word count."""
    rows = []
    for query in STEMMING_PROBES:
        url = f"{server.base_url}/api/v1/records?page_size=1&q={urllib.parse.quote(query)}"
        with urllib.request.urlopen(url, timeout=30) as reply:
            total = json.load(reply)["total"]
        rows.append({"query": query, "search_hits": total, "plain_matches": plain_counts[query]})
    return rows


def serve_and_measure(
    cases: list[Case], *, arguments: argparse.Namespace, metadata: dict, facts: dict
) -> list[CaseSummary]:
    cpus = cpu_plan(pin=arguments.pin)
    facts["pinning"] = f"server cpus {cpus.server}, wrk cpus {cpus.load}" if cpus.load else "none"
    summaries: list[CaseSummary] = []
    peak_kib, hwm_kib = 0, 0
    for cached in (True, False):
        group = [case for case in cases if case.cached == cached]
        if not group:
            continue
        env = bench_environment(arguments.directory, response_cache=cached)
        server = Server(env=env, cpus=cpus.server, log_path=arguments.directory / "server.log")
        with server:
            server.start(probe_path=PROBE_PATH)
            sampler = MemorySampler(server.process.pid)
            sampler.start()
            print(f"Serving {server.base_url} (response cache {'on' if cached else 'off'})")
            for case in group:
                if case.paths_key not in metadata["paths"]:
                    print(f"  ({case.key}) skipped: the site has no such page yet")
                    continue
                paths_file = Path(metadata["paths"][case.paths_key])
                summaries.append(
                    measure_case(
                        case, server=server, paths_file=paths_file, arguments=arguments, cpus=cpus
                    )
                )
            if not cached:
                facts["stemming"] = stemming_hits(server, metadata["plain_counts"])
            sampler.stop()
            peak_kib = max(peak_kib, sampler.peak_total_kib)
            hwm_kib = max([hwm_kib, *sampler.peak_hwm_kib.values()])
    facts["server peak RSS (all granian processes)"] = f"{peak_kib / 1024:.0f} MiB"
    facts["largest single process VmHWM"] = f"{hwm_kib / 1024:.0f} MiB"
    order = [case.key for case in cases]
    return sorted(summaries, key=lambda summary: order.index(summary.case))


def machine_facts() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "machine": f"{os.cpu_count()} cores, {model or platform.processor()}",
        "system": f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
    }


def dataset_facts(metadata: dict, directory: Path) -> dict:
    size = sum(path.stat().st_size for path in directory.glob("bench.sqlite3*") if path.is_file())
    return {
        "records": (
            f"{metadata['records']:,} published over {metadata['settlements']:,} settlements"
        ),
        "dataset": "reused" if metadata["reused"] else "generated now",
        "record creation (record_bulk_create)": f"{metadata['create_seconds']:.1f} s",
        "search index build (rebuild_search_index)": (
            f"{metadata['index_seconds']:.1f} s (built {metadata.get('index_built_at', '?')})"
        ),
        "database size (SQLite file + WAL)": f"{size / 1024 / 1024:.0f} MiB",
    }


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
    metadata = generate(arguments)
    facts = {**machine_facts(), **dataset_facts(metadata, arguments.directory)}
    facts["load"] = (
        f"wrk, {arguments.connections} connections, {arguments.duration} s per run, "
        f"{arguments.runs} runs per case (median), {WARM_UP_S} s warm-up"
    )
    facts["load average before the runs"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    started = time.monotonic()
    summaries = serve_and_measure(
        arguments.cases, arguments=arguments, metadata=metadata, facts=facts
    )
    facts["measuring time"] = f"{time.monotonic() - started:.0f} s"
    print()
    print(format_table(summaries))
    print()
    stemming = facts.pop("stemming", None)
    print(format_facts(facts))
    if stemming:
        print_stemming(stemming)
        facts["stemming"] = stemming
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = write_results(
        arguments.directory / f"results-{stamp}.json", summaries=summaries, facts=facts
    )
    print(f"\nResults written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
