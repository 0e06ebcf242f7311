"""Issue 9's "done when", across the apps: a member organisation fills in its profile with
offers and needs, proposes an idea, finds a partner through the finder, the partner agrees and
endorses it, a roundtable meeting discusses it and records a decision with a deadline, the idea
is funded and reports progress; the network, the member's page, the meeting, the idea and the
strategy dashboard all show it."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kozkincs.meetings.services import agenda_item_add, decision_create, meeting_create
from kozkincs.network.figures import network_figures_recompute
from kozkincs.network.models import Tie
from kozkincs.network.services import actor_update
from kozkincs.projects.services import (
    endorsement_add,
    idea_create,
    idea_move,
    partner_answer,
    partner_invite,
    progress_add,
)
from kozkincs.strategy.models import StrategyPriority
from tests.network import conftest as network

pytestmark = pytest.mark.django_db
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


def _url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_idea_goes_from_a_profile_to_funded_and_every_page_shows_it(
    choir, library, member, library_member, bagod, zalaegerszeg,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    heritage = StrategyPriority.objects.get(number=2)
    with django_capture_on_commit_callbacks(execute=True):
        # The choir's profile: what it does, what it needs; the library offers its hall.
        actor_update(
            actor=choir, description="Népdalokat énekel.", description_en="Sings folk songs.",
            themes=["népdal"], priorities=[heritage], settlements_served=[bagod],
            offers=[("need", "venue", "Terem a találkozóhoz")],
        )  # fmt: skip
        actor_update(
            actor=library, description="Városi könyvtár.", description_en="Town library.",
            themes=["népdal"], priorities=[heritage], settlements_served=[zalaegerszeg],
            offers=[("offer", "venue", "Díszterem 120 főre")],
        )  # fmt: skip
        idea = idea_create(
            lead=choir, user=member, title="Népdalkörök találkozója",
            problem="A falvak dalkörei alig ismerik egymást.", goals="Közös fellépések.",
            priorities=[heritage], settlements=[bagod], estimated_budget=1_200_000,
            start_date=date(2026, 3, 1), end_date=date(2026, 10, 31),
        )  # fmt: skip

    # The partner finder, asked with the idea's needs, suggests the library.
    finder = _as(member).get(
        _url("network:partner_finder"),
        {"priority": 2, "need": "venue", "settlement": bagod.ksh_code, "idea": idea.pk},
    )
    assert finder.status_code == 200
    assert "Városi Könyvtár" in finder.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        partnership = partner_invite(idea=idea, actor=library, user=member)
        partner_answer(partnership=partnership, accept=True, user=library_member)
        endorsement_add(idea=idea, actor=library, user=library_member)
        meeting = meeting_create(
            title="Kerekasztal", starts_at=timezone.make_aware(datetime(2026, 4, 2, 10)),
            ends_at=timezone.make_aware(datetime(2026, 4, 2, 12)), venue_text="Könyvtár",
            settlement=zalaegerszeg, priorities=[heritage], status="held",
        )  # fmt: skip
        agenda_item_add(meeting=meeting, title="A találkozó terve", project_ideas=[idea])
        decision = decision_create(
            meeting=meeting, text="A pályázatot a dalkör nyújtja be.", responsible=choir,
            deadline=timezone.localdate() + timedelta(days=30), project_ideas=[idea],
        )  # fmt: skip
        for status in ("preparation", "submitted", "funded"):
            idea = idea_move(idea=idea, status=status, user=member)
        progress_add(idea=idea, text="A támogatói okirat megérkezett.", on=date(2026, 5, 1))
    network_figures_recompute()

    # The partnership is a confirmed, derived project tie in the network and its graph.
    tie = Tie.objects.get(kind="project")
    assert {tie.source_id, tie.target_id} == {choir.pk, library.pk}
    assert (tie.status, tie.origin) == ("confirmed", "derived")
    graph = Client().get(_url("network:graph_json")).json()
    assert {"source": choir.pk, "target": library.pk, "kind": "project"} in graph["edges"]

    # The idea's page: funded, the partner listed, the endorsement, the progress.
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert "Városi Könyvtár" in page and "A támogatói okirat megérkezett." in page

    # The meeting shows the decision; the choir's member finds it open on "my network".
    assert decision.text in Client().get(meeting.get_absolute_url()).content.decode()
    mine = _as(member).get(_url("network:my_network")).content.decode()
    assert decision.text in mine

    # The strategy dashboard counts the funded idea under its priority.
    dashboard = Client().get(_url("dashboard:priority", number=2)).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", dashboard).split())
    stages = "Idea In preparation Submitted Funded In progress Completed Shelved"
    assert f"{stages} 0 0 0 1 0 0 0" in text  # one idea, funded
    assert "Planned Held Cancelled 0 1 0" in text  # one meeting held
    assert "0 published records and 2 engaged actors serve this priority" in text
