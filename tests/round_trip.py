"""A varied dataset for the round-trip tests: every facet value, fed back as a filter, must give
the count its facet promised (in the API and through the pages' facet links).

Records of three catalogs (two built-in ones with multi-valued and yes/no facets, and the test
catalog of the interface, with a vocabulary and a year facet), spread over settlements as main
and further settlements, with priorities; drafts that must never be counted.
"""

import random
from dataclasses import dataclass

from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority
from tests.gazetteer.factories import SettlementFactory

WORDS = ("templom", "forrás", "tánc", "malom", "kápolna")


@dataclass
class RoundTripData:
    settlements: list[Settlement]
    test_catalog: str
    published: int


def _values(rng: random.Random, catalog: str) -> dict:
    def some(options, most=2):
        return rng.sample(options, rng.randint(1, most))

    if catalog == "natural-values":
        return {
            "kind": rng.choice(["spring", "lake", "tree", "cave"]),
            "protection": some(["ex_lege", "local", "nature_monument"]),
            "value_repository": rng.choice(["local", "county", None]),
            "freely_accessible": rng.choice([True, False, None]),
        }
    if catalog == "traditions":
        return {
            "tradition_kinds": some(["dance", "music", "crafts"]),
            "community_form": rng.choice(["association", "informal", None]),
            "festive_cycle": some(["carnival", "easter", "christmas"], 3),
            "value_repository": rng.choice(["local", "regional", None]),
        }
    return {"kind": rng.choice(["church", "chapel"]), "built": rng.choice([1760, 1820, 1900, None])}


def make_round_trip_records(make, *, test_catalog: str, count: int = 24) -> RoundTripData:
    """``count`` records made with ``make`` (``tests.record_makers.record_maker``), a few drafts."""
    rng = random.Random(20261205)
    for number in range(1, 6):
        StrategyPriority.objects.get_or_create(number=number, defaults={"name": f"P{number}"})
    settlements = [SettlementFactory(name=f"Körfalu {n}") for n in range(4)]
    catalogs = ["natural-values", "traditions", test_catalog]
    published = 0
    for number in range(count):
        catalog = catalogs[number % 3]
        main, *further = rng.sample(settlements, rng.randint(1, 3))
        publish = number % 7 != 6
        published += publish
        make(
            f"{rng.choice(WORDS).capitalize()} {number}",
            catalog=catalog,
            publish=publish,
            summary=f"{rng.choice(WORDS)} és {rng.choice(WORDS)}",
            settlement=main,
            settlements=further,
            priorities=rng.sample(range(1, 6), rng.randint(0, 2)),
            values={k: v for k, v in _values(rng, catalog).items() if v is not None},
        )
    return RoundTripData(settlements, test_catalog, published)


def scenarios(data: RoundTripData) -> list[dict[str, str]]:
    """Starting points: filters (by the interface's own parameter names, catalog facets by
    field key) from which every shown facet value is fed back."""
    place = data.settlements[0].ksh_code
    return [
        {},
        {"q": "templom"},
        {"catalog": "natural-values"},
        {"catalog": "traditions", "tradition_kinds": "dance"},
        {"catalog": "traditions", "q": "tánc", "festive_cycle": "easter"},
        {"catalog": data.test_catalog, "built": "1820"},
        {"catalog": data.test_catalog, "kind": "church"},
        {"settlement": place},
        {"settlement": place, "priority": "2"},
        {"catalog": "natural-values", "settlement": place, "freely_accessible": "true"},
        {"q": "forrás", "priority": "1"},
    ]
