"""Who may manage a record's photos and files, and who may see them: asked here only.

Two questions, one function each, answered by the roles of the accounts app
(``accounts/permissions.py``; docs/reference/media.md, "Permissions"):

- managing (upload, edit, reorder, cover, delete): those who may edit the record (editors
  within scope, members of that record, moderators, administrators);
- seeing: a published record's photos and public files are for everyone; "members" files for
  any logged-in account, "staff" files for moderators and administrators (and those who may
  manage the record); a record that is not published shows nothing of its own to anyone but
  those who may manage it.
"""

from kozkincs.accounts.permissions import can_edit_record, is_moderator
from kozkincs.catalog.models import Record
from kozkincs.media.models import Visibility


def media_can_manage(user, record: Record) -> bool:
    """May ``user`` add, change, reorder and delete the photos and files of ``record``?"""
    return can_edit_record(user, record)


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
    return is_moderator(user) or media_can_manage(user, record)
