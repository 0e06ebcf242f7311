"""Generated project ideas for benchmarks and scale tests (issue 9 "Speed and scale": 2,000
ideas beside 10,000 actors): written with ``bulk_create`` over the actors already in the
database (e.g. those of ``benchmarks/network.py``), reproducible by ``seed``.

    from tests.projects.generators import funding_calls_generate, ideas_generate
    funding_calls_generate(seed=1)
    ideas_generate(count=2000, seed=1)
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from kozkincs.network.models import Actor
from kozkincs.projects.lifecycle import IdeaStatus
from kozkincs.projects.models import (
    Endorsement,
    FundingCall,
    Milestone,
    ProgressUpdate,
    ProjectIdea,
    ProjectPartner,
)
from kozkincs.strategy.models import StrategyPriority

PROGRAMMES = ("KÖZKINCS", "LEADER", "TOP", "Erasmus+")
WORDS = ("Dalkörök", "Tájház", "Néptánc", "Kisemlékek", "Könyvtár", "Tábor", "Kiállítás",
         "Helytörténet", "Faluház", "Kézműves", "Citera", "Értéktár", "Túraútvonal")  # fmt: skip


def funding_calls_generate(*, seed: int, per_programme: int = 3) -> list[FundingCall]:
    """``per_programme`` calls of each programme, half of them open, with 1 to 3 priorities."""
    rng = random.Random(seed)
    priorities = list(StrategyPriority.objects.all())
    today = timezone.localdate()
    calls = FundingCall.objects.bulk_create(
        FundingCall(
            programme=programme, name=f"{programme} generált felhívás {n}",
            deadline=today + timedelta(days=rng.randint(-400, 300)),
            funding_rate=rng.choice((50, 60, 80, 100)),
            eligible_kinds=rng.choice(([], ["organisation"], ["organisation", "municipality"])),
            is_demo=True,
        )
        for programme in PROGRAMMES for n in range(per_programme)
    )  # fmt: skip
    for call in calls:
        call.priorities.set(rng.sample(priorities, rng.randint(1, 3)))
    return calls


def ideas_generate(*, count: int, seed: int, partners: int = 3, endorsements: int = 4) -> dict:
    """``count`` ideas led by random actors, each with up to ``partners`` partners (half
    agreed), ``endorsements`` endorsements, 1 or 2 priorities and settlements, a call, two
    milestones and a progress update. Returns the numbers written."""
    rng = random.Random(seed)
    actors = list(Actor.objects.values_list("id", "settlement_id"))
    priorities = list(StrategyPriority.objects.values_list("id", flat=True))
    calls = list(FundingCall.objects.values_list("id", flat=True))
    statuses = IdeaStatus.values
    ideas = ProjectIdea.objects.bulk_create(
        (
            ProjectIdea(
                title=f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} program {n}",
                problem="Generált probléma.", goals="Generált célok.",
                lead_id=rng.choice(actors)[0], status=rng.choice(statuses),
                estimated_budget=rng.randrange(100_000, 20_000_000, 50_000),
                start_date=date(2010 + n % 16, 1 + n % 12, 1), is_demo=True,
            )
            for n in range(count)
        ),
        batch_size=1000,
    )  # fmt: skip
    through = {name: getattr(ProjectIdea, name).through
               for name in ("priorities", "settlements", "funding_calls")}  # fmt: skip
    rows = {"priorities": [], "settlements": [], "funding_calls": []}
    partner_rows, endorsement_rows, milestone_rows, progress_rows = [], [], [], []
    for idea in ideas:
        for priority in rng.sample(priorities, rng.randint(1, 2)):
            rows["priorities"].append(
                through["priorities"](projectidea_id=idea.pk, strategypriority_id=priority)
            )
        chosen = rng.sample(actors, min(len(actors), partners + endorsements + 1))
        settlements = {s for _, s in chosen[:2] if s is not None}
        rows["settlements"] += [through["settlements"](projectidea_id=idea.pk, settlement_id=s)
                                for s in settlements]  # fmt: skip
        if calls:
            rows["funding_calls"].append(
                through["funding_calls"](projectidea_id=idea.pk, fundingcall_id=rng.choice(calls))
            )
        others = [a for a, _ in chosen if a != idea.lead_id]
        for actor in others[:partners]:
            status = rng.choice((ProjectPartner.Status.AGREED, ProjectPartner.Status.INVITED))
            partner_rows.append(ProjectPartner(idea=idea, actor_id=actor, status=status))
        endorsement_rows += [Endorsement(idea=idea, actor_id=a, is_demo=True)
                             for a in others[partners:partners + endorsements]]  # fmt: skip
        due = idea.start_date + timedelta(days=60)
        milestone_rows += [Milestone(idea=idea, title="Első mérföldkő", due_date=due, done=True,
                                     done_on=due),
                           Milestone(idea=idea, title="Második mérföldkő",
                                     due_date=due + timedelta(days=90))]  # fmt: skip
        progress_rows.append(ProgressUpdate(idea=idea, date=due, text="Generált jelentés."))
    for name, items in rows.items():
        through[name].objects.bulk_create(items, batch_size=2000)
    for model, items in ((ProjectPartner, partner_rows), (Endorsement, endorsement_rows),
                         (Milestone, milestone_rows), (ProgressUpdate, progress_rows)):  # fmt: skip
        model.objects.bulk_create(items, batch_size=2000)
    return {"ideas": len(ideas), "partners": len(partner_rows),
            "endorsements": len(endorsement_rows)}  # fmt: skip
