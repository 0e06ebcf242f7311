import pytest
from django.urls import reverse

from kozkincs.gazetteer.models import Settlement
from tests.gazetteer.factories import (
    CountyFactory,
    RegionFactory,
    RegionMembershipFactory,
    SettlementFactory,
    ksh_code_for,
)

pytestmark = pytest.mark.django_db


def _form_data(county, **overrides):
    data = {
        "ksh_code": ksh_code_for(2345),
        "name": "Újfalu",
        "slug": "",
        "status": Settlement.Status.VILLAGE,
        "county": county.pk,
        "population": "120",
        "population_year": "2024",
        "area_ha": "800",
        "lat": "46.8",
        "lon": "16.9",
        "boundary": "null",
        "wikidata_id": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", ["county", "region", "settlement"])
def test_changelist_and_add_pages_render(admin_client, model):
    assert admin_client.get(reverse(f"admin:gazetteer_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:gazetteer_{model}_add")).status_code == 200


def test_change_pages_render(admin_client):
    membership = RegionMembershipFactory()
    for obj in (membership.settlement, membership.region, membership.settlement.county):
        url = reverse(f"admin:gazetteer_{obj._meta.model_name}_change", args=[obj.pk])
        assert admin_client.get(url).status_code == 200


def test_settlement_changelist_search_and_filters(admin_client):
    SettlementFactory(name="Őriszentpéter", ksh_code=ksh_code_for(1111))
    url = reverse("admin:gazetteer_settlement_changelist")
    response = admin_client.get(url, {"q": "oriszent"})
    assert "Őriszentpéter" in response.text
    region = RegionFactory()
    response = admin_client.get(url, {"regions__id__exact": region.pk, "status__exact": "község"})
    assert response.status_code == 200 and "Őriszentpéter" not in response.text


def test_adding_a_settlement_goes_through_the_service(admin_client):
    county = CountyFactory()
    response = admin_client.post(reverse("admin:gazetteer_settlement_add"), _form_data(county))
    assert response.status_code == 302, response.context["adminform"].form.errors
    settlement = Settlement.objects.get(name="Újfalu")
    assert (settlement.slug, settlement.name_folded) == ("ujfalu", "ujfalu")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ksh_code": "32055"}, "ksh_code"),
        ({"lat": "48.21", "lon": "14.37"}, "lat"),
        ({"boundary": '{"type": "Point", "coordinates": [16.8, 46.8]}'}, "boundary"),
        ({"boundary": '{"type": "Polygon", "coordinates": [[["x", 1]]]}'}, "boundary"),
    ],
)
def test_admin_rejects_bad_values_with_field_errors(admin_client, overrides, field):
    settlement = SettlementFactory(name="Marad", population_year=2018)
    before = Settlement.objects.filter(pk=settlement.pk).values().get()
    url = reverse("admin:gazetteer_settlement_change", args=[settlement.pk])
    data = _form_data(settlement.county, **{"ksh_code": settlement.ksh_code, **overrides})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert Settlement.objects.filter(pk=settlement.pk).values().get() == before


def test_region_page_edits_memberships_inline(admin_client):
    region = RegionFactory()
    settlement = SettlementFactory()
    url = reverse("admin:gazetteer_region_change", args=[region.pk])
    data = {
        "key": region.key,
        "code": "",
        "name": region.name,
        "kind": region.kind,
        "county": "",
        "seat": "",
        "valid_from": "2008-01-01",
        "valid_to": "2012-12-31",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-settlement": settlement.pk,
        "memberships-0-valid_from": "2008-01-01",
        "memberships-0-valid_to": "2012-12-31",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert region.memberships.get().settlement == settlement
