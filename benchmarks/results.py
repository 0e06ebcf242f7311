"""Medians of repeated runs, the targets of issues #3 and #7, the printed tables, the JSON file.

A target is absolute (requests/s, p99) or relative to the Datasette peer measured in the same
run (``min_peer_ratio``: Közkincs's median requests/s ÷ Datasette's). A comparison whose peer
had failed answers (errors, a facet or count missing) is INVALID, not a pass or a miss.
"""

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.wrk import WrkResult


@dataclass(frozen=True)
class Target:
    min_requests_per_s: float = 0
    max_p99_ms: float | None = None
    min_peer_ratio: float | None = None
    """Közkincs's requests/s at least this many times Datasette's (same requests, same run)."""

    def describe(self) -> str:
        parts = []
        if self.min_requests_per_s:
            parts.append(f"≥ {self.min_requests_per_s:,.0f} req/s")
        if self.min_peer_ratio is not None:
            parts.append(f"≥ {self.min_peer_ratio:g}x Datasette")
        if self.max_p99_ms:
            parts.append(f"p99 ≤ {self.max_p99_ms:g} ms")
        return ", ".join(parts)


@dataclass(frozen=True)
class CaseSummary:
    """The median of each measure over a case's runs, and the errors of all runs."""

    case: str
    title: str
    runs: list[WrkResult]
    target: Target | None
    """``None`` for a peer's measurement (it has no target of its own)."""
    cached: bool
    server: str = "kozkincs"
    peer: "CaseSummary | None" = None
    """Datasette's measurement of the same requests, for a target relative to it."""
    memory: list[dict] = field(default_factory=list)
    """Each serving process's resident set at the end of the case and at its peak."""
    requests_per_s: float = field(init=False)
    p50_ms: float = field(init=False)
    p99_ms: float = field(init=False)
    errors: int = field(init=False)
    server_cpu_ms: float | None = field(init=False)
    """The median of the runs' server CPU time per request (``None``: not measured)."""

    def __post_init__(self) -> None:
        if not self.runs:
            raise ValueError(f"case {self.case} has no runs")
        cpu = [r.server_cpu_ms_per_request for r in self.runs]
        known = [value for value in cpu if value is not None]
        object.__setattr__(self, "server_cpu_ms", median(known) if known else None)
        object.__setattr__(self, "requests_per_s", median([r.requests_per_s for r in self.runs]))
        object.__setattr__(self, "p50_ms", median([r.p50_ms for r in self.runs]))
        object.__setattr__(self, "p99_ms", median([r.p99_ms for r in self.runs]))
        object.__setattr__(self, "errors", sum(r.errors for r in self.runs))

    @property
    def ratio(self) -> float | None:
        """Median requests/s ÷ the peer's median requests/s."""
        if self.peer is None or not self.peer.requests_per_s:
            return None
        return self.requests_per_s / self.peer.requests_per_s

    @property
    def run_ratios(self) -> list[float]:
        """The ratio of each interleaved pair of runs (run i of this case, then of the peer)."""
        if self.peer is None:
            return []
        return [
            mine.requests_per_s / theirs.requests_per_s
            for mine, theirs in zip(self.runs, self.peer.runs, strict=False)
            if theirs.requests_per_s
        ]

    @property
    def passed(self) -> bool:
        """Throughput, ratio and p99 within the target and not a single failed request (of
        this case, or of the peer it is compared with)."""
        target = self.target
        if target is None or self.errors or self.requests_per_s < target.min_requests_per_s:
            return False
        if target.min_peer_ratio is not None:
            if self.peer is None or self.peer.errors or self.ratio is None:
                return False
            if self.ratio < target.min_peer_ratio:
                return False
        return target.max_p99_ms is None or self.p99_ms <= target.max_p99_ms

    @property
    def result(self) -> str:
        """PASS or MISS; ``peer`` for Datasette's own rows; NO PEER or INVALID when a
        relative target cannot be judged (no peer measured, or its answers failed)."""
        if self.target is None:
            return "peer"
        if self.target.min_peer_ratio is not None:
            if self.peer is None:
                return "NO PEER"
            if self.peer.errors:
                return "INVALID"
        return "PASS" if self.passed else "MISS"

    def as_dict(self) -> dict:
        return {
            "case": self.case,
            "title": self.title,
            "server": self.server,
            "cached": self.cached,
            "target": self.target.describe() if self.target else None,
            "requests_per_s": self.requests_per_s,
            "p50_ms": self.p50_ms,
            "p99_ms": self.p99_ms,
            "errors": self.errors,
            "server_cpu_ms_per_request": self.server_cpu_ms,
            "passed": self.passed,
            "result": self.result,
            "peer_case": self.peer.case if self.peer else None,
            "ratio_to_peer": self.ratio,
            "run_ratios_to_peer": self.run_ratios,
            "memory": self.memory,
            "runs": [run.as_dict() for run in self.runs],
        }


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def _target_text(summary: CaseSummary) -> str:
    return summary.target.describe() if summary.target else "(the peer: no target)"


def format_table(summaries: list[CaseSummary]) -> str:
    """One line per case: case, what, req/s, p50, p99, errors, target, PASS/MISS."""
    header = (
        f"{'case':<5} {'what':<44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'CPU ms/req':>10}  {'target':<32} result"
    )
    lines = [header, "-" * len(header)]
    for summary in summaries:
        cpu = f"{summary.server_cpu_ms:.1f}" if summary.server_cpu_ms is not None else "—"
        lines.append(
            f"{summary.case:<5} {summary.title[:44]:<44} {summary.requests_per_s:>8.0f} "
            f"{summary.p50_ms:>8.1f} {summary.p99_ms:>8.1f} {summary.errors:>6} {cpu:>10}  "
            f"{_target_text(summary):<32} {summary.result}"
        )
    return "\n".join(lines)


def format_pairs(summaries: list[CaseSummary]) -> str:
    """Közkincs beside Datasette for each case with a peer: both medians, the ratio of the
    medians, the ratio of each interleaved pair of runs, the target and the result."""
    paired = [summary for summary in summaries if summary.peer is not None]
    if not paired:
        return ""
    header = (
        f"{'case':<5} {'Közkincs req/s':>14} {'Datasette req/s':>15} {'ratio':>7}  "
        f"{'ratio per run':<22} {'p99 ms':>8} {'DS p99':>8} {'DS err':>6}  {'target':<32} result"
    )
    lines = ["Közkincs ÷ Datasette (same requests, runs interleaved, medians)", header]
    lines.append("-" * len(header))
    for summary in paired:
        peer = summary.peer
        runs = " ".join(f"{ratio:.2f}" for ratio in summary.run_ratios)
        ratio = f"{summary.ratio:.2f}x" if summary.ratio is not None else "—"
        lines.append(
            f"{summary.case:<5} {summary.requests_per_s:>14.1f} {peer.requests_per_s:>15.1f} "
            f"{ratio:>7}  {runs:<22} {summary.p99_ms:>8.1f} {peer.p99_ms:>8.1f} "
            f"{peer.errors:>6}  {_target_text(summary):<32} {summary.result}"
        )
    return "\n".join(lines)


def format_memory(summaries: list[CaseSummary]) -> str:
    """Each serving process's resident set (MiB) at the end of each case / its peak in it."""
    rows = [summary for summary in summaries if summary.memory]
    if not rows:
        return ""
    lines = [
        "Memory of each serving process (RSS MiB at the end of the case / peak during it; "
        "VmHWM = peak since the process started)"
    ]
    for summary in rows:
        cells = "   ".join(
            f"{item['rss_mib']:.0f} / {item['case_peak_mib']:.0f} (VmHWM {item['hwm_mib']:.0f})"
            for item in summary.memory
        )
        lines.append(f"{summary.case:<5} {summary.server:<10} {cells}")
    return "\n".join(lines)


def format_facts(facts: dict) -> str:
    width = max((len(key) for key in facts), default=0)
    return "\n".join(f"{key:<{width}}  {value}" for key, value in facts.items())


def write_results(
    path: Path, *, summaries: list[CaseSummary], facts: dict, machine: dict | None = None
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine or {},
        "facts": facts,
        "cases": [summary.as_dict() for summary in summaries],
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
