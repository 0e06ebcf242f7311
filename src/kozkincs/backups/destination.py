"""The directory a backup is written to: new (its parent exists) or empty, writable, private."""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from kozkincs.backups.errors import BackupError
from kozkincs.backups.files import directory_is_empty, private_directory_create


def _not_writable(path: Path) -> BackupError:
    return BackupError(
        _("%(path)s is not writable for this user: choose a directory you may write to.")
        % {"path": path}
    )


def destination_prepare(destination: Path) -> bool:
    """Check ``destination`` and make it a private directory; True when it was created."""
    media_root, resolved = Path(settings.MEDIA_ROOT).resolve(), destination.resolve()
    if resolved == media_root or media_root in resolved.parents:
        raise BackupError(
            _("%(path)s is inside the directory of uploaded files (%(media)s): choose another.")
            % {"path": destination, "media": media_root}
        )
    if destination.exists():
        if not destination.is_dir():
            raise BackupError(
                _("%(path)s exists and is not a directory: give a new directory for the backup.")
                % {"path": destination}
            )
        if not directory_is_empty(destination):
            raise BackupError(
                _(
                    "%(path)s exists and is not empty: give a new (or empty) directory for "
                    "each backup, for example one named after the date."
                )
                % {"path": destination}
            )
        if not os.access(destination, os.W_OK | os.X_OK):
            raise _not_writable(destination)
        try:
            destination.chmod(0o700)
        except PermissionError as error:
            raise _not_writable(destination) from error
        return False
    parent = destination.parent
    if not parent.is_dir():
        raise BackupError(
            _(
                "The directory %(path)s does not exist. Create it first (a missing directory "
                "may be a backup disk that is not mounted)."
            )
            % {"path": parent}
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _not_writable(parent)
    try:
        private_directory_create(destination)
    except PermissionError as error:
        raise _not_writable(parent) from error
    except OSError as error:  # a dangling symbolic link, or created meanwhile
        raise BackupError(
            _("Could not create the directory %(path)s: %(problem)s")
            % {"path": destination, "problem": error}
        ) from error
    return True


def destination_clear(destination: Path, *, remove: bool) -> None:
    """Remove what a failed backup wrote (``destination`` was new or empty before)."""
    if not destination.is_dir():
        return
    for entry in os.scandir(destination):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            Path(entry.path).unlink(missing_ok=True)
    if remove:
        destination.rmdir()
