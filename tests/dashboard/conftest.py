"""Fixtures of the dashboard tests: a home region of three settlements (and one outside it),
records made through the catalog services, actors and a goal with indicators."""

import pytest

from kozkincs.network.kinds import ActorKind
from kozkincs.network.services import actor_create
from kozkincs.strategy.models import Goal, Indicator, StrategyPriority
from tests.gazetteer.factories import RegionFactory, RegionMembershipFactory, SettlementFactory
from tests.record_makers import record_maker


@pytest.fixture
def region(db, settings):
    region = RegionFactory(key=settings.KOZKINCS_HOME_REGION, name="Zalaegerszegi kistérség")
    for name, slug in (("Bagod", "bagod"), ("Söjtör", "sojtor"), ("Teskánd", "teskand")):
        RegionMembershipFactory(region=region, settlement=SettlementFactory(name=name, slug=slug))
    return region


@pytest.fixture
def places(region) -> dict:
    found = {m.settlement.slug: m.settlement for m in region.memberships.all()}
    found["outside"] = SettlementFactory(name="Messzefalva", slug="messzefalva")
    return found


@pytest.fixture
def make_record(django_capture_on_commit_callbacks):
    return record_maker(django_capture_on_commit_callbacks, "amateur-art")


@pytest.fixture
def make_group(make_record):
    def make(name, settlement, *, form="group", publish=True, priorities=()):
        record = make_record(
            name, catalog="amateur-art", settlement=settlement, publish=publish,
            values={"genre": "choir", "ensemble_form": form},
        )  # fmt: skip
        record.priorities.set(StrategyPriority.objects.filter(number__in=priorities))
        return record

    return make


@pytest.fixture
def make_centre(make_record):
    def make(name, settlement, *, step_free=None, publish=True):
        values = {"kind": "cultural_centre"}
        if step_free is not None:
            values["step_free_access"] = step_free
        return make_record(
            name, catalog="cultural-centres", settlement=settlement, values=values,
            publish=publish,
        )  # fmt: skip

    return make


@pytest.fixture
def make_actor(db):
    def make(name, settlement, *, priorities=(), kind=ActorKind.COMPANY):
        actor = actor_create(kind=kind, name=name, settlement=settlement)
        actor.priorities.set(StrategyPriority.objects.filter(number__in=priorities))
        return actor

    return make


@pytest.fixture
def goal(db):
    return Goal.objects.create(
        priority=StrategyPriority.objects.get(number=1), number=1, name="Erős közösségek"
    )


@pytest.fixture
def make_indicator(goal):
    def make(computed_by="", unit="count", **fields) -> Indicator:
        fields.setdefault("name", computed_by or "Kézi mutató")
        return Indicator.objects.create(goal=goal, unit=unit, computed_by=computed_by, **fields)

    return make
