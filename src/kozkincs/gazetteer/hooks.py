"""Listeners told that settlements changed (renamed, moved, re-bounded), inside the
transaction that changes them.

Settlement names appear in record pages, search facets and cached responses of the apps
above; they register here (from ``AppConfig.ready()``) so a gazetteer edit or import shows in
the next response, committed together with the change. Same pattern as
``kozkincs.catalog.hooks``.
"""

from collections.abc import Callable

from kozkincs.core.listeners import ChangeListeners

SettlementListener = Callable[[list[int]], None]

_listeners = ChangeListeners()


def register_settlement_listener(listener: SettlementListener) -> None:
    _listeners.register(listener)


def settlements_changed(settlement_ids: list[int]) -> None:
    """Tell every listener now, inside the caller's transaction."""
    _listeners.notify(list(settlement_ids))
