"""Loading one case, or a case and its Datasette peer with the runs interleaved.

:class:`Load` is wrk against one server with one paths file (and the body checks of
``rotate.lua``); :func:`measure_interleaved` warms each load up and then runs them in turn,
A, B, A, B…, so that a change in the machine's load during the measurement hits both alike;
:class:`Measurement` collects the :class:`CaseSummary` of each case and its peer.
"""

import argparse
import dataclasses
import json
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks import peer
from benchmarks.cases import Case
from benchmarks.results import CaseSummary
from benchmarks.server import CpuPlan, MemorySampler, Server, tree_cpu_seconds
from benchmarks.wrk import WrkResult, wrk_command, wrk_run

WARM_UP_S = 3
ANSWER_SAMPLE = 20
"""Answers of each peer case checked one by one before the load (wrk checks all of them)."""
KOZKINCS_FACETS = ("catalog", "settlement", "priority")
PAIR_TIMEOUT_S = 30
"""wrk's time-out in the runs of a case and its peer: a slow answer of either side (Datasette
on a common word at a million records) is measured in the latencies rather than dropped as a
5 s time-out."""


class Load:
    """wrk runs of one case against one server, with the server's memory per case."""

    def __init__(
        self,
        *,
        server: Server,
        sampler: MemorySampler,
        paths_file: Path,
        checks: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
        timeout_s: int = 5,
    ) -> None:
        self.server = server
        self.sampler = sampler
        self.paths_file = paths_file
        self.required, self.forbidden = checks
        self.timeout_s = timeout_s

    def run(self, duration: int, arguments: argparse.Namespace, cpus: CpuPlan) -> WrkResult:
        command = wrk_command(
            base_url=self.server.base_url,
            paths_file=self.paths_file,
            duration_s=duration,
            connections=arguments.connections,
            threads=cpus.load_threads,
            cpus=cpus.load,
            timeout_s=self.timeout_s,
            required=self.required,
            forbidden=self.forbidden,
        )
        before = tree_cpu_seconds(self.sampler.root_pid)
        result = wrk_run(command, duration_s=duration)
        used = tree_cpu_seconds(self.sampler.root_pid) - before
        return dataclasses.replace(result, server_cpu_s=used)


def _print_run(key: str, number: int, result: WrkResult) -> None:
    checked = f"  checked {result.checked}" if result.checked is not None else ""
    cpu = result.server_cpu_ms_per_request
    cpu_text = f"  server CPU {cpu:.1f} ms/request" if cpu is not None else ""
    print(
        f"  ({key}) run {number}: {result.requests_per_s:8.1f} req/s  "
        f"p50 {result.p50_ms:7.2f} ms  p99 {result.p99_ms:7.2f} ms  "
        f"errors {result.errors}{checked}{cpu_text}",
        flush=True,
    )


def measure_interleaved(
    loads: list[tuple[str, Load]], *, arguments: argparse.Namespace, cpus: CpuPlan
) -> dict[str, tuple[list[WrkResult], list[dict]]]:
    """Warm each load up, then run them in turn (A, B, A, B, …) ``--runs`` times; returns the
    runs and the serving processes' memory of each key."""
    runs: dict[str, list[WrkResult]] = {key: [] for key, _ in loads}
    for _, load in loads:
        load.sampler.case_start()
        load.run(WARM_UP_S, arguments, cpus)
    for number in range(1, arguments.runs + 1):
        for key, load in loads:
            result = load.run(arguments.duration, arguments, cpus)
            _print_run(key, number, result)
            runs[key].append(result)
    return {
        key: (runs[key], [memory.as_dict() for memory in load.sampler.case_memory()])
        for key, load in loads
    }


def answer_problems(base_url: str, paths_file: Path, *, datasette: bool) -> list[str]:
    """Ask ``ANSWER_SAMPLE`` paths spread over the file one by one and say what is wrong."""
    paths = paths_file.read_text(encoding="utf-8").split()
    step = max(1, len(paths) // ANSWER_SAMPLE)
    problems = []
    for path in paths[::step][:ANSWER_SAMPLE]:
        try:
            with urllib.request.urlopen(base_url + path, timeout=120) as reply:
                answer = json.load(reply)
        except (urllib.error.URLError, OSError, ValueError) as error:
            problems.append(f"{path}: {error}")
            continue
        if datasette and "_search=" in path:
            problems += [f"{path}: {problem}" for problem in peer.search_answer_problems(answer)]
        elif datasette and len(answer.get("rows") or []) != 1:
            problems.append(f"{path}: not one row")
        elif (
            not datasette
            and "?q=" in path
            and not set(KOZKINCS_FACETS) <= set(answer.get("facets") or {})
        ):
            problems.append(f"{path}: facets missing")
        elif not datasette and "?" not in path and "id" not in answer:
            problems.append(f"{path}: no record")
    return problems


class Measurement:
    """One server group (response cache on or off) with the Datasette peer beside it."""

    def __init__(self, *, arguments, metadata: dict, cpus: CpuPlan, facts: dict) -> None:
        self.arguments = arguments
        self.metadata = metadata
        self.cpus = cpus
        self.facts = facts
        self.summaries: list[CaseSummary] = []

    def paths(self, key: str) -> Path | None:
        name = self.metadata["paths"].get(key)
        return Path(name) if name else None

    def case(self, case: Case, load: Load, peer_load: Load | None) -> None:
        """Measure ``case`` (and its peer, interleaved, after checking sampled answers)."""
        loads = [(case.key, load)]
        if peer_load is not None:
            loads.append((case.peer_key, peer_load))
            for key, each in loads:
                problems = answer_problems(
                    each.server.base_url, each.paths_file, datasette=each is peer_load
                )
                for problem in problems[:5]:
                    print(f"  ({key}) answer check: {problem}")
                self.facts[f"answer check {key}"] = (
                    f"{len(problems)} problem(s) in {ANSWER_SAMPLE} sampled answers"
                )
        measured = measure_interleaved(loads, arguments=self.arguments, cpus=self.cpus)
        peer_summary = None
        if peer_load is not None:
            runs, memory = measured[case.peer_key]
            peer_summary = CaseSummary(
                case=case.peer_key, title=case.peer, runs=runs, target=None,
                cached=False, server="datasette", memory=memory,
            )  # fmt: skip
        runs, memory = measured[case.key]
        self.summaries.append(
            CaseSummary(
                case=case.key,
                title=case.title,
                runs=runs,
                target=case.target,
                cached=case.cached,
                peer=peer_summary,
                memory=memory,
            )
        )
        if peer_summary is not None:
            self.summaries.append(peer_summary)
