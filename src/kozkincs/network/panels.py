"""Panels that higher apps add to the "My network" page (the network cannot import them).

An app registers a provider from its ``AppConfig.ready()``; for each logged-in member the
page asks every provider in turn and shows the panels they return, in registration order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    """``template`` is included with ``panel`` set to ``context``."""

    template: str
    context: dict = field(default_factory=dict)


PanelProvider = Callable[[object], Panel | None]

_providers: list[PanelProvider] = []


def register_my_network_panel(provider: PanelProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def my_network_panels(user) -> list[Panel]:
    """The panels for ``user`` (a provider answering ``None`` shows nothing)."""
    return [panel for provider in _providers if (panel := provider(user)) is not None]
