"""Writes of nominations: submission, completion by the proposer, the committee's decisions.

Every write runs in one transaction that also records the workflow step; the proposer is told
by e-mail (queued as a task when the transaction commits). A decision on a nomination whose
status changed meanwhile (two committee members at once, a stale page) is refused with a
message, never applied twice. Accepting creates the record through the catalog's services, so
the search index and everything derived from the record follow in the same transaction.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import RecordData
from kozkincs.catalog.services import record_create
from kozkincs.core.mail import mail_queue
from kozkincs.core.senders import sender_key
from kozkincs.media.documents import prepare_document
from kozkincs.media.imaging import prepare_image
from kozkincs.media.licences import Licence
from kozkincs.media.services import ImageTexts, attachment_create, image_create
from kozkincs.media.storage import files_remove, files_write, media_storage, random_token
from kozkincs.nominations.models import Nomination, NominationEvent, NominationFile

FILE_FOLDER = "nominations"
MAX_PHOTOS = 10
MAX_DOCUMENTS = 5
RATE_LIMIT = 5
RATE_WINDOW = timedelta(hours=1)

Status = Nomination.Status

# Which decision may follow which status.
TRANSITIONS = {
    "request_items": {Status.SUBMITTED},
    "complete": {Status.INCOMPLETE},
    "accept": {Status.SUBMITTED},
    "reject": {Status.SUBMITTED, Status.INCOMPLETE},
    "forward": {Status.ACCEPTED},
}


@dataclass(frozen=True)
class PhotoUpload:
    upload: UploadedFile
    alt_text: str
    credit: str
    licence: str


@dataclass(frozen=True)
class DocumentUpload:
    upload: UploadedFile
    title: str


def _check_rate(key: str) -> None:
    if not key:
        return
    since = timezone.now() - RATE_WINDOW
    if Nomination.objects.filter(sender_key=key, submitted_at__gte=since).count() >= RATE_LIMIT:
        raise ValidationError(
            _(
                "Too many nominations were sent from your connection in the last hour. "
                "Please try again later, or write to the value repository committee."
            ),
            code="rate_limited",
        )


def _prepared_files(
    photos: list[PhotoUpload], documents: list[DocumentUpload], existing: int = 0
) -> tuple[list[tuple], dict]:
    """Check every file (every error at once); ``([(kind, bytes, suffix, texts)], errors)``."""
    errors: dict[str, list[str]] = {}
    prepared: list[tuple] = []
    for index, photo in enumerate(photos):
        field = f"photo-{index}"
        problems = []
        if not photo.alt_text.strip():
            problems.append(_("Describe what the photo shows (alternative text, required)."))
        if photo.licence not in Licence.values:
            problems.append(_("Choose the licence of the photo."))
        try:
            image = prepare_image(photo.upload)
        except ValidationError as error:
            problems.extend(error.message_dict.get("file", error.messages))
            image = None
        if problems:
            errors[field] = problems
        elif image is not None:
            original = image.original
            prepared.append(
                (
                    NominationFile.Kind.PHOTO,
                    original.content,
                    original.suffix,
                    (photo.alt_text.strip()[:300], photo.credit.strip()[:200], photo.licence),
                )
            )
    for index, document in enumerate(documents):
        field = f"document-{index}"
        problems = []
        if not document.title.strip():
            problems.append(_("Give the document a title (required)."))
        try:
            pdf = prepare_document(document.upload)
        except ValidationError as error:
            problems.extend(error.message_dict.get("file", error.messages))
            pdf = None
        if problems:
            errors[field] = problems
        elif pdf is not None:
            prepared.append(
                (
                    NominationFile.Kind.DOCUMENT,
                    pdf.content,
                    "pdf",
                    (document.title.strip()[:300], "", ""),
                )
            )
    photo_count = sum(1 for item in prepared if item[0] == NominationFile.Kind.PHOTO)
    if existing + photo_count > MAX_PHOTOS:
        errors.setdefault("__all__", []).append(
            _("A nomination can have at most %(count)d photos.") % {"count": MAX_PHOTOS}
        )
    if len(prepared) - photo_count > MAX_DOCUMENTS:
        errors.setdefault("__all__", []).append(
            _("A nomination can have at most %(count)d documents.") % {"count": MAX_DOCUMENTS}
        )
    return prepared, errors


def _store(nomination: Nomination, prepared: list[tuple], names: list[str]) -> None:
    NominationFile.objects.bulk_create(
        NominationFile(
            nomination=nomination,
            kind=kind,
            file=name,
            title=texts[0],
            credit=texts[1],
            licence=texts[2],
            size=len(content),
        )
        for (kind, content, _suffix, texts), name in zip(prepared, names, strict=True)
    )


def _written(prepared: list[tuple]) -> list[str]:
    folder = f"{FILE_FOLDER}/{random_token()}"
    return files_write(
        (f"{folder}/{index}.{suffix}", content)
        for index, (_kind, content, suffix, _texts) in enumerate(prepared)
    )


def _follow_url(nomination: Nomination) -> str:
    with translation.override(nomination.language):
        path = reverse("nominations:follow", args=[nomination.follow_token])
    return settings.KOZKINCS_SITE_URL.rstrip("/") + path


def _notify(nomination: Nomination, template: str) -> None:
    """Queue the proposer's e-mail once the transaction has committed."""
    mail_queue(
        recipient=nomination.email,
        template=f"nominations/mail/{template}",
        context={"nomination": nomination, "follow_url": _follow_url(nomination)},
        language=nomination.language,
    )


def _event(nomination: Nomination, note: str = "", *, by_committee: bool) -> None:
    NominationEvent.objects.create(
        nomination=nomination, status=nomination.status, note=note, by_committee=by_committee
    )


def nomination_submit(
    *,
    nomination: Nomination,
    photos: list[PhotoUpload] = (),
    documents: list[DocumentUpload] = (),
    sender: str = "",
    user=None,
) -> Nomination:
    """Save a new nomination (its fields already checked by the form) with its files.

    ``ValidationError`` (keyed by ``consent``, ``photo-N``, ``document-N`` or ``__all__``) and
    nothing saved when consent is missing, a file is refused or the sender is over the limit.
    """
    errors: dict[str, list[str]] = {}
    if not nomination.consent:
        errors["consent"] = [
            _("The committee can only handle the nomination with your consent to use the data.")
        ]
    key = sender_key(sender) if sender else ""
    try:
        _check_rate(key)
    except ValidationError as error:
        errors.setdefault("__all__", []).extend(error.messages)
    prepared, file_errors = _prepared_files(list(photos), list(documents))
    for field, messages in file_errors.items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    names = _written(prepared)
    try:
        with transaction.atomic():
            nomination.pk = None
            nomination.status = Status.SUBMITTED
            nomination.sender_key = key
            nomination.follow_token = secrets.token_urlsafe(32)
            nomination.reference = "pending-" + secrets.token_hex(6)
            nomination.submitted_by = user if user and user.is_authenticated else None
            nomination.language = nomination.language or translation.get_language() or "hu"
            nomination.save()
            nomination.reference = f"TÉ-{timezone.now():%Y}-{nomination.pk:05d}"
            nomination.save(update_fields=["reference"])
            _store(nomination, prepared, names)
            _event(nomination, by_committee=False)
            _notify(nomination, "submitted")
    except BaseException:
        files_remove(names)
        raise
    return nomination


def _locked(nomination_id: int, action: str) -> Nomination:
    nomination = Nomination.objects.select_for_update().get(pk=nomination_id)
    if nomination.status not in TRANSITIONS[action]:
        raise ValidationError(
            _("This nomination is already “%(status)s”; the page you used was out of date.")
            % {"status": nomination.get_status_display()},
            code="stale",
        )
    return nomination


def nomination_complete(
    *,
    nomination: Nomination,
    changes: dict,
    note: str = "",
    photos: list[PhotoUpload] = (),
    documents: list[DocumentUpload] = (),
) -> Nomination:
    """The proposer supplies the missing items: changed texts, a note, more files."""
    existing = nomination.files.filter(kind=NominationFile.Kind.PHOTO).count()
    prepared, errors = _prepared_files(list(photos), list(documents), existing=existing)
    if errors:
        raise ValidationError(errors)
    names = _written(prepared)
    try:
        with transaction.atomic():
            locked = _locked(nomination.pk, "complete")
            allowed = {"location", "description", "justification", "sources", "website"}
            for field, value in changes.items():
                if field in allowed:
                    setattr(locked, field, value)
            locked.status = Status.SUBMITTED
            locked.save()
            _store(locked, prepared, names)
            _event(locked, note.strip(), by_committee=False)
    except BaseException:
        files_remove(names)
        raise
    return locked


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Write the reason; the proposer will read it.")]})
    return reason


@transaction.atomic
def nomination_request_items(*, nomination: Nomination, reason: str, user=None) -> Nomination:
    reason = _required_reason(reason)
    locked = _locked(nomination.pk, "request_items")
    locked.status = Status.INCOMPLETE
    locked.status_reason = reason
    locked.save()
    _event(locked, reason, by_committee=True)
    _notify(locked, "incomplete")
    return locked


@transaction.atomic
def nomination_reject(*, nomination: Nomination, reason: str, user=None) -> Nomination:
    reason = _required_reason(reason)
    locked = _locked(nomination.pk, "reject")
    locked.status = Status.REJECTED
    locked.status_reason = reason
    locked.decided_at = timezone.now()
    locked.save()
    _event(locked, reason, by_committee=True)
    _notify(locked, "rejected")
    return locked


def _file_bytes(name: str) -> bytes:
    with media_storage().open(name, "rb") as handle:
        return handle.read()


@transaction.atomic
def nomination_accept(
    *, nomination: Nomination, catalog: str, data: RecordData, note: str = "", user=None
) -> Nomination:
    """Accept: create the published record of ``catalog`` from ``data`` (``ValidationError``
    keyed by the record's fields when it is not valid), with the nomination's photos and its
    documents (visible to staff only), in the same transaction as the decision."""
    locked = _locked(nomination.pk, "accept")
    record = record_create(catalog=catalog, data=data, user=user, status=Record.Status.PUBLISHED)
    for item in locked.files.all():
        upload = ContentFile(_file_bytes(item.file.name), name=item.file.name.rsplit("/", 1)[-1])
        if item.kind == NominationFile.Kind.PHOTO:
            texts = ImageTexts(
                alt_text=item.title,
                alt_text_en="",
                alt_text_de="",
                credit=item.credit,
                licence=item.licence,
            )
            image_create(record=record, prepared=prepare_image(upload), texts=texts, user=user)
        else:
            attachment_create(
                record=record,
                prepared=prepare_document(upload),
                title=item.title,
                visibility="staff",
                user=user,
            )
    locked.status = Status.ACCEPTED
    locked.record = record
    locked.status_reason = (note or "").strip()
    locked.decided_at = timezone.now()
    locked.save()
    _event(locked, locked.status_reason, by_committee=True)
    _notify(locked, "accepted")
    return locked


@transaction.atomic
def nomination_forward(*, nomination: Nomination, note: str = "", user=None) -> Nomination:
    locked = _locked(nomination.pk, "forward")
    locked.status = Status.FORWARDED
    locked.forwarded_at = timezone.now()
    locked.save()
    _event(locked, (note or "").strip(), by_committee=True)
    _notify(locked, "forwarded")
    return locked
