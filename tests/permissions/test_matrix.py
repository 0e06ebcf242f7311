"""The role matrix: every named URL of the portal, for every role and for "this" and "another"
object. Each case asserts the status code of each role and, for a guarded POST, that a
refused role changed nothing. A URL missing from the table fails the first test, so every
new page joins the matrix."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.http import urlencode

from kozkincs.accounts.models import RoleGrant
from kozkincs.catalog.models import Record
from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.meetings.models import (
    AgendaItem,
    MeetingDocument,
    MinutesSection,
    Participant,
)
from kozkincs.network.models import Tie
from kozkincs.nominations.models import Nomination
from kozkincs.projects.models import FundingCall
from kozkincs.strategy.models import IndicatorValue
from tests.caches import caches_clear
from tests.permissions.cases import CASES, Case
from tests.permissions.world import ROLES, World

pytestmark = pytest.mark.django_db

# Django admin's own pages: its staff check sends everyone who is not staff to its login
# (portal roles without is_staff do not open the admin); the administrator (a superuser)
# gets the index and every list. Checked as a family, so new models join by themselves.
ADMIN_LOGIN_ONLY = {"admin:login"}
ADMIN_LOGOUT = {"admin:logout"}
# Pages the admin refuses even a superuser without parameters: the access logs are read-only,
# the autocomplete needs its field.
ADMIN_REFUSED = {
    "admin:autocomplete",
    "admin:axes_accessattempt_add",
    "admin:axes_accessfailurelog_add",
    "admin:axes_accesslog_add",
    # The background-task queue (django-tasks-db) is shown, never written, in the admin.
    "admin:django_tasks_database_dbtaskresult_add",
    "admin:django_tasks_database_dbtaskresult_delete",
}


def named_urls(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            names |= named_urls(pattern, full)
        elif pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_named_url_is_in_the_matrix():
    covered = {case.name for case in CASES}
    missing = sorted(n for n in named_urls() - covered if not n.startswith("admin:"))
    assert not missing, f"add these URLs to tests/permissions/cases.py: {missing}"
    assert not covered - named_urls(), "the matrix names URLs that do not exist"


def fingerprint() -> dict:
    """What a refused request must leave exactly as it was."""
    return {
        "records": list(Record.objects.order_by("id").values_list("id", "status", "version")),
        "versions": Record.history.count(),
        "images": list(
            RecordImage.objects.order_by("id").values_list("id", "position", "is_cover", "alt_text")
        ),
        "attachments": list(RecordAttachment.objects.order_by("id").values_list("id", "title")),
        "nominations": list(Nomination.objects.order_by("id").values_list("id", "status")),
        "grants": list(RoleGrant.objects.order_by("id").values_list("id", "user_id", "role")),
        "accounts": list(
            get_user_model()
            .objects.order_by("id")
            .values_list("id", "is_active", "email", "password")
        ),
        "emails": EmailAddress.objects.count(),
        "meeting parts": [
            list(model.objects.order_by("id").values_list("id", "version"))
            for model in (AgendaItem, Participant, MinutesSection, MeetingDocument)
        ],
        "agenda order": list(AgendaItem.objects.order_by("id").values_list("id", "position")),
        "roundtable ties": Tie.objects.filter(kind="roundtable").count(),
        "calls": list(FundingCall.objects.order_by("id").values_list("id", "updated_at")),
        "indicator values": list(
            IndicatorValue.objects.order_by("id").values_list("id", "value", "is_computed")
        ),
    }


def client_for(world: World, role: str) -> Client:
    client = Client(REMOTE_ADDR=f"192.0.2.{ROLES.index(role) + 1}")
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def ask(world: World, case: Case, role: str):
    with translation.override("hu"):
        url = reverse(case.name, args=case.args(world))
    client = client_for(world, role)
    query = case.query(world) if case.query else {}
    if case.method == "GET":
        return client.get(url, query)
    data = case.data(world, role) if case.data else {}
    return client.post(url + (f"?{urlencode(query)}" if query else ""), data)


def case_id(case: Case) -> str:
    return f"{case.method} {case.name}" + (f" ({case.note})" if case.note else "")


def may_change(case: Case, role: str) -> bool:
    """A guarded POST may change data only for a logged-in role it succeeds for."""
    return role != "anonymous" and case.expect[role] in (200, 302)


@pytest.mark.parametrize("case", CASES, ids=[case_id(case) for case in CASES])
def test_each_role_gets_what_the_matrix_says(world, case):
    answers, changed = {}, []
    for role in ROLES:
        caches_clear()  # allauth's rate limits, the response cache
        with transaction.atomic():  # each role meets the world as it was built
            case.args(world)  # what a case makes on first use is its world, not a change
            before = fingerprint() if case.guarded else None
            answers[role] = ask(world, case, role).status_code
            if case.guarded and not may_change(case, role) and fingerprint() != before:
                changed.append(role)
            transaction.set_rollback(True)
    wrong = {r: (answers[r], case.expect[r]) for r in ROLES if answers[r] != case.expect[r]}
    assert not wrong, f"(got, expected) by role: {wrong}"
    assert not changed, f"refused, but data changed: {changed}"


ADMIN_ROLES = ("anonymous", "contributor", "moderator", "editor_here", "administrator")


def _admin_args(name: str) -> list | None:
    """Arguments for an admin URL (None: one that needs an object is asked without one)."""
    with translation.override("hu"):
        for args in ([], ["1"], ["auth"]):
            try:
                reverse(name, args=args)
            except Exception:  # NoReverseMatch: try the next shape
                continue
            return args
    return None


ADMIN_NAMES = sorted(n for n in named_urls() if n.startswith("admin:"))


@pytest.mark.parametrize("name", ADMIN_NAMES)
def test_the_admin_is_for_staff_only(world, name):
    args = _admin_args(name)
    if args is None:
        args = ["1", "1"]  # view_on_site: content type and object
    url = reverse(name, args=args)
    for role in ADMIN_ROLES:
        client = client_for(world, role)
        status = client.get(url).status_code
        if name in ADMIN_LOGIN_ONLY:
            expected = {200} if role == "anonymous" or role != "administrator" else {302}
        elif name in ADMIN_LOGOUT:
            expected = {405} if role == "administrator" else {302}  # logging out: a POST
        elif role == "administrator" and name in ADMIN_REFUSED:
            expected = {403}
        elif role == "administrator":
            expected = {200, 302, 404}  # an object that does not exist is a 302 or 404
        else:
            expected = {302}
        assert status in expected, f"{role}: {status} for {url}"
        if role != "administrator" and name not in ADMIN_LOGIN_ONLY | ADMIN_LOGOUT:
            assert client.get(url)["Location"].startswith("/admin/login/")
