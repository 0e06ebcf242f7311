"""The project pages: public reads, the forms of linked accounts and the coordinator, bad
input answered with messages, and refused POSTs that change nothing."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kozkincs.projects.models import (
    Comment,
    Endorsement,
    Follow,
    Milestone,
    ProgressUpdate,
    ProjectIdea,
    ProjectPartner,
    StatusChange,
)
from kozkincs.projects.services import partner_answer, partner_invite

pytestmark = pytest.mark.django_db


def url(name, *args, **query):
    with translation.override("hu"):
        path = reverse(f"projects:{name}", args=args)
    return path


def fingerprint() -> dict:
    return {
        "ideas": list(ProjectIdea.objects.values_list("id", "title", "status", "version")),
        "partners": list(ProjectPartner.objects.values_list("id", "status")),
        "moves": StatusChange.objects.count(),
        "progress": ProgressUpdate.objects.count(),
        "milestones": list(Milestone.objects.values_list("id", "done")),
        "comments": Comment.objects.count(),
        "endorsements": Endorsement.objects.count(),
        "follows": Follow.objects.count(),
    }


def test_the_list_filters_by_status_priority_settlement_and_call(client, idea, call, heritage):
    idea.funding_calls.add(call)
    page = client.get(url("idea_list"))
    assert page.status_code == 200 and idea.title in page.text
    for query, shown in [
        ({"status": "idea"}, True), ({"status": "funded"}, False),
        ({"priority": heritage.number}, True), ({"priority": 1}, False),
        ({"settlement": "30368"}, True), ({"call": call.pk}, True),
    ]:  # fmt: skip
        answer = client.get(url("idea_list"), query)
        assert answer.status_code == 200
        assert (idea.title in answer.text) is shown, query


def test_a_page_beyond_the_last_or_a_huge_number_shows_the_last(client, idea):
    answer = client.get(url("idea_list"), {"page": "9" * 30})
    assert answer.status_code == 200 and idea.title in answer.text


def test_a_bad_filter_is_a_400_with_the_form_message_not_a_500(client, idea):
    answer = client.get(url("idea_list"), {"status": "approved", "priority": "x", "page": "z"})
    assert answer.status_code == 400
    assert "Válasszon érvényes" in answer.text  # Django's "Select a valid choice" in Hungarian


def test_the_detail_lists_a_partner_only_once_it_agreed(client, idea, library):
    partnership = partner_invite(idea=idea, actor=library)
    page = client.get(url("idea_detail", idea.pk))
    assert library.display_name not in page.text
    partner_answer(partnership=partnership, accept=True)
    page = client.get(url("idea_detail", idea.pk))
    assert library.display_name in page.text


def test_the_invited_partners_account_sees_and_answers_its_invitation(client, idea, library,
                                                                     library_member):  # fmt: skip
    partnership = partner_invite(idea=idea, actor=library)
    client.force_login(library_member)
    page = client.get(url("idea_detail", idea.pk))
    assert "Vállalom a partnerséget" in page.text or 'value="agree"' in page.text
    answer = client.post(url("partner_answer", partnership.pk), {"answer": "agree"})
    assert answer.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "agreed"


def test_a_linked_member_proposes_an_idea_and_follows_it(client, member, choir, heritage):
    client.force_login(member)
    assert client.get(url("idea_create")).status_code == 200
    answer = client.post(url("idea_create"), {
        "lead": choir.pk, "title": "Kórustalálkozó", "priorities": [heritage.pk],
        "estimated_budget": "800000", "start_date": "2011-05-01", "end_date": "2011-05-02",
    })  # fmt: skip
    idea = ProjectIdea.objects.get()
    assert answer.status_code == 302 and answer["Location"] == url("idea_detail", idea.pk)
    assert (idea.lead, idea.created_by) == (choir, member)
    assert Follow.objects.filter(idea=idea, user=member).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "kötelező"),
        ({"title": "X", "estimated_budget": "-3"}, "0"),
        ({"title": "X", "start_date": "2011-05-02", "end_date": "2011-05-01"}, "nem érhet véget"),
        ({"title": "X", "related_records": "12, abc"}, "vesszővel"),
        ({"title": "X", "related_records": "999999"}, "999999"),
        ({"title": "X", "estimated_budget": "1" * 20}, "14"),
    ],
)
def test_bad_input_in_the_idea_form_is_explained_and_saves_nothing(client, member, choir, data,
                                                                   message):  # fmt: skip
    client.force_login(member)
    answer = client.post(url("idea_create"), {"lead": choir.pk, **data})
    assert answer.status_code == 400
    assert message in answer.text
    assert not ProjectIdea.objects.exists()


def test_an_edit_from_an_old_form_is_refused_with_a_message(client, member, idea):
    client.force_login(member)
    form = {"title": "Új cím", "version": idea.version}
    assert client.post(url("idea_edit", idea.pk), form).status_code == 302
    answer = client.post(url("idea_edit", idea.pk), {**form, "title": "Harmadik"})
    assert answer.status_code == 400 and "meanwhile" not in answer.text
    assert "Valaki más" in answer.text
    idea.refresh_from_db()
    assert idea.title == "Új cím"


def test_the_lead_moves_the_idea_and_a_forbidden_move_is_a_message(client, member, idea):
    client.force_login(member)
    assert client.post(url("idea_move", idea.pk), {"status": "preparation"}).status_code == 302
    answer = client.post(url("idea_move", idea.pk), {"status": "completed"})
    assert answer.status_code == 400
    idea.refresh_from_db()
    assert idea.status == "preparation"


def test_endorsing_twice_tells_the_member_and_keeps_one(client, idea, library, library_member):
    client.force_login(library_member)
    first = client.post(url("endorse", idea.pk), {"actor": library.pk, "note": "Jó ötlet"})
    assert first.status_code == 302
    second = client.post(url("endorse", idea.pk), {"actor": library.pk})
    assert second.status_code == 400
    assert "már támogatja" in second.text
    assert Endorsement.objects.count() == 1


def test_progress_milestones_comments_and_follows_through_the_page(client, member, idea):
    client.force_login(member)
    posts = [
        ("progress_add", {"date": "2011-04-01", "text": "Első próba."}),
        ("milestone_add", {"title": "Meghívók kiküldése", "due_date": "2011-04-15"}),
        ("comment_add", {"text": "Kell még egy helyszín."}),
        ("follow", {"follow": "1"}),
    ]
    for name, data in posts:
        assert client.post(url(name, idea.pk), data).status_code == 302, name
    milestone = Milestone.objects.get()
    assert client.post(url("milestone_mark", milestone.pk), {"done": "1"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done and milestone.done_on is not None
    page = client.get(url("idea_detail", idea.pk))
    for text in ("Első próba.", "Meghívók kiküldése", "Kell még egy helyszín."):
        assert text in page.text


def test_an_empty_comment_or_a_future_progress_is_a_400_with_messages(client, member, idea):
    client.force_login(member)
    assert client.post(url("comment_add", idea.pk), {"text": " "}).status_code == 400
    answer = client.post(url("progress_add", idea.pk), {"date": "2999-01-01", "text": "Majd."})
    assert answer.status_code == 400
    assert not ProgressUpdate.objects.exists() and not Comment.objects.exists()


def _posts(idea, partnership, milestone, comment):
    return [
        (url("idea_edit", idea.pk), {"title": "Elvett", "version": idea.version}),
        (url("idea_move", idea.pk), {"status": "preparation"}),
        (url("partner_invite", idea.pk), {"actor": partnership.actor_id}),
        (url("partner_answer", partnership.pk), {"answer": "agree"}),
        (url("partner_remove", partnership.pk), {}),
        (url("progress_add", idea.pk), {"date": "2011-04-01", "text": "Nem."}),
        (url("milestone_add", idea.pk), {"title": "Nem", "due_date": "2011-04-15"}),
        (url("milestone_mark", milestone.pk), {"done": "1"}),
        (url("comment_delete", comment.pk), {}),
    ]


def test_refused_posts_change_nothing(client, idea, library, member, outsider, make_actor):
    from kozkincs.projects.services import comment_add, milestone_add

    partnership = partner_invite(idea=idea, actor=make_actor("Bagodi Népdalkör"))
    milestone = milestone_add(idea=idea, title="Próba", due_date=date(2011, 4, 1))
    comment = comment_add(idea=idea, user=member, text="Első.")
    before = fingerprint()
    for who in (None, outsider):
        if who:
            client.force_login(who)
        for path, data in _posts(idea, partnership, milestone, comment):
            answer = client.post(path, data)
            assert answer.status_code == (403 if who else 302), path
            if not who:
                assert (
                    answer["Location"].startswith("/hu/fiok/login/")
                    or "login" in answer["Location"]
                ), path
        for path, data in [(url("endorse", idea.pk), {"actor": library.pk}),
                           (url("comment_add", idea.pk), {"text": "Nem."})]:  # fmt: skip
            assert client.post(path, data).status_code in (302, 403)
    assert fingerprint() == before


def test_the_coordinator_may_act_for_any_actor(client, staff, idea, library):
    client.force_login(staff)
    assert client.post(url("idea_move", idea.pk), {"status": "shelved"}).status_code == 302
    answer = client.post(url("endorse", idea.pk), {"actor": library.pk})
    assert answer.status_code == 302
    assert Endorsement.objects.filter(actor=library).exists()


def test_calls_and_topics_for_the_next_call(client, idea, call, make_actor, heritage):
    from kozkincs.projects.services import idea_create

    named = idea_create(lead=make_actor("Bagodi Népdalkör"), title="Tájház-felújítás",
                        priorities=[heritage])  # fmt: skip
    named.funding_calls.add(call)
    page = client.get(url("call_list"))
    assert page.status_code == 200 and call.name in page.text
    topics = client.get(url("call_topics", call.pk))
    assert topics.status_code == 200
    text = topics.text
    assert text.index("Tájház-felújítás") < text.index(idea.title)  # named first, then fitting
    assert client.get(url("call_topics", 999999)).status_code == 404


def test_the_detail_shows_the_open_calls_it_fits(client, idea, call):
    page = client.get(url("idea_detail", idea.pk))
    assert call.name in page.text


def test_an_idea_of_an_unknown_or_hidden_lead_is_a_404(client, idea):
    assert client.get(url("idea_detail", 999999)).status_code == 404
    record = idea.lead.record
    record.status = "draft"
    record.save(update_fields=["status"])
    assert client.get(url("idea_detail", idea.pk)).status_code == 404


@pytest.mark.parametrize(
    "query",
    [{"call": "9" * 25}, {"priority": "9" * 25}, {"settlement": "x" * 300}, {"call": "-1"}],
)
def test_out_of_range_filters_are_a_400(client, idea, query):
    assert client.get(url("idea_list"), query).status_code == 400


def test_huge_ids_in_the_address_are_a_404(client, member, idea):
    huge = int("9" * 25)
    assert client.get(url("idea_detail", huge)).status_code == 404
    assert client.get(url("call_topics", huge)).status_code == 404
    client.force_login(member)
    assert client.post(url("partner_answer", huge), {"answer": "agree"}).status_code == 404
    assert client.post(url("milestone_mark", huge), {"done": "1"}).status_code == 404


def test_an_out_of_range_actor_in_a_form_is_a_message(client, member, idea):
    client.force_login(member)
    answer = client.post(url("partner_invite", idea.pk), {"actor": "9" * 25})
    assert answer.status_code == 400
    assert not ProjectPartner.objects.exists()
