"""Every read of the network used by the pages, the graph's JSON and the settlement profile.

Visibility has one definition here (:func:`actors_visible`): organisations whose record is
published, municipalities, churches and companies, and private persons only with consent and
a visibility that reaches the viewer (as personal fields of records, ``catalog/visibility.py``).
Only confirmed ties count in the figures; proposed ones are shown as unconfirmed.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet

from kozkincs.catalog.models import Record
from kozkincs.catalog.visibility import viewer_level
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import ActorKind
from kozkincs.network.models import Actor, NetworkSnapshot, Tie

_SEES = {"public": ["public"], "members": ["public", "members"]}

ROLE_ORDER = ("", "coordinator", "gatekeeper", "representative", "consultant", "liaison")
NEIGHBOURS_SHOWN = 12
"""Neighbours named in a row of the table; the actor's page lists them all."""
SORT_KEYS = ("name", "kind", "settlement", "degree", "betweenness", "role")


def actors_visible_condition(level: str, prefix: str = "") -> Q:
    """The actors a viewer of ``level`` ("public" or "members") sees, as a condition on the
    actor (``prefix`` e.g. ``"actor__"`` for a table that points at actors): for counting
    them in a join without a subquery (the strategy dashboard)."""

    def q(**conditions) -> Q:
        return Q(**{prefix + key: value for key, value in conditions.items()})

    return (
        q(kind=ActorKind.ORGANISATION, record__status=Record.Status.PUBLISHED)
        | q(kind__in=[ActorKind.MUNICIPALITY, ActorKind.CHURCH, ActorKind.COMPANY])
        | q(kind=ActorKind.PERSON, consent=True, visibility__in=_SEES[level])
    )


def actors_visible(viewer) -> QuerySet[Actor]:
    level = viewer_level(viewer)
    actors = Actor.objects.select_related("record", "settlement")
    if level == "staff":
        return actors
    condition = actors_visible_condition(level)
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        condition |= Q(kind=ActorKind.PERSON, accounts=viewer)
    return actors.filter(condition).distinct()


def actor_get(*, viewer, actor_id: int) -> Actor | None:
    return actors_visible(viewer).filter(pk=actor_id).first()


def snapshot_current() -> NetworkSnapshot | None:
    return NetworkSnapshot.objects.order_by("-year").first()


def snapshot_get(year: int | None) -> NetworkSnapshot | None:
    if year is None:
        return snapshot_current()
    return NetworkSnapshot.objects.filter(year=year).first()


def snapshots_stamp() -> str:
    """Changes whenever the network figures are recomputed (for the validators of the pages
    that show them: the figures are not part of the records' data version)."""
    latest = NetworkSnapshot.objects.aggregate(latest=Max("computed_at"), count=Count("id"))
    stamp = latest["latest"].timestamp() if latest["latest"] else 0
    return f"{latest['count']}.{stamp:.6f}"


def snapshot_years() -> list[int]:
    return sorted(NetworkSnapshot.objects.values_list("year", flat=True))


@dataclass
class ActorRow:
    actor: Actor
    degree: int = 0
    betweenness: float = 0.0
    role: str = ""
    neighbours: list[Actor] = field(default_factory=list)
    more_neighbours: int = 0
    unconfirmed: int = 0


def _filtered(actors: QuerySet[Actor], filters: dict) -> QuerySet[Actor]:
    if filters.get("settlement"):
        actors = actors.filter(
            Q(settlement__ksh_code=filters["settlement"])
            | Q(settlements_served__ksh_code=filters["settlement"])
        ).distinct()
    if filters.get("priority"):
        actors = actors.filter(priorities__number=filters["priority"])
    if filters.get("kind"):
        actors = actors.filter(kind=filters["kind"])
    return actors


def actor_table(*, viewer, filters: dict, sort: str = "name", descending: bool = False,
                offset: int = 0, limit: int = 50) -> tuple[list[ActorRow], int]:  # fmt: skip
    """One page of the actor table, with the precomputed figures of the current (or chosen)
    year, the visible neighbours through confirmed ties and the number of unconfirmed ties.
    Sorting reads narrow rows of every matching actor; only the page's actors are loaded."""
    snapshot = snapshot_get(filters.get("year"))
    figures = snapshot.actor_figures if snapshot else {}
    language = current_language()
    keys = [
        _SortRow(pk, _name(row, language), kind, place or "", **_figures_of(figures.get(str(pk))))
        for pk, kind, place, *row in _filtered(actors_visible(viewer), filters).values_list(
            "pk", "kind", "settlement__name", "name", "record__name", f"record__name_{language}"
            if language in ("en", "de") else "record__name", "settlement__name",
        )
    ]  # fmt: skip
    keys.sort(key=_sort_key(sort), reverse=descending)
    page = keys[offset : offset + limit]
    loaded = actors_visible(viewer).in_bulk([k.pk for k in page])
    rows = [
        ActorRow(actor=loaded[k.pk], degree=k.degree, betweenness=k.betweenness, role=k.role)
        for k in page
        if k.pk in loaded
    ]
    _attach_neighbours(viewer, rows)
    return rows, len(keys)


@dataclass
class _SortRow:
    pk: int
    name: str
    kind: str
    settlement: str
    degree: int = 0
    betweenness: float = 0.0
    role: str = ""


def _name(row: list, language: str) -> str:
    """The display name from (name, record name, localized record name, settlement name),
    as :attr:`Actor.display_name` gives it."""
    name, record_name, localized, settlement = row
    return (localized or record_name or name or settlement or "").casefold()


def _figures_of(values: dict | None) -> dict:
    values = values or {}
    return {
        "degree": values.get("degree", 0),
        "betweenness": values.get("betweenness", 0.0),
        "role": values.get("role", ""),
    }


def _sort_key(sort: str):
    if sort == "degree":
        return lambda row: (row.degree, row.name)
    if sort == "betweenness":
        return lambda row: (row.betweenness, row.name)
    if sort == "role":
        return lambda row: (ROLE_ORDER.index(row.role), row.name)
    if sort == "kind":
        return lambda row: (row.kind, row.name)
    if sort == "settlement":
        return lambda row: (row.settlement, row.name)
    return lambda row: row.name


def _attach_neighbours(viewer, rows: list[ActorRow]) -> None:
    by_id = {row.actor.pk: row for row in rows}
    ties = Tie.objects.filter(
        Q(source_id__in=list(by_id)) | Q(target_id__in=list(by_id)), status__in=[
            Tie.Status.CONFIRMED, Tie.Status.PROPOSED
        ]
    ).values_list("source_id", "target_id", "status")  # fmt: skip
    other_ids: dict[int, set[int]] = {pk: set() for pk in by_id}
    for source, target, status in ties:
        for mine, other in ((source, target), (target, source)):
            if mine not in by_id:
                continue
            if status == Tie.Status.CONFIRMED:
                other_ids[mine].add(other)
            else:
                by_id[mine].unconfirmed += 1
    wanted = set().union(*other_ids.values()) if other_ids else set()
    visible = {a.pk: a for a in actors_visible(viewer).filter(pk__in=wanted)}
    for pk, row in by_id.items():
        neighbours = sorted(
            (visible[o] for o in other_ids[pk] if o in visible),
            key=lambda a: a.display_name.casefold(),
        )
        row.neighbours = neighbours[:NEIGHBOURS_SHOWN]
        row.more_neighbours = len(neighbours) - len(row.neighbours)


def actor_ties(*, viewer, actor: Actor) -> list[Tie]:
    """Confirmed and unconfirmed ties of ``actor`` with actors the viewer may see."""
    visible = actors_visible(viewer).values("pk")
    return list(
        Tie.objects.filter(Q(source=actor) | Q(target=actor))
        .exclude(status=Tie.Status.DECLINED)
        .filter(source__in=visible, target__in=visible)
        .select_related(
            "source__record",
            "target__record",
            "source__settlement",
            "target__settlement",
            "evidence_record",
        )
        .order_by("status", "kind", "id")
    )


@dataclass
class MyNetwork:
    actors: list[Actor]
    ties: list[Tie]
    pending: list[Tie]
    """Ties proposed by another actor to one of mine, waiting for my answer."""
    waiting: list[Tie]
    """Ties my actors proposed that the other side has not answered yet."""


def my_network(*, user) -> MyNetwork:
    actors = list(Actor.objects.filter(accounts=user).select_related("record", "settlement"))
    mine = [a.pk for a in actors]
    ties = list(
        Tie.objects.filter(Q(source_id__in=mine) | Q(target_id__in=mine))
        .exclude(status=Tie.Status.DECLINED)
        .select_related(
            "source__record", "target__record", "source__settlement", "target__settlement"
        )
    )
    proposed = [t for t in ties if t.status == Tie.Status.PROPOSED]
    return MyNetwork(
        actors=actors,
        ties=[t for t in ties if t.status == Tie.Status.CONFIRMED],
        pending=[t for t in proposed if t.proposed_by_actor_id not in mine],
        waiting=[t for t in proposed if t.proposed_by_actor_id in mine],
    )


def ties_pending_all() -> list[Tie]:
    """Every unanswered tie (the coordinator's list)."""
    return list(
        Tie.objects.filter(status=Tie.Status.PROPOSED).select_related(
            "source__record", "target__record"
        )
    )


def settlement_network_figures(*, settlement: Settlement) -> dict | None:
    """The settlement's figures in the current snapshot, or None before the first one."""
    snapshot = snapshot_current()
    if snapshot is None:
        return None
    figures = snapshot.settlement_figures.get(settlement.ksh_code)
    partners = sorted(
        ((a if b == settlement.ksh_code else b, n) for a, b, n in snapshot.matrix
         if settlement.ksh_code in (a, b) and a != b),
        key=lambda pair: -pair[1],
    )[:5]  # fmt: skip
    names = dict(
        Settlement.objects.filter(ksh_code__in=[c for c, _ in partners]).values_list(
            "ksh_code", "name"
        )
    )
    return {
        "year": snapshot.year,
        "figures": figures or {"actors": 0, "active_actors": 0, "ties_within": 0, "ties_across": 0},
        "partners": [(names.get(code, code), n) for code, n in partners],
    }


def network_health() -> dict:
    """The coordinator's overview: each year's figures, the settlements without an active
    actor and the strongest settlement pairs of the current year."""
    snapshots = list(NetworkSnapshot.objects.order_by("year"))
    current = snapshots[-1] if snapshots else None
    names = dict(Settlement.objects.values_list("ksh_code", "name")) if current else {}
    pairs = sorted(current.matrix, key=lambda r: -r[2])[:20] if current else []
    return {
        "snapshots": snapshots,
        "current": current,
        "without_active": [
            names.get(c, c)
            for c in (
                current.figures.get("settlements_without_active_actor", []) if current else []
            )
        ],
        "pairs": [(names.get(a, a), names.get(b, b), n) for a, b, n in pairs],
        "pending": ties_pending_all(),
    }


def graph_data(*, viewer, filters: dict, ego: int | None = None, depth: int = 1) -> dict:
    """Nodes and edges for the graph: confirmed ties active in the chosen year (all years
    without one) among visible, filtered actors; around ``ego`` up to ``depth`` steps. Above
    ``KOZKINCS_NETWORK_GRAPH_MAX_NODES`` actors (not in the ego view) settlements stand in for
    their actors."""
    visible = _filtered(actors_visible(viewer), filters)
    year = filters.get("year")
    ties = Tie.objects.filter(status=Tie.Status.CONFIRMED)
    if year:
        ties = ties.filter(Q(start_date__isnull=True) | Q(start_date__year__lte=year)).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )
    actor_ids = set(visible.values_list("pk", flat=True))
    edges = [
        (s, t, k)
        for s, t, k in ties.values_list("source_id", "target_id", "kind")
        if s in actor_ids and t in actor_ids
    ]
    if ego is not None:
        actor_ids = _ego_ids(ego, edges, depth) if ego in actor_ids else set()
        edges = [e for e in edges if e[0] in actor_ids and e[1] in actor_ids]
    elif len(actor_ids) > settings.KOZKINCS_NETWORK_GRAPH_MAX_NODES:
        return _aggregated(visible, edges)
    figures = snapshot_get(year) or snapshot_current()
    actor_figures = figures.actor_figures if figures else {}
    nodes = [
        {"id": a.pk, "label": a.display_name, "kind": a.kind,
         "settlement": a.settlement.name if a.settlement else "",
         "degree": actor_figures.get(str(a.pk), {}).get("degree", 0),
         "url": a.get_absolute_url()}
        for a in actors_visible(viewer).filter(pk__in=actor_ids)
    ]  # fmt: skip
    return {
        "aggregated": False,
        "nodes": nodes,
        "edges": [{"source": s, "target": t, "kind": k} for s, t, k in edges],
    }


def _ego_ids(ego: int, edges: list[tuple[int, int, str]], depth: int) -> set[int]:
    adjacency: dict[int, set[int]] = {}
    for s, t, _k in edges:
        adjacency.setdefault(s, set()).add(t)
        adjacency.setdefault(t, set()).add(s)
    found, frontier = {ego}, {ego}
    for _step in range(depth):
        frontier = {n for node in frontier for n in adjacency.get(node, ())} - found
        found |= frontier
    return found


def _aggregated(visible: QuerySet[Actor], edges: list[tuple[int, int, str]]) -> dict:
    places = dict(visible.values_list("pk", "settlement__ksh_code"))
    counts: dict[str, int] = {}
    for code in places.values():
        if code:
            counts[code] = counts.get(code, 0) + 1
    pairs: dict[tuple[str, str], int] = {}
    for s, t, _k in edges:
        a, b = places.get(s), places.get(t)
        if a and b and a != b:
            key = (min(a, b), max(a, b))
            pairs[key] = pairs.get(key, 0) + 1
    names = dict(Settlement.objects.filter(ksh_code__in=counts).values_list("ksh_code", "name"))
    return {
        "aggregated": True,
        "nodes": [
            {
                "id": code,
                "label": names.get(code, code),
                "kind": "settlement",
                "degree": n,
                "url": "",
            }
            for code, n in counts.items()
        ],
        "edges": [
            {"source": a, "target": b, "kind": "", "weight": n} for (a, b), n in pairs.items()
        ],
    }
