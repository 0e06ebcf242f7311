import json

import pytest
from benchmarks.results import (
    CaseSummary,
    Target,
    format_memory,
    format_pairs,
    format_table,
    median,
    write_results,
)
from benchmarks.wrk import WrkResult


def run(
    rps: float, p50: float, p99: float, non_2xx: int = 0, cpu_s: float | None = None
) -> WrkResult:
    latency = {"50": p50, "75": p50, "90": p99, "99": p99}
    return WrkResult(
        requests=int(rps * 10), duration_s=10.0, requests_per_s=rps, latency_ms=latency,
        non_2xx=non_2xx, server_cpu_s=cpu_s,
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

    path = write_results(
        tmp_path / "r" / "results.json", summaries=[passing], facts={"x": 1},
        machine={"cores": 2},
    )  # fmt: skip
    document = json.loads(path.read_text())
    assert document["facts"] == {"x": 1}
    assert document["machine"] == {"cores": 2}
    assert document["cases"][0]["requests_per_s"] == 2500
    assert document["cases"][0]["passed"] is True
    assert document["cases"][0]["runs"][0]["errors"] == 0


def pair(mine: list[float], theirs: list[float], *, p99=100.0, peer_errors=0, target=None):
    peer = CaseSummary(
        case="r-ds", title="Datasette", target=None, cached=False, server="datasette",
        runs=[run(rps, 10, 50, non_2xx=peer_errors) for rps in theirs],
        memory=[{"pid": 9, "rss_mib": 60.0, "case_peak_mib": 64.0, "hwm_mib": 66.0}],
    )  # fmt: skip
    return CaseSummary(
        case="r", title="random search", target=target or Target(max_p99_ms=500, min_peer_ratio=3),
        cached=False, runs=[run(rps, 10, p99) for rps in mine], peer=peer,
        memory=[
            {"pid": 1, "rss_mib": 180.0, "case_peak_mib": 232.0, "hwm_mib": 240.0},
            {"pid": 2, "rss_mib": 179.0, "case_peak_mib": 230.0, "hwm_mib": 239.0},
        ],
    )  # fmt: skip


def test_relative_target_compares_the_medians_with_the_peers():
    assert Target(max_p99_ms=500, min_peer_ratio=3).describe() == "≥ 3x Datasette, p99 ≤ 500 ms"
    assert Target(min_peer_ratio=1).describe() == "≥ 1x Datasette"
    summary = pair([120, 150, 130], [40, 45, 50])
    assert summary.ratio == pytest.approx(130 / 45)
    assert summary.run_ratios == pytest.approx([3.0, 150 / 45, 2.6])
    assert not summary.passed and summary.result == "MISS"  # 2.9x < 3x
    assert pair([150, 150, 150], [45, 50, 40]).result == "PASS"  # 150 / 45 = 3.3x
    assert pair([150] * 3, [45] * 3, p99=501).result == "MISS"


def test_a_peer_with_failed_answers_makes_the_comparison_invalid():
    summary = pair([150] * 3, [45] * 3, peer_errors=2)
    assert summary.peer.errors == 6
    assert not summary.passed
    assert summary.result == "INVALID"


def test_a_relative_target_without_its_peer_is_not_judged():
    alone = CaseSummary(
        case="j", title="t", runs=[run(900, 1, 5)], target=Target(min_peer_ratio=1), cached=False
    )
    assert alone.result == "NO PEER"
    assert not alone.passed


def test_pairs_and_memory_are_printed_and_written(tmp_path):
    summary = pair([150, 160, 155], [45, 50, 40])
    table = format_table([summary, summary.peer])
    assert table.splitlines()[3].startswith("r-ds") and table.splitlines()[3].endswith("peer")
    pairs = format_pairs([summary, summary.peer]).splitlines()
    assert pairs[3].split()[:4] == ["r", "155.0", "45.0", "3.44x"]
    assert "3.33 3.20 3.88" in pairs[3] and pairs[3].endswith("PASS")
    memory = format_memory([summary, summary.peer]).splitlines()
    assert memory[1].split()[:2] == ["r", "kozkincs"]
    assert "180 / 232 (VmHWM 240)" in memory[1] and "179 / 230 (VmHWM 239)" in memory[1]
    assert "60 / 64 (VmHWM 66)" in memory[2]
    path = write_results(tmp_path / "r.json", summaries=[summary, summary.peer], facts={})
    cases = json.loads(path.read_text())["cases"]
    assert cases[0]["ratio_to_peer"] == pytest.approx(155 / 45)
    assert cases[0]["peer_case"] == "r-ds"
    assert cases[0]["result"] == "PASS"
    assert cases[0]["memory"][0]["case_peak_mib"] == 232.0
    assert (cases[1]["server"], cases[1]["target"], cases[1]["result"]) == (
        "datasette",
        None,
        "peer",
    )


def test_no_pairs_no_memory_no_blocks():
    alone = CaseSummary(case="a", title="t", runs=[run(1, 1, 1)], target=Target(1), cached=True)
    assert format_pairs([alone]) == ""
    assert format_memory([alone]) == ""


def test_the_server_cpu_per_request_is_the_median_of_the_runs():
    summary = CaseSummary(
        case="r", title="search", target=Target(max_p99_ms=500), cached=False,
        runs=[run(50, 1, 4, cpu_s=10.0), run(40, 1, 4, cpu_s=9.0), run(60, 1, 1, cpu_s=9.0)],
    )  # fmt: skip
    assert summary.runs[0].server_cpu_ms_per_request == 20.0  # 10 s over 500 requests
    assert summary.server_cpu_ms == 20.0  # 20, 22.5 and 15 ms
    assert summary.as_dict()["server_cpu_ms_per_request"] == 20.0
    assert " 20.0 " in format_table([summary]).splitlines()[2]
    unmeasured = CaseSummary(case="r", title="s", target=None, cached=False, runs=[run(5, 1, 1)])
    assert unmeasured.server_cpu_ms is None
    assert unmeasured.runs[0].as_dict()["server_cpu_ms_per_request"] is None
