"""Listeners told about record changes, inside the transaction that makes the change.

Apps above the catalog (the search index, later the history and open data) register here from
their ``AppConfig.ready()``; the catalog services call :func:`record_changed` explicitly. This
keeps the dependency pointing downwards without Django signals. What a listener writes
commits or rolls back with the record change (see ``kozkincs.core.listeners``).
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Literal

from kozkincs.core.listeners import ChangeListeners

RecordAction = Literal["created", "updated", "published", "archived", "unpublished", "deleted"]
RecordListener = Callable[[list[int], RecordAction], None]

_listeners = ChangeListeners()
_bulk_change: ContextVar[bool] = ContextVar("kozkincs_bulk_record_change", default=False)


def register_record_listener(listener: RecordListener) -> None:
    _listeners.register(listener)


def unregister_record_listener(listener: RecordListener) -> None:
    _listeners.unregister(listener)


def record_changed(record_ids: list[int], action: RecordAction, *, bulk: bool = False) -> None:
    """Tell every listener now, inside the caller's transaction.

    ``bulk``: the change is one bulk write (an import, generated data). A listener whose
    derived data may follow after the commit asks :func:`is_bulk_change` and hands that work
    to a background task; the others do not need to know."""
    token = _bulk_change.set(bulk)
    try:
        _listeners.notify(list(record_ids), action)
    finally:
        _bulk_change.reset(token)


def is_bulk_change() -> bool:
    """Is the change being told a bulk write (see :func:`record_changed`)?"""
    return _bulk_change.get()
