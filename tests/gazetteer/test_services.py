import pytest
from django.core.exceptions import ValidationError

from kozkincs.gazetteer.models import Settlement
from kozkincs.gazetteer.services import settlement_create, settlement_update
from tests.gazetteer.factories import CountyFactory, SettlementFactory, ksh_code_for

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[16.8, 46.8], [16.9, 46.8], [16.9, 46.9], [16.8, 46.9], [16.8, 46.8]]],
}


def _errors(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def test_create_fills_slug_and_folded_name():
    settlement = settlement_create(
        ksh_code=ksh_code_for(1234),
        name=" Őrszentmiklós-puszta ",
        county=CountyFactory(),
        lat=46.8,
        lon=16.9,
        boundary=SQUARE,
        wikidata_id="Q123",
    )
    settlement.refresh_from_db()
    assert settlement.name == "Őrszentmiklós-puszta"
    assert settlement.slug == "orszentmiklos-puszta"
    assert settlement.name_folded == "orszentmiklos-puszta"
    assert settlement.boundary == SQUARE


def test_create_disambiguates_a_taken_slug_with_the_county():
    SettlementFactory(name="Ábrahám", slug="abraham")
    again = settlement_create(ksh_code=ksh_code_for(4321), name="Ábrahám", county=CountyFactory())
    assert again.slug == "abraham-zala"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"ksh_code": "32055"}, "ksh_code"),
        ({"ksh_code": "1234"}, "ksh_code"),
        ({"name": "  "}, "name"),
        ({"status": "metropolis"}, "status"),
        ({"lat": 48.21, "lon": 15.0}, "lat"),
        ({"lat": 46.8}, "lon"),
        ({"lat": 95.0, "lon": 16.9}, "lat"),
        ({"boundary": {"type": "Point", "coordinates": [16.8, 46.8]}}, "boundary"),
        (
            {"boundary": {"type": "Polygon", "coordinates": [[[16.8, 46.8], [16.9, 46.8]]]}},
            "boundary",
        ),
        ({"wikidata_id": "wd:Q1"}, "wikidata_id"),
        ({"population": 100}, "population_year"),
    ],
)
def test_create_rejects_bad_values_by_field_and_saves_nothing(values, field):
    county = CountyFactory()
    arguments = {"ksh_code": ksh_code_for(1234), "name": "Próba", "county": county, **values}
    assert field in _errors(settlement_create, **arguments)
    assert not Settlement.objects.exists()


def test_create_refuses_a_duplicate_ksh_code():
    existing = SettlementFactory()
    errors = _errors(
        settlement_create, ksh_code=existing.ksh_code, name="Másik", county=existing.county
    )
    assert "ksh_code" in errors


def test_update_changes_only_the_given_fields():
    settlement = SettlementFactory(name="Régi", slug="regi")
    settlement_update(settlement=settlement, name="Új", population=10, population_year=2024)
    settlement.refresh_from_db()
    assert (settlement.name, settlement.name_folded, settlement.slug) == ("Új", "uj", "regi")
    assert settlement.population == 10


@pytest.mark.parametrize(
    "changes",
    [
        {"ksh_code": "0000"},
        {"lat": 40.0, "lon": 16.9},
        {
            "boundary": {
                "type": "Polygon",
                "coordinates": [[[16.8, 46.8], [16.9, 46.8], [16.9, 46.9], [16.8, 46.8], [17.0]]],
            }
        },
        {
            "boundary": {
                "type": "MultiPolygon",
                "coordinates": [[[["a", 1], [1, 1], [1, 2], ["a", 1]]]],
            }
        },
        {
            "boundary": {
                "type": "Polygon",
                "coordinates": [[[16.8, 46.8], [16.9, 46.8], [16.9, 46.9], [16.8, 46.95]]],
            }
        },
        {
            "boundary": {
                "type": "Polygon",
                "coordinates": [[[26.8, 46.8], [26.9, 46.8], [26.9, 46.9], [26.8, 46.8]]],
            }
        },
        {"color": "red"},
        {"population_year": "abc"},
        {"lat": "north", "lon": 16.9},
        {"boundary": "not json"},
    ],
)
def test_update_with_bad_values_changes_neither_database_nor_instance(changes):
    settlement = SettlementFactory(name="Marad", lat=46.84, lon=16.84)
    before = Settlement.objects.filter(pk=settlement.pk).values().get()
    with pytest.raises(ValidationError) as caught:
        settlement_update(settlement=settlement, **changes)
    assert set(caught.value.message_dict) & (set(changes) | {"lat", "lon"})
    assert Settlement.objects.filter(pk=settlement.pk).values().get() == before
    assert (settlement.name, settlement.lat) == ("Marad", 46.84)


def test_coordinates_outside_hungary_are_accepted_when_the_setting_allows(settings):
    settings.KOZKINCS_ALLOW_COORDINATES_OUTSIDE_HUNGARY = True
    settlement = SettlementFactory()
    settlement_update(settlement=settlement, lat=48.21, lon=16.37 - 2)
    settlement.refresh_from_db()
    assert settlement.lon == pytest.approx(14.37)


def test_a_multipolygon_boundary_is_accepted():
    settlement = SettlementFactory()
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    settlement_update(settlement=settlement, boundary=multi)
    assert Settlement.objects.get(pk=settlement.pk).boundary == multi
