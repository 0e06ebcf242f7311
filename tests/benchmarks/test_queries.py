import pytest
from benchmarks.queries import MIN_DISTINCT_QUERIES, STEMMING_PROBES, fold, search_queries

from benchmarks import words

NAMES = [f"Falu{n}" for n in range(400)] + ["Zalaegerszeg", "Győrújbarát", "Bak"]


def test_fold_drops_accents_and_case():
    assert fold("Kastélyok") == "kastelyok"
    assert fold("Őrségi ÜNNEP") == "orsegi unnep"


def test_at_least_a_thousand_distinct_queries_of_every_kind():
    queries = search_queries(NAMES, seed=5)
    assert len(queries) >= MIN_DISTINCT_QUERIES
    assert len({query.lower() for _, query in queries}) == len(queries)
    kinds = {kind for kind, _ in queries}
    assert {"common", "inflected", "accent-free", "rare", "settlement", "two words"} <= kinds
    texts = {query for _, query in queries}
    assert "templom" in texts
    assert {"templomban", "kastélyok"} & texts


def test_queries_depend_only_on_the_seed():
    assert search_queries(NAMES, seed=5) == search_queries(list(reversed(NAMES)), seed=5)
    assert search_queries(NAMES, seed=5) != search_queries(NAMES, seed=6)


def test_fewer_than_a_thousand_queries_are_refused():
    with pytest.raises(ValueError):
        search_queries(NAMES, seed=1, count=999)


def test_stemming_probes_are_forms_a_plain_match_of_the_base_word_misses():
    nouns = [noun for catalog_nouns in words.NOUNS.values() for noun in catalog_nouns]
    bases = {noun.base for noun in nouns}
    forms = {variant for noun in nouns for form in noun.forms for variant in (form, fold(form))}
    for probe in STEMMING_PROBES:
        assert probe in forms
        assert probe not in bases
