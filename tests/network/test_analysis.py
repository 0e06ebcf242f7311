"""The figures, computed from plain data: brokerage roles by settlement, crossing ties, the
matrix, isolated actors and settlements without an active actor; and the yearly snapshots."""

from datetime import date

import networkx as nx
import pytest

from kozkincs.network.analysis import TieEdge, brokerage, main_role, tie_years, year_figures


def edge(a, b, symmetric=True, start=None, end=None):
    return TieEdge(a, b, symmetric, start, end)


def test_brokerage_roles_follow_gould_and_fernandez():
    # a → b → c open two-paths, groups by settlement code
    cases = {
        ("X", "X", "X"): "coordinator",
        ("Y", "X", "X"): "gatekeeper",
        ("X", "X", "Y"): "representative",
        ("Y", "X", "Y"): "consultant",
        ("Y", "X", "Z"): "liaison",
    }
    for (ga, gb, gc), role in cases.items():
        graph = nx.DiGraph([(1, 2), (2, 3)])
        counts = brokerage({1: ga, 2: gb, 3: gc}, graph)
        assert counts == {2: {role: 1}}, (ga, gb, gc)
        assert main_role(counts[2]) == role


def test_a_closed_triangle_brokers_nothing():
    graph = nx.DiGraph([(1, 2), (2, 3), (1, 3)])
    assert brokerage({1: "X", 2: "X", 3: "Y"}, graph) == {}


def test_year_figures_count_only_ties_active_in_the_year():
    actors = {1: "A", 2: "A", 3: "B", 4: "C"}
    ties = [
        edge(1, 2, start=date(2009, 1, 1)),
        edge(2, 3, symmetric=False, start=date(2010, 5, 13)),
        edge(1, 3, start=date(2009, 1, 1), end=date(2009, 12, 31)),
    ]
    result = year_figures(actors, ties, 2010, ["A", "B", "C", "D"], with_betweenness=True)
    figures = result["figures"]
    assert (figures["ties"], figures["isolated"], figures["components"]) == (2, 1, 1)
    assert figures["crossing_ties"] == 1 and figures["crossing_share"] == 0.5
    assert figures["settlements_without_active_actor"] == ["C", "D"]
    assert result["matrix"] == [["A", "A", 1], ["A", "B", 1]]
    assert result["actor_figures"]["2"]["degree"] == 2
    assert result["actor_figures"]["2"]["betweenness"] > 0
    assert result["actor_figures"]["2"]["role"] == "representative"
    assert result["settlement_figures"]["A"] == {
        "actors": 2,
        "active_actors": 2,
        "ties_within": 1,
        "ties_across": 1,
    }


def test_the_years_run_from_the_first_dated_tie_to_this_year():
    assert tie_years([edge(1, 2, start=date(2009, 3, 1)), edge(2, 3)], 2011) == [2009, 2010, 2011]
    assert tie_years([], 2026) == [2026]


@pytest.mark.django_db
def test_snapshots_use_confirmed_ties_only(choir, library, django_capture_on_commit_callbacks):
    from kozkincs.network.figures import network_figures_recompute
    from kozkincs.network.models import NetworkSnapshot
    from kozkincs.network.services import tie_answer, tie_propose

    tie = tie_propose(proposer=choir, other=library, kind="partnership")
    network_figures_recompute(current_year=2026)
    assert NetworkSnapshot.objects.get(year=2026).figures["ties"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        tie_answer(tie=tie, accept=True)
    snapshot = NetworkSnapshot.objects.order_by("-year").first()
    assert snapshot.figures["ties"] == 1
    assert snapshot.actor_figures[str(choir.pk)]["degree"] == 1


@pytest.mark.django_db
def test_recomputing_only_the_changed_years_equals_a_full_rebuild(choir, library, make_actor):
    from kozkincs.network.figures import network_figures_recompute
    from kozkincs.network.models import NetworkSnapshot
    from kozkincs.network.services import tie_propose

    museum = make_actor("Falumúzeum")
    tie_propose(proposer=choir, other=library, kind="partnership", coordinator=True,
                start_date=date(2010, 5, 13))  # fmt: skip
    network_figures_recompute(current_year=2014)
    stamps = dict(NetworkSnapshot.objects.values_list("year", "computed_at"))
    tie_propose(proposer=museum, other=library, kind="project", coordinator=True,
                start_date=date(2012, 1, 1), end_date=date(2012, 12, 31))  # fmt: skip
    network_figures_recompute(current_year=2014)
    after = {s.year: s for s in NetworkSnapshot.objects.all()}
    assert [y for y in sorted(after) if after[y].computed_at != stamps[y]] == [2012]

    def content(snapshots):
        return {y: (s.figures, s.actor_figures, s.settlement_figures, s.matrix)
                for y, s in snapshots.items()}  # fmt: skip

    incremental = content(after)
    network_figures_recompute(current_year=2014, force=True)
    assert content({s.year: s for s in NetworkSnapshot.objects.all()}) == incremental
    assert after[2012].figures["ties"] == 2 and after[2013].figures["ties"] == 1
