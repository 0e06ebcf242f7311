"""Who may import: those who may publish in the whole catalog (accounts' roles)."""

import pytest

from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.imports.permissions import can_import
from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(django_user_model):
    counter = iter(range(100))

    def make(role=None, **scope):
        user = django_user_model.objects.create_user(f"u{next(counter)}", password="x")
        if role:
            role_grant_create(user=user, role=role, granted_by=None, **scope)
        return user

    return make


def test_administrators_and_unscoped_moderators_import_everywhere(account, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "r@example.org", "x")
    assert can_import(admin, "built-values")
    assert can_import(account(Role.MODERATOR), "built-values")


def test_a_moderator_of_one_catalog_imports_into_that_catalog_only(account):
    moderator = account(Role.MODERATOR, catalogs=["built-values"])
    assert can_import(moderator, "built-values")
    assert not can_import(moderator, "natural-values")


def test_village_moderators_editors_and_contributors_do_not_import(account):
    bagod = SettlementFactory(ksh_code="30368", name="Bagod", slug="bagod")
    assert not can_import(account(Role.MODERATOR, settlements=[bagod]), "built-values")
    assert not can_import(account(Role.EDITOR, catalogs=["built-values"]), "built-values")
    assert not can_import(account(), "built-values")
