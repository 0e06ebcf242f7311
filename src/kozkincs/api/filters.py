"""The record filters of ``/records`` and ``/records.geojson``, checked and normalised.

Every problem becomes :class:`BadParameter` naming the parameter; the normalised filters also
form the cache key, so equivalent requests (``q= templom`` and ``q=templom``) share an entry.
"""

import dataclasses
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from kozkincs.api.errors import BadParameter
from kozkincs.api.parameters import clean_text
from kozkincs.catalog.registry import catalog_get
from kozkincs.gazetteer.geography import parse_bbox
from kozkincs.gazetteer.models import Settlement

FACET_PREFIX = "facet."
MAX_TEXT_LENGTH = 255  # the length of an indexed facet value
MAX_FACET_VALUES = 50

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class RecordFilters:
    query: str
    catalog: str | None
    settlement_id: int | None
    priority: int | None
    bbox: BBox | None
    facets: dict[str, list[str]]
    language: str

    sort: str

    @property
    def cache_params(self) -> dict:
        """The filters as plain values for the response cache key."""
        return {
            "q": self.query,
            "catalog": self.catalog,
            "settlement": self.settlement_id,
            "priority": self.priority,
            "bbox": self.bbox,
            "facets": self.facets,
            "sort": self.sort,
        }

    def with_bbox(self, bbox: BBox) -> "RecordFilters":
        return dataclasses.replace(self, bbox=bbox)


def _catalog(key: str) -> str | None:
    if not key:
        return None
    if catalog_get(key) is None:
        raise BadParameter("catalog", _("There is no catalog '%(key)s'.") % {"key": key})
    return key


def _settlement(ksh_code: str | None) -> int | None:
    """The id of the settlement with this KSH code (only the id: its row holds a boundary)."""
    if not ksh_code:
        return None
    settlement_id = Settlement.objects.filter(ksh_code=ksh_code).values_list("pk", flat=True)
    found = settlement_id.first()
    if found is None:
        raise BadParameter(
            "settlement", _("There is no settlement with KSH code %(code)s.") % {"code": ksh_code}
        )
    return found


def _bbox(text: str) -> BBox | None:
    if not text:
        return None
    try:
        return parse_bbox(text)
    except ValueError as error:
        raise BadParameter("bbox", str(error)) from None


def _facets(request: HttpRequest, catalog: str | None, language: str) -> dict[str, list[str]]:
    """``facet.<field>=<value>`` parameters of the request, checked against the catalog."""
    facets: dict[str, list[str]] = {}
    for parameter in request.GET:
        if not parameter.startswith(FACET_PREFIX):
            continue
        name = parameter[len(FACET_PREFIX) :]
        definition = catalog_get(catalog) if catalog else None
        if definition is None:
            raise BadParameter(parameter, _("Facet filters need the catalog parameter."))
        if name not in definition.facets:
            raise BadParameter(
                parameter,
                _("'%(name)s' is not a facet of this catalog; facets: %(facets)s.")
                % {"name": name, "facets": ", ".join(definition.facets) or "—"},
            )
        given = request.GET.getlist(parameter)
        values = sorted({clean_text(v, parameter=parameter, language=language) for v in given})
        values = [value for value in values if value]
        if len(values) > MAX_FACET_VALUES or any(len(v) > MAX_TEXT_LENGTH for v in values):
            raise BadParameter(
                parameter,
                _("Give at most %(count)s values of at most %(length)s characters.")
                % {"count": MAX_FACET_VALUES, "length": MAX_TEXT_LENGTH},
            )
        if values:
            facets[name] = values
    return facets


def parse_record_filters(
    request: HttpRequest,
    *,
    q: str,
    catalog: str,
    settlement: str | None,
    priority: int | None,
    bbox: str,
    sort: str,
    lang: str,
) -> RecordFilters:
    with translation.override(lang):
        catalog_key = _catalog(clean_text(catalog, parameter="catalog", language=lang))
        return RecordFilters(
            query=clean_text(q, parameter="q", language=lang),
            catalog=catalog_key,
            settlement_id=_settlement(settlement),
            priority=priority,
            bbox=_bbox(clean_text(bbox, parameter="bbox", language=lang)),
            facets=_facets(request, catalog_key, lang),
            language=lang,
            sort=sort,
        )
