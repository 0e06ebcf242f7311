"""Listeners told, after commit, that settlements changed (renamed, moved, re-bounded).

Settlement names appear in record pages, search facets and cached responses of the apps
above; they register here (from ``AppConfig.ready()``) so a gazetteer edit shows in the next
response. Same pattern as ``kozkincs.catalog.hooks``.
"""

from collections.abc import Callable

from django.db import transaction

SettlementListener = Callable[[list[int]], None]

_listeners: list[SettlementListener] = []


def register_settlement_listener(listener: SettlementListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def settlements_changed(settlement_ids: list[int]) -> None:
    """Tell every listener, once the surrounding transaction has committed."""
    ids = list(settlement_ids)

    def notify() -> None:
        for listener in _listeners:
            listener(ids)

    transaction.on_commit(notify, robust=False)
