"""The versions of records (django-simple-history rows), written by the record services.

Every service that changes a record calls :func:`record_versions_write` inside its
transaction, so a version commits or rolls back with the change it describes (and with the
search index). A version copies the record's columns and, in the snapshot fields of
:class:`~kozkincs.catalog.models.RecordVersionSnapshot`, its further settlements, strategy
priorities and outgoing relations. The bulk load has the database copy its versions from the
record rows it has just written (:func:`record_versions_copy`), with the snapshots it has in
hand, instead of sending every record a second time.

``history_change_reason`` holds what happened, untranslated (``created``, ``updated``,
``published``, ``unpublished``, ``archived``, ``restored``, ``reverted:<version>``,
``related record deleted``); the history pages translate it.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from django.db import connection
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


def _user_id(user) -> int | None:
    """The id of the user a version names: none for an anonymous or missing user."""
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


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
    user_id = _user_id(user)
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


def record_versions_copy(
    records: list[Record], *, user, reason: str, snapshots: dict[int, Snapshot], created: bool
) -> None:
    """:func:`record_versions_write` of records written in this transaction and not changed
    since: each version's record columns are copied by the database from the record's row
    (one ``INSERT … SELECT`` for all of them) instead of being sent to it again from here.

    A bulk create writes 100,000 records at once; sending their versions as well doubled
    what travelled to the database (the values, texts and JSON of every record, formatted
    here and parsed there): 10 % of a 100,000-row import. The snapshots, the only part of a
    version that is not in the record's row, travel as one JSON parameter, read by the
    database (``jsonb_array_elements`` on PostgreSQL, ``json_each`` on SQLite)."""
    if not records:
        return
    model = Record.history.model
    fields = {item.attname: item for item in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    tracked = [quote(item.column) for item in model.tracked_fields]
    empty = Snapshot()
    snapshot_rows = []
    for record in records:
        snapshot = snapshots.get(record.pk) or empty
        snapshot_rows.append(
            [record.pk, snapshot.settlement_ids, snapshot.priority_ids, snapshot.relations]
        )
    if connection.vendor == "postgresql":
        elements, element = "jsonb_array_elements(%s::jsonb)", "(s.value -> {})"
        record_id = "(s.value ->> 0)::bigint"
    else:
        elements, element = "json_each(%s)", "json_extract(s.value, '$[{}]')"
        record_id = element.format(0)
    user_id = _user_id(user)
    given_values = (timezone.now(), user_id, "+" if created else "~", reason)
    given = [
        fields[name].get_db_prep_save(value, connection=connection)
        for name, value in zip(VERSION_COLUMNS[:4], given_values, strict=True)
    ]
    columns = [quote(fields[name].column) for name in VERSION_COLUMNS] + tracked
    pk = quote(Record._meta.pk.column)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT %s, %s, %s, %s, {element.format(1)}, {element.format(2)}, {element.format(3)}, "
        f"{', '.join(f'r.{column}' for column in tracked)} "
        f"FROM {elements} AS s "
        f"JOIN {quote(Record._meta.db_table)} AS r ON r.{pk} = {record_id} "
        f"ORDER BY r.{pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*given, json.dumps(snapshot_rows)])


def record_versions_forget(record_id: int) -> int:
    """Remove every version of a purged record (its copies of personal data go with it)."""
    deleted, _ = Record.history.model.objects.filter(id=record_id).delete()
    return deleted
