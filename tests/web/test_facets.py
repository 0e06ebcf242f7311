"""Facets beside the record lists: the most frequent values, "show all" and "show fewer"."""

import pytest
from django.http import QueryDict

from kozkincs.search.selectors import FacetValue, SearchResult
from kozkincs.web import facets
from kozkincs.web.facets import facet_groups, most_frequent
from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import named_url


def settlement_values(count: int, *, selected: str | None = None) -> list[FacetValue]:
    """``count`` settlements in alphabetical order; settlement n has n records."""
    return [
        FacetValue(str(n), f"Település {n:02d}", n, str(n) == selected) for n in range(1, count + 1)
    ]


def groups(values: list[FacetValue], query: str = "", **kwargs):
    result = SearchResult(
        items=[], total=10, page=1, page_size=20, num_pages=1, facets={"settlement": values}
    )
    return facet_groups(result, QueryDict(query), definition=None, **kwargs)


def test_most_frequent_keeps_the_top_values_and_the_selected_ones_in_the_given_order():
    values = settlement_values(6, selected="2")

    kept = most_frequent(values, 3)

    assert [value.value for _index, value in kept] == ["2", "4", "5", "6"]
    assert [index for index, _value in kept] == [1, 3, 4, 5]


def test_ties_are_broken_by_label_so_the_choice_is_stable():
    values = [FacetValue("b", "Béta", 5, False), FacetValue("a", "Alfa", 5, False)]

    assert [value.value for _i, value in most_frequent(values, 1)] == ["a"]


def test_a_long_facet_is_folded_with_a_link_that_shows_all_its_values():
    (group,) = groups(settlement_values(40), "q=vár&page=2", visible_values=15)

    assert len(group.links) == 15
    assert {link.count for link in group.links} == set(range(26, 41))
    assert group.value_count == 40
    assert group.hidden_count == 25
    assert not group.expanded
    assert group.expand_url == "?q=v%C3%A1r&page=2&facet_all=settlement"
    assert group.fold_url is None


def test_an_expanded_facet_shows_every_value_and_links_back_to_the_folded_list():
    query = "facet_all=settlement&facet_all=kind&q=vár"
    (group,) = groups(settlement_values(40), query, visible_values=15)

    assert group.expanded
    assert len(group.links) == 40
    assert group.expand_url is None
    assert group.fold_url == "?facet_all=kind&q=v%C3%A1r"


def test_value_links_keep_the_expansion_and_element_ids_stay_with_their_value():
    (folded,) = groups(settlement_values(20), "", visible_values=5)
    (expanded,) = groups(settlement_values(20), "facet_all=settlement", visible_values=5)

    folded_ids = {link.value: link.element_id for link in folded.links}
    expanded_ids = {link.value: link.element_id for link in expanded.links}
    assert folded_ids == {value: expanded_ids[value] for value in folded_ids}
    assert expanded.links[0].url == "?facet_all=settlement&settlement=1"


def test_a_selected_value_outside_the_top_stays_visible_and_can_be_removed():
    (group,) = groups(settlement_values(30, selected="3"), "settlement=3", visible_values=10)

    selected = [link for link in group.links if link.selected]
    assert [(link.value, link.url) for link in selected] == [("3", "?")]
    assert len(group.links) == 11


def test_a_short_facet_shows_all_its_values_without_a_show_all_link():
    (group,) = groups(settlement_values(15), "facet_all=settlement", visible_values=15)

    assert len(group.links) == 15
    assert group.expand_url is None
    assert group.fold_url is None
    assert not group.expanded


def test_the_default_number_of_visible_values_is_the_module_setting(monkeypatch):
    monkeypatch.setattr(facets, "VISIBLE_VALUES", 4)

    (group,) = groups(settlement_values(9))

    assert len(group.links) == 4


# --- On the catalog page --------------------------------------------------------------------


def catalog_page(language: str = "en") -> str:
    return named_url("web:catalog_detail", language, catalog="web-test-sites")


@pytest.fixture
def one_visible_value(monkeypatch):
    """The dataset has two settlements: show one, so the settlement facet folds."""
    monkeypatch.setattr(facets, "VISIBLE_VALUES", 1)


def facet_links(page, name: str) -> list[dict]:
    return [link for link in page.links if link.get("id", "").startswith(f"facet-{name}-")]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_catalog_page_folds_a_long_facet_behind_an_accessible_show_all_link(
    client, dataset, one_visible_value, language
):
    page = read(client.get(catalog_page(language)).content)

    links = facet_links(page, "settlement")
    assert [link["text"].split(" (")[0] for link in links[:1]] == ["Zalaegerszeg"]
    (expand,) = [link for link in links if link["id"] == "facet-settlement-expansion"]
    assert expand["href"] == "?facet_all=settlement#facet-settlement-heading"
    assert expand["hx-get"] == "?facet_all=settlement"
    assert len(links) == 2  # one value and the link
    assert accessibility_problems(page) == []


@pytest.mark.django_db
def test_show_all_lists_every_value_without_changing_the_results(
    client, dataset, one_visible_value
):
    folded = client.get(catalog_page()).content.decode()
    response = client.get(catalog_page(), {"facet_all": "settlement"})

    page = read(response.content)
    values = [link for link in facet_links(page, "settlement") if link["id"][-1].isdigit()]
    assert sorted(link["text"].split(" (")[0] for link in values) == ["Bagod", "Zalaegerszeg"]
    assert all("facet_all=settlement" in link["href"] for link in values)
    (fold,) = [link for link in page.links if link.get("id") == "facet-settlement-expansion"]
    assert fold["text"].startswith("Show fewer")
    assert fold["hx-get"] == "?"
    for record in (dataset.mansion, dataset.church, dataset.chapel):
        assert record.slug in folded
        assert record.slug in response.content.decode()
    # Showing more values is not a filter: nothing to clear, but the form keeps the state.
    assert "clear-filters" not in response.content.decode()
    assert '<input type="hidden" name="facet_all" value="settlement">' in response.content.decode()
    assert accessibility_problems(page) == []


@pytest.mark.django_db
def test_show_all_works_in_place_with_htmx(client, dataset, one_visible_value):
    response = client.get(
        catalog_page(), {"facet_all": "settlement"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="facet-settlement-1"' in html
    assert "Show fewer" in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["nonsense", "", "settlement&x", "<script>"])
def test_an_unknown_facet_to_expand_changes_nothing(client, dataset, one_visible_value, value):
    response = client.get(catalog_page(), {"facet_all": value})

    assert response.status_code == 200
    page = read(response.content)
    assert len([link for link in facet_links(page, "settlement") if link["id"][-1].isdigit()]) == 1
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_expanding_a_facet_runs_no_extra_query(
    client, dataset, one_visible_value, django_assert_max_num_queries
):
    # the data version of the page's ETag, the data version, the search snapshot (3),
    # settlements, priorities, records, covers
    with django_assert_max_num_queries(9):
        response = client.get(catalog_page(), {"facet_all": "settlement"})

    assert response.status_code == 200
