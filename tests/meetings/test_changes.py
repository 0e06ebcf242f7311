"""Corrections of a meeting's parts (``meetings/changes.py``) and the deletion of a meeting:
edits and deletes that refuse stale versions and bad input and change nothing then, reordering,
attendance changes that keep the derived roundtable ties in step, and files that go with their
documents."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kozkincs.media.storage import media_storage
from kozkincs.meetings.changes import (
    StaleChange,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    document_delete,
    document_update,
    minutes_section_delete,
    minutes_section_move,
    minutes_section_update,
    participant_delete,
    participant_update,
)
from kozkincs.meetings.models import AgendaItem, Decision, Meeting, MinutesSection, Participant
from kozkincs.meetings.services import (
    agenda_item_add,
    document_add,
    meeting_delete,
    minutes_section_add,
    participant_add,
)
from kozkincs.network.models import Tie, TieDerivation
from tests.media import pictures
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def _titles(meeting, parent=None):
    items = AgendaItem.objects.filter(meeting=meeting, parent=parent).order_by("position", "id")
    return list(items.values_list("title", flat=True))


def _roundtable_pairs():
    return set(Tie.objects.filter(kind="roundtable").values_list("source_id", "target_id"))


def test_an_agenda_item_is_edited_and_its_version_rises(past_meeting):
    item = agenda_item_add(meeting=past_meeting, title="Megnyitó", duration_minutes=10)
    agenda_item_update(item=item, version=1, title="  Köszöntő ", duration_minutes=15, parent=None)
    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.version) == ("Köszöntő", 15, 2)


def test_a_stale_or_deleted_item_is_refused_and_nothing_is_saved(past_meeting):
    item = agenda_item_add(meeting=past_meeting, title="Megnyitó")
    agenda_item_update(item=item, version=1, title="Első", duration_minutes=None, parent=None)
    with pytest.raises(StaleChange, match="Someone else changed this meanwhile"):
        agenda_item_update(item=item, version=1, title="Második", duration_minutes=5, parent=None)
    assert AgendaItem.objects.get().title == "Első"
    with pytest.raises(StaleChange):
        agenda_item_delete(item=item, version=1)
    assert AgendaItem.objects.exists()
    gone = AgendaItem.objects.get()
    AgendaItem.objects.all().delete()
    with pytest.raises(StaleChange, match="deleted meanwhile"):
        agenda_item_update(item=gone, version=2, title="Harmadik", duration_minutes=None,
                           parent=None)  # fmt: skip
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"title": "  "}, "title"), ({"duration_minutes": 0}, "duration_minutes"),
     ({"duration_minutes": -5}, "duration_minutes")],
)  # fmt: skip
def test_bad_agenda_input_is_refused_by_field(past_meeting, change, field):
    item = agenda_item_add(meeting=past_meeting, title="Megnyitó", duration_minutes=10)
    data = {"title": "Új", "duration_minutes": 10, "parent": None, **change}
    with pytest.raises(ValidationError) as refused:
        agenda_item_update(item=item, version=1, **data)
    assert field in refused.value.message_dict
    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.version) == ("Megnyitó", 10, 1)


def test_an_item_moves_under_another_but_not_under_itself_or_another_meeting(
    past_meeting, make_meeting
):
    first = agenda_item_add(meeting=past_meeting, title="Első")
    second = agenda_item_add(meeting=past_meeting, title="Második")
    agenda_item_add(meeting=past_meeting, title="Alpont", parent=first)
    elsewhere = agenda_item_add(meeting=make_meeting(), title="Máshol")
    for parent, message in [(second, "stays a main item"), (first, "its own sub-item"),
                            (elsewhere, "same meeting")]:  # fmt: skip
        with pytest.raises(ValidationError, match=message):
            agenda_item_update(item=first, version=1, title="Első", duration_minutes=None,
                               parent=parent)  # fmt: skip
    agenda_item_update(item=second, version=1, title="Második", duration_minutes=None,
                       parent=first)  # fmt: skip
    assert _titles(past_meeting) == ["Első"]
    assert _titles(past_meeting, first) == ["Alpont", "Második"]  # at the end of its new place


def test_items_move_up_and_down_among_their_siblings(past_meeting):
    first, second, third = (agenda_item_add(meeting=past_meeting, title=t) for t in ("A", "B", "C"))
    child = agenda_item_add(meeting=past_meeting, title="B1", parent=second)
    assert agenda_item_move(item=third, direction="up") is True
    assert _titles(past_meeting) == ["A", "C", "B"]
    assert agenda_item_move(item=first, direction="up") is False
    assert agenda_item_move(item=second, direction="down") is False
    assert agenda_item_move(item=child, direction="up") is False  # alone among its siblings
    with pytest.raises(ValidationError):
        agenda_item_move(item=first, direction="sideways")
    assert _titles(past_meeting) == ["A", "C", "B"]


def test_deleting_an_item_deletes_its_sub_items(past_meeting):
    main = agenda_item_add(meeting=past_meeting, title="Fő")
    agenda_item_add(meeting=past_meeting, title="Al", parent=main)
    assert agenda_item_delete(item=main, version=1) == 2
    assert not AgendaItem.objects.exists()


def test_a_planned_meetings_followup_item_is_not_deleted_by_hand(make_meeting, decision):
    upcoming = make_meeting("Következő")
    [item] = AgendaItem.objects.filter(meeting=upcoming, follows_up=decision)
    with pytest.raises(ValidationError, match="follows up an open decision"):
        agenda_item_delete(item=item, version=item.version)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_attendance_edits_keep_the_roundtable_ties_in_step(past_meeting, choir, library):
    participant = participant_add(meeting=past_meeting, actor=choir)
    assert not _roundtable_pairs()
    participant_update(participant=participant, version=1, invited=True, attended=True)
    assert _roundtable_pairs() == {tuple(sorted((choir.pk, library.pk)))}
    participant_update(participant=participant, version=2, invited=True, attended=False)
    assert not _roundtable_pairs()
    assert not TieDerivation.objects.exists()
    participant_update(participant=participant, version=3, invited=False, attended=True)
    participant_delete(participant=participant, version=4)
    assert not Participant.objects.exists() and not _roundtable_pairs()


def test_attendance_cannot_be_set_before_the_meeting_or_for_a_cancelled_one(make_meeting, choir):
    for meeting in (make_meeting(), make_meeting(status=Meeting.Status.CANCELLED)):
        participant = participant_add(meeting=meeting, actor=choir)
        with pytest.raises(ValidationError) as refused:
            participant_update(participant=participant, version=1, invited=True, attended=True)
        assert "attended" in refused.value.message_dict
        participant.refresh_from_db()
        assert not participant.attended and participant.version == 1


def test_minutes_sections_are_edited_sanitised_moved_and_deleted(past_meeting):
    first = minutes_section_add(meeting=past_meeting, heading="Első", body="<p>a</p>")
    second = minutes_section_add(meeting=past_meeting, heading="Második", body="")
    minutes_section_update(section=first, version=1, heading="Első", visibility="members",
                           body='<p onclick="x()">b<script>alert(1)</script></p>')  # fmt: skip
    first.refresh_from_db()
    assert "onclick" not in first.body and "<script" not in first.body
    assert first.visibility == "members"
    with pytest.raises(ValidationError):
        minutes_section_update(section=first, version=2, heading="", body="", visibility="public")
    with pytest.raises(ValidationError):
        minutes_section_update(section=first, version=2, heading="x", body="", visibility="all")
    assert minutes_section_move(section=second, direction="up") is True
    headings = MinutesSection.objects.order_by("position").values_list("heading", flat=True)
    assert list(headings) == ["Második", "Első"]
    minutes_section_delete(section=second, version=1)
    assert list(MinutesSection.objects.values_list("heading", flat=True)) == ["Első"]


def test_a_documents_file_goes_when_the_deletion_commits(
    settings, tmp_path, past_meeting, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    upload = pictures.upload(pictures.pdf(), "meghivo.pdf", "application/pdf")
    document = document_add(meeting=past_meeting, upload=upload, title="Meghívó",
                            visibility="members")  # fmt: skip
    document_update(document=document, version=1, title="Meghívó levél", visibility="public")
    with pytest.raises(ValidationError):
        document_update(document=document, version=2, title=" ", visibility="public")
    name = document.file.name
    assert media_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document, version=2)
    assert not media_storage().exists(name)


def test_deleting_a_meeting_removes_its_derivations_and_re_derives_the_ties(
    past_meeting, make_meeting, choir, library, make_actor
):
    third = make_actor("Harmadik Egyesület")
    again = make_meeting("Második ülés", when=at(date(2011, 5, 13)), status=Meeting.Status.HELD)
    for actor in (choir, third):
        participant_add(meeting=past_meeting, actor=actor, attended=True)
    participant_add(meeting=again, actor=choir, attended=True)
    choir_pair = tuple(sorted((choir.pk, library.pk)))
    assert _roundtable_pairs() == {choir_pair, tuple(sorted((third.pk, library.pk)))}
    meeting_delete(meeting=past_meeting)
    assert not TieDerivation.objects.filter(key=f"meeting:{past_meeting.pk}").exists()
    assert _roundtable_pairs() == {choir_pair}  # it met at the other meeting too
    [tie] = Tie.objects.filter(kind="roundtable")
    assert list(tie.derivations.values_list("key", flat=True)) == [f"meeting:{again.pk}"]
    meeting_delete(meeting=again)
    assert not _roundtable_pairs() and not TieDerivation.objects.exists()


def test_deleting_a_planned_meeting_hands_its_followups_to_the_next(make_meeting, decision):
    first = make_meeting("Első")
    later = make_meeting("Később", when=first.starts_at.replace(year=first.starts_at.year + 1))
    assert AgendaItem.objects.filter(meeting=first, follows_up=decision).exists()
    meeting_delete(meeting=first)
    assert AgendaItem.objects.filter(meeting=later, follows_up=decision).exists()


def test_deleting_the_meeting_of_a_decision_removes_its_followups(make_meeting, decision):
    upcoming = make_meeting("Következő")
    meeting_delete(meeting=decision.meeting)
    assert not Decision.objects.exists()
    assert not AgendaItem.objects.filter(meeting=upcoming).exists()
