"""The network benchmark (issue 9, "Speed and scale"): a generated network of actors and ties
in a database of its own, timed in process.

    DATABASE_URL=sqlite:///$PWD/var/bench-network/bench.sqlite3 \
        .venv/bin/python -m benchmarks.network --actors 1000 --ties 5000
    make bench-network BENCH_NETWORK_ARGS="--actors 10000 --ties 50000"

Targets at 10,000 actors and 50,000 ties: the network page's first view ≤ 1 s (precomputed
figures; the graph aggregated per settlement above KOZKINCS_NETWORK_GRAPH_MAX_NODES), the
partner finder's p99 ≤ 100 ms and the recomputation of the figures after a tie changes ≤ 10 s
(in the background task: the change itself only enqueues it). The database must be a
benchmark's own (its name contains ``bench``); it is rebuilt each run.
See docs/how-to/run-the-benchmarks.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date

from benchmarks.inprocess import import_gazetteer, is_bench_database, load_average, prepare_database

KINDS = ("company", "church", "person")
OFFER_KINDS = ("venue", "equipment", "skills", "volunteers", "audience", "other")
THEMES = tuple(
    "néptánc népdal kórus fúvószene színjátszás helytörténet hagyományőrzés kézművesség "  # noqa: SIM905
    "fotográfia irodalom könyvtár múzeum falunap búcsú szüret gasztronómia turizmus "
    "természetjárás sport ifjúság idősek cigány-kultúra német-nemzetiség egyházzene "
    "képzőművészet film tánc olvasókör felnőttképzés digitális".split()
)
TIE_KINDS = ("partnership", "membership", "operates", "performs_at", "co_organised", "project")
SYMMETRIC = {"partnership", "co_organised", "project", "roundtable"}


def generate(*, actors: int, ties: int, seed: int) -> dict:
    """Municipalities of the home region plus ``actors`` other actors spread over its
    settlements, and ``ties`` distinct ties (90 % confirmed, dated 2009 onwards)."""
    from kozkincs.gazetteer.selectors import home_region_get, region_settlements
    from kozkincs.network.models import Actor, Tie

    rng = random.Random(seed)
    settlements = list(region_settlements(region=home_region_get()).order_by("ksh_code"))
    Actor.objects.bulk_create(
        Actor(kind="municipality", settlement=s, is_demo=True) for s in settlements
    )
    Actor.objects.bulk_create(
        Actor(kind=rng.choice(KINDS), name=f"Bench actor {n}", consent=True, visibility="public",
              settlement=rng.choice(settlements), is_demo=True)
        for n in range(actors)
    )  # fmt: skip
    ids = list(Actor.objects.values_list("id", flat=True))
    seen: set[tuple[int, int, str]] = set()
    rows = []
    while len(rows) < ties:
        a, b = rng.sample(ids, 2)
        kind = rng.choice(TIE_KINDS)
        if kind in SYMMETRIC and a > b:
            a, b = b, a
        if (a, b, kind) in seen:
            continue
        seen.add((a, b, kind))
        start = date(rng.randint(2009, 2026), rng.randint(1, 12), 1)
        rows.append(Tie(source_id=a, target_id=b, kind=kind, start_date=start, is_demo=True,
                        status="confirmed" if rng.random() < 0.9 else "proposed"))  # fmt: skip
    Tie.objects.bulk_create(rows, batch_size=2000)
    requests = _profiles(rng, ids, [s.pk for s in settlements])
    return {"actors": len(ids), "ties": len(rows), "contact requests": requests}


def _profiles(rng: random.Random, ids: list[int], settlement_ids: list[int]) -> int:
    """What the partner finder reads: priorities, themes, offers, needs and settlements served
    of every actor, and a member's earlier contact requests with their outcomes."""
    from django.contrib.auth import get_user_model

    from kozkincs.network.models import Actor, ActorOffer, ContactRequest
    from kozkincs.strategy.models import StrategyPriority

    priorities = list(StrategyPriority.objects.values_list("id", flat=True))
    through = Actor.priorities.through
    through.objects.bulk_create(
        (through(actor_id=a, strategypriority_id=p) for a in ids
         for p in rng.sample(priorities, rng.randint(0, 3))), batch_size=5000,
    )  # fmt: skip
    served = Actor.settlements_served.through
    served.objects.bulk_create(
        (served(actor_id=a, settlement_id=s) for a in ids
         for s in rng.sample(settlement_ids, rng.randint(0, 2))), batch_size=5000,
    )  # fmt: skip
    ActorOffer.objects.bulk_create(
        (ActorOffer(actor_id=a, direction=d, kind=k) for a in ids for d in ("offer", "need")
         for k in rng.sample(OFFER_KINDS, rng.randint(0, 2))), batch_size=5000,
    )  # fmt: skip
    for chunk in range(0, len(ids), 2000):
        actors = Actor.objects.filter(id__in=ids[chunk : chunk + 2000])
        for actor in actors:
            actor.themes = rng.sample(THEMES, rng.randint(0, 3))
        Actor.objects.bulk_update(actors, ["themes"], batch_size=2000)
    user = get_user_model().objects.create_user("bench-member", "bench@example.org", "x")
    Actor.objects.get(pk=ids[-1]).accounts.add(user)
    outcomes = ("met", "partners", "declined")
    ContactRequest.objects.bulk_create(
        ContactRequest(sender=user, from_actor_id=ids[-1], to_actor_id=other,
                       message="bench", outcome=rng.choice(outcomes))
        for other in rng.sample(ids[:-1], min(200, len(ids) - 1))
    )  # fmt: skip
    return 200


def _timed(function, repeat: int = 1) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], times


def _finder_queries(rng: random.Random, count: int) -> list[str]:
    """Partner finder requests as the projects' pages make them: a need or two, one or two
    priorities, maybe themes, one or two settlements, a few actors left out."""
    from urllib.parse import urlencode

    from kozkincs.gazetteer.models import Settlement
    from kozkincs.network.models import Actor

    codes = list(Settlement.objects.filter(network_actors__isnull=False).distinct()
                 .values_list("ksh_code", flat=True))  # fmt: skip
    ids = list(Actor.objects.values_list("id", flat=True))
    queries = []
    for _n in range(count):
        query = [("need", k) for k in rng.sample(OFFER_KINDS, rng.randint(1, 2))]
        query += [("priority", p) for p in rng.sample(range(1, 6), rng.randint(1, 2))]
        query += [("theme", t) for t in rng.sample(THEMES, rng.randint(0, 2))]
        query += [("settlement", c) for c in rng.sample(codes, rng.randint(1, 2))]
        query += [("exclude", a) for a in rng.sample(ids, rng.randint(0, 3))]
        queries.append("/hu/halozat/partnerkereso/?" + urlencode(query))
    return queries


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_finder(*, requests: int, seed: int) -> list[tuple[str, float, float, float]]:
    """(what, first ms, p50 ms, p99 ms) of the partner finder: anonymous visitors and a
    logged-in member (whose earlier contacts count), after one request that reads the pool."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    rng = random.Random(seed)
    queries = _finder_queries(rng, requests)
    member = Client()
    member.force_login(get_user_model().objects.get(username="bench-member"))
    results = []
    for label, client in (("partner finder, anonymous", Client()),
                          ("partner finder, a member", member)):  # fmt: skip

        def get(path, client=client):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        first, _ = _timed(lambda: get(queries[0]))
        times, cpu = [], []
        for path in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        results.append((label, first, _percentile(times, 0.5), _percentile(times, 0.99)))
        # The CPU time the request used (SQLite runs in the process): what the wall-clock
        # time would be on an idle machine, whatever the other sessions do.
        results.append((f"{label} (CPU time)", 0.0, _percentile(cpu, 0.5), _percentile(cpu, 0.99)))
    return results


def measure(*, repeat: int) -> list[tuple[str, float, float]]:
    """(what, first ms, median ms of ``repeat``) for the recomputation and the pages."""
    from django.test import Client

    from kozkincs.network.figures import network_figures_recompute
    from kozkincs.network.models import Tie
    from kozkincs.network.services import tie_answer

    client = Client()
    results = []
    first, _ = _timed(lambda: network_figures_recompute(force=True))
    results.append(("recompute every year's figures (full)", first, first))
    pages = [
        ("network page, first view (table)", "/hu/halozat/"),
        ("network page sorted by betweenness", "/hu/halozat/?sort=betweenness&order=desc"),
        ("graph JSON (whole network)", "/hu/halozat/graf.json"),
        ("graph JSON, one year", "/hu/halozat/graf.json?year=2015"),
    ]
    for label, path in pages:

        def get(path=path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        first, times = _timed(get, repeat)
        results.append((label, first, statistics.median(times)))
    tie = Tie.objects.filter(status="proposed").first()
    if tie is not None:

        def change():
            # Outside a transaction the task is enqueued at once (the worker runs it).
            tie_answer(tie=tie, accept=True)

        first, _ = _timed(change)
        results.append(("a tie confirmed (the task enqueued)", first, first))
        first, _ = _timed(network_figures_recompute)
        results.append(("the task: recompute the changed years", first, first))
    return results


def _print_run(number: int, rows, finder) -> None:
    print(f"run {number}; load average {load_average()}")
    print_tables(rows, finder)


def print_tables(rows, finder) -> None:
    """``rows`` as (what, first, median) and ``finder`` as (what, first, p50, p99), in ms."""
    print(f"{'what':45} {'first ms':>10} {'median ms':>10}")
    for label, first, median in rows:
        print(f"{label:45} {first:10.0f} {median:10.0f}")
    print(f"{'what':45} {'first ms':>10} {'p50 ms':>10} {'p99 ms':>10}")
    for label, first, p50, p99 in finder:
        print(f"{label:45} {first:10.0f} {p50:10.1f} {p99:10.1f}")


def _print_medians(runs: list) -> None:
    print(f"medians of {len(runs)} runs")
    for n, (label, *_values) in enumerate(runs[0][0]):
        first = statistics.median(run[0][n][1] for run in runs)
        median = statistics.median(run[0][n][2] for run in runs)
        print(f"{label:45} {first:10.0f} {median:10.0f}")
    for n, (label, *_values) in enumerate(runs[0][1]):
        p50 = statistics.median(run[1][n][2] for run in runs)
        p99 = statistics.median(run[1][n][3] for run in runs)
        print(f"{label:45} {'':10} {p50:10.1f} {p99:10.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.network")
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--ties", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20101513)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--finder-requests", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1, help="measurements of one network")
    parser.add_argument(
        "--keep", action="store_true", help="measure the network of the last run again"
    )
    arguments = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not is_bench_database(url):
        parser.error("set DATABASE_URL to a benchmark's own database (its name contains 'bench')")
    prepare_database(url, keep=arguments.keep)
    from kozkincs.network.models import Actor, Tie

    if not (arguments.keep and Actor.objects.exists()):
        import_gazetteer()
        generate(actors=arguments.actors, ties=arguments.ties, seed=arguments.seed)
    print(f"network benchmark: {Actor.objects.count()} actors, {Tie.objects.count()} ties")
    runs = []
    for number in range(1, arguments.runs + 1):
        runs.append((measure(repeat=arguments.repeat),
                     measure_finder(requests=arguments.finder_requests,
                                    seed=arguments.seed + number)))  # fmt: skip
        _print_run(number, *runs[-1])
    if len(runs) > 1:
        _print_medians(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
