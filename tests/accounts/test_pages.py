"""The administrators' account pages under /<language>/fiokok/: search, grant, revoke,
deactivate; bad input named in the user's language, nothing saved."""

import pytest
from django.test import Client

from kozkincs.accounts.models import Role, RoleGrant
from kozkincs.accounts.services import role_grant_create
from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "x")


@pytest.fixture
def admin_client(administrator) -> Client:
    client = Client()
    client.force_login(administrator)
    return client


def test_the_list_finds_accounts_by_e_mail(admin_client, make_account):
    make_account("kiss.ilona@example.org")
    make_account("nagy.peter@example.org")
    page = admin_client.get("/hu/fiokok/", {"q": "ilona"}).content.decode()
    assert "kiss.ilona@example.org" in page and "nagy.peter@example.org" not in page


def test_granting_an_editor_of_bagod(admin_client, administrator, make_account):
    bagod = SettlementFactory(ksh_code="30368", name="Bagod", slug="bagod")
    librarian = make_account("konyvtaros@example.org")
    answer = admin_client.post(
        f"/hu/fiokok/{librarian.pk}/", {"role": "editor", "settlements": "bagod"}
    )
    assert answer.status_code == 302
    grant = RoleGrant.objects.get(user=librarian)
    assert grant.role == Role.EDITOR and list(grant.settlements.all()) == [bagod]
    assert grant.granted_by == administrator
    versions = list(grant.history.order_by("history_id"))
    assert versions[0].history_type == "+"
    assert {version.history_user for version in versions} == {administrator}
    page = admin_client.get(f"/en/fiokok/{librarian.pk}/").content.decode()
    assert "settlements: Bagod" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "editor"}, "Egy szerkesztő szerepe katalógusokra és/vagy településekre"),
        ({"role": "editor", "settlements": "Nincsilyenfalva"}, "Nincsilyenfalva"),
        ({"role": "member"}, "szervezete rekordját"),
        ({"role": "member", "record": "999999"}, "Nincs ilyen számú rekord"),
        ({"role": "superuser"}, "Válasszon érvényes"),
    ],
)
def test_a_bad_grant_is_explained_and_saves_nothing(admin_client, make_account, data, message):
    account = make_account("valaki@example.org")
    answer = admin_client.post(f"/hu/fiokok/{account.pk}/", data)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not RoleGrant.objects.exists()


def test_revoking_keeps_the_history(admin_client, administrator, make_account):
    moderator = make_account("mod@example.org")
    grant = role_grant_create(user=moderator, role=Role.MODERATOR, granted_by=administrator)
    answer = admin_client.post(f"/hu/fiokok/{moderator.pk}/szerepek/{grant.pk}/visszavonas/")
    assert answer.status_code == 302 and not RoleGrant.objects.exists()
    versions = [v.history_type for v in RoleGrant.history.order_by("history_id")]
    assert versions[0] == "+" and versions[-1] == "-"
    assert RoleGrant.history.order_by("history_id").last().history_user == administrator


def test_a_grant_of_another_account_cannot_be_revoked_through_this_one(admin_client, make_account):
    one, other = make_account("egy@example.org"), make_account("masik@example.org")
    grant = role_grant_create(user=other, role=Role.MODERATOR, granted_by=None)
    answer = admin_client.post(f"/hu/fiokok/{one.pk}/szerepek/{grant.pk}/visszavonas/")
    assert answer.status_code == 404 and RoleGrant.objects.count() == 1


def test_deactivating_blocks_the_login_but_not_oneself(admin_client, administrator, make_account):
    user = make_account("tavozo@example.org")
    assert admin_client.post(f"/hu/fiokok/{user.pk}/letiltas/").status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    refused = admin_client.post(f"/hu/fiokok/{administrator.pk}/letiltas/")
    assert refused.status_code == 400
    administrator.refresh_from_db()
    assert administrator.is_active
