"""Listeners told, after commit, that settlements changed (renamed, moved, re-bounded).

Settlement names appear in record pages, search facets and cached responses of the apps
above; they register here (from ``AppConfig.ready()``) so a gazetteer edit shows in the next
response. Same pattern as ``kozkincs.catalog.hooks``.
"""

from collections.abc import Callable

from kozkincs.core.listeners import CommitListeners

SettlementListener = Callable[[list[int]], None]

_listeners = CommitListeners()


def register_settlement_listener(listener: SettlementListener) -> None:
    _listeners.register(listener)


def settlements_changed(settlement_ids: list[int]) -> None:
    """Tell every listener, once the surrounding transaction has committed."""
    _listeners.notify(list(settlement_ids))
