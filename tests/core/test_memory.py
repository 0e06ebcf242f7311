"""Freed heap memory is given back to the system where the C library can be asked to."""

import platform

import pytest

from kozkincs.core.memory import release_free_memory

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
