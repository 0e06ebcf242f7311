"""Search queries drawn at random from the words of the generated records (issue #7).

The curated list of :mod:`benchmarks.queries` is chosen by hand; this one is not. The words
of every published record's name, summary and description are counted by document frequency
(in how many records a word occurs), and :func:`draw_queries` mixes

- ``top``: the most frequent words, always (they cost most: tens of thousands of hits);
- ``frequent``: words drawn with a probability proportional to their document frequency;
- ``uniform``: words drawn uniformly from the vocabulary (mostly rare ones);
- ``folded``: drawn words with their accents removed, as visitors type on a phone;
- ``two words``: two words of one record, drawn from a seeded sample of records.

Everything is a pure function of the statistics and the seed, and the statistics are a pure
function of the records, so the same dataset and seed give the same queries.
"""

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_COUNT = 2000
MIN_DISTINCT_QUERIES = 1000
TOP_WORDS = 50
MIN_WORD_LENGTH = 3
DOCUMENT_SAMPLE = 5000
SHARES = {"two words": 0.2, "folded": 0.15}
"""Shares of the queries beyond the top words; the rest is split evenly between words drawn
by document frequency and words drawn uniformly."""

FUNCTION_WORDS = frozenset({
    "a", "az", "egy", "és", "is", "s", "meg", "vagy", "de", "hogy", "nem", "mint", "ha",
})  # fmt: skip
"""Hungarian articles and conjunctions nobody searches for. The list is the benchmark's own
and fixed: it must not follow the portal's stop words, or the portal would choose its load."""

_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    """Lower case without accents: ``Kastélyok`` → ``kastelyok``, ``őrség`` → ``orseg``."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def text_words(text: str) -> set[str]:
    """The distinct lower-case words of ``text`` (HTML tags dropped) worth searching for:
    letters only, at least :data:`MIN_WORD_LENGTH` long, no function word."""
    text = unicodedata.normalize("NFC", _TAG.sub(" ", text)).lower()
    return {
        word
        for word in _WORD.findall(text)
        if len(word) >= MIN_WORD_LENGTH and word not in FUNCTION_WORDS
    }


@dataclass(frozen=True)
class WordStatistics:
    documents: int
    frequency: dict[str, int]
    """Document frequency of each word."""
    sample: tuple[tuple[str, ...], ...]
    """The words of up to :data:`DOCUMENT_SAMPLE` records (for two-word queries), sorted."""

    def top(self, count: int) -> list[str]:
        """The ``count`` most frequent words (ties by the word)."""
        return sorted(self.frequency, key=lambda word: (-self.frequency[word], word))[:count]


def word_statistics(
    texts: Iterable[str], *, seed: int, sample_size: int = DOCUMENT_SAMPLE
) -> WordStatistics:
    """Count the words of ``texts`` (one text per record) and keep a seeded reservoir sample
    of the records' word sets."""
    rng = random.Random(seed)
    frequency: Counter[str] = Counter()
    sample: list[tuple[str, ...]] = []
    documents = 0
    for documents, text in enumerate(texts, start=1):
        found = text_words(text)
        frequency.update(found)
        entry = tuple(sorted(found))
        if len(sample) < sample_size:
            sample.append(entry)
        else:
            slot = rng.randrange(documents)
            if slot < sample_size:
                sample[slot] = entry
    return WordStatistics(documents=documents, frequency=dict(frequency), sample=tuple(sample))


def _weighted_without_replacement(
    rng: random.Random, words: list[str], weights: list[int], count: int
) -> list[str]:
    """``count`` distinct words, each drawn with probability proportional to its weight
    (Efraimidis and Spirakis: the largest ``u ** (1 / w)``)."""
    keys = [
        (rng.random() ** (1.0 / weight), word) for word, weight in zip(words, weights, strict=True)
    ]
    return [word for _, word in sorted(keys, reverse=True)[:count]]


def draw_queries(
    statistics: WordStatistics, *, seed: int, count: int = DEFAULT_COUNT, top: int = TOP_WORDS
) -> list[tuple[str, str]]:
    """``count`` distinct ``(kind, query)`` pairs in a seeded order; see the module doc."""
    if count < MIN_DISTINCT_QUERIES:
        raise ValueError(f"the random search case needs at least {MIN_DISTINCT_QUERIES} queries")
    rng = random.Random(seed)
    vocabulary = sorted(statistics.frequency)
    queries: dict[str, str] = {}  # query → kind, in insertion order

    def add(kind: str, query: str, limit: int) -> None:
        if len(queries) < limit and query not in queries:
            queries[query] = kind

    for word in statistics.top(min(top, count)):
        add("top", word, count)
    rest = count - len(queries)
    two_words = round(rest * SHARES["two words"])
    folded = round(rest * SHARES["folded"])
    singles = rest - two_words - folded
    # Half the single words by document frequency, half uniformly from the words left (a
    # small vocabulary is shared between the two instead of being used up by the first).
    available = [word for word in vocabulary if word not in queries]
    wanted = min(singles // 2, len(available) // 2)
    weights = [statistics.frequency[word] for word in available]
    frequent = _weighted_without_replacement(rng, available, weights, wanted)
    chosen = set(frequent)
    remaining = [word for word in available if word not in chosen]
    uniform = rng.sample(remaining, min(len(remaining), singles - len(frequent)))
    for word in frequent:
        add("frequent", word, count)
    for word in uniform:
        add("uniform", word, count)
    # Folded forms of the words drawn so far, in a random order (then of any word, should a
    # small vocabulary run short).
    accented = [word for word in queries if fold(word) != word]
    rng.shuffle(accented)
    limit = len(queries) + folded
    for word in dict.fromkeys([*accented, *(w for w in vocabulary if fold(w) != w)]):
        add("folded", fold(word), limit)
    pairs = [words for words in statistics.sample if len(words) >= 2]
    for _ in range(50 * count):
        if len(queries) >= count or not pairs:
            break
        first, second = rng.sample(rng.choice(pairs), 2)
        add("two words", f"{first} {second}", count)
    if len(queries) < count:
        raise ValueError(f"only {len(queries)} distinct queries for the {count} asked for")
    drawn = [(kind, query) for query, kind in queries.items()]
    rng.shuffle(drawn)
    return drawn
