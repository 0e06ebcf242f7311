"""The DCAT-AP 3.0 catalogue: valid against the DCAT-AP 3.0.0 shapes with zero violations, in
Turtle and JSON-LD, describing each thematic database with its distributions, licence,
spatial coverage, themes and last change; cached by the data version."""

from datetime import UTC, datetime

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from kozkincs.catalog.registry import catalog_list
from kozkincs.catalog.services import record_archive
from tests.opendata.conftest import CATALOG
from tests.opendata.validators import dcat_shapes

pytestmark = pytest.mark.django_db

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
BASE = "http://testserver/opendata/catalog"
VCARD = "http://www.w3.org/2006/vcard/ns#"
EU = "http://publications.europa.eu/resource/authority/"


def catalogue(client, extension: str = "ttl") -> Graph:
    response = client.get(f"/opendata/catalog.{extension}")
    assert response.status_code == 200
    return Graph().parse(
        data=response.content, format="turtle" if extension == "ttl" else "json-ld"
    )


def assert_conforms(graph: Graph) -> None:
    conforms, _report, text = validate(graph, shacl_graph=dcat_shapes())
    assert conforms, text


@pytest.fixture
def records(make_record, settlements, clock):
    chapel = make_record(
        "Szent Anna kápolna",
        settlement=settlements["bagod"],
        settlements=[settlements["nagykutas"]],
    )
    make_record("Vázlat", publish=False, settlement=settlements["zalaegerszeg"])
    clock.advance(days=1)
    spring = make_record(
        "Szentkút", catalog="natural-values", settlement=settlements["zalaegerszeg"],
        values={"kind": "spring"},
    )  # fmt: skip
    clock.advance(days=1)
    record_archive(record=spring)
    return chapel, spring


@pytest.mark.parametrize("extension", ["ttl", "jsonld"])
def test_the_catalogue_passes_the_dcat_ap_shapes(client, records, extension):
    assert_conforms(catalogue(client, extension))


def test_an_empty_portal_still_publishes_a_valid_catalogue(client, db):
    graph = catalogue(client)
    assert_conforms(graph)
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == len(catalog_list())


def test_turtle_and_json_ld_say_the_same(client, records):
    assert isomorphic(catalogue(client, "ttl"), catalogue(client, "jsonld"))


def test_each_thematic_database_is_a_dataset_with_its_downloads(client, records):
    graph = catalogue(client)
    catalog = URIRef(BASE)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert datasets == {URIRef(f"{BASE}#{d.key}") for d in catalog_list()}
    dataset = URIRef(f"{BASE}#{CATALOG}")
    assert set(graph.objects(dataset, DCTERMS.title)) == {
        Literal("Próba örökség", lang="hu"), Literal("Test heritage", lang="en"),
        Literal("Testerbe", lang="de"),
    }  # fmt: skip
    downloads = {
        str(graph.value(d, DCAT.downloadURL)): graph.value(d, DCAT.mediaType)
        for d in graph.objects(dataset, DCAT.distribution)
    }
    assert set(downloads) == {
        f"http://testserver/opendata/{CATALOG}.{fmt}"
        for fmt in ("csv", "xlsx", "json", "geojson", "jsonld")
    }
    assert downloads[f"http://testserver/opendata/{CATALOG}.csv"] == URIRef(
        "https://www.iana.org/assignments/media-types/text/csv"
    )
    assert graph.value(dataset, DCAT.landingPage) == URIRef(f"http://testserver/hu/{CATALOG}/")


def test_licences_follow_the_catalog_definitions(client, records):
    graph = catalogue(client)

    def licences(key: str) -> set:
        dataset = URIRef(f"{BASE}#{key}")
        return {graph.value(d, DCTERMS.license) for d in graph.objects(dataset, DCAT.distribution)}

    assert licences(CATALOG) == {URIRef(EU + "licence/CC_BYSA_4_0")}
    assert licences("natural-values") == {URIRef(EU + "licence/CC_BY_4_0")}


def test_themes_come_from_the_eu_vocabulary(client, records):
    graph = catalogue(client)
    themes = set(graph.objects(URIRef(f"{BASE}#{CATALOG}"), DCAT.theme))
    assert themes == {URIRef(EU + "data-theme/EDUC"), URIRef(EU + "data-theme/REGI")}
    natural = set(graph.objects(URIRef(f"{BASE}#natural-values"), DCAT.theme))
    assert natural == {URIRef(EU + "data-theme/ENVI"), URIRef(EU + "data-theme/EDUC")}
    assert graph.value(URIRef(EU + "data-theme/ENVI"), SKOS.prefLabel) == Literal(
        "Environment", lang="en"
    )


def test_spatial_coverage_is_the_settlements_of_public_records_with_ksh_codes(client, records):
    graph = catalogue(client)
    spatial = set(graph.objects(URIRef(f"{BASE}#{CATALOG}"), DCTERMS.spatial))
    bagod = URIRef("http://testserver/hu/telepulesek/bagod/")
    assert spatial == {bagod, URIRef("http://testserver/hu/telepulesek/nagykutas/")}
    assert graph.value(bagod, DCTERMS.identifier) == Literal("23737")
    assert graph.value(bagod, SKOS.prefLabel) == Literal("Bagod", lang="hu")
    assert str(graph.value(bagod, DCAT.centroid)) == "POINT(16.74 46.88)"
    # the spring was archived, the draft never published: no coverage from them
    assert not set(graph.objects(URIRef(f"{BASE}#natural-values"), DCTERMS.spatial))


def test_modified_dates_count_withdrawals(client, records):
    graph = catalogue(client)
    assert graph.value(URIRef(f"{BASE}#{CATALOG}"), DCTERMS.modified).toPython() == datetime(
        2026, 3, 1, 9, 0, tzinfo=UTC
    )
    archived_at = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    assert graph.value(URIRef(f"{BASE}#natural-values"), DCTERMS.modified).toPython() == (
        archived_at
    )
    assert graph.value(URIRef(BASE), DCTERMS.modified).toPython() == archived_at
    assert graph.value(URIRef(f"{BASE}#courses"), DCTERMS.modified) is None


def test_publisher_and_contact_point_name_the_operator(client, records, settings):
    settings.KOZKINCS_OPERATOR_NAME = "Próba Társulás"
    settings.KOZKINCS_CONTACT_EMAIL = "nyilt.adat@example.hu"
    graph = catalogue(client)
    publisher = graph.value(URIRef(BASE), DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("Próba Társulás", lang="hu")
    contact = graph.value(URIRef(f"{BASE}#{CATALOG}"), DCAT.contactPoint)
    assert graph.value(contact, URIRef(VCARD + "hasEmail")) == URIRef(
        "mailto:nyilt.adat@example.hu"
    )
    assert graph.value(contact, URIRef(VCARD + "hasURL")) == URIRef("http://testserver/hu/rolunk/")


def test_without_a_contact_address_the_contact_point_is_the_about_page(client, settings, db):
    settings.KOZKINCS_CONTACT_EMAIL = ""
    graph = catalogue(client)
    contact = graph.value(URIRef(f"{BASE}#{CATALOG}"), DCAT.contactPoint)
    assert graph.value(contact, URIRef(VCARD + "hasEmail")) is None
    assert graph.value(contact, URIRef(VCARD + "hasURL")) == URIRef("http://testserver/hu/rolunk/")
    assert_conforms(graph)


def test_the_oai_pmh_repository_is_a_data_service_of_every_dataset(client, db):
    graph = catalogue(client)
    service = graph.value(URIRef(BASE), DCAT.service)
    assert graph.value(service, DCAT.endpointURL) == URIRef("http://testserver/oai")
    assert len(set(graph.objects(service, DCAT.servesDataset))) == len(catalog_list())


def test_the_catalogue_titles_are_translated(client, db):
    graph = catalogue(client)
    titles = {t.language: str(t) for t in graph.objects(URIRef(BASE), DCTERMS.title)}
    assert titles["en"] == "Közkincs open data"
    assert titles["hu"] != titles["en"] and titles["de"] != titles["en"]


def test_the_catalogue_is_cached_until_the_data_changes(
    client, records, make_record, django_assert_max_num_queries
):
    first = client.get("/opendata/catalog.ttl")
    with django_assert_max_num_queries(1):  # the data version
        again = client.get("/opendata/catalog.ttl")
    assert again.content == first.content
    make_record("Új kereszt")
    assert client.get("/opendata/catalog.ttl").content != first.content


def test_the_uncached_catalogue_reads_as_many_queries_for_more_records(
    client, make_record, settlements, settings
):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.KOZKINCS_RESPONSE_CACHE = False

    def queries() -> int:
        client.get("/opendata/catalog.jsonld")  # the search snapshot catches up first
        caches["local"].clear()  # the coverage is computed again
        with CaptureQueriesContext(connection) as captured:
            client.get("/opendata/catalog.jsonld")
        return len(captured)

    make_record("Kereszt", settlement=settlements["bagod"])
    few = queries()
    for n in range(20):
        make_record(f"Kereszt {n}", settlement=list(settlements.values())[n % 3])
    assert queries() == few


def test_the_coverage_is_computed_once_per_data_version_even_when_answers_are_not_cached(
    client, records, make_record, settlements, settings, django_assert_num_queries
):
    settings.KOZKINCS_RESPONSE_CACHE = False
    first = client.get("/opendata/catalog.ttl").content
    # The data version only: the coverage (settlements, last changes) is kept for it, and
    # the other serialisation is rendered from it.
    with django_assert_num_queries(1):
        assert client.get("/opendata/catalog.jsonld").status_code == 200
    assert client.get("/opendata/catalog.ttl").content == first
    zalaegerszeg = URIRef("http://testserver/hu/telepulesek/zalaegerszeg/")
    make_record("Kereszt", settlement=settlements["zalaegerszeg"])
    spatial = set(catalogue(client).objects(URIRef(f"{BASE}#{CATALOG}"), DCTERMS.spatial))
    assert zalaegerszeg in spatial


def test_an_unchanged_catalogue_answers_304_without_rendering_it(
    client, records, make_record, settings, django_assert_num_queries
):
    settings.KOZKINCS_RESPONSE_CACHE = False
    response = client.get("/opendata/catalog.ttl")
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    validator = {"If-None-Match": response["ETag"]}
    with django_assert_num_queries(1):  # the data version
        again = client.get("/opendata/catalog.ttl", headers=validator)
    assert again.status_code == 304
    make_record("Új kereszt")
    changed = client.get("/opendata/catalog.ttl", headers=validator)
    assert changed.status_code == 200 and changed.content != response.content


def test_the_catalogue_uri_redirects_to_a_serialisation(client):
    turtle = client.get("/opendata/catalog", headers={"Accept": "text/turtle"})
    assert (turtle.status_code, turtle["Location"]) == (303, "/opendata/catalog.ttl")
    json_ld = client.get("/opendata/catalog", headers={"Accept": "application/ld+json"})
    assert json_ld["Location"] == "/opendata/catalog.jsonld"
    assert client.post("/opendata/catalog.ttl").status_code == 405
