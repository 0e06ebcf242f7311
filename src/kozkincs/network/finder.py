"""The partner finder's scoring: criteria in, ranked suggestions with each factor's share out.

Pure: no database. :mod:`kozkincs.network.pool` reads the actors into a :class:`Pool` of
arrays (kept in the cache), the selectors turn a request into :class:`Criteria`, and
:func:`rank` scores every actor of the pool at once with numpy.

Every wish is a soft preference: an actor that misses one can still rank through the others.
Each factor gives a value between 0 and 1 (earlier cooperation between -1 and 1: a declined
contact lowers it) and has a weight; only the factors the criteria ask about count, and their
weights are scaled to 100 points, so a score is the sum of the factors' shares.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

WEIGHTS: dict[str, float] = {
    "priorities": 25.0,
    "themes": 20.0,
    "need": 25.0,
    "distance": 15.0,
    "cooperation": 10.0,
    "kinds": 5.0,
}
"""The factors in the order they are shown, with their weight before scaling."""

NEAR_KM = 40.0
"""At this distance (and beyond) the distance factor is 0; in the same settlement it is 1."""
STRONG = 40.0
"""Suggestions below this score are "weaker matches", shown on request."""
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Criteria:
    """What a project idea or a stated need asks for.

    ``places``: (latitude, longitude) of the wanted settlements; ``place_ids``: their ids (an
    actor serving one counts as being there). ``exclude``: actors not to suggest (the idea's
    lead and partners, the member's own actors). ``team_categories``: the categories of the
    actors looking for partners (a candidate of another category complements them).
    ``cooperation``: actor id → earlier cooperation with the team, from -1 to 1."""

    priorities: frozenset[int] = frozenset()
    themes: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    places: tuple[tuple[float, float], ...] = ()
    place_ids: frozenset[int] = frozenset()
    exclude: frozenset[int] = frozenset()
    team_categories: frozenset[str] = frozenset()
    cooperation: Mapping[int, float] = field(default_factory=dict)
    has_team: bool = False

    def factors(self) -> tuple[str, ...]:
        """The factors these criteria ask about."""
        asked = {
            "priorities": bool(self.priorities),
            "themes": bool(self.themes),
            "need": bool(self.needs),
            "distance": bool(self.places or self.place_ids),
            "cooperation": self.has_team or bool(self.cooperation),
            "kinds": bool(self.team_categories),
        }
        return tuple(key for key in WEIGHTS if asked[key])

    @property
    def is_empty(self) -> bool:
        return not (self.priorities or self.themes or self.needs or self.places or self.place_ids)


@dataclass
class Pool:
    """The actors as parallel arrays, sorted by id. ``levels``: who may see each actor (0
    everyone, 1 logged-in members, 2 staff only); ``priority_masks``: bit *n* set for priority
    number *n*; ``offer_masks``: bit *i* set for the *i*-th offer kind of ``offer_kinds``;
    ``themes``: casefolded theme → positions; ``served``: settlement id → positions."""

    ids: np.ndarray
    categories: np.ndarray
    category_names: list[str]
    settlements: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    levels: np.ndarray
    priority_masks: np.ndarray
    offer_masks: np.ndarray
    offer_kinds: list[str]
    themes: dict[str, np.ndarray]
    served: dict[int, np.ndarray]

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, actor_ids) -> np.ndarray:
        """Positions of those of ``actor_ids`` that are in the pool."""
        wanted = np.fromiter(actor_ids, dtype=np.int64)
        found = np.searchsorted(self.ids, wanted)
        found = np.clip(found, 0, max(len(self.ids) - 1, 0))
        return found[self.ids[found] == wanted] if len(self.ids) else found[:0]


@dataclass(frozen=True)
class Factor:
    key: str
    points: float
    """This factor's share of the score (negative for a declined earlier contact)."""
    maximum: float
    """The most this factor could have given, for these criteria."""
    matched: tuple = ()
    """What matched: priority numbers, themes or offer kinds."""
    distance_km: float | None = None


@dataclass(frozen=True)
class Suggestion:
    actor_id: int
    score: float
    factors: tuple[Factor, ...]


@dataclass(frozen=True)
class Ranking:
    suggestions: list[Suggestion]
    strong: int
    """How many actors reach :data:`STRONG`."""
    weaker: int
    """How many more have a score above 0."""


def _popcount(masks: np.ndarray) -> np.ndarray:
    return np.bitwise_count(masks.astype(np.uint64)).astype(np.float64)


def _bit_mask(bits) -> int:
    mask = 0
    for bit in bits:
        mask |= 1 << bit
    return mask


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (arrays or numbers, degrees)."""
    lat1, lon1, lat2, lon2 = (np.radians(v) for v in (lat1, lon1, lat2, lon2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _distances(pool: Pool, criteria: Criteria) -> np.ndarray:
    """Each actor's distance in km to the nearest wanted settlement (inf when unknown)."""
    distance = np.full(len(pool), np.inf)
    for lat, lon in criteria.places:
        with np.errstate(invalid="ignore"):
            here = haversine_km(pool.lat, pool.lon, lat, lon)
        distance = np.fmin(distance, np.where(np.isnan(here), np.inf, here))
    for place in criteria.place_ids:
        distance[pool.settlements == place] = 0.0
        served = pool.served.get(place)
        if served is not None:
            distance[served] = 0.0
    return distance


def _values(pool: Pool, criteria: Criteria, factors: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Each asked factor's value for every actor of the pool."""
    values: dict[str, np.ndarray] = {}
    if "priorities" in factors:
        wanted = _bit_mask(criteria.priorities)
        values["priorities"] = _popcount(pool.priority_masks & wanted) / len(criteria.priorities)
    if "themes" in factors:
        shared = np.zeros(len(pool))
        for theme in criteria.themes:
            shared[pool.themes.get(theme, ())] += 1
        values["themes"] = shared / len(criteria.themes)
    if "need" in factors:
        wanted = _bit_mask(pool.offer_kinds.index(k) for k in criteria.needs)
        values["need"] = _popcount(pool.offer_masks & wanted) / len(criteria.needs)
    if "distance" in factors:
        values["distance"] = np.clip(1.0 - _distances(pool, criteria) / NEAR_KM, 0.0, 1.0)
    if "cooperation" in factors:
        cooperation = np.zeros(len(pool))
        ids = list(criteria.cooperation)
        if ids:
            where = np.searchsorted(pool.ids, ids)
            for position, actor_id in zip(where, ids, strict=True):
                if position < len(pool) and pool.ids[position] == actor_id:
                    cooperation[position] = max(-1.0, min(1.0, criteria.cooperation[actor_id]))
        values["cooperation"] = cooperation
    if "kinds" in factors:
        team = [pool.category_names.index(c) for c in criteria.team_categories
                if c in pool.category_names]  # fmt: skip
        values["kinds"] = (~np.isin(pool.categories, team)).astype(np.float64)
    return values


def rank(
    pool: Pool,
    criteria: Criteria,
    *,
    viewer_level: int = 0,
    own: frozenset[int] = frozenset(),
    limit: int = 10,
    weaker: bool = False,
) -> Ranking:
    """The actors the viewer may see (``levels <= viewer_level``, or in ``own``), not
    excluded, ranked by score (then by id). Only strong matches unless ``weaker``."""
    factors = criteria.factors()
    if criteria.is_empty or not len(pool):
        return Ranking([], 0, 0)
    total_weight = sum(WEIGHTS[f] for f in factors)
    scale = {f: 100.0 * WEIGHTS[f] / total_weight for f in factors}
    values = _values(pool, criteria, factors)
    score = np.zeros(len(pool))
    for key, value in values.items():
        score += scale[key] * value
    eligible = pool.levels <= viewer_level
    if own:
        eligible[pool.positions(own)] = True
    if criteria.exclude:
        eligible[pool.positions(criteria.exclude)] = False
    score = np.where(eligible, np.clip(score, 0.0, 100.0), -1.0)
    strong = int(np.count_nonzero(score >= STRONG))
    above = int(np.count_nonzero(score > 0))
    floor = 0.0 if weaker else STRONG
    candidates = np.flatnonzero((score >= floor) & (score > 0))
    order = candidates[np.lexsort((pool.ids[candidates], -score[candidates]))][:limit]
    suggestions = [
        _suggestion(pool, criteria, int(i), float(score[i]), values, scale) for i in order
    ]
    return Ranking(suggestions, strong, above - strong)


def _suggestion(pool, criteria, i, score, values, scale) -> Suggestion:
    factors = []
    for key, value in values.items():
        matched: tuple = ()
        distance = None
        if key == "priorities":
            matched = tuple(
                p for p in sorted(criteria.priorities) if pool.priority_masks[i] >> p & 1
            )
        elif key == "themes":
            matched = tuple(t for t in sorted(criteria.themes)
                            if i in pool.themes.get(t, ()))  # fmt: skip
        elif key == "need":
            matched = tuple(k for k in sorted(criteria.needs)
                            if pool.offer_masks[i] >> pool.offer_kinds.index(k) & 1)  # fmt: skip
        elif key == "distance":
            km = float(_distances_one(pool, criteria, i))
            distance = None if math.isinf(km) else round(km, 1)
        factors.append(
            Factor(key, round(float(scale[key] * value[i]), 1), round(scale[key], 1), matched,
                   distance)
        )  # fmt: skip
    return Suggestion(int(pool.ids[i]), round(score, 1), tuple(factors))


def _distances_one(pool: Pool, criteria: Criteria, i: int) -> float:
    if pool.settlements[i] in criteria.place_ids:
        return 0.0
    if any(i in pool.served.get(place, ()) for place in criteria.place_ids):
        return 0.0
    if np.isnan(pool.lat[i]) or not criteria.places:
        return math.inf
    return min(
        float(haversine_km(pool.lat[i], pool.lon[i], lat, lon)) for lat, lon in criteria.places
    )
