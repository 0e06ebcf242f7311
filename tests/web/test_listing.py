"""Facet toggle links, page links and parameter parsing of the record lists."""

import pytest
from django.http import QueryDict

from kozkincs.core.parameters import InvalidParameter, Page
from kozkincs.search.parameters import optional_param, search_arguments
from kozkincs.search.selectors import FacetValue, SearchResult
from kozkincs.web.facets import facet_groups
from kozkincs.web.listing import pagination, toggled


def result(*, page: int, num_pages: int, facets=None) -> SearchResult:
    return SearchResult(
        items=[], total=num_pages * 10, page=page, page_size=10, num_pages=num_pages,
        facets=facets or {},
    )  # fmt: skip


def test_toggling_a_catalog_facet_value_adds_and_removes_it_and_resets_the_page():
    params = QueryDict("kind=castle&page=3&q=vár")

    assert toggled(params, "kind", "church") == "?kind=castle&kind=church&q=v%C3%A1r"
    assert toggled(params, "kind", "castle") == "?q=v%C3%A1r"


def test_toggling_a_single_valued_facet_replaces_its_value():
    assert toggled(QueryDict("settlement=32054"), "settlement", "33668") == "?settlement=33668"
    assert toggled(QueryDict("settlement=32054"), "settlement", "32054") == "?"


@pytest.mark.parametrize("raw", ["abc", "1.5", "-1", "٣", "1e3", "0", "10001"])
def test_malformed_numbers_raise_an_invalid_parameter_naming_it(raw):
    with pytest.raises(InvalidParameter) as error:
        optional_param(QueryDict(f"page={raw}"), "page", Page)

    assert error.value.parameter == "page"
    assert error.value.message


def test_missing_number_is_none():
    assert optional_param(QueryDict("page="), "page", Page) is None


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("settlement=12", "settlement"),  # a database id of the old URLs: not a KSH code
        ("settlement=abcde", "settlement"),
        ("priority=9", "priority"),
        ("page_size=101", "page_size"),
        ("sort=random", "sort"),
        ("q=" + "x" * 1001, "q"),
        ("q=templom%00", "q"),
    ],
)
def test_bad_list_parameters_name_the_parameter(query, parameter):
    with pytest.raises(InvalidParameter) as error:
        search_arguments(QueryDict(query), definition=None)

    assert error.value.parameter == parameter


def test_list_parameters_become_typed_search_arguments():
    arguments = search_arguments(
        QueryDict("q=+vár+&settlement=32054&priority=2&sort=newest&page=3&page_size=50&x=1"),
        definition=None,
    )

    assert arguments["query"] == "vár"
    assert (arguments["settlement"], arguments["priority"]) == ("32054", 2)
    assert (arguments["sort"], arguments["page"], arguments["page_size"]) == ("newest", 3, 50)
    assert arguments["facets"] == {}


def test_pagination_shows_first_last_and_neighbours_with_gaps():
    links = pagination(result(page=10, num_pages=20), QueryDict("q=a&page=10"))

    numbers = [page.number if page else None for page in links.pages]
    assert numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert links.previous_url == "?q=a&page=9"
    assert links.next_url == "?q=a&page=11"
    assert links.pages[0].url == "?q=a"


def test_single_page_needs_no_pagination():
    assert pagination(result(page=1, num_pages=1), QueryDict("")) is None


def test_page_past_the_end_links_back_to_the_last_page():
    links = pagination(result(page=50, num_pages=3), QueryDict("page=50"))

    assert links.previous_url == "?page=3"
    assert links.next_url is None


def test_facet_groups_label_the_shared_facets_and_give_each_link_a_stable_id():
    facets = {
        "priority": [FacetValue("2", "2. Örökség", 4, True)],
        "catalog": [FacetValue("built-values", "Épített értékek", 9, False)],
    }

    groups = facet_groups(
        result(page=1, num_pages=1, facets=facets), QueryDict("priority=2"), definition=None,
        hidden=("catalog",),
    )  # fmt: skip

    assert [group.name for group in groups] == ["priority"]
    assert str(groups[0].label) == "Strategy priority"
    assert groups[0].links[0].url == "?"
    assert groups[0].links[0].element_id == "facet-priority-0"
    assert groups[0].has_selection
