import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kozkincs.search.normalization import (
    MAX_QUERY_WORDS,
    MAX_TOKEN_LENGTH,
    fold,
    index_tokens,
    parse_query,
    stem_key,
)


def test_fold_removes_hungarian_accents_and_case():
    assert fold("ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP") == "arvizturo tukorfurogep"
    assert fold("Göcseji Őrség") == "gocseji orseg"


def _fold_as_defined(text: str) -> str:
    """Case-folded, decomposed (compatibility), every combining mark removed, recomposed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


@pytest.mark.parametrize(
    "text",
    ["Malom 12", "ﬁnom Ǆ", "e\u0301 a\u0308\u0301", "Å Ω ß", "\u1100\u1161 한국", "x\u0345y", ""],
)
def test_fold_of_ascii_and_other_scripts_is_as_defined(text):
    assert fold(text) == _fold_as_defined(text)


@given(st.text())
def test_fold_of_any_text_is_as_defined(text):
    assert fold(text) == _fold_as_defined(text)


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("templomai", "templom"),
        ("templomban", "templom"),
        ("templomok", "templom"),
        ("zalaegerszegen", "zalaegerszeg"),
        ("kastelyok", "kastély"),
        ("kastélyokban", "kastély"),
        ("gocseji", "göcsej"),
        ("múzeumban", "muzeum"),
    ],
)
def test_inflected_and_unaccented_forms_share_the_key(word, base):
    assert stem_key(word) == stem_key(base)


def test_index_tokens_hold_the_key_and_the_folded_word():
    assert index_tokens("Templomai") == ["templ", "templomai"]
    assert index_tokens("kastély") == ["kastely"]


def test_query_words_are_plain_and_the_last_is_a_prefix():
    query = parse_query('"templom" NEAR(kastély*) -NOT')
    assert [t.key for t in query.terms] == ["templ", "near", "kastely", "not"]
    assert [t.prefix for t in query.terms] == [None, None, None, "not"]


def test_stopwords_are_dropped_unless_nothing_else_remains():
    assert parse_query("a templom").normalized == "templ*"
    assert parse_query("a").normalized == "a"  # one letter is no prefix
    assert parse_query("az").normalized == "az*"


def test_query_length_is_capped():
    query = parse_query("templom " * 5000)
    assert len(query.terms) <= MAX_QUERY_WORDS
    assert len(parse_query("x" * 10_000).terms[0].prefix) == MAX_TOKEN_LENGTH


@given(st.text(max_size=300))
def test_every_token_is_a_plain_word(text):
    for token in index_tokens(text):
        assert token and token.isalnum() and token == fold(token)
        assert '"' not in token and "'" not in token and len(token) <= MAX_TOKEN_LENGTH
    for term in parse_query(text).terms:
        assert term.key.isalnum() or term.key.replace("_", "").isalnum()
