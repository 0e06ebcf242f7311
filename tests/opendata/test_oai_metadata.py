"""What the Dublin Core and EDM records say about a record: the mapping of the shared columns
and the catalog fields, and nothing a visitor could not see on the record page."""

import pytest

from kozkincs.opendata.oai.metadata import media
from tests.opendata.conftest import OAI, RDF
from tests.opendata.validators import assert_valid_edm

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
EDM = "{http://www.europeana.eu/schemas/edm/}"
ORE = "{http://www.openarchives.org/ore/terms/}"
SKOS = "{http://www.w3.org/2004/02/skos/core#}"
WGS84 = "{http://www.w3.org/2003/01/geo/wgs84_pos#}"
OWL = "{http://www.w3.org/2002/07/owl#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def texts(parent, name: str) -> list[tuple[str | None, str]]:
    return [(e.get(XML_LANG), e.text) for e in parent.iter(name)]


def resources(parent, name: str) -> list[str]:
    return [e.get(f"{RDF}resource") for e in parent.iter(name)]


@pytest.fixture
def chapel(make_record, settlements):
    return make_record(
        "Szent Anna kápolna",
        name_en="St Anne's chapel",
        summary="Kis kápolna a domb tetején.",
        description="<p>Barokk <strong>kápolna</strong>.</p><p>Búcsú &amp; mise júliusban.</p>",
        settlement=settlements["bagod"],
        settlements=[settlements["nagykutas"]],
        tags=["barokk"],
        sources=[{"title": "Zala megye templomai", "url": "https://example.org/templomok"}],
        values={
            "kind": "chapel",
            "period": "1747-1769",
            "author": ["Kovács Anna"],
            "isbn": "9789631234565",
            "languages": ["hu", "la", "other"],
            "places": ["32054"],
            "keeper": {"name": "Titkos Tóbiás", "email": "tobias@example.org"},
            "internal": "A kulcs a plébánián.",
        },
    )


def edm_record(oai, record):
    document = oai(
        verb="GetRecord", identifier=f"oai:kozkincs.test:{record.pk}", metadataPrefix="edm"
    )
    return document.find(f".//{OAI}metadata/{RDF}RDF")


def dc_record(oai, record):
    document = oai(
        verb="GetRecord", identifier=f"oai:kozkincs.test:{record.pk}", metadataPrefix="oai_dc"
    )
    return document.find(f".//{OAI}metadata")


def test_the_provided_object_carries_the_record_in_every_language(oai, chapel):
    cho = edm_record(oai, chapel).find(f"{EDM}ProvidedCHO")
    assert cho.get(f"{RDF}about") == f"http://testserver/hu/r/{chapel.pk}/#object"
    assert texts(cho, f"{DC}title") == [("hu", "Szent Anna kápolna"), ("en", "St Anne's chapel")]
    assert texts(cho, f"{DC}description") == [
        ("hu", "Kis kápolna a domb tetején."),
        ("hu", "Barokk kápolna. Búcsú & mise júliusban."),
    ]
    assert texts(cho, f"{DC}subject") == [
        ("hu", "barokk"), ("hu", "kápolna"), ("en", "chapel"), ("de", "Kapelle"),
    ]  # fmt: skip
    assert texts(cho, f"{DC}type") == [
        ("hu", "Próba érték"),
        ("en", "Test value"),
        ("de", "Testwert"),
    ]
    assert [e.text for e in cho.iter(f"{DC}identifier")] == [
        "http://testserver/hu/oai-test-heritage/szent-anna-kapolna/",
        "urn:isbn:9789631234565",
    ]
    assert [e.text for e in cho.iter(f"{DC}language")] == ["hu", "la"]
    assert texts(cho, f"{DCTERMS}created") == [(None, "1747\u20131769")]
    assert [e.text for e in cho.iter(f"{DC}source")] == [
        "Zala megye templomai (https://example.org/templomok)"
    ]
    assert cho.findtext(f"{EDM}type") == "TEXT"


def test_the_settlements_become_places_with_coordinates_and_codes(oai, chapel):
    rdf = edm_record(oai, chapel)
    cho = rdf.find(f"{EDM}ProvidedCHO")
    bagod, nagykutas, zalaegerszeg = (
        "http://testserver/hu/telepulesek/bagod/",
        "http://testserver/hu/telepulesek/nagykutas/",
        "http://testserver/hu/telepulesek/zalaegerszeg/",
    )
    assert resources(cho, f"{DCTERMS}spatial") == [bagod, nagykutas, zalaegerszeg]
    places = {p.get(f"{RDF}about"): p for p in rdf.iter(f"{EDM}Place")}
    assert list(places) == [bagod, nagykutas, zalaegerszeg]
    assert places[bagod].findtext(f"{WGS84}lat") == "46.88"
    assert places[bagod].findtext(f"{WGS84}long") == "16.74"
    assert places[bagod].findtext(f"{SKOS}prefLabel") == "Bagod"
    assert places[bagod].findtext(f"{SKOS}note") == "KSH 23737"
    assert resources(places[bagod], f"{OWL}sameAs") == ["http://www.wikidata.org/entity/Q851347"]
    assert places[nagykutas].find(f"{WGS84}lat") is None  # no coordinates known


def test_the_aggregation_names_the_page_the_rights_and_the_providers(oai, chapel, settings):
    settings.KOZKINCS_OPERATOR_NAME = "Próba Társulás"
    settings.KOZKINCS_EDM_PROVIDER = "MaNDA"
    aggregation = edm_record(oai, chapel).find(f"{ORE}Aggregation")
    assert resources(aggregation, f"{EDM}aggregatedCHO") == [
        f"http://testserver/hu/r/{chapel.pk}/#object"
    ]
    assert resources(aggregation, f"{EDM}isShownAt") == [
        "http://testserver/hu/oai-test-heritage/szent-anna-kapolna/"
    ]
    assert aggregation.find(f"{EDM}isShownBy") is None
    assert aggregation.findtext(f"{EDM}dataProvider") == "Próba Társulás"
    assert aggregation.findtext(f"{EDM}provider") == "MaNDA"
    # the test catalog is CC BY-SA; the built-in ones keep the default CC BY 4.0
    assert resources(aggregation, f"{EDM}rights") == [
        "http://creativecommons.org/licenses/by-sa/4.0/"
    ]


def test_the_provider_defaults_to_the_operator(oai, chapel, settings):
    settings.KOZKINCS_EDM_PROVIDER = ""
    aggregation = edm_record(oai, chapel).find(f"{ORE}Aggregation")
    assert aggregation.findtext(f"{EDM}provider") == settings.KOZKINCS_OPERATOR_NAME


def test_a_built_in_catalog_uses_the_default_licence(oai, make_record):
    spring = make_record("Szentkút", catalog="natural-values", values={"kind": "spring"})
    aggregation = edm_record(oai, spring).find(f"{ORE}Aggregation")
    assert resources(aggregation, f"{EDM}rights") == ["http://creativecommons.org/licenses/by/4.0/"]


def test_a_cover_image_is_shown_by_and_makes_the_record_an_image(oai, chapel, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kozkincs.media.services import image_upload
    from tests.media.pictures import photo

    settings.MEDIA_ROOT = str(tmp_path)
    assert media.cover_images([chapel], origin="http://testserver") == {}
    image = image_upload(
        record=chapel,
        upload=SimpleUploadedFile("kapolna.jpg", photo(), content_type="image/jpeg"),
        alt_text="A kápolna homlokzata",
        credit="Kovács Anna",
        licence="CC-BY-4.0",
    )

    rdf = edm_record(oai, chapel)
    [shown_by] = resources(rdf, f"{EDM}isShownBy")
    assert shown_by.startswith("http://testserver/media/images/")
    assert str(image.pk) in shown_by
    assert rdf.find(f"{EDM}ProvidedCHO").findtext(f"{EDM}type") == "IMAGE"
    assert_valid_edm(rdf)  # Europeana's XSD and Schematron rules


def test_a_catalog_can_fix_its_edm_type(oai, make_record, tmp_path, settings):
    from kozkincs.catalog.registry import reset_registry
    from tests.opendata.conftest import DEFINITIONS

    text = (DEFINITIONS / "oai-test-heritage.yaml").read_text(encoding="utf-8")
    (tmp_path / "sounds.yaml").write_text(
        text.replace("key: oai-test-heritage", "key: oai-test-sounds") + "edm_type: SOUND\n",
        encoding="utf-8",
    )
    settings.KOZKINCS_CATALOG_DIRS = [str(tmp_path)]
    reset_registry()
    song = make_record("Népdal", catalog="oai-test-sounds")
    assert edm_record(oai, song).find(f"{EDM}ProvidedCHO").findtext(f"{EDM}type") == "SOUND"


def test_dublin_core_carries_the_same_description(oai, chapel):
    dc = dc_record(oai, chapel)
    assert texts(dc, f"{DC}title") == [("hu", "Szent Anna kápolna"), ("en", "St Anne's chapel")]
    assert [e.text for e in dc.iter(f"{DC}coverage")] == ["Bagod", "Nagykutas", "Zalaegerszeg"]
    assert [e.text for e in dc.iter(f"{DC}date")] == ["1747\u20131769"]
    assert [e.text for e in dc.iter(f"{DC}rights")] == [
        "https://creativecommons.org/licenses/by-sa/4.0/"
    ]


@pytest.mark.parametrize("metadata", [edm_record, dc_record])
def test_personal_and_staff_only_fields_stay_out_without_consent(oai, chapel, metadata):
    from lxml import etree

    text = etree.tostring(metadata(oai, chapel), encoding="unicode")
    assert "Kovács Anna" not in text  # personal, no consent
    assert "Titkos Tóbiás" not in text and "tobias@example.org" not in text  # a contact person
    assert "plébánián" not in text  # staff only


@pytest.mark.parametrize(("visibility", "shown"), [("public", True), ("members", False)])
def test_a_consented_public_personal_field_is_described(oai, make_record, visibility, shown):
    record = make_record(
        "Helytörténet",
        values={"author": ["Kovács Anna"]},
        privacy={"author": {"consent": True, "visibility": visibility}},
    )
    creators = [e.text for e in edm_record(oai, record).iter(f"{DC}creator")]
    assert creators == (["Kovács Anna"] if shown else [])


def test_characters_xml_cannot_carry_are_dropped_and_markup_is_escaped(oai, make_record):
    record = make_record("Kereszt <b>&</b> \x0b kút", summary="a < b & c > d")
    cho = edm_record(oai, record).find(f"{EDM}ProvidedCHO")
    assert cho.findtext(f"{DC}title") == "Kereszt <b>&</b>  kút"
    assert cho.findtext(f"{DC}description") == "a < b & c > d"


@pytest.mark.parametrize("licence", ["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"])
def test_every_licence_a_catalog_may_name_is_a_rights_statement_europeana_accepts(
    oai, make_record, tmp_path, settings, licence
):
    from kozkincs.catalog.licences import LICENCES
    from kozkincs.catalog.registry import reset_registry
    from tests.opendata.conftest import DEFINITIONS

    text = (DEFINITIONS / "oai-test-heritage.yaml").read_text(encoding="utf-8")
    (tmp_path / "licensed.yaml").write_text(
        text.replace("licence: CC-BY-SA-4.0", f"licence: {licence}"), encoding="utf-8"
    )
    settings.KOZKINCS_CATALOG_DIRS = [str(tmp_path)]
    reset_registry()
    record = make_record("Kereszt")
    aggregation = edm_record(oai, record).find(f"{ORE}Aggregation")  # Schematron checks it
    assert resources(aggregation, f"{EDM}rights") == [LICENCES[licence].rights_uri]
