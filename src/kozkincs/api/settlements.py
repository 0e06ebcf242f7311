"""``/settlements``: the gazetteer, filterable by region and name."""

from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.decorators import decorate_view
from pydantic import Field

from kozkincs.api.errors import ERROR_RESPONSES, NOT_FOUND_RESPONSES, BadParameter
from kozkincs.api.parameters import KshCode, Paging, Text, page_slice
from kozkincs.api.representations import settlement_reference
from kozkincs.api.schemas import LanguageOption, SettlementDetailOut, SettlementPageOut
from kozkincs.gazetteer.models import Region, RegionMembership, Settlement
from kozkincs.gazetteer.selectors import (
    settlement_get,
    settlement_list,
    settlement_memberships,
)
from kozkincs.search.cache import public_read
from kozkincs.search.selectors import settlement_record_count

router = Router(tags=["settlements"])


class SettlementQuery(LanguageOption):
    region: Text = Field("", description="A region key, e.g. `zalaegerszegi-kisterseg`.")
    q: Text = Field("", description="Part of the name (accents do not matter) or KSH code.")


def serialize_settlement(settlement: Settlement) -> dict:
    """A settlement of the list and detail answers: the reference records carry, and more."""
    return {
        **settlement_reference(settlement),
        "status": settlement.status,
        "status_label": str(settlement.get_status_display()),
        "county": settlement.county.name,
        "population": settlement.population,
        "population_year": settlement.population_year,
        "area_ha": settlement.area_ha,
        "lat": settlement.lat,
        "lon": settlement.lon,
        "html_url": settlement.get_absolute_url(),
    }


def serialize_membership(membership: RegionMembership) -> dict:
    region = membership.region
    return {
        "key": region.key,
        "name": region.name,
        "kind": region.kind,
        "valid_from": membership.valid_from,
        "valid_to": membership.valid_to,
    }


@router.get(
    "/settlements",
    response={200: SettlementPageOut, **ERROR_RESPONSES},
    url_name="settlement_list",
    summary="List settlements",
)
@decorate_view(public_read)
def settlement_list_endpoint(
    request: HttpRequest,
    filters: Query[SettlementQuery],
    paging: Query[Paging],
) -> dict:
    """Settlements by name or KSH code; ``region`` (a region key) limits the list to the
    settlements that ever belonged to that region."""
    lang, region_key, query = filters.lang, filters.region, filters.q
    region_object = None
    if region_key:
        region_object = Region.objects.filter(key=region_key).first()
        if region_object is None:
            with translation.override(lang):
                raise BadParameter(
                    "region", _("There is no region '%(key)s'.") % {"key": region_key}
                )
    # The boundary is a large JSON value only the detail shows.
    queryset = settlement_list(region=region_object, query=query).defer("boundary")
    page, page_size = paging.page, paging.page_size
    items, total, num_pages = page_slice(queryset, page=page, page_size=page_size)
    with translation.override(lang):
        return {
            "items": [serialize_settlement(settlement) for settlement in items],
            "total": total,
            "page": page,
            "page_size": page_size,
            "num_pages": num_pages,
        }


@router.get(
    "/settlements/{ksh_code}",
    response={200: SettlementDetailOut, **NOT_FOUND_RESPONSES},
    url_name="settlement_detail",
    summary="One settlement, with its boundary",
)
@decorate_view(public_read)
def settlement_detail_endpoint(
    request: HttpRequest, ksh_code: Path[KshCode], options: Query[LanguageOption]
) -> dict:
    lang = options.lang
    with translation.override(lang):
        try:
            settlement = settlement_get(ksh_code=ksh_code)
        except Settlement.DoesNotExist:
            raise Http404(
                _("There is no settlement with KSH code %(code)s.") % {"code": ksh_code}
            ) from None
        memberships = settlement_memberships(settlement=settlement)
        return {
            **serialize_settlement(settlement),
            "wikidata_id": settlement.wikidata_id,
            "regions": [serialize_membership(membership) for membership in memberships],
            "record_count": settlement_record_count(ksh_code=settlement.ksh_code),
            "boundary": settlement.boundary,
        }
