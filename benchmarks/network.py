"""The network benchmark (issue 9, "Speed and scale"): a generated network of actors and ties
in a database of its own, timed in process.

    DATABASE_URL=sqlite:///$PWD/var/bench-network/bench.sqlite3 \
        .venv/bin/python -m benchmarks.network --actors 1000 --ties 5000

Targets at 10,000 actors and 50,000 ties: the network page's first view ≤ 1 s (precomputed
figures; the graph aggregated per settlement above KOZKINCS_NETWORK_GRAPH_MAX_NODES) and the
recomputation of the figures after a tie changes ≤ 10 s (in the background task). The
database must be a benchmark's own (its name contains ``bench``); it is rebuilt each run.
See docs/how-to/run-the-benchmarks.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

KINDS = ("company", "church", "person")
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
    return {"actors": len(ids), "ties": len(rows)}


def _timed(function, repeat: int = 1) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], times


def measure(*, repeat: int) -> list[tuple[str, float, float]]:
    """(what, first ms, median ms of ``repeat``) for the recomputation and the pages."""
    from django.test import Client

    from kozkincs.network.figures import network_figures_recompute
    from kozkincs.network.models import Tie
    from kozkincs.network.services import tie_answer

    client = Client()
    results = []
    first, _ = _timed(network_figures_recompute)
    results.append(("recompute all yearly figures", first, first))
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
            # Outside a transaction the task (Django's default immediate backend) runs at once.
            tie_answer(tie=tie, accept=True)

        first, _ = _timed(change)
        results.append(("a tie confirmed + recompute (the task)", first, first))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.network")
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--ties", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20101513)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if "bench" not in url:
        parser.error("set DATABASE_URL to a benchmark's own database (its name contains 'bench')")
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozkincs.config.settings")
    os.environ.setdefault("KOZKINCS_RESPONSE_CACHE", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    # Pages render without collected static files (no manifest), as in the tests.
    override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    ).enable()  # fmt: skip
    call_command("migrate", verbosity=0)
    call_command("import_gazetteer", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    made = generate(actors=arguments.actors, ties=arguments.ties, seed=arguments.seed)
    rows = measure(repeat=arguments.repeat)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"network benchmark: {made['actors']} actors, {made['ties']} ties; load average {load}")
    print(f"{'what':45} {'first ms':>10} {'median ms':>10}")
    for label, first, median in rows:
        print(f"{label:45} {first:10.0f} {median:10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
