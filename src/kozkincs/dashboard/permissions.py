"""Who may record indicator values and start the computation: asked of the accounts app's
roles (moderators, administrators, and staff accounts without a grant)."""

from kozkincs.accounts.permissions import is_moderator


def can_record_values(user) -> bool:
    return is_moderator(user)
