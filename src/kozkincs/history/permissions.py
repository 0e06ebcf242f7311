"""Who may see a record's history, revert it, use the trash and purge: asked here only.

The decisions are the accounts app's (``accounts/permissions.py``): seeing, comparing,
reverting and restoring a record are for those who may edit it (editors within scope, members
of that record, moderators, administrators); the trash, which lists every deleted record, for
moderators and administrators; purging (deleting for good, with the history) for
administrators.
"""

from kozkincs.accounts.permissions import can_edit_record, is_administrator, is_moderator
from kozkincs.catalog.models import Record


def history_can_view(user, record: Record | None = None) -> bool:
    """May ``user`` see the versions of ``record`` (or the trash, without a record)?"""
    if record is None:
        return is_moderator(user)
    return can_edit_record(user, record)


def history_can_revert(user, record: Record | None = None) -> bool:
    """May ``user`` revert ``record`` to an earlier version, or restore it from the trash?"""
    return history_can_view(user, record)


def record_can_purge(user, record: Record | None = None) -> bool:
    """May ``user`` delete ``record`` for good, with its history?"""
    return is_administrator(user)
