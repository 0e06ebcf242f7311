"""The uploaded files (``MEDIA_ROOT``) in a backup: copied into ``media/`` and back."""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from kozkincs.backups.errors import BackupError
from kozkincs.backups.files import file_copy, file_digest, private_directory_create, regular_files
from kozkincs.backups.manifest import MEDIA_DIRECTORY, FileEntry, Manifest, file_entry

MediaCopy = tuple[Path, Path, FileEntry]
"""(the file in the backup, where it goes under MEDIA_ROOT, its manifest entry)"""


def media_backup(destination: Path) -> list[FileEntry]:
    """Copy the uploaded files (when there are any) into ``media/``, private like the rest."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    entries = []
    for relative in regular_files(root):
        target = destination / MEDIA_DIRECTORY / relative
        for directory in reversed(target.parents):
            if destination in directory.parents and not directory.exists():
                private_directory_create(directory)
        try:
            digest = file_copy(root / relative, target)
        except FileNotFoundError:
            continue  # deleted since the directory was listed: not part of this backup
        entries.append(file_entry(f"{MEDIA_DIRECTORY}/{relative}", digest))
    return entries


def media_restore_plan(source: Path, manifest: Manifest) -> tuple[list[MediaCopy], int]:
    """``([(backup file, target, entry)], files already in place)``; refuses a target that
    exists with other content, or that a symbolic link would lead out of MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT).absolute()
    plan, present = [], 0
    for entry in manifest.media_files:
        target = root / entry.path.removeprefix(MEDIA_DIRECTORY + "/")
        if root.resolve() not in target.resolve().parents:
            raise BackupError(
                _("%(path)s leads outside the directory of uploaded files; fix it and try again.")
                % {"path": target}
            )
        if target.exists() or target.is_symlink():
            if target.is_file() and file_digest(target).sha256 == entry.sha256:
                present += 1
                continue
            raise BackupError(
                _(
                    "%(path)s already exists and differs from the file in the backup: move it "
                    "aside and run restore again."
                )
                % {"path": target}
            )
        plan.append((source / entry.path, target, entry))
    return plan, present


def media_restore(plan: list[MediaCopy]) -> None:
    """Copy the uploaded files back with the permissions new uploads get."""
    file_mode = settings.FILE_UPLOAD_PERMISSIONS or 0o644
    directory_mode = settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS or 0o777
    for backup_file, target, entry in plan:
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=directory_mode)
            digest = file_copy(backup_file, target, mode=file_mode)
        except OSError as error:
            raise BackupError(
                _("The database was restored, but copying %(path)s failed: %(problem)s")
                % {"path": target, "problem": error}
            ) from error
        if digest.sha256 != entry.sha256:
            raise BackupError(
                _(
                    "The checksum of %(path)s does not match the manifest: the file was changed "
                    "or damaged after the backup was made."
                )
                % {"path": backup_file}
            )
