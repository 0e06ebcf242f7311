"""Who may import into a catalog: asked here only.

Staff accounts for now. When the scoped editor roles of ``kozkincs.accounts.permissions``
exist, this delegates to them (editors within their scope) in this one place. Imports by
users who may not publish directly will have to go through moderation (change requests).
"""


def can_import(user, catalog_key: str) -> bool:
    """May ``user`` import records into ``catalog_key`` (and see and undo its imports)?"""
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
    )
