import json

import pytest
from benchmarks.results import CaseSummary, Target, format_table, median, write_results
from benchmarks.wrk import WrkResult


def run(rps: float, p50: float, p99: float, non_2xx: int = 0) -> WrkResult:
    latency = {"50": p50, "75": p50, "90": p99, "99": p99}
    return WrkResult(
        requests=int(rps * 10), duration_s=10.0, requests_per_s=rps, latency_ms=latency,
        non_2xx=non_2xx,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("values", "expected"),
    [([3.0], 3.0), ([5.0, 1.0, 3.0], 3.0), ([4.0, 1.0, 3.0, 2.0], 2.5), ([2, 2, 9], 2.0)],
)
def test_median(values, expected):
    assert median(values) == expected


def test_median_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        median([])


def test_summary_takes_the_median_of_each_measure_and_sums_errors():
    summary = CaseSummary(
        case="d", title="detail", target=Target(1000, 50), cached=False,
        runs=[run(900, 2, 40), run(1200, 3, 70, non_2xx=1), run(1100, 1, 30)],
    )  # fmt: skip
    assert summary.requests_per_s == 1100
    assert summary.p50_ms == 2
    assert summary.p99_ms == 40
    assert summary.errors == 1
    assert not summary.passed  # one failed request is enough to miss


def test_summary_passes_only_within_throughput_and_p99():
    def summary(rps, p99):
        runs = [run(rps, 1, p99)] * 3
        return CaseSummary(case="a", title="t", runs=runs, target=Target(2000, 30), cached=True)

    assert summary(2500, 20).passed
    assert not summary(1999, 20).passed
    assert not summary(2500, 31).passed
    no_latency_target = CaseSummary(
        case="e", title="t", runs=[run(60, 1, 900)], target=Target(50), cached=False
    )
    assert no_latency_target.passed


def test_summary_needs_runs():
    with pytest.raises(ValueError):
        CaseSummary(case="a", title="t", runs=[], target=Target(1), cached=True)


def test_table_shows_target_beside_measure(tmp_path):
    passing = CaseSummary(
        case="a", title="hot search", runs=[run(2500, 5, 20)], target=Target(2000, 30),
        cached=True,
    )  # fmt: skip
    missing = CaseSummary(
        case="b", title="cold search", runs=[run(80, 50, 400)], target=Target(100, 300),
        cached=False,
    )  # fmt: skip
    table = format_table([passing, missing]).splitlines()
    assert "2500" in table[2] and "≥ 2,000 req/s, p99 ≤ 30 ms" in table[2]
    assert table[2].endswith("PASS")
    assert table[3].endswith("MISS")
    path = write_results(tmp_path / "r" / "results.json", summaries=[passing], facts={"x": 1})
    document = json.loads(path.read_text())
    assert document["facts"] == {"x": 1}
    assert document["cases"][0]["requests_per_s"] == 2500
    assert document["cases"][0]["passed"] is True
    assert document["cases"][0]["runs"][0]["errors"] == 0
