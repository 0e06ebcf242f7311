"""What the catalogue says about each thematic database that the data itself decides: where
its public records are (the settlements) and when it last changed.

The settlements come from the search index (``catalog_settlement_codes``), whose in-memory
snapshot holds every published record's settlements at the current data version: at 100,000
records that takes a few tens of milliseconds, where a ``DISTINCT`` over the wide record rows
took half a second. Then the settlements named, in one query (the few columns the catalogue
shows, as :class:`Place` rows: model instances of the settlements cost more than the rest of
the coverage), and the last change of each catalog, one index lookup per catalog.

All of it changes only with the data: :func:`catalog_coverage` computes it once per data
version and process and keeps it in the one application cache (the ``local`` cache, keyed by
the data version and its token, as the search pages' answers and the partner finder's pool
are), whether or not whole responses are cached (``KOZKINCS_RESPONSE_CACHE``): like the
search snapshot it comes from, it is data the answers are made from, not an answer.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import Max
from django.http import HttpRequest

from kozkincs.catalog.registry import catalog_list
from kozkincs.gazetteer.models import Settlement
from kozkincs.opendata.models import OaiItem
from kozkincs.search.cache import ENTRY_SECONDS, request_state, response_cache_key
from kozkincs.search.selectors import catalog_settlement_codes


class Place(NamedTuple):
    """What the catalogue says about a settlement (a ``dcterms:Location``)."""

    pk: int
    ksh_code: str
    name: str
    slug: str
    lat: float | None
    lon: float | None
    wikidata_id: str


SETTLEMENT_COLUMNS = ("id", "ksh_code", "name", "slug", "lat", "lon", "wikidata_id")


@dataclass
class Coverage:
    settlements: dict[int, Place] = field(default_factory=dict)
    by_catalog: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Each catalog's settlements (ids of :attr:`settlements`), ordered by KSH code."""
    modified: dict[str, datetime] = field(default_factory=dict)


def catalog_coverage(*, request: HttpRequest | None = None) -> Coverage:
    """:func:`catalog_coverage_read` at the current data version (with ``request``: the version
    its answer is made from), computed once per version and process."""
    version, token = request_state(request)
    key = response_cache_key(
        kind="dcat-coverage", params={}, language="", version=version, token=token
    )
    cache = caches["local"]
    coverage = cache.get(key)
    if coverage is None:
        coverage = catalog_coverage_read()
        cache.set(key, coverage, ENTRY_SECONDS)
    return coverage


def catalog_coverage_read() -> Coverage:
    """The settlements of each catalog's published records and each catalog's last public
    change: a record published, edited or withdrawn (the OAI-PMH items keep those dates,
    withdrawals included)."""
    codes_by_catalog = catalog_settlement_codes()
    codes = set().union(*codes_by_catalog.values())
    # Every settlement's narrow row, those named kept here: the gazetteer is the country's
    # 3,178 settlements, and reading them all took a third of the time of asking for the
    # (at 100,000 records nearly all) named ones by an IN list of their codes.
    rows = Settlement.objects.order_by().values_list(*SETTLEMENT_COLUMNS)
    by_code = {row[1]: Place._make(row) for row in rows if row[1] in codes}
    coverage = Coverage(settlements={s.pk: s for s in by_code.values()})
    for catalog, catalog_codes in codes_by_catalog.items():
        named = sorted(code for code in catalog_codes if code in by_code)
        coverage.by_catalog[catalog] = tuple(by_code[code].pk for code in named)
    coverage.modified = catalog_last_changes()
    return coverage


def catalog_last_changes() -> dict[str, datetime]:
    """Each catalog's last public change (catalogs never changed are left out): one index
    lookup per catalog in the OAI-PMH items, which keep withdrawals too."""
    modified = {}
    for definition in catalog_list():
        items = OaiItem.objects.filter(catalog=definition.key)
        last = items.aggregate(last=Max("datestamp"))["last"]
        if last is not None:
            modified[definition.key] = last
    return modified
