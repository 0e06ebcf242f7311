"""Requests of a person by post: a copy of everything about them, and its erasure, which
reaches the search index, the nominations and the accounts and leaves others untouched."""

import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import reset_registry
from kozkincs.nominations.models import Nomination
from kozkincs.privacy.selectors import Person, personal_data_find
from kozkincs.search.selectors import record_search_ids
from tests.record_makers import record_maker

pytestmark = pytest.mark.django_db
CATALOG = "contact-test-groups"
DEFINITIONS = Path(__file__).resolve().parents[1] / "contact" / "definitions"


@pytest.fixture(autouse=True)
def catalog(settings, tmp_path):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    settings.MEDIA_ROOT = tmp_path / "media"
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def choir(django_capture_on_commit_callbacks):
    make = record_maker(django_capture_on_commit_callbacks, CATALOG)
    return make(
        "Bagodi Dalkör",
        values={
            "leader": {"name": "Kiss Ilona", "email": "Kiss.Ilona@example.hu"},
            "members": [{"name": "Nagy Péter"}, {"name": "Kiss  Ilona"}, {"name": "Szabó Éva"}],
            "private_email": "kiss.ilona@example.hu",
        },
        privacy={
            "leader": {"consent": True, "visibility": "public"},
            "members": {"consent": True, "visibility": "public"},
        },
    )


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_person_is_found_by_email_or_name_ignoring_case_and_spaces(choir):
    findings = personal_data_find(person=Person(email="KISS.ilona@example.hu", name="kiss ilona"))

    assert sorted(f.field_key for f in findings.records) == ["leader", "members", "private_email"]
    assert personal_data_find(person=Person(name="Kovács Anna")).empty


def test_the_export_holds_every_finding_and_is_private(choir, tmp_path):
    target = tmp_path / "kiss-ilona.zip"

    output = run("export_personal_data", str(target), "--email", "kiss.ilona@example.hu")

    assert "2 record fields" in output
    assert target.stat().st_mode & 0o777 == 0o600
    content = json.loads(zipfile.ZipFile(target).read("personal-data.json"))
    assert {row["field"] for row in content["records"]} == {"leader", "private_email"}
    with pytest.raises(CommandError):
        run("export_personal_data", str(target), "--email", "kiss.ilona@example.hu")


def test_a_dry_run_lists_and_changes_nothing(choir):
    output = run("erase_person", "--name", "Kiss Ilona")

    assert "Nothing changed" in output and "field members" in output
    choir.refresh_from_db()
    assert choir.values["leader"]["name"] == "Kiss Ilona"


def test_erasure_removes_the_person_everywhere_and_keeps_the_others(
    choir, django_capture_on_commit_callbacks
):
    get_user_model().objects.create_user("ilona", "kiss.ilona@example.hu", "hosszu-jelszo-123")
    assert choir.pk in record_search_ids(query="Kiss Ilona")

    with django_capture_on_commit_callbacks(execute=True):
        output = run(
            "erase_person", "--email", "kiss.ilona@example.hu", "--name", "Kiss Ilona", "--yes"
        )

    assert "3 record fields" in output and "1 accounts" in output
    versions = Record.history.model.objects.filter(id=choir.pk)
    assert versions.count() >= 2  # created, then the erasure
    assert "Kiss Ilona" not in str(list(versions.values_list("values", flat=True)))
    choir = Record.objects.get(pk=choir.pk)
    assert "leader" not in choir.values and "private_email" not in choir.values
    assert [m["name"] for m in choir.values["members"]] == ["Nagy Péter", "Szabó Éva"]
    assert choir.pk not in record_search_ids(query="Kiss Ilona")
    assert choir.pk in record_search_ids(query="Nagy Péter")
    account = get_user_model().objects.get()
    assert (account.email, account.is_active, account.has_usable_password()) == ("", False, False)


def test_a_proposers_nominations_are_anonymised(
    choir, settings, django_capture_on_commit_callbacks
):
    from kozkincs.nominations.models import ValueCategory
    from tests.gazetteer.factories import SettlementFactory

    nomination = Nomination.objects.create(
        reference="TÉ-2026-00001", follow_token="x" * 43, proposer_name="Kiss Ilona",
        email="kiss.ilona@example.hu", phone="+36 30 123 4567", value_name="Harangláb",
        category=ValueCategory.objects.first(), settlement=SettlementFactory(),
        description="Leírás", justification="Indoklás", consent=True,
    )  # fmt: skip

    run("erase_person", "--email", "kiss.ilona@example.hu", "--yes")

    nomination.refresh_from_db()
    assert (nomination.proposer_name, nomination.email, nomination.phone) == (
        "[törölt személy]",
        "",
        "",
    )
    assert nomination.value_name == "Harangláb"


def test_without_a_person_the_commands_refuse(choir):
    for command in ("erase_person",):
        with pytest.raises(CommandError, match="--email or --name"):
            run(command)
