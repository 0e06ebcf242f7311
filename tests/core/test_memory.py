"""Freed heap memory is given back to the system where the C library can be asked to."""

import gc
import os
import platform
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kozkincs.core import memory
from kozkincs.core.memory import release_free_memory

ROOT = Path(__file__).resolve().parents[2]

GLIBC = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"


def resident_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_the_pages_of_freed_blocks_in_the_middle_of_the_heap_are_returned():
    blocks = [bytearray(64 * 1024) for _ in range(1024)]  # 64 MiB from the heap, touched
    last = blocks.pop()  # keeps the top of the heap in use: free() alone cannot shrink it
    del blocks
    before = resident_mib()
    assert release_free_memory() is True
    assert before - resident_mib() > 32
    del last


TUNED_PROCESS = """
import sys
import threading
from kozkincs.core.memory import tune_allocator
from tests.core.test_memory import resident_mib

freed = bytearray(8 * 1024 * 1024)  # glibc's threshold for mapping rises to its size when freed
del freed
tuned = tune_allocator() if sys.argv[1] == "tuned" else False
blocks = [bytearray(2 * 1024 * 1024) for _ in range(32)]  # 64 MiB in 2 MiB blocks, touched
pinned = bytearray(64 * 1024)  # above them in the heap: free() alone cannot shrink it
before = resident_mib()
del blocks
print(tuned, round(before - resident_mib()))
"""


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc's")
def test_large_blocks_freed_by_a_tuned_process_go_back_to_the_system():
    environment = {
        key: value for key, value in os.environ.items() if key not in memory.ENVIRONMENT_SETTINGS
    }
    returned = {}
    for mode in ("untuned", "tuned"):
        done = subprocess.run(
            [sys.executable, "-c", TUNED_PROCESS, mode],
            capture_output=True, text=True, env=environment, check=True, cwd=ROOT,
        )  # fmt: skip
        tuned, mib = done.stdout.split()
        returned[mode] = (tuned, int(mib))
    assert returned["tuned"][0] == "True"
    assert returned["tuned"][1] > 48  # each 2 MiB block was mapped on its own
    assert returned["untuned"][1] < 16  # the blocks stayed in the heap


def test_the_environment_s_allocator_settings_are_kept(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert memory.tune_allocator() is False


@pytest.fixture
def nothing_frozen():
    """The test process as a command-line or task process is: nothing frozen."""
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    yield
    if frozen:
        gc.freeze()


def test_collections_skip_the_objects_alive_when_the_block_starts(nothing_frozen):
    before = [[n] for n in range(1000)]  # tracked by the collector
    thresholds = gc.get_threshold()
    with memory.collections_skip_objects_alive_now():
        assert gc.get_freeze_count() >= len(before)
        assert gc.get_threshold() == (memory.YOUNG_THRESHOLD_IN_BULK, *thresholds[1:])
        tracked_in_generations = {id(item) for item in gc.get_objects()}
        assert not tracked_in_generations & {id(item) for item in before}
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
    assert {id(item) for item in before} <= {id(item) for item in gc.get_objects()}


def test_collections_count_them_again_when_the_block_fails(nothing_frozen):
    thresholds = gc.get_threshold()
    with pytest.raises(RuntimeError), memory.collections_skip_objects_alive_now():
        raise RuntimeError("write failed")
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds


def test_a_process_that_froze_its_objects_keeps_them_frozen(nothing_frozen):
    kept = [[n] for n in range(1000)]
    thresholds = gc.get_threshold()
    gc.freeze()  # as a web worker after start-up (config/startup.py)
    with memory.collections_skip_objects_alive_now():
        assert gc.get_threshold() == thresholds
    # Not the freeze count: any frozen object freed meanwhile (by another thread or a
    # finaliser) lowers it. The objects held here are still outside the generations.
    assert gc.get_freeze_count() > 0
    tracked_in_generations = {id(item) for item in gc.get_objects()}
    assert not tracked_in_generations & {id(item) for item in kept}
    gc.unfreeze()


def test_young_collections_are_spaced_out_in_the_block_and_restored_after():
    thresholds = gc.get_threshold()
    with memory.young_collections_spaced_out():
        assert gc.get_threshold() == (memory.YOUNG_THRESHOLD_IN_BULK, *thresholds[1:])
    assert gc.get_threshold() == thresholds
    with pytest.raises(ZeroDivisionError), memory.young_collections_spaced_out():
        1 / 0  # noqa: B018
    assert gc.get_threshold() == thresholds


def test_overlapping_blocks_of_two_threads_restore_the_threshold_when_the_last_ends():
    """The threshold is the process's: a block ending while another thread's still runs keeps
    it raised, and the last one restores what was there before the first."""
    thresholds = gc.get_threshold()
    first_in, second_done, first_may_end = (threading.Event() for _ in range(3))
    seen = []

    def first():
        with memory.young_collections_spaced_out():
            first_in.set()
            first_may_end.wait(5)
        seen.append(("first ended", gc.get_threshold()[0]))

    def second():
        first_in.wait(5)
        with memory.young_collections_spaced_out():
            pass
        seen.append(("second ended", gc.get_threshold()[0]))
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    second_done.wait(5)
    first_may_end.set()
    for thread in threads:
        thread.join(5)
    assert seen == [
        ("second ended", memory.YOUNG_THRESHOLD_IN_BULK),
        ("first ended", thresholds[0]),
    ]
    assert gc.get_threshold() == thresholds
