"""The roundtable benchmark (issue 9, "Speed and scale"), one command for all of it: the
network, the partner finder, the strategy dashboard, the meetings and the project ideas, timed
in process with Django's test client against one generated dataset in a database of its own.

    make bench-roundtable                        # the issue's scale, 3 runs
    make bench-roundtable BENCH_ROUNDTABLE_ARGS="--actors 1000 --ties 5000 --runs 1"

The dataset is generated once, by the dashboard benchmark's generator as it is (which uses
the network's and the meetings' generators): ``--actors`` actors with ``--ties`` ties,
``--ideas`` project ideas, ``--meetings`` meetings and ``--records`` records. Each of
``--runs`` runs then measures, with the machine's load average: the network benchmark's pages,
full recomputation and recomputation after a tie confirmed (``benchmarks.network.measure``),
the partner finder's p50/p99 for an anonymous visitor and a member
(``benchmarks.network.measure_finder``), and first view, median and p99 of uncached anonymous
GETs of the dashboard's, the meetings' and the ideas' pages (``benchmarks.dashboard.measure``).
With more than one run the medians of the runs follow. Targets at the issue's scale: network
page first view ≤ 1 s, finder p99 ≤ 100 ms, recomputation after a change ≤ 10 s, dashboard
p99 ≤ 300 ms uncached. See docs/how-to/run-the-benchmarks.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks import dashboard, network
from benchmarks.inprocess import import_gazetteer, load_average, prepare_database

ENVIRONMENT_VARIABLE = "BENCH_ROUNDTABLE_DATABASE_URL"
DEFAULT_DIRECTORY = Path("var") / "bench-roundtable"
MEETING_PAGES = (
    ("meetings, list", "/hu/kerekasztal/"),
    ("meetings, open decisions", "/hu/kerekasztal/hatarozatok/"),
    ("meetings, a month's calendar", "/hu/kerekasztal/naptar/?ev=2012&ho=5"),
    ("meetings, iCalendar feed", "/hu/kerekasztal/naptar.ics"),
)
IDEA_PAGES = (
    ("ideas, list", "/hu/projektotletek/"),
    ("ideas, list of one status", "/hu/projektotletek/?status=preparation"),
    ("ideas, funding calls", "/hu/palyazatok/"),
)


def idea_pages() -> tuple[tuple[str, str], ...]:
    """The ideas' list pages, the page of the idea with the most partners and the profile of
    the settlement with the most ideas (it lists them)."""
    from django.db.models import Count

    from kozkincs.gazetteer.models import Settlement
    from kozkincs.projects.models import ProjectIdea

    idea = ProjectIdea.objects.annotate(n=Count("partnerships")).order_by("-n", "pk").first()
    settlement = Settlement.objects.annotate(n=Count("project_ideas")).order_by("-n", "pk").first()
    pages = list(IDEA_PAGES)
    if idea is not None:
        pages.append(("ideas, an idea's page", f"/hu/projektotletek/{idea.pk}/"))
    if settlement is not None:
        pages.append(("settlement profile with its ideas", f"/hu/telepulesek/{settlement.slug}/"))
    return tuple(pages)


def measure_run(arguments, number: int) -> dict:
    """One run: every group of measurements, and the load average before and after."""
    before = load_average()
    run = {
        "network": network.measure(repeat=arguments.repeat),
        "finder": network.measure_finder(
            requests=arguments.finder_requests, seed=arguments.seed + number
        ),
        "pages": dashboard.measure(
            requests=arguments.requests, pages=dashboard.PAGES + MEETING_PAGES + idea_pages()
        ),
    }
    return run | {"load": (before, load_average())}


def _print_run(number: int, run: dict) -> None:
    before, after = run["load"]
    print(f"\nrun {number}; load average {before} before, {after} after")
    network.print_tables(run["network"], run["finder"] + run["pages"])


def medians(runs: list[dict]) -> dict[str, list[tuple]]:
    """Per group, each row's label and the median over the runs of each of its numbers."""
    result = {}
    for group in ("network", "finder", "pages"):
        rows = zip(*(run[group] for run in runs), strict=True)
        result[group] = [
            (same[0][0], *(statistics.median(v) for v in list(zip(*same, strict=True))[1:]))
            for same in rows
        ]
    return result


def _print_medians(runs: list[dict]) -> None:
    middle = medians(runs)
    print(f"\nmedians of {len(runs)} runs")
    network.print_tables(middle["network"], middle["finder"] + middle["pages"])


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.roundtable")
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--ties", type=int, default=50000)
    parser.add_argument("--ideas", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="measurements of the one dataset")
    parser.add_argument("--repeat", type=int, default=5, help="views of each network page")
    parser.add_argument("--finder-requests", type=int, default=300)
    parser.add_argument("--requests", type=int, default=100, help="GETs of each other page")
    parser.add_argument("--seed", type=int, default=20100513)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(ENVIRONMENT_VARIABLE)
        or f"sqlite:///{(DEFAULT_DIRECTORY / 'bench.sqlite3').resolve()}",
        help=f"a benchmark's own database ({ENVIRONMENT_VARIABLE}; default SQLite in "
        f"{DEFAULT_DIRECTORY})",
    )
    arguments = parser.parse_args(argv)
    if arguments.actors < 12 or arguments.runs < 1:
        parser.error("at least 12 actors (the meetings need them) and one run")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse(argv)
    # Uncached answers, whatever the environment says: the targets are for uncached work.
    os.environ["KOZKINCS_RESPONSE_CACHE"] = "false"
    prepare_database(arguments.database_url)
    import_gazetteer()
    started = time.perf_counter()
    made = dashboard.generate(
        actors=arguments.actors, ties=arguments.ties, ideas=arguments.ideas,
        records=arguments.records, meetings=arguments.meetings, seed=arguments.seed,
    )  # fmt: skip
    print(f"roundtable benchmark: {made['actors']} actors, {made['ties']} ties, "
          f"{made['ideas']} ideas, {made['meetings']} meetings, {made['records']} records "
          f"(generated in {time.perf_counter() - started:.0f} s); "
          f"{arguments.finder_requests} finder requests and {arguments.requests} GETs of each "
          f"other page per run")  # fmt: skip
    runs = []
    for number in range(1, arguments.runs + 1):
        runs.append(measure_run(arguments, number))
        _print_run(number, runs[-1])
    if len(runs) > 1:
        _print_medians(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
