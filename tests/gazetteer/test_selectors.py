from datetime import date

import pytest

from kozkincs.gazetteer.models import Region, Settlement
from kozkincs.gazetteer.selectors import (
    HomeRegionNotFound,
    home_region_get,
    region_settlements,
    settlement_get,
    settlement_list,
    settlement_memberships,
    settlement_neighbours,
)
from tests.gazetteer.factories import RegionFactory, RegionMembershipFactory, SettlementFactory

pytestmark = pytest.mark.django_db


def square(lon: float, lat: float, size: float = 0.1) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_home_region_follows_the_setting(imported, settings):
    settings.KOZKINCS_HOME_REGION = "zalaegerszegi-kisterseg"
    region = home_region_get()
    assert region.key == "zalaegerszegi-kisterseg"
    assert region_settlements(region=region).count() == 65
    settings.KOZKINCS_HOME_REGION = "zalaegerszegi-jaras"
    region = home_region_get()
    assert region.key == "zalaegerszegi-jaras"
    assert region_settlements(region=region).count() == 84


def test_unknown_home_region_is_a_configuration_error_naming_the_key(settings):
    settings.KOZKINCS_HOME_REGION = "no-such-region"
    with pytest.raises(HomeRegionNotFound, match="no-such-region"):
        home_region_get()


def test_region_members_on_a_date_respect_validity(imported):
    micro = Region.objects.get(key="zalaegerszegi-kisterseg")
    assert region_settlements(region=micro, on=date(2010, 5, 13)).count() == 65
    assert region_settlements(region=micro, on=date(2013, 1, 1)).count() == 0
    assert region_settlements(region=micro, on=date(2007, 12, 31)).count() == 0


def test_open_ended_and_closed_memberships():
    region = RegionFactory()
    always = SettlementFactory(name="Mindig")
    former = SettlementFactory(name="Egykor")
    RegionMembershipFactory(region=region, settlement=always)
    RegionMembershipFactory(
        region=region, settlement=former, valid_from=date(2000, 1, 1), valid_to=date(2005, 1, 1)
    )
    RegionMembershipFactory(
        region=region, settlement=former, valid_from=date(2010, 1, 1), valid_to=None
    )
    assert set(region_settlements(region=region, on=date(2007, 1, 1))) == {always}
    assert set(region_settlements(region=region, on=date(2005, 1, 1))) == {always, former}
    # every member ever, each once although "former" has two memberships
    assert list(region_settlements(region=region).order_by("name")) == [former, always]


def test_settlement_list_matches_without_accents_and_puts_prefix_matches_first():
    for name in ("Zalaegerszeg", "Kisszeg", "Őriszentpéter"):
        SettlementFactory(name=name)
    assert list(settlement_list(query="ŐRISZENT")) == list(settlement_list(query="oriszent"))
    assert [s.name for s in settlement_list(query="oriszent")] == ["Őriszentpéter"]
    assert [s.name for s in settlement_list(query="szeg")] == ["Kisszeg", "Zalaegerszeg"]
    assert [s.name for s in settlement_list(query="zala")] == ["Zalaegerszeg"]


def test_settlement_list_by_ksh_code_prefix_and_region(imported):
    region = home_region_get()
    members = settlement_list(region=region)
    assert members.count() == 65
    assert [s.ksh_code for s in settlement_list(region=region, query="3205")] == ["32054"]
    assert settlement_list(query="").count() == 3178
    assert [s.name for s in settlement_list(region=region, query="zalaegerszeg")] == [
        "Zalaegerszeg"
    ]


def test_settlement_get_by_code_or_slug_and_missing_raises():
    settlement = SettlementFactory(slug="probafalu")
    assert settlement_get(ksh_code=settlement.ksh_code) == settlement
    assert settlement_get(slug="probafalu") == settlement
    with pytest.raises(Settlement.DoesNotExist):
        settlement_get(slug="nincs-ilyen")
    with pytest.raises(Settlement.DoesNotExist):
        settlement_get(ksh_code="32054")
    with pytest.raises(TypeError):
        settlement_get()


def test_settlement_memberships_oldest_first(imported):
    town = settlement_get(ksh_code="32054")
    keys = [m.region.key for m in settlement_memberships(settlement=town)]
    assert keys == ["zalaegerszegi-kisterseg", "zalaegerszegi-jaras"]


def test_neighbours_are_the_touching_boundaries_nearest_first():
    centre = SettlementFactory(name="Közép", lat=46.85, lon=16.85, boundary=square(16.8, 46.8))
    east = SettlementFactory(name="Kelet", lat=46.85, lon=16.95, boundary=square(16.9, 46.8))
    corner = SettlementFactory(name="Sarok", lat=46.95, lon=16.95, boundary=square(16.9, 46.9))
    SettlementFactory(name="Távoli", lat=46.85, lon=17.15, boundary=square(17.1, 46.8))
    # near by centroid but without a boundary: not a boundary neighbour
    SettlementFactory(name="Pont", lat=46.851, lon=16.851, boundary=None)
    assert settlement_neighbours(settlement=centre) == [east, corner]
    assert settlement_neighbours(settlement=centre, limit=1) == [east]


def test_neighbours_fall_back_to_nearest_centroids_and_respect_the_region():
    here = SettlementFactory(name="Itt", lat=46.80, lon=16.80)
    near = SettlementFactory(name="Közel", lat=46.82, lon=16.80)
    middle = SettlementFactory(name="Közepes", lat=46.90, lon=16.80)
    far = SettlementFactory(name="Messze", lat=47.50, lon=18.00)
    SettlementFactory(name="Hely nélkül", lat=None, lon=None)
    assert settlement_neighbours(settlement=here, limit=3) == [near, middle, far]
    region = RegionFactory()
    for member in (here, middle, far):
        RegionMembershipFactory(region=region, settlement=member)
    assert settlement_neighbours(settlement=here, region=region) == [middle, far]
    assert settlement_neighbours(settlement=here, limit=0) == []


def test_neighbours_of_zalaegerszeg_in_the_real_data(imported):
    town = settlement_get(ksh_code="32054")
    neighbours = settlement_neighbours(settlement=town, limit=50)
    assert len(neighbours) == 18  # boundaries sharing vertices with the town's
    names = {s.name for s in neighbours}
    assert {"Alsónemesapáti", "Babosdöbréte", "Csatár"} <= names
    assert "Pacsa" not in names
    assert len(settlement_neighbours(settlement=town)) == 8
