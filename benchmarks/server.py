"""Serve the benchmark database as ``make run`` does and watch the server's memory.

granian (WSGI, 2 workers, 2 blocking threads each) on a free loopback port, pinned to its
own cores with ``taskset`` when asked; the Datasette peer the same way with its own command.
:class:`MemorySampler` reads the resident set size of the server's process tree and of each
serving process (granian's workers) from ``/proc`` while the load runs.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

STARTUP_TIMEOUT_S = 90
WARM_ROUND_S = 0.5
"""Two warm-up rounds in a row whose every answer comes within this time mean every worker is
ready (a worker's first search loads the index's snapshot: over a second at 100,000 records)."""
IDLE_CPU_SHARE = 0.1
"""The server's processes are done starting when they use less than this share of one core."""
IDLE_WINDOW_S = 0.5
GRANIAN_WORKERS = 2
GRANIAN_THREADS = 2


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class CpuPlan:
    """Which cores the server and wrk run on (``None``: not pinned)."""

    server: str | None
    load: str | None

    @property
    def load_threads(self) -> int:
        return len(self.load.split(",")) if self.load else 2


def cpu_plan(*, pin: bool) -> CpuPlan:
    """The last core for wrk, the others for the server; no pinning on one core."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not pin or len(cores) < 2 or not shutil.which("taskset"):
        return CpuPlan(server=None, load=None)
    return CpuPlan(server=",".join(str(c) for c in cores[:-1]), load=str(cores[-1]))


def granian_command(port: int) -> list[str]:
    """The portal served as ``make run`` serves it: WSGI, 2 workers, 2 blocking threads each."""
    granian = str(Path(sys.executable).with_name("granian"))
    return [
        granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(GRANIAN_WORKERS), "--blocking-threads", str(GRANIAN_THREADS),
        "--no-access-log", "kozkincs.config.wsgi:application",
    ]  # fmt: skip


class Server:
    """A server process on a free loopback port: granian serving ``kozkincs.config.wsgi``
    by default, or what ``command(port)`` returns (the Datasette peer)."""

    def __init__(
        self,
        *,
        env: dict[str, str],
        cpus: str | None,
        log_path: Path,
        command: Callable[[int], list[str]] = granian_command,
    ) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        command_line = command(self.port)
        if cpus:
            command_line = ["taskset", "--cpu-list", cpus, *command_line]
        self.command = command_line
        self._env = env
        self._log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        """The environment the server runs with (its database, its settings)."""
        return self._env

    def start(self, *, probe_path: str, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self._log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self._env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        self._wait_until_ready(probe_path, timeout_s)

    def _wait_until_ready(self, probe_path: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        last_error = ""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command[0]} exited; see {self._log_path}")
            remaining = max(1.0, deadline - time.monotonic())
            try:
                with urllib.request.urlopen(self.base_url + probe_path, timeout=remaining) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError) as error:
                last_error = str(error)
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server did not answer {probe_path}: {last_error}")

    def warm(
        self, path: str, *, connections: int = 8, timeout_s: float = STARTUP_TIMEOUT_S
    ) -> float:
        """Ask ``path`` over ``connections`` new connections at once, round after round, until
        two rounds in a row answer within :data:`WARM_ROUND_S`: then every worker has loaded
        what it loads on its first request (the search snapshot), and the first measured run
        does not pay for it. The rounds begin once every worker has started (the server's
        processes idle): a worker still importing the application takes no connections, and
        rounds answered by the others alone would leave it cold. Returns the seconds it took."""
        started = time.monotonic()
        self._wait_until_idle(timeout_s)

        def ask(_: int) -> float:
            begun = time.monotonic()
            with urllib.request.urlopen(self.base_url + path, timeout=timeout_s) as reply:
                reply.read()
            return time.monotonic() - begun

        fast_rounds = 0
        with ThreadPoolExecutor(max_workers=connections) as pool:
            while fast_rounds < 2 and time.monotonic() - started < timeout_s:
                fast = max(pool.map(ask, range(connections))) <= WARM_ROUND_S
                fast_rounds = fast_rounds + 1 if fast else 0
        return time.monotonic() - started

    def _wait_until_idle(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        used = tree_cpu_seconds(self.process.pid)
        while time.monotonic() < deadline:
            time.sleep(IDLE_WINDOW_S)
            now = tree_cpu_seconds(self.process.pid)
            if now - used < IDLE_CPU_SHARE * IDLE_WINDOW_S:
                return
            used = now

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def tree_cpu_seconds(root: int) -> float:
    """The CPU time (user + system) that ``root`` and its descendants have used so far, from
    ``/proc/<pid>/stat``; a process gone meanwhile counts 0."""
    ticks = 0
    for pid in process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def status_kib(pid: int, key: str) -> int:
    """A ``kB`` value (``VmRSS``, ``VmHWM``) from ``/proc/<pid>/status``; 0 when gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


@dataclass(frozen=True)
class ProcessMemory:
    """Resident set of one serving process, in KiB: now, the peak sampled during the current
    case, and the kernel's high-water mark since the process started (``VmHWM``)."""

    pid: int
    rss_kib: int
    case_peak_kib: int
    hwm_kib: int

    def as_dict(self) -> dict:
        return {
            "pid": self.pid,
            "rss_mib": round(self.rss_kib / 1024, 1),
            "case_peak_mib": round(self.case_peak_kib / 1024, 1),
            "hwm_mib": round(self.hwm_kib / 1024, 1),
        }


class MemorySampler(threading.Thread):
    """Samples the RSS of a server's process tree every ``interval`` seconds: the sum over
    the tree (its peak) and each process on its own (its peak within the current case).

    The *serving* processes are the root's descendants (granian's workers; its main process
    only hands out connections), or the root itself when it has none (Datasette's uvicorn).
    """

    def __init__(self, root_pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.interval = interval
        self.peak_total_kib = 0
        self.peak_hwm_kib: dict[int, int] = {}
        self._case_peak_kib: dict[int, int] = {}
        self._last_kib: dict[int, int] = {}
        self._lock = threading.Lock()
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def serving_pids(self) -> list[int]:
        tree = process_tree(self.root_pid)
        return sorted(pid for pid in tree if pid != self.root_pid) or [self.root_pid]

    def sample(self) -> None:
        pids = process_tree(self.root_pid)
        rss = {pid: status_kib(pid, "VmRSS") for pid in pids}
        with self._lock:
            self.peak_total_kib = max(self.peak_total_kib, sum(rss.values()))
            self._last_kib = rss
            for pid in pids:
                hwm = status_kib(pid, "VmHWM")
                self.peak_hwm_kib[pid] = max(self.peak_hwm_kib.get(pid, 0), hwm)
                self._case_peak_kib[pid] = max(self._case_peak_kib.get(pid, 0), rss[pid])

    def case_start(self) -> None:
        """Start a new case: the per-case peaks count from now."""
        with self._lock:
            self._case_peak_kib = {}
        self.sample()

    def case_memory(self) -> list[ProcessMemory]:
        """Each serving process's memory now (at the end of a case) and at its peak."""
        self.sample()
        with self._lock:
            return [
                ProcessMemory(
                    pid=pid,
                    rss_kib=self._last_kib.get(pid, 0),
                    case_peak_kib=self._case_peak_kib.get(pid, 0),
                    hwm_kib=self.peak_hwm_kib.get(pid, 0),
                )
                for pid in self.serving_pids()
            ]

    def stop(self) -> None:
        self.sample()
        self._stop_event.set()
        self.join(timeout=5)
