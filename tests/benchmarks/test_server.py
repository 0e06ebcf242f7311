import os
import subprocess
import sys

from benchmarks.server import MemorySampler, cpu_plan, free_port, process_tree, status_kib


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
