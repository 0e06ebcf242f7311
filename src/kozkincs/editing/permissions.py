"""Which editing forms a user may open.

Who may propose, create, edit, publish and moderate records is decided in one place, the
accounts app's scoped roles (``kozkincs.accounts.permissions``: ``can_propose``,
``can_create_in``, ``can_edit_record``, ``can_publish``, ``is_moderator``), which the editing
app asks directly: contributors (any confirmed account) propose; editors
create and edit within their catalogs and settlements, and members edit the record of their
organisation, but their changes wait for a moderator; moderators (within their scope) and
administrators publish and decide on change requests.

The pages combine them (``can_open_create_form``, ``can_open_edit_form``): whoever may propose
opens the form of a new record and of any published record; what they send becomes a change
request unless they may publish.
"""

from kozkincs.accounts.permissions import can_create_in, can_edit_record, can_propose
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get


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
