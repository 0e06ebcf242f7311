"""Giving memory back to the system after a large, short-lived allocation.

Loading the search index's snapshot reads every indexed row in chunks and builds its NumPy
arrays through temporaries of the same size. When they are freed, the C library keeps the
space for later allocations (glibc raises its threshold for mapping large blocks after the
first is freed, so later ones come from the heap), and a web worker's resident memory stays
at the load's peak: at 1,000,000 records tens of MB more than the snapshot itself
(docs/explanation/performance.md). glibc's ``malloc_trim`` returns the free pages, wherever
they lie in the heap; Dask's workers call it for the same reason. On a C library without it
(musl, macOS) ``release_free_memory`` does nothing.
"""

import ctypes
import functools


@functools.cache
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim  # the process's own C library, already loaded
    except (AttributeError, OSError):
        return None


def release_free_memory() -> bool:
    """Return the C library's free memory to the system; whether it could be asked to."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
