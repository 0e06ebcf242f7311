"""Medians of repeated runs, the targets of issue #3, the printed table and the JSON file."""

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.wrk import WrkResult


@dataclass(frozen=True)
class Target:
    min_requests_per_s: float
    max_p99_ms: float | None = None

    def describe(self) -> str:
        text = f"≥ {self.min_requests_per_s:,.0f} req/s"
        return text + (f", p99 ≤ {self.max_p99_ms:g} ms" if self.max_p99_ms else "")


@dataclass(frozen=True)
class CaseSummary:
    """The median of each measure over a case's runs, and the errors of all runs."""

    case: str
    title: str
    runs: list[WrkResult]
    target: Target
    cached: bool
    requests_per_s: float = field(init=False)
    p50_ms: float = field(init=False)
    p99_ms: float = field(init=False)
    errors: int = field(init=False)

    def __post_init__(self) -> None:
        if not self.runs:
            raise ValueError(f"case {self.case} has no runs")
        object.__setattr__(self, "requests_per_s", median([r.requests_per_s for r in self.runs]))
        object.__setattr__(self, "p50_ms", median([r.p50_ms for r in self.runs]))
        object.__setattr__(self, "p99_ms", median([r.p99_ms for r in self.runs]))
        object.__setattr__(self, "errors", sum(r.errors for r in self.runs))

    @property
    def passed(self) -> bool:
        """Throughput and p99 within the target and not a single failed request."""
        if self.errors or self.requests_per_s < self.target.min_requests_per_s:
            return False
        return self.target.max_p99_ms is None or self.p99_ms <= self.target.max_p99_ms

    def as_dict(self) -> dict:
        return {
            "case": self.case,
            "title": self.title,
            "cached": self.cached,
            "target": self.target.describe(),
            "requests_per_s": self.requests_per_s,
            "p50_ms": self.p50_ms,
            "p99_ms": self.p99_ms,
            "errors": self.errors,
            "passed": self.passed,
            "runs": [run.as_dict() for run in self.runs],
        }


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def format_table(summaries: list[CaseSummary]) -> str:
    header = (
        f"{'case':<4} {'what':<40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}  "
        f"{'target':<28} result"
    )
    lines = [header, "-" * len(header)]
    for summary in summaries:
        lines.append(
            f"{summary.case:<4} {summary.title[:40]:<40} {summary.requests_per_s:>8.0f} "
            f"{summary.p50_ms:>8.1f} {summary.p99_ms:>8.1f} {summary.errors:>6}  "
            f"{summary.target.describe():<28} {'PASS' if summary.passed else 'MISS'}"
        )
    return "\n".join(lines)


def format_facts(facts: dict) -> str:
    width = max((len(key) for key in facts), default=0)
    return "\n".join(f"{key:<{width}}  {value}" for key, value in facts.items())


def write_results(path: Path, *, summaries: list[CaseSummary], facts: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"facts": facts, "cases": [summary.as_dict() for summary in summaries]}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
