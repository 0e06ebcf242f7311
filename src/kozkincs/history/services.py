"""Reverting a record to an earlier version, restoring it from the trash, purging it.

Each goes through the catalog's services, so the change is validated like any edit, writes a
new version (a revert never deletes history) and updates the search index in the same
transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kozkincs.catalog.fields import field_type
from kozkincs.catalog.history import REVERTED_PREFIX
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import TEXT_COLUMNS, RecordData
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import record_delete, record_restore, record_update
from kozkincs.gazetteer.models import Settlement
from kozkincs.history.selectors import record_latest_version_id, status_before_trash
from kozkincs.strategy.models import StrategyPriority


def _settlements(ids: list[int]) -> list[Settlement]:
    found = Settlement.objects.in_bulk(ids)
    if len(found) != len(set(ids)):
        raise ValidationError({"settlements": _("A settlement of that version no longer exists.")})
    return [found[pk] for pk in ids]


def version_record_data(version) -> RecordData:
    """Everything ``version`` held, as the record services take it."""
    definition = catalog_get(version.catalog)
    if definition is None:
        raise ValidationError({"catalog": _("The catalog of this record is not defined any more.")})
    settlement = _settlements([version.settlement_id])[0] if version.settlement_id else None
    numbers = dict(StrategyPriority.objects.values_list("pk", "number"))
    values, relations = version.values or {}, version.relations or {}
    data: RecordData = {column: getattr(version, column) for column in TEXT_COLUMNS}
    data.update(
        settlement=settlement,
        settlements=_settlements(list(version.settlement_ids or [])),
        lat=version.lat, lon=version.lon,
        priorities=[numbers[pk] for pk in version.priority_ids or [] if pk in numbers],
        tags=list(version.tags or []), sources=list(version.sources or []),
        values={
            fdef.key: field_type(fdef.type).stored(values, relations, field=fdef)
            for fdef in definition.fields
        },
        privacy={
            fdef.key: version.privacy[fdef.key]
            for fdef in definition.fields
            if fdef.has_privacy_settings and fdef.key in (version.privacy or {})
        },
    )  # fmt: skip
    return data


@transaction.atomic
def record_revert(*, record: Record, version, user=None, expected_version: int | None) -> Record:
    """Make ``version``'s content the record's content again, as a new version.

    The status (draft, published, archived) stays as it is. ``expected_version`` is the
    record version the editor saw; a newer saved version is a ``RecordConflict``.
    """
    if version.id != record.pk:
        raise ValidationError({"version": _("That version belongs to another record.")})
    if expected_version is None:
        raise ValidationError(
            {"version": _("The form did not say which version of the record you saw.")}
        )
    if version.history_id == record_latest_version_id(record=record):
        raise ValidationError({"version": _("This is already the current version.")})
    return record_update(
        record=record, data=version_record_data(version), user=user,
        expected_version=expected_version,
        history_reason=f"{REVERTED_PREFIX}{version.version}",
    )  # fmt: skip


@transaction.atomic
def record_trash_restore(*, record: Record, user=None) -> Record:
    """Take ``record`` out of the trash, back to the status it had before."""
    return record_restore(record=record, status=status_before_trash(record=record), user=user)


@transaction.atomic
def record_purge(*, record: Record, user=None) -> None:
    """Delete a record in the trash for good, with its history."""
    if record.status != Record.Status.ARCHIVED:
        raise ValidationError({"status": _("Only a record in the trash can be deleted for good.")})
    record_delete(record=record, user=user)
