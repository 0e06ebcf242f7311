"""The strategy dashboard benchmark (issue 9, "Speed and scale": the dashboard p99 ≤ 300 ms
uncached at 10,000 actors and 2,000 project ideas), timed in process with Django's test client
against a generated dataset in a database of its own.

    DATABASE_URL=sqlite:///$PWD/var/bench-dashboard/bench.sqlite3 \\
        .venv/bin/python -m benchmarks.dashboard --actors 10000 --ties 50000 --ideas 2000

The actors and ties come from the network benchmark's generator (``benchmarks.network``) and
the meetings from the roundtable's (``benchmarks.meetings``), both used as they are; this adds
records and project ideas serving the priorities, the demo goals and indicators, and the
actors' and meetings' priorities. Every request is answered in full: no response cache
and no ``If-None-Match``. See docs/how-to/run-the-benchmarks.md.
"""

import argparse
import os
import random
import statistics
import sys
import time

from benchmarks.inprocess import import_gazetteer, is_bench_database, load_average, prepare_database
from benchmarks.meetings import generate_meetings
from benchmarks.network import generate as generate_network

CATALOGS = ("amateur-art", "cultural-centres", "civil-organisations", "traditions")
STAGES = ("idea", "preparation", "submitted", "funded", "in_progress", "completed", "shelved")
PAGES = (
    ("dashboard, all priorities", "/hu/strategia/"),
    ("dashboard, one priority", "/hu/strategia/3/"),
    ("printable page", "/hu/strategia/nyomtathato/"),
    ("CSV export", "/hu/strategia/adatok.csv"),
)


def _some(rng: random.Random, items: list, most: int) -> list:
    return rng.sample(items, rng.randint(1, most))


def generate(*, actors: int, ties: int, ideas: int, records: int, meetings: int, seed: int) -> dict:
    """The network's generated actors and ties and the roundtable's generated meetings, then
    priorities for every actor and meeting, ``records`` published records and ``ideas``
    project ideas over the region's settlements."""
    from kozkincs.catalog.models import Record
    from kozkincs.dashboard.demo import load_strategy_demo
    from kozkincs.meetings.models import Meeting
    from kozkincs.network.models import Actor
    from kozkincs.projects.models import ProjectIdea
    from kozkincs.strategy.models import StrategyPriority

    made = generate_network(actors=actors, ties=ties, seed=seed)
    made |= generate_meetings(meetings=meetings, seed=seed)
    rng = random.Random(seed + 1)
    priorities = list(StrategyPriority.objects.values_list("pk", flat=True))
    actor_rows = list(Actor.objects.values_list("pk", "settlement_id"))
    settlements = sorted({s for _a, s in actor_rows if s})
    through = Actor.priorities.through
    through.objects.bulk_create(
        (through(actor_id=a, strategypriority_id=p) for a, _s in actor_rows
         for p in _some(rng, priorities, 3)), batch_size=5000, ignore_conflicts=True,
    )  # fmt: skip
    Record.objects.bulk_create(
        (Record(catalog=rng.choice(CATALOGS), name=f"Bench record {n}", slug=f"bench-{n}",
                settlement_id=rng.choice(settlements), status="published", is_demo=True)
         for n in range(records)), batch_size=2000,
    )  # fmt: skip
    through = Record.priorities.through
    through.objects.bulk_create(
        (through(record_id=r, strategypriority_id=p)
         for r in Record.objects.values_list("pk", flat=True) for p in _some(rng, priorities, 2)),
        batch_size=5000,
    )  # fmt: skip
    ids = [a for a, _s in actor_rows]
    ProjectIdea.objects.bulk_create(
        (ProjectIdea(title=f"Bench idea {n}", lead_id=rng.choice(ids), status=rng.choice(STAGES),
                     is_demo=True) for n in range(ideas)), batch_size=2000,
    )  # fmt: skip
    idea_ids = list(ProjectIdea.objects.values_list("pk", flat=True))
    for field, targets, most in (("priorities", priorities, 2), ("settlements", settlements, 3)):
        through = getattr(ProjectIdea, field).through
        column = "strategypriority_id" if field == "priorities" else "settlement_id"
        through.objects.bulk_create(
            (through(projectidea_id=i, **{column: t}) for i in idea_ids
             for t in _some(rng, targets, most)), batch_size=5000,
        )  # fmt: skip
    through = Meeting.priorities.through
    through.objects.bulk_create(
        (through(meeting_id=m, strategypriority_id=p)
         for m in Meeting.objects.values_list("pk", flat=True) for p in _some(rng, priorities, 2)),
        batch_size=5000, ignore_conflicts=True,
    )  # fmt: skip
    load_strategy_demo()
    return {**made, "records": records, "ideas": len(idea_ids)}


def measure(*, requests: int, pages=PAGES) -> list[tuple[str, float, float, float]]:
    """(page, first ms, median ms, p99 ms) of ``requests`` anonymous GETs of each page."""
    from django.test import Client

    client = Client()
    results = []
    for label, path in pages:
        times = []
        for _ in range(requests + 1):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        first, rest = times[0], sorted(times[1:])
        p99 = rest[min(len(rest) - 1, round(0.99 * (len(rest) - 1)))]
        results.append((label, first, statistics.median(rest), p99))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dashboard")
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--ties", type=int, default=50000)
    parser.add_argument("--ideas", type=int, default=2000)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20100513)
    arguments = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not is_bench_database(url):
        parser.error("set DATABASE_URL to a benchmark's own database (its name contains 'bench')")
    prepare_database(url)
    import_gazetteer()
    started = time.perf_counter()
    made = generate(actors=arguments.actors, ties=arguments.ties, ideas=arguments.ideas,
                    records=arguments.records, meetings=arguments.meetings,
                    seed=arguments.seed)  # fmt: skip
    built = time.perf_counter() - started
    rows = measure(requests=arguments.requests)
    load = load_average()
    print(f"dashboard benchmark: {made['actors']} actors, {made['ties']} ties, "
          f"{made['records']} records, {made['ideas']} ideas, {made['meetings']} meetings "
          f"(built in {built:.0f} s); "
          f"{arguments.requests} requests per page; load average {load}")  # fmt: skip
    print(f"{'page':30} {'first ms':>9} {'median ms':>10} {'p99 ms':>8}")
    for label, first, median, p99 in rows:
        print(f"{label:30} {first:9.0f} {median:10.0f} {p99:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
