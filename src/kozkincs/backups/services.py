"""Back up an installation, check a backup, and restore one into an empty database.

Not ``@transaction.atomic`` like other services: a backup reads through a snapshot of its own
(SQLite's backup API, PostgreSQL's exported snapshot) and a restore replaces the whole database
with SQLite's backup API or ``pg_restore``. Instead, each function checks everything it can
first and raises ``BackupError`` (a translated message) before anything is changed.
"""

import sqlite3
from importlib.metadata import PackageNotFoundError, version
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from kozkincs.backups import postgresql, sqlite
from kozkincs.backups.destination import destination_clear, destination_prepare
from kozkincs.backups.errors import BackupError
from kozkincs.backups.files import file_digest, file_sync
from kozkincs.backups.manifest import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    Counts,
    DatabaseEntry,
    Manifest,
    backup_files_check,
    file_entry,
    manifest_read,
    manifest_write,
)
from kozkincs.backups.media import media_backup, media_restore, media_restore_plan
from kozkincs.backups.reports import VENDOR_NAMES, BackupReport, RestoreReport, VerifyReport
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get
from kozkincs.gazetteer.models import Settlement
from kozkincs.search.models import SearchDocument

__all__ = [
    "BackupError",
    "BackupReport",
    "RestoreReport",
    "VerifyReport",
    "backup_create",
    "backup_restore",
    "backup_verify",
]


# --- Backup ----------------------------------------------------------------------------------
def backup_create(*, destination: Path) -> BackupReport:
    """Write a backup of the configured database and the uploaded files into ``destination``, a
    directory that does not exist yet (its parent does) or is empty. On failure nothing of the
    backup is left behind."""
    destination = Path(destination).absolute()
    created_directory = destination_prepare(destination)
    try:
        manifest = _backup_write(destination)
    except BaseException as error:
        destination_clear(destination, remove=created_directory)
        if isinstance(error, OSError | sqlite3.Error):
            raise BackupError(
                _("The backup to %(path)s failed; what it had written was removed. %(problem)s")
                % {"path": destination, "problem": error}
            ) from error
        raise
    return BackupReport(path=destination, manifest=manifest)


def _kozkincs_version() -> str:
    try:
        return version("kozkincs")
    except PackageNotFoundError:
        return "unknown"


def _database_dump(destination: Path):
    """Dump the configured database; returns (its manifest entry, the snapshot read)."""
    vendor = connection.vendor
    if vendor == "sqlite":
        snapshot = sqlite.sqlite_dump(
            database=connection.settings_dict["NAME"], target=destination / sqlite.DATABASE_FILE
        )
        entry = DatabaseEntry(
            vendor="sqlite", file=sqlite.DATABASE_FILE, server_version=snapshot.server_version
        )
    elif vendor == "postgresql":
        snapshot = postgresql.postgresql_dump(
            settings_dict=connection.settings_dict, target=destination / postgresql.DATABASE_FILE
        )
        entry = DatabaseEntry(
            vendor="postgresql",
            file=postgresql.DATABASE_FILE,
            server_version=snapshot.server_version,
            client_version=snapshot.client_version,
        )
    else:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL; the configured database is %(vendor)s.")
            % {"vendor": vendor}
        )
    return entry, snapshot


def _backup_write(destination: Path) -> Manifest:
    created = timezone.now()
    database, snapshot = _database_dump(destination)
    database_path = destination / database.file
    file_sync(database_path)
    files = [file_entry(database.file, file_digest(database_path))]
    files += media_backup(destination)
    manifest = Manifest(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        created=created,
        kozkincs_version=_kozkincs_version(),
        database=database,
        migrations=snapshot.migrations,
        counts=snapshot.counts,
        catalogs=snapshot.catalogs,
        files=files,
    )
    manifest_write(destination, manifest)  # last: a backup without a manifest is incomplete
    file_sync(destination / MANIFEST_NAME)
    file_sync(destination)
    return manifest


# --- Verify ----------------------------------------------------------------------------------
def backup_verify(*, source: Path) -> VerifyReport:
    """Check the backup in ``source`` without restoring it: the manifest, every file's size and
    checksum, nothing extra, and (SQLite) the database file's own consistency check."""
    source = Path(source).absolute()
    manifest = manifest_read(source)
    backup_files_check(source, manifest)
    _database_file_check(source, manifest)
    return VerifyReport(path=source, manifest=manifest)


def _database_file_check(source: Path, manifest: Manifest) -> None:
    if manifest.database.vendor == "sqlite":
        sqlite.sqlite_check(source=source / manifest.database.file)


# --- Restore ---------------------------------------------------------------------------------
def backup_restore(*, source: Path) -> RestoreReport:
    """Restore the backup in ``source`` into the configured database, which must be empty (no
    records, no settlements), then migrate, bring the search index into agreement and put the
    uploaded files back. Everything is checked before anything changes."""
    source = Path(source).absolute()
    manifest = manifest_read(source)
    backup_files_check(source, manifest)
    _vendor_check(manifest)
    _database_file_check(source, manifest)
    _schema_known_check(manifest)
    _catalogs_known_check(manifest)
    client = None
    if manifest.database.vendor == "postgresql":
        client = postgresql.restore_client(dump_client_version=manifest.database.client_version)
    _target_empty_check(manifest)
    media_plan, media_present = media_restore_plan(source, manifest)

    _database_load(source / manifest.database.file, client)
    index_output = _search_index_bring_into_agreement()
    media_restore(media_plan)
    counts = _counts_now()
    _counts_check(manifest, counts)
    return RestoreReport(
        path=source,
        manifest=manifest,
        counts=counts,
        index_output=index_output,
        media_restored=len(media_plan),
        media_present=media_present,
    )


def _database_load(database_file: Path, client: postgresql.PgClient | None) -> None:
    """Replace the configured database's contents with the backup's, then migrate."""
    connections.close_all()
    try:
        if client is None:
            sqlite.sqlite_load(source=database_file, database=connection.settings_dict["NAME"])
        else:
            postgresql.postgresql_load(
                settings_dict=connection.settings_dict, source=database_file, client=client
            )
        call_command("migrate", interactive=False, verbosity=0)
    except (OSError, DatabaseError, sqlite3.Error) as error:
        raise BackupError(
            _("Restoring the database failed: %(problem)s") % {"problem": error}
        ) from error


def _search_index_bring_into_agreement() -> str:
    """Compare the index with the restored records in full and repair what differs: the index
    in the backup may predate the snapshot's records (a backup of an older version) or a
    migration may have changed how documents are built."""
    output = StringIO()
    try:
        call_command("check_index", repair=True, stdout=output)
    except CommandError as error:
        raise BackupError(
            _("The database was restored, but the search index could not be repaired: %(problem)s")
            % {"problem": error}
        ) from error
    return output.getvalue()


def _vendor_check(manifest: Manifest) -> None:
    if manifest.database.vendor != connection.vendor:
        raise BackupError(
            _(
                "This is a backup of a %(backup)s database, but the configured database is "
                "%(configured)s. A backup restores only into the same kind of database: set "
                "DATABASE_URL to a %(backup)s database."
            )
            % {
                "backup": VENDOR_NAMES[manifest.database.vendor],
                "configured": VENDOR_NAMES.get(connection.vendor, connection.vendor),
            }
        )


def _schema_known_check(manifest: Manifest) -> None:
    """Refuse a backup from a newer Közkincs: ``migrate`` could not bring it up to date."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or [])
    unknown = sorted(
        (app, name)
        for app, names in manifest.migrations.items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            _(
                "This backup was made by a newer version of Közkincs (its database has the "
                "migration %(migration)s, which this version does not know). Install Közkincs "
                "%(version)s or newer, then restore."
            )
            % {"migration": ".".join(unknown[0]), "version": manifest.kozkincs_version}
        )


def _catalogs_known_check(manifest: Manifest) -> None:
    """Refuse records whose catalog is not defined here: they could be neither shown nor
    indexed (the definition files of ``KOZKINCS_CATALOG_DIRS`` are configuration, not data)."""
    unknown = sorted(key for key in manifest.catalogs if catalog_get(key) is None)
    if unknown:
        raise BackupError(
            _(
                "The backup holds records of catalogs that this installation does not define: "
                "%(catalogs)s. Make their definition files available (KOZKINCS_CATALOG_DIRS) as "
                "on the machine the backup was made on, then restore."
            )
            % {"catalogs": ", ".join(unknown)}
        )


def _target_empty_check(manifest: Manifest) -> None:
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and not sqlite.sqlite_database_exists(name):
        return
    try:
        tables = set(connection.introspection.table_names())
        holds_content = any(
            model._meta.db_table in tables and model.objects.exists()
            for model in (Record, Settlement)
        )
        applied = (
            set(MigrationRecorder(connection).applied_migrations())
            if "django_migrations" in tables
            else set()
        )
    except DatabaseError as error:
        raise BackupError(
            _("Could not read the configured database %(name)s: %(problem)s")
            % {"name": name, "problem": error}
        ) from error
    if holds_content:
        raise BackupError(_not_empty_message(name))
    in_backup = {
        (app, migration) for app, names in manifest.migrations.items() for migration in names
    }
    newer = sorted(applied - in_backup)
    if connection.vendor == "postgresql" and newer:
        # pg_restore replaces the backup's tables only: later tables would stay and break migrate.
        raise BackupError(
            _(
                "The configured database %(name)s has a newer schema than the backup (the "
                "migration %(migration)s is applied). Create a new, empty database (createdb), "
                "point DATABASE_URL at it and run restore again."
            )
            % {"name": name, "migration": ".".join(newer[0])}
        )


def _not_empty_message(name: str) -> str:
    if connection.vendor == "sqlite":
        return _(
            "The configured database %(name)s already holds records or settlements; a backup "
            "is only restored into an empty database. Stop the portal, move the database file "
            "(and its -wal and -shm files) aside or set DATABASE_URL to a new file, then run "
            "restore again."
        ) % {"name": name}
    return _(
        "The configured database %(name)s already holds records or settlements; a backup is "
        "only restored into an empty database. Create a new, empty database (createdb), point "
        "DATABASE_URL at it and run restore again."
    ) % {"name": name}


def _counts_now() -> Counts:
    return Counts(
        records=Record.objects.count(),
        published_records=Record.objects.filter(status=Record.Status.PUBLISHED).count(),
        relations=RecordRelation.objects.count(),
        settlements=Settlement.objects.count(),
        indexed_records=SearchDocument.objects.count(),
    )


def _counts_check(manifest: Manifest, counts: Counts) -> None:
    labels = {
        "records": _("records"),
        "published_records": _("published records"),
        "relations": _("relations"),
        "settlements": _("settlements"),
    }
    for name, label in labels.items():
        found, expected = getattr(counts, name), getattr(manifest.counts, name)
        if found != expected:
            raise BackupError(
                _(
                    "The database was restored, but its number of %(what)s is %(found)d where "
                    "the manifest says %(expected)d. Do not use it before you have found out why."
                )
                % {"what": label, "found": found, "expected": expected}
            )
