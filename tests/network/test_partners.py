"""The partner finder page, contact requests and their outcomes, the profile a member
organisation creates, and the pool's visibility (against the selectors' one definition)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.network.kinds import ActorKind, OfferKind, TieKind
from kozkincs.network.models import Actor, ActorOffer, ContactRequest, Tie
from kozkincs.network.partners import Wishes, partner_suggestions
from kozkincs.network.pool import LEVELS, pool_read
from kozkincs.network.selectors import actors_visible
from kozkincs.network.services import (
    CONTACT_LIMIT,
    actor_create,
    actor_update,
    contact_request_outcome,
    contact_request_send,
    tie_answer,
)
from kozkincs.strategy.models import StrategyPriority

pytestmark = pytest.mark.django_db

MESSAGE = "Szeretnénk közösen szervezni a falunapot jövő nyáron."


def url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(name, args=args or None) + query


def _profile(actor, *, offers=(), needs=(), priorities=(), themes=(), served=()):
    actor_update(
        actor=actor, description="", description_en="", themes=list(themes),
        priorities=StrategyPriority.objects.filter(number__in=priorities),
        settlements_served=served,
        offers=[("offer", k, "") for k in offers] + [("need", k, "") for k in needs],
    )  # fmt: skip
    return actor


@pytest.fixture
def church(bagod):
    return actor_create(kind=ActorKind.CHURCH, name="Bagodi plébánia", settlement=bagod)


@pytest.fixture
def company(zalaegerszeg):
    return actor_create(kind=ActorKind.COMPANY, name="Hangosító Kft.", settlement=zalaegerszeg)


def _state():
    return (
        list(ContactRequest.objects.order_by("id").values_list("id", "outcome", "tie")),
        list(Tie.objects.order_by("id").values_list("id", "status")),
        list(Actor.objects.order_by("id").values_list("id", "record")),
    )


def test_the_finder_ranks_with_explained_scores(client, choir, library, church, company):
    _profile(library, offers=[OfferKind.VENUE], priorities=[1, 3], themes=["Néptánc"])
    _profile(company, offers=[OfferKind.EQUIPMENT], priorities=[1])
    query = "?need=venue&priority=1&priority=3&theme=néptánc"
    response = client.get(url("network:partner_finder", query=query))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.actor for r in rows][:1] == [library]
    assert rows[0].score == 100
    assert [o.kind for o in rows[0].offers] == ["venue"]
    page = response.content.decode()
    assert "Offers what is needed" in page and "Shared strategy priorities" in page
    assert '<caption id="score-caption-' in page


def test_weaker_matches_are_shown_on_request(client, library, company):
    _profile(library, offers=[OfferKind.VENUE], priorities=[1, 2, 3])
    _profile(company, priorities=[1])
    query = "?priority=1&priority=2&priority=3"
    strong = client.get(url("network:partner_finder", query=query))
    assert [r.actor for r in strong.context["rows"]] == [library]
    assert "weaker=1" in strong.content.decode()
    weaker = client.get(url("network:partner_finder", query=query + "&weaker=1"))
    assert [r.actor for r in weaker.context["rows"]] == [library, company]


def test_excluded_actors_and_the_idea_link(client, library, company):
    _profile(library, priorities=[1])
    _profile(company, priorities=[1])
    query = f"?priority=1&exclude={library.pk}&idea=7"
    response = client.get(url("network:partner_finder", language="hu", query=query))
    assert [r.actor for r in response.context["rows"]] == [company]
    assert 'href="/hu/projektotletek/7/"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["?need=rockets", "?priority=x", "?settlement=00000", "?exclude=abc", "?idea=-3",
     "?theme=" + "a" * 101],
)  # fmt: skip
def test_bad_finder_parameters_get_a_clear_400(client, library, query):
    with translation.override("hu"):
        response = client.get(url("network:partner_finder", language="hu", query=query))
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_members_own_needs_prefill_the_finder(client, member, choir, library):
    _profile(choir, needs=[OfferKind.VENUE], priorities=[2])
    _profile(library, offers=[OfferKind.VENUE], priorities=[2])
    client.force_login(member)
    response = client.get(url("network:partner_finder"))
    assert response.context["form"].data.getlist("need") == ["venue"]
    assert [r.actor for r in response.context["rows"]] == [library]  # never its own choir
    page = client.get(url("network:my_network"))
    assert [r.actor for r in page.context["suggestions"]] == [library]


def test_a_contact_request_is_mailed_without_showing_addresses(
    client, member, library, library_member, mailoutbox, django_capture_on_commit_callbacks
):
    member.email = "dalkor@example.org"
    member.save()
    library_member.email = "konyvtar@example.org"
    library_member.save()
    client.force_login(member)
    form = client.get(url("network:contact_request", library.pk))
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("network:contact_request", library.pk), {"message": MESSAGE})
    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert (request.to_actor, request.outcome, request.sender) == (library, "contacted", member)
    mail = mailoutbox[0]
    assert mail.to == ["konyvtar@example.org"] and mail.reply_to == ["dalkor@example.org"]
    assert MESSAGE in mail.body and "konyvtar@example.org" not in mail.body


def test_the_form_of_an_actors_page_is_sent_as_rendered(client, member, library):
    """Without ``?idea=`` the hidden idea field is empty, not a 0 the form then refuses."""
    client.force_login(member)
    html = client.get(url("network:contact_request", library.pk)).content.decode()
    assert 'name="idea" value="0"' not in html
    response = client.post(url("network:contact_request", library.pk), {
        "message": MESSAGE, "idea": "", "from_actor": "",
    })  # fmt: skip
    assert response.status_code == 302
    assert ContactRequest.objects.get().idea is None


def test_contact_request_spam_is_limited_with_a_clear_message(
    client, member, library, church, company, make_actor
):
    client.force_login(member)
    targets = [library, church, company] + [make_actor(f"Egyesület {n}") for n in range(3)]
    for target in targets[:CONTACT_LIMIT]:
        contact_request_send(sender=member, to_actor=target, message=MESSAGE)
    before = _state()
    response = client.post(url("network:contact_request", targets[CONTACT_LIMIT].pk),
                           {"message": MESSAGE})  # fmt: skip
    assert response.status_code == 400
    assert "the most allowed" in response.content.decode()
    again = client.post(url("network:contact_request", library.pk, language="hu"),
                        {"message": MESSAGE})  # fmt: skip
    assert again.status_code == 400
    short = client.post(url("network:contact_request", church.pk), {"message": "Szia"})
    assert short.status_code == 400 and "at least" in short.content.decode()
    assert _state() == before


def test_outcomes_follow_contacted_met_partners_and_propose_a_tie(
    client, member, choir, library, library_member
):
    request = contact_request_send(sender=member, from_actor=choir, to_actor=library,
                                   message=MESSAGE)  # fmt: skip
    client.force_login(library_member)
    assert (
        client.post(url("network:contact_outcome", request.pk), {"outcome": "met"}).status_code
        == 302
    )
    client.post(url("network:contact_outcome", request.pk), {"outcome": "partners"})
    request.refresh_from_db()
    assert request.outcome == "partners" and request.tie is not None
    tie = request.tie
    assert (tie.kind, tie.status, tie.proposed_by_actor) == (
        TieKind.PARTNERSHIP,
        "proposed",
        library,
    )
    before = _state()
    response = client.post(url("network:contact_outcome", request.pk), {"outcome": "met"},
                           follow=True)  # fmt: skip
    assert "cannot follow" in response.content.decode()
    assert _state() == before
    tie_answer(tie=tie, accept=True)


def test_a_declined_contact_lowers_and_a_partnership_raises_later_suggestions(
    member, choir, library, church, company
):
    for actor in (library, church, company):
        _profile(actor, priorities=[1])
    wishes = Wishes(priorities=[1])

    def scores():
        rows, _ranking = partner_suggestions(viewer=member, wishes=wishes, weaker=True)
        return {r.actor: r.score for r in rows}

    before = scores()
    declined = contact_request_send(sender=member, from_actor=choir, to_actor=church,
                                    message=MESSAGE)  # fmt: skip
    contact_request_outcome(request=declined, outcome="declined", user=member)
    partners = contact_request_send(sender=member, from_actor=choir, to_actor=company,
                                    message=MESSAGE)  # fmt: skip
    contact_request_outcome(request=partners, outcome="partners", user=member)
    after = scores()
    assert after[church] < before[church]
    assert after[company] > before[company]
    assert after[library] == before[library]
    assert next(iter(after)) == company


def test_outcomes_are_refused_to_outsiders_and_change_nothing(client, member, outsider, library):
    request = contact_request_send(sender=member, to_actor=library, message=MESSAGE)
    client.force_login(outsider)
    before = _state()
    response = client.post(url("network:contact_outcome", request.pk), {"outcome": "partners"})
    assert response.status_code == 403
    assert _state() == before
    assert (
        client.post(url("network:contact_outcome", 999999), {"outcome": "met"}).status_code == 404
    )


def test_a_member_organisation_creates_its_profile_with_offers_and_needs(
    client, django_user_model, make_record, staff
):
    record = make_record("Bagodi Hagyományőrző Egyesület", values={"legal_form": "association"})
    user = django_user_model.objects.create_user("hagyomany", password="x")
    role_grant_create(user=user, role=Role.MEMBER, granted_by=staff, record=record)
    client.force_login(user)
    page = client.get(url("network:my_network"))
    assert url("network:actor_create", record.pk) in page.content.decode()
    response = client.post(url("network:actor_create", record.pk))
    actor = Actor.objects.get(record=record)
    assert response.status_code == 302 and response["Location"].endswith(
        url("network:actor_edit", actor.pk)
    )
    response = client.post(url("network:actor_edit", actor.pk), {
        "description": "Hagyományőrzés", "description_en": "", "themes": "néptánc",
        "offer_0_direction": "offer", "offer_0_kind": "volunteers",
        "offer_1_direction": "need", "offer_1_kind": "venue",
    })  # fmt: skip
    assert response.status_code == 302
    assert sorted(ActorOffer.objects.filter(actor=actor).values_list("direction", "kind")) == [
        ("need", "venue"), ("offer", "volunteers")
    ]  # fmt: skip


def test_others_cannot_create_an_organisations_profile(client, outsider, make_record):
    record = make_record("Idegen Egyesület", values={"legal_form": "association"})
    client.force_login(outsider)
    assert client.post(url("network:actor_create", record.pk)).status_code == 403
    assert not Actor.objects.filter(record=record).exists()


@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff"])
def test_the_pools_visibility_agrees_with_the_selectors(
    role, outsider, staff, choir, make_actor, bagod
):
    make_actor("Piszkozat Egyesület", publish=False)
    for n, (consent, visibility) in enumerate(
        [(True, "public"), (True, "members"), (True, "staff"), (False, "public")]
    ):
        person = actor_create(kind=ActorKind.PERSON, name=f"Önkéntes {n}", settlement=bagod)
        Actor.objects.filter(pk=person.pk).update(consent=consent, visibility=visibility)
    viewer = {"anonymous": None, "outsider": outsider, "staff": staff}[role]
    level = {"anonymous": "public", "outsider": "members", "staff": "staff"}[role]
    pool = pool_read()
    from_pool = {int(i) for i, lv in zip(pool.ids, pool.levels, strict=True) if lv <= LEVELS[level]}
    assert from_pool == set(actors_visible(viewer).values_list("pk", flat=True))


def test_the_finder_page_needs_the_same_queries_for_more_suggestions(client, member, make_actor):
    def queries():
        client.get(url("network:partner_finder", query="?priority=1&need=venue"))  # warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url("network:partner_finder", query="?priority=1&need=venue"))
        return len(captured), len(response.context["rows"])

    client.force_login(member)
    _profile(make_actor("Első Egyesület"), priorities=[1], offers=[OfferKind.VENUE])
    few, shown = queries()
    for n in range(5):
        _profile(make_actor(f"Egyesület {n}"), priorities=[1], offers=[OfferKind.VENUE])
    many, more = queries()
    assert (shown, more) == (1, 6)
    assert many == few
