"""The network figures, computed from plain data (no database): degree, betweenness,
components, density, ties crossing settlement borders, brokerage roles by settlement
(Gould and Fernandez 1989) and the settlement-by-settlement cooperation matrix.

Undirected ties (partnership, ...) count in both directions for the brokerage roles; directed
ones (membership, operates, performs at) only from source to target.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

BETWEENNESS_EXACT_UP_TO = 1000
"""Above this many actors betweenness is estimated from sampled sources."""
BETWEENNESS_WORK = 1_500_000
"""Sources times ties the estimate may walk (each sampled source costs one pass over the ties):
at 45,000 ties about 33 sources, at 5,000 the full 100."""

ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


@dataclass(frozen=True)
class ActorNode:
    id: int
    settlement: str | None  # KSH code, the actor's group for the brokerage roles


@dataclass(frozen=True)
class TieEdge:
    source: int
    target: int
    symmetric: bool
    start: date | None
    end: date | None

    def active_in(self, year: int) -> bool:
        return (self.start is None or self.start.year <= year) and (
            self.end is None or self.end.year >= year
        )


def tie_years(ties: Iterable[TieEdge], current_year: int) -> list[int]:
    """Every year from the earliest dated tie to ``current_year``."""
    starts = [t.start.year for t in ties if t.start is not None and t.start.year <= current_year]
    return list(range(min(starts, default=current_year), current_year + 1))


def brokerage(actors: dict[int, str | None], directed: nx.DiGraph) -> dict[int, Counter]:
    """For each broker b, the open two-paths a → b → c (no tie a → c) by the settlements of
    a, b and c. Actors without a settlement broker nothing and are brokered for nothing."""
    roles: dict[int, Counter] = {}
    for b in directed.nodes:
        gb = actors.get(b)
        if gb is None:
            continue
        counts: Counter = Counter()
        for a in directed.predecessors(b):
            ga = actors.get(a)
            if ga is None:
                continue
            for c in directed.successors(b):
                gc = actors.get(c)
                if c == a or gc is None or directed.has_edge(a, c):
                    continue
                counts[_role(ga, gb, gc)] += 1
        if counts:
            roles[b] = counts
    return roles


def _role(ga: str, gb: str, gc: str) -> str:
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "consultant"
    if gb == gc:
        return "gatekeeper"
    if ga == gb:
        return "representative"
    return "liaison"


def main_role(counts: Counter | None) -> str:
    """The role an actor plays most often (the order of :data:`ROLES` breaks ties)."""
    if not counts:
        return ""
    return max(ROLES, key=lambda role: (counts.get(role, 0), -ROLES.index(role)))


def year_figures(
    actors: dict[int, str | None],
    ties: list[TieEdge],
    year: int,
    region_settlements: Iterable[str],
    *,
    with_betweenness: bool,
) -> dict:
    """Figures of the network of ``ties`` active in ``year`` among ``actors`` (id → KSH code)."""
    active = [t for t in ties if t.active_in(year) and t.source in actors and t.target in actors]
    graph = nx.Graph()
    graph.add_nodes_from(actors)
    graph.add_edges_from((t.source, t.target) for t in active)
    directed = nx.DiGraph()
    directed.add_nodes_from(actors)
    for t in active:
        directed.add_edge(t.source, t.target)
        if t.symmetric:
            directed.add_edge(t.target, t.source)
    betweenness = _betweenness(graph) if with_betweenness else {}
    roles = brokerage(actors, directed)
    actor_figures = {
        str(node): {
            "degree": graph.degree(node),
            "betweenness": round(betweenness.get(node, 0.0), 5),
            "role": main_role(roles.get(node)),
            "roles": dict(roles.get(node, {})),
        }
        for node in graph.nodes
    }
    matrix, crossing, known = _matrix(actors, graph)
    components = list(nx.connected_components(graph))
    with_ties = [c for c in components if len(c) > 1]
    settlements = _settlement_figures(actors, graph, matrix)
    region = sorted(set(region_settlements))
    figures = {
        "actors": graph.number_of_nodes(),
        "ties": graph.number_of_edges(),
        "density": round(nx.density(graph), 5) if graph.number_of_nodes() > 1 else 0.0,
        "components": len(with_ties),
        "largest_component": max((len(c) for c in components), default=0),
        "isolated": sum(1 for node in graph.nodes if graph.degree(node) == 0),
        "crossing_ties": crossing,
        "crossing_share": round(crossing / known, 4) if known else 0.0,
        "settlements_without_active_actor": [
            code for code in region if settlements.get(code, {}).get("active_actors", 0) == 0
        ],
        "with_betweenness": with_betweenness,
    }
    return {
        "figures": figures,
        "actor_figures": actor_figures,
        "settlement_figures": settlements,
        "matrix": [[a, b, n] for (a, b), n in sorted(matrix.items())],
    }


def _betweenness(graph: nx.Graph) -> dict:
    n = graph.number_of_nodes()
    if n <= BETWEENNESS_EXACT_UP_TO:
        return nx.betweenness_centrality(graph, normalized=True)
    sources = max(
        10, min(BETWEENNESS_EXACT_UP_TO // 10, BETWEENNESS_WORK // max(1, len(graph.edges)))
    )
    return nx.betweenness_centrality(graph, k=sources, normalized=True, seed=1)


def _matrix(actors: dict[int, str | None], graph: nx.Graph):
    matrix: Counter = Counter()
    crossing = known = 0
    for u, v in graph.edges:
        a, b = actors.get(u), actors.get(v)
        if a is None or b is None:
            continue
        known += 1
        crossing += a != b
        matrix[(min(a, b), max(a, b))] += 1
    return matrix, crossing, known


def _settlement_figures(actors: dict[int, str | None], graph: nx.Graph, matrix: Counter) -> dict:
    result: dict[str, dict] = defaultdict(
        lambda: {"actors": 0, "active_actors": 0, "ties_within": 0, "ties_across": 0}
    )
    for node, code in actors.items():
        if code is None:
            continue
        result[code]["actors"] += 1
        result[code]["active_actors"] += graph.degree(node) > 0
    for (a, b), n in matrix.items():
        if a == b:
            result[a]["ties_within"] += n
        else:
            result[a]["ties_across"] += n
            result[b]["ties_across"] += n
    return dict(result)
