"""Who may see a record's history, revert it, use the trash and purge: asked here only.

One function per question, so that the scoped roles of the accounts app can take over in one
place. Until then: seeing, comparing, reverting and restoring are for active staff accounts;
purging (deleting for good, with the history) for active superusers (administrators).
"""

from kozkincs.catalog.models import Record


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and getattr(user, "is_active", False))


def history_can_view(user, record: Record | None = None) -> bool:
    """May ``user`` see the versions of ``record`` (or the trash, without a record)?"""
    return _active(user) and getattr(user, "is_staff", False)


def history_can_revert(user, record: Record | None = None) -> bool:
    """May ``user`` revert ``record`` to an earlier version, or restore it from the trash?"""
    return history_can_view(user, record)


def record_can_purge(user, record: Record | None = None) -> bool:
    """May ``user`` delete ``record`` for good, with its history?"""
    return _active(user) and getattr(user, "is_superuser", False)
