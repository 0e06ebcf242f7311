"""What the catalogue says about each thematic database that the data itself decides: where
its public records are (the settlements) and when it last changed.

The settlements come from the search index's in-memory snapshot, which holds every published
record's settlement ids (its own and its further settlements) at the current data version and
is kept current through the index's change log: at 100,000 records, reading the pairs there
takes a few tens of milliseconds, where a ``DISTINCT`` over the wide record rows took half a
second. Then the settlements named, in one query, and the last change of each catalog, one
index lookup per catalog.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max

from kozkincs.catalog.registry import catalog_list
from kozkincs.gazetteer.models import Settlement
from kozkincs.opendata.models import OaiItem
from kozkincs.search.snapshot import index_snapshot

SETTLEMENT_COLUMNS = ("id", "ksh_code", "name", "slug", "lat", "lon", "wikidata_id")
SETTLEMENT_KEY = "settlement="
CATALOG_KEY = "catalog="


@dataclass
class Coverage:
    settlements: dict[int, Settlement] = field(default_factory=dict)
    by_catalog: dict[str, set[int]] = field(default_factory=dict)
    modified: dict[str, datetime] = field(default_factory=dict)


def _settlements_by_catalog() -> dict[str, set[int]]:
    snapshot = index_snapshot()
    by_catalog: dict[str, set[int]] = {}
    for key, record_ids in snapshot.postings.items():
        if not key.startswith(SETTLEMENT_KEY) or not record_ids:
            continue
        settlement_id = int(key[len(SETTLEMENT_KEY) :])
        for catalog in {snapshot.catalogs[record_id] for record_id in record_ids}:
            by_catalog.setdefault(catalog[len(CATALOG_KEY) :], set()).add(settlement_id)
    return by_catalog


def catalog_coverage() -> Coverage:
    """The settlements of each catalog's published records and each catalog's last public
    change: a record published, edited or withdrawn (the OAI-PMH items keep those dates,
    withdrawals included)."""
    coverage = Coverage(by_catalog=_settlements_by_catalog())
    ids = set().union(*coverage.by_catalog.values())
    found = Settlement.objects.filter(pk__in=ids).only(*SETTLEMENT_COLUMNS).order_by()
    coverage.settlements = {s.pk: s for s in found}
    for definition in catalog_list():
        items = OaiItem.objects.filter(catalog=definition.key)
        last = items.aggregate(last=Max("datestamp"))["last"]
        if last is not None:
            coverage.modified[definition.key] = last
    return coverage
