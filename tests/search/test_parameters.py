"""The search's boundary checks: catalog keys, facet filters and bounding boxes, each naming the
parameter, in the active language."""

import pytest
from django.utils import translation

from kozkincs.catalog.registry import catalog_get
from kozkincs.search.parameters import (
    MAX_FACET_VALUES,
    SearchInputError,
    bounding_box,
    catalog_definition,
    facet_filters,
)


@pytest.fixture
def heritage():
    return catalog_get("search-heritage")


def test_a_catalog_key_gives_its_definition_and_an_unknown_key_an_error(heritage):
    assert catalog_definition("search-heritage") == heritage
    assert catalog_definition("") is None
    with pytest.raises(SearchInputError) as error:
        catalog_definition("nincs-ilyen")
    assert error.value.parameter == "catalog"


def test_facet_filters_take_the_values_the_facets_show(heritage):
    given = {"kind": ["castle", " church ", "castle", ""], "listed": ["true"]}

    assert facet_filters(given, heritage) == {"kind": ("castle", "church"), "listed": ("true",)}
    assert facet_filters({"kind": [""]}, heritage) == {}


@pytest.mark.parametrize(
    ("given", "parameter", "fragment"),
    [
        ({"kind": ["ufo"]}, "facet.kind", "church, castle, museum, other"),
        ({"kind": ["Castle"]}, "facet.kind", "“Castle”"),
        ({"listed": ["yes"]}, "facet.listed", "true, false"),
        ({"colour": ["red"]}, "facet.colour", "kind, listed"),
        ({"kind": [f"v{n}" for n in range(MAX_FACET_VALUES + 1)]}, "facet.kind", "50"),
    ],
)
def test_a_facet_value_that_does_not_exist_names_the_parameter(
    heritage, given, parameter, fragment
):
    with pytest.raises(SearchInputError) as error:
        facet_filters(given, heritage, prefix="facet.")

    assert error.value.parameter == parameter
    assert fragment in error.value.message


def test_facet_filters_need_a_catalog():
    with pytest.raises(SearchInputError) as error:
        facet_filters({"kind": ["castle"]}, None, prefix="facet.")
    assert error.value.parameter == "facet.kind"


def test_messages_come_in_the_active_language(heritage):
    with translation.override("hu"), pytest.raises(SearchInputError) as error:
        facet_filters({"kind": ["ufo"]}, heritage)
    assert "szűrőszempont" in error.value.message


def test_bounding_box_reads_four_numbers_and_names_bbox_when_it_cannot():
    assert bounding_box("16.5,46.7,17.1,47") == (16.5, 46.7, 17.1, 47.0)
    assert bounding_box("") is None
    for text in ("1,2,3", "a,b,c,d", "20,48,16,46", "nan,1,2,3"):
        with pytest.raises(SearchInputError) as error:
            bounding_box(text)
        assert error.value.parameter == "bbox"
