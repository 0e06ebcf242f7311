"""Listeners told about record changes after the change is committed.

Apps above the catalog (the search index, later the history and exports) register here from
their ``AppConfig.ready()``; the catalog services call :func:`record_changed` explicitly. This
keeps the dependency pointing downwards without Django signals.
"""

from collections.abc import Callable
from typing import Literal

from kozkincs.core.listeners import CommitListeners

RecordAction = Literal["created", "updated", "published", "archived", "unpublished", "deleted"]
RecordListener = Callable[[list[int], RecordAction], None]

_listeners = CommitListeners()


def register_record_listener(listener: RecordListener) -> None:
    _listeners.register(listener)


def record_changed(record_ids: list[int], action: RecordAction) -> None:
    """Tell every listener, once the surrounding transaction has committed."""
    _listeners.notify(list(record_ids), action)
