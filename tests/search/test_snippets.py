"""Highlighted excerpts: where they start and end, what is marked, what is escaped."""

from kozkincs.search.normalization import parse_query
from kozkincs.search.snippets import ELLIPSIS, highlight


def numbered(count: int, match_at: int | None = None) -> str:
    return " ".join("templom" if n == match_at else f"w{n}" for n in range(count))


def test_no_match_gives_none():
    assert highlight(numbered(50), parse_query("kastely")) is None


def test_a_match_near_the_start_shows_the_text_from_its_beginning():
    snippet = str(highlight(numbered(10, match_at=3), parse_query("templomban")))
    assert snippet == "w0 w1 w2 <mark>templom</mark> w4 w5 w6 w7 w8 w9"


def test_a_late_match_is_shown_with_eight_words_before_it_and_cut_on_both_sides():
    snippet = str(highlight(numbered(200, match_at=100), parse_query("templom"), length=12))
    assert snippet == (
        f"{ELLIPSIS}w92 w93 w94 w95 w96 w97 w98 w99 <mark>templom</mark> w101 w102 w103{ELLIPSIS}"
    )


def test_an_excerpt_that_reaches_the_last_word_is_not_marked_as_cut():
    whole = str(highlight(numbered(16, match_at=12), parse_query("templom"), length=12))
    assert whole.startswith(f"{ELLIPSIS}w4 ") and whole.endswith(" w15")
    cut = str(highlight(numbered(17, match_at=12), parse_query("templom"), length=12))
    assert cut.endswith(f" w15{ELLIPSIS}")


def test_every_shown_match_after_the_first_is_marked_and_the_text_escaped():
    text = "A <b> templom & a templomok, kastély"
    snippet = str(highlight(text, parse_query("templom")))
    assert snippet == "A &lt;b&gt; <mark>templom</mark> &amp; a <mark>templomok</mark>, kastély"
