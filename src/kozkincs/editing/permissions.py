"""Who may propose, create, edit, publish and moderate records: asked here only.

The five questions (``can_propose``, ``can_create_in``, ``can_edit_record``, ``can_publish``,
``is_moderator``) are answered by the accounts app's scoped roles
(``kozkincs.accounts.permissions``): contributors (any confirmed account) propose; editors
create and edit within their catalogs and settlements, and members edit the record of their
organisation, but their changes wait for a moderator; moderators (within their scope) and
administrators publish and decide on change requests.

The pages combine them (``can_open_create_form``, ``can_open_edit_form``): whoever may propose
opens the form of a new record and of any published record; what they send becomes a change
request unless they may publish.
"""

from kozkincs.accounts import permissions as roles
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get


def can_propose(user) -> bool:
    """May ``user`` propose a new record or a change (that a moderator then decides on)?"""
    return roles.can_propose(user)


def can_create_in(user, catalog_key: str, settlement=None) -> bool:
    """May ``user`` create records of ``catalog_key`` at ``settlement`` (not just propose)?"""
    return roles.can_create_in(user, catalog_key, settlement)


def can_edit_record(user, record: Record) -> bool:
    """May ``user`` edit ``record`` itself, drafts included (not just propose a change)?"""
    return roles.can_edit_record(user, record)


def can_publish(user, record: Record | None = None, catalog_key: str | None = None,
                settlement=None) -> bool:  # fmt: skip
    """May ``user`` save ``record`` (or records of ``catalog_key`` at ``settlement``) directly,
    publish them and set them back to draft, without a change request?"""
    return roles.can_publish(user, record=record, catalog_key=catalog_key, settlement=settlement)


def is_moderator(user, catalog_key: str | None = None, settlement=None) -> bool:
    """May ``user`` decide on change requests (of ``catalog_key`` at ``settlement``; with
    neither: on some change requests, which shows the queue)?"""
    return roles.is_moderator(user, catalog_key, settlement)


def moderation_scopes(user):
    """Where ``user`` decides on change requests (see ``accounts.permissions``)."""
    return roles.moderation_scopes(user)


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
