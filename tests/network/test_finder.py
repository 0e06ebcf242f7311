"""The partner finder's scoring (pure, no database): each factor's share, the ranking, the
weaker matches, visibility levels and earlier cooperation."""

import math

import numpy as np
import pytest

from kozkincs.network.finder import (
    NEAR_KM,
    STRONG,
    WEIGHTS,
    Criteria,
    Pool,
    haversine_km,
    rank,
)

OFFERS = ["venue", "equipment", "skills", "volunteers", "audience", "other"]
ZALAEGERSZEG = (46.8417, 16.8416)
BAGOD = (46.8830, 16.7460)
NAGYKANIZSA = (46.4535, 16.9910)


def pool_of(actors: list[dict]) -> Pool:
    """``actors``: dicts with id and optional category, place, level, priorities, offers,
    themes, settlement, served."""
    names = sorted({a.get("category", "civil") for a in actors})
    themes: dict[str, list[int]] = {}
    served: dict[int, list[int]] = {}
    for n, a in enumerate(actors):
        for t in a.get("themes", ()):
            themes.setdefault(t, []).append(n)
        for s in a.get("served", ()):
            served.setdefault(s, []).append(n)
    return Pool(
        ids=np.array([a["id"] for a in actors], dtype=np.int64),
        categories=np.array([names.index(a.get("category", "civil")) for a in actors]),
        category_names=names,
        settlements=np.array([a.get("settlement", 0) for a in actors], dtype=np.int64),
        lat=np.array([a.get("place", (np.nan, np.nan))[0] for a in actors], dtype=float),
        lon=np.array([a.get("place", (np.nan, np.nan))[1] for a in actors], dtype=float),
        levels=np.array([a.get("level", 0) for a in actors], dtype=np.int8),
        priority_masks=np.array(
            [sum(1 << p for p in a.get("priorities", ())) for a in actors], dtype=np.int64
        ),
        offer_masks=np.array(
            [sum(1 << OFFERS.index(k) for k in a.get("offers", ())) for a in actors],
            dtype=np.int64,
        ),
        offer_kinds=OFFERS,
        themes={t: np.array(p) for t, p in themes.items()},
        served={s: np.array(p) for s, p in served.items()},
    )


def shares(suggestion) -> dict[str, float]:
    return {f.key: f.points for f in suggestion.factors}


def test_haversine_gives_the_distance_between_two_towns():
    km = float(haversine_km(*ZALAEGERSZEG, *NAGYKANIZSA))
    assert 43 < km < 47  # Zalaegerszeg to Nagykanizsa, about 45 km as the crow flies


def test_each_factor_shows_its_share_and_the_shares_add_up_to_the_score():
    pool = pool_of([
        {"id": 1, "priorities": [1, 2], "themes": ["néptánc"], "offers": ["venue"],
         "place": BAGOD},
        {"id": 2, "priorities": [1], "place": NAGYKANIZSA},
    ])  # fmt: skip
    criteria = Criteria(priorities=frozenset({1, 2}), themes=frozenset({"néptánc"}),
                        needs=frozenset({"venue"}), places=(ZALAEGERSZEG,))  # fmt: skip
    ranking = rank(pool, criteria, weaker=True)
    best, other = ranking.suggestions
    assert best.actor_id == 1
    total = sum(WEIGHTS[k] for k in ("priorities", "themes", "need", "distance"))
    got = shares(best)
    assert got["priorities"] == pytest.approx(100 * WEIGHTS["priorities"] / total, abs=0.1)
    assert got["themes"] == pytest.approx(100 * WEIGHTS["themes"] / total, abs=0.1)
    assert got["need"] == pytest.approx(100 * WEIGHTS["need"] / total, abs=0.1)
    km = float(haversine_km(*BAGOD, *ZALAEGERSZEG))
    distance_share = 100 * WEIGHTS["distance"] / total * (1 - km / NEAR_KM)
    assert got["distance"] == pytest.approx(distance_share, abs=0.1)
    assert best.score == pytest.approx(sum(got.values()), abs=0.3)
    assert shares(other)["priorities"] == pytest.approx(got["priorities"] / 2, abs=0.1)
    assert shares(other)["distance"] == 0  # beyond NEAR_KM
    distance = next(f for f in best.factors if f.key == "distance")
    assert distance.distance_km == pytest.approx(km, abs=0.1)
    assert next(f for f in best.factors if f.key == "need").matched == ("venue",)


def test_wishes_are_preferences_not_filters():
    pool = pool_of([
        {"id": 1, "priorities": [3]},  # no need met, one priority
        {"id": 2, "offers": ["equipment"]},  # the need, no priority
        {"id": 3},
    ])  # fmt: skip
    criteria = Criteria(priorities=frozenset({3, 4}), needs=frozenset({"equipment"}))
    ranked = [s.actor_id for s in rank(pool, criteria, weaker=True).suggestions]
    assert ranked == [2, 1]  # the whole need beats half the priorities; 3 meets nothing


def test_weaker_matches_appear_only_when_asked_for():
    pool = pool_of([
        {"id": 1, "priorities": [1, 2, 3]},
        {"id": 2, "priorities": [1]},
    ])  # fmt: skip
    criteria = Criteria(priorities=frozenset({1, 2, 3}))
    strong = rank(pool, criteria)
    assert [s.actor_id for s in strong.suggestions] == [1]
    assert (strong.strong, strong.weaker) == (1, 1)
    assert strong.suggestions[0].score >= STRONG
    weaker = rank(pool, criteria, weaker=True)
    assert [s.actor_id for s in weaker.suggestions] == [1, 2]
    assert weaker.suggestions[1].score < STRONG


def test_equal_scores_rank_by_id_and_the_limit_holds():
    pool = pool_of(sorted(({"id": n, "priorities": [1]} for n in (5, 3, 9, 1)),
                          key=lambda a: a["id"]))  # fmt: skip
    ranking = rank(pool, Criteria(priorities=frozenset({1})), limit=3)
    assert [s.actor_id for s in ranking.suggestions] == [1, 3, 5]


def test_excluded_and_invisible_actors_are_not_suggested_except_ones_own():
    pool = pool_of([
        {"id": 1, "priorities": [1]},
        {"id": 2, "priorities": [1], "level": 1},
        {"id": 3, "priorities": [1], "level": 2},
        {"id": 4, "priorities": [1]},
    ])  # fmt: skip
    criteria = Criteria(priorities=frozenset({1}), exclude=frozenset({4}))
    assert [s.actor_id for s in rank(pool, criteria).suggestions] == [1]
    assert [s.actor_id for s in rank(pool, criteria, viewer_level=1).suggestions] == [1, 2]
    own = rank(pool, criteria, viewer_level=1, own=frozenset({3}))
    assert [s.actor_id for s in own.suggestions] == [1, 2, 3]


def test_earlier_cooperation_raises_and_a_declined_contact_lowers_the_score():
    pool = pool_of([{"id": n, "priorities": [1]} for n in (1, 2, 3)])
    plain = Criteria(priorities=frozenset({1}), has_team=True)
    learnt = Criteria(priorities=frozenset({1}), has_team=True, cooperation={1: -1.0, 3: 1.0})
    before = {s.actor_id: s.score for s in rank(pool, plain, weaker=True).suggestions}
    after = rank(pool, learnt, weaker=True)
    scores = {s.actor_id: s.score for s in after.suggestions}
    assert [s.actor_id for s in after.suggestions] == [3, 2, 1]
    assert scores[3] > before[3] and scores[1] < before[1] and scores[2] == before[2]
    assert shares(after.suggestions[-1])["cooperation"] < 0


def test_a_complementary_kind_counts_for_a_team():
    pool = pool_of([
        {"id": 1, "priorities": [1], "category": "municipality"},
        {"id": 2, "priorities": [1], "category": "civil"},
    ])  # fmt: skip
    criteria = Criteria(priorities=frozenset({1}), team_categories=frozenset({"civil"}))
    ranking = rank(pool, criteria, weaker=True)
    assert [s.actor_id for s in ranking.suggestions] == [1, 2]
    assert shares(ranking.suggestions[0])["kinds"] > 0 == shares(ranking.suggestions[1])["kinds"]


def test_serving_a_settlement_counts_as_being_there():
    pool = pool_of([
        {"id": 1, "place": NAGYKANIZSA, "served": [7]},
        {"id": 2, "place": NAGYKANIZSA},
        {"id": 3, "settlement": 7},
    ])  # fmt: skip
    criteria = Criteria(places=(ZALAEGERSZEG,), place_ids=frozenset({7}))
    ranking = rank(pool, criteria, weaker=True)
    assert [s.actor_id for s in ranking.suggestions] == [1, 3]
    assert all(s.score == 100 for s in ranking.suggestions)
    assert ranking.suggestions[0].factors[0].distance_km == 0


def test_empty_criteria_or_an_empty_pool_suggest_nothing():
    pool = pool_of([{"id": 1, "priorities": [1]}])
    assert rank(pool, Criteria()).suggestions == []
    assert rank(pool_of([]), Criteria(priorities=frozenset({1}))).suggestions == []


def test_an_unknown_location_is_far():
    pool = pool_of([{"id": 1, "priorities": [1]}])
    ranking = rank(pool, Criteria(priorities=frozenset({1}), places=(BAGOD,)), weaker=True)
    distance = next(f for f in ranking.suggestions[0].factors if f.key == "distance")
    assert distance.points == 0 and distance.distance_km is None
    assert not math.isnan(ranking.suggestions[0].score)
