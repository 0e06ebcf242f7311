"""Listeners told about a change inside the transaction that makes it.

An app lower in the layering (catalog, gazetteer) owns a :class:`ChangeListeners` and calls
:meth:`notify` from its services; apps above it (the search index, later history and open
data) register from their ``AppConfig.ready()``. The dependency keeps pointing downwards,
without signals.

Listeners run at once, in the caller's transaction, so what they write (derived data such as
the search index) commits or rolls back together with the change: a commit means "saved and
findable", and nothing runs after the commit that could fail the request or leave derived data
stale. A listener that raises undoes the whole change.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction


class ChangeListeners:
    def __init__(self) -> None:
        self._listeners: list[Callable[..., None]] = []

    def register(self, listener: Callable[..., None]) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unregister(self, listener: Callable[..., None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, *args: Any) -> None:
        """Call every listener with ``args``, inside the caller's transaction."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Change listeners must be notified inside a transaction.")
        for listener in self._listeners:
            listener(*args)
