"""The partner finder's view of all actors (:class:`kozkincs.network.finder.Pool`): read in a
few narrow queries and kept in the application cache under a stamp that changes with every
new actor and actor profile (its ``updated_at``; the profile service saves the actor whenever
its offers, priorities or themes change) and with the records' data version (an organisation
is visible while its record is published).

The visibility levels mirror :func:`kozkincs.network.selectors.actors_visible` (a test
checks that they agree).
"""

from collections import defaultdict

import numpy as np
from django.core.cache import caches

from kozkincs.catalog.models import Record
from kozkincs.catalog.visibility import viewer_level
from kozkincs.network.finder import Pool
from kozkincs.network.kinds import ActorKind, OfferKind
from kozkincs.network.models import Actor, ActorOffer, Visibility
from kozkincs.search.index import data_version

LEVELS = {"public": 0, "members": 1, "staff": 2}
_CACHE_PREFIX = "network-finder-pool"


def actor_category(kind: str, catalog: str | None) -> str:
    """What kind of actor it is for "complementary kinds": the catalog of an organisation's
    record (a civil organisation, an art group, a cultural centre …), else the actor kind."""
    return f"catalog:{catalog}" if kind == ActorKind.ORGANISATION and catalog else kind


def _level(kind, status, consent, visibility) -> int:
    if kind == ActorKind.ORGANISATION:
        return LEVELS["public"] if status == Record.Status.PUBLISHED else LEVELS["staff"]
    if kind != ActorKind.PERSON:
        return LEVELS["public"]
    if not consent or visibility == Visibility.STAFF:
        return LEVELS["staff"]
    return LEVELS["members"] if visibility == Visibility.MEMBERS else LEVELS["public"]


def _stamp() -> str:
    """Two single-maximum queries, each answered from an index (a count, or both maxima in
    one query, would read every actor). A deleted actor stays in the pool until the next
    change; its suggestion is dropped when the page loads the actors."""
    latest = Actor.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    last = Actor.objects.order_by("-id").values_list("id", flat=True).first()
    moment = latest.timestamp() if latest else 0
    return f"{data_version()}.{last or 0}.{moment:.6f}"


def pool_get() -> Pool:
    """The pool, from the cache when nothing changed since it was read."""
    key = f"{_CACHE_PREFIX}:{_stamp()}"
    cache = caches["local"]
    pool = cache.get(key)
    if pool is None:
        pool = pool_read()
        cache.set(key, pool, timeout=24 * 3600)
    return pool


def pool_read() -> Pool:
    rows = list(
        Actor.objects.order_by("id").values_list(
            "id", "kind", "record__catalog", "record__status", "consent", "visibility",
            "settlement_id", "settlement__lat", "settlement__lon", "themes",
        )
    )  # fmt: skip
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    position = {actor_id: n for n, actor_id in enumerate(ids.tolist())}
    names: list[str] = []
    categories = np.zeros(len(rows), dtype=np.int16)
    themes: dict[str, list[int]] = defaultdict(list)
    for n, (_id, kind, catalog, _status, _c, _v, _s, _lat, _lon, actor_themes) in enumerate(rows):
        category = actor_category(kind, catalog)
        if category not in names:
            names.append(category)
        categories[n] = names.index(category)
        for theme in {str(t).strip().casefold() for t in actor_themes or ()}:
            if theme:
                themes[theme].append(n)
    priority_masks = np.zeros(len(rows), dtype=np.int64)
    for actor_id, number in Actor.priorities.through.objects.values_list(
        "actor_id", "strategypriority__number"
    ):
        priority_masks[position[actor_id]] |= 1 << number
    offer_kinds = list(OfferKind.values)
    offer_masks = np.zeros(len(rows), dtype=np.int64)
    for actor_id, kind in ActorOffer.objects.filter(
        direction=ActorOffer.Direction.OFFER
    ).values_list("actor_id", "kind"):
        offer_masks[position[actor_id]] |= 1 << offer_kinds.index(kind)
    served: dict[int, list[int]] = defaultdict(list)
    for actor_id, settlement_id in Actor.settlements_served.through.objects.values_list(
        "actor_id", "settlement_id"
    ):
        served[settlement_id].append(position[actor_id])
    return Pool(
        ids=ids,
        categories=categories,
        category_names=names,
        settlements=np.array([r[6] or 0 for r in rows], dtype=np.int64),
        lat=np.array([np.nan if r[7] is None else r[7] for r in rows], dtype=np.float64),
        lon=np.array([np.nan if r[8] is None else r[8] for r in rows], dtype=np.float64),
        levels=np.array([_level(r[1], r[3], r[4], r[5]) for r in rows], dtype=np.int8),
        priority_masks=priority_masks,
        offer_masks=offer_masks,
        offer_kinds=offer_kinds,
        themes={t: np.array(p, dtype=np.int64) for t, p in themes.items()},
        served={s: np.array(p, dtype=np.int64) for s, p in served.items()},
    )


def viewer_pool_level(viewer) -> int:
    return LEVELS[viewer_level(viewer)]
