import random

import pytest
from benchmarks.random_queries import (
    MIN_DISTINCT_QUERIES,
    TOP_WORDS,
    WordStatistics,
    draw_queries,
    fold,
    text_words,
    word_statistics,
)
from benchmarks.texts import record_texts

from benchmarks import words


def corpus(count: int, seed: int = 7) -> list[str]:
    """Texts as the generator writes them, over a few settlements and every catalog."""
    rng = random.Random(seed)
    places = ["Zalaegerszeg", "Söjtör", "Bak", "Győr", "Hévíz", "Pölöskefő", "Becsvölgye"]
    texts = []
    for number in range(count):
        catalog = sorted(words.NOUNS)[number % len(words.NOUNS)]
        made = record_texts(rng, catalog=catalog, settlement=rng.choice(places))
        texts.append(f"{made.name} {made.summary} <p>{made.description}</p>")
    return texts


@pytest.fixture(scope="module")
def statistics() -> WordStatistics:
    return word_statistics(corpus(600), seed=3)


def test_words_are_letters_only_lower_case_without_function_words_or_tags():
    found = text_words("<p>A Kastély és az Őrség 1848-ban: a kastélyok, az ÉRTÉK.</p>")
    assert found == {"kastély", "őrség", "ban", "kastélyok", "érték"}


def test_document_frequency_counts_each_record_once():
    statistics = word_statistics(["templom templom malom", "templom", "malom kápolna"], seed=1)
    assert statistics.documents == 3
    assert statistics.frequency == {"templom": 2, "malom": 2, "kápolna": 1}
    assert statistics.top(2) == ["malom", "templom"]  # ties by the word


def test_the_sample_of_records_is_seeded_and_bounded():
    texts = [f"szo{chr(97 + n % 26)} masik{n}" for n in range(100)]
    first = word_statistics(texts, seed=5, sample_size=10)
    assert len(first.sample) == 10
    assert first.sample == word_statistics(texts, seed=5, sample_size=10).sample
    assert first.sample != word_statistics(texts, seed=6, sample_size=10).sample


def test_at_least_a_thousand_distinct_queries(statistics):
    queries = draw_queries(statistics, seed=11)
    texts = [query for _, query in queries]
    assert len(texts) >= MIN_DISTINCT_QUERIES
    assert len(set(texts)) == len(texts)


def test_the_most_frequent_words_are_all_asked(statistics):
    texts = {query for _, query in draw_queries(statistics, seed=11)}
    top = statistics.top(TOP_WORDS)
    assert set(top) <= texts
    # The corpus's most frequent content words: every summary says "közül" and "táj".
    assert {"közül", "táj", "legismertebb"} <= set(top)


def test_every_kind_is_drawn_folded_and_two_word_ones_included(statistics):
    queries = draw_queries(statistics, seed=11)
    kinds = {kind for kind, _ in queries}
    assert kinds == {"top", "frequent", "uniform", "folded", "two words"}
    folded = [query for kind, query in queries if kind == "folded"]
    assert len(folded) >= 100
    assert all(query == fold(query) for query in folded)
    assert all(query not in statistics.frequency for query in folded)  # the records are accented
    two = [query for kind, query in queries if kind == "two words"]
    assert len(two) >= 100
    assert all(len(query.split()) == 2 for query in two)
    # Two words of one record, so a two-word query finds something.
    sample_sets = [set(words_) for words_ in statistics.sample]
    assert all(any(set(query.split()) <= s for s in sample_sets) for query in two)


def test_words_drawn_by_frequency_are_more_frequent_than_uniform_ones(statistics):
    queries = draw_queries(statistics, seed=11)

    def mean_frequency(kind):
        found = [statistics.frequency[q] for k, q in queries if k == kind]
        return sum(found) / len(found)

    assert mean_frequency("frequent") > 2 * mean_frequency("uniform")


def test_queries_are_a_function_of_the_statistics_and_the_seed(statistics):
    assert draw_queries(statistics, seed=11) == draw_queries(statistics, seed=11)
    assert draw_queries(statistics, seed=11) != draw_queries(statistics, seed=12)
    again = word_statistics(corpus(600), seed=3)
    assert draw_queries(again, seed=11) == draw_queries(statistics, seed=11)


def test_fewer_than_a_thousand_queries_are_refused(statistics):
    with pytest.raises(ValueError, match="at least 1000"):
        draw_queries(statistics, seed=1, count=999)


def test_a_vocabulary_too_small_for_the_count_is_an_error():
    tiny = word_statistics(["templom malom", "kápolna"], seed=1)
    with pytest.raises(ValueError, match="distinct queries"):
        draw_queries(tiny, seed=1)
