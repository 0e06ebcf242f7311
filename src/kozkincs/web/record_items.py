"""The records of a list page, prepared once for the template.

A list renders 20 to 100 records. Calling ``reverse()`` for every record and settlement link, a
template tag for the localized name and the catalog registry for every label costs more than
the rest of the page; here the record and settlement page addresses are reversed once per list
(:class:`~kozkincs.core.reversed_urls.ReversedUrl`) and filled in for each record.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language
from kozkincs.core.reversed_urls import ReversedUrl
from kozkincs.media.selectors import ImageView, record_covers
from kozkincs.web.templatetags.web_tags import LocalizedValue, localized_field


class RecordAddresses:
    """Record and settlement page paths in the active language, each pattern reversed once."""

    def __init__(self) -> None:
        self._record = ReversedUrl("web:record_detail", catalog="catalogkey", slug="slugtext")
        self._settlement = ReversedUrl("web:settlement_detail", slug="settlementslug")

    def record(self, record: Record) -> str:
        """``record.get_absolute_url()``."""
        return self._record.fill(catalog=record.catalog, slug=record.slug)

    def settlement(self, settlement) -> str:
        """``settlement.get_absolute_url()``."""
        return self._settlement.fill(slug=settlement.slug)


@dataclass(frozen=True)
class ListedRecord:
    """What a list item shows of a record."""

    name: LocalizedValue
    url: str
    catalog_label: str
    settlement_name: str
    settlement_url: str
    snippet: SafeString | str
    summary: LocalizedValue
    approximate: bool = False
    """Shown on a map at its settlement's centre (it has no coordinates of its own)."""
    cover: ImageView | None = None


def listed_records(records: Iterable[Record]) -> list[ListedRecord]:
    """``records`` (with their settlement loaded, as ``record_search`` gives them) for a list,
    with their cover photos (one query for the whole list)."""
    records = list(records)
    addresses = RecordAddresses()
    language = current_language()
    covers = record_covers([record.pk for record in records], language=language)
    labels: dict[str, str] = {}
    items = []
    for record in records:
        if record.catalog not in labels:
            definition = catalog_get(record.catalog)
            labels[record.catalog] = (
                definition.label.get(language) if definition else record.catalog
            )
        settlement = record.settlement
        items.append(
            ListedRecord(
                name=localized_field(record, "name"),
                url=addresses.record(record),
                catalog_label=labels[record.catalog],
                settlement_name=settlement.name if settlement else "",
                settlement_url=addresses.settlement(settlement) if settlement else "",
                snippet=getattr(record, "snippet", ""),
                summary=localized_field(record, "summary"),
                approximate=bool(getattr(record, "map_approximate", False)),
                cover=covers.get(record.pk),
            )
        )
    return items
