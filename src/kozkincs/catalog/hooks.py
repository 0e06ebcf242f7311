"""Listeners told about record changes, inside the transaction that makes the change.

Apps above the catalog (the search index, later the history and open data) register here from
their ``AppConfig.ready()``; the catalog services call :func:`record_changed` explicitly. This
keeps the dependency pointing downwards without Django signals. What a listener writes
commits or rolls back with the record change (see ``kozkincs.core.listeners``).
"""

from collections.abc import Callable
from typing import Literal

from kozkincs.core.listeners import ChangeListeners

RecordAction = Literal["created", "updated", "published", "archived", "unpublished", "deleted"]
RecordListener = Callable[[list[int], RecordAction], None]

_listeners = ChangeListeners()


def register_record_listener(listener: RecordListener) -> None:
    _listeners.register(listener)


def unregister_record_listener(listener: RecordListener) -> None:
    _listeners.unregister(listener)


def record_changed(record_ids: list[int], action: RecordAction) -> None:
    """Tell every listener now, inside the caller's transaction."""
    _listeners.notify(list(record_ids), action)
