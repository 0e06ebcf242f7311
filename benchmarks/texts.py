"""Hungarian names, summaries and descriptions for synthetic records, from a seeded ``Random``.

Pure functions of the random generator and the settlement name: the same seed gives the same
texts. The sentences use the inflected forms of ``words.NOUNS`` and the settlement name with
its suffixes (``Zalaegerszegen``, ``zalaegerszegi``), as real descriptions do.
"""

import random
from dataclasses import dataclass

from benchmarks import words

BACK_VOWELS = set("aáoóuú")
FRONT_ROUNDED_VOWELS = set("öőüű")
FRONT_VOWELS = set("eéií") | FRONT_ROUNDED_VOWELS
VOWELS = BACK_VOWELS | FRONT_VOWELS
PLACE_CATALOGS = {"natural-values", "built-values", "cultural-centres"}


def settlement_adjective(name: str) -> str:
    """``Zalaegerszeg`` → ``zalaegerszegi``, ``Hévíz`` → ``hévízi``, ``Bagod`` → ``bagodi``."""
    lower = name.lower()
    return lower if lower.endswith("i") else lower + "i"


def settlement_superessive(name: str) -> str:
    """``Zalaegerszeg`` → ``Zalaegerszegen``, ``Bak`` → ``Bakon``, ``Nagykanizsa`` →
    ``Nagykanizsán`` (the "-on/-en/-ön" form most Hungarian settlement names take)."""
    last = name[-1].lower()
    if last == "a":
        return name[:-1] + "án"
    if last == "e":
        return name[:-1] + "én"
    if last in VOWELS:
        return name + "n"
    vowels = [char for char in name.lower() if char in VOWELS]
    final = vowels[-1] if vowels else "e"
    if final in BACK_VOWELS:
        return name + "on"
    if final in FRONT_ROUNDED_VOWELS:
        return name + "ön"
    return name + "en"


def with_article(word: str) -> str:
    """``a templom``, ``az egyesület``: Hungarian's article depends on the first sound."""
    return ("az " if word[:1].lower() in VOWELS else "a ") + word


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class RecordTexts:
    name: str
    summary: str
    description: str
    noun: words.Noun


def record_name(rng: random.Random, *, pattern: str, settlement: str) -> str:
    adjective = settlement_adjective(settlement)
    return pattern.format(
        saint=rng.choice(words.SAINTS),
        family=rng.choice(words.FAMILY_NAMES),
        given=rng.choice(words.GIVEN_NAMES),
        town=capitalised(adjective),
        town_lower=adjective,
        town_plain=settlement,
        region=rng.choice(words.REGIONS),
        flower=rng.choice(words.FLOWERS),
        theme=rng.choice(words.THEMES),
    )


def _place_sentences(rng: random.Random, noun: words.Noun, settlement: str) -> list[str]:
    century = rng.choice(words.CENTURIES)
    return [
        f"{capitalised(with_article(noun.base))} első említése a {century} századból való.",
        f"Állapota {rng.choice(words.CONDITIONS)}, {with_article(noun.accusative)} "
        "előzetes bejelentkezés után lehet megtekinteni.",
        f"{settlement_superessive(settlement)} több {noun.base} is van, ez a legrégebbi közülük.",
        f"{capitalised(with_article(noun.locative))} rendszeresen tartanak vezetést.",
    ]


def _community_sentences(rng: random.Random, noun: words.Noun, settlement: str) -> list[str]:
    year = rng.randint(1950, 2022)
    return [
        f"{capitalised(with_article(noun.base))} {year} óta működik "
        f"{settlement_superessive(settlement)}.",
        f"Tagjai rendszeresen részt vesznek a környék {noun.possessive_plural} közös programjain.",
        f"{capitalised(with_article(noun.locative))} minden korosztály megtalálja a helyét.",
    ]


def _work_sentences(rng: random.Random, noun: words.Noun, settlement: str) -> list[str]:
    author = f"{rng.choice(words.FAMILY_NAMES)} {rng.choice(words.GIVEN_NAMES)}"
    return [
        f"{capitalised(with_article(noun.base))} {settlement_superessive(settlement)} "
        "és a környező falvakban gyűjtött anyagra épül.",
        f"Összeállította: {author}.",
        f"Jelentkezni és érdeklődni a {settlement_adjective(settlement)} művelődési házban lehet.",
    ]


SENTENCE_GROUPS = {
    "publications": _work_sentences,
    "courses": _work_sentences,
    **dict.fromkeys(PLACE_CATALOGS, _place_sentences),
}


def _noun_and_pattern(rng: random.Random, catalog: str) -> tuple[words.Noun, str]:
    """A noun and a name pattern that mentions it when the catalog has one."""
    noun = rng.choice(words.NOUNS[catalog])
    patterns = words.NAME_PATTERNS[catalog]
    matching = [p for p in patterns if noun.base.split()[-1] in p.lower()]
    return noun, rng.choice(matching or patterns)


def record_texts(rng: random.Random, *, catalog: str, settlement: str) -> RecordTexts:
    """A name, a one-sentence summary and a four-to-six sentence description."""
    noun, pattern = _noun_and_pattern(rng, catalog)
    feature = rng.choice(words.FEATURES[catalog])
    adjective = settlement_adjective(settlement)
    name = record_name(rng, pattern=pattern, settlement=settlement)
    summary = (
        f"{capitalised(with_article(adjective))} {noun.base}: {feature}, "
        f"a táj {noun.possessive_plural} közül az egyik legismertebb."
    )
    region = rng.choice(words.REGIONS).lower()
    sentences = [
        f"Különlegessége: {feature}.",
        f"A falu {noun.possessive_plural} közül ez az egyik legszebb.",
        f"{capitalised(with_article(region))} {noun.plural} sorában is kiemelkedő.",
        *SENTENCE_GROUPS.get(catalog, _community_sentences)(rng, noun, settlement),
    ]
    rng.shuffle(sentences)
    description = " ".join(sentences[: rng.randint(4, len(sentences))])
    return RecordTexts(name=name, summary=summary, description=description, noun=noun)
