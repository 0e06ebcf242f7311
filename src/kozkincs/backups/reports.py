"""What the backup commands print: one report per service, one translated line per fact."""

from dataclasses import dataclass
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from kozkincs.backups.manifest import Counts, Manifest

VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _created(manifest: Manifest) -> str:
    return timezone.localtime(manifest.created).strftime("%Y-%m-%d %H:%M:%S")


def _contents_lines(manifest: Manifest, counts: Counts) -> list[str]:
    return [
        _(
            "Database (%(vendor)s): records: %(records)d (published: %(published)d), "
            "relations: %(relations)d, settlements: %(settlements)d."
        )
        % {
            "vendor": VENDOR_NAMES[manifest.database.vendor],
            "records": counts.records,
            "published": counts.published_records,
            "relations": counts.relations,
            "settlements": counts.settlements,
        },
        _("Uploaded files: %(count)d.") % {"count": len(manifest.media_files)},
    ]


@dataclass(frozen=True)
class BackupReport:
    path: Path
    manifest: Manifest

    def lines(self) -> list[str]:
        return [
            _("Backup written to %(path)s (%(size)s).")
            % {"path": self.path, "size": filesizeformat(self.manifest.size)},
            *_contents_lines(self.manifest, self.manifest.counts),
        ]


@dataclass(frozen=True)
class VerifyReport:
    path: Path
    manifest: Manifest

    def lines(self) -> list[str]:
        return [
            _("The backup %(path)s is complete: every file matches its checksum.")
            % {"path": self.path},
            _("Made at %(created)s by Közkincs %(version)s.")
            % {"created": _created(self.manifest), "version": self.manifest.kozkincs_version},
            *_contents_lines(self.manifest, self.manifest.counts),
        ]


@dataclass(frozen=True)
class RestoreReport:
    path: Path
    manifest: Manifest
    counts: Counts
    """What the restored database holds (equal to the manifest's counts)."""
    index_output: str
    media_restored: int
    media_present: int

    def lines(self) -> list[str]:
        return [
            _("The backup %(path)s is complete: every file matches its checksum.")
            % {"path": self.path},
            _("Database restored from the backup made at %(created)s; schema brought up to date.")
            % {"created": _created(self.manifest)},
            *self.index_output.strip().splitlines(),
            _("Uploaded files restored: %(restored)d (already in place: %(present)d).")
            % {"restored": self.media_restored, "present": self.media_present},
            *_contents_lines(self.manifest, self.counts)[:1],
            _("Restart the portal's processes so that they read the restored data."),
        ]
