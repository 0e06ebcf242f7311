"""The export case of ``make bench``: every record as CSV and as XLSX, downloaded from the
served portal, timed, with the serving processes' memory sampled during the download; then a
complete OAI-PMH harvest in ``edm`` (ListRecords, following every resumption token) and the
DCAT-AP catalogue (issue 10's targets: ≥ 2,000 records/s, ≤ 200 ms).

A streamed export holds one batch of records at a time, so the memory a worker gains while
serving it stays the same whatever the number of records; the table shows that growth."""

import statistics
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass

from benchmarks.server import MemorySampler, Server

EXPORTS = (
    ("CSV, every record", "/opendata/records.csv", 10.0),
    ("XLSX, every record", "/opendata/records.xlsx", 30.0),
)
READ_CHUNK = 1 << 20
TIMEOUT_S = 900
OAI = "{http://www.openarchives.org/OAI/2.0/}"
HARVEST_TARGET_PER_S = 2000.0
CATALOGUE_PATH = "/opendata/catalog.ttl"
CATALOGUE_TARGET_MS = 200.0
CATALOGUE_REQUESTS = 20


@dataclass(frozen=True)
class ExportResult:
    label: str
    path: str
    seconds: float
    megabytes: float
    target_s: float
    memory_growth_mib: float
    """The largest rise of one serving process's RSS during the download."""

    @property
    def within_target(self) -> bool:
        return self.seconds <= self.target_s

    def as_fact(self) -> str:
        verdict = "within" if self.within_target else "OVER"
        return (
            f"{self.seconds:.1f} s ({verdict} the target of {self.target_s:.0f} s), "
            f"{self.megabytes:.1f} MB, worker memory +{self.memory_growth_mib:.0f} MiB"
        )


def _download(url: str) -> int:
    size = 0
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as reply:
        while chunk := reply.read(READ_CHUNK):
            size += len(chunk)
    return size


def measure_exports(server: Server, sampler: MemorySampler) -> list[ExportResult]:
    results = []
    for label, path, target in EXPORTS:
        sampler.case_start()
        before = {memory.pid: memory.rss_kib for memory in sampler.case_memory()}
        started = time.monotonic()
        size = _download(server.base_url + path)
        seconds = time.monotonic() - started
        growth_kib = max(
            (m.case_peak_kib - before.get(m.pid, m.rss_kib) for m in sampler.case_memory()),
            default=0,
        )
        results.append(
            ExportResult(label, path, seconds, size / 1e6, target, max(growth_kib, 0) / 1024)
        )
        print(f"  export {label}: {results[-1].as_fact()}")
    return results


def harvest(base_url: str, metadata_prefix: str = "edm") -> tuple[int, float, int]:
    """Harvest every record as a harvester does: ListRecords, then each resumption token until
    the last page. Returns (records, seconds, pages); an OAI-PMH error stops it loudly."""
    query = {"verb": "ListRecords", "metadataPrefix": metadata_prefix}
    records = pages = 0
    started = time.monotonic()
    while True:
        url = f"{base_url}/oai?{urllib.parse.urlencode(query)}"
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as reply:
            root = ET.parse(reply).getroot()
        error = root.find(f"{OAI}error")
        if error is not None:
            raise RuntimeError(f"OAI-PMH error {error.get('code')}: {error.text}")
        pages += 1
        records += len(root.findall(f"{OAI}ListRecords/{OAI}record"))
        token = root.find(f"{OAI}ListRecords/{OAI}resumptionToken")
        if token is None or not (token.text or "").strip():
            return records, time.monotonic() - started, pages
        query = {"verb": "ListRecords", "resumptionToken": token.text.strip()}


def measure_harvest(server: Server) -> dict:
    """The complete ``edm`` harvest, in records per second."""
    records, seconds, pages = harvest(server.base_url)
    rate = records / seconds if seconds else 0.0
    fact = (
        f"{records} records in {seconds:.1f} s over {pages} pages = {rate:,.0f} records/s "
        f"({'within' if rate >= HARVEST_TARGET_PER_S else 'UNDER'} the target of "
        f"{HARVEST_TARGET_PER_S:,.0f}/s)"
    )
    print(f"  OAI-PMH harvest, edm: {fact}")
    return {"OAI-PMH harvest, edm": fact}


def measure_catalogue(server: Server, *, response_cache: bool) -> dict:
    """The DCAT catalogue's median and slowest answer of :data:`CATALOGUE_REQUESTS`, asked one
    after another from workers that have not answered it yet. With the response cache on (the
    portal's default) each worker renders it on its first request and sends it again after;
    with it off, every request renders it."""
    timings = []
    for _ in range(CATALOGUE_REQUESTS):
        started = time.monotonic()
        _download(server.base_url + CATALOGUE_PATH)
        timings.append((time.monotonic() - started) * 1000)
    median, slowest = statistics.median(timings), max(timings)
    label = f"DCAT-AP catalogue (response cache {'on' if response_cache else 'off'})"
    fact = (
        f"median {median:.0f} ms, slowest {slowest:.0f} ms of {CATALOGUE_REQUESTS} "
        f"({'within' if slowest <= CATALOGUE_TARGET_MS else 'OVER'} the target of "
        f"{CATALOGUE_TARGET_MS:.0f} ms)"
    )
    print(f"  {label}: {fact}")
    return {label: fact}


def format_exports(results: list[ExportResult]) -> str:
    lines = [f"{'export':<22} {'seconds':>8} {'target':>7} {'MB':>8} {'+MiB':>6}"]
    for r in results:
        lines.append(
            f"{r.label:<22} {r.seconds:>8.1f} {r.target_s:>7.0f} {r.megabytes:>8.1f} "
            f"{r.memory_growth_mib:>6.0f}"
        )
    return "\n".join(lines)


def export_facts(results: list[ExportResult]) -> dict:
    return {f"export {r.label}": r.as_fact() for r in results} | {
        "exports": [asdict(r) for r in results]
    }
