"""The demo's project ideas: the topics the roundtable collected on 13 May 2010, with demo
funding calls, partners, endorsements and the network ties they give; a second run creates
nothing."""

from datetime import date

import pytest

from kozkincs.catalog.demo import load_demo
from kozkincs.network.kinds import TieKind
from kozkincs.network.models import Tie, TieDerivation
from kozkincs.projects.models import FundingCall, ProjectIdea, ProjectPartner
from kozkincs.projects.selectors import calls_fitting
from tests.demo_database import demo_database


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker) as report:
        yield report


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestProjectsDemo:
    def test_the_ideas_date_from_the_roundtable_and_are_marked_demo(self, loaded):
        ideas = ProjectIdea.objects.all()
        assert ideas.count() == 5
        assert all(i.is_demo and "(demó)" in i.title for i in ideas)
        assert {i.created_at.date() for i in ideas} == {date(2010, 5, 13)}
        # the loaders' lines (the network's first), in the language of the run: 5 ideas, 4 calls
        assert any("5" in line and "4" in line for line in loaded.extra[1:])
        assert set(ideas.values_list("priorities__number", flat=True)) == {1, 2, 3, 4, 5}

    def test_the_four_programmes_are_demo_calls_and_the_ideas_fit_open_ones(self):
        calls = FundingCall.objects.all()
        assert sorted(c.programme for c in calls) == ["Erasmus+", "KÖZKINCS", "LEADER", "TOP"]
        assert all(c.is_demo and "(demó)" in c.name for c in calls)
        song = ProjectIdea.objects.get(title__startswith="Göcseji dalkörök")
        # open, sharing priority 1 or 2, funding organisations; soonest deadline first
        assert [c.programme for c in calls_fitting(idea=song)] == ["KÖZKINCS", "Erasmus+"]

    def test_agreed_partners_are_project_ties_and_invited_ones_are_not(self):
        agreed = ProjectPartner.objects.filter(status="agreed").count()
        assert agreed == 5
        assert ProjectPartner.objects.filter(status="invited").count() == 3
        ties = Tie.objects.filter(kind=TieKind.PROJECT, origin=Tie.Origin.DERIVED)
        # The Teskánd association and the Göcsej foundation work together in two ideas: one
        # tie, two sources.
        assert ties.count() == agreed - 1
        assert TieDerivation.objects.filter(key__startswith="project:").count() == agreed
        assert all(t.status == "confirmed" and "/projektotletek/" in t.evidence_url for t in ties)

    def test_one_idea_is_in_preparation_with_its_milestones_and_progress(self):
        route = ProjectIdea.objects.get(status="preparation")
        assert route.milestones.filter(done=True).count() == 1
        assert route.progress.get().date == date(2010, 6, 15)

    def test_second_run_creates_nothing(self):
        counts = (ProjectIdea.objects.count(), FundingCall.objects.count(), Tie.objects.count())
        assert not load_demo().changed
        assert (
            ProjectIdea.objects.count(),
            FundingCall.objects.count(),
            Tie.objects.count(),
        ) == counts
