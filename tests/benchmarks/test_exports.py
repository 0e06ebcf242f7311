import pytest
from benchmarks.exports import EXPORTS, ExportResult, export_facts, format_exports
from benchmarks.run import parse_arguments


def test_exports_are_the_full_csv_and_xlsx_with_their_targets():
    assert [(path, target) for _label, path, target in EXPORTS] == [
        ("/opendata/records.csv", 10.0),
        ("/opendata/records.xlsx", 30.0),
    ]


def test_export_results_say_whether_they_met_the_target():
    fast = ExportResult("CSV, every record", "/opendata/records.csv", 4.2, 31.5, 10.0, 12.0)
    slow = ExportResult("XLSX, every record", "/opendata/records.xlsx", 31.0, 9.0, 30.0, 20.0)
    assert fast.as_fact() == "4.2 s (within the target of 10 s), 31.5 MB, worker memory +12 MiB"
    assert "OVER the target of 30 s" in slow.as_fact()
    table = format_exports([fast, slow]).splitlines()
    assert table[1].split()[-4:] == ["4.2", "10", "31.5", "12"]
    facts = export_facts([fast])
    assert facts["export CSV, every record"] == fast.as_fact()
    assert facts["exports"][0]["seconds"] == 4.2


def test_exports_can_be_left_out():
    assert parse_arguments([]).no_exports is False
    assert parse_arguments(["--no-exports"]).no_exports is True


def test_a_harvest_that_meets_an_oai_error_stops_loudly(monkeypatch):
    """A wrong metadata prefix or token must not be timed as a quick, empty harvest."""
    import io

    from benchmarks import exports

    error = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        b'<error code="badResumptionToken">expired</error></OAI-PMH>'
    )
    monkeypatch.setattr(exports.urllib.request, "urlopen", lambda url, timeout: io.BytesIO(error))
    with pytest.raises(RuntimeError, match="badResumptionToken"):
        exports.harvest("http://127.0.0.1:1")


def test_the_catalogue_is_judged_by_its_slowest_answer_and_named_by_the_cache(monkeypatch):
    from types import SimpleNamespace

    from benchmarks import exports

    times = iter([0.0, 0.05] * 19 + [0.0, 0.25])  # 19 answers of 50 ms, one of 250 ms
    monkeypatch.setattr(exports.time, "monotonic", lambda: next(times))
    asked = []
    monkeypatch.setattr(exports, "_download", lambda url: asked.append(url) or 1)
    server = SimpleNamespace(base_url="http://127.0.0.1:1")
    facts = exports.measure_catalogue(server, response_cache=True)
    assert asked == ["http://127.0.0.1:1/opendata/catalog.ttl"] * exports.CATALOGUE_REQUESTS
    assert facts == {
        "DCAT-AP catalogue (response cache on)": (
            "median 50 ms, slowest 250 ms of 20 (OVER the target of 200 ms)"
        )
    }
    times = iter([0.0, 0.05] * 20)
    facts = exports.measure_catalogue(server, response_cache=False)
    assert "within the target" in facts["DCAT-AP catalogue (response cache off)"]
