import shutil
from datetime import date

import pytest
from django.core.management import call_command

from kozkincs.gazetteer.datafiles import DATA_DIR, GazetteerDataError
from kozkincs.gazetteer.models import County, Region, RegionMembership, Settlement
from kozkincs.gazetteer.services import gazetteer_import


def test_import_loads_every_settlement_county_and_district(imported):
    assert Settlement.objects.count() == 3178
    assert County.objects.count() == 20
    assert Region.objects.filter(kind=Region.Kind.DISTRICT).count() == 174
    assert imported.settlements.created == 3178
    assert imported.changed


def test_zalaegerszeg_carries_the_shipped_figures(imported):
    town = Settlement.objects.select_related("county").get(ksh_code="32054")
    assert town.name == "Zalaegerszeg"
    assert town.slug == "zalaegerszeg"
    assert town.name_folded == "zalaegerszeg"
    assert town.status == Settlement.Status.CITY_WITH_COUNTY_RIGHTS
    assert town.county.name == "Zala"
    assert town.county.seat == town
    assert (town.population, town.population_year, town.area_ha) == (57780, 2018, 10246)
    assert (town.lat, town.lon) == (46.84056, 16.83717)
    assert town.boundary["type"] == "Polygon"


def test_district_and_micro_region_are_dated_with_their_members(imported):
    district = Region.objects.get(key="zalaegerszegi-jaras")
    assert (district.kind, district.valid_from, district.valid_to) == (
        Region.Kind.DISTRICT,
        date(2013, 1, 1),
        None,
    )
    assert district.seat.ksh_code == "32054"
    assert district.memberships.filter(valid_from=date(2013, 1, 1)).count() == 84
    micro = Region.objects.get(key="zalaegerszegi-kisterseg")
    assert micro.kind == Region.Kind.MICRO_REGION
    assert micro.seat.name == "Zalaegerszeg"
    assert micro.memberships.count() == 65
    assert set(micro.memberships.values_list("valid_from", "valid_to")) == {
        (date(2008, 1, 1), date(2012, 12, 31))
    }
    assert Region.objects.get(key="pacsai-kisterseg").memberships.count() == 20


def test_every_settlement_outside_budapest_is_in_exactly_one_district(imported):
    outside_budapest = Settlement.objects.exclude(county__code="01")
    members = RegionMembership.objects.filter(region__kind=Region.Kind.DISTRICT)
    assert members.count() == outside_budapest.count() == 3178 - 24
    assert members.values("settlement").distinct().count() == outside_budapest.count()


def test_ninety_boundaries_are_attached(imported):
    assert Settlement.objects.filter(boundary__isnull=False).count() == 90
    assert imported.boundaries.created == 90


def test_slugs_are_unique_and_disambiguated_where_names_repeat(imported):
    slugs = list(Settlement.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 3178
    pairs = dict(
        Settlement.objects.filter(name__in=["Komló", "Kömlő", "Komoró", "Kömörő"]).values_list(
            "name", "slug"
        )
    )
    # Same slug base, different counties: the county; same county too: the KSH code.
    assert pairs == {
        "Komló": "komlo-baranya",
        "Kömlő": "komlo-heves",
        "Komoró": "komoro-27146",
        "Kömörő": "komoro-23612",
    }


def test_second_run_changes_nothing_and_says_so(imported):
    before = list(Settlement.objects.order_by("pk").values())
    report = gazetteer_import()
    assert not report.changed
    assert report.settlements.unchanged == 3178
    assert report.memberships.created == report.memberships.updated == 0
    assert list(Settlement.objects.order_by("pk").values()) == before


def test_rerun_keeps_staff_corrections_unless_overwrite(imported):
    Settlement.objects.filter(ksh_code="32054").update(population=60000, population_year=2024)
    report = gazetteer_import()
    assert report.kept_local_values == 2 and not report.changed
    assert Settlement.objects.get(ksh_code="32054").population == 60000
    report = gazetteer_import(overwrite=True)
    assert report.settlements.updated == 1
    assert Settlement.objects.get(ksh_code="32054").population == 57780


def test_rerun_fills_a_removed_boundary_and_membership(imported):
    Settlement.objects.filter(ksh_code="32054").update(boundary=None)
    RegionMembership.objects.filter(settlement__ksh_code="32054", region__kind="jaras").delete()
    report = gazetteer_import()
    assert (report.boundaries.created, report.memberships.created) == (1, 1)
    assert Settlement.objects.get(ksh_code="32054").boundary is not None


@pytest.fixture
def data_copy(tmp_path):
    for path in DATA_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _break_line(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.django_db
def test_bad_ksh_code_in_a_file_names_the_line_and_saves_nothing(data_copy):
    _break_line(data_copy / "settlements_hu.csv", "32054,Zalaegerszeg", "32055,Zalaegerszeg")
    with pytest.raises(GazetteerDataError, match=r"settlements_hu.csv, line \d+: invalid KSH"):
        gazetteer_import(data_dir=data_copy)
    assert Settlement.objects.count() == 0


@pytest.mark.django_db
def test_boundary_outside_hungary_is_refused(data_copy):
    _break_line(data_copy / "zalaegerszeg_area_boundaries.geojson", "[16.90497,", "[26.90497,")
    with pytest.raises(GazetteerDataError, match="02644"):
        gazetteer_import(data_dir=data_copy)
    assert not County.objects.exists()


@pytest.mark.django_db
def test_missing_data_dir_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerDataError, match="cannot be read"):
        gazetteer_import(data_dir=tmp_path / "nowhere")


@pytest.mark.django_db
def test_command_reports_creation_then_nothing_changed(capsys):
    call_command("import_gazetteer", skip_checks=True)
    assert "settlements: 3178 created" in capsys.readouterr().out
    call_command("import_gazetteer", skip_checks=True)
    assert "nothing changed" in capsys.readouterr().out
