"""accounts/permissions.py: the decisions every other app asks for."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kozkincs.accounts import permissions as p
from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.catalog.models import Record
from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bagod(db):
    return SettlementFactory(ksh_code="30368", name="Bagod", slug="bagod")


@pytest.fixture
def bak(db):
    return SettlementFactory(ksh_code="13514", name="Bak", slug="bak")


def record(catalog: str, settlement=None, pk: int = 1) -> Record:
    """An unsaved record is enough: the decisions read its catalog and main settlement."""
    return Record(pk=pk, catalog=catalog, settlement=settlement, name="x")


def test_visitors_and_unconfirmed_accounts_may_not_propose(make_account):
    assert not p.can_propose(AnonymousUser())
    assert not p.can_propose(make_account("new@example.org", verified=False))
    assert p.can_propose(make_account("confirmed@example.org"))


def test_an_editor_edits_and_creates_within_the_settlement_only(make_account, bagod, bak):
    librarian = make_account("konyvtaros@example.org")
    role_grant_create(user=librarian, role=Role.EDITOR, settlements=[bagod], granted_by=None)
    assert p.can_edit_record(librarian, record("civil-organisations", bagod))
    assert not p.can_edit_record(librarian, record("civil-organisations", bak))
    assert not p.can_edit_record(librarian, record("civil-organisations", None))
    assert p.can_create_in(librarian, "built-values", bagod)
    assert not p.can_create_in(librarian, "built-values", bak)
    assert not p.can_publish(librarian, record("civil-organisations", bagod))
    assert not p.is_moderator(librarian)


def test_a_catalog_editor_edits_that_catalog_everywhere(make_account, bagod, bak):
    editor = make_account("kiado@example.org")
    role_grant_create(user=editor, role=Role.EDITOR, catalogs=["publications"], granted_by=None)
    assert p.can_edit_record(editor, record("publications", bak))
    assert p.can_edit_record(editor, record("publications", None))
    assert not p.can_edit_record(editor, record("built-values", bagod))


def test_both_limits_must_hold(make_account, bagod, bak):
    editor = make_account("ketto@example.org")
    role_grant_create(
        user=editor, role=Role.EDITOR, catalogs=["publications"], settlements=[bagod],
        granted_by=None,
    )  # fmt: skip
    assert p.can_create_in(editor, "publications", bagod)
    assert not p.can_create_in(editor, "publications", bak)
    assert not p.can_create_in(editor, "built-values", bagod)


def test_a_member_edits_their_organisation_only(
    make_account, bagod, django_capture_on_commit_callbacks
):
    from kozkincs.catalog.services import record_create

    organisation = record_create(
        catalog="civil-organisations",
        data={"name": "Dalkör", "values": {"legal_form": "association"}},
    )
    member = make_account("tag@example.org")
    role_grant_create(user=member, role=Role.MEMBER, record=organisation, granted_by=None)
    assert p.can_edit_record(member, organisation)
    assert not p.can_edit_record(
        member, record("civil-organisations", bagod, pk=organisation.pk + 1)
    )
    assert not p.can_create_in(member, "civil-organisations", bagod)


def test_moderators_publish_and_may_be_limited(make_account, bagod, bak):
    everywhere = make_account("mod@example.org")
    role_grant_create(user=everywhere, role=Role.MODERATOR, granted_by=None)
    limited = make_account("mod-bagod@example.org")
    role_grant_create(user=limited, role=Role.MODERATOR, settlements=[bagod], granted_by=None)
    assert p.can_publish(everywhere, catalog_key="built-values", settlement=bak)
    assert p.can_publish(limited, record("built-values", bagod))
    assert not p.can_publish(limited, record("built-values", bak))
    assert p.is_moderator(limited) and not p.is_administrator(everywhere)
    assert not p.can_manage_accounts(everywhere)


def test_superusers_and_administrator_grants_are_administrators(make_account, django_user_model):
    root = django_user_model.objects.create_superuser("root", "", "x")
    granted = make_account("admin@example.org")
    role_grant_create(user=granted, role=Role.ADMINISTRATOR, granted_by=root)
    for user in (root, granted):
        assert p.is_administrator(user) and p.can_manage_accounts(user) and p.is_moderator(user)


def test_staff_without_a_grant_count_as_moderators(make_account, bagod):
    staff = make_account("staff@example.org", is_staff=True)
    assert p.is_moderator(staff) and p.can_publish(staff, record("built-values", bagod))
    role_grant_create(user=staff, role=Role.EDITOR, settlements=[bagod], granted_by=None)
    p.grants_forget(staff)
    assert not p.is_moderator(staff)  # a grant narrows a staff account to it
    assert p.requires_mfa(staff)  # staff still needs a second factor


def test_a_deactivated_account_may_do_nothing(make_account, bagod):
    moderator = make_account("old@example.org", is_active=False)
    role_grant_create(user=moderator, role=Role.MODERATOR, granted_by=None)
    assert not p.is_moderator(moderator) and not p.can_propose(moderator)
    assert not p.can_edit_record(moderator, record("built-values", bagod))
