"""The OAI-PMH verbs, arguments and errors, through Django's test client. Every response is
checked against OAI-PMH.xsd (metadata included) by the ``oai`` fixture."""

from datetime import UTC, datetime

import pytest

from kozkincs.catalog.services import record_archive, record_delete
from kozkincs.opendata.oai import verbs
from kozkincs.opendata.oai.protocol import DateRange
from kozkincs.opendata.oai.tokens import ListState, token_encode
from tests.opendata.conftest import CATALOG, OAI, error_code

pytestmark = pytest.mark.django_db


def identifiers(document) -> list[str]:
    return [e.text for e in document.iter(f"{OAI}identifier")]


def header_statuses(document) -> dict[str, str | None]:
    return {h.findtext(f"{OAI}identifier"): h.get("status") for h in document.iter(f"{OAI}header")}


def oai_id(record_or_id) -> str:
    return f"oai:kozkincs.test:{getattr(record_or_id, 'pk', record_or_id)}"


@pytest.fixture
def three(make_record, clock):
    """A record a day for three days, one archived on the fourth, one never published."""
    first = make_record("Első kereszt")
    clock.advance(days=1)
    second = make_record("Második kereszt")
    clock.advance(days=1)
    third = make_record("Harmadik kereszt", catalog="natural-values", values={"kind": "spring"})
    clock.advance(days=1)
    record_archive(record=second)
    make_record("Vázlat", publish=False)
    return first, second, third


def test_identify_describes_the_repository(oai, three, settings):
    settings.KOZKINCS_CONTACT_EMAIL = "kozkincs@example.hu"
    identify = oai(verb="Identify").find(f"{OAI}Identify")
    assert identify.findtext(f"{OAI}baseURL") == "http://testserver/oai"
    assert identify.findtext(f"{OAI}protocolVersion") == "2.0"
    assert identify.findtext(f"{OAI}adminEmail") == "kozkincs@example.hu"
    assert identify.findtext(f"{OAI}earliestDatestamp") == "2026-03-01T09:00:00Z"
    assert identify.findtext(f"{OAI}deletedRecord") == "persistent"
    assert identify.findtext(f"{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"
    assert settings.KOZKINCS_OPERATOR_NAME in identify.findtext(f"{OAI}repositoryName")


def test_without_a_contact_address_identify_still_names_a_valid_one(oai, settings):
    settings.KOZKINCS_CONTACT_EMAIL = ""
    settings.ADMINS = []
    settings.DEFAULT_FROM_EMAIL = "webmaster@localhost"
    identify = oai(verb="Identify").find(f"{OAI}Identify")
    assert identify.findtext(f"{OAI}adminEmail") == "webmaster@kozkincs.test"


def test_post_is_answered_like_get(oai, three):
    assert identifiers(oai(_post=True, verb="ListIdentifiers", metadataPrefix="oai_dc")) == (
        identifiers(oai(verb="ListIdentifiers", metadataPrefix="oai_dc"))
    )


def test_list_metadata_formats_offers_dublin_core_and_edm(oai, three):
    document = oai(verb="ListMetadataFormats")
    assert [e.text for e in document.iter(f"{OAI}metadataPrefix")] == ["oai_dc", "edm"]
    for_item = oai(verb="ListMetadataFormats", identifier=oai_id(three[1]))
    assert [e.text for e in for_item.iter(f"{OAI}metadataPrefix")] == ["oai_dc", "edm"]


def test_list_sets_has_one_set_per_catalog(oai):
    from kozkincs.catalog.registry import catalog_list

    document = oai(verb="ListSets")
    assert [e.text for e in document.iter(f"{OAI}setSpec")] == [d.key for d in catalog_list()]
    names = [e.text for e in document.iter(f"{OAI}setName")]
    assert "Természeti értékek" in names and "Próba örökség" in names


def test_list_identifiers_in_record_order_with_sets_and_deleted_headers(oai, three):
    first, second, third = three
    document = oai(verb="ListIdentifiers", metadataPrefix="edm")
    assert header_statuses(document) == {
        oai_id(first): None,
        oai_id(second): "deleted",
        oai_id(third): None,
    }
    sets = [e.text for e in document.iter(f"{OAI}setSpec")]
    assert sets == [CATALOG, CATALOG, "natural-values"]
    only = oai(verb="ListIdentifiers", metadataPrefix="edm", set="natural-values")
    assert identifiers(only) == [oai_id(third)]


def test_list_records_gives_metadata_for_live_records_and_headers_for_deleted(oai, three):
    _first, _second, _third = three
    records = oai(verb="ListRecords", metadataPrefix="oai_dc").findall(f".//{OAI}record")
    assert [r.find(f"{OAI}metadata") is not None for r in records] == [True, False, True]
    assert records[1].find(f"{OAI}header").get("status") == "deleted"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"from": "2026-03-02"}, [1, 2]),  # second (archived on the 4th) and third
        ({"until": "2026-03-02"}, [0]),  # until a day: to its end; the first only
        ({"from": "2026-03-03", "until": "2026-03-03"}, [2]),
        ({"from": "2026-03-03T09:00:00Z"}, [1, 2]),
        ({"from": "2026-03-03T09:00:01Z"}, [1]),
        ({"until": "2026-03-03T09:00:00Z"}, [0, 2]),  # inclusive to the second
        ({"until": "2026-03-03T08:59:59Z"}, [0]),
        ({"from": "2026-03-01T09:00:00Z", "until": "2026-03-01T09:00:00Z"}, [0]),
    ],
)
def test_from_and_until_select_by_datestamp_inclusively(oai, three, arguments, expected):
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **arguments)
    assert identifiers(document) == [oai_id(three[i]) for i in expected]


def test_get_record_of_a_live_and_a_withdrawn_record(oai, three):
    first, second, _third = three
    live = oai(verb="GetRecord", identifier=oai_id(first), metadataPrefix="edm")
    assert live.find(f".//{OAI}metadata") is not None
    gone = oai(verb="GetRecord", identifier=oai_id(second), metadataPrefix="edm")
    assert header_statuses(gone) == {oai_id(second): "deleted"}
    assert gone.find(f".//{OAI}metadata") is None


def test_a_deleted_record_stays_a_deleted_header(oai, make_record):
    record = make_record("Elbontott kereszt")
    record_id = record.pk
    record_delete(record=record)
    document = oai(verb="GetRecord", identifier=oai_id(record_id), metadataPrefix="oai_dc")
    assert header_statuses(document) == {oai_id(record_id): "deleted"}


def test_the_request_element_echoes_a_valid_request(oai, three):
    request = oai(verb="ListIdentifiers", metadataPrefix="edm", set=CATALOG).find(f"{OAI}request")
    assert dict(request.attrib) == {
        "verb": "ListIdentifiers",
        "metadataPrefix": "edm",
        "set": CATALOG,
    }
    assert request.text == "http://testserver/oai"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "badVerb"),
        ("verb=Harvest", "badVerb"),
        ("verb=Identify&verb=Identify", "badVerb"),
        ("verb=Identify&set=x", "badArgument"),
        ("verb=ListRecords", "badArgument"),
        ("verb=ListRecords&metadataPrefix=edm&metadataPrefix=edm", "badArgument"),
        ("verb=ListRecords&metadataPrefix=edm&from=2026-13-01", "badArgument"),
        ("verb=ListRecords&metadataPrefix=edm&from=2026-03-01T09:00Z", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=edm&from=2026-03-01&until=2026-03-02T00:00:00Z",
            "badArgument",
        ),
        ("verb=ListRecords&metadataPrefix=edm&from=2026-03-02&until=2026-03-01", "badArgument"),
        ("verb=ListRecords&metadataPrefix=edm&set=no-such-catalog", "badArgument"),
        ("verb=ListRecords&metadataPrefix=edm&resumptionToken=x", "badArgument"),
        ("verb=GetRecord&identifier=oai:kozkincs.test:1", "badArgument"),
        ("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat"),
        (
            "verb=GetRecord&identifier=oai:kozkincs.test:1&metadataPrefix=mods",
            "cannotDisseminateFormat",
        ),
        ("verb=GetRecord&identifier=oai:kozkincs.test:999999&metadataPrefix=edm", "idDoesNotExist"),
        ("verb=GetRecord&identifier=oai:elsewhere.hu:1&metadataPrefix=edm", "idDoesNotExist"),
        ("verb=GetRecord&identifier=oai:kozkincs.test:%C2%B9&metadataPrefix=edm", "idDoesNotExist"),
        ("verb=ListMetadataFormats&identifier=urn:nothing", "idDoesNotExist"),
        ("verb=ListRecords&metadataPrefix=edm&from=2030-01-01", "noRecordsMatch"),
        ("verb=ListIdentifiers&metadataPrefix=edm&until=2000-01-01", "noRecordsMatch"),
        ("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken"),
        ("verb=ListSets&resumptionToken=anything", "badResumptionToken"),
    ],
)
def test_every_protocol_error_is_reported_with_its_code(oai, three, query, code):
    document = oai(_raw=query)
    assert error_code(document) == code
    assert document.findtext(f"{OAI}error").strip()
    request = document.find(f"{OAI}request")
    echoed = code not in {"badVerb", "badArgument"}
    assert bool(request.attrib) == echoed


def test_a_draft_that_was_never_published_does_not_exist(oai, make_record):
    draft = make_record("Vázlat", publish=False)
    document = oai(verb="GetRecord", identifier=oai_id(draft), metadataPrefix="edm")
    assert error_code(document) == "idDoesNotExist"


def test_an_altered_token_or_one_for_another_verb_is_refused(oai, three):
    state = ListState("ListIdentifiers", "edm", None, DateRange(), after_id=1, cursor=1)
    token = token_encode(state)
    assert error_code(oai(verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert error_code(oai(verb="ListIdentifiers", resumptionToken=tampered)) == (
        "badResumptionToken"
    )
    assert error_code(oai(verb="ListIdentifiers", resumptionToken=token)) is None


def test_long_lists_are_split_with_cursor_tokens(oai, make_record, monkeypatch):
    monkeypatch.setattr(verbs, "IDENTIFIERS_PER_PAGE", 2)
    records = [make_record(f"Kereszt {n}") for n in range(5)]
    seen, tokens = [], []
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    while True:
        seen += identifiers(document)
        token = document.find(f".//{OAI}resumptionToken")
        tokens.append((token.get("cursor"), token.get("completeListSize"), token.text))
        if not token.text:
            break
        document = oai(verb="ListIdentifiers", resumptionToken=token.text)
    assert seen == [oai_id(r) for r in records]
    assert [(cursor, size) for cursor, size, _text in tokens] == [
        ("0", "5"), ("2", "5"), ("4", "5"),
    ]  # fmt: skip
    assert tokens[-1][2] is None


def test_a_list_that_fits_one_response_has_no_token(oai, three):
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert document.find(f".//{OAI}resumptionToken") is None


def test_a_token_keeps_the_original_arguments(oai, make_record, clock, monkeypatch):
    monkeypatch.setattr(verbs, "IDENTIFIERS_PER_PAGE", 1)
    make_record("Régi kereszt")
    clock.advance(days=10)
    kept = [make_record(f"Új kereszt {n}") for n in range(3)]
    make_record("Tó", catalog="natural-values", values={"kind": "lake"})
    document = oai(
        verb="ListIdentifiers", metadataPrefix="oai_dc", set=CATALOG, **{"from": "2026-03-05"}
    )
    seen = identifiers(document)
    while (token := document.find(f".//{OAI}resumptionToken")) is not None and token.text:
        document = oai(verb="ListIdentifiers", resumptionToken=token.text)
        seen += identifiers(document)
    assert seen == [oai_id(r) for r in kept]


def test_a_resumed_list_whose_rest_left_its_dates_ends_with_no_records_match(
    oai, make_record, clock, monkeypatch
):
    from kozkincs.catalog.services import record_update

    monkeypatch.setattr(verbs, "IDENTIFIERS_PER_PAGE", 1)
    first = make_record("Első")
    second = make_record("Második")
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", until="2026-03-01")
    token = document.find(f".//{OAI}resumptionToken").text
    clock.advance(days=2)
    record_update(record=second, data={"summary": "Később szerkesztve."})
    assert identifiers(document) == [oai_id(first)]
    assert error_code(oai(verb="ListIdentifiers", resumptionToken=token)) == "noRecordsMatch"


def test_other_methods_are_not_allowed(client):
    assert client.put("/oai?verb=Identify").status_code == 405


def test_a_record_page_reads_a_fixed_number_of_queries(
    oai, make_record, settlements, django_assert_num_queries
):
    def make(count: int) -> None:
        for n in range(count):
            make_record(
                f"Kereszt {n}", settlement=settlements["bagod"],
                settlements=[settlements["zalaegerszeg"]], values={"places": ["32054"]},
            )  # fmt: skip

    make(3)
    # count, page of items, records, further settlements, settlements, cover images
    with django_assert_num_queries(6):
        oai(verb="ListRecords", metadataPrefix="edm")
    make(20)
    with django_assert_num_queries(6):
        oai(verb="ListRecords", metadataPrefix="edm")


def test_datestamps_are_utc(oai, make_record, clock):
    clock.now = datetime(2026, 7, 1, 23, 30, 5, tzinfo=UTC)
    record = make_record("Nyári kereszt")
    document = oai(verb="GetRecord", identifier=oai_id(record), metadataPrefix="oai_dc")
    assert document.findtext(f".//{OAI}datestamp") == "2026-07-01T23:30:05Z"
