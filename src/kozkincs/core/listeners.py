"""Listeners told about a change after the surrounding transaction commits.

An app lower in the layering (catalog, gazetteer) owns a :class:`CommitListeners` and calls
:meth:`notify` from its services; apps above it (search, later history and exports) register
from their ``AppConfig.ready()``. The dependency keeps pointing downwards, without signals.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction


class CommitListeners:
    def __init__(self) -> None:
        self._listeners: list[Callable[..., None]] = []

    def register(self, listener: Callable[..., None]) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def notify(self, *args: Any) -> None:
        """Call every listener with ``args`` once the current transaction has committed."""

        def call_all() -> None:
            for listener in self._listeners:
                listener(*args)

        transaction.on_commit(call_all, robust=False)
