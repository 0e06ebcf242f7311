"""What the catalogue says about each thematic database that the data itself decides: where
its public records are (the settlements) and when it last changed, in four queries."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max

from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import record_public_queryset
from kozkincs.gazetteer.models import Settlement
from kozkincs.opendata.models import OaiItem

SETTLEMENT_COLUMNS = ("id", "ksh_code", "name", "slug", "lat", "lon", "wikidata_id")


@dataclass
class Coverage:
    settlements: dict[int, Settlement] = field(default_factory=dict)
    by_catalog: dict[str, set[int]] = field(default_factory=dict)
    modified: dict[str, datetime] = field(default_factory=dict)


def catalog_coverage() -> Coverage:
    """The settlements of each catalog's public records (their own settlement and their
    further settlements) and each catalog's last public change: a record published, edited
    or withdrawn (the OAI-PMH items keep those dates, withdrawals included)."""
    public = record_public_queryset().select_related(None).prefetch_related(None).order_by()
    pairs = set(
        public.filter(settlement__isnull=False).values_list("catalog", "settlement_id").distinct()
    )
    links = Record.settlements.through.objects.filter(record__in=public.values("id"))
    pairs |= set(links.order_by().values_list("record__catalog", "settlement_id").distinct())
    coverage = Coverage()
    for catalog, settlement_id in pairs:
        coverage.by_catalog.setdefault(catalog, set()).add(settlement_id)
    ids = {settlement_id for _catalog, settlement_id in pairs}
    found = Settlement.objects.filter(pk__in=ids).only(*SETTLEMENT_COLUMNS).order_by()
    coverage.settlements = {s.pk: s for s in found}
    coverage.modified = dict(
        OaiItem.objects.order_by()
        .values_list("catalog")
        .annotate(last=Max("datestamp"))
        .values_list("catalog", "last")
    )
    return coverage
