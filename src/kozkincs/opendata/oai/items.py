"""Reads for the repository: pages of items in record-id order, and the public records behind
them with their settlements, in a fixed number of queries per page whatever its size."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Min, Q, QuerySet

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.selectors import record_public_queryset
from kozkincs.catalog.visibility import settlement_codes
from kozkincs.gazetteer.models import Settlement
from kozkincs.opendata.models import OaiItem
from kozkincs.opendata.oai.tokens import ListState

RECORD_COLUMNS = (
    "id", "catalog", "slug", "name", "name_en", "name_de", "summary", "summary_en",
    "summary_de", "description", "description_en", "description_de", "settlement",
    "tags", "sources", "values", "privacy", "status",
)  # fmt: skip
SETTLEMENT_COLUMNS = ("id", "ksh_code", "name", "slug", "lat", "lon", "wikidata_id")


@dataclass(frozen=True)
class Item:
    record_id: int
    catalog: str
    datestamp: datetime
    deleted: bool


@dataclass
class HarvestedRecord:
    """A public record with the settlements it names: its own first, then its further
    settlements, then those of its settlement fields (by KSH code in ``by_code``)."""

    record: Record
    settlements: list[Settlement] = field(default_factory=list)
    by_code: dict[str, Settlement] = field(default_factory=dict)


def _items(state: ListState) -> QuerySet[OaiItem]:
    items = OaiItem.objects.all()
    if state.set_spec is not None:
        items = items.filter(catalog=state.set_spec)
    if state.dates.start is not None:
        items = items.filter(datestamp__gte=state.dates.start)
    if state.dates.end is not None:
        items = items.filter(datestamp__lt=state.dates.end)
    return items


def item_page(state: ListState, limit: int) -> tuple[list[Item], bool]:
    """Up to ``limit`` items after ``state.after_id`` and whether more follow (one query)."""
    rows = (
        _items(state)
        .filter(record_id__gt=state.after_id)
        .order_by("record_id")
        .values_list("record_id", "catalog", "datestamp", "deleted")[: limit + 1]
    )
    items = [Item(*row) for row in rows]
    return items[:limit], len(items) > limit


def item_count(state: ListState) -> int:
    return _items(state).count()


def item_get(record_id: int) -> Item | None:
    row = (
        OaiItem.objects.filter(record_id=record_id)
        .values_list("record_id", "catalog", "datestamp", "deleted")
        .first()
    )
    return Item(*row) if row else None


def earliest_datestamp() -> datetime | None:
    return OaiItem.objects.aggregate(earliest=Min("datestamp"))["earliest"]


def _settlements(ids: set[int], codes: set[str]) -> list[Settlement]:
    if not ids and not codes:
        return []
    found = Settlement.objects.filter(Q(pk__in=ids) | Q(ksh_code__in=codes))
    return list(found.only(*SETTLEMENT_COLUMNS).order_by())


def harvested_records(record_ids: list[int]) -> dict[int, HarvestedRecord]:
    """The public ones among ``record_ids`` with their settlements, in three queries: the
    records, their further settlements (the links), and every settlement named."""
    if not record_ids:
        return {}
    public = record_public_queryset().select_related(None).prefetch_related(None).order_by()
    records = list(public.filter(pk__in=record_ids).only(*RECORD_COLUMNS))
    if not records:
        return {}
    links = list(
        Record.settlements.through.objects.filter(record_id__in=[r.pk for r in records])
        .order_by("record_id", "id")
        .values_list("record_id", "settlement_id")
    )
    ids = {r.settlement_id for r in records if r.settlement_id} | {s for _r, s in links}
    codes: set[str] = set()
    for catalog in {r.catalog for r in records}:
        definition = catalog_get(catalog)
        if definition is not None:
            values = [r.values or {} for r in records if r.catalog == catalog]
            codes |= settlement_codes(definition, values)
    settlements = _settlements(ids, codes)
    by_id = {s.pk: s for s in settlements}
    by_code = {s.ksh_code: s for s in settlements}
    further: dict[int, list[Settlement]] = {}
    for record_id, settlement_id in links:
        further.setdefault(record_id, []).append(by_id[settlement_id])
    result = {}
    for record in records:
        own = [by_id[record.settlement_id]] if record.settlement_id in by_id else []
        named = list(dict.fromkeys(own + further.get(record.pk, [])))
        result[record.pk] = HarvestedRecord(record, named, by_code)
    return result
