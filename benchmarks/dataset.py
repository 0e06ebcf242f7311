"""Create the synthetic records through the catalog services (the project's own write path).

:func:`dataset_create` spreads ``records`` over the ten catalogs and every settlement in the
database and writes them with ``record_bulk_create``, batch by batch. The items are a pure
function of the seed and the settlements, so the same seed gives the same records.
"""

import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection

from benchmarks.texts import record_texts
from benchmarks.values import ValueContext, catalog_values
from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.registry import catalog_list
from kozkincs.catalog.services import record_bulk_create
from kozkincs.gazetteer.models import Settlement

BATCH_SIZE = 2000

CATALOG_WEIGHTS = {
    "built-values": 24, "natural-values": 14, "civil-organisations": 14, "amateur-art": 10,
    "traditions": 8, "publications": 10, "courses": 6, "education-associations": 3,
    "cultural-centres": 5, "cultural-services": 6,
}  # fmt: skip
"""Relative share of each built-in catalog; catalogs not listed get weight 5."""

NO_COORDINATES = {"publications", "courses", "education-associations"}


@dataclass(frozen=True)
class SettlementRef:
    ksh_code: str
    name: str
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True)
class DatasetReport:
    records: int
    per_catalog: dict[str, int]
    settlements: int
    seconds: float


def catalog_counts(total: int, keys: list[str]) -> dict[str, int]:
    """Split ``total`` over ``keys`` by :data:`CATALOG_WEIGHTS` (largest remainders)."""
    weights = {key: CATALOG_WEIGHTS.get(key, 5) for key in keys}
    whole = sum(weights.values())
    exact = {key: total * weight / whole for key, weight in weights.items()}
    counts = {key: math.floor(value) for key, value in exact.items()}
    by_remainder = sorted(keys, key=lambda key: (counts[key] - exact[key], key))
    for key in by_remainder[: total - sum(counts.values())]:
        counts[key] += 1
    return counts


def _targets(definition: CatalogDefinition) -> set[str]:
    return {f.target_catalog for f in definition.fields if f.target_catalog} - {definition.key}


def creation_order(definitions: list[CatalogDefinition]) -> list[CatalogDefinition]:
    """Catalogs that others point to (``target_catalog``) come before those pointing to them;
    a cycle is broken at the catalog with the fewest missing and most incoming references."""
    remaining = {definition.key: definition for definition in definitions}
    incoming = dict.fromkeys(remaining, 0)
    for definition in definitions:
        for target in _targets(definition) & incoming.keys():
            incoming[target] += 1
    ordered: list[CatalogDefinition] = []
    while remaining:
        done = {definition.key for definition in ordered}
        chosen = min(
            remaining.values(),
            key=lambda d: (len(_targets(d) - done), -incoming[d.key], d.key),
        )
        ordered.append(chosen)
        del remaining[chosen.key]
    return ordered


def settlement_sequence(
    rng: random.Random, settlements: list[SettlementRef], count: int
) -> list[SettlementRef]:
    """Every settlement once (while ``count`` allows), the rest weighted by √population."""
    first = settlements[:]
    rng.shuffle(first)
    first = first[:count]
    weights = [math.sqrt(max(s.population, 1)) for s in settlements]
    return first + rng.choices(settlements, weights=weights, k=count - len(first))


def record_item(
    rng: random.Random, definition: CatalogDefinition, place: SettlementRef, targets: dict
) -> dict:
    """One ``RecordData`` item for ``record_bulk_create``."""
    texts = record_texts(rng, catalog=definition.key, settlement=place.name)
    item: dict = {
        "name": texts.name,
        "summary": texts.summary,
        "description": f"<p>{texts.description}</p>",
        "settlement": place.ksh_code,
        "tags": [texts.noun.base],
    }
    if place.lat is not None and definition.key not in NO_COORDINATES:
        item["lat"] = round(place.lat + rng.uniform(-0.02, 0.02), 5)
        item["lon"] = round(place.lon + rng.uniform(-0.03, 0.03), 5)
    if rng.random() < 0.3:
        item["priorities"] = sorted(rng.sample(range(1, 6), rng.randint(1, 2)))
    context = ValueContext(
        rng=rng,
        settlement_name=place.name,
        settlement_ksh_code=place.ksh_code,
        slug_hint=f"{definition.key.split('-')[0]}{rng.randint(1, 99999)}",
        targets=targets,
    )
    item["values"] = catalog_values(context, definition)
    return item


def _batches(count: int, size: int) -> Iterator[int]:
    while count > 0:
        yield min(size, count)
        count -= size


def database_analyse() -> None:
    """Give SQLite's query planner statistics (``ANALYZE``), as ``PRAGMA optimize`` would.

    Without them SQLite answers the relation query of the search indexer by scanning every
    published record through the low-selectivity ``status`` index: 2 s per batch of 500 at
    10,000 records, growing with the table (docs/explanation/performance.md).
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def load_settlements() -> list[SettlementRef]:
    rows = Settlement.objects.order_by("ksh_code").values_list(
        "ksh_code", "name", "lat", "lon", "population"
    )
    return [SettlementRef(code, name, lat, lon, pop or 0) for code, name, lat, lon, pop in rows]


def dataset_create(
    *, records: int, seed: int, batch_size: int = BATCH_SIZE, log: Callable[[str], None] = print
) -> DatasetReport:
    """Create ``records`` published records over every settlement in the database."""
    settlements = load_settlements()
    if not settlements:
        raise RuntimeError("no settlements: run `kozkincs import_gazetteer` first")
    definitions = creation_order(catalog_list())
    counts = catalog_counts(records, [d.key for d in definitions])
    rng = random.Random(seed)
    sequence = settlement_sequence(rng, settlements, records)
    places = iter(sequence)
    targets: dict[str, list[int]] = {}
    analysed: set[str] = set()
    started = time.monotonic()
    for definition in definitions:
        for size in _batches(counts[definition.key], batch_size):
            items = [record_item(rng, definition, next(places), targets) for _ in range(size)]
            created = record_bulk_create(catalog=definition.key, items=items)
            targets.setdefault(definition.key, []).extend(record.pk for record in created)
            if definition.key not in analysed:
                database_analyse()  # statistics once the catalog's first rows exist
                analysed.add(definition.key)
        log(f"  {definition.key}: {counts[definition.key]:,} records")
    return DatasetReport(
        records=records,
        per_catalog=counts,
        settlements=len({place.ksh_code for place in sequence}),
        seconds=time.monotonic() - started,
    )
