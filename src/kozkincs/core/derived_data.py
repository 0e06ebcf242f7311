"""Data derived from the records and written in their transaction, checked by ``check_index``.

The search index is one such store; apps above it register others (the API's stored record
JSON) from their ``AppConfig.ready()``, so ``kozkincs check_index [--repair]`` compares and
repairs all of them while the dependencies keep pointing downwards.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DerivedStore:
    """``check(contents=...)`` gives an object with ``missing``, ``not_public``, ``outdated``
    and ``record_ids`` (every record to write again); ``repair(record_ids=...)`` writes them."""

    label: Any
    check: Callable[..., Any]
    repair: Callable[..., int]


_stores: list[DerivedStore] = []


def register_derived_store(store: DerivedStore) -> None:
    if store not in _stores:
        _stores.append(store)


def derived_stores() -> Iterable[DerivedStore]:
    return tuple(_stores)
