"""Who reaches which editing page: anonymous visitors, contributors (any active account) and
staff (editors and moderators until the accounts app's scoped roles land), GET and POST.

``ROLE_MATRIX_CASES`` is written for the role matrix of tests/permissions to import: each case
names the URL (with placeholders filled from the fixtures), the method, and the status each
role gets. A refused POST changes nothing (checked below for every case).
"""

import pytest
from django.urls import reverse

from kozkincs.accounts import permissions as roles
from kozkincs.catalog.models import Record
from kozkincs.editing import permissions
from kozkincs.editing.models import ChangeRequest
from tests.editing.forms_data import form_data

pytestmark = pytest.mark.django_db

LOGIN = 302  # anonymous visitors are sent to log in
# (url name, args ({record}, {draft}, {proposal} filled in), method, anonymous, contributor, staff)
ROLE_MATRIX_CASES = [
    ("editing:choose_catalog", [], "GET", LOGIN, 200, 200),
    ("editing:create", ["test-heritage"], "GET", LOGIN, 200, 200),
    ("editing:create", ["test-heritage"], "POST", LOGIN, 302, 302),
    ("editing:edit", ["{record}"], "GET", LOGIN, 200, 200),
    ("editing:edit", ["{record}"], "POST", LOGIN, 302, 302),
    ("editing:edit", ["{draft}"], "GET", LOGIN, 404, 200),
    ("editing:edit", ["{draft}"], "POST", LOGIN, 404, 302),
    ("editing:validate", ["test-heritage"], "POST", 403, 200, 200),
    ("editing:settlement_matches", [], "GET", 403, 200, 200),
    ("editing:record_matches", ["test-organisations"], "GET", 403, 200, 200),
    ("editing:contributions", [], "GET", LOGIN, 200, 200),
    ("editing:proposal", ["{proposal}"], "GET", LOGIN, 200, 404),
    ("editing:queue", [], "GET", LOGIN, 403, 200),
    ("editing:review", ["{proposal}"], "GET", LOGIN, 403, 200),
    ("editing:review", ["{proposal}"], "POST", LOGIN, 403, 302),
]


@pytest.fixture
def objects(church, contributor, zalaegerszeg):
    from kozkincs.catalog.services import record_create

    draft = record_create(
        catalog="test-heritage", data={"name": "Vázlat", "values": {"kind": "spring"}}
    )
    proposal = ChangeRequest.objects.create(
        catalog="test-heritage", record=church, base_version=church.version, author=contributor,
        name="Javaslat", data={"summary": "Javasolt összefoglaló"}, state="submitted",
    )  # fmt: skip
    return {"record": church, "draft": draft, "proposal": proposal}


def _post_data(name: str, objects) -> dict:
    if name == "editing:review":
        return {"decision": "reject", "reason": "Nem."}
    if name == "editing:validate":
        return form_data(_field="name")
    target = objects["draft"] if "{draft}" in str(name) else objects["record"]
    return form_data(version=str(target.version), name="Új név", value__kind="spring")


def _state():
    return (
        list(Record.objects.order_by("pk").values_list("pk", "version", "name")),
        list(ChangeRequest.objects.order_by("pk").values_list("pk", "state", "data")),
    )


@pytest.mark.parametrize("role", ["anonymous", "contributor", "staff"])
@pytest.mark.parametrize(
    "case", ROLE_MATRIX_CASES, ids=lambda case: f"{case[2]} {case[0]} {case[1]}"
)
def test_role_matrix(client, objects, contributor, moderator, role, case):
    name, args, method, *expected = case
    status = dict(zip(["anonymous", "contributor", "staff"], expected, strict=True))[role]
    if role == "contributor":
        client.force_login(contributor)
    elif role == "staff":
        client.force_login(moderator)
    filled = [str(objects[a.strip("{}")].pk) if a.startswith("{") else a for a in args]
    path = reverse(name, args=filled)
    before = _state()
    if method == "GET":
        response = client.get(path, {"q": "a"})
    else:
        data = _post_data(name, objects)
        if "{draft}" in args:
            data.update(version=str(objects["draft"].version))
        response = client.post(path, data)
    assert response.status_code == status, response.content.decode()[:2000]
    if (method == "POST" and status >= 400) or (status == LOGIN and role == "anonymous"):
        assert _state() == before


def test_the_permission_functions_follow_staff_status(
    contributor, moderator, church, django_user_model
):
    inactive = django_user_model.objects.create_user("volt", password="x", is_active=False)
    assert roles.can_propose(contributor) and not roles.can_propose(inactive)
    assert roles.can_create_in(moderator, "test-heritage", None)
    assert not roles.can_create_in(contributor, "test-heritage", None)
    assert roles.can_edit_record(moderator, church)
    assert not roles.can_edit_record(contributor, church)
    assert not roles.can_publish(contributor, record=church)
    assert roles.can_publish(moderator)
    assert roles.is_moderator(moderator, catalog_key="test-heritage")
    assert not roles.is_moderator(contributor)


def test_the_pages_open_for_proposals_on_published_records_only(contributor, moderator, church):
    from kozkincs.catalog.services import record_archive, record_create

    draft = record_create(catalog="test-heritage", data={"name": "V", "values": {"kind": "spring"}})
    assert permissions.can_open_edit_form(contributor, church)
    assert not permissions.can_open_edit_form(contributor, draft)
    assert permissions.can_open_edit_form(moderator, draft)
    assert permissions.can_open_create_form(contributor, "test-heritage")
    assert not permissions.can_open_create_form(contributor, "no-such-catalog")
    record_archive(record=draft)
    assert not permissions.can_open_edit_form(moderator, draft)
