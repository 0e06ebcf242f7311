"""Who may do what: THE place the portal's permission decisions are made.

Every other app's ``permissions.py`` (history, nominations, media, …) asks these functions;
none looks at ``is_staff`` or at the grants itself. The roles, widest last:

- **visitor**: not logged in (or an inactive account): reads what is public;
- **contributor**: an active account with a confirmed e-mail address: may propose;
- **editor**: a grant limited to catalogs and/or settlements: creates and edits the records
  in scope (a record is in scope when its catalog and its main settlement are); their
  changes wait for a moderator;
- **organisation member**: a grant pointing at one record (their organisation, art group or
  community): edits that record; changes wait for a moderator;
- **moderator**: publishes and decides (value repository committee); a moderator's grant may
  be limited like an editor's;
- **administrator**: everything, and manages accounts and grants. Superusers are
  administrators.

Active **staff accounts without a grant count as moderators** (everywhere): that keeps the
accounts made for the admin before roles existed working as they did; give them a grant to
narrow them, or take ``is_staff`` away.

The grants of a user are read once per user object (one request) and kept on it.
"""

from dataclasses import dataclass

from kozkincs.accounts.models import Role, RoleGrant

_CACHE_ATTRIBUTE = "_kozkincs_role_grants"


@dataclass(frozen=True)
class Grant:
    role: str
    catalogs: frozenset[str]
    settlement_ids: frozenset[int]
    record_id: int | None

    def covers(self, catalog_key: str | None, settlement_id: int | None) -> bool:
        """Is (catalog, settlement) in scope? ``None`` asks "anywhere on that side"."""
        if catalog_key is not None and self.catalogs and catalog_key not in self.catalogs:
            return False
        return not (
            settlement_id is not None
            and self.settlement_ids
            and settlement_id not in self.settlement_ids
        )


def _active(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )


def grants_of(user) -> tuple[Grant, ...]:
    """The active user's grants (empty for anyone else), read once per user object."""
    if not _active(user):
        return ()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        rows = RoleGrant.objects.filter(user=user).prefetch_related("settlements")
        cached = tuple(
            Grant(
                role=row.role,
                catalogs=frozenset(row.catalogs or ()),
                settlement_ids=frozenset(s.pk for s in row.settlements.all()),
                record_id=row.record_id,
            )
            for row in rows
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def grants_forget(user) -> None:
    """Drop the grants kept on ``user`` (after they changed)."""
    if user is not None and hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _settlement_id(settlement) -> int | None:
    if settlement is None:
        return None
    return settlement if isinstance(settlement, int) else settlement.pk


# A record of no settlement is in the scope of grants not limited to settlements only
# (primary keys start at 1, so no settlement-limited grant covers it).
NO_SETTLEMENT = 0


def _scope_of(record) -> tuple[str, int]:
    return record.catalog, record.settlement_id or NO_SETTLEMENT


def is_administrator(user) -> bool:
    if not _active(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(g.role == Role.ADMINISTRATOR for g in grants_of(user))


def is_moderator(user, catalog_key: str | None = None, settlement=None) -> bool:
    """A moderator (within ``catalog_key``/``settlement`` when given), or more."""
    if is_administrator(user):
        return True
    if not _active(user):
        return False
    grants = grants_of(user)
    if getattr(user, "is_staff", False) and not grants:
        return True
    settlement_id = _settlement_id(settlement)
    return any(g.role == Role.MODERATOR and g.covers(catalog_key, settlement_id) for g in grants)


def _has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def is_contributor(user) -> bool:
    """Any active account with a confirmed e-mail address (or a role, which implies one)."""
    if not _active(user):
        return False
    return bool(
        grants_of(user)
        or getattr(user, "is_staff", False)
        or getattr(user, "is_superuser", False)
        or _has_verified_email(user)
    )


def can_propose(user) -> bool:
    """May ``user`` propose a new record or a change (that a moderator then decides on)?"""
    return is_contributor(user)


def _is_editor_for(user, catalog_key: str | None, settlement_id: int | None) -> bool:
    return any(
        g.role == Role.EDITOR and g.covers(catalog_key, settlement_id) for g in grants_of(user)
    )


def can_create_in(user, catalog_key: str, settlement) -> bool:
    """May ``user`` create a record in ``catalog_key`` at ``settlement`` (not just propose)?"""
    settlement_id = _settlement_id(settlement)
    return is_moderator(user, catalog_key, settlement_id) or _is_editor_for(
        user, catalog_key, settlement_id
    )


def is_member_of(user, record) -> bool:
    return any(g.role == Role.MEMBER and g.record_id == record.pk for g in grants_of(user))


def can_edit_record(user, record) -> bool:
    """Editors within scope, members of that record, moderators, administrators."""
    catalog_key, settlement_id = _scope_of(record)
    return (
        is_moderator(user, catalog_key, settlement_id)
        or _is_editor_for(user, catalog_key, settlement_id)
        or is_member_of(user, record)
    )


def can_publish(user, record=None, catalog_key: str | None = None, settlement=None) -> bool:
    """Moderators (within scope) and administrators only: editors' changes wait for them."""
    if record is not None:
        catalog_key, settlement = _scope_of(record)
    return is_moderator(user, catalog_key, settlement)


def moderation_scopes(user) -> list[tuple[frozenset[str], frozenset[int]]] | None:
    """Where ``user`` moderates: ``None`` for everywhere (administrators, unscoped moderators,
    staff without grants), else the (catalogs, settlement ids) of each moderator grant, an
    empty side meaning "any"; an empty list when nowhere."""
    if is_administrator(user):
        return None
    if not _active(user):
        return []
    grants = grants_of(user)
    if getattr(user, "is_staff", False) and not grants:
        return None
    scopes = [(g.catalogs, g.settlement_ids) for g in grants if g.role == Role.MODERATOR]
    return None if any(not c and not s for c, s in scopes) else scopes


def can_manage_accounts(user) -> bool:
    return is_administrator(user)


def requires_mfa(user) -> bool:
    """Moderators, administrators and staff must log in with a second factor."""
    return _active(user) and (getattr(user, "is_staff", False) or is_moderator(user))


def is_signed_in(user) -> bool:
    """An active, logged-in account (whatever its roles)."""
    return _active(user)


def member_record_ids(user) -> frozenset[int]:
    """The records (organisations, groups, communities) ``user`` is a member of."""
    return frozenset(g.record_id for g in grants_of(user) if g.role == Role.MEMBER and g.record_id)


def coordinates_network(user) -> bool:
    """The cultural network's coordinator (health page, ties reported on village visits, any
    tie confirmed): whoever moderates everywhere (administrators, moderators not limited to
    catalogs or settlements, staff accounts without grants)."""
    return _active(user) and moderation_scopes(user) is None


def can_coordinate_roundtable(user) -> bool:
    """May ``user`` plan roundtable meetings, invite, keep the minutes and record decisions?
    The network's coordinator (:func:`coordinates_network`)."""
    return coordinates_network(user)
