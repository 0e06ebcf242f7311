"""Funding calls kept on the portal by the coordinator: the services' checks (deadline,
opening, funding rate, kinds), stale forms refused, and the pages (bad input a 400 with the
messages, others refused, nothing saved)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kozkincs.projects.models import FundingCall
from kozkincs.projects.services import CallConflict, funding_call_create, funding_call_update

pytestmark = pytest.mark.django_db


def url(name, *args, language="hu"):
    with translation.override(language):
        return reverse(f"projects:{name}", args=args)


def _calls():
    return list(FundingCall.objects.order_by("id").values_list("id", "name", "updated_at"))


GOOD = {"programme": "LEADER", "name": "Közösségi terek", "deadline": date(2031, 6, 30)}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"funding_rate": Decimal("100.01")}, "funding_rate"),
        ({"funding_rate": -1}, "funding_rate"),
        ({"opens": date(2031, 7, 1)}, "opens"),
        ({"programme": "  "}, "programme"),
        ({"name": ""}, "name"),
        ({"deadline": date(1900, 1, 1)}, "deadline"),
        ({"eligible_kinds": ["dragon"]}, "eligible_kinds"),
        ({"url": "not an address"}, "url"),
    ],
)
def test_a_bad_call_is_refused_by_field_and_not_saved(change, field):
    with pytest.raises(ValidationError) as refused:
        funding_call_create(**{**GOOD, **change})
    assert field in refused.value.message_dict
    assert not FundingCall.objects.exists()


def test_the_edges_of_the_funding_rate_are_allowed(call):
    for rate in (0, 100):
        funding_call_update(call=call, seen=call.updated_at.isoformat(), **GOOD,
                            funding_rate=rate)  # fmt: skip
        call.refresh_from_db()
        assert call.funding_rate == rate


def test_a_stale_edit_of_a_call_is_refused(call, heritage):
    seen = call.updated_at.isoformat()
    funding_call_update(call=call, seen=seen, **GOOD, priorities=[heritage])
    with pytest.raises(CallConflict, match="Someone else saved this call"):
        funding_call_update(call=call, seen=seen, **{**GOOD, "name": "Régi űrlap"})
    call.refresh_from_db()
    assert call.name == "Közösségi terek" and list(call.priorities.all()) == [heritage]


def _post(deadline: date, **extra) -> dict:
    return {"programme": "TOP", "name": "Kulturális terek", "deadline": deadline.isoformat(),
            "funding_rate": "85", "eligible_kinds": ["organisation"], **extra}  # fmt: skip


def test_the_coordinator_creates_and_edits_a_call_on_the_portal(client, staff, heritage):
    client.force_login(staff)
    assert "/palyazatok/uj/" in client.get(url("call_list")).content.decode()
    deadline = timezone.localdate() + timedelta(days=60)
    response = client.post(url("call_create"), _post(deadline, priorities=[heritage.pk]))
    assert response.status_code == 302
    call = FundingCall.objects.get()
    assert (call.programme, call.funding_rate, call.eligible_kinds) == (
        "TOP", Decimal("85.00"), ["organisation"])  # fmt: skip
    page = client.get(url("call_edit", call.pk))
    assert page.status_code == 200 and "Kulturális terek" in page.content.decode()
    seen = page.context["form"].initial["seen"]
    edited = _post(date(2020, 1, 31), name="Kulturális terek 2", seen=seen)  # a past deadline
    assert client.post(url("call_edit", call.pk), edited).status_code == 302
    call.refresh_from_db()
    assert call.name == "Kulturális terek 2" and call.deadline == date(2020, 1, 31)
    stale = client.post(url("call_edit", call.pk), {**edited, "name": "Régi"})
    assert stale.status_code == 400 and "Valaki más időközben mentette" in stale.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"funding_rate": "120"}, "less than or equal to 100"),
        ({"funding_rate": "sok"}, "Enter a number."),
        ({"deadline": ""}, "This field is required."),
        ({"deadline": "2031-02-30"}, "Enter a valid date."),
        ({"opens": "2099-01-01"}, "The call cannot open after its deadline."),
        ({"deadline": "2001-01-01"}, "The deadline has passed"),
        ({"eligible_kinds": ["dragon"]}, "Select a valid choice."),
        ({"programme": " "}, "This field is required."),
    ],
)
def test_bad_call_input_on_the_page_is_a_400_and_saves_nothing(client, staff, change, message):
    client.force_login(staff)
    deadline = timezone.localdate() + timedelta(days=60)
    response = client.post(url("call_create", language="en"), {**_post(deadline), **change})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Nothing was saved" in page
    assert not FundingCall.objects.exists()


def test_only_the_coordinator_keeps_the_calls(client, member, outsider, call):
    before = _calls()
    for user, status in [(None, 302), (outsider, 403), (member, 403)]:
        client.logout()
        if user:
            client.force_login(user)
        for target in (url("call_create"), url("call_edit", call.pk)):
            assert client.get(target).status_code == status
            assert client.post(target, _post(date(2031, 1, 1))).status_code == status
        assert "/palyazatok/uj/" not in client.get(url("call_list")).content.decode()
    assert _calls() == before
    client.force_login(outsider)
    assert client.get(url("call_edit", 999_999)).status_code == 404
