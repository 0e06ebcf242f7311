"""Who may import into a catalog: asked here only.

An import writes and publishes many records at once, in every settlement its rows name, so it
is for those who may publish in the whole catalog: moderators whose scope is not limited to
some settlements (a moderator of the catalog, or of everything), administrators, and staff
accounts without a grant (``kozkincs.accounts.permissions``). Editors scoped to a village and
contributors cannot import yet: their rows would have to become change requests, one per
row, which the import does not make.
"""

from kozkincs.accounts import permissions as roles


def can_import(user, catalog_key: str) -> bool:
    """May ``user`` import records into ``catalog_key`` (and see and undo its imports)?"""
    scopes = roles.moderation_scopes(user)
    if scopes is None:
        return True
    return any(
        not settlement_ids and (not catalogs or catalog_key in catalogs)
        for catalogs, settlement_ids in scopes
    )
