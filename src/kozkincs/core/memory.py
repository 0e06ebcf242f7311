"""Giving memory back to the system after a large, short-lived allocation.

Loading the search index's snapshot reads every indexed row in chunks and builds its NumPy
arrays through temporaries of the same size. When they are freed, the C library keeps the
space for later allocations (glibc raises its threshold for mapping large blocks after the
first is freed, so later ones come from the heap), and a web worker's resident memory stays
at the load's peak: at 1,000,000 records tens of MB more than the snapshot itself
(docs/explanation/performance.md). glibc's ``malloc_trim`` returns the free pages, wherever
they lie in the heap; Dask's workers call it for the same reason. On a C library without it
(musl, macOS) ``release_free_memory`` does nothing.

A serving process also allocates large blocks per request (a common word's hit list read from
PostgreSQL as one text of several MB, masks of one byte per record: 1 MB each at 1,000,000
records), from two threads. ``tune_allocator`` (called by ``config/wsgi.py`` and
``config/asgi.py``, before any request) fixes glibc's threshold for mapping a block on its own
at 1 MiB, so such blocks are returned to the system when freed instead of staying in the
heap, and limits the heaps (arenas) to two, one per serving thread: glibc's documented
``mallopt`` settings, which ``MALLOC_MMAP_THRESHOLD_`` / ``MALLOC_ARENA_MAX`` or
``GLIBC_TUNABLES`` in the environment would also set (when either is set, the process keeps
what it says). Its effect per worker is measured on docs/explanation/performance.md.
"""

import ctypes
import functools
import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
MAPPED_FROM = 1024 * 1024
"""Blocks of at least this size are mapped on their own (and unmapped when freed)."""
ARENAS = 2
ENVIRONMENT_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES")
YOUNG_THRESHOLD_IN_BULK = 50_000
"""New container objects between two collections of the youngest generation in a bulk write
or read."""
_spaced_out = threading.Lock()
_spaced_out_blocks = 0
_thresholds_before: tuple[int, ...] = ()


@functools.cache
def _libc_function(name: str):
    try:
        return getattr(ctypes.CDLL(None), name)  # the process's own C library, already loaded
    except (AttributeError, OSError):
        return None


def release_free_memory() -> bool:
    """Return the C library's free memory to the system; whether it could be asked to."""
    trim = _libc_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True


def tune_allocator() -> bool:
    """Map large blocks on their own and keep two heaps (see the module docstring); whether the
    C library took the settings (False without glibc, or when the environment sets them)."""
    mallopt = _libc_function("mallopt")
    if mallopt is None or any(name in os.environ for name in ENVIRONMENT_SETTINGS):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MAPPED_FROM)) and bool(mallopt(M_ARENA_MAX, ARENAS))


@contextmanager
def collections_skip_objects_alive_now() -> Iterator[None]:
    """While the block runs, the cyclic garbage collector's passes leave out every object
    alive when it starts (``gc.freeze``); afterwards they count again (``gc.unfreeze``).

    A full pass of the collector visits every object that has survived earlier passes. An
    import's write holds the validated rows of the whole file (100,000 of them, each of a few
    dicts and lists) besides everything the process loaded at start-up, and the objects it
    allocates per record start a full pass every few thousand records: 17 passes visiting all
    of that took 3.1 s of a 100,000-row import. Objects are still freed when nothing refers
    to them; only the search for unreachable cycles among them waits until the block ends.
    A process that has frozen objects for good (a web worker after start-up,
    ``config/startup.py``) keeps them so: there the block changes nothing.

    The youngest generation is also collected less often in the block (after
    ``YOUNG_THRESHOLD_IN_BULK`` new container objects instead of 2,000; ``gc.set_threshold``,
    restored afterwards), so that a record's temporaries are freed before any pass visits
    them: a 100,000-row import's passes found 6,000 objects in cycles in all, and their time
    fell from 1.8 s to 0.8 s (docs/explanation/performance.md).
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        with young_collections_spaced_out():
            yield
    finally:
        gc.unfreeze()


@contextmanager
def young_collections_spaced_out() -> Iterator[None]:
    """While the block runs, the collector's youngest generation is collected after
    ``YOUNG_THRESHOLD_IN_BULK`` new container objects instead of 2,000 (``gc.set_threshold``),
    so that the temporaries of a record written or read in bulk are freed (by their reference
    counts) before a pass visits them. Objects in cycles wait a little longer for their pass;
    nothing else changes.

    The threshold belongs to the process, and a web worker serves requests from several
    threads: the first block to start sets it, the last to end restores it. A streamed export
    of 100,000 records spent 0.8-1.0 s of its 8 s in 900 passes, and 0.02 s in this block
    (docs/explanation/performance.md)."""
    global _spaced_out_blocks, _thresholds_before
    with _spaced_out:
        if not _spaced_out_blocks:
            _thresholds_before = gc.get_threshold()
            gc.set_threshold(
                max(_thresholds_before[0], YOUNG_THRESHOLD_IN_BULK), *_thresholds_before[1:]
            )
        _spaced_out_blocks += 1
    try:
        yield
    finally:
        with _spaced_out:
            _spaced_out_blocks -= 1
            if not _spaced_out_blocks:
                gc.set_threshold(*_thresholds_before)
