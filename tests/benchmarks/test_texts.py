import random

import pytest
from benchmarks.texts import (
    record_texts,
    settlement_adjective,
    settlement_superessive,
    with_article,
)

from benchmarks import words


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Zalaegerszeg", "Zalaegerszegen"), ("Bak", "Bakon"), ("Nagykanizsa", "Nagykanizsán"),
     ("Győr", "Győrön"), ("Pölöskefő", "Pölöskefőn"), ("Hévíz", "Hévízen"),
     ("Becsvölgye", "Becsvölgyén")],
)  # fmt: skip
def test_settlement_superessive(name, expected):
    assert settlement_superessive(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Zalaegerszeg", "zalaegerszegi"), ("Hévíz", "hévízi"), ("Zalaszentiváni", "zalaszentiváni")],
)
def test_settlement_adjective(name, expected):
    assert settlement_adjective(name) == expected


def test_article_follows_the_first_sound():
    assert with_article("templom") == "a templom"
    assert with_article("egyesület") == "az egyesület"
    assert with_article("Őrség") == "az Őrség"


def test_every_catalog_has_words_patterns_and_features():
    assert set(words.NOUNS) == set(words.NAME_PATTERNS) == set(words.FEATURES)
    assert len(words.NOUNS) == 10


def test_texts_are_deterministic_for_a_seed_and_vary_across_seeds():
    def texts(seed):
        rng = random.Random(seed)
        return [record_texts(rng, catalog="built-values", settlement="Bak") for _ in range(20)]

    assert texts(1) == texts(1)
    assert texts(1) != texts(2)


def test_texts_carry_inflected_forms_and_the_settlement():
    rng = random.Random(3)
    found = set()
    for _ in range(200):
        texts = record_texts(rng, catalog="built-values", settlement="Zalaegerszeg")
        body = f"{texts.summary} {texts.description}"
        assert texts.noun.base in body
        found.update(form for form in texts.noun.forms[1:] if form in body)
        assert "zalaegerszeg" in body.lower()
    assert {"templomai", "templomban", "kastélyok", "kastélyt"} <= found
