"""The generator for benchmarks, and the pages' queries not growing with the number of ideas
(N+1 guards)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kozkincs.network.kinds import ActorKind
from kozkincs.network.models import Actor
from kozkincs.projects.models import ProjectIdea
from tests.projects.generators import funding_calls_generate, ideas_generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(bagod, zalaegerszeg):
    Actor.objects.bulk_create(
        Actor(kind=ActorKind.COMPANY, name=f"Cég {n}", settlement=(bagod, zalaegerszeg)[n % 2])
        for n in range(40)
    )


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_generator_writes_ideas_with_their_partners_and_endorsements(actors):
    funding_calls_generate(seed=3)
    written = ideas_generate(count=25, seed=3)
    assert written["ideas"] == ProjectIdea.objects.count() == 25
    assert written["partners"] == 75 and written["endorsements"] == 100
    assert all(i.lead_id not in {p.actor_id for p in i.partnerships.all()}
               for i in ProjectIdea.objects.all())  # fmt: skip


def test_list_topics_and_detail_pages_do_not_grow_with_the_ideas(client, actors):
    from django.contrib.auth.models import AnonymousUser

    from kozkincs.projects.selectors import call_topics

    calls = funding_calls_generate(seed=5)
    ideas_generate(count=20, seed=5)
    call = next(c for c in calls if all(call_topics(viewer=AnonymousUser(), call=c).values()))
    with translation.override("hu"):
        pages = [
            reverse("projects:idea_list"),
            reverse("projects:call_topics", args=[call.pk]),
            reverse("projects:idea_detail", args=[ProjectIdea.objects.first().pk]),
        ]
    few = [_queries(client, page) for page in pages]
    ideas_generate(count=40, seed=6)
    assert [_queries(client, page) for page in pages] == few
