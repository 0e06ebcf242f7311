"""Fixtures of the project tests: the network's organisations and accounts (a choir in Bagod
led by ``member``, a library in Zalaegerszeg linked to ``library_member``), an idea of the
choir and a funding call."""

from datetime import date

import pytest

from kozkincs.projects.services import funding_call_create, idea_create
from kozkincs.strategy.models import StrategyPriority
from tests.network import conftest as network

# The network tests' fixtures, shared.
zalaegerszeg, bagod, make_record, make_actor = (
    network.zalaegerszeg,
    network.bagod,
    network.make_record,
    network.make_actor,
)
choir, library, member, library_member = (
    network.choir,
    network.library,
    network.member,
    network.library_member,
)
outsider, staff = network.outsider, network.staff


@pytest.fixture
def heritage(db):
    return StrategyPriority.objects.get(number=2)


@pytest.fixture
def idea(choir, member, heritage, bagod):
    idea = idea_create(
        lead=choir, user=member, title="Népdalkörök találkozója",
        problem="A falvak dalkörei alig ismerik egymást.", goals="Közös fellépések.",
        priorities=[heritage], settlements=[bagod], estimated_budget=1_200_000,
        start_date=date(2011, 3, 1), end_date=date(2011, 10, 31),
    )  # fmt: skip
    return idea


@pytest.fixture
def call(heritage):
    return funding_call_create(
        programme="KÖZKINCS", name="Közkincs-pályázat 2031", deadline=date(2031, 3, 31),
        eligible_kinds=["organisation", "municipality"], funding_rate=90, priorities=[heritage],
    )  # fmt: skip
