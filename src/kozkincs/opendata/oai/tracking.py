"""Keep the OAI-PMH items (``OaiItem``) in step with the records, in the writing transaction.

Registered as a record-change listener and a settlement-change listener (``apps.py``); both
are called inside the transaction of the change, so an item commits or rolls back with it. A
published record gets or refreshes its item; a record that is no longer public (archived,
unpublished or deleted) turns its item, if it ever had one, into a tombstone. A record never
published has no item: no harvester ever saw it.
"""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import record_public_queryset
from kozkincs.opendata.models import OaiItem

BATCH_SIZE = 1000


def datestamp_now() -> datetime:
    """Now, to the second: the repository's granularity, so a datestamp shown is exact."""
    return timezone.now().replace(microsecond=0)


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def _public_catalogs(record_ids: list[int]) -> dict[int, str]:
    """The public ones among ``record_ids``, with their catalogs."""
    records = record_public_queryset().select_related(None).prefetch_related(None).order_by()
    return dict(records.filter(pk__in=record_ids).values_list("id", "catalog"))


def items_refresh(record_ids: list[int]) -> None:
    """Bring the items of ``record_ids`` up to date with the records as they are now."""
    now = datestamp_now()
    for batch in _batches(list(dict.fromkeys(record_ids))):
        public = _public_catalogs(batch)
        OaiItem.objects.bulk_create(
            [
                OaiItem(record_id=pk, catalog=catalog, datestamp=now)
                for pk, catalog in public.items()
            ],
            update_conflicts=True,
            unique_fields=["record_id"],
            update_fields=["catalog", "datestamp", "deleted"],
        )
        withdrawn = [pk for pk in batch if pk not in public]
        OaiItem.objects.filter(record_id__in=withdrawn, deleted=False).update(
            deleted=True, datestamp=now
        )


def record_changed_listener(record_ids: list[int], action: str) -> None:
    """The catalog's record-change hook: any action may change what a harvester sees."""
    items_refresh(record_ids)


def settlements_changed_listener(settlement_ids: list[int]) -> None:
    """A renamed or moved settlement changes the EDM places of its public records."""
    records = Record.objects.filter(
        Q(settlement_id__in=settlement_ids) | Q(settlements__in=settlement_ids)
    ).values("id")
    OaiItem.objects.filter(record_id__in=records, deleted=False).update(datestamp=datestamp_now())
