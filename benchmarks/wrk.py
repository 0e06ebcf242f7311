"""Run wrk and read its report.

``wrk --latency`` prints requests/s, the latency distribution (50/75/90/99 %), and error
lines only when there were errors. :func:`parse_wrk_output` turns that text into a
:class:`WrkResult`; a report it cannot read raises ``ValueError`` rather than giving zeros.
"""

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

ROTATE_SCRIPT = Path(__file__).resolve().parent / "rotate.lua"

_DURATION_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_COUNT_UNITS = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9}

_REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_PERCENTILE = re.compile(r"^\s+(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_TOTAL = re.compile(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m|h),", re.MULTILINE)
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_CHECKED = re.compile(r"^Checked responses: (\d+), incomplete: (\d+)", re.MULTILINE)


@dataclass(frozen=True)
class WrkResult:
    """One wrk run: throughput, latency percentiles in milliseconds, error counts."""

    requests: int
    duration_s: float
    requests_per_s: float
    latency_ms: dict[str, float]  # "50", "75", "90", "99"
    connect_errors: int = 0
    read_errors: int = 0
    write_errors: int = 0
    timeouts: int = 0
    non_2xx: int = 0
    checked: int | None = None
    """Answers whose body ``rotate.lua`` checked (``None``: no checks asked)."""
    incomplete: int = 0
    """Checked answers lacking a required text or holding a forbidden one."""
    server_cpu_s: float | None = None
    """CPU time the serving processes used during the run (``None``: not measured)."""

    @property
    def server_cpu_ms_per_request(self) -> float | None:
        """The server's CPU time per answered request: steady whatever else the machine runs,
        where requests/s and latencies are not."""
        if self.server_cpu_s is None or not self.requests:
            return None
        return self.server_cpu_s * 1000 / self.requests

    @property
    def errors(self) -> int:
        """Failed requests of any kind: socket errors, timeouts, non-2xx/3xx answers and
        answers that failed the body checks."""
        return (
            self.connect_errors + self.read_errors + self.write_errors + self.timeouts
            + self.non_2xx + self.incomplete
        )  # fmt: skip

    @property
    def p50_ms(self) -> float:
        return self.latency_ms["50"]

    @property
    def p99_ms(self) -> float:
        return self.latency_ms["99"]

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "errors": self.errors,
            "server_cpu_ms_per_request": self.server_cpu_ms_per_request,
        }


def duration_ms(amount: str, unit: str) -> float:
    """``"812.00", "us"`` → 0.812; ``"1.20", "s"`` → 1200.0."""
    return float(amount) * _DURATION_UNITS[unit]


def parse_wrk_output(text: str) -> WrkResult:
    """Read the report of ``wrk --latency`` (wrk 4.x)."""
    rps = _REQUESTS_PER_SECOND.search(text)
    total = _TOTAL.search(text)
    percentiles = {
        level: duration_ms(amount, unit) for level, amount, unit in _PERCENTILE.findall(text)
    }
    if not rps or not total or set(percentiles) != {"50", "75", "90", "99"}:
        raise ValueError(f"not a wrk --latency report:\n{text[:2000]}")
    socket = _SOCKET_ERRORS.search(text)
    connect, read, write, timeout = (int(n) for n in socket.groups()) if socket else (0,) * 4
    non_2xx = _NON_2XX.search(text)
    checked = _CHECKED.search(text)
    return WrkResult(
        requests=int(total.group(1)),
        duration_s=duration_ms(total.group(2), total.group(3)) / 1000,
        requests_per_s=float(rps.group(1)),
        latency_ms=percentiles,
        connect_errors=connect,
        read_errors=read,
        write_errors=write,
        timeouts=timeout,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        checked=int(checked.group(1)) if checked else None,
        incomplete=int(checked.group(2)) if checked else 0,
    )


def wrk_command(
    *,
    base_url: str,
    paths_file: Path,
    duration_s: int,
    connections: int,
    threads: int,
    cpus: str | None,
    timeout_s: int = 5,
    required: tuple[str, ...] = (),
    forbidden: tuple[str, ...] = (),
) -> list[str]:
    """The command line of one run: ``rotate.lua`` cycles through the paths in ``paths_file``
    and checks that every 200 answer holds each ``required`` text and no ``forbidden`` one."""
    command = [
        "wrk", f"--threads={threads}", f"--connections={connections}",
        f"--duration={duration_s}s", f"--timeout={timeout_s}s", "--latency",
        f"--script={ROTATE_SCRIPT}", base_url, "--", str(paths_file),
        *(f"+{text}" for text in required), *(f"-{text}" for text in forbidden),
    ]  # fmt: skip
    if cpus and shutil.which("taskset"):
        command = ["taskset", "--cpu-list", cpus, *command]
    return command


def wrk_run(command: list[str], *, duration_s: int) -> WrkResult:
    """Run wrk once and parse its report; a failing wrk raises ``RuntimeError``."""
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration_s + 60, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    return parse_wrk_output(completed.stdout)
