"""Every write to records: create, update (with an optimistic lock), publish, unpublish,
archive (the trash), restore, delete (purge), and a bulk create for large loads.

Each function validates everything first and raises ``ValidationError`` (a dict keyed by
field) before anything is written; it runs in one transaction, writes the record's new
version (``catalog/history.py``) and tells the record-change listeners
(``hooks.record_changed``) inside it, so the history, the search index and other derived data
commit or roll back together with the record.
"""

from collections.abc import Iterable, Iterator
from itertools import batched
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog import detail_reads, hooks
from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.history import (
    Snapshot,
    record_versions_copy,
    record_versions_forget,
    record_versions_write,
)
from kozkincs.catalog.hooks import WrittenRecord
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.record_data import (
    DEFAULT_PRIVACY,
    CleanedRecord,
    RecordData,
    References,
    record_data_clean,
)
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.selectors import record_related_ids
from kozkincs.core.bulk_rows import bulk_page_cache, rows_insert

BULK_BATCH_SIZE = 1000
_FIELDS = Record._meta.concrete_fields
_FIELD_NAMES = [field.attname for field in _FIELDS]
_COLUMNS = [field for field in _FIELDS if not field.primary_key]
"""The columns a bulk insert writes (the id is the database's)."""
_COLUMN_NAMES = [field.attname for field in _COLUMNS]
_SLUG_AT = _COLUMN_NAMES.index("slug")
_ID_AT = next(index for index, field in enumerate(_FIELDS) if field.primary_key)
_FRESH_DEFAULTS = [field for field in _COLUMNS if field.has_default() and callable(field.default)]
"""Columns whose default is made anew for each record (an empty list or dict of its own)."""
_row_values = itemgetter(*_COLUMN_NAMES)
BULK_WRITE_CHUNK = 2000
"""Records a bulk create writes and tells the listeners about at a time (all in its one
transaction), so the records in hand, their versions and derived data are held for one chunk."""
ANALYSIS_LIMIT = 1000
SLUG_LENGTH = 200

__all__ = [
    "RecordConflict",
    "RecordData",
    "record_archive",
    "record_bulk_archive",
    "record_bulk_create",
    "record_bulk_create_cleaned",
    "record_create",
    "record_delete",
    "record_publish",
    "record_restore",
    "record_unpublish",
    "record_update",
    "slug_base",
]


class RecordConflict(ValidationError):
    """Someone saved the record since the caller loaded it; nothing was overwritten.

    ``expected_version`` is the version the caller edited (``None`` when the caller did not
    say which: that is a conflict too, never an overwrite), ``current`` the record as it is
    now saved (``current.version`` its version), ``attempted`` the data that was not saved.
    """

    def __init__(self, *, expected_version: int | None, current: Record, attempted: RecordData):
        self.expected_version = expected_version
        self.current = current
        self.current_version = current.version
        self.attempted = attempted
        if expected_version is None:
            message = _(
                "The form did not say which version of this record you edited, so it may "
                "be older than the saved version %(current)s. Nothing was overwritten: "
                "compare and save again."
            ) % {"current": current.version}
        else:
            message = _(
                "Someone else saved this record in the meantime (you edited version "
                "%(expected)s, the saved one is version %(current)s). Nothing was "
                "overwritten: compare and save again."
            ) % {"expected": expected_version, "current": current.version}
        super().__init__({"version": message})


def _definition(catalog: str) -> CatalogDefinition:
    definition = catalog_get(catalog)
    if definition is None:
        raise ValidationError({"catalog": _("Unknown catalog: “%(key)s”.") % {"key": catalog}})
    return definition


def slug_base(name: str) -> str:
    """``"Szent Mária Magdolna-templom"`` → ``"szent-maria-magdolna-templom"``."""
    return slugify(name)[:SLUG_LENGTH].strip("-") or "record"


def _unique_slug(base: str, taken: set[str]) -> str:
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def _taken_slugs(catalog: str, base: str | None = None) -> set[str]:
    records = Record.objects.filter(catalog=catalog)
    if base is not None:
        records = records.filter(slug__startswith=base)
    return set(records.values_list("slug", flat=True))


def _new_privacy(definition, existing: dict, cleaned: CleanedRecord) -> dict:
    privacy = {**existing, **(cleaned.privacy or {})}
    for fdef in definition.fields:
        if fdef.personal and fdef.key in (cleaned.values or {}) and fdef.key not in privacy:
            privacy[fdef.key] = dict(DEFAULT_PRIVACY)
    return privacy


def _write_relations(record: Record, relations: dict[str, list[int]]) -> None:
    if not relations:
        return
    detail_reads.forget(record)
    RecordRelation.objects.filter(source=record, field_key__in=list(relations)).delete()
    RecordRelation.objects.bulk_create(
        RecordRelation(source=record, target_id=target, field_key=key, position=position)
        for key, targets in relations.items()
        for position, target in enumerate(targets)
    )


def _write_many_to_many(record: Record, cleaned: CleanedRecord) -> None:
    if cleaned.settlements is not None:
        record.settlements.set(cleaned.settlements)
    if cleaned.priorities is not None:
        record.priorities.set(cleaned.priorities)


@transaction.atomic
def record_create(
    *, catalog: str, data: RecordData, user=None, status: str = "draft", is_demo: bool = False
) -> Record:
    """Validate ``data`` against the catalog definition and create a record."""
    definition = _definition(catalog)
    _check_status(status)
    references = References.for_items(definition, [data])
    cleaned = record_data_clean(definition=definition, data=data, references=references)
    record = Record(
        catalog=catalog,
        **cleaned.columns,
        values=cleaned.values or {},
        privacy=_new_privacy(definition, {}, cleaned),
        status=status,
        is_demo=is_demo,
        created_by=_user(user),
        updated_by=_user(user),
        published_at=timezone.now() if status == Record.Status.PUBLISHED else None,
    )
    _save_with_unique_slug(record)
    _write_many_to_many(record, cleaned)
    _write_relations(record, cleaned.relations)
    record_versions_write([record], user=user, reason="created", created=True)
    hooks.record_changed([record.pk], "created")
    return record


SLUG_ATTEMPTS = 3


def _save_with_unique_slug(record: Record) -> None:
    """Insert ``record`` under a slug unique in its catalog.

    Two editors creating records of the same name at the same moment can both pick the same
    free slug (on PostgreSQL; SQLite's IMMEDIATE transactions serialise the writes). The loser's
    insert fails on the unique constraint inside a savepoint; the slug is then chosen again
    among the now committed ones.
    """
    base = slug_base(record.name)
    for attempt in range(1, SLUG_ATTEMPTS + 1):
        record.slug = _unique_slug(base, _taken_slugs(record.catalog, base))
        try:
            with transaction.atomic():
                record.save(force_insert=True)
            return
        except IntegrityError:
            slug_taken = Record.objects.filter(catalog=record.catalog, slug=record.slug).exists()
            if not slug_taken or attempt == SLUG_ATTEMPTS:
                raise
            record.pk = None


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _check_status(status: str) -> None:
    if status not in Record.Status.values:
        raise ValidationError({"status": _("Unknown status: “%(status)s”.") % {"status": status}})


@transaction.atomic
def record_update(
    *, record: Record, data: RecordData, user=None, expected_version: int | None = None,
    history_reason: str = "updated",
) -> Record:  # fmt: skip
    """Change the keys given in ``data`` (``values`` merge into the stored values).

    The update only happens if the stored version is still ``expected_version`` (default: the
    version ``record`` was loaded with); otherwise ``RecordConflict`` is raised.
    ``history_reason`` is what the new version says happened (see ``catalog/history.py``).
    """
    definition = _definition(record.catalog)
    expected = record.version if expected_version is None else expected_version
    references = References.for_items(definition, [data])
    cleaned = record_data_clean(
        definition=definition, data=data, references=references, existing=record
    )
    changes = dict(cleaned.columns)
    if cleaned.values is not None:
        changes["values"] = cleaned.values
    changes["privacy"] = _new_privacy(definition, record.privacy, cleaned)
    if "settlement" in changes:
        changes["settlement_id"] = getattr(changes.pop("settlement"), "pk", None)
    now = timezone.now()
    updated = Record.objects.filter(pk=record.pk, version=expected).update(
        **changes, version=F("version") + 1, updated_at=now, updated_by=_user(user)
    )
    if not updated:
        current = Record.objects.filter(pk=record.pk).first()
        if current is None:
            raise ValidationError({"__all__": _("This record has been deleted.")})
        raise RecordConflict(expected_version=expected, current=current, attempted=data)
    _write_many_to_many(record, cleaned)
    _write_relations(record, cleaned.relations)
    record.refresh_from_db()
    record_versions_write([record], user=user, reason=history_reason)
    detail_reads.forget(record)
    hooks.record_changed([record.pk], "updated")
    return record


def _set_status(
    record: Record, status: str, user, action: hooks.RecordAction, reason: str = ""
) -> Record:
    changes = {"status": status, "updated_at": timezone.now(), "updated_by": _user(user)}
    if status == Record.Status.PUBLISHED and record.published_at is None:
        changes["published_at"] = changes["updated_at"]
    if not Record.objects.filter(pk=record.pk).update(**changes, version=F("version") + 1):
        raise ValidationError({"__all__": _("This record has been deleted.")})
    record.refresh_from_db()
    record_versions_write([record], user=user, reason=reason or action)
    hooks.record_changed([record.pk], action)
    return record


@transaction.atomic
def record_publish(*, record: Record, user=None) -> Record:
    return _set_status(record, Record.Status.PUBLISHED, user, "published")


@transaction.atomic
def record_unpublish(*, record: Record, user=None) -> Record:
    return _set_status(record, Record.Status.DRAFT, user, "unpublished")


@transaction.atomic
def record_archive(*, record: Record, user=None) -> Record:
    return _set_status(record, Record.Status.ARCHIVED, user, "archived")


@transaction.atomic
def record_bulk_archive(*, ids: list[int], user=None, expected_version: int | None = None) -> None:
    """Move many records to the trash at once (e.g. undoing an import): one version each, the
    listeners told once. With ``expected_version``, every record must still be at that version,
    otherwise ``ValidationError`` and nothing changes."""
    now = timezone.now()
    for start in range(0, len(ids), BULK_BATCH_SIZE):
        chunk = ids[start : start + BULK_BATCH_SIZE]
        records = Record.objects.filter(pk__in=chunk)
        if expected_version is not None:
            records = records.filter(version=expected_version)
        changed = records.update(
            status=Record.Status.ARCHIVED, updated_at=now, updated_by=_user(user),
            version=F("version") + 1,
        )  # fmt: skip
        if changed != len(set(chunk)):
            raise ValidationError(
                {"__all__": _("Some of the records were changed or deleted in the meantime.")}
            )
        record_versions_write(list(Record.objects.filter(pk__in=chunk)), user=user,
                              reason="archived")  # fmt: skip
    hooks.record_changed(list(ids), "archived")


@transaction.atomic
def record_restore(*, record: Record, status: str, user=None) -> Record:
    """Take an archived record out of the trash, back to ``status`` (draft or published)."""
    if record.status != Record.Status.ARCHIVED:
        raise ValidationError({"status": _("This record is not in the trash.")})
    if status not in (Record.Status.DRAFT, Record.Status.PUBLISHED):
        raise ValidationError({"status": _("Unknown status: “%(status)s”.") % {"status": status}})
    action = "published" if status == Record.Status.PUBLISHED else "unpublished"
    return _set_status(record, status, user, action, reason="restored")


@transaction.atomic
def record_delete(*, record: Record, user=None) -> None:
    """Purge the record: delete it, its relations (both directions) and its versions.

    Records that referred to it lose that relation: each gets a new version saying so. The
    editors' way to delete is :func:`record_archive` (the trash); purging is for
    administrators (see docs/explanation/history.md).
    """
    record_id = record.pk
    referring = sorted(
        set(
            RecordRelation.objects.filter(target_id=record_id)
            .exclude(source_id=record_id)
            .values_list("source_id", flat=True)
        )
    )
    # The records it referred to list it among their incoming relations.
    shown_by = sorted(record_related_ids(record_ids=[record_id]) - set(referring))
    Record.objects.filter(pk=record_id).delete()
    record_versions_forget(record_id)
    hooks.record_changed([record_id], "deleted")
    if referring:
        Record.objects.filter(pk__in=referring).update(version=F("version") + 1)
        sources = list(Record.objects.filter(pk__in=referring))
        record_versions_write(sources, user=user, reason="related record deleted")
        hooks.record_changed(referring, "updated")
    if shown_by:
        # Their own data did not change, but what they show of their relations did.
        hooks.record_changed(shown_by, "updated")


@transaction.atomic
def record_bulk_create(
    *, catalog: str, items: list[RecordData], user=None, status: str = "published",
    is_demo: bool = False,
) -> list[Record]:  # fmt: skip
    """Create many records: validate every item (errors keyed ``items[i].field``), then
    write them as :func:`record_bulk_create_cleaned` does."""
    definition = _definition(catalog)
    _check_status(status)
    references = References.for_items(definition, items)
    cleaned_items, errors = [], {}
    for index, data in enumerate(items):
        try:
            cleaned_items.append(
                record_data_clean(definition=definition, data=data, references=references)
            )
        except ValidationError as error:
            errors.update({f"items[{index}].{key}": v for key, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with bulk_page_cache():
        return [
            record
            for chunk in _bulk_write(catalog, definition, cleaned_items, user, status, is_demo)
            for record in chunk
        ]


@transaction.atomic
def record_bulk_create_cleaned(
    *, catalog: str, cleaned: Iterable[CleanedRecord], user=None, status: str = "published",
    is_demo: bool = False,
) -> list[int]:  # fmt: skip
    """Create many records from data that ``record_data_clean`` has validated against the
    catalog's definition (an import validates each row once, in its plan, and hands the
    result on); returns their ids. ``cleaned`` is read once, a chunk at a time: an iterator
    that lets go of each item as it hands it over keeps only the chunk being written.

    Written ``BULK_WRITE_CHUNK`` at a time: the records, their many-to-many rows and
    relations, their versions; then the listeners are told of the chunk as a bulk change
    with the records as written (``hooks.written_records``: the search index is built from
    them, not read back; the stored API JSON follows after the commit, in background tasks).
    A reference that disappeared since the validation fails the transaction on its foreign
    key (``IntegrityError``)."""
    definition = _definition(catalog)
    _check_status(status)
    with bulk_page_cache():
        return [
            record.pk
            for chunk in _bulk_write(catalog, definition, cleaned, user, status, is_demo)
            for record in chunk
        ]


def _bulk_write(catalog, definition, cleaned_items, user, status, is_demo) -> Iterator[list]:
    """Write ``cleaned_items`` chunk by chunk, yielding each chunk's records."""
    taken = _taken_slugs(catalog)  # once: the chunks add theirs to it
    for chunk in batched(cleaned_items, BULK_WRITE_CHUNK):
        records = _bulk_insert(catalog, definition, chunk, user, status, is_demo, taken)
        written = [
            WrittenRecord(
                record=record, settlements=list(cleaned.settlements or []),
                priorities=list(cleaned.priorities or []),
                relations={key: list(ids) for key, ids in cleaned.relations.items() if ids},
            )
            for record, cleaned in zip(records, chunk, strict=True)
        ]  # fmt: skip
        snapshots = {
            item.record.pk: Snapshot(
                settlement_ids=sorted(s.pk for s in item.settlements),
                priority_ids=sorted(p.pk for p in item.priorities),
                relations=item.relations,
            )
            for item in written
        }
        record_versions_copy(
            records, user=user, reason="created", created=True, snapshots=snapshots
        )
        planner_statistics_refresh()
        hooks.record_changed(
            [record.pk for record in records], "created", bulk=True, written=written
        )
        yield records


def _reserved_ids(count: int) -> list[int]:
    """PostgreSQL: ``count`` new record ids taken from the table's own sequence, in order, so
    the rows are written with their ids (no read of them back by their slugs, which cost 1 s
    of a 100,000-row import). SQLite assigns them on insert, read back by slug instead."""
    table = Record._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return sorted(pk for (pk,) in cursor.fetchall())


def planner_statistics_refresh() -> None:
    """Give SQLite's query planner fresh statistics of the record tables after a bulk write.

    SQLite has none until ``ANALYZE`` runs, and then guesses that an equality on any index
    (``status = 'published'``) matches ten rows: a query joining the records by status can
    then read every published record. An approximate ``ANALYZE`` (at most
    ``ANALYSIS_LIMIT`` rows per index) of the records and relations is cheap (the figure is
    in docs/explanation/performance.md); the many-to-many tables are only ever searched by
    their record id.
    PostgreSQL needs nothing here: its planner knows the table sizes without statistics,
    and autovacuum analyses the tables after large changes.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT:d}")
        for model in (Record, RecordRelation):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        cursor.execute("PRAGMA analysis_limit = 0")  # SQLite's default: exact statistics


def _bulk_insert(catalog, definition, cleaned_items, user, status, is_demo, taken) -> list[Record]:
    """Insert the records as rows (``core.bulk_rows``), read their new ids back by their
    slugs (unique in the catalog), and return them as model instances loaded with those
    values (``Model.from_db``), each with its main settlement at hand."""
    now = timezone.now()
    user_id = user.pk if _user(user) is not None else None
    shared = {
        "catalog": catalog, "status": status, "is_demo": is_demo, "created_at": now,
        "updated_at": now, "created_by_id": user_id, "updated_by_id": user_id,
        "published_at": now if status == Record.Status.PUBLISHED else None,
    }  # fmt: skip
    # The defaults that are the same for every record, computed once for the chunk.
    defaults = {f.attname: f.get_default() for f in _COLUMNS if f not in _FRESH_DEFAULTS}
    rows, main_settlements = [], []
    for cleaned in cleaned_items:
        given = {**defaults, **cleaned.columns}
        settlement = given.pop("settlement", None)
        for field in _FRESH_DEFAULTS:
            if field.attname not in given:
                given[field.attname] = field.get_default()
        given.update(
            shared, values=cleaned.values or {}, privacy=_new_privacy(definition, {}, cleaned),
            settlement_id=settlement.pk if settlement is not None else None,
            slug=_unique_slug(slug_base(cleaned.columns["name"]), taken),
        )  # fmt: skip
        rows.append(_row_values(given))
        main_settlements.append(settlement)
    if connection.vendor == "postgresql":
        ids = _reserved_ids(len(rows))
        with_ids = [(pk, *row) for pk, row in zip(ids, rows, strict=True)]
        rows_insert(Record, ["id", *_COLUMN_NAMES], with_ids)
    else:
        rows_insert(Record, _COLUMN_NAMES, rows)
        by_slug = dict(
            Record.objects.filter(
                catalog=catalog, slug__in=[row[_SLUG_AT] for row in rows]
            ).values_list("slug", "pk")
        )
        ids = [by_slug[row[_SLUG_AT]] for row in rows]
    created = []
    for pk, row, settlement in zip(ids, rows, main_settlements, strict=True):
        loaded = [*row[:_ID_AT], pk, *row[_ID_AT:]]
        record = Record.from_db(Record.objects.db, _FIELD_NAMES, loaded)
        if settlement is not None:
            record.settlement = settlement
        created.append(record)
    settlement_rows, priority_rows, relation_rows = [], [], []
    for record, cleaned in zip(created, cleaned_items, strict=True):
        settlement_rows += [(record.pk, s.pk) for s in cleaned.settlements or []]
        priority_rows += [(record.pk, p.pk) for p in cleaned.priorities or []]
        relation_rows += [
            (record.pk, target, key, position)
            for key, targets in cleaned.relations.items()
            for position, target in enumerate(targets)
        ]
    rows_insert(Record.settlements.through, ["record_id", "settlement_id"], settlement_rows)
    rows_insert(Record.priorities.through, ["record_id", "strategypriority_id"], priority_rows)
    rows_insert(RecordRelation, ["source_id", "target_id", "field_key", "position"], relation_rows)
    return created
