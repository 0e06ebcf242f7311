"""Self-service under /<language>/fiok/: a logged-in user downloads their data through a
signed link that expires and works for them only, and deletes their account (password
confirmed): their personal data is erased, in the history too; their contributions stay,
attributed to the deleted user."""

import csv
import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from kozkincs.accounts.models import Role, RoleGrant
from kozkincs.accounts.services import role_grant_create
from kozkincs.api.models import ApiToken
from kozkincs.api.tokens import api_token_create
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.services import record_update
from kozkincs.media.licences import Licence
from kozkincs.media.services import image_upload
from tests.media import pictures
from tests.record_makers import record_maker

pytestmark = pytest.mark.django_db
CATALOG = "contact-test-groups"
DEFINITIONS = Path(__file__).resolve().parents[1] / "contact" / "definitions"
EMAIL = "kiss.ilona@example.hu"
PASSWORD = "Bagodi-dalkör-alapítva-1972"


@pytest.fixture(autouse=True)
def catalog(settings, tmp_path):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    settings.MEDIA_ROOT = tmp_path / "media"
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def ilona(db):
    user = get_user_model().objects.create_user(
        "ilona", EMAIL, PASSWORD, first_name="Ilona", last_name="Kiss"
    )
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    return user


@pytest.fixture
def choir(ilona, django_capture_on_commit_callbacks):
    """A record naming Ilona, changed by her (an organisation member) with a photo of hers."""
    choir = record_maker(django_capture_on_commit_callbacks, CATALOG)(
        "Bagodi Dalkör",
        values={
            "leader": {"name": "Kiss Ilona", "email": EMAIL},
            "members": [{"name": "Nagy Péter"}],
        },
        privacy={"leader": {"consent": True, "visibility": "public"}},
    )
    role_grant_create(user=ilona, role=Role.MEMBER, record=choir, granted_by=None)
    with django_capture_on_commit_callbacks(execute=True):
        choir = record_update(record=choir, data={"summary": "Népdalkör 1972 óta."}, user=ilona)
        image_upload(
            record=choir, upload=pictures.upload(pictures.photo()), alt_text="A dalkör",
            licence=Licence.CC_BY, credit="Kiss Ilona", user=ilona,
        )  # fmt: skip
    return choir


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def download_link(client: Client) -> str:
    page = client.post("/en/fiok/adataim/").content.decode()
    start = page.index("/en/fiok/adataim/", page.index("Download the ZIP file") - 300)
    return page[start : page.index('"', start)]


def test_the_download_holds_the_users_data_as_json_csv_and_files(ilona, choir):
    token, key = api_token_create(user=ilona, name="Táblázatos import", days=30)
    client = logged_in(ilona)
    link = download_link(client)
    answer = client.get(link)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    assert "attachment" in answer["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    content = json.loads(archive.read("personal-data.json"))
    assert content["accounts"][0]["email"] == EMAIL
    assert content["records"][0]["record_name"] == "Bagodi Dalkör"
    assert content["roles"][0]["role"] == "member"
    assert content["email_addresses"] == [{"email": EMAIL, "verified": True, "primary": True}]
    roles = list(csv.DictReader(io.StringIO(archive.read("roles.csv").decode())))
    assert roles[0]["role"] == "member"
    [upload] = content["uploads"]
    assert f"files/{upload['file']}" in archive.namelist()
    [listed] = content["api_tokens"]
    assert (listed["name"], listed["prefix"]) == ("Táblázatos import", token.prefix)
    assert key not in answer.content.decode("latin-1") and token.digest not in json.dumps(content)


def test_a_link_expires_and_works_for_its_owner_only(
    ilona, choir, settings, monkeypatch, django_user_model
):
    client = logged_in(ilona)
    link = download_link(client)
    other = django_user_model.objects.create_user("masik", "masik@example.hu", PASSWORD)
    assert logged_in(other).get(link).status_code == 410
    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/en/fiok/login/")
    later = time.time() + settings.KOZKINCS_DATA_LINK_MINUTES * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    expired = client.get(link)
    assert expired.status_code == 410
    assert "This download link has expired" in expired.content.decode()
    assert client.get(link.replace("/adataim/", "/adataim/x")).status_code == 410


def test_deleting_needs_the_password_and_changes_nothing_without_it(ilona, choir):
    client = logged_in(ilona)
    answer = client.post("/hu/fiok/torles/", {"password": "rossz", "confirm": "on"})
    assert answer.status_code == 400
    assert "A jelszó nem helyes." in answer.content.decode()
    ilona.refresh_from_db()
    assert ilona.is_active and ilona.email == EMAIL and RoleGrant.objects.exists()


def test_deleting_erases_the_person_in_the_history_and_keeps_the_contributions(
    ilona, choir, django_capture_on_commit_callbacks
):
    api_token_create(user=ilona, name="Import", days=30)
    client = logged_in(ilona)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/hu/fiok/torles/", {"password": PASSWORD, "confirm": "on"})
    assert answer.status_code == 302 and answer["Location"] == "/hu/"
    assert "_auth_user_id" not in client.session
    account = get_user_model().objects.get(pk=ilona.pk)
    assert (account.email, account.first_name, account.is_active) == ("", "", False)
    assert account.username == f"deleted-{ilona.pk}" and not account.has_usable_password()
    assert not EmailAddress.objects.filter(user=account).exists()
    assert not RoleGrant.objects.exists()
    assert not ApiToken.objects.filter(user=account).exists()
    record = Record.objects.get(pk=choir.pk)
    assert "leader" not in record.values and record.values["members"] == [{"name": "Nagy Péter"}]
    versions = Record.history.filter(id=choir.pk)
    assert EMAIL not in json.dumps(list(versions.values_list("values", flat=True)))
    # The change she made stays, attributed to the deleted account.
    assert versions.filter(history_user=account).exists()
    assert record.images.get().uploaded_by == account
    # Logging in again does not work.
    login = Client().post("/hu/fiok/login/", {"login": EMAIL, "password": PASSWORD})
    assert login.status_code == 200
