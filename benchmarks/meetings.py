"""The roundtable benchmark (issue 9, "Speed and scale": 500 meetings): generated meetings with
agendas, attendance and decisions in a database of its own, timed in process.

    DATABASE_URL=sqlite:///$PWD/var/bench-meetings/bench.sqlite3 \
        .venv/bin/python -m benchmarks.meetings --meetings 500 --actors 2000

:func:`generate_meetings` is the generator the network benchmark can call after its own
(it takes the actors that exist). The database must be a benchmark's own (its name contains
``bench``); it is rebuilt each run.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from benchmarks.inprocess import import_gazetteer, is_bench_database, prepare_database

AGENDA = ("Megnyitó", "Beszámoló", "Pályázati témák", "Egyebek")
DECISION_STATUSES = ("open", "in_progress", "done", "done", "dropped")


def generate_meetings(*, meetings: int, seed: int, first: datetime | None = None) -> dict:
    """``meetings`` demo-like meetings every ten days from ``first`` (by default so that the
    last twentieth is still to come): the past ones held with 6-12 attending actors and 0-3
    decisions, the future ones planned; the follow-up items are synchronised at the end as
    the services do."""
    from kozkincs.meetings.models import AgendaItem, Decision, Meeting, Participant
    from kozkincs.meetings.services import followups_sync
    from kozkincs.network.models import Actor

    rng = random.Random(seed)
    actor_ids = list(Actor.objects.values_list("id", flat=True))
    if len(actor_ids) < 12:
        raise SystemExit("generate_meetings needs at least 12 actors (run the network's first)")
    now = datetime.now(UTC)
    # By default the last twentieth lies ahead: planned meetings that carry open decisions.
    start = first or now.replace(hour=8, minute=0) - timedelta(
        days=10 * (meetings - meetings // 20)
    )
    rows = []
    for n in range(meetings):
        starts = start + timedelta(days=10 * n)
        rows.append(Meeting(
            title=f"Bench kerekasztal {n}", starts_at=starts, ends_at=starts + timedelta(hours=3),
            venue_text="Bench venue", status="held" if starts < now else "planned", is_demo=True,
        ))  # fmt: skip
    created = Meeting.objects.bulk_create(rows, batch_size=1000)
    items, participants, decisions = [], [], []
    for meeting in created:
        items += [AgendaItem(meeting=meeting, position=p + 1, title=t, duration_minutes=20)
                  for p, t in enumerate(AGENDA)]  # fmt: skip
        held = meeting.status == "held"
        participants += [Participant(meeting=meeting, actor_id=a, attended=held)
                         for a in rng.sample(actor_ids, rng.randint(6, 12))]  # fmt: skip
        if held:
            decisions += [
                Decision(meeting=meeting, text=f"Bench határozat {meeting.pk}/{d}",
                         responsible_id=rng.choice(actor_ids), status=rng.choice(DECISION_STATUSES),
                         deadline=(meeting.starts_at + timedelta(days=rng.randint(10, 200))).date(),
                         is_demo=True)
                for d in range(rng.randint(0, 3))
            ]  # fmt: skip
    AgendaItem.objects.bulk_create(items, batch_size=2000)
    Participant.objects.bulk_create(participants, batch_size=2000)
    Decision.objects.bulk_create(decisions, batch_size=2000)
    followups = followups_sync()
    return {"meetings": len(created), "decisions": len(decisions), "followups": followups}


def _time(call, repeat: int) -> dict:
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        call()
        samples.append((time.perf_counter() - begin) * 1000)
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 1), "max_ms": round(samples[-1], 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not is_bench_database(url):
        sys.exit("Set DATABASE_URL to a benchmark's own database (its name contains 'bench').")
    prepare_database(url)
    from django.test import Client

    from benchmarks.network import generate
    from kozkincs.meetings.services import followups_sync

    import_gazetteer()
    generate(actors=args.actors, ties=0, seed=args.seed)
    began = time.perf_counter()
    made = generate_meetings(meetings=args.meetings, seed=args.seed)
    made["generate_s"] = round(time.perf_counter() - began, 1)
    client = Client()
    results = {
        "followups_sync": _time(followups_sync, args.repeat),
        **{
            path: _time(lambda p=path: client.get(p), args.repeat)
            for path in (
                "/hu/kerekasztal/",
                "/hu/kerekasztal/hatarozatok/",
                "/hu/kerekasztal/naptar/?ev=2012&ho=5",
                "/hu/kerekasztal/naptar.ics",
            )
        },
    }
    print(made)
    for name, figures in results.items():
        print(f"{name}: {figures}")


if __name__ == "__main__":
    main()
