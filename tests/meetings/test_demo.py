"""The roundtable's first meeting in the demo data: 13 May 2010 in the József Attila City
Library of Zalaegerszeg, its agenda, attending demo actors, minutes and decisions; a second
run creates nothing."""

from datetime import date

import pytest
from django.utils import timezone

from kozkincs.meetings.demo import load_meetings_demo
from kozkincs.meetings.models import Decision, Meeting
from kozkincs.network.models import Actor
from tests.demo_database import demo_database


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker) as report:
        yield report


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestMeetingsDemo:
    def test_the_meeting_of_13_may_2010_in_the_library(self, loaded):
        meeting = Meeting.objects.get(is_demo=True)
        assert timezone.localtime(meeting.starts_at).date() == date(2010, 5, 13)
        assert meeting.venue.name.startswith("József Attila Városi Könyvtár")
        assert meeting.settlement.ksh_code == "32054" and meeting.status == "held"
        assert meeting.priorities.count() == 5
        assert any("2010" in line for line in loaded.extra)  # the report, in any language

    def test_agenda_attendance_minutes_and_decisions(self):
        meeting = Meeting.objects.get(is_demo=True)
        assert meeting.agenda_items.filter(parent=None).count() == 4
        assert meeting.agenda_items.filter(parent__isnull=False).count() == 3
        attending = meeting.participants.filter(attended=True)
        assert attending.count() == Actor.objects.filter(is_demo=True).count() > 2
        assert set(meeting.minutes.values_list("visibility", flat=True)) == {"public", "members"}
        decisions = Decision.objects.filter(meeting=meeting)
        assert decisions.count() == 3 and all(d.is_demo for d in decisions)
        assert decisions.filter(status="in_progress").get().is_overdue

    def test_a_second_run_creates_nothing(self):
        assert load_meetings_demo() == []
        assert Meeting.objects.count() == 1
