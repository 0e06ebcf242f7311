"""Reads of a record's surroundings done once per record instance, like Django's prefetching.

A record page or API detail asks several selectors about one record (its fields, its
relations, its JSON-LD). Each needs the record's relations or the settlements named in its
values; :func:`memoized` keeps what was read in the instance's ``_prefetched_objects_cache``,
next to Django's own prefetched relations, so the second selector reads nothing. Like
Django's prefetch cache it is dropped by ``refresh_from_db()`` (the services refresh the
records they change), and the services drop it when they rewrite a record's relations.

:func:`prefetch_detail` loads a record's priorities and further settlements in one query and
leaves them where Django's prefetching would, so ``record.priorities.all()`` reads nothing.
"""

from collections.abc import Callable

from django.db.models import Model, QuerySet

from kozkincs.catalog.models import Record
from kozkincs.catalog.prepared import PreparedQuery
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority

RELATIONS = "catalog:relations"
VALUE_SETTLEMENTS = "catalog:value_settlements"


def memoized[T](record: Record, key: str, load: Callable[[], T]) -> T:
    """``load()`` the first time ``key`` is asked of this record instance, then the same."""
    cache = record.__dict__.setdefault("_prefetched_objects_cache", {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


def forget(record: Record, *keys: str) -> None:
    cache = record.__dict__.get("_prefetched_objects_cache", {})
    for key in keys or (RELATIONS, VALUE_SETTLEMENTS):
        cache.pop(key, None)


SETTLEMENT_COLUMNS = ("id", "ksh_code", "name", "slug", "status", "lat", "lon")
PRIORITY_COLUMNS = ("id", "number", "name", "name_en", "name_de")


def detail_queryset() -> QuerySet[Record]:
    """Records with their settlement (select_related)."""
    return Record.objects.select_related("settlement").order_by()


def narrow_instance[M: Model](model: type[M], columns: tuple, values: tuple, db: str) -> M:
    """An instance of ``model`` read from ``values`` of ``columns`` (in any order); the
    other fields are deferred, as with ``only()``."""
    given = dict(zip(columns, values, strict=True))
    names = [f.attname for f in model._meta.concrete_fields if f.attname in given]
    return model.from_db(db, names, [given[name] for name in names])


def _instances[M: Model](model: type[M], columns: tuple, rows: list[tuple], db: str) -> list[M]:
    """Distinct instances of ``model`` from the rows, ``None`` ids left out."""
    found: dict[int, M] = {}
    for row in rows:
        if row[0] is not None and row[0] not in found:
            found[row[0]] = narrow_instance(model, columns, row, db)
    return list(found.values())


def _set_prefetched(record: Record, name: str, objects: list) -> None:
    """What ``prefetch_related_objects`` leaves for a many-to-many relation: the manager's
    queryset with its result already in place, so ``record.<name>.all()`` reads nothing."""
    queryset = getattr(record, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    record.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


_MANY_TO_MANY = PreparedQuery(
    lambda pk: (
        Record.objects.filter(pk=pk)
        .order_by()
        .values_list(
            *(f"priorities__{column}" for column in PRIORITY_COLUMNS),
            *(f"settlements__{column}" for column in SETTLEMENT_COLUMNS),
        )
    )
)


def prefetch_detail(record: Record) -> Record:
    """Load the further settlements and the priorities of ``record`` in one query (one row
    per pair, both joined to the record) and keep them as Django's prefetching would, in
    their models' order (settlements by name, priorities by number)."""
    rows = _MANY_TO_MANY.rows(record.pk, using=record._state.db or "default")
    split = len(PRIORITY_COLUMNS)
    db = record._state.db
    priorities = _instances(StrategyPriority, PRIORITY_COLUMNS, [r[:split] for r in rows], db)
    settlements = _instances(Settlement, SETTLEMENT_COLUMNS, [r[split:] for r in rows], db)
    _set_prefetched(record, "priorities", sorted(priorities, key=lambda p: p.number))
    _set_prefetched(record, "settlements", sorted(settlements, key=lambda s: (s.name, s.pk)))
    return record
