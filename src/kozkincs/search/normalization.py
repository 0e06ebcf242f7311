"""Hungarian-aware text normalisation: one token stream for SQLite FTS5 and PostgreSQL.

Every word is lower-cased, stemmed with the Hungarian Snowball stemmer *in its accented form*
(the suffix rules need the accents) and only then folded to unaccented letters. The stemmer is
applied until the word stops changing, because a single pass stems "templom" to "templ" but
"templomai" only to "templom"; the fixpoint brings every inflected form to the same key.

A document is indexed as the keys of its words plus their folded surface forms (so that typing
the beginning of a word, "templo", still finds "templom" by prefix). Queries are parsed into
plain words only: no operator of either database ever reaches it.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import Stemmer

from kozkincs.core.accents import without_combining_marks

MAX_QUERY_LENGTH = 500
"""Characters of user input considered; the rest is ignored."""
MAX_QUERY_WORDS = 12
MAX_TOKEN_LENGTH = 60
"""Longer words are cut (in documents and queries alike, so they still match)."""
MAX_STEM_PASSES = 3
MIN_PREFIX_LENGTH = 2
"""A last word shorter than this matches only itself: every word starting with one letter is
most of the vocabulary (and the full-text indexes keep prefixes of two and three letters)."""

WORD_PATTERN = re.compile(r"[^\W_]+")

STOPWORDS = frozenset({
    "a", "az", "egy", "és", "es", "is", "s", "meg", "vagy", "de", "hogy", "nem", "mint", "ha",
    "the", "an", "and", "of", "or", "in", "on", "at", "to",
    "der", "die", "das", "und", "von", "zu", "im",
})  # fmt: skip
"""Function words dropped from queries (unless the query has nothing else)."""

_stemmer = Stemmer.Stemmer("hungarian")


def fold(text: str) -> str:
    """Lower-case ``text`` and remove accents: "Göcseji Őrség" → "gocseji orseg"."""
    if text.isascii():  # nothing to decompose or compose (every record's sort name is folded)
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", without_combining_marks(decomposed))


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters and digits of any script), accents kept."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return [word[:MAX_TOKEN_LENGTH] for word in WORD_PATTERN.findall(text)]


@lru_cache(maxsize=65536)
def stem_key(word: str) -> str:
    """The search key of one lower-cased word: stemmed to a fixpoint, then folded."""
    for _ in range(MAX_STEM_PASSES):
        stemmed = _stemmer.stemWord(word)
        if stemmed == word:
            break
        word = stemmed
    return _plain(fold(word))


def _plain(text: str) -> str:
    """Only the letters and digits of ``text`` (folding may leave a stray mark or symbol)."""
    return "".join(WORD_PATTERN.findall(text))


@lru_cache(maxsize=65536)
def _word_tokens(word: str) -> tuple[str, ...]:
    key = stem_key(word)
    surface = _plain(fold(word))
    return tuple(dict.fromkeys(token for token in (key, surface) if token))


def index_tokens(text: str) -> list[str]:
    """The token stream indexed for ``text``: for each word its key and its folded form."""
    return list(chain.from_iterable(map(_word_tokens, words(text))))


def index_text(text: str) -> str:
    """``index_tokens`` joined by spaces, the form stored in the full-text index."""
    return " ".join(chain.from_iterable(map(_word_tokens, words(text))))


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: it matches documents having ``key``; the last one also matches
    any word starting with ``prefix``."""

    key: str
    prefix: str | None = None


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[QueryTerm, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def normalized(self) -> str:
        """A canonical text of the query (cache keys, display of what was searched)."""
        return " ".join(term.key + ("*" if term.prefix else "") for term in self.terms)

    def word_matcher(self) -> Callable[[str], bool]:
        """``matches`` with each distinct word tested once: a page of snippets tests thousands
        of words, most of them repeated (articles, the region's common words)."""
        known: dict[str, bool] = {}

        def matcher(word: str) -> bool:
            found = known.get(word)
            if found is None:
                found = known[word] = self.matches(word.casefold())
            return found

        return matcher

    def matches(self, word: str) -> bool:
        """Whether ``word`` (lower-cased, as in the text) is one the query finds."""
        keys = _word_tokens(word[:MAX_TOKEN_LENGTH])
        for term in self.terms:
            if term.key in keys:
                return True
            if term.prefix and any(token.startswith(term.prefix) for token in keys):
                return True
        return False


def clean_query_text(raw: str) -> str:
    """User input cut to a sane length with control characters removed."""
    text = (raw or "")[:MAX_QUERY_LENGTH]
    return "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)


def parse_query(raw: str, *, prefix_last: bool = True) -> ParsedQuery:
    """Plain words of ``raw``; every operator character is a separator, operator words
    (NEAR, OR, NOT) are ordinary words. The last word also matches as a prefix (from two
    letters on)."""
    query_words = words(clean_query_text(raw))
    content = [word for word in query_words if fold(word) not in STOPWORDS]
    query_words = (content or query_words)[:MAX_QUERY_WORDS]
    terms: list[QueryTerm] = []
    seen: set[str] = set()
    for position, word in enumerate(query_words):
        is_last = position == len(query_words) - 1
        key = stem_key(word)
        prefix = _plain(fold(word)) if (is_last and prefix_last) else None
        if prefix is not None and len(prefix) < MIN_PREFIX_LENGTH:
            prefix = None
        if not key:
            continue
        if key in seen and prefix is None:
            continue
        seen.add(key)
        terms.append(QueryTerm(key=key, prefix=prefix))
    return ParsedQuery(terms=tuple(terms))
