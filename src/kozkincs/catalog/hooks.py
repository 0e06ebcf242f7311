"""Listeners told about record changes, inside the transaction that makes the change.

Apps above the catalog (the search index, later the history and open data) register here from
their ``AppConfig.ready()``; the catalog services call :func:`record_changed` explicitly. This
keeps the dependency pointing downwards without Django signals. What a listener writes
commits or rolls back with the record change (see ``kozkincs.core.listeners``).
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from kozkincs.catalog.models import Record
from kozkincs.core.listeners import ChangeListeners
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority

RecordAction = Literal["created", "updated", "published", "archived", "unpublished", "deleted"]
RecordListener = Callable[[list[int], RecordAction], None]


@dataclass(frozen=True)
class WrittenRecord:
    """A record exactly as a bulk create has just inserted it (``record``, its id set), with
    its further settlements, strategy priorities and outgoing relations (target ids by field
    key, in order): what a listener needs to derive data without reading it back."""

    record: Record
    settlements: list[Settlement]
    priorities: list[StrategyPriority]
    relations: dict[str, list[int]]


_listeners = ChangeListeners()
_bulk_change: ContextVar[bool] = ContextVar("kozkincs_bulk_record_change", default=False)
_written: ContextVar[list[WrittenRecord] | None] = ContextVar(
    "kozkincs_written_records", default=None
)


def register_record_listener(listener: RecordListener) -> None:
    _listeners.register(listener)


def unregister_record_listener(listener: RecordListener) -> None:
    _listeners.unregister(listener)


def record_changed(
    record_ids: list[int], action: RecordAction, *, bulk: bool = False,
    written: list[WrittenRecord] | None = None,
) -> None:  # fmt: skip
    """Tell every listener now, inside the caller's transaction.

    ``bulk``: the change is one bulk write (an import, generated data). A listener whose
    derived data may follow after the commit asks :func:`is_bulk_change` and hands that work
    to a background task; the others do not need to know. ``written``: the records of
    ``record_ids`` as the service has just created them (:func:`written_records`)."""
    bulk_token, written_token = _bulk_change.set(bulk), _written.set(written)
    try:
        _listeners.notify(list(record_ids), action)
    finally:
        _written.reset(written_token)
        _bulk_change.reset(bulk_token)


def is_bulk_change() -> bool:
    """Is the change being told a bulk write (see :func:`record_changed`)?"""
    return _bulk_change.get()


def written_records() -> list[WrittenRecord] | None:
    """The records of the change being told as the service has just written them (a bulk
    create tells them), or ``None``: a listener then reads what it needs."""
    return _written.get()


def created_as_written(record_ids: list[int], action: str) -> list[WrittenRecord] | None:
    """The records of ``record_ids`` as a bulk create has just written them, in that order,
    when the change being told is that create and it tells every one of them; otherwise
    ``None``. Nothing can refer to such records yet, and what they hold is in hand: a
    listener derives its data from them instead of reading it back."""
    written = written_records()
    if action != "created" or written is None:
        return None
    by_id = {item.record.pk: item for item in written}
    if not all(pk in by_id for pk in record_ids):
        return None
    return [by_id[pk] for pk in record_ids]
