"""The catalog page: facets, sorting, pages; HTMX partials and plain links; bad parameters."""

import pytest

from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import named_url

CATALOG_PAGE = "/{language}/web-test-sites/"


def catalog_page(language: str = "hu") -> str:
    return named_url("web:catalog_detail", language, catalog="web-test-sites")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_catalog_page_lists_the_public_records_with_a_clean_structure(client, dataset, language):
    response = client.get(catalog_page(language))

    assert response.status_code == 200
    page = read(response.content)
    assert page.h1s == [{"hu": "Próbahelyszínek", "en": "Test sites"}[language]]
    assert accessibility_problems(page) == []
    html = response.content.decode()
    for record in (dataset.mansion, dataset.church, dataset.chapel):
        assert record.slug in html
    assert dataset.draft.name not in html
    assert dataset.archived.name not in html


@pytest.mark.django_db
def test_catalog_page_offers_settlement_priority_and_field_facets(client, dataset):
    page = read(client.get(catalog_page("en")).content)

    headings = [text for level, text in page.headings if level == 3]
    for label in ("Settlement", "Strategy priority", "Kind", "Year built"):
        assert label in headings
    facet_links = {
        link["text"].split(" (")[0].strip(): link
        for link in page.links
        if link.get("id", "").startswith("facet-")
    }
    assert facet_links["mansion"]["href"] == "?kind=castle"
    assert facet_links["mansion"]["hx-get"] == "?kind=castle"


@pytest.mark.django_db
def test_facet_link_filters_and_marks_the_selection(client, dataset):
    response = client.get(catalog_page("en"), {"kind": "castle"})
    html = response.content.decode()

    assert dataset.mansion.slug in html
    assert dataset.church.slug not in html
    page = read(html)
    selected = [
        link
        for link in page.links
        if link.get("aria-current") == "true" and link.get("id", "").startswith("facet-")
    ]
    assert [link["href"] for link in selected] == ["?"]  # choosing it again removes it
    assert "1 record found" in html


@pytest.mark.django_db
def test_several_values_of_a_catalog_facet_combine(client, dataset):
    response = client.get(catalog_page("en"), {"kind": ["castle", "church"]})
    html = response.content.decode()

    assert dataset.mansion.slug in html
    assert dataset.church.slug in html
    assert dataset.chapel.slug not in html


@pytest.mark.django_db
def test_settlement_and_priority_filters(client, dataset):
    by_settlement = client.get(
        catalog_page(), {"settlement": dataset.town.ksh_code}
    ).content.decode()
    by_priority = client.get(catalog_page(), {"priority": 5}).content.decode()

    assert dataset.church.slug in by_settlement
    assert dataset.mansion.slug not in by_settlement
    assert dataset.mansion.slug in by_priority
    assert dataset.church.slug not in by_priority


@pytest.mark.django_db
def test_sorting_by_newest_puts_the_latest_record_first(client, dataset):
    html = client.get(catalog_page(), {"sort": "newest"}).content.decode()

    assert html.index(dataset.chapel.slug) < html.index(dataset.mansion.slug)


@pytest.mark.django_db
def test_pages_link_to_each_other_keeping_the_filters(client, dataset):
    first = client.get(catalog_page("en"), {"page_size": 1, "sort": "name"})
    page = read(first.content)

    next_link = next(link for link in page.links if link.get("rel") == "next")
    assert next_link["href"] == "?page_size=1&sort=name&page=2"
    second = client.get(catalog_page("en") + next_link["href"])
    assert second.status_code == 200
    assert read(second.content).h1s == ["Test sites"]


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_region_and_the_new_count(client, dataset):
    response = client.get(catalog_page("en"), {"kind": "castle"}, headers={"HX-Request": "true"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert html.lstrip().startswith('<div id="listing"')
    assert "<html" not in html
    assert '<p id="result-count" hx-swap-oob="innerHTML">' in html
    assert "1 record found" in html


@pytest.mark.django_db
def test_htmx_history_restore_gets_the_full_page(client, dataset):
    response = client.get(
        catalog_page("en"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.content.decode()


@pytest.mark.django_db
def test_results_region_is_an_htmx_target_that_pushes_the_url(client, dataset):
    html = client.get(catalog_page()).content.decode()

    assert (
        '<div id="listing" class="listing" hx-target="#listing" hx-swap="outerHTML" '
        'hx-push-url="true">'
    ) in html
    assert '<p id="result-count" role="status">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "999999"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"sort": "sideways"}, "sort"),
        ({"settlement": "Bagod"}, "settlement"),
        ({"priority": "-1"}, "priority"),
    ],
)
def test_bad_parameters_give_a_400_page_naming_the_parameter(client, dataset, params, parameter):
    response = client.get(catalog_page("en"), params)

    assert response.status_code == 400
    page = read(response.content)
    assert page.h1s == ["Invalid request"]
    assert f"“{parameter}”" in response.content.decode()
    assert accessibility_problems(page) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "kastély " * 100},
        {"q": '"NEAR(*) -- DROP TABLE;'},
        {"page": "40"},
        {"utm_source": "newsletter"},
    ],
)
def test_odd_but_harmless_parameters_give_a_sensible_page(client, dataset, params):
    response = client.get(catalog_page("en"), params)

    assert response.status_code == 200
    assert read(response.content).h1s == ["Test sites"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"kind": "no-such-kind"}, "kind"),
        ({"built": "next year"}, "built"),
        ({"settlement": "1"}, "settlement"),  # a database id, as the old URLs had
        ({"settlement": "99999"}, "settlement"),
        ({"priority": "9"}, "priority"),
        ({"page_size": "500"}, "page_size"),
        ({"q": "kastély " * 200}, "q"),
        ({"q": "kastély\x00"}, "q"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, dataset, params, parameter):
    response = client.get(catalog_page("en"), params)

    assert response.status_code == 400
    assert f"“{parameter}”" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_facet_value_is_explained_in_the_pages_language(client, dataset):
    response = client.get(catalog_page("hu"), {"kind": "no-such-kind"})

    assert response.status_code == 400
    assert "nem értéke ennek a szűrőszempontnak" in response.content.decode()


@pytest.mark.django_db
def test_a_page_past_the_end_offers_the_first_page(client, dataset):
    html = client.get(catalog_page("en"), {"page": "40", "kind": "castle"}).content.decode()

    assert "past the end of the results" in html
    assert 'href="?kind=castle"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", [1, 100])
def test_catalog_page_runs_a_fixed_number_of_queries_whatever_the_page_size(
    client, dataset, make_record, django_assert_max_num_queries, page_size
):
    for number in range(6):
        make_record(f"Kúria {number}", settlement=dataset.village, priorities=[1])

    # the data version of the page's ETag, the data version, the search snapshot (3),
    # settlements, priorities, records, covers
    with django_assert_max_num_queries(9):
        response = client.get(catalog_page(), {"page_size": page_size})

    assert response.status_code == 200


@pytest.mark.django_db
def test_an_old_address_with_a_settlement_database_id_asks_for_the_ksh_code(client, dataset):
    response = client.get(catalog_page("hu"), {"settlement": "12"})  # as ?settlement=<id> was

    assert response.status_code == 400
    assert "Adja meg a település ötjegyű KSH-kódját." in response.content.decode()
