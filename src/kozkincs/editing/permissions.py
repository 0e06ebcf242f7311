"""Who may propose, create, edit, publish and moderate records: asked here only.

The five functions ``can_propose``, ``can_create_in``, ``can_edit_record``, ``can_publish`` and
``is_moderator`` are the questions the accounts app's scoped roles answer too (editors of
catalogs or settlements, organisation members, moderators) in
``kozkincs.accounts.permissions``; once it is in place these delegate to it. Until then the rule
is staff-based: active staff create, edit, publish and moderate everything; any other active,
logged-in user proposes, and each proposal waits for a moderator as a change request.

The pages combine them (``can_open_create_form``, ``can_open_edit_form``): whoever may propose
opens the form of a new record and of any published record; what they send becomes a change
request unless they may publish.
"""

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and getattr(user, "is_active", False))


def _staff(user) -> bool:
    return _active(user) and bool(getattr(user, "is_staff", False))


def can_propose(user) -> bool:
    """May ``user`` propose a new record or a change (that a moderator then decides on)?"""
    return _active(user)


def can_create_in(user, catalog_key: str, settlement=None) -> bool:
    """May ``user`` create records of ``catalog_key`` at ``settlement`` (not just propose)?"""
    return _staff(user)


def can_edit_record(user, record: Record) -> bool:
    """May ``user`` edit ``record`` itself, drafts included (not just propose a change)?"""
    return _staff(user)


def can_publish(user, record: Record | None = None, catalog_key: str | None = None,
                settlement=None) -> bool:  # fmt: skip
    """May ``user`` save ``record`` (or records of ``catalog_key`` at ``settlement``) directly,
    publish them and set them back to draft, without a change request?"""
    return _staff(user)


def is_moderator(user, catalog_key: str | None = None, settlement=None) -> bool:
    """May ``user`` decide on change requests (of ``catalog_key`` at ``settlement``; with
    neither: on some change requests, which shows the queue)?"""
    return _staff(user)


def can_open_create_form(user, catalog_key: str, settlement=None) -> bool:
    if catalog_get(catalog_key) is None:
        return False
    return can_propose(user) or can_create_in(user, catalog_key, settlement)


def can_open_edit_form(user, record: Record) -> bool:
    """Trashed records are restored first (history pages); drafts are for their editors."""
    if record.status == Record.Status.ARCHIVED:
        return False
    if record.status == Record.Status.PUBLISHED and can_propose(user):
        return True
    return can_edit_record(user, record)
