"""The parity suite: the same queries give exactly these ids on SQLite and PostgreSQL."""

import pytest

from kozkincs.search.selectors import (
    SearchInputError,
    catalog_settlement_codes,
    record_search,
    record_search_ids,
    settlement_record_count,
    suggest,
)
from kozkincs.strategy.models import StrategyPriority
from tests.gazetteer.factories import SettlementFactory


def ids(corpus, result) -> list[str]:
    names = {record.id: key for key, record in corpus.items()}
    return [names[item.id] for item in result.items]


def found(corpus, **params) -> set[str]:
    return set(ids(corpus, record_search(page_size=100, **params)))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kastely", {"castle"}),
        ("kastelyok", {"castle"}),
        ("KASTÉLYOK", {"castle"}),
        ("templomai", {"church", "chapel", "belfry"}),
        ("templomban", {"church", "chapel", "belfry"}),
        ("templom", {"church", "chapel", "belfry"}),
        # Located there (main or further settlement) or mentioning it.
        ("Zalaegerszegen", {"church", "castle", "museum", "library"}),
        ("zalaegerszegi", {"church", "castle", "museum", "library"}),
        ("Bocföldén", {"castle"}),
        ("andráshidai templom", {"chapel", "belfry"}),
        ("Gocseji", {"castle", "museum"}),
        ("göcsej", {"castle", "museum"}),
        ("temp", {"church", "chapel", "belfry"}),
        ("templo", {"church", "chapel", "belfry"}),
        ("kastély templom", set()),
        ("barokk templom", {"church"}),
        ("church", {"church"}),
        ("könyvtárak", {"library"}),
        ("nincs ilyen szó", set()),
    ],
)
def test_query_finds_exactly(corpus, query, expected):
    assert found(corpus, query=query) == expected


def test_records_located_in_a_settlement_come_before_those_that_mention_it(
    corpus, places, make_record
):
    mentions = make_record(
        name="Gébárti tó",
        description="Kirándulóhely Zalaegerszeg mellett, a város határában.",
        settlement=places["bocfolde"],
    )
    result = record_search(query="zalaegerszegi", page_size=100)
    order = [item.id for item in result.items]
    located = {corpus[key].id for key in ("church", "castle", "museum", "library")}
    assert set(order[:4]) == located
    assert order[4:] == [mentions.id]


def test_drafts_and_archived_records_are_never_found(corpus):
    assert "draft" not in found(corpus, query="templom kastély")
    everything = found(corpus)
    assert everything == {"church", "castle", "museum", "chapel", "belfry", "library"}


def test_filters_combine_with_the_query(corpus, places):
    assert found(corpus, query="templom", settlement=places["andrashida"].ksh_code) == {
        "chapel",
        "belfry",
    }
    # Every settlement of a record counts: the castle also belongs to Zalaegerszeg.
    assert found(corpus, settlement=places["zeg"].ksh_code) == {
        "church",
        "castle",
        "museum",
        "library",
    }
    assert found(corpus, priority=2) == {"castle", "museum"}
    assert found(corpus, catalog="search-library") == {"library"}
    assert found(corpus, query="templom", catalog="search-heritage", priority=1) == {"church"}
    assert found(corpus, catalog="search-heritage", facets={"kind": ["castle", "museum"]}) == {
        "castle",
        "museum",
    }
    assert found(corpus, catalog="search-heritage", facets={"listed": ["true"]}) == {
        "church",
        "castle",
    }


def test_bounding_box_keeps_records_inside(corpus):
    # Own points (church, museum) and, for records without one, the settlement's centre:
    # the library in Zalaegerszeg, the chapel and the belfry in Andráshida.
    inside = {"church", "museum", "library", "chapel", "belfry"}
    assert found(corpus, bbox=(16.80, 46.80, 16.90, 46.90)) == inside
    assert found(corpus, query="templom", bbox=(16.80, 46.80, 16.90, 46.90)) == {
        "church", "chapel", "belfry",
    }  # fmt: skip
    assert found(corpus, bbox=(16.83, 46.835, 16.85, 46.845)) == {"church", "library"}
    assert found(corpus, bbox=(20.0, 47.0, 21.0, 48.0)) == set()


def test_records_without_coordinates_are_placed_at_their_settlement_approximately(corpus):
    result = record_search(bbox=(16.83, 46.835, 16.85, 46.845), page_size=10)
    placed = {
        item.name: (item.map_lat, item.map_lon, item.map_approximate) for item in result.items
    }
    assert placed == {
        "Szent Mihály-templom": (46.8405, 16.8440, False),
        "Deák Ferenc Megyei Könyvtár": (46.84, 16.84, True),
    }


def test_facet_counts_cover_all_matches_with_labels(corpus, places):
    result = record_search(query="templom", page_size=1, language="en")
    assert result.total == 3
    assert len(result.items) == 1
    settlement = {f.label: f.count for f in result.facets["settlement"]}
    assert settlement == {"Zalaegerszeg": 1, "Andráshida": 2}
    assert {f.value: f.count for f in result.facets["catalog"]} == {"search-heritage": 3}
    assert [f.label for f in result.facets["catalog"]] == ["Built heritage (test)"]
    assert {f.label: f.count for f in result.facets["priority"]} == {"1. Priority 1": 1}
    assert "kind" not in result.facets


def test_catalog_facets_are_labelled_from_the_vocabulary_and_mark_selection(corpus):
    result = record_search(catalog="search-heritage", facets={"kind": ["other"]}, language="hu")
    kinds = {f.value: (f.label, f.count, f.selected) for f in result.facets["kind"]}
    assert kinds["other"] == ("Egyéb", 2, True)
    assert kinds["castle"] == ("Kastély", 1, False)
    result = record_search(catalog="search-heritage", language="en")
    assert [(f.label, f.count) for f in result.facets["kind"]] == [
        ("Church", 1),
        ("Castle", 1),
        ("Museum", 1),
        ("Other", 2),
    ]
    assert {f.value: f.count for f in result.facets["listed"]} == {"true": 2, "false": 2}


def test_a_selected_facet_still_counts_its_other_values(corpus, places):
    """Disjunctive counts: a facet's own filter does not narrow its counts; every other does."""
    result = record_search(query="templom", settlement=places["andrashida"].ksh_code, language="en")
    assert result.total == 2
    settlements = {f.label: (f.count, f.selected) for f in result.facets["settlement"]}
    assert settlements == {"Zalaegerszeg": (1, False), "Andráshida": (2, True)}
    assert {f.value: f.count for f in result.facets["priority"]} == {}
    result = record_search(catalog="search-heritage", priority=1, facets={"kind": ["castle"]})
    assert result.total == 1
    assert {f.value: f.count for f in result.facets["kind"]} == {"church": 1, "castle": 1}
    assert {f.value: f.count for f in result.facets["priority"]} == {"1": 1, "2": 1}
    assert {f.value: f.count for f in result.facets["catalog"]} == {"search-heritage": 1}
    result = record_search(catalog="search-library")
    assert {f.value: f.count for f in result.facets["catalog"]} == {
        "search-heritage": 5,
        "search-library": 1,
    }


def test_sorting_by_name_and_newest(corpus):
    by_name = ids(corpus, record_search(sort="name"))
    assert by_name == ["library", "museum", "belfry", "chapel", "castle", "church"]
    assert ids(corpus, record_search()) == by_name  # empty query: plain list by name
    newest = ids(corpus, record_search(sort="newest"))
    assert sorted(newest) == sorted(by_name)


def test_pagination_and_page_beyond_the_end(corpus):
    first = record_search(page_size=4)
    second = record_search(page_size=4, page=2)
    assert (first.total, first.num_pages, len(first.items), len(second.items)) == (6, 2, 4, 2)
    beyond = record_search(page=50, page_size=4)
    assert (beyond.items, beyond.total) == ([], 6)
    beyond = record_search(page=50, page_size=4, with_facets=False)
    assert (beyond.items, beyond.total) == ([], 6)


def test_snippets_highlight_inflected_and_unaccented_matches_and_escape(corpus):
    result = record_search(query="templomban")
    keys = ids(corpus, result)
    snippets = {key: str(item.snippet) for key, item in zip(keys, result.items, strict=True)}
    assert "<mark>temploma</mark>" in snippets["church"]
    assert "<mark>templomok</mark>" in snippets["chapel"]
    # Matched only in an attribute: the record's own summary is shown, unhighlighted.
    assert snippets["belfry"] == "Fából épült harangláb."
    castle = record_search(query="kastelyok").items[0]
    assert "<mark>kastély</mark>" in castle.snippet


def test_a_record_without_prose_shows_its_matched_attribute(corpus, make_record):
    make_record(name="Névtelen kút", values={"kind": "other", "note": "Régi templomkert kútja."})
    item = next(i for i in record_search(query="templomkert").items if i.name == "Névtelen kút")
    assert "<mark>templomkert</mark>" in item.snippet


def test_snippet_escapes_the_text_and_never_shows_markup(corpus, make_record):
    make_record(
        name="Kőkereszt",
        summary="<script>alert(1)</script> kőkereszt & kút <3",
        description='<p>A <a href="javascript:alert(2)">kőkereszt</a> <em>régi</em>.</p>',
    )
    snippet = record_search(query="kokereszt").items[0].snippet
    assert "<script>" not in snippet and "alert" not in snippet
    assert "<mark>kőkereszt</mark> &amp; kút &lt;3" in snippet
    hits = {hit.name: hit for hit in record_search(query="regi").items}  # in the description
    assert hits["Kőkereszt"].snippet == "A kőkereszt <mark>régi</mark>."


@pytest.mark.parametrize("page_size", [1, 5, 100])
def test_a_search_runs_a_fixed_number_of_queries(corpus, django_assert_num_queries, page_size):
    record_search(query="x")  # this process loads the index snapshot first
    # the index state, the hits' ids, then their ranks (few hits), the records with their
    # settlement, two label lists
    ranking = 2
    with django_assert_num_queries(4 + ranking):
        result = record_search(query="templom", page_size=page_size, language="en")
        for item in result.items:
            str(item.settlement)
    # Labels are remembered until the index changes.
    with django_assert_num_queries(2 + ranking):
        record_search(query="templom", page_size=page_size, language="en")


def test_what_the_lists_show_of_a_result_needs_no_further_query(corpus, django_assert_num_queries):
    from django.utils import translation

    from kozkincs.api.representations import RecordAddresses, record_feature, record_item
    from kozkincs.web.record_items import listed_records

    result = record_search(query="templom", page_size=100, language="en")
    assert result.items
    with translation.override("en"), django_assert_num_queries(1):  # the list's cover images
        addresses = RecordAddresses()
        for record in result.items:
            record_item(record, "en", addresses)
            record_feature(record, "en", None, addresses)
        listed_records(result.items)


def test_suggestions_complete_the_last_word(corpus):
    names = [s.name for s in suggest(query="kast")]
    assert names == ["Szegedy-kastély"]
    assert [s.name for s in suggest(query="szent mih", language="en")] == ["St Michael's Church"]
    assert suggest(query="  ") == []


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"catalog": "nincs-ilyen"}, "catalog"),
        ({"settlement": "99999"}, "settlement"),
        ({"priority": 5}, "priority"),
        ({"query": "templom", "settlement": "99999"}, "settlement"),
    ],
)
def test_a_filter_naming_nothing_that_exists_names_the_parameter(corpus, params, parameter):
    StrategyPriority.objects.filter(number=5).delete()
    with pytest.raises(SearchInputError) as error:
        record_search(**params)
    assert error.value.parameter == parameter
    assert error.value.message


def test_existing_filter_values_without_records_give_an_empty_result(corpus, places, priorities):
    empty = SettlementFactory(name="Üresfalu")

    assert record_search(settlement=empty.ksh_code).total == 0
    assert record_search(priority=4).total == 0
    assert record_search(catalog="search-heritage", facets={"kind": ["ufo"]}).total == 0


def test_existence_is_looked_up_only_when_nothing_matched(
    corpus, places, django_assert_max_num_queries
):
    filters = {"settlement": places["zeg"].ksh_code, "priority": 2}
    record_search(**filters)  # the snapshot and the facet labels are loaded
    with django_assert_max_num_queries(2):  # the index state, the page's records
        assert record_search(**filters).total == 2


def test_catalog_settlement_codes_are_those_of_the_published_records_of_each_catalog(
    corpus, places, make_record
):
    make_record(catalog="search-library", status="draft", name="Vázlat",
                settlement=places["andrashida"])  # fmt: skip
    zeg, bocfolde, andrashida = (places[key].ksh_code for key in ("zeg", "bocfolde", "andrashida"))
    # the castle is in Bocfölde, with Zalaegerszeg as a further settlement
    assert catalog_settlement_codes() == {
        "search-heritage": {zeg, bocfolde, andrashida},
        "search-library": {zeg},
    }


def test_settlement_record_count_is_the_total_of_the_settlement_filter(corpus, places):
    for place in places.values():
        expected = record_search(settlement=place.ksh_code, with_facets=False).total
        assert settlement_record_count(ksh_code=place.ksh_code) == expected
    # The castle's main settlement is Bocfölde; Zalaegerszeg is a further one, and counts.
    assert settlement_record_count(ksh_code=places["zeg"].ksh_code) == 4


def test_search_ids_are_every_match_in_the_list_order(corpus, places):
    everything = record_search(page_size=100)
    assert record_search_ids() == [item.id for item in everything.items]
    by_relevance = record_search(query="templom", page_size=100)
    assert record_search_ids(query="templom", sort="relevance") == [
        item.id for item in by_relevance.items
    ]
    assert record_search_ids(settlement=places["andrashida"].ksh_code, sort="newest") == [
        item.id
        for item in record_search(
            settlement=places["andrashida"].ksh_code, sort="newest", page_size=100
        ).items
    ]
    with pytest.raises(SearchInputError):
        record_search_ids(catalog="nincs-ilyen")
