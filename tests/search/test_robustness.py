"""Hostile input gives a sensible result (or SearchInputError), never a database error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kozkincs.search.selectors import record_search, suggest

HOSTILE = [
    "",
    "   ",
    "x" * 10_000,
    "templom " * 2_000,
    '"',
    '"templom',
    "*",
    "templom*",
    "NEAR",
    "NEAR(templom kastély, 2)",
    "-",
    "-templom",
    "OR",
    "templom OR kastély",
    "AND NOT",
    "name:templom",
    "^templom",
    "'; DROP TABLE catalog_record; --",
    "1' OR '1'='1",
    "\x00\x01\x1b[31m templom \x7f",
    "templom\u200b\u202e",
    "🏰 kastély 🏰",
    "Кастель 城堡 قلعة kastély",
    "&<>'\"",
    "{}[]():.,;!?/\\|@#$%^&~`",
    "templom:* & !kastely | <->",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_a_sensible_result(corpus, query):
    result = record_search(query=query)
    assert result.total == len(result.items) or result.total > len(result.items)
    assert all(record.status == "published" for record in result.items)
    suggest(query=query)


def test_operators_are_searched_as_words(corpus):
    # "kastély OR templom" means all three words, not either: no record has "or".
    assert record_search(query="templom OR kastély").total == 0
    assert record_search(query="-templom").total == 3
    assert record_search(query='"kastely"').total == 1
    assert record_search(query="🏰 kastély 🏰").total == 1


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=200),
    page=st.integers(min_value=1, max_value=5),
    sort=st.sampled_from(["relevance", "name", "newest"]),
)
def test_any_text_is_a_valid_query(corpus, query, page, sort):
    result = record_search(query=query, page=page, sort=sort, page_size=3)
    assert 0 <= len(result.items) <= 3
    assert result.total >= len(result.items)
    suggest(query=query, limit=3)
