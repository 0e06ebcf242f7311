"""Fixtures of the roundtable tests: the network's organisations and accounts (imported from
tests/network), a coordinator (moderator) and meetings made through the services."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.meetings.models import Meeting
from kozkincs.meetings.services import decision_create, meeting_create
from tests.network.conftest import (  # noqa: F401  (fixtures)
    bagod,
    choir,
    library,
    library_member,
    make_actor,
    make_record,
    member,
    outsider,
    staff,
    zalaegerszeg,
)


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("koordinalo", "koord@example.org", "x")
    role_grant_create(user=user, role=Role.MODERATOR, granted_by=None)
    return user


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def make_meeting(library):  # noqa: F811  (the imported fixture)
    def make(title="Kerekasztal", *, when=None, hours=2, status=Meeting.Status.PLANNED, **extra):
        starts = when or timezone.now() + timedelta(days=14)
        return meeting_create(
            title=title, starts_at=starts, ends_at=starts + timedelta(hours=hours),
            venue=library.record, status=status, **extra,
        )  # fmt: skip

    return make


@pytest.fixture
def past_meeting(make_meeting):
    return make_meeting("Értékelő ülés", when=at(date(2010, 5, 13)), status=Meeting.Status.HELD)


@pytest.fixture
def decision(past_meeting, choir):  # noqa: F811  (the imported fixture)
    return decision_create(
        meeting=past_meeting, text="Adatbázisok frissítése", responsible=choir,
        deadline=date(2010, 12, 31),
    )  # fmt: skip
