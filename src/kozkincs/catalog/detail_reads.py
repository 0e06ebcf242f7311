"""Reads of a record's surroundings done once per record instance.

A record page or API detail asks several selectors about one record (its fields, its
relations, its JSON-LD). Each needs the record's relations or the settlements named in its
values; :func:`read_once` keeps what was read in the record's ``detail_reads`` attribute (our
own, like a ``Prefetch(..., to_attr=...)`` list), so the second selector reads nothing. The
services call :func:`forget` when they change what was read.
"""

from collections.abc import Callable

from kozkincs.catalog.models import Record

RELATIONS = "relations"
VALUE_SETTLEMENTS = "value_settlements"
ATTRIBUTE = "detail_reads"


def read_once[T](record: Record, key: str, load: Callable[[], T]) -> T:
    """``load()`` the first time ``key`` is asked of this record instance, then the same."""
    reads = getattr(record, ATTRIBUTE, None)
    if reads is None:
        reads = {}
        setattr(record, ATTRIBUTE, reads)
    if key not in reads:
        reads[key] = load()
    return reads[key]


def remember(record: Record, key: str, value: object) -> None:
    """Keep ``value`` as what ``key`` read for ``record`` (read for many records at once)."""
    read_once(record, key, lambda: value)


def forget(record: Record) -> None:
    """Drop what was read about ``record`` (its relations or values changed)."""
    if hasattr(record, ATTRIBUTE):
        delattr(record, ATTRIBUTE)
