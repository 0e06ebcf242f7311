"""Every write of the imports: upload a file, preview it (the dry run), import it, undo it.

The import is all or nothing: the file is read and validated again in full, and only when
every row is valid are the records written, in one transaction, through the record services
(``record_bulk_create_cleaned`` for new records, with the values the plan validated;
``record_update`` for changed ones), so history versions and the search index commit with
them (the stored record JSON of new records follows in background tasks). Each batch keeps
what undoing needs; undoing goes through the same services and refuses when a record changed
since.
"""

import hashlib
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import CleanedRecord
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import (
    RecordConflict,
    record_bulk_archive,
    record_bulk_create_cleaned,
    record_update,
)
from kozkincs.core.memory import collections_skip_objects_alive_now
from kozkincs.core.running import AlreadyRunning, running
from kozkincs.history.services import version_record_data
from kozkincs.imports.models import ImportBatch
from kozkincs.imports.plan import ImportOptions, ImportPlan, import_plan
from kozkincs.imports.reading import ImportFileError, file_inspect
from kozkincs.imports.selectors import import_batch_interrupted

MAX_STORED_PROBLEMS = 2000
CHUNK = 1 << 20
Status = ImportBatch.Status
NEW_RECORD_STATUSES = (Record.Status.PUBLISHED, Record.Status.DRAFT)


class ImportRefused(ValidationError):
    """The import cannot go on; the message says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)


def import_directory() -> Path:
    return Path(settings.KOZKINCS_IMPORT_DIR)


def import_batch_path(batch: ImportBatch) -> Path:
    return import_directory() / batch.stored_name


def _definition(catalog: str) -> CatalogDefinition:
    definition = catalog_get(catalog)
    if definition is None:
        raise ImportRefused(_("Unknown catalog: “%(key)s”.") % {"key": catalog})
    return definition


def _store(chunks, suffix: str) -> tuple[str, str, int]:
    directory = import_directory()
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}{suffix}"
    digest, size, limit = hashlib.sha256(), 0, settings.KOZKINCS_IMPORT_MAX_BYTES
    with open(directory / name, "wb") as target:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                target.close()
                (directory / name).unlink()
                raise ImportRefused(
                    _("The file is larger than %(limit)d MB.") % {"limit": limit // (1 << 20)}
                )
            digest.update(chunk)
            target.write(chunk)
    return name, digest.hexdigest(), size


def _file_chunks(source):
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    else:
        yield from source.chunks(CHUNK)


def import_batch_create(
    *, catalog: str, source, file_name: str, user=None, options: ImportOptions | None = None,
    language: str = "hu",
) -> ImportBatch:  # fmt: skip
    """Keep the uploaded ``source`` (an ``UploadedFile`` or a path) and recognise it."""
    _definition(catalog)
    options = options or ImportOptions()
    stored, file_hash, size = _store(_file_chunks(source), Path(file_name).suffix[:10].lower())
    try:
        info = file_inspect(import_directory() / stored, encoding=options.encoding,
                            delimiter=options.delimiter, sheet=options.sheet)  # fmt: skip
    except ImportFileError as error:
        (import_directory() / stored).unlink()
        raise ImportRefused(str(error)) from None
    return ImportBatch.objects.create(
        catalog=catalog, user=user if getattr(user, "is_authenticated", False) else None,
        file_name=Path(file_name).name[:255], file_hash=file_hash, file_size=size,
        stored_name=stored, language=language, options=options.as_json(), info=info.as_json(),
    )  # fmt: skip


def _progress(batch: ImportBatch) -> Callable[[int], None]:
    def report(done: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(progress_done=done)

    return report


def _report(plan: ImportPlan) -> dict:
    mapping = plan.mapping
    columns = []
    if mapping is not None:
        for index, heading in enumerate(mapping.headers):
            column = mapping.assigned.get(index)
            columns.append({
                "index": index, "column": mapping.describe(index), "heading": heading,
                "key": column.key if column else "", "label": column.label() if column else "",
                "unknown": index in mapping.unknown, "ignored": index in mapping.ignored,
            })  # fmt: skip
    return {
        "counts": plan.counts(),
        "header_row": mapping.header_index + 1 if mapping else None,
        "columns": columns,
        "mapping_problems": plan.mapping_problems,
        "update_by": plan.update_by,
        "problem_count": len(plan.problems),
        "problems": [
            [p.row, p.column, p.value, p.message] for p in plan.problems[:MAX_STORED_PROBLEMS]
        ],
    }


def _save_plan(batch: ImportBatch, plan: ImportPlan, **changes) -> None:
    counts = plan.counts()
    fields = {
        "info": plan.info.as_json(), "report": _report(plan), "new_count": counts["new"],
        "updated_count": counts["updated"], "unchanged_count": counts["unchanged"],
        "invalid_count": counts["invalid"], "work": "", **changes,
    }  # fmt: skip
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)
    for name, value in fields.items():
        setattr(batch, name, value)


def import_batch_preview(
    *, batch: ImportBatch, options: ImportOptions | None = None, progress=None
) -> ImportPlan:
    """The dry run: read and validate the file with ``options`` (default: the batch's), keep
    the report; nothing else is written."""
    if batch.status not in (Status.UPLOADED, Status.PREVIEWED):
        raise ImportRefused(_("This file has already been imported."))
    definition = _definition(batch.catalog)
    options = options or ImportOptions.from_json(batch.options)
    with (
        _running(batch, _("A preview of this file is already running.")),
        translation.override(batch.language),
    ):
        try:
            plan = import_plan(definition=definition, path=import_batch_path(batch),
                               options=options, progress=progress or _progress(batch),
                               keep_rows=False)  # fmt: skip
        except ImportFileError as error:
            ImportBatch.objects.filter(pk=batch.pk).update(work="", message=str(error))
            raise ImportRefused(str(error)) from None
        _save_plan(batch, plan, options=options.as_json(), status=Status.PREVIEWED, message="")
    return plan


def import_batch_choose(*, batch: ImportBatch, options: ImportOptions) -> ImportBatch:
    """Keep how the user wants the file read (encoding, delimiter, sheet, update key, column
    mapping) for the next preview."""
    if batch.status not in (Status.UPLOADED, Status.PREVIEWED):
        raise ImportRefused(_("This file has already been imported."))
    batch.options = options.as_json()
    batch.save(update_fields=["options"])
    return batch


def earlier_import(batch: ImportBatch) -> ImportBatch | None:
    """An import of the same file into the same catalog that is still in effect."""
    return (
        ImportBatch.objects.filter(
            catalog=batch.catalog, file_hash=batch.file_hash, status=Status.APPLIED
        )
        .exclude(pk=batch.pk)
        .first()
    )


@contextmanager
def _running(batch: ImportBatch, refusal: str) -> Iterator[None]:
    """Hold the batch's lock (:mod:`kozkincs.core.running`) while previewing or importing, so
    that an interrupted run is recognised by :func:`import_batch_interrupted`."""
    try:
        with running(batch.lock_name):
            yield
    except AlreadyRunning:
        raise ImportRefused(refusal) from None


def import_batch_recover(*, batch: ImportBatch) -> bool:
    """Release a batch whose preview or import was interrupted (its process ended without
    finishing: a crash, a kill, a restart). Nothing of an interrupted import was written: it
    runs in one transaction. Returns whether the batch was released."""
    if not import_batch_interrupted(batch):
        return False
    with translation.override(batch.language):
        released = _release(batch)
    batch.refresh_from_db()
    return bool(released)


def _release(batch: ImportBatch) -> int:
    if batch.status == Status.APPLYING:
        message = _("The import was interrupted (the server stopped while working on it). "
                    "Nothing was imported; you can start it again.")  # fmt: skip
        return ImportBatch.objects.filter(pk=batch.pk, status=Status.APPLYING).update(
            status=Status.PREVIEWED if batch.report else Status.UPLOADED, work="",
            message=message,
        )  # fmt: skip
    message = _("The preview was interrupted (the server stopped while working on it). "
                "Start it again.")  # fmt: skip
    return ImportBatch.objects.filter(pk=batch.pk, work=batch.work).update(work="", message=message)


def _claim(batch: ImportBatch, *, recovering: bool = True) -> None:
    try:
        with transaction.atomic():
            claimed = ImportBatch.objects.filter(
                pk=batch.pk, status__in=[Status.UPLOADED, Status.PREVIEWED]
            ).update(status=Status.APPLYING, work=ImportBatch.Work.APPLY, progress_done=0)
    except IntegrityError:
        blocking = ImportBatch.objects.filter(catalog=batch.catalog, status=Status.APPLYING)
        if recovering and any(import_batch_recover(batch=other) for other in blocking):
            return _claim(batch, recovering=False)
        raise ImportRefused(
            _("Another import into this catalog is running: try again when it has finished.")
        ) from None
    if not claimed:
        raise ImportRefused(_("This import is already running or has finished."))


def import_batch_apply(
    *, batch: ImportBatch, user=None, status: str = Record.Status.PUBLISHED,
    confirm_repeat: bool = False, progress=None,
) -> ImportBatch:  # fmt: skip
    """Import the file: all rows or, when any is invalid, none (``ImportRefused``)."""
    definition = _definition(batch.catalog)
    if status not in NEW_RECORD_STATUSES:
        raise ImportRefused(_("Unknown status: “%(status)s”.") % {"status": status})
    earlier = earlier_import(batch)
    if earlier is not None and not confirm_repeat:
        raise ImportRefused(
            _("This file was already imported into this catalog on %(date)s (import %(id)d). "
              "Confirm to import it again.")
            % {"date": timezone.localtime(earlier.applied_at).strftime("%Y-%m-%d %H:%M"),
               "id": earlier.pk}
        )  # fmt: skip
    with _running(batch, _("This import is already running or has finished.")):
        _claim(batch)
        return _apply_claimed(batch, definition, user=user, status=status, progress=progress)


def _apply_claimed(batch: ImportBatch, definition, *, user, status: str, progress):
    previous = Status.PREVIEWED if batch.report else Status.UPLOADED
    try:
        with translation.override(batch.language):
            plan = import_plan(
                definition=definition, path=import_batch_path(batch),
                options=ImportOptions.from_json(batch.options),
                progress=progress or _progress(batch),
            )  # fmt: skip
            if not plan.ok:
                _save_plan(batch, plan, status=previous)
                raise ImportRefused(_refusal(plan))
            with collections_skip_objects_alive_now():  # the plan's rows, start-up's objects
                _write(batch, plan, user=user, status=status)
    except IntegrityError:
        # A settlement or record the rows refer to was deleted since the plan validated them
        # (or a record took a slug meanwhile): the transaction rolled back.
        ImportBatch.objects.filter(pk=batch.pk).update(status=previous, work="")
        with translation.override(batch.language):
            message = _("A settlement or record the file refers to was changed while the file "
                        "was being imported; nothing was imported. Try again.")  # fmt: skip
        raise ImportRefused(message) from None
    except ImportFileError as error:
        ImportBatch.objects.filter(pk=batch.pk).update(status=previous, work="")
        raise ImportRefused(str(error)) from None
    except BaseException:
        ImportBatch.objects.filter(pk=batch.pk).update(status=previous, work="")
        raise
    return batch


def _refusal(plan: ImportPlan) -> str:
    if plan.mapping_problems:
        return " ".join(plan.mapping_problems)
    return ngettext(
        "%(count)d row is invalid: nothing was imported. Correct it and upload the file again.",
        "%(count)d rows are invalid: nothing was imported. Correct them and upload the file again.",
        plan.invalid,
    ) % {"count": plan.invalid}


def _new_rows_handed_over(plan: ImportPlan) -> Iterator[CleanedRecord]:
    """The validated data of the plan's new rows, each let go of as the write takes it: the
    rows written leave memory while the next ones are written (the plan keeps its counts)."""
    rows = deque(plan.new)
    plan.new.clear()
    while rows:
        yield rows.popleft()


@transaction.atomic
def _write(batch: ImportBatch, plan: ImportPlan, *, user, status: str) -> None:
    created_ids = record_bulk_create_cleaned(
        catalog=batch.catalog, cleaned=_new_rows_handed_over(plan), user=user, status=status
    )
    records = Record.objects.in_bulk([row.record_id for row in plan.updated])
    updated = []
    for row in plan.updated:
        try:
            record = record_update(
                record=records[row.record_id], data=row.data, user=user,
                expected_version=row.version, history_reason="imported",
            )  # fmt: skip
        except RecordConflict:
            raise ImportRefused(
                _("Row %(row)d: “%(name)s” was changed while the file was being imported; "
                  "nothing was imported. Try again.")
                % {"row": row.number, "name": records[row.record_id].name}
            ) from None  # fmt: skip
        updated.append({"id": record.pk, "before": row.version, "after": record.version})
    _save_plan(
        batch, plan, status=Status.APPLIED, applied_at=timezone.now(), message="",
        created_ids=created_ids, updated_records=updated,
        user=user if getattr(user, "is_authenticated", False) else batch.user,
    )  # fmt: skip


def _changed_since(batch: ImportBatch) -> list[str]:
    created = dict(Record.objects.filter(pk__in=batch.created_ids).values_list("id", "version"))
    changed = [pk for pk in batch.created_ids if created.get(pk) != 1]
    after = {entry["id"]: entry["after"] for entry in batch.updated_records}
    current = dict(Record.objects.filter(pk__in=list(after)).values_list("id", "version"))
    changed += [pk for pk, version in after.items() if current.get(pk) != version]
    names = Record.objects.filter(pk__in=changed[:5]).values_list("name", flat=True)
    return [*names, *(["…"] if len(changed) > 5 else [])] if changed else []


@transaction.atomic
def import_batch_undo(*, batch: ImportBatch, user=None) -> ImportBatch:
    """Undo an import as a whole: its new records go to the trash, the records it updated get
    their earlier content back (a new version each). Refused when any of them changed since."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != Status.APPLIED:
        raise ImportRefused(_("Only an import that is in effect can be undone."))
    changed = _changed_since(batch)
    if changed:
        raise ImportRefused(
            _("Records of this import were changed after it (%(names)s): undoing it would "
              "lose those changes, so nothing was undone. Revert them one by one on their "
              "history pages.") % {"names": ", ".join(changed)}
        )  # fmt: skip
    try:
        record_bulk_archive(ids=list(batch.created_ids), user=user, expected_version=1)
        _revert_updates(batch, user)
    except (RecordConflict, ValidationError):
        raise ImportRefused(
            _("Records of this import were changed while it was being undone: nothing was "
              "undone. Try again.")
        ) from None  # fmt: skip
    batch.status, batch.undone_at = Status.UNDONE, timezone.now()
    batch.undone_by = user if getattr(user, "is_authenticated", False) else None
    batch.save(update_fields=["status", "undone_at", "undone_by"])
    return batch


def _revert_updates(batch: ImportBatch, user) -> None:
    entries = {entry["id"]: entry for entry in batch.updated_records}
    records = Record.objects.in_bulk(list(entries))
    versions = Record.history.model.objects.filter(id__in=list(entries)).order_by(
        "history_date", "history_id"
    )
    before = {}
    for version in versions:
        if version.version == entries[version.id]["before"]:
            before[version.id] = version  # the latest version row with that number
    for pk, entry in entries.items():
        record_update(
            record=records[pk], data=version_record_data(before[pk]), user=user,
            expected_version=entry["after"], history_reason="import undone",
        )  # fmt: skip
