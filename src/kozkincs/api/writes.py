"""The write API: create, change and archive records with an API token.

Every write goes through the portal's own editing service (``editing.services.record_save``):
the same validation, the same roles and the same moderation as the forms. Those who may
publish get the record saved (``201``/``200``); everyone else gets a change request that waits
for a moderator (``202``), exactly as when they use the portal's forms. Changing or archiving
an existing record names the version it was read at (``version``, from ``GET
/records/{id}``); when someone saved the record since, the answer is ``409`` and nothing
changes. Requests are limited per token (``KOZKINCS_API_WRITE_RATE``).
"""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema, Status
from ninja.throttling import AuthRateThrottle

from kozkincs.accounts.permissions import can_publish
from kozkincs.api.errors import WRITE_ERROR_RESPONSES, request_language
from kozkincs.api.records import RecordId
from kozkincs.api.records import router as records_router
from kozkincs.api.tokens import TokenAuth, write_rate
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import RecordConflict, record_archive
from kozkincs.editing.permissions import can_open_create_form, can_open_edit_form
from kozkincs.editing.services import SaveResult, record_save
from kozkincs.gazetteer.models import Settlement

# The paths are those of the read operations (``/records``, ``/records/{id}``): one router
# answers both, or Django would find the read path first and refuse the other methods.
router = records_router


class TokenRateThrottle(AuthRateThrottle):
    """Requests per token, at the rate the settings give now (``KOZKINCS_API_WRITE_RATE``)."""

    def __init__(self):
        super().__init__(write_rate())

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = write_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class SourceIn(Schema):
    title: str = Field(max_length=500)
    url: str = Field("", max_length=2000)


class PrivacyIn(Schema):
    consent: bool = False
    visibility: Literal["public", "members", "staff"] = "staff"
    private_person: bool = Field(
        False, description="Only for may_be_personal contact fields: the value is a private "
        "person's, so it follows consent."
    )  # fmt: skip


class RecordChangeIn(Schema):
    """The parts of a record to set; parts left out stay as they are."""

    name: str | None = Field(None, description="The name in Hungarian.")
    name_en: str | None = None
    name_de: str | None = None
    summary: str | None = Field(None, description="A short plain-text lead.")
    summary_en: str | None = None
    summary_de: str | None = None
    description: str | None = Field(
        None, description="Rich text (HTML of the allowed tags; anything else is removed)."
    )
    description_en: str | None = None
    description_de: str | None = None
    settlement: str | None = Field(None, description="The main settlement's KSH code.")
    settlements: list[str] | None = Field(None, description="Further settlements (KSH codes).")
    lat: float | None = None
    lon: float | None = None
    priorities: list[int] | None = Field(None, description="Strategy priority numbers (1 to 5).")
    tags: list[str] | None = None
    sources: list[SourceIn] | None = None
    values: dict[str, Any] | None = Field(
        None,
        description="The catalog's own fields by key (see `GET /catalogs/{key}`); a reference "
        "to another record is its id, a settlement its KSH code.",
    )
    privacy: dict[str, PrivacyIn] | None = Field(
        None,
        description="Consent and visibility of personal fields, by field key "
        "(and, for may_be_personal contact fields, private_person: true or false).",
    )


class RecordUpdateIn(RecordChangeIn):
    version: int = Field(description="The version the change was made from (`GET /records/{id}`).")


class RecordCreateIn(RecordChangeIn):
    catalog: str = Field(description="The catalog's key, e.g. `built-values`.")
    name: str = Field(description="The name in Hungarian.")
    publish: bool = Field(False, description="Publish at once (only for those who may publish).")


class ArchiveIn(Schema):
    version: int = Field(description="The version of the record to archive.")


class ChangeRequestRef(Schema):
    id: int
    state: str


class WriteOut(Schema):
    """What a write did: the record saved, or the change request waiting for a moderator."""

    outcome: Literal["saved", "submitted"]
    message: str
    record_id: int | None
    version: int | None
    status: str | None
    change_request: ChangeRequestRef | None


WRITE_RESPONSES: dict[int, Any] = {
    200: WriteOut,
    201: WriteOut,
    202: WriteOut,
    **WRITE_ERROR_RESPONSES,
}


def _data(body: RecordChangeIn) -> dict:
    return body.model_dump(exclude_unset=True, exclude={"catalog", "version", "publish"})


def _answer(result, *, created: bool = False) -> Status:
    if result.change_request is not None:
        change = result.change_request
        return Status(
            202,
            {
                "outcome": "submitted",
                "message": _(
                    "Your change was submitted; a moderator will review it. The published record "
                    "does not change until then."
                ),
                "record_id": change.record_id,
                "version": None,
                "status": None,
                "change_request": {"id": change.pk, "state": change.state},
            },
        )
    record = result.record
    return Status(
        201 if created else 200,
        {
            "outcome": "saved",
            "message": _("Saved."),
            "record_id": record.pk,
            "version": record.version,
            "status": record.status,
            "change_request": None,
        },
    )


WRITE = {
    "auth": TokenAuth(), "throttle": TokenRateThrottle(), "response": WRITE_RESPONSES,
    "tags": ["writing"],
}  # fmt: skip


@router.post("/records", **WRITE, summary="Create a record")
def record_create_endpoint(request: HttpRequest, body: RecordCreateIn):
    """Save a new record (``201``), or submit it for moderation (``202``) when you may not
    publish in that catalog and settlement."""
    with translation.override(request_language(request)):
        if catalog_get(body.catalog) is None:
            raise ValidationError(
                {"catalog": _("Unknown catalog: “%(key)s”.") % {"key": body.catalog}}
            )
        settlement = Settlement.objects.filter(ksh_code=body.settlement or "").first()
        if not can_open_create_form(request.user, body.catalog, settlement):
            raise PermissionDenied(_("You may not add records to this catalog."))
        result = record_save(
            user=request.user, catalog=body.catalog, data=_data(body), publish=body.publish
        )
        return _answer(result, created=True)


@router.patch("/records/{record_id}", **WRITE, summary="Change a record")
def record_update_endpoint(
    request: HttpRequest, record_id: Path[RecordId], body: RecordUpdateIn
):  # fmt: skip
    """Change the given parts of a record (``version`` required): saved (``200``), or
    submitted for moderation (``202``) when you may not publish it."""
    with translation.override(request_language(request)):
        record = _record(record_id)
        if not can_open_edit_form(request.user, record):
            raise PermissionDenied(_("You may not change this record."))
        return _answer(
            record_save(
                user=request.user, catalog=record.catalog, data=_data(body), record=record,
                expected_version=body.version,
            )
        )  # fmt: skip


@router.post("/records/{record_id}/archive", **WRITE, summary="Archive a record")
def record_archive_endpoint(request: HttpRequest, record_id: Path[RecordId], body: ArchiveIn):
    """Move a record to the trash (moderators and administrators; it can be restored from the
    portal's trash)."""
    with translation.override(request_language(request)), transaction.atomic():
        record = _record(record_id, lock=True)
        if not can_publish(request.user, record=record):
            raise PermissionDenied(_("Only moderators and administrators may archive records."))
        if record.version != body.version:
            raise RecordConflict(expected_version=body.version, current=record, attempted={})
        if record.status == Record.Status.ARCHIVED:
            raise ValidationError({"status": _("This record is already in the trash.")})
        return _answer(SaveResult(record=record_archive(record=record, user=request.user)))


def _record(record_id: int, *, lock: bool = False) -> Record:
    records = Record.objects.select_for_update() if lock else Record.objects
    record = records.filter(pk=record_id).first()
    if record is None:
        raise Http404(_("There is no record with id %(id)s.") % {"id": record_id})
    return record
