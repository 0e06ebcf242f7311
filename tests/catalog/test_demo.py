"""``load_demo``: the sourced items and demo entries, created through the catalog services.

The gazetteer import and the first demo load happen once for the class ``TestLoadedDemo``
inside an outer transaction that is rolled back after its last test; each test runs in a
savepoint of it (pytest-django's ``db``), so tests cannot see each other's changes.
"""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from kozkincs.catalog.demo import DemoDataError, demo_entries, load_demo
from kozkincs.catalog.demo import loading as demo_loading
from kozkincs.catalog.demo.entries import CSV_CATALOGS, SAMPLE_CSV, DemoEntry
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.gazetteer.models import Region, RegionMembership
from tests.demo_database import demo_database

TEN_CATALOGS = {
    "natural-values", "built-values", "civil-organisations", "amateur-art", "traditions",
    "publications", "courses", "education-associations", "cultural-centres",
    "cultural-services",
}  # fmt: skip


def sample_rows() -> list[dict[str, str]]:
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_shipped_sample_is_the_shared_file_with_33_sourced_rows():
    rows = sample_rows()
    assert len(rows) == 33
    assert all(row["source_url"].startswith(("http://", "https://")) for row in rows)
    assert {row["catalog"] for row in rows} == set(CSV_CATALOGS)


def test_demo_entries_cover_every_catalog_with_valid_references():
    entries = demo_entries()
    by_catalog = {key: [e for e in entries if e.catalog == key] for key in TEN_CATALOGS}
    assert all(len(items) >= 5 for items in by_catalog.values()), {
        key: len(items) for key, items in by_catalog.items()
    }
    invented = [entry for entry in entries if entry.is_demo]
    assert invented
    assert all("(demó)" in e.data["name"] and "(demo)" in e.data["name_en"] for e in invented)
    assert all(e.data["summary"].startswith("Demó bejegyzés.") for e in invented)
    assert not any(entry.is_demo for entry in entries[:33])


@pytest.mark.django_db
def test_load_demo_without_the_gazetteer_refuses_with_a_clear_message():
    with translation.override("en"), pytest.raises(CommandError, match="import_gazetteer"):
        call_command("load_demo", stdout=StringIO())
    assert not Record.objects.exists()


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    """Gazetteer plus one ``load_demo`` run, rolled back after the class."""
    with demo_database(django_db_blocker) as report:
        yield report


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestLoadedDemo:
    def test_first_run_reports_what_it_created(self, loaded):
        assert loaded.changed
        assert loaded.created_total == len(demo_entries()) == Record.objects.count()
        assert loaded.relations == RecordRelation.objects.count() > 0

    def test_every_catalog_has_at_least_five_published_records(self):
        for catalog in TEN_CATALOGS:
            published = Record.objects.filter(catalog=catalog, status=Record.Status.PUBLISHED)
            assert published.count() >= 5, catalog
        assert not Record.objects.exclude(status=Record.Status.PUBLISHED).exists()

    def test_records_spread_over_ten_settlements_of_the_micro_region(self):
        region = Region.objects.get(key="zalaegerszegi-kisterseg")
        members = RegionMembership.objects.filter(region=region).values("settlement_id")
        settlements = (
            Record.objects.filter(settlement_id__in=members).values("settlement").distinct()
        )
        assert settlements.count() >= 10

    def test_the_33_sourced_items_keep_names_summaries_and_source_urls(self):
        for row in sample_rows():
            record = Record.objects.get(name=row["name_hu"], is_demo=False)
            assert record.catalog in TEN_CATALOGS
            assert (record.name_en, record.name_de) == (row["name_en"], row["name_de"])
            assert (record.summary_en, record.summary_de) == (row["summary_en"], row["summary_de"])
            assert [source["url"] for source in record.sources] == [row["source_url"]]
            assert record.settlement.name == row["settlement"]

    def test_centroid_rows_get_no_coordinates_and_point_rows_keep_theirs(self):
        for row in sample_rows():
            record = Record.objects.get(name=row["name_hu"], is_demo=False)
            if row["coords_note"] == "point":
                assert (record.lat, record.lon) == (float(row["lat"]), float(row["lon"]))
            else:
                assert (record.lat, record.lon) == (None, None), record.name

    def test_institution_rows_are_cultural_institutions(self):
        names = [row["name_hu"] for row in sample_rows() if row["catalog"] == "institution"]
        catalogs = set(Record.objects.filter(name__in=names).values_list("catalog", flat=True))
        assert catalogs == {"cultural-centres"}

    def test_relations_are_readable_from_both_ends(self):
        museum = Record.objects.get(catalog="cultural-centres", slug="gocseji-muzeum")
        village_museum = Record.objects.get(catalog="built-values", slug="gocseji-falumuzeum")
        outgoing = village_museum.outgoing_relations.get(field_key="operator")
        assert outgoing.target == museum
        assert list(museum.incoming_relations.values_list("source", flat=True)) == [
            village_museum.pk
        ]
        hall = Record.objects.get(catalog="cultural-centres", slug="bagodi-faluhaz-demo")
        sources = {
            (relation.source.catalog, relation.field_key)
            for relation in hall.incoming_relations.select_related("source")
        }
        assert {("courses", "provider"), ("cultural-services", "provider")} <= sources
        assert ("civil-organisations", "venue") in sources

    def test_demo_entries_are_marked_and_personal_fields_carry_consent(self):
        demo = Record.objects.filter(is_demo=True)
        assert demo.count() == len([e for e in demo_entries() if e.is_demo])
        privacy = [r.privacy for r in demo if r.privacy]
        consents = {setting["consent"] for p in privacy for setting in p.values()}
        assert consents == {True, False}

    def test_identifiers_are_stored_normalised(self):
        book = Record.objects.get(catalog="publications", slug__startswith="gutorfolde-tortenete")
        assert book.values["isbn"] == "9637205381"
        assert book.values["issn"] == "1219-6169"
        society = Record.objects.get(slug="bagodi-hagyomanyorzo-egyesulet-demo")
        assert society.values["tax_number"] == "18990016-1-20"

    def test_second_run_creates_nothing_and_says_so(self):
        count = Record.objects.count()
        relations = RecordRelation.objects.count()
        output = StringIO()
        with translation.override("en"):
            call_command("load_demo", stdout=output)
        assert "nothing created" in output.getvalue()
        assert not load_demo().changed
        assert (Record.objects.count(), RecordRelation.objects.count()) == (count, relations)

    def test_a_refused_entry_leaves_nothing_behind(self, monkeypatch):
        good = DemoEntry(
            catalog="civil-organisations",
            data={"name": "Próba Egyesület (demó)", "values": {"legal_form": "association"}},
            settlement_code="32054",
            is_demo=True,
        )
        bad = DemoEntry(
            catalog="publications",
            data={"name": "Hibás ISBN (demó)", "values": {"publication_type": "monograph",
                                                           "isbn": "963 7205 38 2"}},
            settlement_code="32054",
            is_demo=True,
        )  # fmt: skip
        monkeypatch.setattr(demo_loading, "demo_entries", lambda: [good, bad])
        before = Record.objects.count()
        with pytest.raises(DemoDataError, match="publications/hibas-isbn-demo"):
            load_demo()
        assert Record.objects.count() == before
        assert not Record.objects.filter(slug="proba-egyesulet-demo").exists()
