"""The search queries of the cold-search case and the stemming probe.

:func:`search_queries` mixes what visitors type: common words (``templom``), inflected forms
(``templomban``, ``kastélyok``), the same without accents (``kastelyok``), settlement names
with and without suffixes (``Zalaegerszegen``), rare words (family names, saints) and two-word
queries. :data:`STEMMING_PROBES` are the queries whose hit counts the benchmark reports
beside a plain whole-word match, to show what stemming and accent folding add.
"""

import random
import unicodedata
from collections.abc import Sequence

from benchmarks import words
from benchmarks.texts import settlement_superessive

MIN_DISTINCT_QUERIES = 1000

STEMMING_PROBES = (
    "templomban", "templomai", "kastélyok", "kastelyok", "forrásai", "egyesületek",
    "kúriában", "tajhaz",
)  # fmt: skip
"""Inflected and accent-free queries; a plain match finds only the exact form."""


def fold(text: str) -> str:
    """Lower case without accents: ``Kastélyok`` → ``kastelyok``."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _word_queries() -> dict[str, list[str]]:
    nouns = [noun for catalog in sorted(words.NOUNS) for noun in words.NOUNS[catalog]]
    inflected = [form for noun in nouns for form in noun.forms[1:]]
    rare = [
        *words.FAMILY_NAMES, *words.SAINTS, *words.FLOWERS, *words.GIVEN_NAMES,
        *(feature for features in words.FEATURES.values() for feature in features),
    ]  # fmt: skip
    return {
        "common": [noun.base for noun in nouns],
        "inflected": inflected,
        "accent-free": [fold(q) for q in [*inflected, *rare] if fold(q) != q.lower()],
        "rare": rare,
    }


def search_queries(
    settlement_names: Sequence[str], *, seed: int, count: int = 1200
) -> list[tuple[str, str]]:
    """``count`` distinct ``(kind, query)`` pairs in a seeded order (at least 1,000)."""
    if count < MIN_DISTINCT_QUERIES:
        raise ValueError(f"the cold search case needs at least {MIN_DISTINCT_QUERIES} queries")
    rng = random.Random(seed)
    pools = _word_queries()
    names = sorted(set(settlement_names))
    sample = rng.sample(names, min(len(names), 300))
    pools["settlement"] = [*sample[:100], *(settlement_superessive(n) for n in sample[100:200])]
    pools["accent-free"] += [fold(name) for name in sample[200:]]
    seen: set[str] = set()
    queries: list[tuple[str, str]] = []

    def add(kind: str, query: str) -> None:
        if query.lower() not in seen:
            seen.add(query.lower())
            queries.append((kind, query))

    for kind, pool in pools.items():
        for query in pool:
            add(kind, query)
    rng.shuffle(queries)
    del queries[count:]
    # Two-word queries (a settlement and a word) fill up to ``count``.
    forms = [form for nouns in words.NOUNS.values() for noun in nouns for form in noun.forms]
    for _ in range(50 * count):
        if len(queries) >= count:
            break
        add("two words", f"{fold(rng.choice(sample or ['Bak']))} {rng.choice(forms)}")
    if len(queries) < count:
        raise ValueError(f"only {len(queries)} distinct queries for the {count} asked for")
    rng.shuffle(queries)
    return queries
