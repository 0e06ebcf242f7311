import os
import subprocess
import sys
import time

from benchmarks.server import (
    MemorySampler,
    Server,
    cpu_plan,
    free_port,
    granian_command,
    process_tree,
    status_kib,
    tree_cpu_seconds,
)


def test_no_pinning_when_not_asked():
    plan = cpu_plan(pin=False)
    assert (plan.server, plan.load) == (None, None)
    assert plan.load_threads == 2


def test_pinning_gives_wrk_the_last_core_and_the_server_the_others(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr("benchmarks.server.shutil.which", lambda name: "/usr/bin/taskset")
    plan = cpu_plan(pin=True)
    assert (plan.server, plan.load, plan.load_threads) == ("0,1,2", "3", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert cpu_plan(pin=True).load is None


def test_the_cpu_time_of_a_process_tree_counts_its_children():
    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    child = subprocess.Popen([sys.executable, "-c", busy + "\ntime.sleep(30)"])
    try:
        before = tree_cpu_seconds(child.pid)
        deadline = time.monotonic() + 20
        while tree_cpu_seconds(child.pid) < 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert tree_cpu_seconds(child.pid) >= 0.3 > before
        assert tree_cpu_seconds(os.getpid()) >= tree_cpu_seconds(child.pid)
    finally:
        child.kill()
        child.wait()
    assert tree_cpu_seconds(child.pid) == 0


def test_free_port_is_a_usable_port():
    assert 1024 <= free_port() <= 65535


def test_memory_of_a_process_tree_is_read_from_proc():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in process_tree(os.getpid())
        assert status_kib(child.pid, "VmRSS") > 0
        sampler = MemorySampler(os.getpid(), interval=0.01)
        sampler.sample()
        own = status_kib(os.getpid(), "VmRSS")
        assert sampler.peak_total_kib >= own + status_kib(child.pid, "VmRSS") // 2
        assert sampler.peak_hwm_kib[child.pid] > 0
    finally:
        child.kill()
        child.wait()
    assert status_kib(child.pid, "VmRSS") == 0


def test_granian_serves_as_make_run_does():
    command = granian_command(8123)
    assert command[0].endswith("granian")
    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--blocking-threads") + 1] == "2"
    assert command[-1] == "kozkincs.config.wsgi:application"
    assert "--backpressure" not in command


def test_a_server_of_another_command_starts_answers_and_stops(tmp_path):
    (tmp_path / "ok.json").write_text("{}")
    server = Server(
        env=dict(os.environ),
        cpus=None,
        log_path=tmp_path / "server.log",
        command=lambda port: [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(tmp_path),
        ],
    )
    with server:
        server.start(probe_path="/ok.json", timeout_s=30)
        assert server.warm("/ok.json", connections=3, timeout_s=30) < 30
        pid = server.process.pid
        assert status_kib(pid, "VmRSS") > 0
    assert server.process.poll() is not None


def test_memory_is_reported_per_serving_process_and_per_case():
    script = (
        "import subprocess, sys, time; "
        "children = [subprocess.Popen([sys.executable, '-c', "
        "'b = bytearray(40 * 1024 * 1024); import time; time.sleep(30)']) for _ in range(2)]; "
        "time.sleep(30)"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        sampler = MemorySampler(parent.pid, interval=0.01)
        for _ in range(200):  # until both workers hold their 40 MiB
            pids = sampler.serving_pids()
            if len(pids) == 2 and all(status_kib(p, "VmRSS") > 40 * 1024 for p in pids):
                break
            time.sleep(0.05)
        assert parent.pid not in sampler.serving_pids()
        sampler.case_start()
        memory = sampler.case_memory()
        assert [item.pid for item in memory] == sampler.serving_pids()
        for item in memory:
            assert item.rss_kib > 40 * 1024
            assert item.case_peak_kib >= item.rss_kib
            assert item.hwm_kib >= item.case_peak_kib
            assert item.as_dict()["rss_mib"] > 40
    finally:
        for pid in process_tree(parent.pid)[1:]:
            os.kill(pid, 9)
        parent.kill()
        parent.wait()


def test_a_process_without_children_serves_itself():
    alone = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        sampler = MemorySampler(alone.pid)
        assert sampler.serving_pids() == [alone.pid]
        assert sampler.case_memory()[0].rss_kib > 0
    finally:
        alone.kill()
        alone.wait()
