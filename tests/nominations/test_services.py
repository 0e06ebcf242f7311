"""The nomination workflow through its services: every step recorded, the proposer told,
nothing half-saved on bad input, stale decisions refused."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kozkincs.catalog.models import Record
from kozkincs.media.licences import Licence
from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.nominations.models import Nomination, NominationEvent, NominationFile
from kozkincs.nominations.services import (
    RATE_LIMIT,
    PhotoUpload,
    nomination_accept,
    nomination_complete,
    nomination_forward,
    nomination_reject,
    nomination_request_items,
)
from kozkincs.search.selectors import record_search_ids
from tests.media import pictures
from tests.nominations.conftest import CATALOG

pytestmark = pytest.mark.django_db


def stored_files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_a_nomination_gets_a_reference_its_files_a_first_step_and_a_mail(submit, media_root):
    nomination = submit(photos=1, documents=1)

    assert nomination.reference.startswith("TÉ-") and nomination.reference.endswith(
        f"{nomination.pk:05d}"
    )
    assert nomination.status == Nomination.Status.SUBMITTED
    assert len(nomination.follow_token) >= 40
    assert [f.kind for f in nomination.files.order_by("id")] == ["photo", "document"]
    assert len(stored_files(media_root)) == 2
    assert list(nomination.events.values_list("status", flat=True)) == ["submitted"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kiss.ilona@example.hu"]
    assert nomination.reference in message.subject
    assert f"/hu/ertektar/javaslat/{nomination.follow_token}/" in message.body


def test_without_consent_nothing_is_saved(submit, media_root):
    with pytest.raises(ValidationError) as raised:
        submit(photos=1, consent=False)

    assert "consent" in raised.value.message_dict
    assert not Nomination.objects.exists()
    assert stored_files(media_root) == []
    assert mail.outbox == []


def test_a_file_that_is_not_a_photo_is_refused_with_its_slot_named(
    submit, region, bagod, category, media_root
):
    from kozkincs.nominations.services import nomination_submit
    from tests.nominations.conftest import nomination_fields

    with pytest.raises(ValidationError) as raised:
        nomination_submit(
            nomination=Nomination(**nomination_fields(bagod, category)),
            photos=[
                PhotoUpload(
                    upload=pictures.upload(pictures.pdf(), "kep.jpg"),
                    alt_text="",
                    credit="",
                    licence="",
                )
            ],
        )

    problems = raised.value.message_dict["photo-0"]
    assert len(problems) == 3  # alternative text, licence, the file itself: all at once
    assert not Nomination.objects.exists()
    assert stored_files(media_root) == []


def test_one_connection_may_send_only_a_few_nominations_an_hour(submit):
    for _ in range(RATE_LIMIT):
        submit(sender="192.0.2.7")

    with pytest.raises(ValidationError) as raised:
        submit(sender="192.0.2.7")

    assert "Too many nominations" in raised.value.messages[0]
    assert Nomination.objects.count() == RATE_LIMIT
    submit(sender="192.0.2.8")  # another connection is not affected
    assert not Nomination.objects.filter(sender_key__contains="192.0.2").exists()


def test_missing_items_are_asked_for_and_supplied(submit, django_capture_on_commit_callbacks):
    nomination = submit()
    with django_capture_on_commit_callbacks(execute=True):
        nomination_request_items(nomination=nomination, reason="Kérünk egy fényképet.")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.INCOMPLETE
    assert "Kérünk egy fényképet." in mail.outbox[-1].body

    nomination_complete(
        nomination=nomination,
        changes={"description": "Bővebb leírás.", "email": "mas@example.hu"},
        note="Csatoltam.",
        photos=[
            PhotoUpload(
                upload=pictures.upload(pictures.photo()),
                alt_text="A harangláb",
                credit="",
                licence=Licence.CC0,
            )
        ],
    )

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    assert nomination.description == "Bővebb leírás."
    assert nomination.email == "kiss.ilona@example.hu"  # only the value's texts can change
    assert nomination.files.count() == 1
    assert list(nomination.events.values_list("status", "note")) == [
        ("submitted", ""),
        ("incomplete", "Kérünk egy fényképet."),
        ("submitted", "Csatoltam."),
    ]


def test_a_reason_is_required_to_reject_or_ask(submit):
    nomination = submit()

    for service in (nomination_reject, nomination_request_items):
        with pytest.raises(ValidationError) as raised:
            service(nomination=nomination, reason="  ")
        assert "reason" in raised.value.message_dict

    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED


def accept(nomination, **values):
    data = {
        "name": nomination.value_name,
        "description": "<p>Fából ácsolt harangláb.</p>",
        "settlement": nomination.settlement,
        "values": {"kind": "building"} | values,
    }
    return nomination_accept(nomination=nomination, catalog=CATALOG, data=data, note="Egyhangú.")


def test_accepting_publishes_a_findable_record_with_the_photos_and_documents(
    submit, django_capture_on_commit_callbacks
):
    nomination = submit(photos=2, documents=1)

    with django_capture_on_commit_callbacks(execute=True):
        nomination = accept(nomination)

    record = nomination.record
    assert nomination.status == Nomination.Status.ACCEPTED
    assert nomination.decided_at is not None
    assert record.status == Record.Status.PUBLISHED
    assert record.catalog == CATALOG
    assert record.settlement == nomination.settlement
    assert RecordImage.objects.filter(record=record).count() == 2
    assert RecordImage.objects.get(record=record, is_cover=True).alt_text.startswith("A harangl")
    assert list(
        RecordAttachment.objects.filter(record=record).values_list("visibility", flat=True)
    ) == ["staff"]
    assert record.pk in record_search_ids(query="harangláb")
    assert "accepted" in mail.outbox[-1].subject or nomination.reference in mail.outbox[-1].subject


def test_an_invalid_record_accepts_nothing(submit):
    nomination = submit(photos=1)

    with pytest.raises(ValidationError) as raised:
        accept(nomination, kind=None)

    assert "kind" in raised.value.message_dict
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    assert not Record.objects.exists()
    assert not RecordImage.objects.exists()


def test_a_stale_decision_is_refused_and_changes_nothing(submit):
    nomination = submit()
    accept(nomination)

    with pytest.raises(ValidationError) as raised:
        nomination_reject(nomination=nomination, reason="Késői elutasítás")

    assert "out of date" in raised.value.messages[0]
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    assert Record.objects.count() == 1


def test_only_accepted_values_are_forwarded(submit):
    nomination = submit()
    with pytest.raises(ValidationError):
        nomination_forward(nomination=nomination)

    accept(nomination)
    nomination = nomination_forward(nomination=nomination, note="Megyei értéktárnak elküldve.")

    assert nomination.status == Nomination.Status.FORWARDED
    assert nomination.forwarded_at is not None
    assert NominationEvent.objects.filter(nomination=nomination).count() == 3


def test_files_belong_to_their_nomination_only(submit):
    first, second = submit(photos=1), submit()

    assert NominationFile.objects.filter(nomination=second).count() == 0
    assert NominationFile.objects.get(nomination=first).file.name.startswith("nominations/")
