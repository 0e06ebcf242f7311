"""The versions of records (django-simple-history rows), written by the record services.

Every service that changes a record calls :func:`record_versions_write` inside its
transaction, so a version commits or rolls back with the change it describes (and with the
search index). A version copies the record's columns and, in the snapshot fields of
:class:`~kozkincs.catalog.models.RecordVersionSnapshot`, its further settlements, strategy
priorities and outgoing relations. The bulk load writes its versions in bulk from the objects
it has just created (no re-reading), as rows (``core.bulk_rows``), not model instances.

``history_change_reason`` holds what happened, untranslated (``created``, ``updated``,
``published``, ``unpublished``, ``archived``, ``restored``, ``reverted:<version>``,
``related record deleted``); the history pages translate it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from django.utils import timezone

from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.core.bulk_rows import rows_insert

VERSION_COLUMNS = [
    "history_date", "history_user_id", "history_type", "history_change_reason",
    "settlement_ids", "priority_ids", "relations",
]  # fmt: skip
"""The columns of a version besides the record's own (``tracked_fields``)."""
REVERTED_PREFIX = "reverted:"


@dataclass
class Snapshot:
    """The many-valued parts of a record at one moment."""

    settlement_ids: list[int] = field(default_factory=list)
    priority_ids: list[int] = field(default_factory=list)
    relations: dict[str, list[int]] = field(default_factory=dict)


def record_snapshots(record_ids: Iterable[int]) -> dict[int, Snapshot]:
    """The current snapshot of each record (three queries)."""
    ids = list(record_ids)
    snapshots = {pk: Snapshot() for pk in ids}
    settlements = Record.settlements.through.objects.filter(record_id__in=ids)
    for record_id, settlement_id in settlements.order_by("settlement_id").values_list(
        "record_id", "settlement_id"
    ):
        snapshots[record_id].settlement_ids.append(settlement_id)
    priorities = Record.priorities.through.objects.filter(record_id__in=ids)
    for record_id, priority_id in priorities.order_by("strategypriority_id").values_list(
        "record_id", "strategypriority_id"
    ):
        snapshots[record_id].priority_ids.append(priority_id)
    relations = RecordRelation.objects.filter(source_id__in=ids).order_by(
        "source_id", "field_key", "position", "id"
    )
    for source_id, key, target_id in relations.values_list("source_id", "field_key", "target_id"):
        snapshots[source_id].relations.setdefault(key, []).append(target_id)
    return snapshots


def record_versions_write(
    records: list[Record],
    *,
    user,
    reason: str,
    created: bool = False,
    snapshots: dict[int, Snapshot] | None = None,
) -> None:
    """Write one version of each of ``records`` as they are now (``snapshots`` given by a
    caller that knows them; read otherwise)."""
    if not records:
        return
    if snapshots is None:
        snapshots = record_snapshots(record.pk for record in records)
    model = Record.history.model
    now = timezone.now()
    user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
    tracked = [field.attname for field in model.tracked_fields]
    tracked_values = attrgetter(*tracked)  # a tuple of them, read without a call per column
    empty = Snapshot()
    rows = []
    for record in records:
        snapshot = snapshots.get(record.pk) or empty
        rows.append(
            (
                now, user_id, "+" if created else "~", reason,
                snapshot.settlement_ids, snapshot.priority_ids, snapshot.relations,
                *tracked_values(record),
            )
        )  # fmt: skip
    rows_insert(model, VERSION_COLUMNS + tracked, rows)


def record_versions_forget(record_id: int) -> int:
    """Remove every version of a purged record (its copies of personal data go with it)."""
    deleted, _ = Record.history.model.objects.filter(id=record_id).delete()
    return deleted
