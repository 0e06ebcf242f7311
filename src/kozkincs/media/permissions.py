"""Who may manage a record's photos and files, and who may see them: asked here only.

Two questions, one function each, so that the scoped roles of the accounts app can take over
in one place (see docs/reference/media.md, "Permissions"). Until then:

- managing (upload, edit, reorder, cover, delete): active staff accounts;
- seeing: a published record's photos and public files are for everyone; "members" files for
  any logged-in account, "staff" files for staff; a record that is not published shows nothing
  of its own to anyone but those who may manage it.
"""

from kozkincs.catalog.models import Record
from kozkincs.media.models import Visibility


def media_can_manage(user, record: Record) -> bool:
    """May ``user`` add, change, reorder and delete the photos and files of ``record``?"""
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
    )


def media_can_see(user, record: Record, visibility: str = Visibility.PUBLIC) -> bool:
    """May ``user`` see a photo or file of ``record`` shown to ``visibility``?

    Photos are always ``public``; a document says its own visibility.
    """
    if record.status != Record.Status.PUBLISHED:
        return media_can_manage(user, record)
    if visibility == Visibility.PUBLIC:
        return True
    if user is None or not user.is_authenticated or not getattr(user, "is_active", False):
        return False
    if visibility == Visibility.MEMBERS:
        return True
    return getattr(user, "is_staff", False) or media_can_manage(user, record)
