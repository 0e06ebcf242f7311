"""``/api/v1/records``: search, filters, facets, paging, and what must never appear."""

import pytest

from kozkincs.api.schemas import RecordPageOut
from tests.api.conftest import CATALOG

pytestmark = pytest.mark.django_db


def get_records(client, HTTP_ACCEPT_LANGUAGE="hu", **params):
    response = client.get("/api/v1/records", params, HTTP_ACCEPT_LANGUAGE=HTTP_ACCEPT_LANGUAGE)
    assert response.status_code == 200, response.content
    body = response.json()
    RecordPageOut.model_validate(body)
    return body


def names(body):
    return {item["name"] for item in body["items"]}


def test_lists_published_records_only(client, dataset):
    body = get_records(client, catalog=CATALOG)

    assert names(body) == {"Szent Mihály templom", "Szent Anna kápolna", "Vízimalom"}
    assert body["total"] == 3


def test_search_finds_inflected_and_accent_free_words_but_never_drafts(client, dataset):
    body = get_records(client, q="templomban")

    assert "Szent Mihály templom" in names(body)
    assert "Titkos templom vázlat" not in names(body)
    assert "Archivált templom" not in names(body)
    assert "Szent Mihály templom" in names(get_records(client, q="mihaly"))


def test_items_link_to_the_api_and_the_page_and_carry_a_snippet(client, dataset):
    item = get_records(client, q="barokk")["items"][0]

    assert item["url"] == f"/api/v1/records/{dataset.church.pk}"
    assert item["html_url"] == dataset.church.get_absolute_url()
    assert "<mark>" in item["snippet"]
    assert item["settlement"]["ksh_code"] == dataset.settlement.ksh_code


def test_filters_by_settlement_priority_and_bbox(client, dataset):
    by_settlement = get_records(client, settlement=dataset.other_settlement.ksh_code)
    by_priority = get_records(client, priority=1)
    by_box = get_records(client, bbox="16.745,46.885,16.76,46.9")

    assert names(by_settlement) == {"Szent Anna kápolna"}
    assert names(by_priority) == {"Szent Mihály templom"}
    assert names(by_box) == {"Vízimalom"}


def test_facet_parameters_filter_and_facet_counts_are_returned(client, dataset):
    body = get_records(client, catalog=CATALOG, **{"facet.kind": "church"})

    assert names(body) == {"Szent Mihály templom"}
    kinds = {value["value"]: value for value in body["facets"]["kind"]}
    assert kinds["church"]["count"] == 1
    assert kinds["church"]["selected"] is True
    assert {"catalog", "settlement", "priority"} <= set(body["facets"])


def test_page_links_follow_lang_not_the_browser_language(client, dataset):
    english = get_records(client, q="barokk", lang="en", HTTP_ACCEPT_LANGUAGE="de")
    hungarian = get_records(client, q="barokk", HTTP_ACCEPT_LANGUAGE="en")

    assert english["items"][0]["html_url"].startswith("/en/")
    assert hungarian["items"][0]["html_url"].startswith("/hu/")


def test_facet_labels_follow_lang(client, dataset):
    body = get_records(client, catalog=CATALOG, lang="en")

    labels = {value["value"]: value["label"] for value in body["facets"]["kind"]}
    assert labels["mill"] == "mill"
    assert get_records(client, catalog=CATALOG, lang="hu")["facets"]["kind"][0]["label"] in {
        "templom",
        "kápolna",
        "malom",
    }


def test_paging_and_a_page_past_the_end(client, dataset):
    first = get_records(client, catalog=CATALOG, page_size=2, sort="name")
    second = get_records(client, catalog=CATALOG, page_size=2, page=2, sort="name")
    beyond = get_records(client, catalog=CATALOG, page_size=2, page=50)

    assert (first["total"], first["num_pages"], len(first["items"])) == (3, 2, 2)
    assert len(second["items"]) == 1
    assert names(first).isdisjoint(names(second))
    assert beyond["items"] == []


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
        ({"settlement": "12"}, "settlement"),
        ({"settlement": "99999"}, "settlement"),
        ({"priority": "9"}, "priority"),
        ({"priority": "x"}, "priority"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "20,48,16,46"}, "bbox"),
        ({"catalog": "no-such-catalog"}, "catalog"),
        ({"sort": "random"}, "sort"),
        ({"lang": "fr"}, "lang"),
        ({"q": "x" * 1001}, "q"),
        ({"q": "templom\x00"}, "q"),
        ({"facet.kind": "church"}, "facet.kind"),
        ({"catalog": CATALOG, "facet.colour": "red"}, "facet.colour"),
        ({"catalog": CATALOG, "facet.kind": "castle"}, "facet.kind"),
        ({"catalog": CATALOG, "facet.kind": "Church"}, "facet.kind"),
        ({"catalog": CATALOG, "facet.built": "old"}, "facet.built"),
        ({"catalog": CATALOG, "facet.built": "99999"}, "facet.built"),
        ({"catalog": CATALOG, "facet.kind": "church\x00"}, "facet.kind"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, dataset, params, parameter):
    response = client.get("/api/v1/records", params)

    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "query",
    ['"', "*", "templom NEAR kastély", "-templom", "'; DROP TABLE catalog_record; --", "Ζ中й"],
)
def test_odd_queries_give_an_answer_not_an_error(client, dataset, query):
    assert isinstance(get_records(client, q=query)["total"], int)


@pytest.mark.parametrize(
    ("lang", "fragment"),
    [("en", "is not a value of this facet"), ("hu", "szűrőszempont"), ("de", "Facette")],
)
def test_an_unknown_facet_value_is_explained_in_the_requested_language(
    client, dataset, lang, fragment
):
    response = client.get(
        "/api/v1/records", {"catalog": CATALOG, "facet.kind": "castle", "lang": lang}
    )

    assert response.status_code == 400
    assert response.json()["parameter"] == "facet.kind"
    assert fragment in response.json()["detail"]
    assert "church, chapel, mill" in response.json()["detail"]


@pytest.mark.parametrize("lang", ["en", "hu", "de"])
def test_an_unknown_settlement_is_explained_in_the_requested_language(client, dataset, lang):
    response = client.get("/api/v1/records", {"settlement": "99999", "lang": lang})

    assert response.status_code == 400
    assert response.json()["parameter"] == "settlement"
    assert "99999" in response.json()["detail"]
    assert ("KSH code" in response.json()["detail"]) == (lang == "en")


def test_a_known_value_without_records_gives_an_empty_result(client, dataset):
    assert get_records(client, catalog=CATALOG, **{"facet.built": "1999"})["total"] == 0
    assert get_records(client, priority=5)["total"] == 0


@pytest.mark.parametrize("page_size", [1, 100])
def test_query_count_does_not_grow_with_the_page_size(
    client, dataset, settings, django_assert_max_num_queries, make_record, page_size
):
    settings.KOZKINCS_RESPONSE_CACHE = False
    for number in range(10):
        make_record(f"Templom {number}", settlement=dataset.settlement, values={"kind": "church"})
    ranking = 2  # the hits' ids, then their ranks
    # 8: the search's 7 and the data version of the answer's ETag.
    with django_assert_max_num_queries(8 + ranking):
        body = get_records(client, q="templom", catalog=CATALOG, page_size=page_size)
    assert len(body["items"]) == min(page_size, body["total"])


def test_an_edit_shows_in_the_next_response(client, dataset, make_record):
    before = get_records(client, q="harangláb")
    make_record("Fa harangláb", settlement=dataset.settlement, values={"kind": "chapel"})
    after = get_records(client, q="harangláb")

    assert before["total"] == 0
    assert names(after) == {"Fa harangláb"}


def test_a_repeated_request_is_served_from_the_cache(
    client, dataset, django_assert_max_num_queries
):
    first = client.get("/api/v1/records", {"q": "templom"})
    with django_assert_max_num_queries(1):  # the data version only
        second = client.get("/api/v1/records", {"q": "templom"})

    assert second.content == first.content


def test_a_repeated_settlement_filter_needs_no_settlement_lookup(
    client, dataset, django_assert_max_num_queries
):
    params = {"catalog": CATALOG, "settlement": dataset.settlement.ksh_code}
    first = client.get("/api/v1/records", params)
    with django_assert_max_num_queries(1):  # the data version only
        second = client.get("/api/v1/records", params)

    assert second.content == first.content
    assert first.json()["total"] == 2
