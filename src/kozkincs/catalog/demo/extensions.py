"""Demo data of apps above the catalog (the network's actors and ties): they register a loader
from their ``AppConfig.ready()``; ``kozkincs load_demo`` runs each after the records, in the
same transaction. A loader is idempotent and returns the lines it reports."""

from collections.abc import Callable

DemoLoader = Callable[[], list[str]]

_loaders: list[DemoLoader] = []


def register_demo_loader(loader: DemoLoader) -> None:
    if loader not in _loaders:
        _loaders.append(loader)


def demo_loaders() -> list[DemoLoader]:
    return list(_loaders)
