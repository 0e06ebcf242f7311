"""Writes of the editing pages: saving a record or proposing it, and the moderators' decisions.

``record_save`` is the one entry of the edit and create pages: those who may publish save
through the catalog services at once (optimistic lock, history and search index in the same
transaction); everyone else's new record or change becomes a change request, validated by the
same rules, and the record stays as it is until a moderator approves. ``change_request_approve``
applies a proposal through the catalog services in one transaction; a proposal based on an
older version than the saved one is refused with ``ChangeRequestStale`` unless the moderator
confirmed, having seen the comparison, the version they saw. The author is told of every
decision by e-mail (``core.mail``, queued when the transaction commits).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kozkincs.accounts.permissions import can_propose, can_publish, is_moderator
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import RecordData, References, record_data_clean
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import (
    RecordConflict,
    record_create,
    record_publish,
    record_update,
)
from kozkincs.core.mail import mail_queue
from kozkincs.editing.models import ChangeRequest
from kozkincs.editing.permissions import can_open_create_form, can_open_edit_form
from kozkincs.editing.proposals import record_data_json
from kozkincs.gazetteer.models import Settlement

State = ChangeRequest.State


class ChangeRequestStale(ValidationError):
    """The record was saved after the version the change request was based on."""

    def __init__(self, *, change_request: ChangeRequest, current_version: int):
        self.change_request = change_request
        self.current_version = current_version
        super().__init__(
            {
                "__all__": _(
                    "The record was changed (it is now version %(current)s) after this proposal "
                    "was made from version %(base)s. Compare the proposal with the record as it "
                    "is now: applying it replaces the fields it changes."
                )
                % {"current": current_version, "base": change_request.base_version}
            }
        )


@dataclass(frozen=True)
class SaveResult:
    record: Record | None = None
    change_request: ChangeRequest | None = None


def _refuse(message) -> ValidationError:
    return ValidationError({"__all__": message})


def _check_valid(*, catalog: str, data: RecordData, record: Record | None) -> None:
    """The services' rules, without writing (a change request must be applicable)."""
    definition = catalog_get(catalog)
    if definition is None:
        raise ValidationError({"catalog": _("Unknown catalog: “%(key)s”.") % {"key": catalog}})
    record_data_clean(
        definition=definition, data=data,
        references=References.for_items(definition, [data]), existing=record,
    )  # fmt: skip


def _settlement(data: RecordData, record: Record | None) -> Settlement | None:
    given = data.get("settlement")
    if isinstance(given, Settlement):
        return given
    if given:
        return Settlement.objects.filter(ksh_code=str(given)).first()
    return record.settlement if record is not None else None


@transaction.atomic
def record_save(
    *, user, catalog: str, data: RecordData, record: Record | None = None,
    expected_version: int | None = None, publish: bool = False,
) -> SaveResult:  # fmt: skip
    """Save ``data`` as a new record of ``catalog`` (``record`` None) or as a change of
    ``record``; or, for those who may not publish, submit it as a change request."""
    if record is not None and record.catalog != catalog:
        raise _refuse(_("This form belongs to another catalog. Nothing was saved."))
    if record is None and catalog_get(catalog) is None:
        raise ValidationError({"catalog": _("Unknown catalog: “%(key)s”.") % {"key": catalog}})
    if record is None and not can_open_create_form(user, catalog, _settlement(data, None)):
        raise _refuse(_("You may not edit this record."))
    if record is not None and not can_open_edit_form(user, record):
        raise _refuse(_("You may not edit this record."))
    if not can_publish(
        user, record=record, catalog_key=catalog, settlement=_settlement(data, record)
    ):
        return SaveResult(
            change_request=change_request_submit(
                user=user,
                catalog=catalog,
                data=data,
                record=record,
                base_version=expected_version,
            )
        )
    if record is None:
        saved = record_create(catalog=catalog, data=data, user=user)
    else:
        if expected_version is None:  # a form without its version must not overwrite anything
            raise RecordConflict(expected_version=None, current=record, attempted=data)
        saved = record_update(
            record=record, data=data, user=user, expected_version=expected_version
        )
    if publish and saved.status != Record.Status.PUBLISHED:
        saved = record_publish(record=saved, user=user)
    return SaveResult(record=saved)


def change_request_submit(
    *, user, catalog: str, data: RecordData, record: Record | None, base_version: int | None,
    change_request: ChangeRequest | None = None,
) -> ChangeRequest:  # fmt: skip
    """Validate ``data`` and keep it as a change request (or resubmit ``change_request``)."""
    if record is not None and base_version is None:
        raise RecordConflict(expected_version=None, current=record, attempted=data)
    _check_valid(catalog=catalog, data=data, record=record)
    now = timezone.now()
    fields = {
        "catalog": catalog, "record": record, "settlement": _settlement(data, record),
        "name": str(data.get("name") or (record.name if record else ""))[:255],
        "data": record_data_json(data), "base_version": base_version,
        "state": State.SUBMITTED, "submitted_at": now,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }  # fmt: skip
    if change_request is None:
        return ChangeRequest.objects.create(author=user, **fields)
    for key, value in fields.items():
        setattr(change_request, key, value)
    change_request.save()
    return change_request


@transaction.atomic
def change_request_resubmit(
    *, change_request: ChangeRequest, user, data: RecordData, base_version: int | None
) -> ChangeRequest:
    """The author's new version of a proposal a moderator asked changes of."""
    locked = _locked(change_request)
    if locked.author_id != getattr(user, "pk", None) or not can_propose(user):
        raise _refuse(_("Only the author can change this proposal."))
    if locked.state != State.CHANGES_REQUESTED:
        raise _refuse(_("This proposal is not waiting for your changes any more."))
    return change_request_submit(
        user=user, catalog=locked.catalog, data=data, record=locked.record,
        base_version=base_version, change_request=locked,
    )  # fmt: skip


def _locked(change_request: ChangeRequest) -> ChangeRequest:
    # ``of``: PostgreSQL cannot lock the nullable side of the outer join to the record.
    locked = ChangeRequest.objects.select_for_update(of=("self",)).select_related("record")
    return locked.get(pk=change_request.pk)


def _decide(change_request: ChangeRequest, moderator, state: str, reason: str) -> ChangeRequest:
    """Record the decision on the (locked, still submitted) change request; a decision on one
    decided meanwhile (two moderators at once, a stale page) is refused."""
    if change_request.state != State.SUBMITTED:
        raise _refuse(_("This proposal was decided on already; nothing was changed."))
    change_request.state = state
    change_request.reason = reason.strip()
    change_request.decided_at = timezone.now()
    change_request.decided_by = moderator
    # Only these columns: a racing second decision must not overwrite the first one's data.
    updated = ChangeRequest.objects.filter(pk=change_request.pk, state=State.SUBMITTED).update(
        state=state, reason=change_request.reason, decided_at=change_request.decided_at,
        decided_by=moderator, updated_at=change_request.decided_at,
    )  # fmt: skip
    if not updated:
        raise _refuse(_("This proposal was decided on already; nothing was changed."))
    _notify(change_request)
    return change_request


def _check_moderator(user, change_request: ChangeRequest) -> None:
    if not is_moderator(
        user, catalog_key=change_request.catalog, settlement=change_request.settlement
    ):
        raise _refuse(_("You may not decide on this proposal."))


@transaction.atomic
def change_request_approve(
    *, change_request: ChangeRequest, moderator, confirmed_version: int | None = None
) -> Record:
    """Apply the proposal through the catalog services (history and index follow) and mark it
    approved. ``confirmed_version``: the record version the moderator compared the proposal
    with when it was stale (``ChangeRequestStale`` otherwise)."""
    _check_moderator(moderator, change_request)
    locked = _locked(change_request)
    record, data = locked.record, dict(locked.data)
    author = locked.author
    if record is None:
        applied = record_create(catalog=locked.catalog, data=data, user=author or moderator)
        applied = record_publish(record=applied, user=moderator)
    else:
        expected = locked.base_version
        if record.version != expected:
            if confirmed_version != record.version:
                raise ChangeRequestStale(change_request=locked, current_version=record.version)
            expected = confirmed_version
        applied = record_update(
            record=record, data=data, user=author or moderator, expected_version=expected
        )
    _decide(locked, moderator, State.APPROVED, "")
    if locked.record_id is None:
        ChangeRequest.objects.filter(pk=locked.pk).update(record=applied)
    return applied


@transaction.atomic
def change_request_reject(
    *, change_request: ChangeRequest, moderator, reason: str
) -> ChangeRequest:
    _check_moderator(moderator, change_request)
    if not reason.strip():
        raise ValidationError({"reason": _("Write the author why, so they know what to do.")})
    return _decide(_locked(change_request), moderator, State.REJECTED, reason)


@transaction.atomic
def change_request_ask_changes(
    *, change_request: ChangeRequest, moderator, reason: str
) -> ChangeRequest:
    _check_moderator(moderator, change_request)
    if not reason.strip():
        raise ValidationError({"reason": _("Write the author why, so they know what to do.")})
    return _decide(_locked(change_request), moderator, State.CHANGES_REQUESTED, reason)


def _notify(change_request: ChangeRequest) -> None:
    author = change_request.author
    if author is None or not author.email:
        return
    with translation.override(change_request.language):
        path = reverse("editing:contributions")
    mail_queue(
        recipient=author.email,
        template=f"editing/mail/{change_request.state}",
        context={
            "change_request": change_request,
            "contributions_url": settings.KOZKINCS_SITE_URL.rstrip("/") + path,
        },
        language=change_request.language,
    )
